/* SPDX-License-Identifier: MIT */
/* C — conditions and funding: the Prestation Ségur is autonomous. */
#include <string.h>

#include "rules/eval.h"

/* Finds `re` in the unit, unless the clause that holds it is negative
 * (« elle n'est conditionnée ni à … », « sans engagement », « ne tient
 * compte d'aucun autre dispositif »): looks for the referential's
 * negation words in the clause, from its start to the end of the match. */
static int affirmed(const sons_eval *e, const sons_re *re, const char *f)
{
	size_t len = strlen(f), from = 0, s, end;
	while (sons__re_find(re, e->md, f, len, from, &s, &end)) {
		size_t c = s;
		while (c > 0 && f[c - 1] != '.' && f[c - 1] != ';' && f[c - 1] != '|')
			c--;
		if (!sons__re_find(e->ref->pat[SP_NEGATION], e->md, f, end, c, NULL, NULL))
			return 1;
		from = end > from ? end : from + 1;
	}
	return 0;
}

/* The priced line read from the same table row, if any. */
static const sons_line *line_of(const sons_model *m, const sons_text *t)
{
	if (!t->loc.row)
		return NULL;
	for (size_t k = 0; k < m->nlines; k++) {
		const sons_line *l = &m->lines[k];
		if (l->block == t->block && l->loc.row == t->loc.row)
			return l;
	}
	return NULL;
}

void sons__rules_c(sons_eval *e)
{
	const sons_model *m = e->m;
	for (size_t i = 0; i < m->ntexts; i++) {
		const sons_text *t = &m->texts[i];
		if (affirmed(e, e->ref->pat[SP_COND_MODULES], t->folded))
			sons__emit(
			        e, "SONS-C001", &t->loc, t->text,
			        "la Prestation Ségur est conditionnée à l'achat de modules ou "
			        "d'options : elle doit être autonome (AF §4.5)",
			        "the Prestation Ségur is conditioned on buying modules or options: "
			        "it must stand alone (AF §4.5)");
		if (affirmed(e, e->ref->pat[SP_COND_ENGAGEMENT], t->folded))
			sons__emit(
			        e, "SONS-C002", &t->loc, t->text,
			        "engagement contractuel (durée, renouvellement, reconduction) lié "
			        "à la Prestation Ségur : elle ne peut être conditionnée à un "
			        "réengagement du client (AF §4.5)",
			        "contractual commitment (term, renewal) tied to the Prestation "
			        "Ségur: it cannot be conditioned on the client's re-engagement "
			        "(AF §4.5)");
		if (affirmed(e, e->ref->pat[SP_OTHER_FUNDING], t->folded) &&
		    (line_of(m, t) ||
		     sons__matches(e, e->ref->pat[SP_OTHER_FUNDING_USE], t->folded)))
			sons__emit(
			        e, "SONS-C003", &t->loc, t->text,
			        "le devis s'appuie sur un autre dispositif de financement (SUN-ES, "
			        "ESMS numérique, HOP'EN…) : un éditeur ne peut pas s'en servir "
			        "pour "
			        "établir un devis SONS",
			        "the quote relies on another funding scheme (SUN-ES, ESMS "
			        "numérique, "
			        "HOP'EN…): an editor cannot use it to build a SONS quote");
	}
}
