/* SPDX-License-Identifier: MIT */
/* Option parsing and --help, both driven by one table. Options may come
 * before or after the files; "--" ends them; "-" is a file (stdin). */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

enum opt_id {
	OPT_FORMAT,
	OPT_OUTPUT,
	OPT_LANG,
	OPT_REFERENTIEL,
	OPT_TODAY,
	OPT_KIND,
	OPT_JOBS,
	OPT_QUIET,
	OPT_SUMMARY,
	OPT_COLOR,
	OPT_NO_COLOR,
	OPT_HELP,
	OPT_VERSION,
	OPT_MANIFEST,
	OPT_PROGRESS,
	OPT_NO_PROGRESS
};

#define CMD_RUN (CLI_CMD_CHECK | CLI_CMD_DOSSIER | CLI_CMD_AUDIT)
#define CMD_ALL (CMD_RUN | CLI_CMD_EXTRACT | CLI_CMD_RULES)
#define CMD_DOC (CMD_RUN | CLI_CMD_EXTRACT)

typedef struct opt_spec {
	enum opt_id id;
	char short_name;       /* 0: none */
	const char *long_name; /* without "--" */
	const char *arg_fr;    /* NULL: a flag */
	const char *arg_en;
	unsigned commands; /* CLI_CMD_* where it applies */
	const char *help_fr;
	const char *help_en;
} opt_spec;

static const opt_spec options[] = {
	{ OPT_FORMAT, 0, "format", "FORMAT", "FORMAT", CMD_ALL,
	  "format du rapport : text (par défaut), json ; check, dossier, audit : aussi sarif, "
	  "junit, csv, html",
	  "report format: text (default), json; check, dossier, audit: also sarif, junit, csv, "
	  "html" },
	{ OPT_OUTPUT, 'o', "output", "FICHIER", "FILE", CMD_ALL,
	  "écrit le rapport dans FICHIER (d'un seul coup, jamais à moitié)",
	  "write the report to FILE (all at once, never half-written)" },
	{ OPT_LANG, 0, "lang", "fr|en", "fr|en", CMD_ALL,
	  "langue des messages (par défaut : celle de la locale, sinon le français)",
	  "language of messages (default: the locale's, else French)" },
	{ OPT_REFERENTIEL, 0, "referentiel", "FICHIER", "FILE", CMD_DOC,
	  "référentiel JSON à utiliser à la place du référentiel intégré",
	  "JSON referential to use instead of the embedded one" },
	{ OPT_TODAY, 0, "today", "AAAA-MM-JJ", "YYYY-MM-DD", CMD_DOC,
	  "date à laquelle juger les échéances (par défaut : aujourd'hui)",
	  "date deadlines are judged against (default: today)" },
	{ OPT_KIND, 0, "kind", "NATURE", "KIND", CMD_DOC,
	  "nature imposée : devis, bdc, mom ou va (par défaut : détectée)",
	  "force the kind: devis, bdc, mom or va (default: detected)" },
	{ OPT_JOBS, 0, "jobs", "N", "N", CMD_RUN,
	  "fichiers lus en parallèle (audit : le nombre de cœurs par défaut ; sinon 1)",
	  "files read in parallel (audit: the number of cores by default; else 1)" },
	{ OPT_QUIET, 'q', "quiet", NULL, NULL, CMD_RUN,
	  "n'affiche que les constats, sans les lignes de verdict ni la progression",
	  "print the findings only, without the verdict lines or the progress" },
	{ OPT_SUMMARY, 0, "summary", NULL, NULL, CMD_RUN,
	  "avec --format csv : une ligne par document (verdict, nombres de constats, règles)",
	  "with --format csv: one row per document (verdict, finding counts, rules)" },
	{ OPT_MANIFEST, 0, "manifest", "FICHIER", "FILE", CMD_RUN,
	  "écrit le manifeste JSON de l'exécution : chaque fichier, sa taille, son SHA-256, "
	  "son verdict, les versions de l'outil et du référentiel",
	  "write the run's JSON manifest: each file, its size, its SHA-256, its verdict, the "
	  "tool and referential versions" },
	{ OPT_PROGRESS, 0, "progress", NULL, NULL, CLI_CMD_AUDIT,
	  "progression sur la sortie d'erreur même hors d'un terminal",
	  "progress on stderr even when it is not a terminal" },
	{ OPT_NO_PROGRESS, 0, "no-progress", NULL, NULL, CLI_CMD_AUDIT,
	  "pas de progression (par défaut hors d'un terminal)",
	  "no progress (the default when stderr is not a terminal)" },
	{ OPT_COLOR, 0, "color", NULL, NULL, CMD_DOC, "couleurs ANSI même hors d'un terminal",
	  "ANSI colours even when not writing to a terminal" },
	{ OPT_NO_COLOR, 0, "no-color", NULL, NULL, CMD_DOC,
	  "pas de couleurs (par défaut sans terminal ou avec NO_COLOR)",
	  "no colours (the default without a terminal or with NO_COLOR)" },
	{ OPT_HELP, 'h', "help", NULL, NULL, CMD_ALL | CLI_CMD_TOP, "affiche cette aide",
	  "print this help" },
	{ OPT_VERSION, 0, "version", NULL, NULL, CLI_CMD_TOP,
	  "affiche la version de sons et du référentiel",
	  "print the version of sons and of the referential" },
};

