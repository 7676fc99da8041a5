/* SPDX-License-Identifier: MIT */
/* Rules across documents: a dossier (the quote, BDC, MOM and VA of one
 * order: X001, X002, T002, T004) and a batch (dossiers assembled by order
 * number, double financing X004). They read only each report's digest —
 * the few facts kept when a report is compacted — so that a batch of
 * thousands of documents holds no document model. A finding is added to
 * every document concerned, with the others' paths in `related`. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "report/report.h"
#include "rules/eval.h"

/* ------------------------------------------------------------------ */
/* Digest */

static void add_site(sons_digest *dg, const char *compact)
{
	for (size_t i = 0; i < dg->nsites; i++)
		if (!strcmp(dg->sites[i], compact))
			return;
	if (dg->nsites < SONS_DIGEST_SITES)
		dg->sites[dg->nsites++] = compact;
}

sons_status sons__digest_make(sons_report *rep, const sons_ref *ref)
{
	(void)ref;
	const sons_model *m = rep->model;
	sons_digest *dg = &rep->dg;
	memset(dg, 0, sizeof(*dg));
	if (!m)
		return SONS_OK;
	dg->read = 1;
	dg->order_no = m->order_no;
	dg->order_loc = m->order_loc;
	dg->quote_no = m->quote_no;
	dg->quote_loc = m->quote_loc;
	if (m->has_kind_date) {
		dg->has_date = 1;
		dg->date = m->kind_date;
		dg->date_loc = m->kind_date_loc;
	}
	dg->dsr_mask = m->dsr_mask;
	dg->dsr_codes = m->dsr_codes;
	dg->vague = m->vague;
	dg->solution = m->solution;
	dg->version = m->solution_version;
	dg->solution_loc = m->solution_loc;
	dg->editor = m->editor_name;
	dg->client = m->client_name;
	/* The editor's SIREN tells editors apart whatever their names. */
	for (size_t i = 0; !dg->editor_siren && i < m->nidents; i++) {
		const sons_ident *id = &m->idents[i];
		if (id->role == SONS_ROLE_EDITOR &&
		    (id->type == SONS_IDT_SIRET || id->type == SONS_IDT_SIREN) &&
		    strlen(id->compact) >= 9 &&
		    (id->type == SONS_IDT_SIREN ? sons__siren_check(id->compact) == SONS_ID_OK
		                                : sons__siret_check(id->compact) == SONS_ID_OK)) {
			dg->editor_siren =
			        sons__arena_strndup(sons__doc_arena(rep->doc), id->compact, 9);
			if (!dg->editor_siren)
				return SONS_ENOMEM;
		}
	}
	int first = 1;
	for (size_t i = 0; i < m->nidents; i++) {
		const sons_ident *id = &m->idents[i];
		if (id->role == SONS_ROLE_EDITOR)
			continue;
		if (id->type == SONS_IDT_FINESS && id->finess_kind == SONS_FINESS_JURIDIQUE) {
			if (dg->nej < 4)
				dg->finess_ej[dg->nej++] = id->compact;
			continue;
		}
		if (id->type == SONS_IDT_FINESS ||
		    (id->type == SONS_IDT_SIRET && id->role == SONS_ROLE_CLIENT)) {
			add_site(dg, id->compact);
			if (first)
				dg->sites_loc = id->loc;
			first = 0;
		}
	}
	const sons_line *s = sons__state_line(m);
	if (s) {
		dg->has_state = 1;
		dg->state_cents = sons__state_amount(s, &dg->state_ttc);
		dg->state_loc = s->loc;
	}
	dg->preref = m->prereferencing || m->has_ref_condition;
	if (m->has_proof_date) {
		dg->has_proof_date = 1;
		dg->proof_date = m->proof_date;
		dg->proof_loc = m->proof_loc;
	}
	return SONS_OK;
}

/* ------------------------------------------------------------------ */
/* Compaction: what the report still shows, copied into one block of the
 * exact size (an arena page would cost 16 KiB per document). */

typedef struct bump {
	char *p;
	size_t used, size;
} bump;

static size_t str_size(const char *s)
{
	return s ? strlen(s) + 1 : 0;
}

static const char *bump_str(bump *b, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *d = b->p + b->used;
	memcpy(d, s, n);
	b->used += n;
	return d;
}

