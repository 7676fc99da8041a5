/* SPDX-License-Identifier: MIT */
/* L — line structure (seed 004 « Pratiques non conformes », « Bonnes
 * pratiques »). */
#include <stdlib.h>
#include <string.h>

#include "rules/eval.h"

static int popcount(unsigned v)
{
	int n = 0;
	for (; v; v &= v - 1)
		n++;
	return n;
}

static void l001(sons_eval *e, const sons_line *l)
{
	if (popcount(l->dsr_mask) < 2 &&
	    !sons__matches(e, e->ref->pat[SP_MULTI_COULOIR], l->folded))
		return;
	sons__emit(e, "SONS-L001", &l->loc, l->label,
	           "« %s » mélange plusieurs DSR ou couloirs sur une même ligne : une ligne par "
	           "DSR",
	           "\"%s\" mixes several DSRs or couloirs on one line: one line per DSR",
	           sons__excerpt(e, l->label));
}

static void l002(sons_eval *e)
{
	const sons_model *m = e->m;
	int out_items = 0;
	const sons_line *first_out = NULL;
	for (size_t i = 0; i < m->nlines; i++) {
		const sons_line *l = &m->lines[i];
		if (l->kind != SONS_LINE_ITEM)
			continue;
		if (l->cls == SONS_CLASS_MIXED)
			sons__emit(e, "SONS-L002", &l->loc, l->label,
			           "« %s » mêle sur une seule ligne des prestations du périmètre "
			           "Ségur "
			           "et des prestations hors périmètre : séparez-les",
			           "\"%s\" mixes Ségur-perimeter and out-of-perimeter items on one "
			           "line: split them",
			           sons__excerpt(e, l->label));
		if (l->cls == SONS_CLASS_OUT || l->cls == SONS_CLASS_MIXED) {
			out_items++;
			if (!first_out)
				first_out = l;
		}
	}
	if (out_items && !m->has_state_column && !m->has_client_column && !m->has_sections)
		sons__emit(
		        e, "SONS-L002", &first_out->loc, first_out->label,
		        "le devis mêle dans une même liste des prestations prises en charge par "
		        "l'État et %d prestation(s) hors périmètre, sans colonne « prise en charge "
		        "État / reste à charge » ni section « Prestation Ségur / Hors Ségur »",
		        "the quote lists State-funded and %d out-of-perimeter item(s) together, "
		        "with no \"State / client\" column nor \"Prestation Ségur / Hors Ségur\" "
		        "section",
		        out_items);
}

static void l003_l006(sons_eval *e, const sons_line *l)
{
	const sons_model *m = e->m;
	if (!l->catchup)
		return;
	if (l->catchup_bundled) {
		sons__emit(
		        e, "SONS-L003", &l->loc, l->label,
		        "le rattrapage de version partage la ligne « %s » avec d'autres "
		        "prestations : il doit figurer sur une ligne distincte",
		        "the version catch-up shares the line \"%s\" with other items: it must be "
		        "on a line of its own",
		        sons__excerpt(e, l->label));
		return;
	}
	if (l->client_cents <= 0)
		return;
	/* L006 needs the client's current version; without it, the catch-up
	 * must at least be justified (L003), and D005 says L006 was not
	 * evaluated. */
	if (!m->client_version)
		sons__unevaluated(e, "SONS-L006",
		                  "rattrapage facturé mais version actuelle du client non indiquée",
		                  "catch-up billed but the client's current version is not stated");
	if (!m->has_catchup_justification) {
		sons__emit(
		        e, "SONS-L003", &l->loc, l->label,
		        "rattrapage de version facturé (%s) sans justification : l'éditeur doit "
		        "dire pourquoi la version actuelle du client ne permet pas la mise à jour "
		        "Ségur sans reste à charge",
		        "version catch-up billed (%s) without justification: the editor must say "
		        "why the client's current version cannot take the Ségur update at no cost",
		        sons__fmt_amount(e, l->client_cents));
		return;
	}
	if (!m->client_version || !m->nversions)
		return;
	const sons_version_entry *min = NULL;
	for (size_t i = 0; i < m->nversions; i++)
		if (!min || sons__version_cmp(m->versions[i].version, min->version) < 0)
			min = &m->versions[i];
	if (sons__version_cmp(m->client_version, min->version) >= 0)
		sons__emit(
		        e, "SONS-L006", &l->loc, l->label,
		        "rattrapage facturé %s alors que la version du client (%s) est dans la "
		        "liste des versions garanties sans reste à charge (à partir de la %s)",
		        "catch-up billed %s although the client's version (%s) is in the list of "
		        "versions guaranteed with no remaining cost (from %s on)",
		        sons__fmt_amount(e, l->client_cents), m->client_version, min->version);
}

static const char *fmt_qty(sons_eval *e, int64_t milli)
{
	const char *s =
	        milli % 1000
	                ? sons__arena_printf(e->arena, "%lld%s%03lld", (long long)(milli / 1000),
	                                     e->lang == SONS_LANG_EN ? "." : ",",
	                                     (long long)(llabs(milli) % 1000))
	                : sons__arena_printf(e->arena, "%lld", (long long)(milli / 1000));
	return s ? s : "";
}

