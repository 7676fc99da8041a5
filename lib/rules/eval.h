/* SPDX-License-Identifier: MIT */
/* What the rule families share: the evaluation state and how a rule emits
 * a finding. Rules read the model (and the referential); nothing else. */
#ifndef SONS_EVAL_H
#define SONS_EVAL_H

#include <stdarg.h>

#include "model/model.h"
#include "referential.h"

typedef struct sons_eval {
	const sons_model *m;
	const sons_doc *doc;
	const sons_ref *ref;
	sons_matcher *md;
	sons_lang lang;
	sons_kind kind;
	sons_arena *arena;
	sons_date today;
	sons_finding_int *f;
	size_t nf, capf;
	int oom;
	int key_rule_unevaluated; /* D005 on M001/R001/R002/L002: indetermine */
} sons_eval;

/* Emits a finding of `rule` (severity from the catalogue) with a message in
 * the evaluation's language; fr and en take the same arguments. */
void sons__emit(sons_eval *e, const char *rule, const sons_loc *loc, const char *evidence,
                const char *fr, const char *en, ...) SONS_PRINTF(5, 7) SONS_PRINTF(6, 7);

/* A finding of `rule` (severity from the catalogue) at loc, zeroed
 * otherwise; and a message in `lang` from fr/en formats and their
 * arguments, in the arena (NULL when out of memory). */
void sons__finding_init(sons_finding_int *f, const char *rule, const sons_loc *loc);
const char *sons__vmessage(sons_arena *a, sons_lang lang, const char *fr, const char *en,
                           va_list ap) SONS_PRINTF(3, 0) SONS_PRINTF(4, 0);

/* D005: `rule` could not be evaluated because `missing_fr/en` was not found. */
void sons__unevaluated(sons_eval *e, const char *rule, const char *missing_fr,
                       const char *missing_en);

/* Formats an amount into the arena, in the evaluation's language. */
const char *sons__fmt_amount(sons_eval *e, int64_t cents);
/* Short quoted excerpt of a label (max 80 characters) for messages. */
const char *sons__excerpt(sons_eval *e, const char *s);

/* Does `re` match anywhere in folded text s? */
int sons__matches(const sons_eval *e, const sons_re *re, const char *s);

/* The rule families. */
void sons__rules_d(sons_eval *e);
void sons__rules_m(sons_eval *e);
void sons__rules_r(sons_eval *e);
void sons__rules_l(sons_eval *e);
void sons__rules_c(sons_eval *e);
void sons__rules_i(sons_eval *e);

/* rules_r.c: the State line (an official wording first), its amount
 * (HT, else TTC with *ttc set), and the TTC of a part `ht` of line l. */
const sons_line *sons__state_line(const sons_model *m);
int64_t sons__state_amount(const sons_line *s, int *ttc);
int64_t sons__ttc_of(const sons_line *l, int64_t ht);

void sons__rules_t(sons_eval *e);
void sons__rules_p(sons_eval *e);
void sons__rules_x(sons_eval *e);

/* rules_t.c: the deadline entry of DSR `dsr` for a document dated `when`
 * (NULL: unknown) or of the vague it states (0: none); *assumed is set when
 * the vague was chosen by date. NULL when the referential has none. */
const sons_deadline *sons__deadline_for(const sons_ref *ref, const char *dsr, int vague,
                                        const sons_date *when, int *assumed);
/* The date the deadlines judge a document by (see model/asp.c), or NULL. */
const sons_date *sons__doc_date(const sons_model *m);
/* Formats a date (with its time when it has one) into the arena. */
const char *sons__fmt_date(sons_eval *e, const sons_date *d);

/* Compares version strings numerically ("4.10" > "4.9"). */
int sons__version_cmp(const char *a, const char *b);

/* model/asp.c: reads what ASP documents carry, from the model's text
 * units and the raw blocks. Returns 0, or -1 when out of memory. */
int sons__analyze_asp(sons_model *m, sons_doc *doc, const sons_ref *ref, sons_matcher *md);

/* model/analyze.c */
/* A line's total HT (else TTC, else quantity × unit price). */
int64_t sons__line_total(const sons_line *l);
sons_status sons__analyze(sons_model **out, sons_doc *doc, const sons_ref *ref, sons_matcher *md,
                          sons_kind forced);

#endif
