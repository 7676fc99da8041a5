/* SPDX-License-Identifier: MIT */
/* JUnit XML view of the JSON report, for CI test dashboards.
 *
 *	<testsuites>
 *	  <testsuite name="devis.xlsx">        one per document
 *	    <testcase name="SONS-R001 …">      one per rule this build evaluates
 *	      <failure type="SONS-R001">       its error findings
 *	      <system-out>                     its warnings and infos
 *
 * A document that could not be read has one test case per rule that
 * spoke, SONS-D001 being an <error>. A finding whose rule is not an
 * evaluated rule of the catalogue still gets a test case of its own, so
 * every finding of the JSON report is shown. Document text is untrusted:
 * everything is escaped, and what XML 1.0 cannot carry becomes U+FFFD. */
#include <string.h>

#include "report/report.h"

typedef struct jw {
	sons_buf *out;
	sons_lang lang;
	sons_buf tmp;
} jw;

static const char *tr(const jw *w, const char *fr, const char *en)
{
	return w->lang == SONS_LANG_EN ? en : fr;
}

/* Appends UTF-8 text escaped for XML 1.0. The five markup characters
 * become entities; in attributes (attr != 0) tab, LF and CR become
 * character references so that attribute normalisation keeps them, and in
 * text CR does; DEL and the C1 controls become character references; other
 * C0 controls, U+FFFE, U+FFFF and invalid bytes, which XML cannot carry,
 * become U+FFFD. */
static void xml_escape(sons_buf *b, const char *str, int attr)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	size_t n = strlen((const char *)s), i = 0;
	while (i < n) {
		unsigned cp;
		size_t l = sons__utf8_seq(s + i, n - i, &cp);
		if (!l) {
			sons__buf_puts(b, "\xef\xbf\xbd");
			i++;
			continue;
		}
		switch (cp) {
		case '&':
			sons__buf_puts(b, "&amp;");
			break;
		case '<':
			sons__buf_puts(b, "&lt;");
			break;
		case '>':
			sons__buf_puts(b, "&gt;");
			break;
		case '"':
			sons__buf_puts(b, "&quot;");
			break;
		case '\'':
			sons__buf_puts(b, "&apos;");
			break;
		case '\t':
		case '\n':
			if (attr)
				sons__buf_printf(b, "&#%u;", cp);
			else
				sons__buf_putc(b, (char)cp);
			break;
		case '\r':
			sons__buf_puts(b, "&#13;");
			break;
		default:
			if (cp < 0x20 || cp == 0xfffe || cp == 0xffff)
				sons__buf_puts(b, "\xef\xbf\xbd");
			else if (cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
				sons__buf_printf(b, "&#x%X;", cp);
			else
				sons__buf_append(b, (const char *)s + i, l);
			break;
		}
		i += l;
	}
}

static void attr(jw *w, const char *name, const char *value)
{
	sons__buf_printf(w->out, " %s=\"", name);
	xml_escape(w->out, value, 1);
	sons__buf_putc(w->out, '"');
}

static void attr_count(jw *w, const char *name, size_t n)
{
	sons__buf_printf(w->out, " %s=\"%zu\"", name, n);
}

/* "path:location: erreur SONS-R001: message" and the evidence below, as
 * the text report prints them; into w->tmp, unescaped. */
static void finding_text(jw *w, const sons_report *r, const sons_finding_int *f)
{
	sons_buf *b = &w->tmp;
	sons__buf_puts(b, r->path ? r->path : "");
	sons__buf_putc(b, ':');
	if (sons__loc_text(b, &f->loc, r->format, w->lang))
		sons__buf_putc(b, ':');
	sons__buf_printf(b, " %s %s: ", sons__severity_word(f->severity, w->lang),
	                 f->rule ? f->rule : "");
	sons__buf_puts(b, f->message ? f->message : "");
	sons__buf_putc(b, '\n');
	if (f->evidence) {
		sons__buf_puts(b, tr(w, "    « ", "    \""));
		sons__buf_puts(b, f->evidence);
		sons__buf_puts(b, tr(w, " »\n", "\"\n"));
	}
	for (size_t i = 0; i < f->nrelated; i++) {
		sons__buf_puts(b, i ? ", " : tr(w, "    voir aussi : ", "    see also: "));
		sons__buf_puts(b, f->related[i]);
		if (i + 1 == f->nrelated)
			sons__buf_putc(b, '\n');
	}
}

static int same_rule(const sons_finding_int *f, const char *rule)
{
	return f->rule && rule && strcmp(f->rule, rule) == 0;
}

