/* SPDX-License-Identifier: MIT */
/* CSV view of the JSON report, for French spreadsheets: UTF-8 with a BOM
 * (so that Excel reads the accents), ';' between fields, CRLF line ends,
 * a header row in the report's language.
 *
 * One row per finding; a document without findings gets one row with
 * empty rule columns, so that every document is listed. With
 * opts->summary, one row per document with its counts instead.
 *
 * Document text is untrusted: a field holding ';', '"', CR or LF is quoted
 * (quotes doubled), and a field that a spreadsheet would take for a
 * formula (first character = + - @, tab or CR) is neutralised by a leading
 * apostrophe. Invalid UTF-8 becomes U+FFFD and other control characters
 * spaces. */
#include <stdio.h>
#include <string.h>

#include "report/report.h"

typedef struct cw {
	sons_buf *out;
	sons_lang lang;
	int nfields; /* fields written on the current row */
	sons_buf tmp;
} cw;

static const char *tr(const cw *w, const char *fr, const char *en)
{
	return w->lang == SONS_LANG_EN ? en : fr;
}

static void field(cw *w, const char *str)
{
	sons_buf *o = w->out;
	sons_buf *b = &w->tmp;
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	size_t n = strlen((const char *)s), i = 0;
	int quote = 0;

	if (w->nfields++)
		sons__buf_putc(o, ';');
	sons__buf_reset(b);
	if (n && strchr("=+-@\t\r", s[0]))
		sons__buf_putc(b, '\'');
	while (i < n) {
		unsigned cp;
		size_t l = sons__utf8_seq(s + i, n - i, &cp);
		if (!l) {
			sons__buf_puts(b, "\xef\xbf\xbd");
			i++;
			continue;
		}
		if (cp == ';' || cp == '\r' || cp == '\n') {
			quote = 1;
			sons__buf_putc(b, (char)cp);
		} else if (cp == '"') {
			quote = 1;
			sons__buf_puts(b, "\"\"");
		} else if ((cp < 0x20 && cp != '\t') || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
			sons__buf_putc(b, ' ');
		} else {
			sons__buf_append(b, (const char *)s + i, l);
		}
		i += l;
	}
	if (quote)
		sons__buf_putc(o, '"');
	if (b->data)
		sons__buf_append(o, b->data, b->len);
	if (quote)
		sons__buf_putc(o, '"');
}

/* A positive number, or an empty field. */
static void field_int(cw *w, long v)
{
	char s[24] = "";
	if (v > 0)
		snprintf(s, sizeof(s), "%ld", v);
	field(w, s);
}

static void field_count(cw *w, size_t n)
{
	char s[24];
	snprintf(s, sizeof(s), "%zu", n);
	field(w, s);
}

static void end_row(cw *w)
{
	sons__buf_puts(w->out, "\r\n");
	w->nfields = 0;
}

static void header(cw *w, const char *const *fr, const char *const *en, size_t n)
{
	for (size_t i = 0; i < n; i++)
		field(w, tr(w, fr[i], en[i]));
	end_row(w);
}

static void document_columns(cw *w, const sons_report *r)
{
	field(w, r->path);
	field(w, sons_kind_name(r->kind));
	field(w, sons_verdict_name(r->verdict));
}

/* The other documents of a cross-document finding, " | " between them. */
static void related_field(cw *w, const sons_finding_int *f)
{
	sons_buf b = SONS_BUF_INIT;
	for (size_t i = 0; i < f->nrelated; i++) {
		if (i)
			sons__buf_puts(&b, " | ");
		sons__buf_puts(&b, f->related[i]);
	}
	if (b.oom)
		w->out->oom = 1;
	field(w, b.data ? b.data : "");
	sons__buf_free(&b);
}

static void findings_table(cw *w, sons_report *const *reports, size_t count)
{
	static const char *const fr[] = { "fichier", "nature",  "verdict",       "règle",
		                          "gravité", "message", "feuille",       "cellule",
		                          "page",    "ligne",   "tableau",       "rangée",
		                          "colonne", "extrait", "documents liés" };
	static const char *const en[] = { "file",    "kind",  "verdict", "rule",     "severity",
		                          "message", "sheet", "cell",    "page",     "line",
		                          "table",   "row",   "column",  "evidence", "related" };
	header(w, fr, en, sizeof(fr) / sizeof(fr[0]));
	for (size_t i = 0; i < count; i++) {
		const sons_report *r = reports[i];
		if (!r->nfindings) {
			document_columns(w, r);
			for (size_t k = 3; k < sizeof(fr) / sizeof(fr[0]); k++)
				field(w, "");
			end_row(w);
			continue;
		}
		for (size_t k = 0; k < r->nfindings; k++) {
			const sons_finding_int *f = &r->findings[k];
			document_columns(w, r);
			field(w, f->rule);
			field(w, sons__severity_word(f->severity, w->lang));
			field(w, f->message);
			field(w, f->loc.sheet);
			field(w, f->loc.cell);
			field_int(w, f->loc.page);
			field_int(w, f->loc.line);
			field_int(w, f->loc.table);
			field_int(w, f->loc.row);
			field_int(w, f->loc.column);
			field(w, f->evidence);
			related_field(w, f);
			end_row(w);
		}
		sons__buf_flush(w->out); /* a stream: the document's rows are out */
	}
}

static void summary_table(cw *w, sons_report *const *reports, size_t count)
{
	static const char *const fr[] = { "fichier",        "nature", "verdict", "erreurs",
		                          "avertissements", "infos",  "règles" };
	static const char *const en[] = { "file",     "kind", "verdict", "errors",
		                          "warnings", "info", "rules" };
	header(w, fr, en, sizeof(fr) / sizeof(fr[0]));
	sons_buf rules = SONS_BUF_INIT;
	for (size_t i = 0; i < count; i++) {
		const sons_report *r = reports[i];
		size_t n[3] = { 0, 0, 0 };
		sons__buf_reset(&rules);
		for (size_t k = 0; k < r->nfindings; k++) {
			const sons_finding_int *f = &r->findings[k];
			unsigned s = (unsigned)f->severity;
			n[s < 3 ? s : SONS_SEVERITY_INFO]++;
			int seen = 0;
			for (size_t j = 0; j < k && !seen; j++)
				seen = r->findings[j].rule && f->rule &&
				       strcmp(r->findings[j].rule, f->rule) == 0;
			if (!seen && f->rule) {
				if (rules.len)
					sons__buf_puts(&rules, ", ");
				sons__buf_puts(&rules, f->rule);
			}
		}
		document_columns(w, r);
		field_count(w, n[SONS_SEVERITY_ERROR]);
		field_count(w, n[SONS_SEVERITY_WARNING]);
		field_count(w, n[SONS_SEVERITY_INFO]);
		field(w, rules.data ? rules.data : "");
		end_row(w);
		sons__buf_flush(w->out);
	}
	if (rules.oom)
		w->tmp.oom = 1;
	sons__buf_free(&rules);
}

int sons__render_csv(sons_buf *out, const sons_context *ctx, sons_report *const *reports,
                     size_t count, const sons_render_options *opts)
{
	cw w = { out, sons__report_lang(ctx, reports, count), 0, SONS_BUF_INIT };
	sons__buf_puts(out, "\xef\xbb\xbf");
	if (opts->summary)
		summary_table(&w, reports, count);
	else
		findings_table(&w, reports, count);
	int rc = out->oom || w.tmp.oom ? -1 : 0;
	sons__buf_free(&w.tmp);
	return rc;
}
