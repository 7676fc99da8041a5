/* SPDX-License-Identifier: MIT */
/* What the ASP documents carry beyond a quote (domain.md §C): the order
 * and the quote they belong to, the date that matters for the deadlines,
 * the signature blocks, the MSSanté addresses and installation scenarios a
 * MOM or VA must give, the advance and balance of a BDC, the date of the
 * proof dossier, the vague, the establishment types and DUI profiles.
 * Runs after the analyser, on its text units and the raw blocks; every
 * meaning comes from the referential's "asp" patterns. */
#include <string.h>

#include "rules/eval.h"

const char *const sons__profile_names[SONS_PROFILE_COUNT] = { "PA",  "PH",  "DOM", "PDE",
	                                                      "PDS", "AHI", "PJM" };

#define SIG_SPAN 6 /* units a signature block reaches after its label */

typedef struct asp {
	sons_model *m;
	sons_doc *doc;
	const sons_ref *ref;
	sons_matcher *md;
	sons_arena *a;
	sons_buf fold;
	int oom;
	int ttl[SONS_MAX_SIGNATURES]; /* units left to each open block */
	int col[SONS_MAX_SIGNATURES]; /* its table column, 0 for paragraphs */
} asp;

static const sons_re *R(asp *z, sons_pat p)
{
	return z->ref->pat[p];
}

static int find_from(asp *z, sons_pat p, const char *f, size_t from, size_t *s, size_t *e)
{
	return sons__re_find(R(z, p), z->md, f, strlen(f), from, s, e);
}

static int find(asp *z, sons_pat p, const char *f, size_t *s, size_t *e)
{
	return find_from(z, p, f, 0, s, e);
}

/* The named group of the last match of p, as written in raw, trimmed. */
static const char *raw_grp(asp *z, sons_pat p, const char *raw, const char *f, const char *name)
{
	size_t b, e;
	if (!sons__re_group(R(z, p), z->md, name, &b, &e))
		return NULL;
	while (b < e && strchr(" -:|", f[b]))
		b++;
	while (e > b && strchr(" .-,;|", f[e - 1]))
		e--;
	if (b == e)
		return NULL;
	return sons__unfold_span(z->a, raw, b, e, &z->oom);
}

static const char *fold(asp *z, const char *s)
{
	const char *r = sons__doc_fold(z->doc, s, strlen(s));
	if (!r) {
		z->oom = 1;
		return "";
	}
	return r;
}

/* The first valid date in f from `from`; SONS_DATE_* status. */
static int date_at(const char *f, size_t from, sons_date *d)
{
	size_t n = strlen(f), s, e;
	if (from > n)
		return SONS_DATE_NONE;
	return sons__date_find(f + from, n - from, d, &s, &e);
}

/* A percentage written in f ("30 %", "30%"), in hundredths; -1 if none. */
static int percent_in(const char *f)
{
	for (const char *p = strchr(f, '%'); p; p = strchr(p + 1, '%')) {
		const char *b = p;
		while (b > f && (b[-1] == ' '))
			b--;
		const char *num_end = b;
		while (b > f && ((b[-1] >= '0' && b[-1] <= '9') || b[-1] == ',' || b[-1] == '.'))
			b--;
		if (b == num_end)
			continue;
		int bp;
		if (sons__percent_parse(b, (size_t)(p + 1 - b), &bp))
			return bp;
	}
	return -1;
}

/* The last amount of a raw text that is not a percentage. */
static int amount_in(const char *raw, int64_t *cents)
{
	size_t n = strlen(raw), s, e;
	unsigned flags;
	if (!sons__amount_find_last(raw, n, cents, &flags, &s, &e))
		return 0;
	while (e < n && raw[e] == ' ')
		e++;
	return !(e < n && raw[e] == '%');
}

/* ------------------------------------------------------------------ */
/* Signature blocks */

static sons_party_role default_role(const sons_model *m)
{
	return m->kind == SONS_KIND_MOM ? SONS_ROLE_EDITOR : SONS_ROLE_CLIENT;
}

static sons_signature *open_sig(asp *z, sons_party_role role, int col, const sons_loc *loc)
{
	sons_model *m = z->m;
	if (m->nsigs == SONS_MAX_SIGNATURES)
		return NULL;
	sons_signature *s = &m->sigs[m->nsigs];
	memset(s, 0, sizeof(*s));
	s->role = role;
	s->loc = *loc;
	z->ttl[m->nsigs] = SIG_SPAN;
	z->col[m->nsigs] = col;
	m->nsigs++;
	return s;
}

/* The open block a text at `col` belongs to: the latest one of its column,
 * else the latest one opened by a paragraph. */
