/* SPDX-License-Identifier: MIT */
/* Text report, compiler-like: one line per finding
 *
 *	devis.xlsx:Devis!F12: erreur SONS-R001: message
 *	    « evidence »
 *	devis.xlsx: non conforme (1 erreur)
 *
 * then, with several documents, a summary line. Every document ends with
 * exactly one verdict line. With opts->extract, a readable dump of what was
 * read instead. Text from documents is untrusted: control characters,
 * C1 controls and bidirectional overrides never reach the terminal. */
#include <stdio.h>
#include <string.h>

#include "report/report.h"

#define C_RESET   "\033[0m"
#define C_BOLD    "\033[1m"
#define C_RED     "\033[1;31m"
#define C_GREEN   "\033[1;32m"
#define C_YELLOW  "\033[1;33m"
#define C_MAGENTA "\033[1;35m"
#define C_CYAN    "\033[1;36m"

typedef struct tw {
	sons_buf *out;
	sons_lang lang;
	int color;
} tw;

static const char *tr(const tw *t, const char *fr, const char *en)
{
	return t->lang == SONS_LANG_EN ? en : fr;
}

static void col_on(tw *t, const char *code)
{
	if (t->color)
		sons__buf_puts(t->out, code);
}

static void col_off(tw *t)
{
	if (t->color)
		sons__buf_puts(t->out, C_RESET);
}

/* Length of the valid UTF-8 sequence at s (at most n bytes) and its code
 * point, or 0 when the bytes there are not valid UTF-8. */
static size_t utf8_seq(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0];
	size_t len;
	unsigned min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		min = 0x80;
		c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		min = 0x800;
		c &= 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		min = 0x10000;
		c &= 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* Appends untrusted text on one line: controls (C0, DEL, C1) become
 * spaces, bidirectional controls and invalid bytes become U+FFFD. At most
 * `maxcp` code points are written (0: no limit), the last being "…" when
 * the text was cut. Returns the number of code points written. */
static size_t put_clean_n(sons_buf *b, const char *str, size_t maxcp)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	size_t n = strlen((const char *)s), i = 0, w = 0;
	while (i < n) {
		if (maxcp && w + 1 == maxcp) {
			/* room for one more: the rest if it is one code point, else "…" */
			unsigned cp;
			size_t l = utf8_seq(s + i, n - i, &cp);
			if (l && i + l == n && cp >= 0x20 && cp != 0x7f &&
			    !(cp >= 0x80 && cp < 0xa0))
				sons__buf_append(b, (const char *)s + i, l);
			else
				sons__buf_puts(b, "…");
			return w + 1;
		}
		unsigned cp;
		size_t l = utf8_seq(s + i, n - i, &cp);
		if (!l) {
			sons__buf_puts(b, "\xef\xbf\xbd");
			i++;
		} else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
			sons__buf_putc(b, ' ');
			i += l;
		} else if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
		           cp == 0x200e || cp == 0x200f || cp == 0x061c) {
			sons__buf_puts(b, "\xef\xbf\xbd");
			i += l;
		} else {
			sons__buf_append(b, (const char *)s + i, l);
			i += l;
		}
		w++;
	}
	return w;
}

static void put_clean(sons_buf *b, const char *s)
{
	put_clean_n(b, s, 0);
}

/* Code points of s as put_clean would write them (invalid bytes count 1). */
static size_t text_width(const char *str)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	size_t n = strlen((const char *)s), i = 0, w = 0;
	while (i < n) {
		unsigned cp;
		size_t l = utf8_seq(s + i, n - i, &cp);
		i += l ? l : 1;
		w++;
	}
	return w;
}

/* Drops what was appended after `mark`. */
static void buf_truncate(sons_buf *b, size_t mark)
{
	if (b->data && mark <= b->len) {
		b->len = mark;
		b->data[mark] = '\0';
	}
}

static void pad(sons_buf *b, size_t n)
{
	while (n--)
		sons__buf_putc(b, ' ');
}

