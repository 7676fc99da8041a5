/* SPDX-License-Identifier: MIT */
/* The HTML view: one self-contained page (inline style, no script, no
 * external resource) an establishment can read, print or forward. For
 * each document: the verdict in plain words, the problems grouped by the
 * place of the document they point at, each with what to ask the editor,
 * then what was read. Everything taken from a document is escaped; bytes
 * that are not UTF-8 become U+FFFD. Same documents, findings and order as
 * the JSON report; deterministic bytes. */
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "rules/eval.h" /* the State line of the model, as the rules see it */

typedef struct hw {
	sons_buf *out;
	sons_lang lang;
	sons_buf tmp;
} hw;

static const char *tr(const hw *w, const char *fr, const char *en)
{
	return w->lang == SONS_LANG_EN ? en : fr;
}

static void raw(hw *w, const char *s)
{
	sons__buf_puts(w->out, s);
}

/* Text as HTML: & < > " ' escaped, controls as spaces (newlines kept as
 * <br>), invalid UTF-8 as U+FFFD. */
static void esc(hw *w, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)p);
	sons_buf *b = w->out;
	while (*p) {
		unsigned cp;
		size_t len = sons__utf8_seq(p, n, &cp);
		if (!len) {
			sons__buf_puts(b, "\xEF\xBF\xBD");
			p++;
			n--;
			continue;
		}
		switch (*p) {
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
			sons__buf_puts(b, "&#39;");
			break;
		case '\n':
			sons__buf_puts(b, "<br>");
			break;
		default:
			if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
				sons__buf_putc(b, ' ');
			else
				sons__buf_append(b, (const char *)p, len);
		}
		p += len;
		n -= len;
	}
}

static void amount(hw *w, int64_t cents)
{
	char buf[64];
	sons__amount_format(buf, sizeof(buf), cents, w->lang);
	esc(w, buf);
}

static const char *kind_subject(const hw *w, sons_kind k)
{
	switch (k) {
	case SONS_KIND_DEVIS:
		return tr(w, "Ce devis", "This quote");
	case SONS_KIND_BDC:
		return tr(w, "Ce bon de commande", "This purchase order");
	case SONS_KIND_MOM:
		return tr(w, "Cette mise en ordre de marche", "This MOM");
	case SONS_KIND_VA:
		return tr(w, "Cette vérification d'aptitude", "This VA");
	case SONS_KIND_UNKNOWN:
		break;
	}
	return tr(w, "Ce document", "This document");
}

static const char *kind_word(const hw *w, sons_kind k)
{
	switch (k) {
	case SONS_KIND_DEVIS:
		return tr(w, "devis", "quote");
	case SONS_KIND_BDC:
		return tr(w, "bon de commande", "purchase order");
	case SONS_KIND_MOM:
		return tr(w, "mise en ordre de marche", "MOM");
	case SONS_KIND_VA:
		return tr(w, "vérification d'aptitude", "VA");
	case SONS_KIND_UNKNOWN:
		break;
	}
	return tr(w, "nature inconnue", "unknown kind");
}

static const char *feminine(sons_kind k)
{
	return k == SONS_KIND_MOM || k == SONS_KIND_VA ? "e" : "";
}

static const char *verdict_label(const hw *w, sons_verdict v)
{
	switch (v) {
	case SONS_VERDICT_CONFORME:
		return tr(w, "Conforme", "Compliant");
	case SONS_VERDICT_NON_CONFORME:
		return tr(w, "Non conforme", "Not compliant");
	case SONS_VERDICT_INDETERMINE:
		break;
	}
	return tr(w, "Indéterminé", "Undetermined");
}

static const char *verdict_class(sons_verdict v)
{
	return v == SONS_VERDICT_CONFORME ? "ok" : v == SONS_VERDICT_NON_CONFORME ? "ko" : "nd";
}

static const char *severity_label(const hw *w, sons_severity s)
{
	switch (s) {
	case SONS_SEVERITY_ERROR:
		return tr(w, "Problème", "Problem");
	case SONS_SEVERITY_WARNING:
		return tr(w, "Point d'attention", "Warning");
	case SONS_SEVERITY_INFO:
		break;
	}
	return tr(w, "Information", "Information");
}

