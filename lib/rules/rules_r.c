/* SPDX-License-Identifier: MIT */
/* R — no reste à charge on what the State pays for (seed 004). */
#include <stdlib.h>
#include <string.h>

#include "rules/eval.h"

const sons_line *sons__state_line(const sons_model *m)
{
	const sons_line *loose = NULL;
	for (size_t i = 0; i < m->nlines; i++) {
		const sons_line *l = &m->lines[i];
		if (l->kind != SONS_LINE_STATE)
			continue;
		if (!l->total_ht.present && !l->total_ttc.present && !l->state.present)
			continue;
		if (l->state_wording >= 0)
			return l;
		if (!loose)
			loose = l;
	}
	return loose;
}

int64_t sons__state_amount(const sons_line *s, int *ttc)
{
	*ttc = !s->total_ht.present && s->total_ttc.present;
	int64_t v = s->total_ht.present    ? s->total_ht.cents
	            : s->total_ttc.present ? s->total_ttc.cents
	                                   : s->state.cents;
	return v < 0 ? -v : v;
}

/* The TTC of `ht`, a part of line l: the line's own TTC/HT ratio when it
 * shows both, else its VAT rate, else 20 %. */
int64_t sons__ttc_of(const sons_line *l, int64_t ht)
{
	if (l->total_ttc.present && l->total_ht.present && l->total_ht.cents) {
		if (ht == l->total_ht.cents)
			return l->total_ttc.cents;
		return (int64_t)((double)ht * (double)l->total_ttc.cents /
		                 (double)l->total_ht.cents);
	}
	int vat = l->has_vat ? l->vat_bp : 2000;
	return ht + (ht * vat + (ht >= 0 ? 5000 : -5000)) / 10000;
}

static void r002(sons_eval *e)
{
	const sons_model *m = e->m;
	const sons_line *s = sons__state_line(m);
	int64_t in_ht = 0, in_ttc = 0, client_ht = 0, client_ttc = 0;
	int nin = 0, nall = 0;
	for (size_t i = 0; i < m->nlines; i++) {
		const sons_line *l = &m->lines[i];
		if (l->kind != SONS_LINE_ITEM)
			continue;
		int64_t t = sons__line_total(l);
		nall++;
		client_ht += l->client_cents;
		client_ttc += sons__ttc_of(l, l->client_cents);
		/* Lines billed to the client that R001/R003 report one by one are
		 * not counted again here. */
		int reported = l->cls == SONS_CLASS_IN && l->client_cents > 0 &&
		               (l->maintenance || l->client_explicit);
		if (!reported && (l->cls == SONS_CLASS_IN ||
		                  (l->section == SONS_SECTION_SEGUR && l->cls != SONS_CLASS_OUT))) {
			in_ht += t;
			in_ttc += sons__ttc_of(l, t);
			nin++;
		}
	}
	if (s && nin) {
		int ttc;
		int64_t v = sons__state_amount(s, &ttc);
		int64_t tol = nin;
		/* One State line per DSR or per site: their sum is compared too. */
		int64_t sum = 0;
		for (size_t i = 0; i < m->nlines; i++) {
			const sons_line *l = &m->lines[i];
			int t2;
			if (l->kind == SONS_LINE_STATE && l->state_wording == s->state_wording &&
			    (l->total_ht.present || l->total_ttc.present || l->state.present))
				sum += sons__state_amount(l, &t2);
		}
		if (sum != v && (llabs(sum - in_ht) <= tol || llabs(sum - in_ttc) <= tol))
			v = sum;
		int ok = llabs(v - in_ht) <= tol || llabs(v - in_ttc) <= tol;
		if (!ok && v < in_ht)
			sons__emit(e, "SONS-R002", &s->loc, s->label,
			           "l'État prend en charge %s mais les lignes du périmètre Ségur "
			           "totalisent %s (HT) : %s restent à la charge du client",
			           "the State pays %s but the Ségur-perimeter lines add up to %s "
			           "(net): "
			           "%s are left to the client",
			           sons__fmt_amount(e, v), sons__fmt_amount(e, in_ht),
			           sons__fmt_amount(e, in_ht - v));
		else if (!ok && !(ttc && v <= in_ttc))
			sons__emit(
			        e, "SONS-R002", &s->loc, s->label,
			        "l'État prend en charge %s, plus que les lignes du périmètre Ségur "
			        "(%s HT) : des prestations hors périmètre seraient financées",
			        "the State pays %s, more than the Ségur-perimeter lines (%s net): "
			        "out-of-perimeter items would be funded",
			        sons__fmt_amount(e, v), sons__fmt_amount(e, in_ht));
	}
	/* The client's total must be the out-of-perimeter lines. */
	for (size_t i = 0; i < m->nlines; i++) {
		const sons_line *l = &m->lines[i];
		if (l->kind != SONS_LINE_CLIENT || !nall)
			continue;
		if (!l->total_ht.present && !l->total_ttc.present)
			continue;
		int64_t v = l->total_ht.present ? l->total_ht.cents : l->total_ttc.cents;
		if (v < 0)
			v = -v;
		int64_t tol = nall;
		/* « Reste à charge sur la Prestation Ségur » is the Ségur part
		 * only; other client totals cover every line. */
		if (strstr(l->folded, "segur")) {
			if (v <= tol)
				continue; /* lines billed anyway are R001/R003's */
			sons__emit(
			        e, "SONS-R002", &l->loc, l->label,
			        "reste à charge sur la Prestation Ségur de %s : il doit être nul",
			        "remaining cost on the Prestation Ségur of %s: it must be zero",
			        sons__fmt_amount(e, v));
			break;
		}
		if (llabs(v - client_ht) <= tol || llabs(v - client_ttc) <= tol)
			continue;
		sons__emit(e, "SONS-R002", &l->loc, l->label,
		           "total à la charge du client %s, alors que les lignes hors périmètre "
		           "totalisent %s HT (%s TTC)",
		           "client total %s, whereas the out-of-perimeter lines add up to %s net "
		           "(%s incl. VAT)",
		           sons__fmt_amount(e, v), sons__fmt_amount(e, client_ht),
		           sons__fmt_amount(e, client_ttc));
		break;
	}
}

