/* SPDX-License-Identifier: MIT */
/* What the rule families share: the evaluation state and how a rule emits
 * a finding. Rules read the model (and the referential); nothing else. */
#ifndef SONS_EVAL_H
#define SONS_EVAL_H

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

/* Compares version strings numerically ("4.10" > "4.9"). */
int sons__version_cmp(const char *a, const char *b);

/* model/analyze.c */
/* A line's total HT (else TTC, else quantity × unit price). */
int64_t sons__line_total(const sons_line *l);
sons_status sons__analyze(sons_model **out, sons_doc *doc, const sons_ref *ref, sons_matcher *md,
                          sons_kind forced);

#endif
