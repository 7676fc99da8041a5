/* SPDX-License-Identifier: MIT */
/* The JSON report of interfaces.md, built with jansson. Keys keep the
 * order they are added in and nothing depends on time or addresses, so two
 * runs print the same bytes. Amounts are written as cents / 100 with 15
 * significant digits, which prints every amount below 10^13 € exactly. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "report/report.h"

#define JSON_FLAGS (JSON_PRESERVE_ORDER | JSON_INDENT(2) | JSON_REAL_PRECISION(15))

/* Collects the first failure so that the builders can be written without
 * a check after every call: once `fail` is set the result is dropped. */
typedef struct jw {
	int fail;
} jw;

static json_t *j_str(jw *w, const char *s)
{
	if (!s)
		s = "";
	json_t *v = json_string(s);
	if (v)
		return v;
	/* Not valid UTF-8 (the model's strings should be clean, but a report
	 * must never fail on a document's bytes): repair, else give "". */
	sons_buf b = SONS_BUF_INIT;
	if (sons__utf8_clean(&b, s, strlen(s)) == 0 && b.data)
		v = json_string(b.data);
	sons__buf_free(&b);
	if (!v)
		v = json_string("");
	if (!v)
		w->fail = 1;
	return v;
}

/* A string, or null when absent. */
static json_t *j_str_or_null(jw *w, const char *s)
{
	if (!s)
		return json_null();
	return j_str(w, s);
}

static void put(jw *w, json_t *obj, const char *key, json_t *val)
{
	if (!val) {
		w->fail = 1;
		return;
	}
	if (json_object_set_new(obj, key, val) != 0)
		w->fail = 1;
}

static void push(jw *w, json_t *arr, json_t *val)
{
	if (!val) {
		w->fail = 1;
		return;
	}
	if (json_array_append_new(arr, val) != 0)
		w->fail = 1;
}

static json_t *j_int(jw *w, json_int_t v)
{
	json_t *j = json_integer(v);
	if (!j)
		w->fail = 1;
	return j;
}

static json_t *j_amount(const sons_amount *a)
{
	if (!a->present)
		return json_null();
	return json_real((double)a->cents / 100.0);
}

/* n / div as an integer when exact, else as a real. */
static json_t *j_scaled(int64_t n, int div)
{
	if (n % div == 0)
		return json_integer((json_int_t)(n / div));
	return json_real((double)n / (double)div);
}

static json_t *j_date(const sons_date *d)
{
	char iso[11];
	sons__date_iso(iso, d);
	return json_string(iso);
}

static json_t *j_location(jw *w, const sons_loc *loc)
{
	json_t *o = json_object();
	if (!o) {
		w->fail = 1;
		return NULL;
	}
	if (loc->page > 0)
		put(w, o, "page", j_int(w, loc->page));
	if (loc->sheet && loc->sheet[0])
		put(w, o, "sheet", j_str(w, loc->sheet));
	if (loc->cell[0])
		put(w, o, "cell", j_str(w, loc->cell));
	if (loc->line > 0)
		put(w, o, "line", j_int(w, loc->line));
	if (loc->table > 0)
		put(w, o, "table", j_int(w, loc->table));
	if (loc->row > 0)
		put(w, o, "row", j_int(w, loc->row));
	if (loc->column > 0)
		put(w, o, "column", j_int(w, loc->column));
	return o;
}

static json_t *j_finding(jw *w, const sons_finding_int *f)
{
	json_t *o = json_object();
	if (!o) {
		w->fail = 1;
		return NULL;
	}
	put(w, o, "rule", j_str(w, f->rule));
	put(w, o, "severity", json_string(sons_severity_name(f->severity)));
	put(w, o, "message", j_str(w, f->message));
	put(w, o, "location", j_location(w, &f->loc));
	if (f->evidence)
		put(w, o, "evidence", j_str(w, f->evidence));
	if (f->nrelated) {
		json_t *rel = json_array();
		if (!rel)
			w->fail = 1;
		for (size_t i = 0; rel && i < f->nrelated; i++)
			if (json_array_append_new(rel, j_str(w, f->related[i])))
				w->fail = 1;
		put(w, o, "related", rel);
	}
	return o;
}