static const char *severity_class(sons_severity s)
{
	return s == SONS_SEVERITY_ERROR ? "error" : s == SONS_SEVERITY_WARNING ? "warning" : "info";
}

/* ------------------------------------------------------------------ */
/* The verdict in plain words */

static void verdict_sentence(hw *w, const sons_report *r)
{
	size_t errors = 0, warnings = 0;
	const char *why = NULL;
	for (size_t i = 0; i < r->nfindings; i++) {
		const sons_finding_int *f = &r->findings[i];
		if (f->severity == SONS_SEVERITY_ERROR)
			errors++;
		else if (f->severity == SONS_SEVERITY_WARNING)
			warnings++;
		if (!why && (!strcmp(f->rule, "SONS-D001") || !strcmp(f->rule, "SONS-D002") ||
		             !strcmp(f->rule, "SONS-D003") || !strcmp(f->rule, "SONS-D005")))
			why = f->message;
	}
	const char *subject = kind_subject(w, r->kind);
	esc(w, subject);
	switch (r->verdict) {
	case SONS_VERDICT_CONFORME:
		raw(w, tr(w, " respecte les règles SONS que sons vérifie.",
		          " follows the SONS rules sons checks."));
		if (warnings)
			sons__buf_printf(
			        w->out,
			        w->lang == SONS_LANG_EN
			                ? " %zu point%s to look at below, without effect on the "
			                  "verdict."
			                : " %zu point%s d'attention ci-dessous, sans effet sur le "
			                  "verdict.",
			        warnings, warnings > 1 ? "s" : "");
		break;
	case SONS_VERDICT_NON_CONFORME:
		sons__buf_printf(
		        w->out,
		        w->lang == SONS_LANG_EN
		                ? " does not follow the SONS rules: %zu problem%s to have the "
		                  "editor correct before %s."
		                : " ne respecte pas les règles SONS : %zu problème%s à faire "
		                  "corriger par l'éditeur avant %s.",
		        errors, errors > 1 ? "s" : "",
		        r->kind == SONS_KIND_DEVIS || r->kind == SONS_KIND_UNKNOWN
		                ? tr(w, "de le signer", "signing it")
		                : tr(w, "de le transmettre", "sending it on"));
		break;
	case SONS_VERDICT_INDETERMINE:
		if (w->lang == SONS_LANG_EN)
			raw(w, " could not be checked completely: do not take it as compliant.");
		else
			sons__buf_printf(
			        w->out,
			        " n'a pas pu être entièrement vérifié%s : ne %s considérez pas "
			        "comme conforme.",
			        feminine(r->kind), feminine(r->kind)[0] ? "la" : "le");
		if (why) {
			raw(w, " ");
			raw(w, tr(w, "Raison : ", "Reason: "));
			esc(w, why);
			raw(w, ".");
		}
		break;
	}
}

/* ------------------------------------------------------------------ */
/* Problems grouped by place */

typedef struct place {
	size_t finding;
	int has_loc;
} place;

static int loc_empty(const sons_loc *l)
{
	return !l->page && !(l->sheet && l->sheet[0]) && !l->cell[0] && !l->line && !l->table &&
	       !l->row;
}

static int same_place(const sons_loc *a, const sons_loc *b)
{
	return a->page == b->page && a->line == b->line && a->table == b->table &&
	       a->row == b->row && !strcmp(a->cell, b->cell) &&
	       ((!a->sheet && !b->sheet) || (a->sheet && b->sheet && !strcmp(a->sheet, b->sheet)));
}

/* Document order of two findings' places; the place-less first. */
static int place_before(const sons_finding_int *a, const sons_finding_int *b)
{
	int ea = loc_empty(&a->loc), eb = loc_empty(&b->loc);
	if (ea != eb)
		return ea;
	if (a->loc.page != b->loc.page)
		return a->loc.page < b->loc.page;
	if (a->loc.order != b->loc.order)
		return a->loc.order < b->loc.order;
	if (a->loc.table != b->loc.table)
		return a->loc.table < b->loc.table;
	if (a->loc.row != b->loc.row)
		return a->loc.row < b->loc.row;
	return a->loc.line < b->loc.line;
}