#define NOPTIONS (sizeof(options) / sizeof(options[0]))

static const char *tr(sons_lang lang, const char *fr, const char *en)
{
	return lang == SONS_LANG_EN ? en : fr;
}

static sons_lang lang_from_env(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);
		if (v && v[0])
			return strncmp(v, "en", 2) == 0 ? SONS_LANG_EN : SONS_LANG_FR;
	}
	return SONS_LANG_FR;
}

sons_lang cli_lang_from_args(int argc, char **argv)
{
	sons_lang lang = lang_from_env();
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = NULL;
		if (strcmp(a, "--") == 0)
			break;
		if (strcmp(a, "--lang") == 0 && i + 1 < argc)
			v = argv[++i];
		else if (strncmp(a, "--lang=", 7) == 0)
			v = a + 7;
		if (v && strcmp(v, "en") == 0)
			lang = SONS_LANG_EN;
		else if (v && strcmp(v, "fr") == 0)
			lang = SONS_LANG_FR;
	}
	return lang;
}

static void vmessage(sons_lang lang, const char *fmt_fr, const char *fmt_en, va_list ap)
{
	fputs("sons: ", stderr);
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
	vfprintf(stderr, tr(lang, fmt_fr, fmt_en), ap);
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
	fputc('\n', stderr);
}

void cli_error(sons_lang lang, const char *fmt_fr, const char *fmt_en, ...)
{
	va_list ap;
	va_start(ap, fmt_en);
	vmessage(lang, fmt_fr, fmt_en, ap);
	va_end(ap);
}

int cli_usage_error(sons_lang lang, const char *cmd, const char *fmt_fr, const char *fmt_en, ...)
{
	va_list ap;
	va_start(ap, fmt_en);
	vmessage(lang, fmt_fr, fmt_en, ap);
	va_end(ap);
	const char *sp = cmd ? " " : "";
	if (!cmd)
		cmd = "";
	if (lang == SONS_LANG_EN)
		fprintf(stderr, "Try 'sons%s%s --help'.\n", sp, cmd);
	else
		fprintf(stderr, "Essayez « sons%s%s --help ».\n", sp, cmd);
	return CLI_EXIT_USAGE;
}

/* ------------------------------------------------------------------ */
/* values                                                               */

static int leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Exactly YYYY-MM-DD, a real calendar day between 1900 and 2999. */
static int valid_iso_date(const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	long y = (s[0] - '0') * 1000L + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1)
		return 0;
	int max = mdays[m - 1] + (m == 2 && leap(y));
	return d <= max;
}