/* Arithmetic: quantity × unit price, HT × VAT, subtotals and totals. */
static void l004(sons_eval *e)
{
	const sons_model *m = e->m;
	int64_t since = 0, all = 0, st_amount = 0, client = 0, in = 0, out = 0;
	int nsince = 0, nall = 0, has_state = 0;
	for (size_t i = 0; i < m->nlines; i++) {
		const sons_line *l = &m->lines[i];
		if (l->kind == SONS_LINE_ITEM) {
			if (l->has_qty && l->unit.present && l->total_ht.present) {
				int64_t want = l->unit.cents * l->qty_milli / 1000;
				/* A « Remise » column explains a lower total. */
				if (l->has_discount && l->discount.present)
					want -= l->discount.cents < 0 ? -l->discount.cents
					                              : l->discount.cents;
				else if (l->has_discount)
					want = (want * (10000 - l->discount_bp) + 5000) / 10000;
				if (llabs(want - l->total_ht.cents) > 1)
					sons__emit(
					        e, "SONS-L004", &l->loc, l->label,
					        "« %s » : %s × %s = %s, mais le total indiqué est "
					        "%s",
					        "\"%s\": %s × %s = %s, but the total shown is %s",
					        sons__excerpt(e, l->label),
					        fmt_qty(e, l->qty_milli),
					        sons__fmt_amount(e, l->unit.cents),
					        sons__fmt_amount(e, want),
					        sons__fmt_amount(e, l->total_ht.cents));
			}
			if (l->has_vat && l->total_ht.present && l->total_ttc.present) {
				int64_t ht = l->total_ht.cents;
				int64_t want =
				        ht + (ht * l->vat_bp + (ht >= 0 ? 5000 : -5000)) / 10000;
				if (llabs(want - l->total_ttc.cents) > 1)
					sons__emit(e, "SONS-L004", &l->loc, l->label,
					           "« %s » : %s HT avec une TVA de %d,%02d %% font "
					           "%s TTC, "
					           "pas %s",
					           "\"%s\": %s net with %d.%02d %% VAT makes %s, "
					           "not %s",
					           sons__excerpt(e, l->label),
					           sons__fmt_amount(e, ht), l->vat_bp / 100,
					           l->vat_bp % 100, sons__fmt_amount(e, want),
					           sons__fmt_amount(e, l->total_ttc.cents));
			}
			int64_t t = sons__line_total(l);
			since += t;
			all += t;
			nsince++;
			nall++;
			client += l->client_cents;
			if (l->cls == SONS_CLASS_IN || l->section == SONS_SECTION_SEGUR)
				in += t;
			else
				out += t;
			continue;
		}
		if (l->kind == SONS_LINE_STATE && (l->total_ht.present || l->total_ttc.present)) {
			int64_t v = l->total_ht.present ? l->total_ht.cents : l->total_ttc.cents;
			st_amount = v < 0 ? -v : v;
			has_state = 1;
			continue;
		}
		if (l->kind != SONS_LINE_SUBTOTAL && l->kind != SONS_LINE_TOTAL)
			continue;
		if (!l->total_ht.present || !nall) {
			if (l->kind == SONS_LINE_SUBTOTAL) {
				since = 0;
				nsince = 0;
			}
			continue;
		}
		int64_t v = l->total_ht.cents;
		int ttc_label = strstr(l->folded, "ttc") != NULL;
		int64_t cands[8] = { since, all, all - st_amount, client,
			             in,    out, st_amount,       all + st_amount };
		int ok = 0;
		for (int c = 0; c < 8 && !ok; c++) {
			int64_t x = cands[c];
			if (c >= 6 && !has_state)
				continue;
			if (llabs(llabs(v) - llabs(x)) <= nall)
				ok = 1;
			/* TTC totals: the same sums with VAT (20 % unless the lines say). */
			int64_t xt = x + (x * 2000 + (x >= 0 ? 5000 : -5000)) / 10000;
			if (ttc_label && llabs(llabs(v) - llabs(xt)) <= nall + 2)
				ok = 1;
			if (!ttc_label && llabs(llabs(v) - llabs(xt)) <= nall + 2)
				ok = 1; /* a "Total" that is in fact TTC */
		}
		/* Totals of TTC columns are compared with the TTC sums. */
		if (!ok) {
			int64_t ttc_sum = 0;
			int any = 0;
			for (size_t k = 0; k < i; k++)
				if (m->lines[k].kind == SONS_LINE_ITEM &&
				    m->lines[k].total_ttc.present) {
					ttc_sum += m->lines[k].total_ttc.cents;
					any = 1;
				}
			if (any && llabs(llabs(v) - llabs(ttc_sum)) <= nall)
				ok = 1;
		}
		if (!ok)
			sons__emit(
			        e, "SONS-L004", &l->loc, l->label,
			        "« %s » indique %s, qui ne correspond pas à la somme des lignes "
			        "(%s)",
			        "\"%s\" shows %s, which is not the sum of the lines (%s)",
			        sons__excerpt(e, l->label), sons__fmt_amount(e, v),
			        sons__fmt_amount(e, l->kind == SONS_LINE_SUBTOTAL ? since : all));
		if (l->kind == SONS_LINE_SUBTOTAL) {
			since = 0;
			nsince = 0;
		}
	}
	(void)nsince;
}

void sons__rules_l(sons_eval *e)
{
	const sons_model *m = e->m;
	if (e->kind != SONS_KIND_DEVIS && e->kind != SONS_KIND_BDC)
		return;
	for (size_t i = 0; i < m->nlines; i++) {
		const sons_line *l = &m->lines[i];
		if (l->kind != SONS_LINE_ITEM)
			continue;
		l001(e, l);
		l003_l006(e, l);
		if ((l->cls == SONS_CLASS_OUT) && l->client_cents > 0)
			sons__emit(e, "SONS-L005", &l->loc, l->label,
			           "hors périmètre Ségur, facturé au client : « %s », %s",
			           "outside the Ségur perimeter, billed to the client: \"%s\", %s",
			           sons__excerpt(e, l->label),
			           sons__fmt_amount(e, l->client_cents));
	}
	l002(e);
	l004(e);
}