/* Appends the location, written as in every other format (common.c) and
 * cleaned for a terminal; returns 0 when there was nothing to write. */
static int put_location(tw *t, const sons_loc *loc, const char *format)
{
	sons_buf tmp = SONS_BUF_INIT;
	int any = sons__loc_text(&tmp, loc, format, t->lang);
	if (tmp.oom)
		t->out->oom = 1;
	else if (any && tmp.len)
		put_clean(t->out, tmp.data);
	sons__buf_free(&tmp);
	return any && !t->out->oom;
}

static const char *severity_word(const tw *t, sons_severity s)
{
	switch (s) {
	case SONS_SEVERITY_ERROR:
		return tr(t, "erreur", "error");
	case SONS_SEVERITY_WARNING:
		return tr(t, "avertissement", "warning");
	case SONS_SEVERITY_INFO:
		break;
	}
	return "info";
}

static const char *severity_color(sons_severity s)
{
	switch (s) {
	case SONS_SEVERITY_ERROR:
		return C_RED;
	case SONS_SEVERITY_WARNING:
		return C_MAGENTA;
	case SONS_SEVERITY_INFO:
		break;
	}
	return C_CYAN;
}

static void put_finding(tw *t, const sons_report *r, const sons_finding_int *f)
{
	sons_buf *b = t->out;
	col_on(t, C_BOLD);
	put_clean(b, r->path);
	sons__buf_putc(b, ':');
	if (put_location(t, &f->loc, r->format))
		sons__buf_putc(b, ':');
	col_off(t);
	sons__buf_putc(b, ' ');
	col_on(t, severity_color(f->severity));
	sons__buf_puts(b, severity_word(t, f->severity));
	col_off(t);
	sons__buf_putc(b, ' ');
	col_on(t, C_BOLD);
	put_clean(b, f->rule);
	col_off(t);
	sons__buf_puts(b, ": ");
	put_clean(b, f->message);
	sons__buf_putc(b, '\n');
	if (f->evidence) {
		sons__buf_puts(b, "    ");
		sons__buf_puts(b, tr(t, "« ", "\""));
		put_clean(b, f->evidence);
		sons__buf_puts(b, tr(t, " »", "\""));
		sons__buf_putc(b, '\n');
	}
	for (size_t i = 0; i < f->nrelated; i++) {
		sons__buf_puts(b, i ? ", " : tr(t, "    voir aussi : ", "    see also: "));
		put_clean(b, f->related[i]);
		if (i + 1 == f->nrelated)
			sons__buf_putc(b, '\n');
	}
}

static void put_count(tw *t, size_t n, const char *one_fr, const char *many_fr, const char *one_en,
                      const char *many_en, int *first)
{
	if (!n)
		return;
	sons__buf_printf(t->out, "%s%zu %s", *first ? " (" : ", ", n,
	                 n == 1 ? tr(t, one_fr, one_en) : tr(t, many_fr, many_en));
	*first = 0;
}

static const char *verdict_words(const tw *t, sons_verdict v, size_t n)
{
	switch (v) {
	case SONS_VERDICT_CONFORME:
		return n > 1 ? tr(t, "conformes", "compliant") : tr(t, "conforme", "compliant");
	case SONS_VERDICT_NON_CONFORME:
		return n > 1 ? tr(t, "non conformes", "non-compliant")
		             : tr(t, "non conforme", "non-compliant");
	case SONS_VERDICT_INDETERMINE:
		break;
	}
	return n > 1 ? tr(t, "indéterminés", "undetermined") : tr(t, "indéterminé", "undetermined");
}

static const char *verdict_color(sons_verdict v)
{
	switch (v) {
	case SONS_VERDICT_CONFORME:
		return C_GREEN;
	case SONS_VERDICT_NON_CONFORME:
		return C_RED;
	case SONS_VERDICT_INDETERMINE:
		break;
	}
	return C_YELLOW;
}