/* The batch summary: documents and findings per rule, verdicts per
 * editor. */
static int j_tally(jw *w, json_t *sum, sons_report *const *reports, size_t count)
{
	sons_tally t;
	if (sons__tally_make(&t, reports, count))
		return -1;
	json_t *rules = json_object();
	for (size_t i = 0; rules && i < t.nrules; i++) {
		json_t *o = json_object();
		if (o) {
			put(w, o, "documents", j_int(w, (json_int_t)t.rules[i].documents));
			put(w, o, "findings", j_int(w, (json_int_t)t.rules[i].findings));
		}
		put(w, rules, t.rules[i].rule->id, o);
	}
	put(w, sum, "rules", rules);
	json_t *eds = json_array();
	for (size_t i = 0; eds && i < t.neditors; i++) {
		const sons_tally_editor *e = &t.editors[i];
		json_t *o = json_object();
		if (o) {
			put(w, o, "editor", e->name ? j_str(w, e->name) : json_null());
			put(w, o, "documents", j_int(w, (json_int_t)e->documents));
			put(w, o, "conforme",
			    j_int(w, (json_int_t)e->verdicts[SONS_VERDICT_CONFORME]));
			put(w, o, "non-conforme",
			    j_int(w, (json_int_t)e->verdicts[SONS_VERDICT_NON_CONFORME]));
			put(w, o, "indetermine",
			    j_int(w, (json_int_t)e->verdicts[SONS_VERDICT_INDETERMINE]));
		}
		push(w, eds, o);
	}
	put(w, sum, "editors", eds);
	sons__tally_free(&t);
	return 0;
}

/* ------------------------------------------------------------------ */
/* extract: what was read                                               */

static const char *line_kind_name(sons_line_kind k)
{
	switch (k) {
	case SONS_LINE_STATE:
		return "state";
	case SONS_LINE_SUBTOTAL:
		return "subtotal";
	case SONS_LINE_TOTAL:
		return "total";
	case SONS_LINE_VAT:
		return "vat";
	case SONS_LINE_CLIENT:
		return "client";
	case SONS_LINE_ITEM:
		break;
	}
	return "item";
}

static const char *section_name(sons_section s)
{
	switch (s) {
	case SONS_SECTION_SEGUR:
		return "segur";
	case SONS_SECTION_HORS:
		return "hors";
	case SONS_SECTION_NONE:
		break;
	}
	return "none";
}

static const char *class_name(sons_class c)
{
	switch (c) {
	case SONS_CLASS_IN:
		return "in";
	case SONS_CLASS_OUT:
		return "out";
	case SONS_CLASS_AMBIG:
		return "ambiguous";
	case SONS_CLASS_MIXED:
		return "mixed";
	case SONS_CLASS_UNKNOWN:
		break;
	}
	return "unknown";
}

static const char *id_type_name(sons_id_type t)
{
	switch (t) {
	case SONS_IDT_FINESS:
		return "finess";
	case SONS_IDT_SIRET:
		return "siret";
	case SONS_IDT_SIREN:
		return "siren";
	case SONS_IDT_TVA:
		break;
	}
	return "tva";
}

static const char *role_name(sons_party_role r)
{
	switch (r) {
	case SONS_ROLE_EDITOR:
		return "editor";
	case SONS_ROLE_CLIENT:
		return "client";
	case SONS_ROLE_UNKNOWN:
		break;
	}
	return "unknown";
}

static json_t *j_ident(jw *w, const sons_ident *id)
{
	json_t *o = json_object();
	if (!o) {
		w->fail = 1;
		return NULL;
	}
	put(w, o, "type", json_string(id_type_name(id->type)));
	put(w, o, "value", j_str(w, id->compact));
	put(w, o, "role", json_string(role_name(id->role)));
	if (id->type == SONS_IDT_FINESS) {
		const char *fk = id->finess_kind == SONS_FINESS_JURIDIQUE      ? "juridique"
		                 : id->finess_kind == SONS_FINESS_GEOGRAPHIQUE ? "geographique"
		                                                               : NULL;
		put(w, o, "finess_kind", fk ? json_string(fk) : json_null());
	}
	put(w, o, "location", j_location(w, &id->loc));
	return o;
}

