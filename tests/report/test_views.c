/* SPDX-License-Identifier: MIT */
/* The SARIF, JUnit and CSV renderers on hand-made findings that no real
 * quote would give easily: formulas at the start of every kind of field,
 * quotes and ';', CR/LF, C0 and C1 controls, invalid UTF-8, U+FFFE, XML
 * markup, a rule outside the catalogue, a hostile file name. The outputs
 * are parsed back with libxml2 and jansson. Reaches the report's
 * internals through the uninstalled copy of the library. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "harness.h"
#include "report/report.h"

#define PATH     "=danger;\"x\"\t<&>.xlsx"
#define EVIDENCE "=1+1;\"q\"\r\nnext\x01\x7f\xc2\x85 bad\xff end\xef\xbf\xbe"

static char *render(sons_context *ctx, sons_report *const *reps, size_t n, sons_format format,
                    int summary, size_t *len)
{
	sons_render_options o = SONS_RENDER_OPTIONS_INIT;
	o.format = format;
	o.summary = summary;
	char *out = NULL;
	sons_error err;
	memset(&err, 0, sizeof(err));
	if (sons_render(&out, len, ctx, reps, n, &o, &err) != SONS_OK) {
		printf("# render %d: %s\n", (int)format, err.message);
		return NULL;
	}
	return out;
}

/* Prints s as TAP diagnostics, control bytes escaped. */
static void dump(const char *s)
{
	printf("# ");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n')
			printf("\\n\n# ");
		else if (*p < 0x20 || *p == 0x7f)
			printf("\\x%02x", *p);
		else
			putchar(*p);
	}
	printf("\n");
}

/* A report of an unreadable document whose findings are then replaced. */
static sons_report *handmade(sons_context *ctx)
{
	sons_report *r = NULL;
	sons_check_options co = SONS_CHECK_OPTIONS_INIT;
	sons_check_memory(&r, ctx, "xx", 2, "placeholder.xlsx", &co, NULL);
	if (!r)
		return NULL;
	sons_finding_int *f = sons__calloc(4, sizeof(*f));
	if (!f) {
		sons_report_free(r);
		return NULL;
	}
	f[0].rule = "SONS-R001";
	f[0].severity = SONS_SEVERITY_ERROR;
	f[0].message = "+cmd|' /C calc'!A0";
	f[0].evidence = EVIDENCE;
	f[0].loc.sheet = "Dev<is>&";
	memcpy(f[0].loc.cell, "F12", 4);
	f[0].loc.row = 12;
	f[0].loc.column = 6;
	f[1].rule = "SONS-M005";
	f[1].severity = SONS_SEVERITY_WARNING;
	f[1].message = "-2 €\tnote";
	f[1].evidence = "@SUM(A1)";
	f[1].loc.table = 2;
	f[1].loc.row = 4;
	f[2].rule = "SONS-L005";
	f[2].severity = SONS_SEVERITY_INFO;
	f[2].message = "ligne ]]> <![CDATA[ x";
	f[2].evidence = "\tTab";
	f[2].loc.line = 7;
	f[3].rule = "SONS-Z999";
	f[3].severity = SONS_SEVERITY_ERROR;
	f[3].message = "hors catalogue 'a' & \"b\"";
	sons__free(r->findings);
	r->findings = f;
	r->nfindings = 4;
	r->path = PATH;
	r->format = "xlsx";
	r->kind = SONS_KIND_DEVIS;
	r->verdict = SONS_VERDICT_NON_CONFORME;
	return r;
}