/* The strings a report keeps, counted (b->p NULL) or copied. */
static void keep_all(sons_report *rep, bump *b, size_t *need)
{
	sons_digest *dg = &rep->dg;
	const char **strs[] = { &rep->path,        &rep->referential, &dg->order_no, &dg->quote_no,
		                &dg->dsr_codes,    &dg->solution,     &dg->version,  &dg->editor,
		                &dg->editor_siren, &dg->client };
	const char **sheets[] = { &dg->order_loc.sheet, &dg->quote_loc.sheet,
		                  &dg->date_loc.sheet,  &dg->solution_loc.sheet,
		                  &dg->sites_loc.sheet, &dg->state_loc.sheet,
		                  &dg->proof_loc.sheet };
	for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		if (b)
			*strs[i] = bump_str(b, *strs[i]);
		else
			*need += str_size(*strs[i]);
	for (size_t i = 0; i < sizeof(sheets) / sizeof(sheets[0]); i++)
		if (b)
			*sheets[i] = bump_str(b, *sheets[i]);
		else
			*need += str_size(*sheets[i]);
	for (size_t i = 0; i < dg->nsites; i++)
		if (b)
			dg->sites[i] = bump_str(b, dg->sites[i]);
		else
			*need += str_size(dg->sites[i]);
	for (size_t i = 0; i < dg->nej; i++)
		if (b)
			dg->finess_ej[i] = bump_str(b, dg->finess_ej[i]);
		else
			*need += str_size(dg->finess_ej[i]);
	for (size_t i = 0; i < rep->nfindings; i++) {
		sons_finding_int *f = &rep->findings[i];
		if (!b) {
			*need += str_size(f->message) + str_size(f->evidence) +
			         str_size(f->loc.sheet) + f->nrelated * sizeof(char *) + 8;
			for (size_t k = 0; k < f->nrelated; k++)
				*need += str_size(f->related[k]);
			continue;
		}
		f->message = bump_str(b, f->message);
		f->evidence = bump_str(b, f->evidence);
		f->loc.sheet = bump_str(b, f->loc.sheet);
		if (f->nrelated) {
			b->used = (b->used + 7) & ~(size_t)7;
			const char **rel = (const char **)(void *)(b->p + b->used);
			b->used += f->nrelated * sizeof(char *);
			for (size_t k = 0; k < f->nrelated; k++)
				rel[k] = bump_str(b, f->related[k]);
			f->related = rel;
		}
	}
}

sons_status sons_report_compact(sons_report *rep)
{
	if (!rep)
		return SONS_EINVALID;
	if (!rep->model)
		return SONS_OK; /* never read, or compacted already */
	size_t need = 8;
	keep_all(rep, NULL, &need);
	sons_doc *nd = sons__doc_new();
	bump b = { sons__malloc(need), 0, need };
	sons_finding_int *f = rep->nfindings ? sons__malloc(rep->nfindings * sizeof(*f)) : NULL;
	if (!nd || !b.p || (rep->nfindings && !f)) {
		sons__doc_free(nd);
		sons__free(b.p);
		sons__free(f);
		return SONS_ENOMEM; /* the report is unchanged */
	}
	if (rep->nfindings)
		memcpy(f, rep->findings, rep->nfindings * sizeof(*f));
	sons__free(rep->findings);
	rep->findings = f;
	keep_all(rep, &b, &need);
	sons__doc_free(rep->doc);
	rep->doc = nd;
	rep->model = NULL;
	rep->kept = b.p;
	sons__free(rep->pub);
	rep->pub = NULL;
	return sons__report_publish(rep);
}

/* ------------------------------------------------------------------ */
/* Emitting a finding on a report */

typedef struct xctx {
	sons_context *ctx;
	int oom;
	unsigned char *touched; /* reports that got a finding */
} xctx;

static int rank(sons_kind k)
{
	switch (k) {
	case SONS_KIND_DEVIS:
		return 0;
	case SONS_KIND_BDC:
		return 1;
	case SONS_KIND_MOM:
		return 2;
	case SONS_KIND_VA:
		return 3;
	default:
		return -1;
	}
}

/* Adds a finding of `rule` to r, related to the `nrel` reports of rel (r
 * itself skipped), with the message in r's language. */
static void emit(xctx *x, sons_report *r, size_t ri, sons_report *const *rel, size_t nrel,
                 const char *rule, const sons_loc *loc, const char *fr, const char *en, ...)
        SONS_PRINTF(8, 10) SONS_PRINTF(9, 10);