/* What a test case holds: counts of its findings by kind. */
typedef struct tc_counts {
	size_t errors;         /* error-level findings */
	size_t others;         /* warnings and infos */
	const char *first_msg; /* message of the first error finding */
	int as_error;          /* SONS-D001: an <error>, not a <failure> */
} tc_counts;

static tc_counts count_rule(const sons_report *r, const char *rule)
{
	tc_counts c = { 0, 0, NULL, 0 };
	for (size_t k = 0; k < r->nfindings; k++) {
		const sons_finding_int *f = &r->findings[k];
		if (!same_rule(f, rule))
			continue;
		if (f->severity == SONS_SEVERITY_ERROR) {
			if (!c.errors)
				c.first_msg = f->message;
			c.errors++;
		} else {
			c.others++;
		}
	}
	c.as_error = strcmp(rule, "SONS-D001") == 0 && c.errors;
	return c;
}

/* One <testcase> for `rule` on document r. */
static void testcase(jw *w, const sons_report *r, const char *rule)
{
	sons_buf *o = w->out;
	const sons_rule_info *ri = sons_rule_find(rule);
	tc_counts c = count_rule(r, rule);

	sons__buf_puts(o, "    <testcase");
	attr(w, "classname", r->path);
	sons__buf_reset(&w->tmp);
	sons__buf_puts(&w->tmp, rule);
	if (ri) {
		sons__buf_putc(&w->tmp, ' ');
		sons__buf_puts(&w->tmp, w->lang == SONS_LANG_EN ? ri->title_en : ri->title_fr);
	}
	attr(w, "name", w->tmp.data ? w->tmp.data : "");
	if (!c.errors && !c.others) {
		sons__buf_puts(o, "/>\n");
		return;
	}
	sons__buf_puts(o, ">\n");

	if (c.errors) {
		const char *el = c.as_error ? "error" : "failure";
		sons__buf_printf(o, "      <%s", el);
		sons__buf_reset(&w->tmp);
		sons__buf_puts(&w->tmp, c.first_msg ? c.first_msg : "");
		if (c.errors > 1 && w->lang == SONS_LANG_EN)
			sons__buf_printf(&w->tmp, " (+ %zu more)", c.errors - 1);
		else if (c.errors > 1)
			sons__buf_printf(&w->tmp, " (+ %zu autres)", c.errors - 1);
		attr(w, "message", w->tmp.data ? w->tmp.data : "");
		attr(w, "type", rule);
		sons__buf_puts(o, ">");
		sons__buf_reset(&w->tmp);
		for (size_t k = 0; k < r->nfindings; k++)
			if (same_rule(&r->findings[k], rule) &&
			    r->findings[k].severity == SONS_SEVERITY_ERROR)
				finding_text(w, r, &r->findings[k]);
		xml_escape(o, w->tmp.data, 0);
		sons__buf_printf(o, "</%s>\n", el);
	}
	if (c.others) {
		sons__buf_puts(o, "      <system-out>");
		sons__buf_reset(&w->tmp);
		for (size_t k = 0; k < r->nfindings; k++)
			if (same_rule(&r->findings[k], rule) &&
			    r->findings[k].severity != SONS_SEVERITY_ERROR)
				finding_text(w, r, &r->findings[k]);
		xml_escape(o, w->tmp.data, 0);
		sons__buf_puts(o, "</system-out>\n");
	}
	sons__buf_puts(o, "    </testcase>\n");
}

/* 1 when an earlier finding than the k-th has the same rule. */
static int rule_seen_before(const sons_report *r, size_t k)
{
	for (size_t j = 0; j < k; j++)
		if (same_rule(&r->findings[j], r->findings[k].rule))
			return 1;
	return 0;
}

/* A document indeterminate through warnings only (the kind not
 * established, a key rule not evaluated): no rule failed, but the document
 * was not checked, so it must not show green. */
static int undetermined_by_warnings(const sons_report *r)
{
	if (r->verdict != SONS_VERDICT_INDETERMINE)
		return 0;
	for (size_t k = 0; k < r->nfindings; k++)
		if (r->findings[k].severity == SONS_SEVERITY_ERROR)
			return 0;
	return 1;
}

/* The test case of such a document's verdict: an <error>. */
static void verdict_case(jw *w, const sons_report *r)
{
	sons_buf *o = w->out;
	sons__buf_puts(o, "    <testcase");
	attr(w, "classname", r->path);
	attr(w, "name",
	     w->lang == SONS_LANG_EN ? "verdict: undetermined" : "verdict : indéterminé");
	sons__buf_puts(o, ">\n      <error");
	attr(w, "message",
	     w->lang == SONS_LANG_EN ? "the document could not be checked completely"
	                             : "le document n'a pas pu être vérifié entièrement");
	attr(w, "type", "indetermine");
	sons__buf_puts(o, ">");
	sons__buf_reset(&w->tmp);
	for (size_t k = 0; k < r->nfindings; k++)
		if (same_rule(&r->findings[k], "SONS-D003") ||
		    same_rule(&r->findings[k], "SONS-D005"))
			finding_text(w, r, &r->findings[k]);
	xml_escape(o, w->tmp.data, 0);
	sons__buf_puts(o, "</error>\n    </testcase>\n");
}