static int set_value(cli_options *o, const opt_spec *sp, const char *v)
{
	sons_lang lang = o->lang;
	const char *c = o->command;
	switch (sp->id) {
	case OPT_FORMAT:
		if (strcmp(v, "text") == 0) {
			o->format = SONS_FORMAT_TEXT;
		} else if (strcmp(v, "json") == 0) {
			o->format = SONS_FORMAT_JSON;
		} else if (strcmp(v, "sarif") == 0) {
			o->format = SONS_FORMAT_SARIF;
		} else if (strcmp(v, "junit") == 0) {
			o->format = SONS_FORMAT_JUNIT;
		} else if (strcmp(v, "csv") == 0) {
			o->format = SONS_FORMAT_CSV;
		} else if (strcmp(v, "html") == 0) {
			o->format = SONS_FORMAT_HTML;
		} else {
			return cli_usage_error(
			        lang, c,
			        "format inconnu : « %s »"
			        " (text, json, sarif, junit, csv ou html)",
			        "unknown format: '%s' (text, json, sarif, junit, csv or html)", v);
		}
		return 0;
	case OPT_OUTPUT:
		if (!v[0])
			return cli_usage_error(lang, c, "-o : nom de fichier vide",
			                       "-o: empty file name");
		o->output = v;
		return 0;
	case OPT_LANG:
		if (strcmp(v, "fr") == 0)
			o->lang = SONS_LANG_FR;
		else if (strcmp(v, "en") == 0)
			o->lang = SONS_LANG_EN;
		else
			return cli_usage_error(lang, c,
			                       "langue inconnue : « %s »"
			                       " (fr ou en)",
			                       "unknown language: '%s' (fr or en)", v);
		return 0;
	case OPT_REFERENTIEL:
		if (!v[0])
			return cli_usage_error(lang, c, "--referentiel : nom de fichier vide",
			                       "--referentiel: empty file name");
		o->referentiel = v;
		return 0;
	case OPT_TODAY:
		if (!valid_iso_date(v))
			return cli_usage_error(lang, c,
			                       "--today : date invalide « %s "
			                       "» (attendu : AAAA-MM-JJ)",
			                       "--today: invalid date '%s' (expected YYYY-MM-DD)",
			                       v);
		o->today = v;
		return 0;
	case OPT_KIND: {
		sons_kind k;
		if (sons_kind_parse(&k, v) != SONS_OK || k == SONS_KIND_UNKNOWN)
			return cli_usage_error(lang, c,
			                       "--kind : nature inconnue « %s "
			                       "» (devis, bdc, mom ou va)",
			                       "--kind: unknown kind '%s' (devis, bdc, mom or va)",
			                       v);
		o->kind = k;
		return 0;
	}
	case OPT_JOBS: {
		char *end = NULL;
		errno = 0;
		long n = strtol(v, &end, 10);
		if (!v[0] || v[0] == '-' || v[0] == '+' || *end || errno || n < 1 || n > 1024)
			return cli_usage_error(lang, c,
			                       "--jobs : nombre invalide « %s "
			                       "» (1 à 1024)",
			                       "--jobs: invalid number '%s' (1 to 1024)", v);
		o->jobs = n;
		return 0;
	}
	case OPT_QUIET:
		o->quiet = 1;
		return 0;
	case OPT_SUMMARY:
		o->summary = 1;
		return 0;
	case OPT_COLOR:
		o->color = 1;
		return 0;
	case OPT_NO_COLOR:
		o->color = 0;
		return 0;
	case OPT_HELP:
		o->help = 1;
		return 0;
	case OPT_VERSION:
		o->version = 1;
		return 0;
	case OPT_MANIFEST:
		if (!v[0])
			return cli_usage_error(lang, c, "--manifest : nom de fichier vide",
			                       "--manifest: empty file name");
		o->manifest = v;
		return 0;
	case OPT_PROGRESS:
		o->progress = 1;
		return 0;
	case OPT_NO_PROGRESS:
		o->progress = 0;
		return 0;
	}
	return 0;
}

static const opt_spec *find_long(const char *name, size_t len)
{
	for (size_t i = 0; i < NOPTIONS; i++)
		if (strlen(options[i].long_name) == len &&
		    strncmp(options[i].long_name, name, len) == 0)
			return &options[i];
	return NULL;
}

static const opt_spec *find_short(char c)
{
	for (size_t i = 0; i < NOPTIONS; i++)
		if (options[i].short_name && options[i].short_name == c)
			return &options[i];
	return NULL;
}

static int not_here(const cli_options *o, const char *shown)
{
	return cli_usage_error(o->lang, o->command,
	                       "l'option « %s » ne s'applique pas à"
	                       " « sons %s »",
	                       "option '%s' does not apply to 'sons %s'", shown, o->command);
}

static int missing_arg(const cli_options *o, const char *shown)
{
	return cli_usage_error(o->lang, o->command, "l'option « %s » attend une valeur",
	                       "option '%s' needs a value", shown);
}

