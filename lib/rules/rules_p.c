/* SPDX-License-Identifier: MIT */
/* P — ceilings of the Prestation Ségur (seed 004: « le devis doit respecter
 * le forfait maximum », §5.3 of each AF; NODE1265: HT and TTC at 20 %, two
 * decimals). Amounts come from the referential only: where it has none,
 * P002 says so — never a guessed number. */
#include <string.h>

#include "rules/eval.h"

/* Establishments the ceiling counts: FINESS géographiques of the client,
 * else its sites' SIRETs. */
static int sites(const sons_model *m)
{
	int finess = 0, siret = 0;
	for (size_t i = 0; i < m->nidents; i++) {
		const sons_ident *id = &m->idents[i];
		if (id->role == SONS_ROLE_EDITOR)
			continue;
		if (id->type == SONS_IDT_FINESS && id->finess_kind == SONS_FINESS_GEOGRAPHIQUE)
			finess++;
		else if (id->type == SONS_IDT_SIRET && id->role == SONS_ROLE_CLIENT)
			siret++;
	}
	return finess ? finess : siret;
}

static const sons_ceiling *ceiling_of(const sons_ref *ref, const char *code)
{
	for (int i = 0; i < ref->nceilings; i++)
		if (!strcmp(ref->ceilings[i].dsr, code))
			return &ref->ceilings[i];
	return NULL;
}

static void p_dsr(sons_eval *e, const sons_line *s, const char *code)
{
	const sons_model *m = e->m;
	const sons_ceiling *c = ceiling_of(e->ref, code);
	if (!c) {
		sons__emit(
		        e, "SONS-P002", &s->loc, NULL,
		        "plafond non calculable : le référentiel ne donne pas de plafond pour le "
		        "DSR %s",
		        "ceiling cannot be computed: the referential gives no ceiling for DSR %s",
		        code);
		return;
	}
	if (!c->has_amount) {
		sons__emit(
		        e, "SONS-P002", &s->loc, NULL,
		        "plafond non calculable : le référentiel ne donne pas de montant pour le "
		        "DSR %s (plafond %s) ; un référentiel qui le porte peut être donné avec "
		        "--referentiel",
		        "ceiling cannot be computed: the referential gives no amount for DSR %s "
		        "(ceiling %s); a referential that carries it can be given with "
		        "--referentiel",
		        code, e->lang == SONS_LANG_EN ? c->basis_en : c->basis);
		return;
	}
	int64_t ht = c->amount_ht_cents;
	int n = 1;
	if (c->per_establishment) {
		n = sites(m);
		if (!n) {
			sons__emit(e, "SONS-P002", &s->loc, NULL,
			           "plafond non calculable : le plafond du DSR %s est compté par "
			           "établissement et aucun FINESS géographique ni SIRET "
			           "d'établissement "
			           "n'a été lu",
			           "ceiling cannot be computed: the ceiling of DSR %s counts per "
			           "establishment and no FINESS géographique or establishment "
			           "SIRET was "
			           "read",
			           code);
			return;
		}
		ht *= n;
	}
	int vat = e->ref->params.ceiling_vat_percent;
	int64_t ttc = ht + (ht * vat + 50) / 100;
	int is_ttc;
	int64_t amount = sons__state_amount(s, &is_ttc);
	const char *per_fr =
	        n > 1 ? sons__arena_printf(e->arena, " pour %d établissements", n) : "";
	const char *per_en = n > 1 ? sons__arena_printf(e->arena, " for %d establishments", n) : "";
	if (!per_fr || !per_en) {
		e->oom = 1;
		return;
	}
	if (!is_ttc && amount > ht)
		sons__emit(
		        e, "SONS-P001", &s->loc, s->label,
		        "Prestation Ségur de %s HT, au-delà du plafond du DSR %s : %s HT%s",
		        "Prestation Ségur of %s excl. VAT, above the ceiling of DSR %s: %s excl. "
		        "VAT%s",
		        sons__fmt_amount(e, amount), code, sons__fmt_amount(e, ht),
		        e->lang == SONS_LANG_EN ? per_en : per_fr);
	int64_t amount_ttc = s->total_ttc.present ? (s->total_ttc.cents < 0 ? -s->total_ttc.cents
	                                                                    : s->total_ttc.cents)
	                                          : -1;
	if (amount_ttc > ttc && (is_ttc || amount <= ht))
		sons__emit(
		        e, "SONS-P001", &s->loc, s->label,
		        "Prestation Ségur de %s TTC, au-delà du plafond du DSR %s : %s TTC (TVA "
		        "%d %%)%s",
		        "Prestation Ségur of %s incl. VAT, above the ceiling of DSR %s: %s incl. "
		        "VAT (%d %% VAT)%s",
		        sons__fmt_amount(e, amount_ttc), code, sons__fmt_amount(e, ttc), vat,
		        e->lang == SONS_LANG_EN ? per_en : per_fr);
}

void sons__rules_p(sons_eval *e)
{
	const sons_model *m = e->m;
	if (e->kind != SONS_KIND_DEVIS && e->kind != SONS_KIND_BDC)
		return;
	const sons_line *s = sons__state_line(m);
	if (!s)
		return; /* M001 says the State line is missing */
	if (!m->dsr_mask) {
		sons__emit(e, "SONS-P002", &s->loc, NULL,
		           "plafond non calculable : le DSR n'est pas identifié",
		           "ceiling cannot be computed: the DSR is not identified");
		return;
	}
	for (int d = 0; d < e->ref->ndsr; d++)
		if (m->dsr_mask & (1u << d))
			p_dsr(e, s, e->ref->dsr[d].code);
}
