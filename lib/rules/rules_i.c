/* SPDX-License-Identifier: MIT */
/* I — identifiers: FINESS, SIRET/SIREN, VAT numbers. */
#include <string.h>

#include "rules/eval.h"

void sons__rules_i(sons_eval *e)
{
	const sons_model *m = e->m;
	int juridique = 0, site = 0;
	const sons_ident *first_j = NULL;
	for (size_t i = 0; i < m->nidents; i++) {
		const sons_ident *id = &m->idents[i];
		int st;
		switch (id->type) {
		case SONS_IDT_FINESS:
			st = sons__finess_check(id->compact);
			if (id->finess_kind == SONS_FINESS_JURIDIQUE) {
				juridique = 1;
				if (!first_j)
					first_j = id;
			} else {
				site = 1;
			}
			if (st == SONS_ID_EIGHT)
				sons__emit(
				        e, "SONS-I001", &id->loc, id->raw,
				        "FINESS « %s » à 8 chiffres : un FINESS en a 9 ; le 0 "
				        "initial (départements 01 à 09) a sans doute été perdu par "
				        "un "
				        "tableur — « 0%s » ?",
				        "FINESS \"%s\" has 8 digits: a FINESS has 9; the leading 0 "
				        "(départements 01 to 09) was probably lost by a "
				        "spreadsheet — "
				        "\"0%s\"?",
				        id->compact, id->compact);
			else if (st == SONS_ID_BAD_KEY)
				sons__emit(
				        e, "SONS-I001", &id->loc, id->raw,
				        "FINESS « %s » : clé de contrôle incorrecte (Luhn sur les "
				        "9 "
				        "chiffres)",
				        "FINESS \"%s\": wrong check key (Luhn over the 9 digits)",
				        id->compact);
			else if (st != SONS_ID_OK && st != SONS_ID_SHAPE_ONLY)
				sons__emit(e, "SONS-I001", &id->loc, id->raw,
				           "FINESS « %s » mal formé : 9 caractères attendus "
				           "(chiffres, "
				           "ou 2A/2B pour la Corse)",
				           "FINESS \"%s\" malformed: 9 characters expected "
				           "(digits, or "
				           "2A/2B for Corsica)",
				           id->compact);
			break;
		case SONS_IDT_SIRET:
			if (id->role == SONS_ROLE_CLIENT)
				site = 1;
			st = sons__siret_check(id->compact);
			if (st == SONS_ID_BAD_KEY)
				sons__emit(e, "SONS-I002", &id->loc, id->raw,
				           "SIRET « %s » : clé de contrôle incorrecte",
				           "SIRET \"%s\": wrong check key", id->compact);
			else if (st != SONS_ID_OK)
				sons__emit(
				        e, "SONS-I002", &id->loc, id->raw,
				        "SIRET « %s » mal formé : 14 chiffres attendus (%zu lus)",
				        "SIRET \"%s\" malformed: 14 digits expected (%zu read)",
				        id->compact, strlen(id->compact));
			break;
		case SONS_IDT_SIREN:
			st = sons__siren_check(id->compact);
			if (st != SONS_ID_OK)
				sons__emit(e, "SONS-I002", &id->loc, id->raw, "SIREN « %s » : %s",
				           "SIREN \"%s\": %s", id->compact,
				           st == SONS_ID_BAD_KEY
				                   ? (e->lang == SONS_LANG_EN
				                              ? "wrong check key"
				                              : "clé de contrôle incorrecte")
				                   : (e->lang == SONS_LANG_EN
				                              ? "9 digits expected"
				                              : "9 chiffres attendus"));
			break;
		case SONS_IDT_TVA: {
			int expected = -1;
			st = sons__tva_check(id->compact, &expected);
			if (st == SONS_ID_BAD_KEY)
				sons__emit(e, "SONS-I004", &id->loc, id->raw,
				           "TVA intracommunautaire « %s » : la clé ne correspond "
				           "pas au "
				           "SIREN %.9s (clé attendue %02d)",
				           "VAT number \"%s\": the key does not match SIREN %.9s "
				           "(expected "
				           "key %02d)",
				           id->compact, id->compact + 4, expected);
			else if (st != SONS_ID_OK && st != SONS_ID_SHAPE_ONLY)
				sons__emit(
				        e, "SONS-I004", &id->loc, id->raw,
				        "TVA intracommunautaire « %s » mal formée : FR + 2 "
				        "caractères "
				        "+ SIREN (9 chiffres) attendus",
				        "VAT number \"%s\" malformed: FR + 2 characters + SIREN (9 "
				        "digits) expected",
				        id->compact);
			break;
		}
		}
	}
	if (juridique && !site)
		sons__emit(e, "SONS-I003", &first_j->loc, first_j->raw,
		           "seul le FINESS juridique %s est donné : le financement se compte par "
		           "établissement, identifié par son FINESS géographique ou son SIRET",
		           "only the legal-entity FINESS %s is given: funding counts per "
		           "establishment, identified by its site FINESS or its SIRET",
		           first_j->compact);
}