static void test_csv(sons_context *ctx, sons_report *const *reps)
{
	size_t len = 0;
	char *s = render(ctx, reps, 2, SONS_FORMAT_CSV, 0, &len);
	ok(s != NULL, "csv rendered");
	if (!s)
		return;
	ok(len == strlen(s), "csv: length given");
	static const char head[] = "\xef\xbb\xbf"
	                           "fichier;nature;verdict;règle;gravité;message;feuille;cellule;"
	                           "page;ligne;tableau;rangée;colonne;extrait;documents liés\r\n";
	ok(strncmp(s, head, strlen(head)) == 0, "csv: BOM and French header");
	ok(strstr(s, "\"'=danger;\"\"x\"\"\t<&>.xlsx\";devis;non-conforme;SONS-R001;erreur;"
	             "'+cmd|' /C calc'!A0;Dev<is>&;F12;;;;12;6;\"'=1+1;\"\"q\"\"\r\nnext    bad"
	             "\xef\xbf\xbd end\xef\xbf\xbe\";\r\n") != NULL,
	   "csv: formulas neutralised, quotes doubled, controls as spaces, bad UTF-8 as U+FFFD");
	ok(strstr(s, ";SONS-M005;avertissement;'-2 €\tnote;;;;;2;4;;'@SUM(A1);\r\n") != NULL,
	   "csv: - and @ neutralised, table row");
	ok(strstr(s, ";SONS-L005;info;ligne ]]> <![CDATA[ x;;;;7;;;;'\tTab;\r\n") != NULL,
	   "csv: leading tab neutralised, paragraph line");
	ok(strstr(s, ";SONS-Z999;erreur;\"hors catalogue 'a' & \"\"b\"\"\";;;;;;;;;\r\n") != NULL,
	   "csv: finding without location or evidence");
	if (!ok(strstr(s, "\r\nplaceholder.xlsx;unknown;indetermine;SONS-D001;erreur;") != NULL,
	        "csv: the unreadable document listed") ||
	    tap_failed)
		dump(s);
	sons_free(s);

	s = render(ctx, reps, 2, SONS_FORMAT_CSV, 1, &len);
	ok(s && strcmp(s, "\xef\xbb\xbf"
	                  "fichier;nature;verdict;erreurs;avertissements;infos;règles\r\n"
	                  "\"'=danger;\"\"x\"\"\t<&>.xlsx\";devis;non-conforme;2;1;1;"
	                  "SONS-R001, SONS-M005, SONS-L005, SONS-Z999\r\n"
	                  "placeholder.xlsx;unknown;indetermine;1;0;0;SONS-D001\r\n") == 0,
	   "csv --summary: one row per document");
	sons_free(s);

	s = render(ctx, reps, 0, SONS_FORMAT_CSV, 0, &len);
	ok(s && strcmp(s, head) == 0 && len == strlen(head), "csv: no document, header only");
	sons_free(s);
}

static xmlXPathObjectPtr xpath(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr xc = xmlXPathNewContext(doc);
	xmlXPathObjectPtr o = xc ? xmlXPathEvalExpression((const xmlChar *)expr, xc) : NULL;
	xmlXPathFreeContext(xc);
	return o;
}

static double xnum(xmlDocPtr doc, const char *expr)
{
	xmlXPathObjectPtr o = xpath(doc, expr);
	double v = o ? xmlXPathCastToNumber(o) : -1;
	xmlXPathFreeObject(o);
	return v;
}

/* The string value of an XPath expression; free with xmlFree. */
static char *xstr(xmlDocPtr doc, const char *expr)
{
	xmlXPathObjectPtr o = xpath(doc, expr);
	char *v = o ? (char *)xmlXPathCastToString(o) : NULL;
	xmlXPathFreeObject(o);
	return v;
}