void sons__rules_r(sons_eval *e)
{
	const sons_model *m = e->m;
	if (e->kind != SONS_KIND_DEVIS && e->kind != SONS_KIND_BDC)
		return;
	for (size_t i = 0; i < m->nlines; i++) {
		const sons_line *l = &m->lines[i];
		if (l->kind != SONS_LINE_ITEM || l->client_cents <= 0)
			continue;
		if (l->cls == SONS_CLASS_IN && l->maintenance)
			sons__emit(
			        e, "SONS-R003", &l->loc, l->label,
			        "maintenance de la version Ségur facturée au client : « %s », %s "
			        "(la maintenance corrective est incluse dans la Prestation Ségur "
			        "pendant 6 ans)",
			        "maintenance of the Ségur version billed to the client: \"%s\", %s "
			        "(corrective maintenance is part of the Prestation Ségur for 6 "
			        "years)",
			        sons__excerpt(e, l->label), sons__fmt_amount(e, l->client_cents));
		else if (l->cls == SONS_CLASS_IN && l->client_explicit)
			sons__emit(e, "SONS-R001", &l->loc, l->label,
			           "« %s » relève de la Prestation Ségur mais laisse %s à la "
			           "charge du "
			           "client (attendu : 0 €)",
			           "\"%s\" is part of the Prestation Ségur but leaves %s to the "
			           "client "
			           "(expected: 0)",
			           sons__excerpt(e, l->label),
			           sons__fmt_amount(e, l->client_cents));
		else if (l->cls == SONS_CLASS_AMBIG || l->cls == SONS_CLASS_UNKNOWN)
			sons__emit(
			        e, "SONS-R004", &l->loc, l->label,
			        "« %s » (%s à la charge du client) : impossible de dire si cette "
			        "prestation relève du périmètre Ségur ; demandez à l'éditeur de la "
			        "justifier",
			        "\"%s\" (%s billed to the client): cannot tell whether it is "
			        "inside "
			        "the Ségur perimeter; ask the editor to justify it",
			        sons__excerpt(e, l->label), sons__fmt_amount(e, l->client_cents));
	}
	r002(e);
}
