/* SPDX-License-Identifier: MIT */
/* The understood document: what the analyser (model/analyze.c) derives
 * from the raw blocks with the referential's patterns. Rules read only
 * this (and the raw blocks for locations); reporters print it for
 * `sons extract`. Everything lives in the document's arena. */
#ifndef SONS_MODEL_H
#define SONS_MODEL_H

#include "internal.h"

/* A location, owned (unlike the public sons_location). */
typedef struct sons_loc {
	int page;
	const char *sheet;
	char cell[16];
	int line; /* paragraph number (word processing) or text line (PDF) */
	int table;
	int row;
	int column;
	int order; /* position in the document, for sorting */
} sons_loc;

/* Where a priced line sits relative to the State funding. */
typedef enum sons_section {
	SONS_SECTION_NONE = 0,
	SONS_SECTION_SEGUR = 1, /* under a « Prestation Ségur » heading */
	SONS_SECTION_HORS = 2   /* under « Hors Ségur » / « à la charge du client » */
} sons_section;

/* Perimeter classification of a line's label. */
typedef enum sons_class {
	SONS_CLASS_UNKNOWN = 0,
	SONS_CLASS_IN = 1,    /* inside the Prestation Ségur perimeter */
	SONS_CLASS_OUT = 2,   /* outside (BAL, servers, migration, catch-up…) */
	SONS_CLASS_AMBIG = 3, /* could be either (support, SaaS hosting…) */
	SONS_CLASS_MIXED = 4  /* one line mixing in- and out-of-perimeter content */
} sons_class;

typedef enum sons_line_kind {
	SONS_LINE_ITEM = 0,
	SONS_LINE_STATE = 1,    /* the State-funded amount line */
	SONS_LINE_SUBTOTAL = 2, /* sous-total */
	SONS_LINE_TOTAL = 3,    /* total HT / TTC / net */
	SONS_LINE_VAT = 4,      /* TVA amount line */
	SONS_LINE_CLIENT = 5    /* reste à charge / net à payer by the client */
} sons_line_kind;

/* An amount and whether it was given. */
typedef struct sons_amount {
	int present;
	int64_t cents;
	const char *text; /* the cell or text as read */
} sons_amount;

typedef struct sons_line {
	sons_line_kind kind;
	const char *label;  /* as read */
	const char *folded; /* folded label, for matching */
	sons_loc loc;
	int block; /* index of the raw block */
	int has_qty;
	int64_t qty_milli;
	sons_amount unit;
	sons_amount total_ht;  /* line total HT (or the only total given) */
	sons_amount total_ttc; /* line total TTC */
	sons_amount state;     /* State-funded part (column) */
	sons_amount client;    /* client part (column) */
	int has_discount;      /* a « Remise » column: percent or amount */
	int discount_bp;
	sons_amount discount;
	int has_vat;
	int vat_bp;   /* VAT rate in hundredths of a percent */
	int ttc_only; /* the only amount column is TTC */
	sons_section section;
	sons_class cls;
	unsigned in_families;  /* bit i: referential perimeter_in[i] matched */
	unsigned out_families; /* bit i: perimeter_out[i] matched */
	unsigned dsr_mask;     /* bit i: referential dsr[i] named in the label */
	int maintenance;       /* a maintenance / subscription line */
	int recurring;         /* billed per period */
	int catchup;           /* catch-up of version / technical debt */
	int catchup_bundled;   /* … sharing its line with other items */
	/* Derived by the analyser: what the client pays for this line, and
	 * whether that was read (explicit column) or inferred. */
	int64_t client_cents;
	int client_explicit;
	int state_wording; /* STATE lines: index of the official wording matched, -1 loose */
	int zero_word;     /* STATE lines: « offert », « inclus »… instead of an amount */
} sons_line;

typedef enum sons_id_type {
	SONS_IDT_FINESS = 0,
	SONS_IDT_SIRET = 1,
	SONS_IDT_SIREN = 2,
	SONS_IDT_TVA = 3
} sons_id_type;

typedef enum sons_party_role {
	SONS_ROLE_UNKNOWN = 0,
	SONS_ROLE_EDITOR = 1,
	SONS_ROLE_CLIENT = 2
} sons_party_role;

typedef enum sons_finess_kind {
	SONS_FINESS_UNSPECIFIED = 0,
	SONS_FINESS_JURIDIQUE = 1,
	SONS_FINESS_GEOGRAPHIQUE = 2
} sons_finess_kind;

typedef struct sons_ident {
	sons_id_type type;
	const char *raw;     /* as written */
	const char *compact; /* digits (and letters) only */
	sons_party_role role;
	sons_finess_kind finess_kind;
	sons_loc loc;
} sons_ident;

typedef struct sons_version_entry {
	const char *version; /* "5.2" */
	const char *text;    /* the row or item as read */
	int date_status;     /* SONS_DATE_NONE / OK / INVALID */
	sons_date date;
	sons_loc loc;
} sons_version_entry;

/* A text unit: a paragraph, or a table row joined with " | ". */
typedef struct sons_text {
	const char *text;
	const char *folded;
	sons_loc loc;
	int block;
	sons_party_role role; /* party context at this point */
} sons_text;