static void emit(xctx *x, sons_report *r, size_t ri, sons_report *const *rel, size_t nrel,
                 const char *rule, const sons_loc *loc, const char *fr, const char *en, ...)
{
	if (x->oom)
		return;
	sons_arena *a = sons__doc_arena(r->doc);
	sons_finding_int *nf =
	        sons__realloc(r->findings, (r->nfindings + 1) * sizeof(*r->findings));
	if (!nf) {
		x->oom = 1;
		return;
	}
	r->findings = nf;
	sons_finding_int *f = &nf[r->nfindings];
	sons__finding_init(f, rule, loc);
	if (loc)
		f->loc.sheet = loc->sheet ? sons__arena_strdup(a, loc->sheet) : NULL;
	va_list ap;
	va_start(ap, en);
	f->message = sons__vmessage(a, r->lang, fr, en, ap);
	va_end(ap);
	size_t n = 0;
	const char **paths = sons__arena_alloc(a, (nrel ? nrel : 1) * sizeof(*paths));
	if (!f->message || !paths) {
		x->oom = 1;
		return;
	}
	for (size_t i = 0; i < nrel; i++) {
		if (rel[i] == r)
			continue;
		size_t k;
		for (k = 0; k < n && strcmp(paths[k], rel[i]->path); k++)
			;
		if (k < n)
			continue;
		paths[n] = sons__arena_strdup(a, rel[i]->path);
		if (!paths[n]) {
			x->oom = 1;
			return;
		}
		n++;
	}
	f->related = n ? paths : NULL;
	f->nrelated = n;
	r->nfindings++;
	x->touched[ri] = 1;
}

/* The same finding on two documents, each related to the other. */
#define BOTH(x, ra, ia, la, rb, ib, lb, rule, fr, en, ...)                                         \
	do {                                                                                       \
		sons_report *pair_[2] = { (ra), (rb) };                                            \
		emit((x), (ra), (ia), pair_, 2, (rule), (la), (fr), (en), __VA_ARGS__);            \
		emit((x), (rb), (ib), pair_, 2, (rule), (lb), (fr), (en), __VA_ARGS__);            \
	} while (0)

/* ------------------------------------------------------------------ */
/* Comparisons */

static const char *amount(xctx *x, sons_report *r, int64_t cents)
{
	char buf[64];
	sons__amount_format(buf, sizeof(buf), cents, r->lang);
	const char *s = sons__arena_strdup(sons__doc_arena(r->doc), buf);
	if (!s)
		x->oom = 1;
	return s ? s : "";
}

static const char *date_text(xctx *x, sons_report *r, const sons_date *d)
{
	const char *s = r->lang == SONS_LANG_EN
	                        ? sons__arena_printf(sons__doc_arena(r->doc), "%04d-%02d-%02d",
	                                             d->y, d->m, d->d)
	                        : sons__arena_printf(sons__doc_arena(r->doc), "%02d/%02d/%04d",
	                                             d->d, d->m, d->y);
	if (!s)
		x->oom = 1;
	return s ? s : "";
}

/* Letters and digits only, upper case: « BDC-2023/0142 » → BDC20230142. */
static void norm_no(char *out, size_t outsz, const char *s)
{
	size_t n = 0;
	for (; s && *s && n + 1 < outsz; s++) {
		char c = *s;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
			out[n++] = c;
	}
	out[n] = '\0';
}

static int same_no(const char *a, const char *b)
{
	char x[64], y[64];
	norm_no(x, sizeof(x), a);
	norm_no(y, sizeof(y), b);
	return x[0] && !strcmp(x, y);
}

/* Solution names agree when one folded name contains the other
 * (« Oxalis » and « Oxalis DUI »). */
static int same_solution(const char *a, const char *b)
{
	sons_buf fa = SONS_BUF_INIT, fb = SONS_BUF_INIT;
	int same = 1;
	if (!sons__fold(&fa, a, strlen(a)) && !sons__fold(&fb, b, strlen(b)) && fa.data && fb.data)
		same = strstr(fa.data, fb.data) || strstr(fb.data, fa.data);
	sons__buf_free(&fa);
	sons__buf_free(&fb);
	return same;
}

/* 1 when a has an establishment b does not have (b having some): the
 * first one in *which. */
static int site_missing(const sons_digest *a, const sons_digest *b, const char **which)
{
	if (!a->nsites || !b->nsites)
		return 0;
	for (size_t i = 0; i < a->nsites; i++) {
		size_t k;
		for (k = 0; k < b->nsites && strcmp(a->sites[i], b->sites[k]); k++)
			;
		if (k == b->nsites) {
			*which = a->sites[i];
			return 1;
		}
	}
	return 0;
}

static int disjoint_ej(const sons_digest *a, const sons_digest *b)
{
	if (!a->nej || !b->nej)
		return 0;
	for (size_t i = 0; i < a->nej; i++)
		for (size_t k = 0; k < b->nej; k++)
			if (!strcmp(a->finess_ej[i], b->finess_ej[k]))
				return 0;
	return 1;
}

