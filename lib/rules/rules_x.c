/* SPDX-License-Identifier: MIT */
/* X — what one ASP document must carry for the dossier (domain.md §A.6):
 * its signature (X003), the 30 % / 70 % split (X005), the MSSanté address
 * and scenarios of a MOM or VA (X006), the establishment types against the
 * DUI profile (X007). The rules across documents are in cross.c. */
#include <string.h>

#include "rules/eval.h"

static void x003(sons_eval *e)
{
	const sons_model *m = e->m;
	sons_party_role want = e->kind == SONS_KIND_MOM ? SONS_ROLE_EDITOR : SONS_ROLE_CLIENT;
	const char *doc_fr = e->kind == SONS_KIND_BDC   ? "le bon de commande"
	                     : e->kind == SONS_KIND_MOM ? "la mise en ordre de marche"
	                                                : "la vérification d'aptitude";
	const char *doc_en = e->kind == SONS_KIND_BDC   ? "the purchase order"
	                     : e->kind == SONS_KIND_MOM ? "the MOM"
	                                                : "the VA";
	const sons_signature *empty = NULL;
	for (size_t i = 0; i < m->nsigs; i++) {
		const sons_signature *s = &m->sigs[i];
		if (s->role != want)
			continue;
		if (s->filled)
			return;
		if (!empty)
			empty = s;
	}
	if (m->is_signed)
		return; /* a PDF signature field, or a visible signed line */
	const char *whom_fr = want == SONS_ROLE_EDITOR ? "du fournisseur" : "du client";
	const char *whom_en = want == SONS_ROLE_EDITOR ? "the supplier" : "the client";
	if (empty)
		sons__emit(
		        e, "SONS-X003", &empty->loc, NULL,
		        "le bloc de signature %s est vide : %s doit porter la signature %s (nom, "
		        "date et mention, ou signature électronique)",
		        "the signature block of %s is empty: %s must be signed by %s (name, date "
		        "and mention, or an electronic signature)",
		        e->lang == SONS_LANG_EN ? whom_en : whom_fr,
		        e->lang == SONS_LANG_EN ? doc_en : doc_fr,
		        e->lang == SONS_LANG_EN ? whom_en : whom_fr);
	else
		sons__emit(e, "SONS-X003", NULL, NULL,
		           "aucune signature %s trouvée : %s doit porter la signature %s",
		           "no signature of %s found: %s must be signed by %s",
		           e->lang == SONS_LANG_EN ? whom_en : whom_fr,
		           e->lang == SONS_LANG_EN ? doc_en : doc_fr,
		           e->lang == SONS_LANG_EN ? whom_en : whom_fr);
}

/* Is `got` share `pct` % of `base`, within the tolerance? */
static int share_ok(int64_t got, int64_t base, int pct, int64_t tol)
{
	int64_t want = (base * pct + 50) / 100;
	int64_t d = got - want;
	return d <= tol && d >= -tol;
}

static void x005_one(sons_eval *e, const char *what_fr, const char *what_en, int64_t got, int bp,
                     int pct, const sons_loc *loc)
{
	const sons_line *s = sons__state_line(e->m);
	if (bp >= 0 && bp != pct * 100) {
		sons__emit(e, "SONS-X005", loc, NULL,
		           "%s : %d,%02d %% de la Prestation Ségur au lieu de %d %%",
		           "%s: %d.%02d %% of the Prestation Ségur instead of %d %%",
		           e->lang == SONS_LANG_EN ? what_en : what_fr, bp / 100, bp % 100, pct);
		return;
	}
	if (!s)
		return;
	int is_ttc;
	int64_t ht = sons__state_amount(s, &is_ttc);
	int64_t ttc = s->total_ttc.present
	                      ? (s->total_ttc.cents < 0 ? -s->total_ttc.cents : s->total_ttc.cents)
	                      : sons__ttc_of(s, ht);
	int64_t tol = e->ref->params.split_tolerance_cents;
	if ((!is_ttc && share_ok(got, ht, pct, tol)) || share_ok(got, ttc, pct, tol))
		return;
	sons__emit(e, "SONS-X005", loc, NULL,
	           "%s : %s, alors que %d %% de la Prestation Ségur (%s) font %s",
	           "%s: %s, while %d %% of the Prestation Ségur (%s) is %s",
	           e->lang == SONS_LANG_EN ? what_en : what_fr, sons__fmt_amount(e, got), pct,
	           sons__fmt_amount(e, is_ttc ? ttc : ht),
	           sons__fmt_amount(e, ((is_ttc ? ttc : ht) * pct + 50) / 100));
}