static sons_signature *open_block(asp *z, int col)
{
	for (size_t i = z->m->nsigs; i-- > 0;)
		if (z->ttl[i] > 0 && z->col[i] == col)
			return &z->m->sigs[i];
	for (size_t i = z->m->nsigs; i-- > 0;)
		if (z->ttl[i] > 0 && z->col[i] == 0)
			return &z->m->sigs[i];
	return NULL;
}

static void sig_text(asp *z, const char *raw, const char *f, int col, const sons_loc *loc)
{
	size_t s, e;
	sons_party_role role = SONS_ROLE_UNKNOWN;
	int opens = 0;

	if (find(z, SP_SIG_CLIENT, f, &s, &e)) {
		role = SONS_ROLE_CLIENT;
		opens = 1;
	} else if (find(z, SP_SIG_EDITOR, f, &s, &e)) {
		role = SONS_ROLE_EDITOR;
		opens = 1;
	} else if (find(z, SP_SIG_GENERIC, f, &s, &e)) {
		opens = 1;
	}
	sons_signature *sig = NULL;
	/* « Pour le client » heads a block, « Pour le client, la maintenance
	 * … » in a sentence does not: a heading starts its paragraph or
	 * cell, or is short, or names the signature. */
	if (opens && s > 0 && strlen(f) > 60 && !strstr(f, "signature") && !strstr(f, "cachet") &&
	    !strstr(f, "visa") && !strstr(f, "lu et approuve") && !strstr(f, "bon pour"))
		opens = 0;
	if (opens)
		sig = open_sig(z, role, col, loc);
	else
		sig = open_block(z, col);
	int electronic = find(z, SP_SIG_ELECTRONIC, f, &s, &e);
	int approved = find(z, SP_SIG_APPROVED, f, &s, &e);
	if (!sig && (electronic || approved))
		sig = open_sig(z, SONS_ROLE_UNKNOWN, col, loc);
	if (!sig)
		return;
	if (electronic) {
		sig->electronic = 1;
		find(z, SP_SIG_ELECTRONIC, f, &s, &e);
		const char *n = raw_grp(z, SP_SIG_ELECTRONIC, raw, f, "n");
		if (n && !sig->name)
			sig->name = n;
	}
	if (approved)
		sig->approved = 1;
	if (!sig->name && find(z, SP_SIG_NAME, f, &s, &e))
		sig->name = raw_grp(z, SP_SIG_NAME, raw, f, "n");
	if (!sig->quality && find(z, SP_SIG_QUALITY, f, &s, &e))
		sig->quality = raw_grp(z, SP_SIG_QUALITY, raw, f, "q");
	sons_date d;
	if (!sig->has_date && date_at(f, 0, &d) == SONS_DATE_OK && d.d) {
		sig->has_date = 1;
		sig->date = d;
	}
}

static int any_open(const asp *z)
{
	for (size_t i = 0; i < z->m->nsigs; i++)
		if (z->ttl[i] > 0)
			return 1;
	return 0;
}

/* Does a row's text hold anything that opens a signature block? */
static int sig_words(asp *z, const char *f)
{
	static const sons_pat pats[] = { SP_SIG_CLIENT, SP_SIG_EDITOR, SP_SIG_GENERIC,
		                         SP_SIG_ELECTRONIC, SP_SIG_APPROVED };
	size_t s, e;
	for (size_t i = 0; i < sizeof(pats) / sizeof(pats[0]); i++)
		if (find(z, pats[i], f, &s, &e))
			return 1;
	/* « Le client – … » heads a cell, not the row: the patterns anchored
	 * at the start see it only in the cell itself. */
	return strstr(f, "client") || strstr(f, "editeur") || strstr(f, "fournisseur") ||
	       strstr(f, "prestataire") || strstr(f, "etablissement") || strstr(f, "acheteur") ||
	       strstr(f, "beneficiaire");
}

static void sig_tick(asp *z)
{
	for (size_t i = 0; i < z->m->nsigs; i++)
		if (z->ttl[i] > 0)
			z->ttl[i]--;
}

/* Walks the raw blocks beside the text units: paragraphs one by one, table
 * rows cell by cell so that side-by-side blocks (« Pour le client » |
 * « Pour le fournisseur ») keep their columns. */