/* "DUI, DPI" → ["DUI", "DPI"]. */
static json_t *j_dsr(jw *w, const char *codes)
{
	json_t *a = json_array();
	if (!a) {
		w->fail = 1;
		return NULL;
	}
	const char *p = codes ? codes : "";
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		size_t n = strcspn(p, ",");
		size_t m = n;
		while (m && p[m - 1] == ' ')
			m--;
		if (m) {
			json_t *v = json_stringn(p, m);
			push(w, a, v ? v : json_string(""));
		}
		p += n;
	}
	return a;
}

static json_t *j_version_entry(jw *w, const sons_version_entry *v)
{
	json_t *o = json_object();
	if (!o) {
		w->fail = 1;
		return NULL;
	}
	put(w, o, "version", j_str_or_null(w, v->version));
	put(w, o, "date", v->date_status == SONS_DATE_OK ? j_date(&v->date) : json_null());
	if (v->date_status == SONS_DATE_INVALID)
		put(w, o, "date_invalid", json_true());
	put(w, o, "text", j_str_or_null(w, v->text));
	put(w, o, "location", j_location(w, &v->loc));
	return o;
}

static json_t *j_line(jw *w, const sons_line *l)
{
	json_t *o = json_object();
	if (!o) {
		w->fail = 1;
		return NULL;
	}
	put(w, o, "kind", json_string(line_kind_name(l->kind)));
	put(w, o, "label", j_str_or_null(w, l->label));
	put(w, o, "section", json_string(section_name(l->section)));
	put(w, o, "class", json_string(class_name(l->cls)));
	put(w, o, "quantity", l->has_qty ? j_scaled(l->qty_milli, 1000) : json_null());
	put(w, o, "unit", j_amount(&l->unit));
	put(w, o, "total_ht", j_amount(&l->total_ht));
	put(w, o, "total_ttc", j_amount(&l->total_ttc));
	put(w, o, "state", j_amount(&l->state));
	put(w, o, "client", j_amount(&l->client));
	put(w, o, "vat", l->has_vat ? j_scaled(l->vat_bp, 100) : json_null());
	put(w, o, "client_due", json_real((double)l->client_cents / 100.0));
	put(w, o, "client_explicit", json_boolean(l->client_explicit));

	json_t *flags = json_array();
	if (flags) {
		if (l->maintenance)
			push(w, flags, json_string("maintenance"));
		if (l->recurring)
			push(w, flags, json_string("recurring"));
		if (l->catchup)
			push(w, flags, json_string("catchup"));
		if (l->ttc_only)
			push(w, flags, json_string("ttc_only"));
		if (l->kind == SONS_LINE_STATE && l->zero_word)
			push(w, flags, json_string("zero_word"));
	}
	put(w, o, "flags", flags);
	put(w, o, "location", j_location(w, &l->loc));
	return o;
}

/* What the ASP documents carry (model/asp.c): the order and quote they
 * belong to, the date the deadlines judge, signatures, MSSanté, scenarios,
 * advance and balance, proof dossier, vague, establishment types. */
