/* SPDX-License-Identifier: MIT */
/* M — mandatory mentions (seed 004 « Obligations réglementaires »). */
#include <string.h>

#include "rules/eval.h"

static int priced_kind(const sons_eval *e)
{
	return e->kind == SONS_KIND_DEVIS || e->kind == SONS_KIND_BDC;
}

/* Priced lines, or for a BDC at least the State amount: an order may
 * state only the Prestation Ségur (domain.md §C.2). */
static int has_items(const sons_model *m)
{
	for (size_t i = 0; i < m->nlines; i++)
		if (m->lines[i].kind == SONS_LINE_ITEM ||
		    (m->kind == SONS_KIND_BDC && m->lines[i].kind == SONS_LINE_STATE))
			return 1;
	return 0;
}

static void m001_m006(sons_eval *e)
{
	const sons_model *m = e->m;
	const sons_line *official = NULL, *loose = NULL;
	for (size_t i = 0; i < m->nlines; i++) {
		const sons_line *l = &m->lines[i];
		if (l->kind != SONS_LINE_STATE)
			continue;
		if (l->state_wording >= 0 &&
		    (!official || (!official->total_ht.present &&
		                   (l->total_ht.present || l->total_ttc.present))))
			official = l;
		else if (l->state_wording < 0 && !loose)
			loose = l;
	}
	const sons_line *s = official ? official : loose;
	if (!official && loose)
		sons__emit(
		        e, "SONS-M001", &loose->loc, loose->label,
		        "la mention officielle manque : « %s » n'est pas l'un des libellés "
		        "attendus (« Montant de la Prestation Ségur pris en charge par l'État au "
		        "titre du Ségur » ou « Montant pris en charge par l'Etat au titre du Ségur "
		        "de la santé »)",
		        "the official wording is missing: \"%s\" is not one of the expected "
		        "wordings (« Montant de la Prestation Ségur pris en charge par l'État au "
		        "titre du Ségur » or « Montant pris en charge par l'Etat au titre du Ségur "
		        "de la santé »)",
		        sons__excerpt(e, loose->label));
	else if (!s)
		sons__emit(
		        e, "SONS-M001", NULL, NULL,
		        "aucune ligne distincte « Montant de la Prestation Ségur pris en charge "
		        "par l'État au titre du Ségur » (ou « Montant pris en charge par l'Etat au "
		        "titre du Ségur de la santé ») avec son montant",
		        "no distinct line « Montant de la Prestation Ségur pris en charge par "
		        "l'État au titre du Ségur » (or « Montant pris en charge par l'Etat au "
		        "titre du Ségur de la santé ») with its amount");
	if (!s)
		return;
	int amount = s->total_ht.present || s->total_ttc.present || s->state.present ||
	             s->client.present;
	int64_t v = s->total_ht.present    ? s->total_ht.cents
	            : s->total_ttc.present ? s->total_ttc.cents
	            : s->state.present     ? s->state.cents
	                                   : 0;
	if (s->zero_word || (amount && v == 0)) {
		sons__emit(e, "SONS-M006", &s->loc, s->label,
		           "le montant pris en charge par l'État est nul ou n'est pas un montant "
		           "(« %s ») : l'ASP rejette une Prestation Ségur de 0 €",
		           "the State-funded amount is zero or not an amount (\"%s\"): the ASP "
		           "rejects a Prestation Ségur of 0 €",
		           s->total_ht.text    ? sons__excerpt(e, s->total_ht.text)
		           : s->total_ttc.text ? sons__excerpt(e, s->total_ttc.text)
		                               : sons__excerpt(e, s->label));
		return;
	}
	if (!amount && official)
		sons__emit(e, "SONS-M001", &s->loc, s->label,
		           "la mention « %s » est présente mais sans montant",
		           "the wording \"%s\" is present but carries no amount",
		           e->ref->wordings[s->state_wording].name);
}

static void m002(sons_eval *e)
{
	const sons_model *m = e->m;
	if (!m->dsr_mask) {
		sons__unevaluated(
		        e, "SONS-M002",
		        "DSR non identifié : impossible de savoir si la liste des versions "
		        "est obligatoire",
		        "DSR not identified: cannot tell whether the version list is "
		        "mandatory");
		return;
	}
	const char *code = NULL;
	for (int d = 0; d < e->ref->ndsr; d++)
		if ((m->dsr_mask & (1u << d)) && e->ref->dsr[d].version_list_required)
			code = e->ref->dsr[d].code;
	if (!code)
		return;
	if (!m->has_version_list || m->nversions == 0) {
		sons__emit(
		        e, "SONS-M002", m->has_version_list ? &m->version_list_loc : NULL, NULL,
		        "DSR %s : la liste des versions logicielles à partir desquelles la mise à "
		        "jour Ségur est garantie sans reste à charge, avec leurs dates de mise sur "
		        "le marché, %s",
		        "DSR %s: the list of software versions from which the Ségur update is "
		        "guaranteed with no remaining cost, with their release dates, %s",
		        code,
		        m->has_version_list
		                ? (e->lang == SONS_LANG_EN ? "is announced but lists no version"
		                                           : "est annoncée mais ne cite aucune "
		                                             "version")
		                : (e->lang == SONS_LANG_EN ? "is missing" : "est absente"));
		return;
	}
	for (size_t i = 0; i < m->nversions; i++) {
		const sons_version_entry *v = &m->versions[i];
		if (v->date_status == SONS_DATE_OK)
			continue;
		sons__emit(e, "SONS-M002", &v->loc, v->text, "version %s de la liste : %s",
		           "version %s of the list: %s", v->version,
		           v->date_status == SONS_DATE_INVALID
		                   ? (e->lang == SONS_LANG_EN
		                              ? "its release date is not a valid date"
		                              : "sa date de mise sur le marché n'est "
		                                "pas une date valide")
		                   : (e->lang == SONS_LANG_EN ? "no release date"
		                                              : "sans date de mise sur le marché"));
	}
}

