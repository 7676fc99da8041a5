/* SPDX-License-Identifier: MIT */
/* The referential: patterns, DSRs, deadlines and ceilings, loaded from the
 * embedded JSON (data/referentiel.json) or a user file, compiled once per
 * context. Immutable once loaded. */
#ifndef SONS_REFERENTIAL_H
#define SONS_REFERENTIAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "internal.h"

/* Single patterns, by role; the table in referential.c maps each to its
 * JSON path under "patterns". */
typedef enum sons_pat {
	SP_STATE_LOOSE,
	SP_ZERO_WORDS,
	SP_COL_LABEL,
	SP_COL_REF,
	SP_COL_QTY,
	SP_COL_UNIT,
	SP_COL_DISCOUNT,
	SP_COL_VAT_RATE,
	SP_COL_VAT_AMOUNT,
	SP_COL_TTC,
	SP_COL_STATE,
	SP_COL_CLIENT,
	SP_COL_HT,
	SP_SECTION_SEGUR,
	SP_SECTION_HORS,
	SP_SUBTOTAL,
	SP_TOTAL,
	SP_VAT_LINE,
	SP_CLIENT_TOTAL,
	SP_LABEL_OUT,
	SP_AMBIGUOUS_STRONG,
	SP_AMBIGUOUS,
	SP_MAINTENANCE,
	SP_MAINT_CORRECTIVE,
	SP_RECURRING,
	SP_CATCHUP,
	SP_CATCHUP_JUSTIFICATION,
	SP_CLIENT_VERSION,
	SP_SOLUTION,
	SP_VERSION_STATED,
	SP_VERSION_TOKEN,
	SP_VLIST_HEADING,
	SP_VLIST_COL_VERSION,
	SP_VLIST_COL_DATE,
	SP_REFERENCED,
	SP_REFERENCED_DATE,
	SP_PREREF,
	SP_PREREF_CONDITION,
	SP_COND_MODULES,
	SP_COND_ENGAGEMENT,
	SP_MULTI_COULOIR,
	SP_NEGATION,
	SP_OTHER_FUNDING,
	SP_OTHER_FUNDING_USE,
	SP_KIND_BDC,
	SP_KIND_MOM,
	SP_KIND_VA,
	SP_KIND_DEVIS,
	SP_DOC_DATE,
	SP_DOC_NUMBER,
	SP_SIGNATURE,
	SP_PARTY_NAME,
	SP_ROLE_EDITOR,
	SP_ROLE_CLIENT,
	SP_FINESS,
	SP_IDENT_COLUMN,
	SP_SIRET,
	SP_SIREN,
	SP_TVA,
	SP_ORDER_REF,
	SP_QUOTE_REF,
	SP_KIND_DATE,
	SP_MSSANTE,
	SP_SCENARIO,
	SP_ADVANCE,
	SP_BALANCE,
	SP_PROOF_DOSSIER,
	SP_VAGUE,
	SP_SIG_CLIENT,
	SP_SIG_EDITOR,
	SP_SIG_GENERIC,
	SP_SIG_NAME,
	SP_SIG_QUALITY,
	SP_SIG_APPROVED,
	SP_SIG_ELECTRONIC,
	SP_COUNT
} sons_pat;

#define SONS_MAX_FAMILIES 16
#define SONS_MAX_DSR      16
#define SONS_MAX_WORDINGS 8

/* A compiled pattern with what can rule a subject out before PCRE2 runs:
 * the minimum length of a match and the literals one of which any match
 * holds (util/prefilter.c). */
typedef struct sons_re {
	pcre2_code *code;
	uint32_t minlen; /* characters; a lower bound of any match's length */
	sons_prefilter pf;
} sons_re;

typedef struct sons_named_re {
	char *name;
	sons_re *re;
} sons_named_re;

typedef struct sons_dsr {
	char *code;
	char *name;
	sons_re *re;
	sons_re *profiles; /* may be NULL */
	int version_list_required;
} sons_dsr;

typedef struct sons_deadline {
	char *dsr;
	int vague;
	int has_order, has_install, has_close, has_opens;
	sons_date order, install, close;
	sons_date opens; /* the vague opened on that date (no deadline known yet) */
	char *source;
} sons_deadline;

