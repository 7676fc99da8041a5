/* SPDX-License-Identifier: MIT */
/* Command-line options: one static table (options.c) drives parsing and
 * generates --help. */
#ifndef SONS_CLI_OPTIONS_H
#define SONS_CLI_OPTIONS_H

#include <stdio.h>

#include <sons/sons.h>

#if defined(__GNUC__)
#define CLI_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define CLI_PRINTF(a, b)
#endif

/* Exit statuses of interfaces.md; the highest applicable one wins. */
enum {
	CLI_EXIT_CONFORME = 0,
	CLI_EXIT_NON_CONFORME = 1,
	CLI_EXIT_INDETERMINE = 2,
	CLI_EXIT_USAGE = 2
};

/* Sub-commands, as bits: each option says where it applies. */
enum {
	CLI_CMD_CHECK = 1u << 0,
	CLI_CMD_EXTRACT = 1u << 1,
	CLI_CMD_RULES = 1u << 2,
	CLI_CMD_TOP = 1u << 3, /* `sons --version`, `sons --help` */
	CLI_CMD_DOSSIER = 1u << 4,
	CLI_CMD_AUDIT = 1u << 5
};

typedef struct cli_options {
	const char *command; /* "check", "extract", "rules" */
	unsigned cmd;        /* CLI_CMD_* */
	sons_format format;
	const char *output;      /* -o FILE, or NULL for stdout */
	sons_lang lang;          /* --lang, else from the locale */
	const char *referentiel; /* --referentiel FILE */
	const char *today;       /* --today YYYY-MM-DD */
	sons_kind kind;          /* --kind, SONS_KIND_UNKNOWN: detect */
	long jobs;               /* --jobs N: files read in parallel; 0: default */
	const char *manifest;    /* --manifest FILE */
	int progress;            /* --progress / --no-progress; -1: when stderr is a terminal */
	int quiet;               /* --quiet: findings only */
	int summary;             /* --summary: csv, one row per document */
	int color;               /* -1: when stdout is a terminal; 0; 1 */
	int help;                /* -h, --help */
	int version;             /* --version (top level only) */
	char **files;            /* operands */
	int nfiles;
} cli_options;

/* The language of messages before the options are parsed: a --lang in
 * argv, else LC_ALL / LC_MESSAGES / LANG ("en…" gives English), else
 * French. */
sons_lang cli_lang_from_args(int argc, char **argv);

/* Parses argv[1..] of a sub-command (argv[0] is its name). Operands are
 * collected in o->files (pointing into argv). Returns 0, or
 * CLI_EXIT_USAGE after printing the reason. */
int cli_parse(cli_options *o, unsigned cmd, int argc, char **argv);

/* A sub-command (the table is in main.c). */
typedef struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv); /* NULL: reserved, not yet available */
	unsigned cmd;                      /* CLI_CMD_*, 0 when reserved */
	const char *args_fr, *args_en;     /* operands, for the usage line */
	const char *desc_fr, *desc_en;     /* one line */
} cli_command;

/* The i-th sub-command, or NULL past the end (main.c). */
const cli_command *cli_command_at(size_t i);

/* Prints the help of one sub-command (cmd != 0) or of sons itself, with
 * the options generated from the table. */
void cli_help(FILE *f, unsigned cmd, sons_lang lang);

/* cli_help() on stdout, then checks that it got there: returns 0, or
 * CLI_EXIT_USAGE after saying why. */
int cli_print_help(unsigned cmd, sons_lang lang);

/* Flushes stdout; on failure says so and returns CLI_EXIT_USAGE, else rc. */
int cli_flush_stdout(int rc, sons_lang lang);

/* "sons: reason" then "Essayez « sons [cmd] --help »." on stderr;
 * returns CLI_EXIT_USAGE. `cmd` may be NULL. */
int cli_usage_error(sons_lang lang, const char *cmd, const char *fmt_fr, const char *fmt_en, ...)
        CLI_PRINTF(3, 5) CLI_PRINTF(4, 5);

/* "sons: message" on stderr. */
void cli_error(sons_lang lang, const char *fmt_fr, const char *fmt_en, ...) CLI_PRINTF(2, 4)
        CLI_PRINTF(3, 4);

/* The sub-command entry points (cmd_*.c). argv[0] is the sub-command. */
int cmd_check(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_dossier(int argc, char **argv);
int cmd_audit(int argc, char **argv);

#endif
