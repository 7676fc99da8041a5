/* SPDX-License-Identifier: MIT */
/* sons rules: the rule catalogue, as text (one rule a line) or JSON. */
#include <stdlib.h>
#include <string.h>

#include "run.h"

static const char *severity_word(sons_severity s, sons_lang lang)
{
	int en = lang == SONS_LANG_EN;
	switch (s) {
	case SONS_SEVERITY_ERROR:
		return en ? "error" : "erreur";
	case SONS_SEVERITY_WARNING:
		return en ? "warning" : "avertissement";
	case SONS_SEVERITY_INFO:
		break;
	}
	return "info";
}

/* Display width of UTF-8 text (code points). */
static size_t width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

static void rules_text(FILE *f, sons_lang lang)
{
	size_t wid = 0, wsev = 0;
	const sons_rule_info *r;
	for (size_t i = 0; (r = sons_rule_at(i)) != NULL; i++) {
		size_t a = strlen(r->id), b = width(severity_word(r->severity, lang));
		wid = a > wid ? a : wid;
		wsev = b > wsev ? b : wsev;
	}
	for (size_t i = 0; (r = sons_rule_at(i)) != NULL; i++) {
		const char *sev = severity_word(r->severity, lang);
		fprintf(f, "%-*s  %s%*s  %s  %s%s\n", (int)wid, r->id, sev,
		        (int)(wsev - width(sev)), "", r->family,
		        lang == SONS_LANG_EN ? r->title_en : r->title_fr,
		        r->implemented ? ""
		                       : (lang == SONS_LANG_EN ? " (not evaluated yet)"
		                                               : " (pas encore évalué)"));
	}
}

static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

static void rules_json(FILE *f, sons_lang lang)
{
	fputs("{\n  \"tool\": {\n    \"name\": \"sons\",\n    \"version\": ", f);
	json_string(f, sons_version_string());
	fputs("\n  },\n  \"rules\": [", f);
	const sons_rule_info *r;
	for (size_t i = 0; (r = sons_rule_at(i)) != NULL; i++) {
		fputs(i ? ",\n    {\n      \"id\": " : "\n    {\n      \"id\": ", f);
		json_string(f, r->id);
		fputs(",\n      \"family\": ", f);
		json_string(f, r->family);
		fputs(",\n      \"severity\": ", f);
		json_string(f, sons_severity_name(r->severity));
		fputs(",\n      \"title\": ", f);
		json_string(f, lang == SONS_LANG_EN ? r->title_en : r->title_fr);
		fprintf(f, ",\n      \"implemented\": %s\n    }",
		        r->implemented ? "true" : "false");
	}
	fputs(sons_rule_at(0) ? "\n  ]\n}\n" : "]\n}\n", f);
}

int cmd_rules(int argc, char **argv)
{
	cli_options o;
	int rc = cli_parse(&o, CLI_CMD_RULES, argc, argv);
	if (rc)
		return rc;
	if (o.help)
		return cli_print_help(CLI_CMD_RULES, o.lang);
	if (o.nfiles)
		return cli_usage_error(o.lang, o.command, "argument en trop : « %s »",
		                       "unexpected argument: '%s'", o.files[0]);

	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);
	if (!f) {
		cli_error(o.lang, "mémoire insuffisante", "out of memory");
		return CLI_EXIT_USAGE;
	}
	if (o.format == SONS_FORMAT_JSON)
		rules_json(f, o.lang);
	else
		rules_text(f, o.lang);
	int bad = ferror(f);
	if (fclose(f) != 0 || bad) {
		free(data);
		cli_error(o.lang, "mémoire insuffisante", "out of memory");
		return CLI_EXIT_USAGE;
	}
	rc = cli_write_output(o.output, data, len, o.lang) == 0 ? 0 : CLI_EXIT_USAGE;
	free(data);
	return rc;
}
