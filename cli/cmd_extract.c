/* SPDX-License-Identifier: MIT */
/* sons extract FILE...: prints what was read (parties, lines, amounts,
 * dates, DSRs) rather than the findings. Exit status 0 when every file
 * could be read, 2 otherwise: the verdict does not count here. */
#include "run.h"

int cmd_extract(int argc, char **argv)
{
	cli_options o;
	int rc = cli_parse(&o, CLI_CMD_EXTRACT, argc, argv);
	if (rc)
		return rc;
	if (o.help)
		return cli_print_help(CLI_CMD_EXTRACT, o.lang);
	if (!o.nfiles)
		return cli_usage_error(o.lang, o.command, "aucun fichier à lire",
		                       "no file to read");
	return cli_run_files(&o, CLI_RUN_EXTRACT);
}
