/* SPDX-License-Identifier: MIT */
/* Understands a read document: finds the kind, the priced lines and what
 * their columns mean, the State line, the parties and their identifiers,
 * the DSR, the solution and versions. Every meaning comes from the
 * referential's patterns, matched on folded text; nothing depends on a
 * column's position. */
#include <string.h>

#include "rules/eval.h"

/* Column roles of a priced table. */
enum {
	COL_NONE = 0,
	COL_LABEL,
	COL_REF,
	COL_QTY,
	COL_UNIT,
	COL_DISCOUNT,
	COL_VAT_RATE,
	COL_VAT_AMOUNT,
	COL_TTC,
	COL_STATE,
	COL_CLIENT,
	COL_HT,
	COL_COUNT
};

#define MAX_COLS 128

typedef struct vec {
	void *data;
	size_t n, cap;
} vec;

typedef struct an {
	sons_doc *doc;
	sons_arena *a;
	const sons_ref *ref;
	sons_matcher *md;
	sons_model *m;
	sons_buf fold;
	vec texts, lines, idents, versions;
	int oom;
	int order;
	sons_section section; /* running section from headings */
	sons_party_role role; /* running party context */
} an;

static void *vec_push(an *z, vec *v, size_t elem)
{
	if (v->n == v->cap) {
		size_t nc = v->cap ? v->cap * 2 : 16;
		void *p = sons__realloc(v->data, nc * elem);
		if (!p) {
			z->oom = 1;
			return NULL;
		}
		v->data = p;
		v->cap = nc;
	}
	void *e = (char *)v->data + v->n * elem;
	memset(e, 0, elem);
	v->n++;
	return e;
}

/* Copies a vector into the arena (the model must live as long as the doc). */
static void *vec_freeze(an *z, vec *v, size_t elem)
{
	if (!v->n)
		return NULL;
	void *p = sons__arena_alloc(z->a, v->n * elem);
	if (!p) {
		z->oom = 1;
		return NULL;
	}
	memcpy(p, v->data, v->n * elem);
	return p;
}

static const char *fold(an *z, const char *s)
{
	const char *r = sons__doc_fold(z->doc, s, strlen(s));
	if (!r) {
		z->oom = 1;
		return "";
	}
	return r;
}

static int has(an *z, const sons_re *re, const char *s)
{
	return s && sons__re_find(re, z->md, s, strlen(s), 0, NULL, NULL);
}

static int find(an *z, const sons_re *re, const char *s, size_t *st, size_t *en)
{
	return s && sons__re_find(re, z->md, s, strlen(s), 0, st, en);
}

/* The named group of the last match, copied into the arena, trimmed. */
static const char *group(an *z, const sons_re *re, const char *s, const char *name)
{
	size_t b, e;
	if (!sons__re_group(re, z->md, name, &b, &e))
		return NULL;
	while (b < e && (s[b] == ' ' || s[b] == '-' || s[b] == ':'))
		b++;
	while (e > b && (s[e - 1] == ' ' || s[e - 1] == '.' || s[e - 1] == '-'))
		e--;
	if (b == e)
		return NULL;
	const char *r = sons__arena_strndup(z->a, s + b, e - b);
	if (!r)
		z->oom = 1;
	return r;
}

/* The raw text behind the folded span [fs, fe) of fold(raw): walks raw
 * one character at a time, counting what folding makes of it (spaces
 * collapse), so that names are reported as written, with case and
 * accents. */
const char *sons__unfold_span(sons_arena *a, const char *raw, size_t fs, size_t fe, int *oom)
{
	size_t pos = 0, rs = (size_t)-1, re = 0, n = strlen(raw);
	int space = 1; /* leading spaces are trimmed by fold */
	sons_buf one = SONS_BUF_INIT;
	for (size_t i = 0; i < n && pos < fe;) {
		size_t clen = 1;
		unsigned char c = (unsigned char)raw[i];
		if (c >= 0xC0)
			while (i + clen < n && ((unsigned char)raw[i + clen] & 0xC0) == 0x80)
				clen++;
		sons__buf_reset(&one);
		if (sons__fold(&one, raw + i, clen)) {
			*oom = 1;
			break;
		}
		size_t add = one.len;
		if (add == 0) { /* a space */
			if (!space) {
				add = 1;
				space = 1;
			}
		} else {
			space = 0;
		}
		if (add && pos >= fs && rs == (size_t)-1)
			rs = i;
		pos += add;
		if (rs != (size_t)-1 && add)
			re = i + clen;
		i += clen;
	}
	sons__buf_free(&one);
	if (rs == (size_t)-1 || re <= rs)
		return NULL;
	while (re > rs && (raw[re - 1] == ' ' || raw[re - 1] == ','))
		re--;
	const char *r = sons__arena_strndup(a, raw + rs, re - rs);
	if (!r)
		*oom = 1;
	return r;
}

static const char *unfold_span(an *z, const char *raw, size_t fs, size_t fe)
{
	return sons__unfold_span(z->a, raw, fs, fe, &z->oom);
}

/* Like group(), but returns the text as written in `raw`. */
static const char *raw_group(an *z, const sons_re *re, const char *raw, const char *f,
                             const char *name)
{
	size_t b, e;
	if (!sons__re_group(re, z->md, name, &b, &e))
		return NULL;
	while (b < e && (f[b] == ' ' || f[b] == '-' || f[b] == ':'))
		b++;
	while (e > b && (f[e - 1] == ' ' || f[e - 1] == '.' || f[e - 1] == '-'))
		e--;
	if (b == e)
		return NULL;
	const char *r = unfold_span(z, raw, b, e);
	return r ? r : group(z, re, f, name);
}

static const sons_re *P(an *z, sons_pat p)
{
	return z->ref->pat[p];
}

/* ------------------------------------------------------------------ */
/* Locations */

static void loc_para(an *z, sons_loc *l, const sons_block *b)
{
	memset(l, 0, sizeof(*l));
	l->page = b->page;
	l->line = b->index;
	l->order = ++z->order;
}