/* One "--name[=value]" at argv[*i]. */
static int parse_long(cli_options *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i] + 2;
	const char *eq = strchr(a, '=');
	size_t len = eq ? (size_t)(eq - a) : strlen(a);
	const opt_spec *sp = find_long(a, len);
	if (!sp)
		return cli_usage_error(o->lang, o->command, "option inconnue : « %s »",
		                       "unknown option: '%s'", argv[*i]);
	if (!(sp->commands & o->cmd))
		return not_here(o, argv[*i]);
	if (!sp->arg_fr) {
		if (eq)
			return cli_usage_error(o->lang, o->command,
			                       "l'option « --%s » n'accepte pas de valeur",
			                       "option '--%s' takes no value", sp->long_name);
		return set_value(o, sp, "");
	}
	if (eq)
		return set_value(o, sp, eq + 1);
	if (*i + 1 >= argc)
		return missing_arg(o, argv[*i]);
	return set_value(o, sp, argv[++*i]);
}

/* A cluster of short options at argv[*i]: "-q", "-qh", "-o FILE", "-oFILE". */
static int parse_short(cli_options *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i];
	for (size_t k = 1; a[k]; k++) {
		char shown[3] = { '-', a[k], '\0' };
		const opt_spec *sp = find_short(a[k]);
		if (!sp)
			return cli_usage_error(o->lang, o->command, "option inconnue : « %s »",
			                       "unknown option: '%s'", shown);
		if (!(sp->commands & o->cmd))
			return not_here(o, shown);
		if (!sp->arg_fr) {
			int rc = set_value(o, sp, "");
			if (rc)
				return rc;
			continue;
		}
		if (a[k + 1])
			return set_value(o, sp, a + k + 1);
		if (*i + 1 >= argc)
			return missing_arg(o, shown);
		return set_value(o, sp, argv[++*i]);
	}
	return 0;
}

static const char *format_name(sons_format f)
{
	switch (f) {
	case SONS_FORMAT_TEXT:
		return "text";
	case SONS_FORMAT_JSON:
		return "json";
	case SONS_FORMAT_SARIF:
		return "sarif";
	case SONS_FORMAT_JUNIT:
		return "junit";
	case SONS_FORMAT_CSV:
		return "csv";
	case SONS_FORMAT_HTML:
		break;
	}
	return "html";
}

/* Options that are fine alone but not together (they may come in any
 * order, so this is checked once everything is read). */
static int check_combination(const cli_options *o)
{
	if (o->help)
		return 0;
	if (!(o->cmd & CMD_RUN) && o->format != SONS_FORMAT_TEXT && o->format != SONS_FORMAT_JSON)
		return cli_usage_error(
		        o->lang, o->command,
		        "le format %s ne s'applique pas à « sons %s » (text ou json)",
		        "format %s does not apply to 'sons %s' (text or json)",
		        format_name(o->format), o->command);
	if (o->summary && o->format != SONS_FORMAT_CSV)
		return cli_usage_error(o->lang, o->command,
		                       "--summary ne s'applique qu'avec --format csv",
		                       "--summary applies only with --format csv");
	return 0;
}

int cli_parse(cli_options *o, unsigned cmd, int argc, char **argv)
{
	memset(o, 0, sizeof(*o));
	o->command = argv[0];
	o->cmd = cmd;
	o->format = SONS_FORMAT_TEXT;
	o->lang = cli_lang_from_args(argc, argv);
	o->kind = SONS_KIND_UNKNOWN;
	o->jobs = 0;
	o->color = -1;
	o->progress = -1;

	/* Operands are moved to the front of argv[1..], in order. */
	int nfiles = 0, only_files = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int rc = 0;
		if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
			argv[1 + nfiles++] = argv[i];
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_files = 1;
			continue;
		}
		if (a[1] == '-')
			rc = parse_long(o, argc, argv, &i);
		else
			rc = parse_short(o, argc, argv, &i);
		if (rc)
			return rc;
	}
	o->files = argv + 1;
	o->nfiles = nfiles;
	return check_combination(o);
}

/* ------------------------------------------------------------------ */
/* help                                                                 */

/* Display width of UTF-8 text (code points). */
static size_t width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