static void test_junit(sons_context *ctx, sons_report *const *reps)
{
	size_t len = 0;
	char *s = render(ctx, reps, 2, SONS_FORMAT_JUNIT, 0, &len);
	ok(s != NULL, "junit rendered");
	if (!s)
		return;
	ok(memchr(s, '\x01', len) == NULL && strstr(s, "&#13;") && strstr(s, "&#x85;") &&
	           strstr(s, "&#x7F;") && strstr(s, "&#9;") && strstr(s, "]]&gt; &lt;![CDATA["),
	   "junit: controls, markup and attribute whitespace escaped");
	xmlDocPtr doc = xmlReadMemory(s, (int)len, "junit.xml", NULL,
	                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	ok(doc != NULL, "junit: well-formed XML");
	if (!doc) {
		sons_free(s);
		return;
	}
	size_t implemented = 0;
	const sons_rule_info *ri;
	for (size_t i = 0; (ri = sons_rule_at(i)) != NULL; i++)
		implemented += ri->implemented != 0;
	is_int(xnum(doc, "count(/testsuites/testsuite)"), 2, "junit: one suite per document");
	char *name = xstr(doc, "string(/testsuites/testsuite[1]/@name)");
	is_str(name, PATH, "junit: the hostile path survives the round trip");
	xmlFree(name);
	is_int(xnum(doc, "count(/testsuites/testsuite[1]/testcase)"), implemented + 1,
	       "junit: one case per evaluated rule, plus the rule outside the catalogue");
	is_int(xnum(doc, "number(/testsuites/testsuite[1]/@tests)"), implemented + 1,
	       "junit: tests counted");
	is_int(xnum(doc, "number(/testsuites/testsuite[1]/@failures)"), 2,
	       "junit: R001 and Z999 fail");
	is_int(xnum(doc, "count(//testcase[failure])"), 2, "junit: two <failure>");
	is_int(xnum(doc, "count(//testcase[system-out])"), 2,
	       "junit: warnings and infos in output");
	char *ev = xstr(doc, "string(//testcase[starts-with(@name, 'SONS-R001 ')]/failure)");
	ok(ev && strstr(ev, "« =1+1;\"q\"\r\nnext") && strstr(ev, "Dev<is>&!F12"),
	   "junit: evidence and location read back as written");
	xmlFree(ev);
	char *msg =
	        xstr(doc, "string(//testcase[starts-with(@name, 'SONS-R001 ')]/failure/@message)");
	is_str(msg, "+cmd|' /C calc'!A0", "junit: failure message");
	xmlFree(msg);
	is_int(xnum(doc, "count(/testsuites/testsuite[2]/testcase)"), 1,
	       "junit: the unreadable document has one case");
	is_int(xnum(doc, "count(/testsuites/testsuite[2]/testcase/error[@type='SONS-D001'])"), 1,
	       "junit: … with an <error>");
	is_int(xnum(doc, "number(/testsuites/@tests)"), implemented + 2, "junit: total tests");
	is_int(xnum(doc, "number(/testsuites/@failures)"), 2, "junit: total failures");
	is_int(xnum(doc, "number(/testsuites/@errors)"), 1, "junit: total errors");
	xmlFreeDoc(doc);
	sons_free(s);

	s = render(ctx, reps, 0, SONS_FORMAT_JUNIT, 0, &len);
	ok(s && strstr(s, "<testsuites name=\"sons\" tests=\"0\" failures=\"0\" errors=\"0\""),
	   "junit: no document");
	sons_free(s);
}

static void test_sarif(sons_context *ctx, sons_report *const *reps)
{
	size_t len = 0;
	char *s = render(ctx, reps, 2, SONS_FORMAT_SARIF, 0, &len);
	ok(s != NULL, "sarif rendered");
	if (!s)
		return;
	json_error_t je;
	json_t *log = json_loadb(s, len, 0, &je);
	ok(log != NULL, "sarif: valid JSON (%s)", log ? "" : je.text);
	json_t *run = json_array_get(json_object_get(log, "runs"), 0);
	json_t *results = json_object_get(run, "results");
	is_int(json_array_size(results), 5, "sarif: one result per finding");
	json_t *r0 = json_array_get(results, 0);
	is_int(json_integer_value(json_object_get(r0, "ruleIndex")), sons__rule_index("SONS-R001"),
	       "sarif: ruleIndex");
	json_t *loc0 = json_array_get(json_object_get(r0, "locations"), 0);
	json_t *ll = json_array_get(json_object_get(loc0, "logicalLocations"), 0);
	is_str(json_string_value(json_object_get(ll, "name")), "Dev<is>&!F12",
	       "sarif: logical location of a cell");
	is_str(json_string_value(json_object_get(ll, "fullyQualifiedName")), PATH "#Dev<is>&!F12",
	       "sarif: fully qualified with the path as given");
	json_t *al = json_object_get(json_object_get(loc0, "physicalLocation"), "artifactLocation");
	is_str(json_string_value(json_object_get(al, "uri")), "=danger;%22x%22%09%3C&%3E.xlsx",
	       "sarif: the path percent-encoded as a relative URI");
	json_t *ev = json_object_get(json_object_get(r0, "properties"), "evidence");
	ok(json_string_value(ev) && strstr(json_string_value(ev), "\xef\xbf\xbd"),
	   "sarif: invalid UTF-8 repaired");
	json_t *r2 = json_array_get(results, 2);
	json_t *reg =
	        json_object_get(json_object_get(json_array_get(json_object_get(r2, "locations"), 0),
	                                        "physicalLocation"),
	                        "region");
	is_int(json_integer_value(json_object_get(reg, "startLine")), 7, "sarif: region of a line");
	is_str(json_string_value(json_object_get(r2, "level")), "note", "sarif: info is a note");
	json_t *r3 = json_array_get(results, 3);
	ok(json_object_get(r3, "ruleIndex") == NULL, "sarif: no ruleIndex outside the catalogue");
	json_t *inv = json_array_get(json_object_get(run, "invocations"), 0);
	ok(json_is_false(json_object_get(inv, "executionSuccessful")),
	   "sarif: unsuccessful with an unreadable document");
	is_int(json_array_size(json_object_get(inv, "toolExecutionNotifications")), 1,
	       "sarif: one notification");
	is_int(json_array_size(json_object_get(
	               json_object_get(json_object_get(run, "tool"), "driver"), "rules")),
	       sons_rule_count(), "sarif: the whole catalogue");
	json_decref(log);
	sons_free(s);

	s = render(ctx, reps, 0, SONS_FORMAT_SARIF, 0, &len);
	log = s ? json_loads(s, 0, &je) : NULL;
	run = json_array_get(json_object_get(log, "runs"), 0);
	inv = json_array_get(json_object_get(run, "invocations"), 0);
	ok(log && json_array_size(json_object_get(run, "results")) == 0 &&
	           json_is_true(json_object_get(inv, "executionSuccessful")),
	   "sarif: no document, no result, successful");
	json_decref(log);
	sons_free(s);
}

static void test_refusals(sons_context *ctx, sons_report *const *reps)
{
	sons_render_options o = SONS_RENDER_OPTIONS_INIT;
	char *out = NULL;
	sons_error err;
	memset(&err, 0, sizeof(err));
	/* HTML: what comes from the document is escaped text. */
	o.format = SONS_FORMAT_HTML;
	ok(sons_render(&out, NULL, ctx, reps, 2, &o, &err) == SONS_OK && out &&
	           strstr(out, "=danger;&quot;x&quot; &lt;&amp;&gt;.xlsx") && !strstr(out, "<&>") &&
	           !strstr(out, "<![CDATA[") && strstr(out, "SONS-Z999") &&
	           strstr(out, "\xef\xbf\xbd"),
	   "html: names, messages and evidence escaped, bad UTF-8 as U+FFFD");
	if (tap_failed && out)
		dump(out);
	sons_free(out);
	out = NULL;
	o.extract = 1;
	ok(sons_render(&out, NULL, ctx, reps, 1, &o, &err) == SONS_EINVALID && !out,
	   "html: no extract view");
	o.extract = 0;
	o.format = (sons_format)42;
	ok(sons_render(&out, NULL, ctx, reps, 1, &o, &err) == SONS_EINVALID,
	   "unknown format refused");
	static const sons_format views[] = { SONS_FORMAT_SARIF, SONS_FORMAT_JUNIT,
		                             SONS_FORMAT_CSV };
	for (size_t i = 0; i < 3; i++) {
		o.format = views[i];
		o.extract = 1;
		ok(sons_render(&out, NULL, ctx, reps, 1, &o, &err) == SONS_EINVALID,
		   "extract refused in format %d", (int)views[i]);
		o.extract = 0;
	}
}

static void test_english(sons_context *ctx, sons_report *const *reps)
{
	sons_context_set_lang(ctx, SONS_LANG_EN);
	size_t len;
	char *s = render(ctx, reps, 2, SONS_FORMAT_CSV, 0, &len);
	ok(s &&
	           strstr(s,
	                  "file;kind;verdict;rule;severity;message;sheet;cell;page;line;table;row;"
	                  "column;evidence;related\r\n") &&
	           strstr(s, ";SONS-M005;warning;"),
	   "csv in English");
	sons_free(s);
	s = render(ctx, reps, 2, SONS_FORMAT_SARIF, 0, &len);
	ok(s && strstr(s, "\"name\": \"table 2, row 4\"") && strstr(s, "\"language\": \"en\""),
	   "sarif in English");
	sons_free(s);
	s = render(ctx, reps, 2, SONS_FORMAT_JUNIT, 0, &len);
	ok(s && strstr(s, "Dev&lt;is&gt;&amp;!F12: error SONS-R001: "), "junit in English");
	sons_free(s);
	sons_context_set_lang(ctx, SONS_LANG_FR);
}

int main(void)
{
	sons_context *ctx = NULL;
	if (sons_context_new(&ctx, NULL) != SONS_OK)
		return 1;
	sons_report *reps[2] = { handmade(ctx), NULL };
	sons_check_options co = SONS_CHECK_OPTIONS_INIT;
	sons_check_memory(&reps[1], ctx, "not a zip", 9, "placeholder.xlsx", &co, NULL);
	ok(reps[0] && reps[1], "reports made");
	if (reps[0] && reps[1]) {
		test_csv(ctx, reps);
		test_junit(ctx, reps);
		test_sarif(ctx, reps);
		test_refusals(ctx, reps);
		test_english(ctx, reps);
	}
	sons_report_free(reps[0]);
	sons_report_free(reps[1]);
	sons_context_free(ctx);
	xmlCleanupParser();
	return done_testing();
}
