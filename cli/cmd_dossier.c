/* SPDX-License-Identifier: MIT */
/* sons dossier FILE...: the documents of one order checked together;
 * sons audit DIR|FILE...: a batch, dossiers assembled by order number,
 * double financing across it, a summary. */
#include "run.h"

static int run(int argc, char **argv, unsigned cmd)
{
	cli_options o;
	int rc = cli_parse(&o, cmd, argc, argv);
	if (rc)
		return rc;
	if (o.help)
		return cli_print_help(cmd, o.lang);
	if (!o.nfiles)
		return cli_usage_error(
		        o.lang, o.command,
		        cmd == CLI_CMD_AUDIT ? "aucun répertoire ni fichier à auditer"
		                             : "aucun fichier à vérifier",
		        cmd == CLI_CMD_AUDIT ? "no folder or file to audit" : "no file to check");
	return cli_run_files(&o, cmd == CLI_CMD_AUDIT ? CLI_RUN_AUDIT : CLI_RUN_DOSSIER);
}

int cmd_dossier(int argc, char **argv)
{
	return run(argc, argv, CLI_CMD_DOSSIER);
}

int cmd_audit(int argc, char **argv)
{
	return run(argc, argv, CLI_CMD_AUDIT);
}
