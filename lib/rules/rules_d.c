/* SPDX-License-Identifier: MIT */
/* D — reading and understanding. SONS-D001 is emitted where reading fails
 * (check.c) and SONS-D005 by the rules that lack data. */
#include "rules/eval.h"

/* Priced lines; a BDC may give only the State amount (domain.md §C.2). */
static int priced(const sons_model *m)
{
	for (size_t i = 0; i < m->nlines; i++)
		if (m->lines[i].kind == SONS_LINE_ITEM ||
		    (m->kind == SONS_KIND_BDC && m->lines[i].kind == SONS_LINE_STATE))
			return 1;
	return 0;
}

void sons__rules_d(sons_eval *e)
{
	const sons_model *m = e->m;
	if (!m->kind_detected)
		sons__emit(
		        e, "SONS-D003", NULL, NULL,
		        "nature du document non établie : ni titre ni mention « devis », « bon de "
		        "commande », « mise en ordre de marche » ou « vérification d'aptitude » ; "
		        "contrôlé comme un devis (précisez --kind si c'est un autre document)",
		        "document kind not established: no title or mention of a quote (devis), "
		        "purchase order (bon de commande), MOM or VA; checked as a quote (use "
		        "--kind "
		        "if it is another document)");
	if ((m->kind == SONS_KIND_DEVIS || m->kind == SONS_KIND_BDC) && !priced(m))
		sons__emit(
		        e, "SONS-D002", NULL, NULL,
		        "aucune ligne chiffrée trouvée : pas de tableau avec des colonnes "
		        "reconnaissables (désignation, quantité, prix, montant) ni de ligne « "
		        "libellé … montant € » ; le document ne peut pas être contrôlé",
		        "no priced line found: no table with recognisable columns (description, "
		        "quantity, price, amount) nor any \"label … amount €\" line; the document "
		        "cannot be checked");
	size_t n = sons__doc_skip_count(e->doc);
	for (size_t i = 0; i < n; i++) {
		const sons_skip *s = sons__doc_skip(e->doc, i);
		sons__emit(e, "SONS-D004", NULL, NULL, "partie ignorée : %s", "part skipped: %s",
		           e->lang == SONS_LANG_EN ? s->what_en : s->what_fr);
	}
}