typedef struct sons_ceiling {
	char *dsr;
	char *basis;    /* French */
	char *basis_en; /* English, else the French */
	int has_amount;
	int64_t amount_ht_cents;
	int per_establishment;
} sons_ceiling;

/* An establishment type and the DUI domain it belongs to (X007). */
typedef struct sons_etype {
	char *domain; /* "PA", "PH", "DOM", "PDE"… */
	char *name;
	sons_re *re;
} sons_etype;

#define SONS_MAX_ETYPES 16

/* Numbers of the T and X rules ("parameters" in the referential). */
typedef struct sons_params {
	int preref_window_days;  /* 120 */
	int advance_percent;     /* 30 */
	int balance_percent;     /* 70 */
	int ceiling_vat_percent; /* 20 */
	int64_t split_tolerance_cents;
} sons_params;

typedef struct sons_ref {
	char *id; /* "sons-ref 2026.11.1 (2026-11-22)" */
	sons_re *pat[SP_COUNT];
	sons_named_re wordings[SONS_MAX_WORDINGS];
	int nwordings;
	sons_named_re in[SONS_MAX_FAMILIES];
	int nin;
	sons_named_re out[SONS_MAX_FAMILIES];
	int nout;
	sons_dsr dsr[SONS_MAX_DSR];
	int ndsr;
	sons_deadline *deadlines;
	int ndeadlines;
	sons_ceiling *ceilings;
	int nceilings;
	sons_etype etypes[SONS_MAX_ETYPES];
	int netypes;
	sons_params params;
} sons_ref;

/* Loads and compiles; on failure fills err (message names the JSON path). */
sons_status sons__ref_load(sons_ref **out, const char *json, size_t len, const char *origin,
                           sons_lang lang, sons_error *err);
void sons__ref_free(sons_ref *ref);

/* What a thread matches with: PCRE2's match data, and the summaries of the
 * subjects met lately. The analyser, the ASP pass and the rules try many
 * patterns on the same texts, pass after pass (and fold the same cell
 * text several times, each into a copy of its own): the summaries are
 * kept in a table keyed by the subject's bytes (a hash, then the bytes
 * compared with a kept copy), so that a text is summarised about once per
 * document. The table and the copies are allocated on first use; when the
 * copies fill their store, everything is forgotten at once. About
 * 650 KB per context: small enough to stay in a core's L2 cache with the
 * parser's data (4096 slots saved only 0.4 % more instructions). One per
 * context. */
#define SONS_MATCHER_SLOTS 2048       /* summaries kept (a power of two) */
#define SONS_MATCHER_STORE (1u << 18) /* bytes of kept subjects */
#define SONS_MATCHER_KEEP  4096       /* longer subjects are never kept */
typedef struct sons_matcher_slot {
	uint64_t hash;
	uint32_t off, len; /* the subject's copy in the store */
	uint32_t gen;      /* valid when it is the matcher's generation */
	sons_summary sum;
} sons_matcher_slot;

typedef struct sons_matcher {
	pcre2_match_data *md;
	sons_matcher_slot *slot; /* SONS_MATCHER_SLOTS of them, or NULL */
	char *store;             /* SONS_MATCHER_STORE bytes, or NULL */
	uint32_t used, gen;      /* bytes of the store in use; generation */
	const char *last;        /* the last subject, as passed */
	size_t last_len;
	const sons_matcher_slot *last_slot; /* its summary (a copy of it in the store) */
	sons_summary sum;                   /* a subject that is not kept */
} sons_matcher;

sons_matcher *sons__matcher_new(void);
void sons__matcher_free(sons_matcher *m);

/* Searches `re` in s[0..len) from `from`. Returns 1 and the span of the
 * whole match, 0 when no match. */
int sons__re_find(const sons_re *re, sons_matcher *m, const char *s, size_t len, size_t from,
                  size_t *start, size_t *end);
/* After a successful sons__re_find: the span of the named group, or 0. */
int sons__re_group(const sons_re *re, sons_matcher *m, const char *name, size_t *start,
                   size_t *end);

#endif