static void put_verdict(tw *t, const sons_report *r)
{
	size_t nerr = 0, nwarn = 0;
	for (size_t i = 0; i < r->nfindings; i++) {
		if (r->findings[i].severity == SONS_SEVERITY_ERROR)
			nerr++;
		else if (r->findings[i].severity == SONS_SEVERITY_WARNING)
			nwarn++;
	}
	col_on(t, C_BOLD);
	put_clean(t->out, r->path);
	sons__buf_putc(t->out, ':');
	col_off(t);
	sons__buf_putc(t->out, ' ');
	col_on(t, verdict_color(r->verdict));
	sons__buf_puts(t->out, verdict_words(t, r->verdict, 1));
	col_off(t);
	int first = 1;
	put_count(t, nerr, "erreur", "erreurs", "error", "errors", &first);
	put_count(t, nwarn, "avertissement", "avertissements", "warning", "warnings", &first);
	if (!first)
		sons__buf_putc(t->out, ')');
	sons__buf_putc(t->out, '\n');
}

static void put_summary(tw *t, sons_report *const *reports, size_t count)
{
	size_t nv[3] = { 0, 0, 0 };
	for (size_t i = 0; i < count; i++) {
		unsigned v = (unsigned)reports[i]->verdict;
		nv[v < 3 ? v : SONS_VERDICT_INDETERMINE]++;
	}
	sons__buf_printf(t->out, "%zu documents%s", count, tr(t, " : ", ": "));
	static const sons_verdict order[] = { SONS_VERDICT_CONFORME, SONS_VERDICT_NON_CONFORME,
		                              SONS_VERDICT_INDETERMINE };
	for (size_t i = 0; i < 3; i++) {
		sons_verdict v = order[i];
		if (i)
			sons__buf_puts(t->out, ", ");
		if (nv[v])
			col_on(t, verdict_color(v));
		sons__buf_printf(t->out, "%zu %s", nv[v], verdict_words(t, v, nv[v]));
		if (nv[v])
			col_off(t);
	}
	sons__buf_putc(t->out, '\n');
}

/* The batch summary: documents per rule, verdicts per editor. */
static int put_tally(tw *t, sons_report *const *reports, size_t count)
{
	sons_tally y;
	if (sons__tally_make(&y, reports, count))
		return -1;
	sons_buf *b = t->out;
	if (y.nrules)
		sons__buf_puts(b, tr(t, "Par règle (documents concernés, constats) :\n",
		                     "By rule (documents concerned, findings):\n"));
	for (size_t i = 0; i < y.nrules; i++) {
		const sons_tally_rule *r = &y.rules[i];
		sons__buf_printf(b, "  %s %6zu %6zu  %s\n", r->rule->id, r->documents, r->findings,
		                 t->lang == SONS_LANG_EN ? r->rule->title_en : r->rule->title_fr);
	}
	if (y.neditors)
		sons__buf_puts(b, tr(t, "Par éditeur :\n", "By editor:\n"));
	for (size_t i = 0; i < y.neditors; i++) {
		const sons_tally_editor *e = &y.editors[i];
		sons__buf_puts(b, "  ");
		if (e->name)
			put_clean(b, e->name);
		else
			sons__buf_puts(b,
			               tr(t, "(éditeur non identifié)", "(editor not identified)"));
		sons__buf_printf(b, "%s%zu document%s", tr(t, " : ", ": "), e->documents,
		                 e->documents > 1 ? "s" : "");
		static const sons_verdict order[] = { SONS_VERDICT_CONFORME,
			                              SONS_VERDICT_NON_CONFORME,
			                              SONS_VERDICT_INDETERMINE };
		for (size_t k = 0; k < 3; k++) {
			size_t n = e->verdicts[order[k]];
			sons__buf_printf(b, ", %zu %s", n, verdict_words(t, order[k], n));
		}
		sons__buf_putc(b, '\n');
	}
	sons__tally_free(&y);
	return 0;
}