/* X001: the BDC against the quote it follows. */
static void x001(xctx *x, sons_report *b, size_t ib, sons_report *d, size_t id)
{
	const sons_digest *B = &b->dg, *D = &d->dg;
	if (B->quote_no && D->quote_no && !same_no(B->quote_no, D->quote_no))
		BOTH(x, b, ib, &B->quote_loc, d, id, &D->quote_loc, "SONS-X001",
		     "le bon de commande se réfère au devis n° %s, le devis est le n° %s",
		     "the purchase order refers to quote no. %s, the quote is no. %s", B->quote_no,
		     D->quote_no);
	if (B->has_state && D->has_state && B->state_ttc == D->state_ttc &&
	    B->state_cents != D->state_cents) {
		BOTH(x, b, ib, &B->state_loc, d, id, &D->state_loc, "SONS-X001",
		     "Prestation Ségur de %s sur le bon de commande, de %s sur le devis",
		     "Prestation Ségur of %s on the purchase order, of %s on the quote",
		     amount(x, b, B->state_cents), amount(x, b, D->state_cents));
	}
	if (B->dsr_mask && D->dsr_mask && B->dsr_mask != D->dsr_mask)
		BOTH(x, b, ib, NULL, d, id, NULL, "SONS-X001",
		     "DSR %s sur le bon de commande, %s sur le devis",
		     "DSR %s on the purchase order, %s on the quote", B->dsr_codes, D->dsr_codes);
	if (B->solution && D->solution && !same_solution(B->solution, D->solution))
		BOTH(x, b, ib, &B->solution_loc, d, id, &D->solution_loc, "SONS-X001",
		     "solution « %s » sur le bon de commande, « %s » sur le devis",
		     "solution \"%s\" on the purchase order, \"%s\" on the quote", B->solution,
		     D->solution);
	if (B->version && D->version && sons__version_cmp(B->version, D->version) != 0)
		BOTH(x, b, ib, &B->solution_loc, d, id, &D->solution_loc, "SONS-X001",
		     "version %s sur le bon de commande, %s sur le devis",
		     "version %s on the purchase order, %s on the quote", B->version, D->version);
	const char *site;
	if (site_missing(B, D, &site))
		BOTH(x, b, ib, &B->sites_loc, d, id, &D->sites_loc, "SONS-X001",
		     "l'établissement %s figure sur le bon de commande mais pas sur le devis",
		     "establishment %s is on the purchase order but not on the quote", site);
	else if (site_missing(D, B, &site))
		BOTH(x, b, ib, &B->sites_loc, d, id, &D->sites_loc, "SONS-X001",
		     "l'établissement %s figure sur le devis mais pas sur le bon de commande",
		     "establishment %s is on the quote but not on the purchase order", site);
	else if (disjoint_ej(B, D))
		BOTH(x, b, ib, &B->sites_loc, d, id, &D->sites_loc, "SONS-X001",
		     "FINESS juridique %s sur le bon de commande, %s sur le devis",
		     "FINESS juridique %s on the purchase order, %s on the quote", B->finess_ej[0],
		     D->finess_ej[0]);
}

/* X002: a MOM or VA against the BDC. */
static void x002(xctx *x, sons_report *b, size_t ib, sons_report *o, size_t io)
{
	const sons_digest *B = &b->dg, *O = &o->dg;
	const char *what_fr = o->kind == SONS_KIND_MOM ? "la mise en ordre de marche"
	                                               : "la vérification d'aptitude";
	const char *what_en = o->kind == SONS_KIND_MOM ? "the MOM" : "the VA";
	const char *what = o->lang == SONS_LANG_EN ? what_en : what_fr;
	if (B->order_no && O->order_no && !same_no(B->order_no, O->order_no))
		BOTH(x, b, ib, &B->order_loc, o, io, &O->order_loc, "SONS-X002",
		     "%s se rapporte à la commande n° %s, le bon de commande est le n° %s",
		     "%s refers to order no. %s, the purchase order is no. %s", what, O->order_no,
		     B->order_no);
	const char *site;
	if (site_missing(O, B, &site))
		BOTH(x, b, ib, &B->sites_loc, o, io, &O->sites_loc, "SONS-X002",
		     "%s concerne l'établissement %s, absent du bon de commande",
		     "%s concerns establishment %s, which is not on the purchase order", what,
		     site);
	else if (disjoint_ej(O, B))
		BOTH(x, b, ib, &B->sites_loc, o, io, &O->sites_loc, "SONS-X002",
		     "%s concerne le FINESS juridique %s, le bon de commande le %s",
		     "%s concerns FINESS juridique %s, the purchase order %s", what,
		     O->finess_ej[0], B->finess_ej[0]);
	if (B->dsr_mask && O->dsr_mask && B->dsr_mask != O->dsr_mask)
		BOTH(x, b, ib, NULL, o, io, NULL, "SONS-X002",
		     "%s porte sur le DSR %s, le bon de commande sur %s",
		     "%s is about DSR %s, the purchase order about %s", what, O->dsr_codes,
		     B->dsr_codes);
	if (B->solution && O->solution && !same_solution(B->solution, O->solution))
		BOTH(x, b, ib, &B->solution_loc, o, io, &O->solution_loc, "SONS-X002",
		     "%s porte sur la solution « %s », le bon de commande sur « %s »",
		     "%s is about solution \"%s\", the purchase order about \"%s\"", what,
		     O->solution, B->solution);
	else if (B->version && O->version && sons__version_cmp(B->version, O->version) != 0)
		BOTH(x, b, ib, &B->solution_loc, o, io, &O->solution_loc, "SONS-X002",
		     "%s porte sur la version %s, le bon de commande sur la version %s",
		     "%s is about version %s, the purchase order about version %s", what,
		     O->version, B->version);
}