static void signatures(asp *z)
{
	sons_model *m = z->m;
	size_t nb = sons__doc_block_count(z->doc), ui = 0;
	for (size_t bi = 0; bi < nb && !z->oom; bi++) {
		const sons_block *b = sons__doc_block(z->doc, bi);
		while (ui < m->ntexts && m->texts[ui].block < (int)bi)
			ui++;
		if (b->type == SONS_BLOCK_PARA) {
			if (ui < m->ntexts && m->texts[ui].block == (int)bi) {
				const sons_text *t = &m->texts[ui++];
				sig_text(z, t->text, t->folded, 0, &t->loc);
				sig_tick(z);
			}
			continue;
		}
		for (size_t ri = 0; ri < b->nrows && !z->oom; ri++) {
			const sons_row *r = &b->rows[ri];
			size_t ci;
			for (ci = 0; ci < r->ncells && !r->cells[ci].text[0]; ci++)
				;
			if (ci == r->ncells)
				continue;
			if (ui >= m->ntexts || m->texts[ui].block != (int)bi)
				break;
			const sons_text *t = &m->texts[ui++];
			/* Most rows are priced lines: look at their cells only when
			 * the row says something of a signature or a block is open. */
			if (!any_open(z) && !sig_words(z, t->folded))
				continue;
			for (; ci < r->ncells; ci++) {
				const sons_cell *c = &r->cells[ci];
				if (!c->text[0])
					continue;
				sons_loc loc = t->loc;
				loc.column = c->col;
				if (c->ref[0])
					memcpy(loc.cell, c->ref, sizeof(loc.cell));
				sig_text(z, c->text, fold(z, c->text), c->col, &loc);
			}
			sig_tick(z);
		}
	}
	for (size_t i = 0; i < m->nsigs; i++) {
		sons_signature *s = &m->sigs[i];
		if (s->role == SONS_ROLE_UNKNOWN)
			s->role = default_role(m);
		s->filled = s->electronic || (s->name && (s->has_date || s->approved)) ||
		            (s->approved && s->has_date);
	}
}

/* ------------------------------------------------------------------ */
/* Facts from the text units */

static void profiles(asp *z, const char *f)
{
	for (int d = 0; d < z->ref->ndsr; d++) {
		const sons_re *re = z->ref->dsr[d].profiles;
		size_t from = 0, s, e, n = strlen(f);
		while (re && from < n && sons__re_find(re, z->md, f, n, from, &s, &e)) {
			/* every profile word inside the match: « profils PA / PH » */
			for (size_t i = s; i < e;) {
				while (i < e && !(f[i] >= 'a' && f[i] <= 'z'))
					i++;
				size_t w = i;
				while (i < e && f[i] >= 'a' && f[i] <= 'z')
					i++;
				for (int p = 0; p < SONS_PROFILE_COUNT; p++) {
					const char *name = sons__profile_names[p];
					size_t pl = strlen(name), k = 0;
					while (k < pl && i - w == pl &&
					       f[w + k] == name[k] + ('a' - 'A'))
						k++;
					if (i - w == pl && k == pl)
						z->m->profile_mask |= 1u << p;
				}
			}
			from = e > from ? e : from + 1;
		}
	}
}