/* ------------------------------------------------------------------ */
/* extract                                                              */

static void field(tw *t, const char *fr, const char *en)
{
	sons__buf_puts(t->out, "  ");
	sons__buf_puts(t->out, tr(t, fr, en));
	sons__buf_puts(t->out, tr(t, " : ", ": "));
}

/* "  name :" ending a line, before an indented list. */
static void field_head(tw *t, const char *fr, const char *en)
{
	sons__buf_puts(t->out, "  ");
	sons__buf_puts(t->out, tr(t, fr, en));
	sons__buf_puts(t->out, tr(t, " :", ":"));
}

static void field_str(tw *t, const char *fr, const char *en, const char *value)
{
	if (!value)
		return;
	field(t, fr, en);
	put_clean(t->out, value);
	sons__buf_putc(t->out, '\n');
}

static void put_iso(sons_buf *b, const sons_date *d)
{
	char iso[11];
	sons__date_iso(iso, d);
	sons__buf_puts(b, iso);
}

/* " — Devis!B3" when the location is known. */
static void put_at(tw *t, const sons_loc *loc, const char *format)
{
	size_t mark = t->out->len;
	sons__buf_puts(t->out, " — ");
	if (!put_location(t, loc, format) && !t->out->oom)
		buf_truncate(t->out, mark);
}

static const char *id_type_word(sons_id_type ty)
{
	switch (ty) {
	case SONS_IDT_FINESS:
		return "FINESS";
	case SONS_IDT_SIRET:
		return "SIRET";
	case SONS_IDT_SIREN:
		return "SIREN";
	case SONS_IDT_TVA:
		break;
	}
	return "TVA";
}

static const char *role_word(const tw *t, sons_party_role r)
{
	switch (r) {
	case SONS_ROLE_EDITOR:
		return tr(t, "éditeur", "editor");
	case SONS_ROLE_CLIENT:
		return tr(t, "client", "client");
	case SONS_ROLE_UNKNOWN:
		break;
	}
	return tr(t, "partie inconnue", "unknown party");
}

static const char *line_kind_word(const tw *t, sons_line_kind k)
{
	switch (k) {
	case SONS_LINE_STATE:
		return tr(t, "État", "State");
	case SONS_LINE_SUBTOTAL:
		return tr(t, "sous-total", "subtotal");
	case SONS_LINE_TOTAL:
		return "total";
	case SONS_LINE_VAT:
		return tr(t, "TVA", "VAT");
	case SONS_LINE_CLIENT:
		return tr(t, "client", "client");
	case SONS_LINE_ITEM:
		break;
	}
	return tr(t, "article", "item");
}

static const char *section_word(const tw *t, sons_section s)
{
	switch (s) {
	case SONS_SECTION_SEGUR:
		return "Ségur";
	case SONS_SECTION_HORS:
		return tr(t, "hors Ségur", "non-Ségur");
	case SONS_SECTION_NONE:
		break;
	}
	return "-";
}

static const char *class_word(const tw *t, sons_class c)
{
	switch (c) {
	case SONS_CLASS_IN:
		return tr(t, "dans", "in");
	case SONS_CLASS_OUT:
		return tr(t, "hors", "out");
	case SONS_CLASS_AMBIG:
		return tr(t, "ambigu", "ambiguous");
	case SONS_CLASS_MIXED:
		return tr(t, "mixte", "mixed");
	case SONS_CLASS_UNKNOWN:
		break;
	}
	return "?";
}

enum { NCOLS = 8, LABEL_MAX = 40 };

/* One cell of the line table: text, padded to `width` code points, right
 * aligned when `right`; the last column is not padded. */
static void cell(tw *t, const char *s, size_t width, int right, int last)
{
	size_t w = text_width(s);
	if (w > width)
		w = width;
	if (right)
		pad(t->out, width - w);
	put_clean_n(t->out, s, width);
	if (!right && !last)
		pad(t->out, width - w);
	if (!last)
		sons__buf_puts(t->out, " | ");
}