static void help_options(FILE *f, unsigned mask, sons_lang lang)
{
	size_t col = 0;
	for (size_t i = 0; i < NOPTIONS; i++) {
		const opt_spec *sp = &options[i];
		if (!(sp->commands & mask))
			continue;
		size_t w = 6 + strlen(sp->long_name) + 2;
		if (sp->arg_fr)
			w += 1 + width(tr(lang, sp->arg_fr, sp->arg_en));
		if (w > col)
			col = w;
	}
	for (size_t i = 0; i < NOPTIONS; i++) {
		const opt_spec *sp = &options[i];
		if (!(sp->commands & mask))
			continue;
		size_t w = 6 + strlen(sp->long_name);
		if (sp->short_name)
			fprintf(f, "  -%c, --%s", sp->short_name, sp->long_name);
		else
			fprintf(f, "      --%s", sp->long_name);
		if (sp->arg_fr) {
			const char *arg = tr(lang, sp->arg_fr, sp->arg_en);
			fprintf(f, " %s", arg);
			w += 1 + width(arg);
		}
		fprintf(f, "%*s%s\n", (int)(col - w), "", tr(lang, sp->help_fr, sp->help_en));
	}
}

static const char *exit_help(sons_lang lang)
{
	return tr(lang,
	          "Code de sortie : 0 si tous les documents sont conformes, 1 si au moins un"
	          " est non conforme,\n2 si au moins un n'a pas pu être vérifié (indéterminé)"
	          " ou en cas d'erreur d'usage.\n",
	          "Exit status: 0 when every document is compliant, 1 when at least one is"
	          " non-compliant,\n2 when at least one could not be checked (undetermined)"
	          " or on a usage error.\n");
}

void cli_help(FILE *f, unsigned cmd, sons_lang lang)
{
	const cli_command *c = NULL;
	for (size_t i = 0; cmd && (c = cli_command_at(i)) != NULL; i++)
		if (c->cmd == cmd)
			break;
	if (c) {
		const char *desc = tr(lang, c->desc_fr, c->desc_en);
		/* The one-line description, as a sentence. */
		int first = desc[0] >= 'a' && desc[0] <= 'z' ? desc[0] - 'a' + 'A' : desc[0];
		const char *args = tr(lang, c->args_fr, c->args_en);
		fprintf(f, "%s sons %s [OPTIONS]%s%s\n\n%c%s.\n\n%s\n",
		        tr(lang, "Usage :", "Usage:"), c->name, args[0] ? " " : "", args, first,
		        desc + 1, tr(lang, "Options :", "Options:"));
		help_options(f, cmd, lang);
		if (cmd != CLI_CMD_RULES)
			fprintf(f, "\n%s", exit_help(lang));
		return;
	}
	fprintf(f, "%s sons COMMANDE [OPTIONS] [FICHIER...]\n", tr(lang, "Usage :", "Usage:"));
	fprintf(f, "\n%s\n\n%s\n",
	        tr(lang,
	           "Vérifie les devis et documents SONS (Ségur numérique) selon le catalogue de"
	           " règles.",
	           "Checks SONS (Ségur numérique) quotes and documents against the rule"
	           " catalogue."),
	        tr(lang, "Commandes :", "Commands:"));
	size_t col = 0;
	for (size_t i = 0; (c = cli_command_at(i)) != NULL; i++) {
		const char *args = tr(lang, c->args_fr, c->args_en);
		size_t w = strlen(c->name) + (args[0] ? 1 + width(args) : 0);
		if (w > col)
			col = w;
	}
	for (size_t i = 0; (c = cli_command_at(i)) != NULL; i++) {
		const char *args = tr(lang, c->args_fr, c->args_en);
		size_t w = strlen(c->name) + (args[0] ? 1 + width(args) : 0);
		fprintf(f, "  %s%s%s%*s  %s%s\n", c->name, args[0] ? " " : "", args, (int)(col - w),
		        "", tr(lang, c->desc_fr, c->desc_en),
		        c->run ? "" : tr(lang, " (pas encore disponible)", " (not available yet)"));
	}
	fprintf(f, "\n%s\n", tr(lang, "Options :", "Options:"));
	help_options(f, CMD_ALL | CLI_CMD_TOP, lang);
	fprintf(f, "\n%s\n%s",
	        tr(lang, "Chaque commande a son aide : sons COMMANDE --help.",
	           "Each command has its own help: sons COMMAND --help."),
	        exit_help(lang));
}

int cli_flush_stdout(int rc, sons_lang lang)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error(lang, "écriture sur la sortie standard impossible",
		          "cannot write to standard output");
		return CLI_EXIT_USAGE;
	}
	return rc;
}

int cli_print_help(unsigned cmd, sons_lang lang)
{
	cli_help(stdout, cmd, lang);
	return cli_flush_stdout(0, lang);
}
