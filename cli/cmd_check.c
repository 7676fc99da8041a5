/* SPDX-License-Identifier: MIT */
/* sons check FILE...: checks each document on its own. */
#include "run.h"

int cmd_check(int argc, char **argv)
{
	cli_options o;
	int rc = cli_parse(&o, CLI_CMD_CHECK, argc, argv);
	if (rc)
		return rc;
	if (o.help)
		return cli_print_help(CLI_CMD_CHECK, o.lang);
	if (!o.nfiles)
		return cli_usage_error(o.lang, o.command, "aucun fichier à vérifier",
		                       "no file to check");
	return cli_run_files(&o, CLI_RUN_CHECK);
}