static void amount_text(char *out, size_t sz, const sons_amount *a, sons_lang lang)
{
	if (a->present)
		sons__amount_format(out, sz, a->cents, lang);
	else
		snprintf(out, sz, "%s", "");
}

static void quantity_text(char *out, size_t sz, const sons_line *l, sons_lang lang)
{
	if (!l->has_qty) {
		snprintf(out, sz, "%s", "");
		return;
	}
	int64_t q = l->qty_milli;
	const char *sign = q < 0 ? "-" : "";
	uint64_t a = q < 0 ? (uint64_t)0 - (uint64_t)q : (uint64_t)q;
	uint64_t ip = a / 1000, fp = a % 1000;
	if (!fp) {
		snprintf(out, sz, "%s%llu", sign, (unsigned long long)ip);
		return;
	}
	int digits = 3;
	while (fp % 10 == 0) {
		fp /= 10;
		digits--;
	}
	snprintf(out, sz, "%s%llu%c%0*llu", sign, (unsigned long long)ip,
	         lang == SONS_LANG_EN ? '.' : ',', digits, (unsigned long long)fp);
}

typedef struct row_text {
	char qty[32], unit[40], ht[40], state[40], client[40];
	char cls[64];
} row_text;

static void row_fill(tw *t, row_text *rt, const sons_line *l)
{
	quantity_text(rt->qty, sizeof(rt->qty), l, t->lang);
	amount_text(rt->unit, sizeof(rt->unit), &l->unit, t->lang);
	if (l->total_ht.present)
		amount_text(rt->ht, sizeof(rt->ht), &l->total_ht, t->lang);
	else if (l->total_ttc.present) {
		amount_text(rt->ht, sizeof(rt->ht), &l->total_ttc, t->lang);
		size_t n = strlen(rt->ht);
		snprintf(rt->ht + n, sizeof(rt->ht) - n, " TTC");
	} else {
		rt->ht[0] = '\0';
	}
	amount_text(rt->state, sizeof(rt->state), &l->state, t->lang);
	amount_text(rt->client, sizeof(rt->client), &l->client, t->lang);
	if (l->kind == SONS_LINE_ITEM)
		snprintf(rt->cls, sizeof(rt->cls), "%s / %s", section_word(t, l->section),
		         class_word(t, l->cls));
	else
		snprintf(rt->cls, sizeof(rt->cls), "%s", line_kind_word(t, l->kind));
}

static void put_lines(tw *t, const sons_model *m)
{
	const char *head[NCOLS - 1] = { tr(t, "libellé", "label"),
		                        tr(t, "qté", "qty"),
		                        tr(t, "PU", "unit"),
		                        tr(t, "total HT", "total excl."),
		                        tr(t, "État", "State"),
		                        "client",
		                        tr(t, "section / classe", "section / class") };
	size_t width[NCOLS - 1];
	for (size_t c = 0; c < NCOLS - 1; c++)
		width[c] = text_width(head[c]);
	for (size_t i = 0; i < m->nlines; i++) {
		row_text rt;
		row_fill(t, &rt, &m->lines[i]);
		size_t w = text_width(m->lines[i].label);
		const char *cols[NCOLS - 1] = { NULL,     rt.qty,    rt.unit, rt.ht,
			                        rt.state, rt.client, rt.cls };
		if (w > width[0])
			width[0] = w > LABEL_MAX ? LABEL_MAX : w;
		for (size_t c = 1; c < NCOLS - 1; c++) {
			w = text_width(cols[c]);
			if (w > width[c])
				width[c] = w;
		}
	}
	sons__buf_puts(t->out, "    ");
	for (size_t c = 0; c < NCOLS - 1; c++)
		cell(t, head[c], width[c], c >= 1 && c <= 5, c == NCOLS - 2);
	sons__buf_putc(t->out, '\n');
	sons__buf_puts(t->out, "    ");
	for (size_t c = 0; c < NCOLS - 1; c++) {
		for (size_t k = 0; k < width[c]; k++)
			sons__buf_putc(t->out, '-');
		if (c != NCOLS - 2)
			sons__buf_puts(t->out, "-+-");
	}
	sons__buf_putc(t->out, '\n');
	for (size_t i = 0; i < m->nlines; i++) {
		const sons_line *l = &m->lines[i];
		row_text rt;
		row_fill(t, &rt, l);
		sons__buf_puts(t->out, "    ");
		cell(t, l->label, width[0], 0, 0);
		cell(t, rt.qty, width[1], 1, 0);
		cell(t, rt.unit, width[2], 1, 0);
		cell(t, rt.ht, width[3], 1, 0);
		cell(t, rt.state, width[4], 1, 0);
		cell(t, rt.client, width[5], 1, 0);
		cell(t, rt.cls, width[6], 0, 1);
		sons__buf_putc(t->out, '\n');
	}
}