static void loc_row(an *z, sons_loc *l, const sons_block *b, const sons_row *r, const sons_cell *c)
{
	memset(l, 0, sizeof(*l));
	l->page = b->page;
	l->sheet = b->sheet;
	if (b->paged) {
		/* PDF: a row is a text line of a page. */
		l->page = r->page ? r->page : b->page;
		l->line = r->index;
	} else if (b->sheet) {
		l->row = r->index;
		if (c && c->ref[0])
			memcpy(l->cell, c->ref, sizeof(l->cell));
	} else {
		l->table = b->index;
		l->row = r->index;
	}
	if (c)
		l->column = c->col;
	l->order = ++z->order;
}

/* ------------------------------------------------------------------ */
/* Amounts in cells */

static int cell_amount(const sons_cell *c, int64_t *cents)
{
	if (!c || !c->text[0])
		return 0;
	if (c->has_date)
		return 0;
	if (c->has_value) {
		double v = c->value * 100.0;
		if (v > 1e17 || v < -1e17)
			return 0;
		*cents = (int64_t)(v < 0 ? v - 0.5 : v + 0.5);
		return 1;
	}
	unsigned fl;
	return sons__amount_parse(c->text, strlen(c->text), cents, &fl);
}

/* The cell of a row covering grid column `col`, or NULL. */
static const sons_cell *cell_at(const sons_row *r, int col)
{
	for (size_t i = 0; i < r->ncells; i++) {
		const sons_cell *c = &r->cells[i];
		if (col >= c->col && col < c->col + c->span)
			return c;
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Text units and party context */

static void update_role(an *z, const char *folded, sons_party_role *role)
{
	size_t s1, e1, s2, e2;
	int ed = find(z, P(z, SP_ROLE_EDITOR), folded, &s1, &e1);
	int cl = find(z, P(z, SP_ROLE_CLIENT), folded, &s2, &e2);
	if (ed && cl)
		*role = s1 <= s2 ? SONS_ROLE_EDITOR : SONS_ROLE_CLIENT;
	else if (ed)
		*role = SONS_ROLE_EDITOR;
	else if (cl)
		*role = SONS_ROLE_CLIENT;
}

static sons_text *add_text(an *z, const char *text, const sons_loc *loc, int block)
{
	sons_text *t = vec_push(z, &z->texts, sizeof(sons_text));
	if (!t)
		return NULL;
	t->text = text;
	t->folded = fold(z, text);
	t->loc = *loc;
	t->block = block;
	t->role = z->role;
	return t;
}

/* ------------------------------------------------------------------ */
/* Identifiers */

static void add_ident(an *z, sons_id_type type, const char *raw, size_t n, sons_party_role role,
                      sons_finess_kind fk, const sons_loc *loc)
{
	char compact[32];
	int len = sons__ident_compact(compact, sizeof(compact), raw, n);
	if (len <= 0)
		return;
	sons_ident *ids = z->idents.data;
	for (size_t i = 0; i < z->idents.n; i++)
		if (ids[i].type == type && strcmp(ids[i].compact, compact) == 0) {
			if (ids[i].role == SONS_ROLE_UNKNOWN)
				ids[i].role = role;
			if (ids[i].finess_kind == SONS_FINESS_UNSPECIFIED)
				ids[i].finess_kind = fk;
			return;
		}
	sons_ident *id = vec_push(z, &z->idents, sizeof(sons_ident));
	if (!id)
		return;
	id->type = type;
	id->raw = sons__arena_strndup(z->a, raw, n);
	id->compact = sons__arena_strdup(z->a, compact);
	if (!id->raw || !id->compact)
		z->oom = 1;
	id->role = role;
	id->finess_kind = fk;
	id->loc = *loc;
}

static void scan_idents(an *z, const char *f, sons_party_role role, const sons_loc *loc)
{
	size_t len = strlen(f), from = 0, s, e, gs, ge;
	while (sons__re_find(P(z, SP_FINESS), z->md, f, len, from, &s, &e)) {
		sons_finess_kind fk = SONS_FINESS_UNSPECIFIED;
		if (sons__re_group(P(z, SP_FINESS), z->md, "k", &gs, &ge)) {
			const char *k = f + gs;
			if (!strncmp(k, "juridique", 9) || !strncmp(k, "ej", 2) ||
			    !strncmp(k, "de l'entite", 11) || !strncmp(k, "entite", 6))
				fk = SONS_FINESS_JURIDIQUE;
			else
				fk = SONS_FINESS_GEOGRAPHIQUE;
		}
		if (sons__re_group(P(z, SP_FINESS), z->md, "v", &gs, &ge))
			add_ident(z, SONS_IDT_FINESS, f + gs, ge - gs, role, fk, loc);
		from = e > from ? e : from + 1;
	}
	from = 0;
	while (sons__re_find(P(z, SP_SIRET), z->md, f, len, from, &s, &e)) {
		if (sons__re_group(P(z, SP_SIRET), z->md, "v", &gs, &ge))
			add_ident(z, SONS_IDT_SIRET, f + gs, ge - gs, role, 0, loc);
		from = e > from ? e : from + 1;
	}
	from = 0;
	while (sons__re_find(P(z, SP_SIREN), z->md, f, len, from, &s, &e)) {
		if (sons__re_group(P(z, SP_SIREN), z->md, "v", &gs, &ge))
			add_ident(z, SONS_IDT_SIREN, f + gs, ge - gs, role, 0, loc);
		from = e > from ? e : from + 1;
	}
	from = 0;
	while (sons__re_find(P(z, SP_TVA), z->md, f, len, from, &s, &e)) {
		if (sons__re_group(P(z, SP_TVA), z->md, "v", &gs, &ge))
			add_ident(z, SONS_IDT_TVA, f + gs, ge - gs,
			          role == SONS_ROLE_UNKNOWN ? SONS_ROLE_EDITOR : role, 0, loc);
		from = e > from ? e : from + 1;
	}
}

/* A column headed « FINESS géographique » or « SIRET » holds bare numbers:
 * the header cell sets the column's type, the cells below are read as
 * such identifiers. */
static void ident_column(an *z, const char *f, int col, signed char colid[],
                         sons_finess_kind colfk[], sons_party_role role, const sons_loc *loc)
{
	size_t s, e, gs, ge;
	if (find(z, P(z, SP_IDENT_COLUMN), f, &s, &e)) {
		sons__re_group(P(z, SP_IDENT_COLUMN), z->md, "t", &gs, &ge);
		sons_id_type t = !strncmp(f + gs, "siret", 5)   ? SONS_IDT_SIRET
		                 : !strncmp(f + gs, "siren", 5) ? SONS_IDT_SIREN
		                                                : SONS_IDT_FINESS;
		colid[col] = (signed char)(t + 1);
		colfk[col] = SONS_FINESS_UNSPECIFIED;
		if (sons__re_group(P(z, SP_IDENT_COLUMN), z->md, "k", &gs, &ge))
			colfk[col] = f[gs] == 'j' || (f[gs] == 'e' && f[gs + 1] == 'j')
			                     ? SONS_FINESS_JURIDIQUE
			                     : SONS_FINESS_GEOGRAPHIQUE;
		return;
	}
	if (!colid[col])
		return;
	size_t n = strlen(f), digits = 0;
	for (size_t i = 0; i < n; i++) {
		if (f[i] >= '0' && f[i] <= '9')
			digits++;
		else if (f[i] != ' ' && f[i] != '.' && !(i < 2 && (f[i] == 'a' || f[i] == 'b')))
			return; /* not a bare number */
	}
	if (digits < 8)
		return;
	sons_id_type type = (sons_id_type)(colid[col] - 1);
	add_ident(z, type, f, n,
	          type == SONS_IDT_FINESS && role == SONS_ROLE_UNKNOWN ? SONS_ROLE_CLIENT : role,
	          colfk[col], loc);
}

/* ------------------------------------------------------------------ */
/* Priced lines */

static int header_role(an *z, const char *f)
{
	static const struct {
		sons_pat pat;
		int role;
	} order[] = {
		{ SP_COL_STATE, COL_STATE },
		{ SP_COL_CLIENT, COL_CLIENT },
		{ SP_COL_UNIT, COL_UNIT },
		{ SP_COL_QTY, COL_QTY },
		{ SP_COL_VAT_AMOUNT, COL_VAT_AMOUNT },
		{ SP_COL_VAT_RATE, COL_VAT_RATE },
		{ SP_COL_DISCOUNT, COL_DISCOUNT },
		{ SP_COL_TTC, COL_TTC },
		{ SP_COL_LABEL, COL_LABEL },
		{ SP_COL_REF, COL_REF },
		{ SP_COL_HT, COL_HT },
	};
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (has(z, P(z, order[i].pat), f))
			return order[i].role;
	return COL_NONE;
}

/* Tries a row as a header; fills cols[] and returns 1 when it is one. */
static int detect_header(an *z, const sons_row *r, int cols[MAX_COLS])
{
	int tmp[MAX_COLS] = { 0 };
	int nroles = 0, amount_roles = 0, seen[COL_COUNT] = { 0 };
	for (size_t i = 0; i < r->ncells; i++) {
		const sons_cell *c = &r->cells[i];
		if (!c->text[0])
			continue;
		int64_t v;
		if (cell_amount(c, &v) || strlen(c->text) > 60)
			return 0;
		const char *f = fold(z, c->text);
		int role = header_role(z, f);
		if (role == COL_NONE || c->col >= MAX_COLS || seen[role])
			continue;
		seen[role] = 1;
		tmp[c->col] = role;
		nroles++;
		if (role == COL_UNIT || role == COL_HT || role == COL_TTC || role == COL_STATE ||
		    role == COL_CLIENT)
			amount_roles++;
	}
	if (nroles < 2 || amount_roles < 1)
		return 0;
	memcpy(cols, tmp, sizeof(tmp));
	return 1;
}

static int col_of(const int cols[MAX_COLS], int role)
{
	for (int i = 0; i < MAX_COLS; i++)
		if (cols[i] == role)
			return i;
	return 0;
}

static void set_amount(an *z, sons_amount *a, const sons_cell *c)
{
	int64_t v;
	if (c && cell_amount(c, &v)) {
		a->present = 1;
		a->cents = v;
		a->text = c->text;
	} else if (c && c->text[0]) {
		a->text = c->text; /* kept for « offert », « inclus »… */
	}
	(void)z;
}

/* Classifies a label: families, perimeter class, maintenance and DSRs. */
static void classify(an *z, sons_line *l)
{
	const char *f = l->folded;
	size_t len = strlen(f);
	/* Out-of-perimeter matches are blanked before looking for in-perimeter
	 * words: « boîtes aux lettres MSSanté » is not the MSSanté connector. */
	char *rest = sons__arena_strndup(z->a, f, len);
	if (!rest) {
		z->oom = 1;
		return;
	}
	for (int i = 0; i < z->ref->nout; i++) {
		size_t from = 0, s, e;
		while (sons__re_find(z->ref->out[i].re, z->md, f, len, from, &s, &e) && e > s) {
			l->out_families |= 1u << i;
			memset(rest + s, ' ', e - s);
			from = e;
		}
	}
	for (int i = 0; i < z->ref->nin; i++)
		if (has(z, z->ref->in[i].re, rest))
			l->in_families |= 1u << i;
	for (int i = 0; i < z->ref->ndsr; i++)
		if (has(z, z->ref->dsr[i].re, f))
			l->dsr_mask |= 1u << i;
	l->catchup = has(z, P(z, SP_CATCHUP), f);
	if (l->catchup) {
		/* Bundled: once the catch-up words are blanked, the label still
		 * names another service. */
		char *other = sons__arena_strndup(z->a, f, len);
		size_t from = 0, s, e;
		if (!other) {
			z->oom = 1;
			return;
		}
		while (sons__re_find(P(z, SP_CATCHUP), z->md, f, len, from, &s, &e) && e > s) {
			memset(other + s, ' ', e - s);
			from = e;
		}
		for (int i = 0; i < z->ref->nout && !l->catchup_bundled; i++) {
			size_t os, oe;
			if (sons__re_find(z->ref->out[i].re, z->md, other, len, 0, &os, &oe) &&
			    !has(z, P(z, SP_CATCHUP), f + os))
				l->catchup_bundled = 1;
		}
		for (int i = 0; i < z->ref->nin && !l->catchup_bundled; i++)
			if (has(z, z->ref->in[i].re, other))
				l->catchup_bundled = 1;
	}
	l->recurring = has(z, P(z, SP_RECURRING), f);
	int maint = has(z, P(z, SP_MAINTENANCE), f);
	int corrective = has(z, P(z, SP_MAINT_CORRECTIVE), f);
	int ambiguous = has(z, P(z, SP_AMBIGUOUS), rest);
	int joiner = strstr(f, " + ") || strstr(f, " et ") || strstr(f, " & ") || strstr(f, ", ") ||
	             strstr(f, " / ") || strstr(f, " avec ") || strstr(f, " incluant ") ||
	             strstr(f, "+");

	if (has(z, P(z, SP_AMBIGUOUS_STRONG), f) && !l->in_families)
		l->cls = SONS_CLASS_AMBIG; /* SaaS hosting: the sources do not say */
	else if (has(z, P(z, SP_LABEL_OUT), f))
		l->cls = SONS_CLASS_OUT; /* the label says so: « (hors périmètre) » */
	else if (l->out_families && l->in_families && joiner)
		l->cls = SONS_CLASS_MIXED;
	else if (l->out_families)
		l->cls = SONS_CLASS_OUT;
	else if (maint && !corrective) {
		/* Maintenance, subscription or fee: of the Ségur software when it
		 * recurs or names the software; otherwise a human must look. */
		l->maintenance = 1;
		if (l->recurring || l->in_families || l->dsr_mask || strstr(f, "segur") ||
		    strstr(f, "logiciel"))
			l->cls = SONS_CLASS_IN;
		else
			l->cls = SONS_CLASS_AMBIG;
	} else if (l->in_families)
		l->cls = SONS_CLASS_IN;
	else if (ambiguous)
		l->cls = SONS_CLASS_AMBIG;
	else
		l->cls = SONS_CLASS_UNKNOWN;
	if (corrective)
		l->maintenance = 1;
	if (l->cls == SONS_CLASS_UNKNOWN || l->cls == SONS_CLASS_AMBIG) {
		if (l->section == SONS_SECTION_SEGUR && l->cls == SONS_CLASS_UNKNOWN)
			l->cls = SONS_CLASS_IN;
		else if (l->section == SONS_SECTION_HORS && l->cls == SONS_CLASS_UNKNOWN)
			l->cls = SONS_CLASS_OUT;
	}
}

/* The kind of a line from its label; ITEM when nothing special. */
static sons_line_kind line_kind(an *z, const char *f, int has_qty, int *wording)
{
	*wording = -2;
	for (int i = 0; i < z->ref->nwordings; i++)
		if (has(z, z->ref->wordings[i].re, f)) {
			*wording = i;
			return SONS_LINE_STATE;
		}
	size_t s, e;
	if (!has_qty && find(z, P(z, SP_STATE_LOOSE), f, &s, &e) && s <= 24) {
		*wording = -1;
		return SONS_LINE_STATE;
	}
	if (has(z, P(z, SP_SUBTOTAL), f))
		return SONS_LINE_SUBTOTAL;
	if (has(z, P(z, SP_VAT_LINE), f))
		return SONS_LINE_VAT;
	if (has(z, P(z, SP_CLIENT_TOTAL), f) && !has_qty)
		return SONS_LINE_CLIENT;
	if (has(z, P(z, SP_TOTAL), f))
		return SONS_LINE_TOTAL;
	return SONS_LINE_ITEM;
}

static int is_family_label(an *z, const char *f)
{
	for (int i = 0; i < z->ref->nin; i++)
		if (has(z, z->ref->in[i].re, f))
			return 1;
	for (int i = 0; i < z->ref->nout; i++)
		if (has(z, z->ref->out[i].re, f))
			return 1;
	return has(z, P(z, SP_AMBIGUOUS), f) || has(z, P(z, SP_MAINTENANCE), f);
}

static void zero_word(an *z, sons_line *l)
{
	const char *t = l->total_ht.text    ? l->total_ht.text
	                : l->total_ttc.text ? l->total_ttc.text
	                                    : l->state.text;
	if (l->kind == SONS_LINE_STATE && !l->total_ht.present && !l->total_ttc.present &&
	    !l->state.present && t && has(z, P(z, SP_ZERO_WORDS), fold(z, t)))
		l->zero_word = 1;
}

static sons_line *new_line(an *z)
{
	return vec_push(z, &z->lines, sizeof(sons_line));
}

/* A row under a recognised header. */
static void table_row(an *z, const sons_block *b, const sons_row *r, const int cols[MAX_COLS],
                      int bi, sons_section *section)
{
	int lc = col_of(cols, COL_LABEL);
	const sons_cell *lcell = lc ? cell_at(r, lc) : NULL;
	if (!lcell || !lcell->text[0]) {
		/* No label column, or empty: the first non-amount text cell. */
		lcell = NULL;
		for (size_t i = 0; i < r->ncells; i++) {
			int64_t v;
			const sons_cell *c = &r->cells[i];
			int role = c->col < MAX_COLS ? cols[c->col] : COL_NONE;
			if (c->text[0] && !cell_amount(c, &v) && role != COL_VAT_RATE &&
			    role != COL_QTY) {
				lcell = c;
				break;
			}
		}
	}
	const char *label = lcell ? lcell->text : "";
	const char *f = fold(z, label);
	sons_line tmp;
	memset(&tmp, 0, sizeof(tmp));
	const sons_cell *c;
	if ((c = cell_at(r, col_of(cols, COL_QTY))) && col_of(cols, COL_QTY))
		tmp.has_qty = sons__quantity_parse(c->text, strlen(c->text), &tmp.qty_milli);
	if (col_of(cols, COL_UNIT))
		set_amount(z, &tmp.unit, cell_at(r, col_of(cols, COL_UNIT)));
	if (col_of(cols, COL_HT))
		set_amount(z, &tmp.total_ht, cell_at(r, col_of(cols, COL_HT)));
	if (col_of(cols, COL_TTC))
		set_amount(z, &tmp.total_ttc, cell_at(r, col_of(cols, COL_TTC)));
	if (col_of(cols, COL_STATE))
		set_amount(z, &tmp.state, cell_at(r, col_of(cols, COL_STATE)));
	if (col_of(cols, COL_CLIENT))
		set_amount(z, &tmp.client, cell_at(r, col_of(cols, COL_CLIENT)));
	if ((c = cell_at(r, col_of(cols, COL_DISCOUNT))) && col_of(cols, COL_DISCOUNT) &&
	    c->text[0]) {
		if (sons__percent_parse(c->text, strlen(c->text), &tmp.discount_bp))
			tmp.has_discount = 1;
		else if (c->has_value && c->value > 0 && c->value < 1) {
			tmp.has_discount = 1;
			tmp.discount_bp = (int)(c->value * 10000.0 + 0.5);
		} else {
			set_amount(z, &tmp.discount, c);
			tmp.has_discount = tmp.discount.present;
		}
	}
	if ((c = cell_at(r, col_of(cols, COL_VAT_RATE))) && col_of(cols, COL_VAT_RATE)) {
		tmp.has_vat = sons__percent_parse(c->text, strlen(c->text), &tmp.vat_bp);
		if (!tmp.has_vat && c->has_value && c->value > 0 && c->value < 1) {
			tmp.has_vat = 1; /* a spreadsheet percentage: 0.2 */
			tmp.vat_bp = (int)(c->value * 10000.0 + 0.5);
		} else if (!tmp.has_vat && c->has_value && c->value >= 1 && c->value <= 30) {
			tmp.has_vat = 1;
			tmp.vat_bp = (int)(c->value * 100.0 + 0.5);
		}
	}
	int any = tmp.unit.present || tmp.total_ht.present || tmp.total_ttc.present ||
	          tmp.state.present || tmp.client.present;
	if (!label[0] && !any)
		return;
	if (!any) {
		/* A row without amounts: a section heading, a wording with a
		 * word instead of an amount, or a description. */
		int w;
		if (has(z, P(z, SP_SECTION_HORS), f)) {
			*section = SONS_SECTION_HORS;
			return;
		}
		if (has(z, P(z, SP_SECTION_SEGUR), f)) {
			*section = SONS_SECTION_SEGUR;
			return;
		}
		if (line_kind(z, f, 0, &w) != SONS_LINE_STATE)
			return;
		/* The amount may be in a cell of no known column. */
		for (size_t i = r->ncells; i-- > 0;) {
			int64_t v;
			if (&r->cells[i] != lcell && cell_amount(&r->cells[i], &v)) {
				set_amount(z, &tmp.total_ht, &r->cells[i]);
				break;
			}
		}
		if (!tmp.total_ht.present)
			for (size_t i = r->ncells; i-- > 0;)
				if (&r->cells[i] != lcell && r->cells[i].text[0]) {
					tmp.total_ht.text = r->cells[i].text;
					break;
				}
	}
	sons_line *l = new_line(z);
	if (!l)
		return;
	*l = tmp;
	l->label = label;
	l->folded = f;
	l->block = bi;
	l->section = *section;
	l->kind = line_kind(z, f, tmp.has_qty, &l->state_wording);
	if (l->kind == SONS_LINE_ITEM && !tmp.total_ht.present && tmp.total_ttc.present &&
	    !col_of(cols, COL_HT))
		l->ttc_only = 1;
	loc_row(z, &l->loc, b, r, lcell);
	zero_word(z, l);
}

/* A row of a table without a recognised header: label + last amount. */
static void loose_row(an *z, const sons_block *b, const sons_row *r, int bi, sons_section *section)
{
	const sons_cell *lcell = NULL, *acell = NULL;
	int64_t v;
	for (size_t i = 0; i < r->ncells; i++) {
		const sons_cell *c = &r->cells[i];
		if (!c->text[0])
			continue;
		if (!lcell && !cell_amount(c, &v))
			lcell = c;
		else if (lcell && cell_amount(c, &v))
			acell = c;
	}
	if (!lcell)
		return;
	const char *f = fold(z, lcell->text);
	int w;
	if (!acell) {
		if (strlen(f) < 100 && has(z, P(z, SP_SECTION_HORS), f))
			*section = SONS_SECTION_HORS;
		else if (strlen(f) < 100 && has(z, P(z, SP_SECTION_SEGUR), f))
			*section = SONS_SECTION_SEGUR;
		/* A State wording with its amount inside the same cell. */
		int64_t cents;
		unsigned fl;
		size_t s, e;
		if (line_kind(z, f, 0, &w) == SONS_LINE_STATE && w >= 0) {
			sons_line *l = new_line(z);
			if (!l)
				return;
			l->kind = SONS_LINE_STATE;
			l->state_wording = w;
			l->label = lcell->text;
			l->folded = f;
			l->block = bi;
			l->section = *section;
			if (sons__amount_find_last(lcell->text, strlen(lcell->text), &cents, &fl,
			                           &s, &e)) {
				l->total_ht.present = 1;
				l->total_ht.cents = cents;
				l->total_ht.text = lcell->text;
			}
			loc_row(z, &l->loc, b, r, lcell);
		}
		return;
	}
	sons_line_kind k = line_kind(z, f, 0, &w);
	if (k == SONS_LINE_ITEM && !is_family_label(z, f) && *section == SONS_SECTION_NONE)
		return;
	sons_line *l = new_line(z);
	if (!l)
		return;
	l->kind = k;
	l->state_wording = w;
	l->label = lcell->text;
	l->folded = f;
	l->block = bi;
	l->section = *section;
	set_amount(z, &l->total_ht, acell);
	loc_row(z, &l->loc, b, r, lcell);
}

static void read_table(an *z, const sons_block *b, int bi)
{
	int cols[MAX_COLS] = { 0 };
	int header = 0;
	sons_section section = z->section;
	for (size_t ri = 0; ri < b->nrows; ri++) {
		const sons_row *r = &b->rows[ri];
		int tmp[MAX_COLS];
		if (detect_header(z, r, tmp)) {
			memcpy(cols, tmp, sizeof(cols));
			header = 1;
			continue;
		}
		if (header)
			table_row(z, b, r, cols, bi, &section);
		else
			loose_row(z, b, r, bi, &section);
	}
	z->section = section;
}

/* A paragraph: State line, totals, section headings, or a priced item
 * written as text (« Formation des utilisateurs : 1 200,00 € HT »). */
static void read_para(an *z, const sons_block *b, int bi, const char *f, int early)
{
	int64_t cents;
	unsigned fl;
	size_t s, e;
	int w;
	size_t flen = strlen(f);
	int amount = sons__amount_find_last(b->text, strlen(b->text), &cents, &fl, &s, &e);
	if (!amount && flen < 90 && !early) {
		if (has(z, P(z, SP_SECTION_HORS), f)) {
			z->section = SONS_SECTION_HORS;
			return;
		}
		if (has(z, P(z, SP_SECTION_SEGUR), f)) {
			z->section = SONS_SECTION_SEGUR;
			return;
		}
	}
	sons_line_kind k = line_kind(z, f, 0, &w);
	if (k == SONS_LINE_STATE && w == -1 && !amount)
		return; /* loose words in a sentence, no amount: not a line */
	if (k == SONS_LINE_ITEM) {
		/* Only a short line ending with an amount and naming a service. */
		if (!amount || flen > 160 || strlen(b->text) - e > 12 ||
		    !(fl & SONS_AMT_CURRENCY) || !is_family_label(z, f))
			return;
	} else if (k != SONS_LINE_STATE && (!amount || flen > 120)) {
		return;
	}
	sons_line *l = new_line(z);
	if (!l)
		return;
	l->kind = k;
	l->state_wording = w;
	l->label = b->text;
	l->folded = f;
	l->block = bi;
	l->section = z->section;
	if (amount) {
		sons_amount *a =
		        (fl & SONS_AMT_TTC) && !(fl & SONS_AMT_HT) ? &l->total_ttc : &l->total_ht;
		a->present = 1;
		a->cents = cents;
		a->text = b->text;
		if (a == &l->total_ttc && k == SONS_LINE_ITEM)
			l->ttc_only = 1;
	} else {
		/* « … au titre du Ségur : offert » */
		size_t ws, we;
		if (w >= 0 && find(z, z->ref->wordings[w].re, f, &ws, &we)) {
			const char *rest = f + we;
			if (has(z, P(z, SP_ZERO_WORDS), rest))
				l->zero_word = 1;
		}
	}
	loc_para(z, &l->loc, b);
}

/* ------------------------------------------------------------------ */
/* Derived amounts */

int64_t sons__line_total(const sons_line *l)
{
	if (l->total_ht.present)
		return l->total_ht.cents;
	if (l->total_ttc.present)
		return l->total_ttc.cents;
	if (l->unit.present && l->has_qty)
		return l->unit.cents * l->qty_milli / 1000;
	if (l->unit.present)
		return l->unit.cents;
	if (l->state.present || l->client.present)
		return (l->state.present ? l->state.cents : 0) +
		       (l->client.present ? l->client.cents : 0);
	return 0;
}

static void derive_client(sons_model *m)
{
	for (size_t i = 0; i < m->nlines; i++) {
		sons_line *l = &m->lines[i];
		if (l->kind != SONS_LINE_ITEM)
			continue;
		int64_t total = sons__line_total(l);
		if (l->client.present) {
			l->client_cents = l->client.cents;
			l->client_explicit = 1;
		} else if (l->state.present) {
			l->client_cents = total - l->state.cents;
			l->client_explicit = 1;
		} else if (m->has_state_column || m->has_client_column) {
			/* A split table where this line's split cells are empty:
			 * an empty State cell means the State pays nothing. */
			l->client_cents = total;
			l->client_explicit = m->has_state_column;
		} else if (l->section == SONS_SECTION_HORS) {
			l->client_cents = total;
			l->client_explicit = 1;
		} else if (l->section == SONS_SECTION_SEGUR) {
			l->client_cents = 0;
		} else if (l->cls == SONS_CLASS_IN && !(l->maintenance && l->recurring)) {
			l->client_cents = 0; /* covered by the State line: R002 checks */
		} else {
			l->client_cents = total;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Kind */

static void detect_kind(an *z, sons_kind forced)
{
	sons_model *m = z->m;
	static const struct {
		sons_pat pat;
		sons_kind kind;
	} kinds[] = { { SP_KIND_BDC, SONS_KIND_BDC },
		      { SP_KIND_MOM, SONS_KIND_MOM },
		      { SP_KIND_VA, SONS_KIND_VA },
		      { SP_KIND_DEVIS, SONS_KIND_DEVIS } };
	if (forced != SONS_KIND_UNKNOWN) {
		m->kind = forced;
		m->kind_detected = 1;
		m->kind_reason = "imposée (--kind)";
		return;
	}
	const char *title = sons__doc_meta(z->doc, "title");
	const sons_text *t = z->texts.data;
	size_t zone = z->texts.n < 12 ? z->texts.n : 12;
	/* The title zone first (document title, then the first units), then
	 * the whole text. */
	for (size_t pass = 0; pass < 2; pass++) {
		size_t n = pass == 0 ? zone + 1 : z->texts.n + 1;
		for (size_t i = 0; i < n; i++) {
			const char *f = i == 0 ? (title ? fold(z, title) : NULL) : t[i - 1].folded;
			if (!f || (pass == 1 && i >= 1 && i <= zone))
				continue;
			size_t best = (size_t)-1;
			int which = -1;
			for (int k = 0; k < 4; k++) {
				size_t s, e;
				if (find(z, P(z, kinds[k].pat), f, &s, &e) && s < best) {
					best = s;
					which = k;
				}
			}
			if (which >= 0) {
				m->kind = kinds[which].kind;
				m->kind_detected = 1;
				m->kind_reason = sons__arena_printf(
				        z->a, "%s « %s »",
				        pass == 0 ? "titre" : "mention dans le document",
				        sons_kind_name(m->kind));
				return;
			}
		}
	}
	m->kind = SONS_KIND_DEVIS;
	m->kind_detected = 0;
	m->kind_reason = "aucun titre ni mention (devis, bon de commande, MOM, VA) : devis supposé";
}

/* ------------------------------------------------------------------ */
/* Facts from text units */

static int version_token(an *z, const char *f, const char **version, size_t *after)
{
	size_t s, e, gs, ge;
	if (!find(z, P(z, SP_VERSION_TOKEN), f, &s, &e))
		return 0;
	if (!sons__re_group(P(z, SP_VERSION_TOKEN), z->md, "v", &gs, &ge) &&
	    !sons__re_group(P(z, SP_VERSION_TOKEN), z->md, "w", &gs, &ge))
		return 0;
	*version = sons__arena_strndup(z->a, f + gs, ge - gs);
	if (!*version)
		z->oom = 1;
	*after = ge;
	return *version != NULL;
}

/* Every version named in a unit, each with the date that follows it. */
static void add_versions(an *z, const sons_text *t, const char *f)
{
	size_t len = strlen(f), from = 0, s, e, gs, ge;
	while (from < len && sons__re_find(P(z, SP_VERSION_TOKEN), z->md, f, len, from, &s, &e)) {
		if (!sons__re_group(P(z, SP_VERSION_TOKEN), z->md, "v", &gs, &ge) &&
		    !sons__re_group(P(z, SP_VERSION_TOKEN), z->md, "w", &gs, &ge))
			break;
		size_t vend = ge, next = len, ns, ne;
		if (sons__re_find(P(z, SP_VERSION_TOKEN), z->md, f, len, e, &ns, &ne))
			next = ns;
		sons_version_entry *ve = vec_push(z, &z->versions, sizeof(sons_version_entry));
		if (!ve)
			return;
		ve->version = sons__arena_strndup(z->a, f + gs, ge - gs);
		if (!ve->version)
			z->oom = 1;
		ve->text = t->text;
		ve->loc = t->loc;
		size_t ds, de;
		ve->date_status = sons__date_find(f + vend, next - vend, &ve->date, &ds, &de);
		from = e > from ? e : from + 1;
	}
}

static void scan_facts(an *z)
{
	sons_model *m = z->m;
	sons_text *t = z->texts.data;
	size_t n = z->texts.n;
	int in_vlist = 0;
	for (size_t i = 0; i < n; i++) {
		const char *f = t[i].folded;
		size_t s, e;
		/* DSRs and profile */
		for (int d = 0; d < z->ref->ndsr; d++)
			if (!(m->dsr_mask & (1u << d)) && has(z, z->ref->dsr[d].re, f))
				m->dsr_mask |= 1u << d;
		for (int d = 0; d < z->ref->ndsr && !m->profile; d++) {
			const sons_re *re = z->ref->dsr[d].profiles;
			if (re && find(z, re, f, &s, &e)) {
				const char *p = group(z, re, f, "p");
				if (!p)
					p = group(z, re, f, "q");
				if (!p)
					p = group(z, re, f, "r");
				if (p) {
					char *u = sons__arena_strdup(z->a, p);
					for (char *c = u; c && *c; c++)
						if (*c >= 'a' && *c <= 'z')
							*c = (char)(*c - 32);
					m->profile = u;
				}
			}
		}
		/* Party names: « Client : EHPAD Les Tilleuls », « Éditeur : … » */
		if ((!m->client_name || !m->editor_name) &&
		    find(z, P(z, SP_PARTY_NAME), f, &s, &e)) {
			size_t rs, re;
			sons__re_group(P(z, SP_PARTY_NAME), z->md, "r", &rs, &re);
			int client = f[rs] == 'c' || f[rs] == 'd' || f[rs] == 'b' ||
			             (f[rs] == 'e' && f[rs + 1] == 't') || f[rs] == 'o' ||
			             f[rs] == 'r';
			const char **dst = client ? &m->client_name : &m->editor_name;
			if (!*dst)
				*dst = raw_group(z, P(z, SP_PARTY_NAME), t[i].text, f, "n");
		}
		/* Solution and referenced version */
		if (!m->solution && find(z, P(z, SP_SOLUTION), f, &s, &e)) {
			m->solution = raw_group(z, P(z, SP_SOLUTION), t[i].text, f, "s");
			m->solution_loc = t[i].loc;
			/* « Solution : Oxalis DUI 5.2 (version référencée) »: the
			 * version right after the name. */
			size_t gs, ge, vs, ve;
			if (!m->solution_version && m->solution &&
			    sons__re_group(P(z, SP_SOLUTION), z->md, "s", &gs, &ge) &&
			    sons__re_find(P(z, SP_VERSION_TOKEN), z->md, f, strlen(f), ge, &vs,
			                  &ve) &&
			    vs <= ge + 12)
				m->solution_version = group(z, P(z, SP_VERSION_TOKEN), f, "v");
		}
		if (!m->solution_version && strstr(f, "version") &&
		    (strstr(f, "referenc") || strstr(f, "segur") || strstr(f, "solution")) &&
		    !has(z, P(z, SP_CLIENT_VERSION), f) && !has(z, P(z, SP_VLIST_HEADING), f) &&
		    find(z, P(z, SP_VERSION_STATED), f, &s, &e)) {
			const char *v = group(z, P(z, SP_VERSION_STATED), f, "v");
			if (!v)
				v = group(z, P(z, SP_VERSION_STATED), f, "v2");
			if (!v)
				v = group(z, P(z, SP_VERSION_STATED), f, "v3");
			m->solution_version = v;
			if (!m->solution)
				m->solution_loc = t[i].loc;
		}
		/* Client's current version */
		if (!m->client_version && find(z, P(z, SP_CLIENT_VERSION), f, &s, &e)) {
			m->client_version = group(z, P(z, SP_CLIENT_VERSION), f, "v");
			m->client_version_loc = t[i].loc;
		}
		/* Version list: a heading, then the units that name a version (a
		 * unit may name several: « 4.0 (15/01/2019), 5.0 (10/06/2021) »). */
		const char *ver;
		size_t after;
		int heading = has(z, P(z, SP_VLIST_HEADING), f);
		/* A version token only counts in a list (or its heading). */
		int token = (heading || in_vlist) && version_token(z, f, &ver, &after) &&
		            !has(z, P(z, SP_CLIENT_VERSION), f);
		if (heading && !m->has_version_list) {
			m->has_version_list = 1;
			m->version_list_loc = t[i].loc;
		}
		if (token && (heading || in_vlist)) {
			add_versions(z, &t[i], f);
			in_vlist = 1;
			continue;
		}
		if (heading) {
			in_vlist = 1;
			continue;
		}
		in_vlist = 0;
		/* Referencing */
		if (has(z, P(z, SP_PREREF), f)) {
			m->prereferencing = 1;
			if (!m->ref_loc.order)
				m->ref_loc = t[i].loc;
		} else if (has(z, P(z, SP_REFERENCED), f)) {
			m->referenced = 1;
			if (!m->ref_loc.order)
				m->ref_loc = t[i].loc;
		}
		if (has(z, P(z, SP_PREREF_CONDITION), f))
			m->has_ref_condition = 1;
		if (!m->has_ref_date && find(z, P(z, SP_REFERENCED_DATE), f, &s, &e)) {
			size_t ds, de;
			if (sons__date_find(f + e, strlen(f + e), &m->ref_date, &ds, &de) ==
			    SONS_DATE_OK)
				m->has_ref_date = 1;
		}
		if (has(z, P(z, SP_CATCHUP_JUSTIFICATION), f))
			m->has_catchup_justification = 1;
		if (has(z, P(z, SP_SIGNATURE), f))
			m->signature_block = 1;
		/* Number and date, from the first units */
		if (!m->number && i < 40 && find(z, P(z, SP_DOC_NUMBER), f, &s, &e))
			m->number = raw_group(z, P(z, SP_DOC_NUMBER), t[i].text, f, "n");
		if (!m->has_date && i < 40 && !strstr(f, "valab") && !strstr(f, "validit") &&
		    !strstr(f, "referenc") && !strstr(f, "version") &&
		    has(z, P(z, SP_DOC_DATE), f)) {
			size_t ds, de;
			if (sons__date_find(f, strlen(f), &m->date, &ds, &de) == SONS_DATE_OK &&
			    m->date.d) {
				m->has_date = 1;
				m->date_loc = t[i].loc;
			}
		}
	}
	/* Codes of the DSRs named, for printing */
	sons_buf b = SONS_BUF_INIT;
	for (int d = 0; d < z->ref->ndsr; d++)
		if (m->dsr_mask & (1u << d)) {
			if (b.len)
				sons__buf_puts(&b, ", ");
			sons__buf_puts(&b, z->ref->dsr[d].code);
		}
	m->dsr_codes = b.len ? sons__arena_strndup(z->a, b.data, b.len) : NULL;
	if (b.oom)
		z->oom = 1;
	sons__buf_free(&b);
}

/* ------------------------------------------------------------------ */

static void walk(an *z)
{
	size_t nb = sons__doc_block_count(z->doc);
	for (size_t bi = 0; bi < nb && !z->oom; bi++) {
		const sons_block *b = sons__doc_block(z->doc, bi);
		if (b->type == SONS_BLOCK_PARA) {
			sons_loc loc;
			loc_para(z, &loc, b);
			const char *f = fold(z, b->text);
			update_role(z, f, &z->role);
			sons_text *t = add_text(z, b->text, &loc, (int)bi);
			if (!t)
				return;
			scan_idents(z, f, z->role, &loc);
			read_para(z, b, (int)bi, f, z->texts.n <= 3);
			continue;
		}
		/* A table: a unit per row for the text rules, identifiers per
		 * cell with a party role carried by column. */
		sons_party_role colrole[MAX_COLS];
		signed char colid[MAX_COLS]; /* identifier column: type + 1 */
		sons_finess_kind colfk[MAX_COLS];
		for (int i = 0; i < MAX_COLS; i++) {
			colrole[i] = SONS_ROLE_UNKNOWN;
			colid[i] = 0;
			colfk[i] = SONS_FINESS_UNSPECIFIED;
		}
		for (size_t ri = 0; ri < b->nrows; ri++) {
			const sons_row *r = &b->rows[ri];
			sons_buf row = SONS_BUF_INIT;
			const sons_cell *first = NULL;
			sons_party_role rowrole = z->role;
			for (size_t ci = 0; ci < r->ncells; ci++) {
				const sons_cell *c = &r->cells[ci];
				if (!c->text[0])
					continue;
				if (!first)
					first = c;
				if (row.len)
					sons__buf_puts(&row, " | ");
				sons__buf_puts(&row, c->text);
				const char *f = fold(z, c->text);
				int col = c->col < MAX_COLS ? c->col : 0;
				sons_party_role role = colrole[col];
				sons_party_role own = SONS_ROLE_UNKNOWN;
				update_role(z, f, &own);
				if (own != SONS_ROLE_UNKNOWN) {
					role = own;
					colrole[col] = own;
				}
				if (role == SONS_ROLE_UNKNOWN)
					role = z->role;
				if (c == first)
					rowrole = role;
				sons_loc loc;
				loc_row(z, &loc, b, r, c);
				scan_idents(z, f, role, &loc);
				ident_column(z, f, col, colid, colfk, role, &loc);
			}
			if (row.oom)
				z->oom = 1;
			if (row.len) {
				sons_loc loc;
				loc_row(z, &loc, b, r, first);
				/* « FINESS géographique : » in one cell, the number in
				 * the next: the row read as one line. */
				if (r->ncells > 1)
					scan_idents(z, fold(z, row.data), rowrole, &loc);
				const char *text = sons__arena_strndup(z->a, row.data, row.len);
				if (!text)
					z->oom = 1;
				else
					add_text(z, text, &loc, (int)bi);
			}
			sons__buf_free(&row);
		}
		read_table(z, b, (int)bi);
	}
}

sons_status sons__analyze(sons_model **out, sons_doc *doc, const sons_ref *ref, sons_matcher *md,
                          sons_kind forced)
{
	an z;
	memset(&z, 0, sizeof(z));
	z.doc = doc;
	z.a = sons__doc_arena(doc);
	z.ref = ref;
	z.md = md;
	z.m = sons__arena_alloc(z.a, sizeof(sons_model));
	if (!z.m)
		return SONS_ENOMEM;
	sons_model *m = z.m;

	walk(&z);
	detect_kind(&z, forced);
	scan_facts(&z);

	m->lines = vec_freeze(&z, &z.lines, sizeof(sons_line));
	m->nlines = z.lines.n;
	for (size_t i = 0; i < m->nlines; i++) {
		sons_line *l = &m->lines[i];
		if (l->state.present || (l->kind == SONS_LINE_ITEM && l->state.text))
			m->has_state_column = 1;
		if (l->client.present || (l->kind == SONS_LINE_ITEM && l->client.text))
			m->has_client_column = 1;
		if (l->section != SONS_SECTION_NONE)
			m->has_sections = 1;
		if (!z.oom)
			classify(&z, l);
	}
	derive_client(m);
	m->texts = vec_freeze(&z, &z.texts, sizeof(sons_text));
	m->ntexts = z.texts.n;
	m->idents = vec_freeze(&z, &z.idents, sizeof(sons_ident));
	m->nidents = z.idents.n;
	m->versions = vec_freeze(&z, &z.versions, sizeof(sons_version_entry));
	m->nversions = z.versions.n;
	m->is_signed = sons__doc_signed(doc);
	if (!z.oom && sons__analyze_asp(m, doc, ref, md))
		z.oom = 1;

	sons__free(z.texts.data);
	sons__free(z.lines.data);
	sons__free(z.idents.data);
	sons__free(z.versions.data);
	sons__buf_free(&z.fold);
	if (z.oom)
		return SONS_ENOMEM;
	*out = m;
	return SONS_OK;
}