static void m003(sons_eval *e)
{
	const sons_model *m = e->m;
	if (m->has_ref_condition)
		return;
	if (m->prereferencing) {
		sons__emit(
		        e, "SONS-M003", &m->ref_loc, NULL,
		        "la solution n'est pas encore référencée mais le document ne porte pas la "
		        "condition spécifique (« sous condition de référencement », AF §6.1)",
		        "the solution is not referenced yet but the document lacks the specific "
		        "condition (« sous condition de référencement », AF §6.1)");
		return;
	}
	if (m->has_ref_date && m->has_date && sons__date_cmp(&m->date, &m->ref_date) < 0) {
		char d1[11], d2[11];
		sons__date_iso(d1, &m->date);
		sons__date_iso(d2, &m->ref_date);
		sons__emit(e, "SONS-M003", &m->ref_loc, NULL,
		           "document daté du %s, avant le référencement du %s, sans la condition "
		           "spécifique (« sous condition de référencement »)",
		           "document dated %s, before the referencing of %s, without the specific "
		           "condition (« sous condition de référencement »)",
		           d1, d2);
		return;
	}
	if (!m->referenced)
		sons__unevaluated(e, "SONS-M003",
		                  "le document ne dit pas si la solution est déjà référencée Ségur",
		                  "the document does not say whether the solution is already "
		                  "Ségur-referenced");
}

static void m004(sons_eval *e)
{
	const sons_model *m = e->m;
	const char *miss[3];
	int n = 0;
	int en = e->lang == SONS_LANG_EN;
	if (!m->dsr_mask)
		miss[n++] = en ? "the DSR (software function, couloir)"
		               : "le DSR (fonction logicielle, couloir)";
	if (!m->solution)
		miss[n++] =
		        en ? "the referenced solution's name" : "le nom de la solution référencée";
	if (!m->solution_version)
		miss[n++] = en ? "the referenced version" : "la version référencée";
	if (!n)
		return;
	sons__emit(e, "SONS-M004", NULL, NULL, "introuvable : %s%s%s%s%s", "not found: %s%s%s%s%s",
	           miss[0], n > 1 ? ", " : "", n > 1 ? miss[1] : "", n > 2 ? ", " : "",
	           n > 2 ? miss[2] : "");
}

static void m005(sons_eval *e)
{
	const sons_model *m = e->m;
	int editor = 0, fj = 0, site = 0, en = e->lang == SONS_LANG_EN;
	for (size_t i = 0; i < m->nidents; i++) {
		const sons_ident *id = &m->idents[i];
		if ((id->type == SONS_IDT_SIRET || id->type == SONS_IDT_SIREN) &&
		    id->role != SONS_ROLE_CLIENT)
			editor = 1;
		if (id->type == SONS_IDT_SIRET && id->role == SONS_ROLE_CLIENT)
			site = 1;
		if (id->type == SONS_IDT_FINESS) {
			if (id->finess_kind == SONS_FINESS_JURIDIQUE)
				fj = 1;
			else
				site = 1;
		}
	}
	sons_buf b = SONS_BUF_INIT;
	if (!editor)
		sons__buf_puts(&b, en ? "the editor's SIRET" : "le SIRET de l'éditeur");
	if (!fj) {
		if (b.len)
			sons__buf_puts(&b, ", ");
		sons__buf_puts(&b, en ? "the client's legal FINESS (FINESS juridique)"
		                      : "le FINESS juridique du client");
	}
	if (!site) {
		if (b.len)
			sons__buf_puts(&b, ", ");
		sons__buf_puts(&b,
		               en ? "the site FINESS (FINESS géographique) or SIRET of each "
		                    "establishment"
		                  : "le FINESS géographique ou le SIRET de chaque établissement");
	}
	if (b.len)
		sons__emit(e, "SONS-M005", NULL, NULL, "parties incomplètement identifiées : %s",
		           "parties not fully identified: %s", b.data);
	if (b.oom)
		e->oom = 1;
	sons__buf_free(&b);
}

void sons__rules_m(sons_eval *e)
{
	if (!priced_kind(e))
		return;
	if (!has_items(e->m))
		return; /* D002 says the document could not be understood */
	m001_m006(e);
	if (e->kind == SONS_KIND_DEVIS)
		m002(e); /* the version list is an obligation of the quote (AF §4.3) */
	m003(e);
	m004(e);
	m005(e);
}