static void put_extract(tw *t, const sons_report *r)
{
	sons_buf *b = t->out;
	const sons_model *m = r->model;
	col_on(t, C_BOLD);
	put_clean(b, r->path);
	col_off(t);
	sons__buf_puts(b, " (");
	put_clean(b, r->format ? r->format : "unknown");
	sons__buf_puts(b, ")\n");
	if (!m) {
		sons__buf_puts(b, tr(t, "  document illisible : rien n'a été lu\n",
		                     "  unreadable document: nothing was read\n"));
		for (size_t i = 0; i < r->nfindings; i++)
			put_finding(t, r, &r->findings[i]);
		return;
	}

	field(t, "nature", "kind");
	sons__buf_puts(b, sons_kind_name(m->kind));
	if (m->kind_reason) {
		sons__buf_puts(b, " (");
		put_clean(b, m->kind_reason);
		sons__buf_putc(b, ')');
	}
	if (!m->kind_detected)
		sons__buf_puts(b, tr(t, " [supposée]", " [assumed]"));
	sons__buf_putc(b, '\n');
	field_str(t, "numéro", "number", m->number);
	if (m->has_date) {
		field(t, "date", "date");
		put_iso(b, &m->date);
		put_at(t, &m->date_loc, r->format);
		sons__buf_putc(b, '\n');
	}
	field_str(t, "éditeur", "editor", m->editor_name);
	field_str(t, "client", "client", m->client_name);
	if (m->nidents) {
		field_head(t, "identifiants", "identifiers");
		sons__buf_putc(b, '\n');
		for (size_t i = 0; i < m->nidents; i++) {
			const sons_ident *id = &m->idents[i];
			sons__buf_printf(b, "    %s ", id_type_word(id->type));
			put_clean(b, id->compact);
			if (id->type == SONS_IDT_FINESS && id->finess_kind == SONS_FINESS_JURIDIQUE)
				sons__buf_puts(b, tr(t, " juridique", " legal"));
			else if (id->type == SONS_IDT_FINESS &&
			         id->finess_kind == SONS_FINESS_GEOGRAPHIQUE)
				sons__buf_puts(b, tr(t, " géographique", " site"));
			sons__buf_printf(b, " (%s)", role_word(t, id->role));
			put_at(t, &id->loc, r->format);
			sons__buf_putc(b, '\n');
		}
	}
	field_str(t, "DSR", "DSR", m->dsr_codes && m->dsr_codes[0] ? m->dsr_codes : NULL);
	field_str(t, "profil", "profile", m->profile);
	if (m->solution || m->solution_version) {
		field(t, "solution", "solution");
		put_clean(b, m->solution ? m->solution : "?");
		if (m->solution_version) {
			sons__buf_puts(b, tr(t, ", version ", ", version "));
			put_clean(b, m->solution_version);
		}
		put_at(t, &m->solution_loc, r->format);
		sons__buf_putc(b, '\n');
	}
	if (m->referenced || m->prereferencing || m->has_ref_date || m->has_ref_condition) {
		field(t, "référencement", "referencing");
		const char *sep = "";
		if (m->referenced) {
			sons__buf_puts(b, tr(t, "référencée", "referenced"));
			sep = ", ";
		}
		if (m->prereferencing) {
			sons__buf_printf(b, "%s%s", sep, tr(t, "en cours", "pending"));
			sep = ", ";
		}
		if (m->has_ref_date) {
			sons__buf_printf(b, "%s%s", sep, tr(t, "date ", "date "));
			put_iso(b, &m->ref_date);
			sep = ", ";
		}
		if (m->has_ref_condition)
			sons__buf_printf(
			        b, "%s%s", sep,
			        tr(t, "sous condition de référencement", "subject to referencing"));
		put_at(t, &m->ref_loc, r->format);
		sons__buf_putc(b, '\n');
	}
	if (m->has_version_list) {
		field_head(t, "versions sans reste à charge", "versions at no cost to the client");
		if (!m->nversions)
			sons__buf_puts(b, tr(t, " (liste vide)", " (empty list)"));
		put_at(t, &m->version_list_loc, r->format);
		sons__buf_putc(b, '\n');
		for (size_t i = 0; i < m->nversions; i++) {
			const sons_version_entry *v = &m->versions[i];
			sons__buf_puts(b, "    ");
			put_clean(b, v->version ? v->version : "?");
			sons__buf_puts(b, "  ");
			if (v->date_status == SONS_DATE_OK)
				put_iso(b, &v->date);
			else if (v->date_status == SONS_DATE_INVALID)
				sons__buf_puts(b, tr(t, "date invalide", "invalid date"));
			else
				sons__buf_puts(b, tr(t, "sans date", "no date"));
			put_at(t, &v->loc, r->format);
			sons__buf_putc(b, '\n');
		}
	}
	if (m->client_version) {
		field(t, "version actuelle du client", "client's current version");
		put_clean(b, m->client_version);
		put_at(t, &m->client_version_loc, r->format);
		sons__buf_putc(b, '\n');
	}
	if (m->signature_block || m->is_signed) {
		field(t, "signature", "signature");
		sons__buf_puts(b, m->signature_block ? tr(t, "bloc présent", "block present")
		                                     : tr(t, "pas de bloc", "no block"));
		sons__buf_puts(b, m->is_signed ? tr(t, ", signé", ", signed")
		                               : tr(t, ", non signé", ", not signed"));
		sons__buf_putc(b, '\n');
	}
	field(t, "lignes", "lines");
	if (!m->nlines) {
		sons__buf_puts(b, tr(t, "aucune\n", "none\n"));
		return;
	}
	sons__buf_printf(b, "%zu\n", m->nlines);
	put_lines(t, m);
}

int sons__render_text(sons_buf *out, const sons_context *ctx, sons_report *const *reports,
                      size_t count, const sons_render_options *opts)
{
	tw t = { out, SONS_LANG_FR, opts->color != 0 };
	if (ctx)
		t.lang = sons__context_lang(ctx);
	else if (count)
		t.lang = reports[0]->lang;

	for (size_t i = 0; i < count; i++) {
		const sons_report *r = reports[i];
		if (opts->extract) {
			if (i)
				sons__buf_putc(out, '\n');
			put_extract(&t, r);
			continue;
		}
		for (size_t k = 0; k < r->nfindings; k++)
			put_finding(&t, r, &r->findings[k]);
		put_verdict(&t, r);
		sons__buf_flush(out); /* a stream: this document is out */
	}
	if (!opts->extract && count > 1)
		put_summary(&t, reports, count);
	if (!opts->extract && opts->summary && put_tally(&t, reports, count))
		return -1;
	return out->oom ? -1 : 0;
}
