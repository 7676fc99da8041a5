/* SPDX-License-Identifier: MIT */
/* sons: the command table and the dispatch to cmd_<name>.c. */
#include <string.h>

#include "options.h"

static const cli_command commands[] = {
	{ "check", cmd_check, CLI_CMD_CHECK, "FICHIER...", "FILE...",
	  "vérifie les documents un par un (nature détectée)",
	  "check documents one by one (kind detected)" },
	{ "dossier", cmd_dossier, CLI_CMD_DOSSIER, "FICHIER...", "FILE...",
	  "vérifie ensemble les documents d'une commande (devis, BDC, MOM, VA)",
	  "check the documents of one order together (quote, purchase order, MOM, VA)" },
	{ "audit", cmd_audit, CLI_CMD_AUDIT, "RÉPERTOIRE|FICHIER...", "DIR|FILE...",
	  "lot : tous les documents sous RÉPERTOIRE, contrôles croisés, synthèse",
	  "batch: every document under DIR, cross-document checks, a summary" },
	{ "rules", cmd_rules, CLI_CMD_RULES, "", "",
	  "liste le catalogue des règles (ID, gravité, famille, titre)",
	  "list the rule catalogue (ID, severity, family, title)" },
	{ "extract", cmd_extract, CLI_CMD_EXTRACT, "FICHIER...", "FILE...",
	  "affiche ce qui a été lu : parties, lignes, montants, dates, DSR",
	  "print what was read: parties, lines, amounts, dates, DSRs" },
};

const cli_command *cli_command_at(size_t i)
{
	return i < sizeof(commands) / sizeof(commands[0]) ? &commands[i] : NULL;
}

static const cli_command *find_command(const char *name)
{
	const cli_command *c;
	for (size_t i = 0; (c = cli_command_at(i)) != NULL; i++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static int print_version(sons_lang lang)
{
	sons_context *ctx = NULL;
	printf("sons %s\n", sons_version_string());
	if (sons_context_new(&ctx, NULL) == SONS_OK) {
		printf("%s%s\n", lang == SONS_LANG_EN ? "referential: " : "référentiel : ",
		       sons_context_referential_id(ctx));
		sons_context_free(ctx);
	}
	return 0;
}

int main(int argc, char **argv)
{
	sons_lang lang = cli_lang_from_args(argc, argv);
	if (argc < 2)
		return cli_usage_error(lang, NULL, "commande manquante (check, extract, rules…)",
		                       "missing command (check, extract, rules…)");
	const char *a = argv[1];
	if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
		return cli_print_help(0, lang);
	if (strcmp(a, "--version") == 0)
		return cli_flush_stdout(print_version(lang), lang);
	if (strcmp(a, "help") == 0) {
		const cli_command *c = argc > 2 ? find_command(argv[2]) : NULL;
		if (argc > 2 && (!c || !c->run))
			return cli_usage_error(lang, NULL, "pas d'aide pour « %s »",
			                       "no help for '%s'", argv[2]);
		return cli_print_help(c ? c->cmd : 0, lang);
	}
	if (a[0] == '-')
		return cli_usage_error(
		        lang, NULL,
		        "une commande est attendue avant « %s » (check, extract, rules…)",
		        "a command is expected before '%s' (check, extract, rules…)", a);
	const cli_command *c = find_command(a);
	if (!c)
		return cli_usage_error(lang, NULL, "commande inconnue : « %s »",
		                       "unknown command: '%s'", a);
	if (!c->run) {
		if (lang == SONS_LANG_EN)
			fprintf(stderr, "sons %s: not available yet in this version\n", c->name);
		else
			fprintf(stderr, "sons %s : pas encore disponible dans cette version\n",
			        c->name);
		return CLI_EXIT_USAGE;
	}
	return c->run(argc - 1, argv + 1);
}