static json_t *j_asp(jw *w, const sons_model *m)
{
	json_t *o = json_object();
	if (!o) {
		w->fail = 1;
		return NULL;
	}
	put(w, o, "order", j_str_or_null(w, m->order_no));
	put(w, o, "quote", j_str_or_null(w, m->quote_no));
	put(w, o, "date", m->has_kind_date ? j_date(&m->kind_date) : json_null());
	put(w, o, "date_invalid", json_boolean(m->kind_date_invalid));
	put(w, o, "vague", m->vague ? j_int(w, m->vague) : json_null());
	json_t *sigs = json_array();
	for (size_t i = 0; sigs && i < m->nsigs; i++) {
		const sons_signature *s = &m->sigs[i];
		json_t *so = json_object();
		if (so) {
			put(w, so, "role", json_string(role_name(s->role)));
			put(w, so, "name", j_str_or_null(w, s->name));
			put(w, so, "quality", j_str_or_null(w, s->quality));
			put(w, so, "date", s->has_date ? j_date(&s->date) : json_null());
			put(w, so, "approved", json_boolean(s->approved));
			put(w, so, "electronic", json_boolean(s->electronic));
			put(w, so, "signed", json_boolean(s->filled));
		}
		push(w, sigs, so);
	}
	put(w, o, "signatures", sigs);
	json_t *mss = json_array();
	for (size_t i = 0; mss && i < m->nmssante; i++)
		push(w, mss, j_str(w, m->mssante[i]));
	put(w, o, "mssante", mss);
	put(w, o, "scenarios", json_boolean(m->has_scenarios));
	put(w, o, "advance",
	    m->has_advance ? json_real((double)m->advance_cents / 100.0) : json_null());
	put(w, o, "balance",
	    m->has_balance ? json_real((double)m->balance_cents / 100.0) : json_null());
	put(w, o, "proof_dossier_date", m->has_proof_date ? j_date(&m->proof_date) : json_null());
	json_t *prof = json_array();
	for (int p = 0; prof && p < SONS_PROFILE_COUNT; p++)
		if (m->profile_mask & (1u << p))
			push(w, prof, json_string(sons__profile_names[p]));
	put(w, o, "profiles", prof);
	return o;
}

static json_t *j_extract(jw *w, const sons_report *r)
{
	const sons_model *m = r->model;
	if (!m)
		return json_null();
	json_t *o = json_object();
	if (!o) {
		w->fail = 1;
		return NULL;
	}
	put(w, o, "kind", json_string(sons_kind_name(m->kind)));
	put(w, o, "kind_reason", j_str_or_null(w, m->kind_reason));
	put(w, o, "kind_detected", json_boolean(m->kind_detected));
	put(w, o, "number", j_str_or_null(w, m->number));
	put(w, o, "date", m->has_date ? j_date(&m->date) : json_null());
	put(w, o, "editor", j_str_or_null(w, m->editor_name));
	put(w, o, "client", j_str_or_null(w, m->client_name));

	json_t *ids = json_array();
	for (size_t i = 0; ids && i < m->nidents; i++)
		push(w, ids, j_ident(w, &m->idents[i]));
	put(w, o, "identifiers", ids);

	put(w, o, "dsr", j_dsr(w, m->dsr_codes));
	put(w, o, "profile", j_str_or_null(w, m->profile));
	put(w, o, "solution", j_str_or_null(w, m->solution));
	put(w, o, "version", j_str_or_null(w, m->solution_version));
	put(w, o, "referenced", json_boolean(m->referenced));
	put(w, o, "prereferencing", json_boolean(m->prereferencing));
	put(w, o, "reference_date", m->has_ref_date ? j_date(&m->ref_date) : json_null());
	put(w, o, "reference_condition", json_boolean(m->has_ref_condition));

	if (m->has_version_list) {
		json_t *vl = json_array();
		for (size_t i = 0; vl && i < m->nversions; i++)
			push(w, vl, j_version_entry(w, &m->versions[i]));
		put(w, o, "version_list", vl);
	} else {
		put(w, o, "version_list", json_null());
	}
	put(w, o, "client_version", j_str_or_null(w, m->client_version));

	json_t *lines = json_array();
	for (size_t i = 0; lines && i < m->nlines; i++)
		push(w, lines, j_line(w, &m->lines[i]));
	put(w, o, "lines", lines);

	put(w, o, "signature_block", json_boolean(m->signature_block));
	put(w, o, "signed", json_boolean(m->is_signed));
	put(w, o, "asp", j_asp(w, m));
	return o;
}

/* ------------------------------------------------------------------ */