static void finding_item(hw *w, const sons_report *r, const sons_finding_int *f)
{
	sons__buf_printf(w->out, "<li class=\"%s\"><span class=\"sev\">",
	                 severity_class(f->severity));
	esc(w, severity_label(w, f->severity));
	raw(w, "</span> <code>");
	esc(w, f->rule);
	raw(w, "</code> ");
	esc(w, f->message);
	if (f->evidence) {
		raw(w, "<br><q>");
		esc(w, f->evidence);
		raw(w, "</q>");
	}
	const char *ask =
	        f->severity == SONS_SEVERITY_INFO ? NULL : sons__rule_ask(f->rule, w->lang);
	if (ask) {
		raw(w, "<p class=\"ask\"><b>");
		raw(w, tr(w, "Que faire :", "What to do:"));
		raw(w, "</b> ");
		esc(w, ask);
		raw(w, "</p>");
	}
	if (f->nrelated) {
		raw(w, "<p class=\"rel\">");
		raw(w, tr(w, "Voir aussi : ", "See also: "));
		for (size_t k = 0; k < f->nrelated; k++) {
			if (k)
				raw(w, ", ");
			esc(w, f->related[k]);
		}
		raw(w, "</p>");
	}
	raw(w, "</li>\n");
	(void)r;
}

static void problems(hw *w, const sons_report *r)
{
	if (!r->nfindings) {
		sons__buf_printf(w->out, "<p class=\"none\">%s</p>\n",
		                 tr(w, "Aucun problème relevé.", "No problem found."));
		return;
	}
	/* Insertion sort of indices by place (findings are few per document);
	 * stable, so the rule order stays within a place. */
	size_t n = r->nfindings;
	size_t *ix = malloc(n * sizeof(*ix));
	if (!ix) {
		w->out->oom = 1;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		size_t j = i;
		while (j > 0 && place_before(&r->findings[i], &r->findings[ix[j - 1]])) {
			ix[j] = ix[j - 1];
			j--;
		}
		ix[j] = i;
	}
	raw(w, "<h3>");
	raw(w, tr(w, "Ce qui a été relevé, ligne par ligne", "What was found, place by place"));
	raw(w, "</h3>\n");
	for (size_t i = 0; i < n;) {
		const sons_finding_int *first = &r->findings[ix[i]];
		raw(w, "<div class=\"place\"><h4>");
		sons__buf_reset(&w->tmp);
		if (loc_empty(&first->loc) ||
		    !sons__loc_text(&w->tmp, &first->loc, r->format, w->lang))
			raw(w, tr(w, "Le document dans son ensemble", "The document as a whole"));
		else
			esc(w, w->tmp.data);
		raw(w, "</h4>\n<ul>\n");
		size_t j = i;
		while (j < n && (j == i ||
		                 (!loc_empty(&first->loc) &&
		                  same_place(&r->findings[ix[j]].loc, &first->loc)) ||
		                 (loc_empty(&first->loc) && loc_empty(&r->findings[ix[j]].loc)))) {
			finding_item(w, r, &r->findings[ix[j]]);
			j++;
		}
		raw(w, "</ul></div>\n");
		i = j;
	}
	free(ix);
}

/* ------------------------------------------------------------------ */
/* What was read */

static void row2(hw *w, const char *label, const char *value)
{
	if (!value || !value[0])
		return;
	raw(w, "<tr><th>");
	esc(w, label);
	raw(w, "</th><td>");
	esc(w, value);
	raw(w, "</td></tr>\n");
}

static const char *ident_label(const hw *w, const sons_ident *id)
{
	switch (id->type) {
	case SONS_IDT_FINESS:
		return id->finess_kind == SONS_FINESS_JURIDIQUE      ? "FINESS juridique"
		       : id->finess_kind == SONS_FINESS_GEOGRAPHIQUE ? "FINESS géographique"
		                                                     : "FINESS";
	case SONS_IDT_SIRET:
		return "SIRET";
	case SONS_IDT_SIREN:
		return "SIREN";
	case SONS_IDT_TVA:
		return tr(w, "TVA intracommunautaire", "VAT number");
	}
	return "?";
}