static const char *kind_fr(sons_kind k)
{
	switch (k) {
	case SONS_KIND_DEVIS:
		return "le devis";
	case SONS_KIND_BDC:
		return "le bon de commande";
	case SONS_KIND_MOM:
		return "la mise en ordre de marche";
	case SONS_KIND_VA:
		return "la vérification d'aptitude";
	default:
		return "le document";
	}
}

static const char *kind_en(sons_kind k)
{
	switch (k) {
	case SONS_KIND_DEVIS:
		return "the quote";
	case SONS_KIND_BDC:
		return "the purchase order";
	case SONS_KIND_MOM:
		return "the MOM";
	case SONS_KIND_VA:
		return "the VA";
	default:
		return "the document";
	}
}

/* T004: devis ≤ BDC ≤ MOM ≤ VA. */
static void t004(xctx *x, sons_report *a, size_t ia, sons_report *b, size_t ib)
{
	const sons_digest *A = &a->dg, *B = &b->dg;
	if (!A->has_date || !B->has_date || sons__date_cmp(&B->date, &A->date) >= 0)
		return;
	int en = a->lang == SONS_LANG_EN;
	BOTH(x, a, ia, &A->date_loc, b, ib, &B->date_loc, "SONS-T004",
	     "dates dans le désordre : %s est daté(e) du %s, avant %s du %s",
	     "dates out of order: %s is dated %s, before %s of %s",
	     en ? kind_en(b->kind) : kind_fr(b->kind), date_text(x, a, &B->date),
	     en ? kind_en(a->kind) : kind_fr(a->kind), date_text(x, a, &A->date));
}

/* T002 across documents: the BDC before referencing, the proof dossier's
 * date given by another document. */
static void t002(xctx *x, const sons_ref *ref, sons_report *b, size_t ib, sons_report *p, size_t ip)
{
	const sons_digest *B = &b->dg, *P = &p->dg;
	if (!B->preref || !B->has_date || !P->has_proof_date || B->has_proof_date)
		return;
	int64_t days = sons__date_days(&P->proof_date) - sons__date_days(&B->date);
	if (days <= ref->params.preref_window_days)
		return;
	BOTH(x, b, ib, &B->date_loc, p, ip, &P->proof_loc, "SONS-T002",
	     "commande antérieure au référencement du %s, %lld jours avant le dépôt du dossier de "
	     "preuves complet (%s) : au-delà de %d jours",
	     "pre-referencing order of %s, %lld days before the complete proof dossier (%s): "
	     "more than %d days",
	     date_text(x, b, &B->date), (long long)days, date_text(x, b, &P->proof_date),
	     ref->params.preref_window_days);
}

/* The rules of one dossier: idx[0..n) index reports. */
static void dossier(xctx *x, const sons_ref *ref, sons_report *const *r, const size_t *idx,
                    size_t n)
{
	for (size_t i = 0; i < n && !x->oom; i++) {
		sons_report *a = r[idx[i]];
		if (!a->dg.read)
			continue;
		for (size_t j = 0; j < n && !x->oom; j++) {
			sons_report *b = r[idx[j]];
			if (i == j || !b->dg.read)
				continue;
			if (a->kind == SONS_KIND_BDC && b->kind == SONS_KIND_DEVIS)
				x001(x, a, idx[i], b, idx[j]);
			if (a->kind == SONS_KIND_BDC &&
			    (b->kind == SONS_KIND_MOM || b->kind == SONS_KIND_VA))
				x002(x, a, idx[i], b, idx[j]);
			if (a->kind == SONS_KIND_BDC)
				t002(x, ref, a, idx[i], b, idx[j]);
			int ra = rank(a->kind), rb = rank(b->kind);
			if (ra >= 0 && rb > ra)
				t004(x, a, idx[i], b, idx[j]);
		}
	}
}