static void facts(asp *z)
{
	sons_model *m = z->m;
	size_t s, e;
	for (size_t i = 0; i < m->ntexts && !z->oom; i++) {
		const sons_text *t = &m->texts[i];
		const char *f = t->folded;
		if (!m->order_no && find(z, SP_ORDER_REF, f, &s, &e)) {
			m->order_no = raw_grp(z, SP_ORDER_REF, t->text, f, "n");
			m->order_loc = t->loc;
		}
		if (!m->quote_no && find(z, SP_QUOTE_REF, f, &s, &e)) {
			m->quote_no = raw_grp(z, SP_QUOTE_REF, t->text, f, "n");
			m->quote_loc = t->loc;
		}
		if (!m->has_kind_date && !m->kind_date_invalid &&
		    find(z, SP_KIND_DATE, f, &s, &e)) {
			sons_date d;
			int st = date_at(f, e, &d);
			if (st == SONS_DATE_OK && d.d) {
				m->has_kind_date = 1;
				m->kind_date = d;
				m->kind_date_loc = t->loc;
			} else if (st == SONS_DATE_INVALID) {
				m->kind_date_invalid = 1;
				m->kind_date_text = t->text;
				m->kind_date_loc = t->loc;
			}
		}
		for (size_t from = 0, n = strlen(f); m->nmssante < SONS_MAX_MSSANTE && from < n &&
		                                     find_from(z, SP_MSSANTE, f, from, &s, &e);
		     from = e) {
			size_t gs, ge;
			if (!sons__re_group(R(z, SP_MSSANTE), z->md, "a", &gs, &ge))
				break;
			const char *addr = sons__arena_strndup(z->a, f + gs, ge - gs);
			if (!addr) {
				z->oom = 1;
				break;
			}
			size_t k;
			for (k = 0; k < m->nmssante && strcmp(m->mssante[k], addr); k++)
				;
			if (k == m->nmssante) {
				if (!m->nmssante)
					m->mssante_loc = t->loc;
				m->mssante[m->nmssante++] = addr;
			}
			if (e <= from)
				break;
		}
		if (!m->has_scenarios && find(z, SP_SCENARIO, f, &s, &e)) {
			m->has_scenarios = 1;
			m->scenario_loc = t->loc;
		}
		int64_t cents;
		if (!m->has_advance && find(z, SP_ADVANCE, f, &s, &e) &&
		    amount_in(t->text, &cents)) {
			m->has_advance = 1;
			m->advance_cents = cents;
			m->advance_bp = percent_in(f);
			m->advance_loc = t->loc;
		}
		if (!m->has_balance && find(z, SP_BALANCE, f, &s, &e) &&
		    amount_in(t->text, &cents)) {
			m->has_balance = 1;
			m->balance_cents = cents;
			m->balance_bp = percent_in(f);
			m->balance_loc = t->loc;
		}
		if (!m->has_proof_date && find(z, SP_PROOF_DOSSIER, f, &s, &e)) {
			sons_date d;
			if (date_at(f, e, &d) == SONS_DATE_OK && d.d) {
				m->has_proof_date = 1;
				m->proof_date = d;
				m->proof_loc = t->loc;
			}
		}
		if (!m->vague && find(z, SP_VAGUE, f, &s, &e)) {
			size_t gs, ge;
			if (sons__re_group(R(z, SP_VAGUE), z->md, "v", &gs, &ge) && ge > gs)
				m->vague = f[gs] - '0';
		}
		if (t->role != SONS_ROLE_EDITOR)
			for (int k = 0; k < z->ref->netypes; k++)
				if (!(m->etype_mask & (1u << k)) &&
				    sons__re_find(z->ref->etypes[k].re, z->md, f, strlen(f), 0,
				                  NULL, NULL)) {
					m->etype_mask |= 1u << k;
					if (!m->etype_text) {
						m->etype_text = t->text;
						m->etype_loc = t->loc;
					}
				}
		profiles(z, f);
	}
	/* A BDC's own number, a quote's own number, when only the generic
	 * « N° : » gave it. */
	if (!m->order_no && m->kind == SONS_KIND_BDC && m->number)
		m->order_no = m->number;
	if (!m->quote_no && m->kind == SONS_KIND_DEVIS && m->number)
		m->quote_no = m->number;
}

/* The date the deadlines judge: the one named for what the document is,
 * else the document's date unless it was the date of the quote or order
 * the document refers to, else the signature's. */
static void own_date(asp *z)
{
	sons_model *m = z->m;
	if (m->has_kind_date || m->kind_date_invalid)
		return;
	if (m->has_date && m->date.d) {
		int refers = (m->kind != SONS_KIND_DEVIS && m->quote_no &&
		              m->date_loc.order == m->quote_loc.order) ||
		             ((m->kind == SONS_KIND_MOM || m->kind == SONS_KIND_VA) &&
		              m->order_no && m->date_loc.order == m->order_loc.order);
		if (!refers) {
			m->has_kind_date = 1;
			m->kind_date = m->date;
			m->kind_date_loc = m->date_loc;
			return;
		}
	}
	/* An impossible date where the document's date is written. */
	for (size_t i = 0; i < m->ntexts && i < 40; i++) {
		const char *f = m->texts[i].folded;
		if (strstr(f, "valab") || strstr(f, "validit") || strstr(f, "referenc") ||
		    strstr(f, "version"))
			continue;
		/* « Date : 31/02/2023 », « Date | 31/02/2023 » (a label cell) */
		if (strncmp(f, "date", 4) != 0 &&
		    !sons__re_find(R(z, SP_DOC_DATE), z->md, f, strlen(f), 0, NULL, NULL))
			continue;
		sons_date d;
		if (date_at(f, 0, &d) == SONS_DATE_INVALID) {
			m->kind_date_invalid = 1;
			m->kind_date_text = m->texts[i].text;
			m->kind_date_loc = m->texts[i].loc;
			return;
		}
	}
	sons_party_role want = default_role(m);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < m->nsigs; i++)
			if (m->sigs[i].has_date && (pass || m->sigs[i].role == want)) {
				m->has_kind_date = 1;
				m->kind_date = m->sigs[i].date;
				m->kind_date_loc = m->sigs[i].loc;
				return;
			}
}

int sons__analyze_asp(sons_model *m, sons_doc *doc, const sons_ref *ref, sons_matcher *md)
{
	asp z;
	memset(&z, 0, sizeof(z));
	z.m = m;
	z.doc = doc;
	z.ref = ref;
	z.md = md;
	z.a = sons__doc_arena(doc);
	m->advance_bp = m->balance_bp = -1;
	facts(&z);
	signatures(&z);
	own_date(&z);
	sons__buf_free(&z.fold);
	return z.oom ? -1 : 0;
}