static const char *class_text(const hw *w, const sons_line *l)
{
	switch (l->kind) {
	case SONS_LINE_STATE:
		return tr(w, "montant pris en charge par l'État", "amount paid by the State");
	case SONS_LINE_SUBTOTAL:
		return tr(w, "sous-total", "subtotal");
	case SONS_LINE_TOTAL:
		return tr(w, "total", "total");
	case SONS_LINE_VAT:
		return tr(w, "TVA", "VAT");
	case SONS_LINE_CLIENT:
		return tr(w, "à la charge du client", "paid by the client");
	case SONS_LINE_ITEM:
		break;
	}
	switch (l->cls) {
	case SONS_CLASS_IN:
		return tr(w, "périmètre Ségur", "Ségur perimeter");
	case SONS_CLASS_OUT:
		return tr(w, "hors périmètre", "outside the perimeter");
	case SONS_CLASS_AMBIG:
		return tr(w, "à préciser", "unclear");
	case SONS_CLASS_MIXED:
		return tr(w, "mélange", "mixed");
	case SONS_CLASS_UNKNOWN:
		break;
	}
	return "";
}

static void cell_amount(hw *w, const sons_amount *a)
{
	raw(w, "<td class=\"num\">");
	if (a->present)
		amount(w, a->cents);
	raw(w, "</td>");
}

static void what_was_read(hw *w, const sons_report *r)
{
	const sons_model *m = r->model;
	raw(w, "<h3>");
	raw(w, tr(w, "Ce qui a été lu", "What was read"));
	raw(w, "</h3>\n");
	if (!m) {
		sons__buf_printf(w->out, "<p class=\"none\">%s</p>\n",
		                 tr(w,
		                    "Le contenu lu n'est pas conservé pour ce document (lot "
		                    "d'audit ou document illisible) : voir « sons extract ».",
		                    "What was read is not kept for this document (batch audit or "
		                    "unreadable document): see « sons extract »."));
		return;
	}
	raw(w, "<table class=\"kv\">\n");
	row2(w, tr(w, "Nature", "Kind"), kind_word(w, m->kind));
	row2(w, tr(w, "Numéro", "Number"), m->number);
	if (m->has_date) {
		char d[11];
		sons__date_iso(d, &m->date);
		row2(w, "Date", d);
	}
	row2(w, tr(w, "Éditeur", "Editor"), m->editor_name);
	row2(w, "Client", m->client_name);
	for (size_t i = 0; i < m->nidents; i++) {
		const sons_ident *id = &m->idents[i];
		sons__buf_reset(&w->tmp);
		sons__buf_puts(&w->tmp, id->raw ? id->raw : id->compact);
		sons__buf_puts(&w->tmp, id->role == SONS_ROLE_EDITOR
		                                ? tr(w, " (éditeur)", " (editor)")
		                        : id->role == SONS_ROLE_CLIENT ? " (client)"
		                                                       : "");
		row2(w, ident_label(w, id), w->tmp.data);
	}
	row2(w, "DSR", m->dsr_codes);
	row2(w, tr(w, "Profil", "Profile"), m->profile);
	row2(w, "Solution", m->solution);
	row2(w, tr(w, "Version", "Version"), m->solution_version);
	const sons_line *s = sons__state_line(m);
	if (s) {
		int ttc;
		int64_t c = sons__state_amount(s, &ttc);
		char buf[64];
		sons__amount_format(buf, sizeof(buf), c, w->lang);
		sons__buf_reset(&w->tmp);
		sons__buf_puts(&w->tmp, buf);
		sons__buf_puts(&w->tmp, ttc ? " TTC" : tr(w, " HT", " excl. VAT"));
		row2(w, tr(w, "Pris en charge par l'État", "Paid by the State"), w->tmp.data);
	}
	raw(w, "</table>\n");
	if (!m->nlines)
		return;
	sons__buf_printf(w->out,
	                 "<table class=\"lines\"><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
	                 "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>\n",
	                 tr(w, "Ligne", "Line"), tr(w, "Qté", "Qty"), tr(w, "Montant", "Amount"),
	                 tr(w, "Part État", "State part"), tr(w, "À votre charge", "You pay"),
	                 tr(w, "Classement", "Class"));
	for (size_t i = 0; i < m->nlines; i++) {
		const sons_line *l = &m->lines[i];
		raw(w, l->kind == SONS_LINE_ITEM ? "<tr><td>" : "<tr class=\"sum\"><td>");
		esc(w, l->label);
		raw(w, "</td><td class=\"num\">");
		if (l->has_qty && l->qty_milli % 1000 == 0)
			sons__buf_printf(w->out, "%lld", (long long)(l->qty_milli / 1000));
		else if (l->has_qty)
			sons__buf_printf(
			        w->out, w->lang == SONS_LANG_EN ? "%lld.%03lld" : "%lld,%03lld",
			        (long long)(l->qty_milli / 1000),
			        (long long)(l->qty_milli % 1000 < 0 ? -(l->qty_milli % 1000)
			                                            : l->qty_milli % 1000));
		raw(w, "</td>");
		cell_amount(w, l->total_ht.present ? &l->total_ht : &l->total_ttc);
		cell_amount(w, &l->state);
		raw(w, "<td class=\"num\">");
		if (l->kind == SONS_LINE_ITEM)
			amount(w, l->client_cents);
		raw(w, "</td><td>");
		esc(w, class_text(w, l));
		raw(w, "</td></tr>\n");
	}
	raw(w, "</tbody></table>\n");
}