static json_t *j_document(jw *w, const sons_report *r, int extract)
{
	json_t *o = json_object();
	if (!o) {
		w->fail = 1;
		return NULL;
	}
	put(w, o, "path", j_str(w, r->path));
	put(w, o, "kind", json_string(sons_kind_name(r->kind)));
	put(w, o, "format", j_str(w, r->format ? r->format : "unknown"));
	put(w, o, "verdict", json_string(sons_verdict_name(r->verdict)));
	if (extract) {
		put(w, o, "extract", j_extract(w, r));
	} else {
		json_t *fs = json_array();
		for (size_t i = 0; fs && i < r->nfindings; i++)
			push(w, fs, j_finding(w, &r->findings[i]));
		put(w, o, "findings", fs);
	}
	return o;
}

/* Appends the JSON of v as jansson prints it `depth` levels down in the
 * report (indent of 2 per level): every line after the first shifted. */
static int dump_at(sons_buf *out, json_t *v, int depth)
{
	char *s = json_dumps(v, JSON_FLAGS);
	if (!s)
		return -1;
	int rc = 0;
	for (const char *p = s; *p && rc == 0; p++) {
		rc = sons__buf_putc(out, *p);
		for (int k = 0; rc == 0 && *p == '\n' && k < 2 * depth; k++)
			rc = sons__buf_putc(out, ' ');
	}
	free(s);
	return rc;
}

/* The report is written piece by piece — the tool, each document (its
 * tree freed before the next one is built), the summary — with the bytes
 * jansson would print for the whole tree, so that a batch streams (the
 * output buffer is flushed after each document when it is a stream). */
int sons__render_json(sons_buf *out, const sons_context *ctx, sons_report *const *reports,
                      size_t count, const sons_render_options *opts)
{
	jw w = { 0 };
	const char *ref = NULL;
	if (count && reports[0]->referential)
		ref = reports[0]->referential;
	else if (ctx)
		ref = sons_context_referential_id(ctx);

	json_t *tool = json_object();
	if (!tool)
		return -1;
	put(&w, tool, "name", json_string("sons"));
	put(&w, tool, "version", json_string(sons_version_string()));
	put(&w, tool, "referentiel", j_str(&w, ref));
	int rc = w.fail || sons__buf_puts(out, "{\n  \"tool\": ") || dump_at(out, tool, 1) ||
	         sons__buf_puts(out, ",\n  \"documents\": [");
	json_decref(tool);

	size_t nv[3] = { 0, 0, 0 };
	for (size_t i = 0; rc == 0 && i < count; i++) {
		json_t *doc = j_document(&w, reports[i], opts->extract);
		rc = !doc || w.fail || sons__buf_puts(out, i ? ",\n    " : "\n    ") ||
		     dump_at(out, doc, 2) || sons__buf_flush(out);
		json_decref(doc);
		unsigned v = (unsigned)reports[i]->verdict;
		nv[v < 3 ? v : SONS_VERDICT_INDETERMINE]++;
	}
	if (rc == 0)
		rc = sons__buf_puts(out, count ? "\n  ],\n  \"summary\": " : "],\n  \"summary\": ");

	json_t *sum = rc == 0 ? json_object() : NULL;
	if (sum) {
		put(&w, sum, "documents", j_int(&w, (json_int_t)count));
		put(&w, sum, "conforme", j_int(&w, (json_int_t)nv[SONS_VERDICT_CONFORME]));
		put(&w, sum, "non-conforme", j_int(&w, (json_int_t)nv[SONS_VERDICT_NON_CONFORME]));
		put(&w, sum, "indetermine", j_int(&w, (json_int_t)nv[SONS_VERDICT_INDETERMINE]));
		if (opts->summary && !opts->extract && j_tally(&w, sum, reports, count))
			w.fail = 1;
		rc = w.fail || dump_at(out, sum, 1) || sons__buf_puts(out, "\n}\n");
		json_decref(sum);
	} else {
		rc = -1;
	}
	return rc ? -1 : 0;
}