static sons_status finish(xctx *x, sons_report *const *r, size_t n, sons_error *err)
{
	for (size_t i = 0; i < n && !x->oom; i++) {
		if (!x->touched[i])
			continue;
		sons_report *rep = r[i];
		rep->verdict = sons__decide(rep->findings, rep->nfindings, rep->key_unevaluated,
		                            rep->kind, rep->kind_detected);
		if (sons__report_publish(rep) != SONS_OK)
			x->oom = 1;
	}
	free(x->touched);
	if (x->oom)
		return sons__error_set(err, x->ctx->lang, SONS_ENOMEM, NULL, "mémoire insuffisante",
		                       "out of memory");
	return SONS_OK;
}

static sons_status start(xctx *x, sons_context *ctx, sons_report *const *r, size_t n,
                         sons_error *err)
{
	memset(x, 0, sizeof(*x));
	x->ctx = ctx;
	if (!ctx || (!r && n))
		return sons__error_set(err, SONS_LANG_FR, SONS_EINVALID, NULL, "argument invalide",
		                       "invalid argument");
	for (size_t i = 0; i < n; i++)
		if (!r[i])
			return sons__error_set(err, ctx->lang, SONS_EINVALID, NULL,
			                       "rapport absent dans la liste",
			                       "missing report in the list");
	x->touched = calloc(n ? n : 1, 1);
	if (!x->touched)
		return sons__error_set(err, ctx->lang, SONS_ENOMEM, NULL, "mémoire insuffisante",
		                       "out of memory");
	return SONS_OK;
}

sons_status sons_check_dossier(sons_context *ctx, sons_report *const *reports, size_t count,
                               sons_error *err)
{
	xctx x;
	sons_status st = start(&x, ctx, reports, count, err);
	if (st != SONS_OK)
		return st;
	size_t *idx = malloc((count ? count : 1) * sizeof(*idx));
	if (!idx) {
		x.oom = 1;
		return finish(&x, reports, count, err);
	}
	for (size_t i = 0; i < count; i++)
		idx[i] = i;
	dossier(&x, ctx->ref, reports, idx, count);
	free(idx);
	return finish(&x, reports, count, err);
}

/* ------------------------------------------------------------------ */
/* Batch */

typedef struct keyed {
	char key[64];
	size_t doc;
} keyed;

static int cmp_keyed(const void *pa, const void *pb)
{
	const keyed *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);
	if (c)
		return c;
	return a->doc < b->doc ? -1 : a->doc > b->doc;
}

/* One order of the batch: its documents and the one that stands for it. */
typedef struct order {
	size_t *docs;
	size_t n;
	size_t rep; /* the BDC if any, else its first document */
} order;

typedef struct site_use {
	const char *site;
	int dsr;
	size_t order;
} site_use;

