/* SPDX-License-Identifier: MIT */
/* T — dates and deadlines (seed 004 calendar, domain.md §A.7 and §B.2).
 * The deadlines are the referential's; a document states its vague or is
 * given the latest vague already open at its date. */
#include <string.h>

#include "rules/eval.h"

const sons_date *sons__doc_date(const sons_model *m)
{
	return m->has_kind_date ? &m->kind_date : NULL;
}

const char *sons__fmt_date(sons_eval *e, const sons_date *d)
{
	const char *s;
	if (e->lang == SONS_LANG_EN)
		s = d->hour >= 0 ? sons__arena_printf(e->arena, "%04d-%02d-%02d %02d:%02d", d->y,
		                                      d->m, d->d, d->hour, d->minute)
		                 : sons__arena_printf(e->arena, "%04d-%02d-%02d", d->y, d->m, d->d);
	else
		s = d->hour >= 0 ? sons__arena_printf(e->arena, "%02d/%02d/%04d à %02dh%02d", d->d,
		                                      d->m, d->y, d->hour, d->minute)
		                 : sons__arena_printf(e->arena, "%02d/%02d/%04d", d->d, d->m, d->y);
	if (!s)
		e->oom = 1;
	return s ? s : "";
}

const sons_deadline *sons__deadline_for(const sons_ref *ref, const char *dsr, int vague,
                                        const sons_date *when, int *assumed)
{
	const sons_deadline *best = NULL, *lowest = NULL;
	*assumed = 0;
	for (int i = 0; i < ref->ndeadlines; i++) {
		const sons_deadline *d = &ref->deadlines[i];
		if (strcmp(d->dsr, dsr) != 0)
			continue;
		if (vague) {
			if (d->vague == vague)
				return d;
			continue;
		}
		if (!lowest || d->vague < lowest->vague)
			lowest = d;
		if (when && d->has_opens && sons__date_cmp(&d->opens, when) > 0)
			continue; /* not open yet at that date */
		if (!best || d->vague > best->vague)
			best = d;
	}
	if (vague)
		return NULL;
	*assumed = 1;
	return best ? best : lowest;
}

/* « DUI, vague 1 » / « DUI, vague 1 (supposée) ». */
static const char *which(sons_eval *e, const sons_deadline *d, int assumed)
{
	const char *s = sons__arena_printf(
	        e->arena, e->lang == SONS_LANG_EN ? "%s, wave %d%s" : "%s, vague %d%s", d->dsr,
	        d->vague,
	        assumed ? (e->lang == SONS_LANG_EN ? " (assumed from the date)"
	                                           : " (déduite de la date)")
	                : "");
	if (!s)
		e->oom = 1;
	return s ? s : "";
}

static int is_asp(sons_kind k)
{
	return k == SONS_KIND_BDC || k == SONS_KIND_MOM || k == SONS_KIND_VA;
}

/* T005: the date the rules need is missing or impossible. */
static int t005(sons_eval *e)
{
	const sons_model *m = e->m;
	if (sons__doc_date(m))
		return 0;
	const char *what_fr = e->kind == SONS_KIND_BDC   ? "la date de la commande"
	                      : e->kind == SONS_KIND_MOM ? "la date de mise en ordre de marche"
	                                                 : "la date de la vérification d'aptitude";
	const char *what_en = e->kind == SONS_KIND_BDC   ? "the order date"
	                      : e->kind == SONS_KIND_MOM ? "the date of the MOM"
	                                                 : "the date of the VA";
	if (m->kind_date_invalid)
		sons__emit(
		        e, "SONS-T005", &m->kind_date_loc, m->kind_date_text,
		        "%s est illisible ou impossible : les délais ne peuvent pas être vérifiés",
		        "%s cannot be read or is impossible: the deadlines cannot be checked",
		        e->lang == SONS_LANG_EN ? what_en : what_fr);
	else
		sons__emit(e, "SONS-T005", NULL, NULL,
		           "%s n'est pas indiquée : les délais ne peuvent pas être vérifiés",
		           "%s is not given: the deadlines cannot be checked",
		           e->lang == SONS_LANG_EN ? what_en : what_fr);
	return 1;
}