typedef struct sons_mention {
	const char *text; /* what was found */
	sons_loc loc;
} sons_mention;

/* A signature block (BDC, MOM, VA; quotes « bon pour accord »). */
typedef struct sons_signature {
	sons_party_role role; /* whose block: the client's, the editor's, or unknown */
	const char *name;     /* signatory as written, or NULL */
	const char *quality;  /* « Directrice », or NULL */
	int has_date;
	sons_date date;
	int approved;   /* « Lu et approuvé », « Bon pour accord » */
	int electronic; /* « Signé électroniquement », a PDF signature field */
	int filled;     /* the block carries a signature, not only its labels */
	sons_loc loc;
} sons_signature;

#define SONS_MAX_SIGNATURES 8
#define SONS_MAX_MSSANTE    8

typedef struct sons_model {
	sons_kind kind;
	const char *kind_reason; /* French, e.g. « titre « Devis » » */
	int kind_detected;       /* 0 when assumed */

	sons_text *texts;
	size_t ntexts;

	sons_line *lines;
	size_t nlines;
	int has_state_column;
	int has_client_column;
	int has_sections;

	sons_ident *idents;
	size_t nidents;

	/* Named parties (best effort). */
	const char *editor_name;
	const char *client_name;

	/* Document number and date. */
	const char *number;
	int has_date;
	sons_date date;
	sons_loc date_loc;

	/* DSRs named anywhere (bit i = referential dsr[i]) and where first. */
	unsigned dsr_mask;
	const char *dsr_codes; /* "DUI" or "DUI, DPI": codes of dsr_mask, for printing */
	const char *profile;   /* PA, PH, DOM, PDE… or NULL */
	const char *solution;
	const char *solution_version;
	sons_loc solution_loc;

	/* Version list (M002) and the client's current version (L006). */
	int has_version_list;
	sons_version_entry *versions;
	size_t nversions;
	sons_loc version_list_loc;
	const char *client_version;
	sons_loc client_version_loc;

	/* Referencing status (M003). */
	int referenced;     /* the document says the solution is referenced */
	int prereferencing; /* it says referencing is pending */
	int has_ref_date;
	sons_date ref_date;
	int has_ref_condition; /* « sous condition de référencement » */
	sons_loc ref_loc;

	/* Justification of a catch-up (L003). */
	int has_catchup_justification;

	/* Signature block (BDC). */
	int signature_block;
	int is_signed; /* a PDF signature field or a visible signature line */

	/* What the ASP documents carry (model/asp.c). */
	const char *order_no; /* the order: a BDC's number, the BDC a MOM/VA refers to */
	sons_loc order_loc;
	const char *quote_no; /* the quote: a devis's number, the devis a BDC follows */
	sons_loc quote_loc;
	int has_kind_date; /* a date named for what the document is (« date de
	                      commande », « mise en service le »); else date */
	sons_date kind_date;
	sons_loc kind_date_loc;
	int kind_date_invalid; /* a date written there but impossible (31/02) */
	const char *kind_date_text;
	sons_signature sigs[SONS_MAX_SIGNATURES];
	size_t nsigs;
	const char *mssante[SONS_MAX_MSSANTE];
	size_t nmssante;
	sons_loc mssante_loc;
	int has_scenarios;
	sons_loc scenario_loc;
	int has_advance, has_balance;
	int64_t advance_cents, balance_cents;
	int advance_bp, balance_bp; /* percent stated, hundredths; -1 none */
	sons_loc advance_loc, balance_loc;
	int has_proof_date;
	sons_date proof_date;
	sons_loc proof_loc;
	int vague;              /* 0 when not stated */
	unsigned etype_mask;    /* bit i: referential establishment_types[i] named */
	const char *etype_text; /* the first unit naming one, for evidence */
	sons_loc etype_loc;
	unsigned profile_mask; /* DUI profiles named: bit of SONS_PROFILE_* */
} sons_model;

/* DUI profiles (X007), in the order of sons__profile_names. */
enum {
	SONS_PROFILE_PA,
	SONS_PROFILE_PH,
	SONS_PROFILE_DOM,
	SONS_PROFILE_PDE,
	SONS_PROFILE_PDS,
	SONS_PROFILE_AHI,
	SONS_PROFILE_PJM,
	SONS_PROFILE_COUNT
};
extern const char *const sons__profile_names[SONS_PROFILE_COUNT];

/* model/analyze.c: the raw text behind the folded span [fs, fe) of
 * fold(raw), in the arena; NULL when empty (sets *oom when out of memory). */
const char *sons__unfold_span(sons_arena *a, const char *raw, size_t fs, size_t fe, int *oom);

/* Findings, as the rules produce them. */
typedef struct sons_finding_int {
	const char *rule;
	sons_severity severity;
	const char *message;
	const char *evidence;
	sons_loc loc;
	const char **related; /* other documents' paths (cross-document rules) */
	size_t nrelated;
} sons_finding_int;

#endif /* SONS_MODEL_H */