/* ------------------------------------------------------------------ */

static const char STYLE[] =
        "body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:11pt;color:#111;max-width:"
        "60em;margin:1.5em auto;padding:0 1em;line-height:1.4}"
        "h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.2em;border-bottom:2px solid "
        "#444;padding-bottom:.2em;margin-top:2em;word-break:break-all}"
        "h3{font-size:1.05em;margin:1.2em 0 .4em}h4{font-size:1em;margin:.8em 0 .3em;color:#333}"
        ".meta{color:#555;font-size:.9em}"
        ".verdict{border:2px solid;border-radius:4px;padding:.6em .8em;margin:.8em 0}"
        ".verdict b{font-size:1.1em;text-transform:uppercase;margin-right:.5em}"
        ".ok{border-color:#1b7f3b;background:#eaf6ee}.ko{border-color:#b00020;background:#fdecee}"
        ".nd{border-color:#a15c00;background:#fff4e5}"
        "ul{margin:.2em 0;padding-left:1.2em}li{margin:.4em 0}"
        "li.error .sev{color:#b00020;font-weight:bold}li.warning .sev{color:#a15c00;"
        "font-weight:bold}li.info .sev{color:#555;font-weight:bold}"
        "code{font-size:.9em;background:#f0f0f0;padding:0 .2em}q{color:#333;font-style:italic}"
        ".ask{margin:.2em 0 0;padding:.2em .5em;border-left:3px solid #888;background:#f7f7f7}"
        ".rel{margin:.2em 0 0;color:#444;font-size:.9em}"
        "table{border-collapse:collapse;margin:.4em 0;font-size:.92em}"
        "th,td{border:1px solid #bbb;padding:.2em .4em;text-align:left;vertical-align:top}"
        "td.num{text-align:right;white-space:nowrap}tr.sum td{font-weight:bold;background:#f4f4f4}"
        "table.kv th{background:#f4f4f4;width:14em}.none{color:#555}"
        "table.summary td,table.summary th{padding:.2em .6em}"
        "footer{margin-top:2em;color:#666;font-size:.85em;border-top:1px solid #ccc}"
        "@media print{body{margin:0;max-width:none}section{page-break-before:always}"
        "section:first-of-type{page-break-before:auto}.verdict,.place{page-break-inside:"
        "avoid}}";