static void t001(sons_eval *e, int code_index)
{
	const sons_model *m = e->m;
	const char *code = e->ref->dsr[code_index].code;
	const sons_date *when = sons__doc_date(m);
	int assumed;
	if (e->kind == SONS_KIND_BDC) {
		const sons_deadline *d = sons__deadline_for(e->ref, code, m->vague, when, &assumed);
		if (!d || !d->has_order || sons__date_cmp(when, &d->order) <= 0)
			return;
		sons__emit(
		        e, "SONS-T001", &m->kind_date_loc, NULL,
		        "commande datée du %s, après la date limite de commande du %s (%s) : elle "
		        "n'ouvre pas droit au financement",
		        "order dated %s, after the order deadline of %s (%s): it cannot be funded",
		        sons__fmt_date(e, when), sons__fmt_date(e, &d->order),
		        which(e, d, assumed));
		return;
	}
	/* A quote is judged at its date, and at today's: it can only be
	 * signed from now on. */
	const sons_date *at = when ? when : &e->today;
	const sons_deadline *d = sons__deadline_for(e->ref, code, m->vague, at, &assumed);
	if (!d || !d->has_order)
		return;
	if (when && sons__date_cmp(when, &d->order) > 0)
		sons__emit(
		        e, "SONS-T001", &m->kind_date_loc, NULL,
		        "devis daté du %s, après la date limite de commande du %s (%s) : la "
		        "commande ne pourra pas être financée",
		        "quote dated %s, after the order deadline of %s (%s): the order cannot be "
		        "funded",
		        sons__fmt_date(e, when), sons__fmt_date(e, &d->order),
		        which(e, d, assumed));
	else if (sons__date_cmp(&e->today, &d->order) > 0)
		sons__emit(e, "SONS-T001", when ? &m->kind_date_loc : NULL, NULL,
		           "la date limite de commande du %s (%s) est passée au %s : un bon de "
		           "commande signé maintenant ne serait plus financé",
		           "the order deadline of %s (%s) has passed on %s: an order signed now "
		           "would no longer be funded",
		           sons__fmt_date(e, &d->order), which(e, d, assumed),
		           sons__fmt_date(e, &e->today));
}

static void t003(sons_eval *e, int code_index)
{
	const sons_model *m = e->m;
	const sons_date *when = sons__doc_date(m);
	int assumed;
	const sons_deadline *d =
	        sons__deadline_for(e->ref, e->ref->dsr[code_index].code, m->vague, when, &assumed);
	if (!d)
		return;
	const char *doc_fr =
	        e->kind == SONS_KIND_MOM ? "mise en ordre de marche" : "vérification d'aptitude";
	const char *doc_en = e->kind == SONS_KIND_MOM ? "MOM" : "VA";
	if (d->has_install && sons__date_cmp(when, &d->install) > 0)
		sons__emit(e, "SONS-T003", &m->kind_date_loc, NULL,
		           "%s datée du %s, après la date limite d'installation du %s (%s)",
		           "%s dated %s, after the installation deadline of %s (%s)",
		           e->lang == SONS_LANG_EN ? doc_en : doc_fr, sons__fmt_date(e, when),
		           sons__fmt_date(e, &d->install), which(e, d, assumed));
	else if (d->has_close && sons__date_cmp(when, &d->close) > 0)
		sons__emit(e, "SONS-T003", &m->kind_date_loc, NULL,
		           "%s datée du %s, après la date limite de demande de solde du %s (%s)",
		           "%s dated %s, after the balance deadline of %s (%s)",
		           e->lang == SONS_LANG_EN ? doc_en : doc_fr, sons__fmt_date(e, when),
		           sons__fmt_date(e, &d->close), which(e, d, assumed));
}

/* T002 within one document: a pre-referencing order and the date its
 * proof dossier was sent. */
static void t002(sons_eval *e)
{
	const sons_model *m = e->m;
	const sons_date *when = sons__doc_date(m);
	if (e->kind != SONS_KIND_BDC || !when || !m->has_proof_date ||
	    !(m->prereferencing || m->has_ref_condition))
		return;
	int64_t days = sons__date_days(&m->proof_date) - sons__date_days(when);
	if (days > e->ref->params.preref_window_days)
		sons__emit(
		        e, "SONS-T002", &m->proof_loc, NULL,
		        "commande antérieure au référencement du %s, %lld jours avant le dépôt du "
		        "dossier de preuves complet (%s) : au-delà de %d jours",
		        "pre-referencing order of %s, %lld days before the complete proof dossier "
		        "(%s): more than %d days",
		        sons__fmt_date(e, when), (long long)days, sons__fmt_date(e, &m->proof_date),
		        e->ref->params.preref_window_days);
}

void sons__rules_t(sons_eval *e)
{
	const sons_model *m = e->m;
	if (e->kind != SONS_KIND_DEVIS && !is_asp(e->kind))
		return;
	if (is_asp(e->kind) && t005(e))
		return;
	for (int d = 0; d < e->ref->ndsr; d++) {
		if (!(m->dsr_mask & (1u << d)))
			continue;
		if (e->kind == SONS_KIND_BDC || e->kind == SONS_KIND_DEVIS)
			t001(e, d);
		else
			t003(e, d);
	}
	t002(e);
}