static void x005(sons_eval *e)
{
	const sons_model *m = e->m;
	if (m->has_advance)
		x005_one(e, "avance", "advance", m->advance_cents, m->advance_bp,
		         e->ref->params.advance_percent, &m->advance_loc);
	if (m->has_balance)
		x005_one(e, "solde", "balance", m->balance_cents, m->balance_bp,
		         e->ref->params.balance_percent, &m->balance_loc);
}

static void x006(sons_eval *e)
{
	const sons_model *m = e->m;
	const char *doc_fr = e->kind == SONS_KIND_MOM ? "la mise en ordre de marche"
	                                              : "la vérification d'aptitude";
	const char *doc_en = e->kind == SONS_KIND_MOM ? "the MOM" : "the VA";
	if (!m->nmssante)
		sons__emit(e, "SONS-X006", NULL, NULL,
		           "%s ne donne pas l'adresse MSSanté effectivement utilisée par le client",
		           "%s does not give the MSSanté address actually used by the client",
		           e->lang == SONS_LANG_EN ? doc_en : doc_fr);
	if (!m->has_scenarios)
		sons__emit(e, "SONS-X006", NULL, NULL,
		           "%s ne décrit pas les scénarios d'installation effectivement déployés",
		           "%s does not describe the installation scenarios actually deployed",
		           e->lang == SONS_LANG_EN ? doc_en : doc_fr);
}

static void x007(sons_eval *e)
{
	const sons_model *m = e->m;
	if (!m->profile_mask || !m->etype_mask)
		return;
	for (int k = 0; k < e->ref->netypes; k++) {
		if (!(m->etype_mask & (1u << k)))
			continue;
		const char *dom = e->ref->etypes[k].domain;
		int p;
		for (p = 0; p < SONS_PROFILE_COUNT && strcmp(sons__profile_names[p], dom); p++)
			;
		if (p < SONS_PROFILE_COUNT && (m->profile_mask & (1u << p)))
			continue;
		sons_buf b = SONS_BUF_INIT;
		for (int q = 0; q < SONS_PROFILE_COUNT; q++)
			if (m->profile_mask & (1u << q)) {
				if (b.len)
					sons__buf_puts(&b, "/");
				sons__buf_puts(&b, sons__profile_names[q]);
			}
		const char *named = b.data ? sons__arena_strndup(e->arena, b.data, b.len) : NULL;
		sons__buf_free(&b);
		if (!named) {
			e->oom = 1;
			return;
		}
		sons__emit(
		        e, "SONS-X007", &m->etype_loc, m->etype_text,
		        "un établissement du domaine %s (%s) figure au document alors que le "
		        "profil "
		        "DUI indiqué est %s : la solution doit être référencée pour le domaine %s "
		        "pour y être installée",
		        "an establishment of domain %s (%s) is named while the DUI profile given "
		        "is "
		        "%s: the solution must be referenced for domain %s to be installed there",
		        dom, e->ref->etypes[k].name, named, dom);
	}
}

void sons__rules_x(sons_eval *e)
{
	switch (e->kind) {
	case SONS_KIND_BDC:
		x003(e);
		x005(e);
		x007(e);
		break;
	case SONS_KIND_MOM:
	case SONS_KIND_VA:
		x003(e);
		x006(e);
		break;
	case SONS_KIND_DEVIS:
		x005(e);
		x007(e);
		break;
	default:
		break;
	}
}