static void summary(hw *w, sons_report *const *reports, size_t count)
{
	size_t nv[3] = { 0, 0, 0 };
	for (size_t i = 0; i < count; i++) {
		unsigned v = (unsigned)reports[i]->verdict;
		nv[v < 3 ? v : SONS_VERDICT_INDETERMINE]++;
	}
	sons__buf_printf(w->out,
	                 "<p>%zu documents%s%zu %s, %zu %s, %zu %s.</p>\n<table class=\"summary\">"
	                 "<thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>\n",
	                 count, tr(w, " : ", ": "), nv[SONS_VERDICT_CONFORME],
	                 nv[SONS_VERDICT_CONFORME] > 1 ? tr(w, "conformes", "compliant")
	                                               : tr(w, "conforme", "compliant"),
	                 nv[SONS_VERDICT_NON_CONFORME],
	                 nv[SONS_VERDICT_NON_CONFORME] > 1 ? tr(w, "non conformes", "not compliant")
	                                                   : tr(w, "non conforme", "not compliant"),
	                 nv[SONS_VERDICT_INDETERMINE],
	                 nv[SONS_VERDICT_INDETERMINE] > 1 ? tr(w, "indéterminés", "undetermined")
	                                                  : tr(w, "indéterminé", "undetermined"),
	                 tr(w, "Document", "Document"), tr(w, "Nature", "Kind"),
	                 tr(w, "Verdict", "Verdict"));
	for (size_t i = 0; i < count; i++) {
		const sons_report *r = reports[i];
		sons__buf_printf(w->out, "<tr><td><a href=\"#doc-%zu\">", i + 1);
		esc(w, r->path);
		raw(w, "</a></td><td>");
		esc(w, kind_word(w, r->kind));
		sons__buf_printf(w->out, "</td><td class=\"%s\">", verdict_class(r->verdict));
		esc(w, verdict_label(w, r->verdict));
		raw(w, "</td></tr>\n");
	}
	raw(w, "</tbody></table>\n");
}

int sons__render_html(sons_buf *out, const sons_context *ctx, sons_report *const *reports,
                      size_t count, const sons_render_options *opts)
{
	(void)opts;
	hw w = { out, sons__report_lang(ctx, reports, count), SONS_BUF_INIT };
	const char *ref = count && reports[0]->referential ? reports[0]->referential
	                  : ctx                            ? sons_context_referential_id(ctx)
	                                                   : "";
	sons__buf_printf(
	        out,
	        "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	        "<title>",
	        w.lang == SONS_LANG_EN ? "en" : "fr");
	if (count == 1) {
		raw(&w, tr(&w, "Contrôle SONS : ", "SONS check: "));
		esc(&w, reports[0]->path);
	} else {
		sons__buf_printf(out, "%s (%zu documents)", tr(&w, "Contrôle SONS", "SONS check"),
		                 count);
	}
	sons__buf_printf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<header><h1>%s</h1>\n",
	                 STYLE,
	                 tr(&w, "Contrôle des documents SONS (Ségur numérique)",
	                    "Check of SONS documents (Ségur numérique)"));
	raw(&w, "<p class=\"meta\">");
	raw(&w, tr(&w, "Vérifié par sons ", "Checked by sons "));
	esc(&w, sons_version_string());
	raw(&w, tr(&w, " — référentiel ", " — referential "));
	esc(&w, ref);
	raw(&w, "</p></header>\n");
	if (count > 1)
		summary(&w, reports, count);
	sons__buf_flush(out);
	for (size_t i = 0; i < count; i++) {
		const sons_report *r = reports[i];
		sons__buf_printf(out, "<section id=\"doc-%zu\">\n<h2>", i + 1);
		esc(&w, r->path);
		raw(&w, "</h2>\n<p class=\"meta\">");
		esc(&w, kind_word(&w, r->kind));
		raw(&w, " — ");
		esc(&w, r->format ? r->format : "unknown");
		sons__buf_printf(out, "</p>\n<div class=\"verdict %s\"><b>",
		                 verdict_class(r->verdict));
		esc(&w, verdict_label(&w, r->verdict));
		raw(&w, ".</b> ");
		verdict_sentence(&w, r);
		raw(&w, "</div>\n");
		problems(&w, r);
		what_was_read(&w, r);
		raw(&w, "</section>\n");
		sons__buf_flush(out);
	}
	raw(&w, "<footer><p>");
	raw(&w,
	    tr(&w,
	       "Les règles viennent du catalogue SONS de sons (« sons rules ») et des textes "
	       "publics de l'ANS, de l'ASP et des ARS ; un document conforme ici peut encore être "
	       "refusé pour une raison que sons ne vérifie pas.",
	       "The rules come from sons's SONS catalogue (« sons rules ») and the public texts "
	       "of the ANS, the ASP and the ARS; a document compliant here may still be refused "
	       "for a reason sons does not check."));
	raw(&w, "</p></footer>\n</body>\n</html>\n");
	int bad = w.tmp.oom;
	sons__buf_free(&w.tmp);
	return bad || out->oom ? -1 : 0;
}