/* Writes the test cases of document r when w is not NULL; returns how
 * many there are. */
static size_t test_cases(jw *w, const sons_report *r)
{
	size_t n = 0;
	int unreadable = sons__report_unreadable(r);
	if (!unreadable) {
		const sons_rule_info *ri;
		for (size_t i = 0; (ri = sons_rule_at(i)) != NULL; i++) {
			if (!ri->implemented)
				continue;
			if (w)
				testcase(w, r, ri->id);
			n++;
		}
	}
	/* Rules that spoke and have no test case yet: every one of them on an
	 * unreadable document; else those outside the evaluated catalogue. */
	for (size_t k = 0; k < r->nfindings; k++) {
		const char *rule = r->findings[k].rule;
		if (!rule || rule_seen_before(r, k))
			continue;
		const sons_rule_info *ri = sons_rule_find(rule);
		if (!unreadable && ri && ri->implemented)
			continue;
		if (w)
			testcase(w, r, rule);
		n++;
	}
	if (undetermined_by_warnings(r)) {
		if (w)
			verdict_case(w, r);
		n++;
	}
	return n;
}

/* Test cases, failures and errors of document r. Every rule that spoke
 * has a test case, so failures and errors are counted over those rules. */
static void count_document(const sons_report *r, size_t *tests, size_t *failures, size_t *errors)
{
	*tests = test_cases(NULL, r);
	*failures = *errors = 0;
	for (size_t k = 0; k < r->nfindings; k++) {
		const char *rule = r->findings[k].rule;
		if (!rule || rule_seen_before(r, k))
			continue;
		tc_counts c = count_rule(r, rule);
		if (c.as_error)
			(*errors)++;
		else if (c.errors)
			(*failures)++;
	}
	if (undetermined_by_warnings(r))
		(*errors)++;
}

static void testsuite(jw *w, const sons_report *r, const char *ref)
{
	size_t tests, failures, errors;
	count_document(r, &tests, &failures, &errors);
	sons_buf *o = w->out;
	sons__buf_puts(o, "  <testsuite");
	attr(w, "name", r->path);
	attr_count(w, "tests", tests);
	attr_count(w, "failures", failures);
	attr_count(w, "errors", errors);
	attr_count(w, "skipped", 0);
	sons__buf_puts(o, ">\n    <properties>\n");
	const char *props[][2] = { { "kind", sons_kind_name(r->kind) },
		                   { "format", r->format ? r->format : "unknown" },
		                   { "verdict", sons_verdict_name(r->verdict) },
		                   { "referentiel", ref ? ref : "" } };
	for (size_t i = 0; i < sizeof(props) / sizeof(props[0]); i++) {
		sons__buf_puts(o, "      <property");
		attr(w, "name", props[i][0]);
		attr(w, "value", props[i][1]);
		sons__buf_puts(o, "/>\n");
	}
	sons__buf_puts(o, "    </properties>\n");
	test_cases(w, r);
	sons__buf_puts(o, "  </testsuite>\n");
}

int sons__render_junit(sons_buf *out, const sons_context *ctx, sons_report *const *reports,
                       size_t count, const sons_render_options *opts)
{
	jw w = { out, sons__report_lang(ctx, reports, count), SONS_BUF_INIT };
	size_t tests = 0, failures = 0, errors = 0;
	for (size_t i = 0; i < count; i++) {
		size_t t, f, e;
		count_document(reports[i], &t, &f, &e);
		tests += t;
		failures += f;
		errors += e;
	}
	sons__buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites");
	attr(&w, "name", "sons");
	attr_count(&w, "tests", tests);
	attr_count(&w, "failures", failures);
	attr_count(&w, "errors", errors);
	attr_count(&w, "skipped", 0);
	sons__buf_puts(out, ">\n");
	for (size_t i = 0; i < count; i++) {
		const char *ref = reports[i]->referential;
		if (!ref && ctx)
			ref = sons_context_referential_id(ctx);
		testsuite(&w, reports[i], ref);
	}
	sons__buf_puts(out, "</testsuites>\n");
	int rc = out->oom || w.tmp.oom ? -1 : 0;
	sons__buf_free(&w.tmp);
	return rc;
}