static int cmp_use(const void *pa, const void *pb)
{
	const site_use *a = pa, *b = pb;
	int c = strcmp(a->site, b->site);
	if (c)
		return c;
	if (a->dsr != b->dsr)
		return a->dsr < b->dsr ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* Which of two orders was dated first: -1 a, 1 b, 0 unknown or same day. */
static int first_of(const sons_digest *a, const sons_digest *b)
{
	if (!a->has_date || !b->has_date)
		return 0;
	int c = sons__date_cmp(&a->date, &b->date);
	return c < 0 ? -1 : c > 0 ? 1 : 0;
}

static void x004(xctx *x, const sons_ref *ref, sons_report *const *r, const order *o,
                 const site_use *u)
{
	/* u[0] and u[1]: same site, same DSR, two orders */
	size_t ia = o[u[0].order].rep, ib = o[u[1].order].rep;
	sons_report *a = r[ia], *b = r[ib];
	const char *code = ref->dsr[u[0].dsr].code;
	int f = first_of(&a->dg, &b->dg);
	sons_report *pair[2] = { a, b };
	for (int k = 0; k < 2 && !x->oom; k++) {
		sons_report *me = pair[k], *other = pair[1 - k];
		size_t im = k ? ib : ia;
		const sons_digest *M = &me->dg, *T = &other->dg;
		int en = me->lang == SONS_LANG_EN;
		/* « la commande n° BC-1 », or the file when no number was read */
		sons_arena *ar = sons__doc_arena(me->doc);
		const char *mine =
		        M->order_no
		                ? sons__arena_printf(ar, en ? "order no. %s" : "la commande n° %s",
		                                     M->order_no)
		                : (en ? "this order (no number read)"
		                      : "cette commande (numéro non lu)");
		const char *theirs =
		        T->order_no
		                ? sons__arena_printf(ar, en ? "order no. %s" : "la commande n° %s",
		                                     T->order_no)
		                : sons__arena_printf(
		                          ar, en ? "the order of « %s »" : "la commande de « %s »",
		                          other->path);
		if (!mine || !theirs) {
			x->oom = 1;
			return;
		}
		const char *when;
		if (f == 0)
			when = en ? "their dates do not tell which came first"
			          : "leurs dates ne disent pas laquelle est la première";
		else if ((f < 0) == (k == 0))
			when = sons__arena_printf(
			        sons__doc_arena(me->doc),
			        en ? "this order (%s) was dated first"
			           : "cette commande (%s) est la première en date",
			        date_text(x, me, &M->date));
		else
			when = sons__arena_printf(
			        sons__doc_arena(me->doc),
			        en ? "the other order (%s) was dated first"
			           : "l'autre commande (%s) est la première en date",
			        date_text(x, me, &T->date));
		if (!when) {
			x->oom = 1;
			return;
		}
		emit(x, me, im, pair, 2, "SONS-X004", &M->sites_loc,
		     "double financement : l'établissement %s a, pour le DSR %s, %s et %s ; %s",
		     "double financing: establishment %s has, for DSR %s, %s and %s; %s", u[0].site,
		     code, mine, theirs, when);
	}
}

sons_status sons_check_audit(sons_context *ctx, sons_report *const *reports, size_t count,
                             sons_error *err)
{
	xctx x;
	sons_status st = start(&x, ctx, reports, count, err);
	if (st != SONS_OK)
		return st;
	const sons_ref *ref = ctx->ref;
	keyed *orders = malloc((count ? count : 1) * sizeof(*orders));
	keyed *quotes = malloc((count ? count : 1) * sizeof(*quotes));
	size_t *owner = malloc((count ? count : 1) * sizeof(*owner)); /* order of each doc */
	order *o = calloc(count ? count : 1, sizeof(*o));
	size_t *pool = malloc((count ? count : 1) * sizeof(*pool));
	site_use *uses = NULL;
	size_t no = 0, nq = 0, norders = 0, nuses = 0;
	if (!orders || !quotes || !owner || !o || !pool) {
		x.oom = 1;
		goto out;
	}
	/* Orders: documents sharing an order number; a BDC, MOM or VA
	 * without one is an order of its own. Quotes join the order whose
	 * BDC names them. */
	for (size_t i = 0; i < count; i++) {
		const sons_report *r = reports[i];
		owner[i] = (size_t)-1;
		if (!r->dg.read)
			continue;
		if (r->kind == SONS_KIND_DEVIS) {
			if (r->dg.quote_no) {
				norm_no(quotes[nq].key, sizeof(quotes[nq].key), r->dg.quote_no);
				quotes[nq].doc = i;
				if (quotes[nq].key[0])
					nq++;
			}
			continue;
		}
		if (rank(r->kind) < 1)
			continue;
		norm_no(orders[no].key, sizeof(orders[no].key), r->dg.order_no);
		if (!orders[no].key[0])
			snprintf(orders[no].key, sizeof(orders[no].key), "#%zu", i);
		orders[no].doc = i;
		no++;
	}
	if (no)
		qsort(orders, no, sizeof(*orders), cmp_keyed);
	size_t used = 0;
	for (size_t i = 0; i < no;) {
		size_t j = i;
		order *g = &o[norders];
		g->docs = pool + used;
		g->rep = orders[i].doc;
		int has_bdc = 0;
		while (j < no && !strcmp(orders[j].key, orders[i].key)) {
			size_t d = orders[j].doc;
			g->docs[g->n++] = d;
			owner[d] = norders;
			if (!has_bdc && reports[d]->kind == SONS_KIND_BDC) {
				g->rep = d;
				has_bdc = 1;
			}
			j++;
		}
		used += g->n;
		norders++;
		i = j;
	}
	/* Quotes: the order whose BDC cites their number (the first such
	 * order), found by binary search among the BDCs' citations. */
	if (nq)
		qsort(quotes, nq, sizeof(*quotes), cmp_keyed);
	keyed *cited = malloc((norders ? norders : 1) * sizeof(*cited));
	size_t *start = calloc(norders + 1, sizeof(*start));
	size_t *np = malloc((count ? count : 1) * sizeof(*np));
	if (!cited || !start || !np) {
		free(cited);
		free(start);
		free(np);
		x.oom = 1;
		goto out;
	}
	size_t nc = 0;
	for (size_t k = 0; k < norders; k++) {
		const sons_report *b = reports[o[k].rep];
		if (b->kind != SONS_KIND_BDC || !b->dg.quote_no)
			continue;
		norm_no(cited[nc].key, sizeof(cited[nc].key), b->dg.quote_no);
		cited[nc].doc = k;
		if (cited[nc].key[0])
			nc++;
	}
	if (nc)
		qsort(cited, nc, sizeof(*cited), cmp_keyed);
	for (size_t q = 0; q < nq; q++) {
		size_t lo = 0, hi = nc; /* first citation >= the quote's key */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (strcmp(cited[mid].key, quotes[q].key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < nc && !strcmp(cited[lo].key, quotes[q].key)) {
			owner[quotes[q].doc] = cited[lo].doc;
			start[cited[lo].doc + 1]++;
		}
	}
	/* The pool again, each order's quotes first, then its documents. */
	for (size_t k = 0; k < norders; k++)
		start[k + 1] += start[k] + o[k].n;
	for (size_t q = 0; q < nq; q++) {
		size_t k = owner[quotes[q].doc];
		if (k != (size_t)-1)
			np[start[k]++] = quotes[q].doc;
	}
	for (size_t k = 0; k < norders; k++) {
		size_t end = start[k] + o[k].n; /* start[k]: past the quotes */
		memcpy(np + start[k], o[k].docs, o[k].n * sizeof(*np));
		size_t first = k ? start[k - 1] : 0;
		o[k].docs = np + first;
		o[k].n = end - first;
		start[k] = end;
	}
	free(cited);
	free(start);
	free(pool);
	pool = np;
	for (size_t k = 0; k < norders && !x.oom; k++)
		if (o[k].n > 1)
			dossier(&x, ref, reports, o[k].docs, o[k].n);
	/* X004: (establishment, DSR) of each order; two orders, one key. */
	size_t cap = 0;
	for (size_t k = 0; k < norders; k++)
		cap += reports[o[k].rep]->dg.nsites * (size_t)ref->ndsr;
	uses = malloc((cap ? cap : 1) * sizeof(*uses));
	if (!uses) {
		x.oom = 1;
		goto out;
	}
	for (size_t k = 0; k < norders; k++) {
		const sons_digest *dg = &reports[o[k].rep]->dg;
		for (size_t s = 0; s < dg->nsites; s++)
			for (int d = 0; d < ref->ndsr; d++)
				if (dg->dsr_mask & (1u << d)) {
					uses[nuses].site = dg->sites[s];
					uses[nuses].dsr = d;
					uses[nuses].order = k;
					nuses++;
				}
	}
	if (nuses)
		qsort(uses, nuses, sizeof(*uses), cmp_use);
	/* one finding per pair of orders and DSR, whatever the number of
	 * establishments they share */
	size_t *done = NULL, ndone = 0, capdone = 0;
	for (size_t i = 0; i < nuses && !x.oom;) {
		size_t j = i + 1;
		while (j < nuses && !strcmp(uses[j].site, uses[i].site) &&
		       uses[j].dsr == uses[i].dsr)
			j++;
		/* every later order against the first one of the key */
		for (size_t k = i + 1; k < j && !x.oom; k++) {
			if (uses[k].order == uses[i].order)
				continue;
			size_t t;
			for (t = 0; t < ndone; t += 3)
				if (done[t] == uses[i].order && done[t + 1] == uses[k].order &&
				    done[t + 2] == (size_t)uses[i].dsr)
					break;
			if (t < ndone)
				continue;
			if (ndone + 3 > capdone) {
				size_t ncap = capdone ? capdone * 2 : 48;
				size_t *nd = realloc(done, ncap * sizeof(*nd));
				if (!nd) {
					x.oom = 1;
					break;
				}
				done = nd;
				capdone = ncap;
			}
			done[ndone++] = uses[i].order;
			done[ndone++] = uses[k].order;
			done[ndone++] = (size_t)uses[i].dsr;
			site_use pair[2] = { uses[i], uses[k] };
			x004(&x, ref, reports, o, pair);
		}
		i = j;
	}
	free(done);
out:
	free(uses);
	free(orders);
	free(quotes);
	free(owner);
	free(o);
	free(pool);
	return finish(&x, reports, count, err);
}
