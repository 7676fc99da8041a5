/* SPDX-License-Identifier: MIT */
/* The report object behind sons_report, and the context's internals that
 * the reporters need. */
#ifndef SONS_REPORT_H
#define SONS_REPORT_H

#include "model/model.h"
#include "referential.h"

/* What the rules across documents need of one document (cross.c), kept
 * when the report is compacted. Strings live in the report's arena. */
#define SONS_DIGEST_SITES 32
typedef struct sons_digest {
	int read; /* the document was read and analysed */
	const char *order_no, *quote_no;
	sons_loc order_loc, quote_loc;
	int has_date;
	sons_date date;
	sons_loc date_loc;
	unsigned dsr_mask; /* referential DSR bits */
	const char *dsr_codes;
	int vague;
	const char *solution, *version;
	sons_loc solution_loc;
	const char *editor, *client;
	const char *editor_siren; /* 9 digits, when a valid one was read */
	/* The client's establishments: FINESS géographiques (or unqualified
	 * FINESS) and sites' SIRETs, compact; and its FINESS juridiques. */
	const char *sites[SONS_DIGEST_SITES];
	size_t nsites;
	const char *finess_ej[4];
	size_t nej;
	sons_loc sites_loc;
	int has_state, state_ttc;
	int64_t state_cents;
	sons_loc state_loc;
	int preref; /* an order before referencing */
	int has_proof_date;
	sons_date proof_date;
	sons_loc proof_loc;
} sons_digest;

struct sons_report {
	const char *path;   /* as given (arena) */
	const char *format; /* reader name: "docx", "xlsx"… or "unknown" */
	sons_kind kind;
	sons_verdict verdict;
	sons_lang lang;             /* language of the messages */
	const char *referential;    /* id of the referential used (arena) */
	sons_doc *doc;              /* raw blocks + arena; owns all strings */
	sons_model *model;          /* NULL when the document could not be read */
	sons_finding_int *findings; /* sorted */
	size_t nfindings;
	sons_finding *pub;   /* public views of findings, same order */
	char *kept;          /* after sons_report_compact(): the strings still shown */
	int kind_detected;   /* for the verdict when findings are added later */
	int key_unevaluated; /* a D005 on a key rule: indetermine */
	sons_digest dg;
};

/* engine.c: the verdict from the findings; sorts them and rebuilds the
 * public views. */
sons_verdict sons__decide(const sons_finding_int *f, size_t n, int key_unevaluated, sons_kind kind,
                          int kind_detected);
sons_status sons__report_publish(sons_report *rep);
/* cross.c: fills rep->dg from the model. */
sons_status sons__digest_make(sons_report *rep, const sons_ref *ref);

/* Renderers: append to `out`. Return 0, or -1 when out of memory. */
int sons__render_text(sons_buf *out, const sons_context *ctx, sons_report *const *reports,
                      size_t count, const sons_render_options *opts);
int sons__render_json(sons_buf *out, const sons_context *ctx, sons_report *const *reports,
                      size_t count, const sons_render_options *opts);
/* Views of the JSON report (same documents, findings and order). */
int sons__render_sarif(sons_buf *out, const sons_context *ctx, sons_report *const *reports,
                       size_t count, const sons_render_options *opts);
int sons__render_junit(sons_buf *out, const sons_context *ctx, sons_report *const *reports,
                       size_t count, const sons_render_options *opts);
int sons__render_csv(sons_buf *out, const sons_context *ctx, sons_report *const *reports,
                     size_t count, const sons_render_options *opts);
int sons__render_html(sons_buf *out, const sons_context *ctx, sons_report *const *reports,
                      size_t count, const sons_render_options *opts);

/* common.c: helpers of those views. */

/* Length of the valid UTF-8 sequence at s (at most n bytes, n >= 1) and
 * its code point, or 0 when the bytes there are not valid UTF-8. */
size_t sons__utf8_seq(const unsigned char *s, size_t n, unsigned *cp);
/* The language of the rendering: the context's, else the first report's. */
sons_lang sons__report_lang(const sons_context *ctx, sons_report *const *reports, size_t count);
/* Appends the location as the text report writes it ("Devis!F12",
 * "tableau 2, ligne 4", "§12"); returns 0 when there was nothing to write.
 * The text is not cleaned: callers escape it for their format. */
int sons__loc_text(sons_buf *b, const sons_loc *loc, const char *format, sons_lang lang);
/* Appends a language-free key of the location, for fingerprints. */
void sons__loc_key(sons_buf *b, const sons_loc *loc);
/* FNV-1a 64 of n bytes, continuing from h (start with 0xcbf29ce484222325). */
uint64_t sons__fnv1a64(uint64_t h, const void *data, size_t n);
#define SONS_FNV1A64_INIT UINT64_C(0xcbf29ce484222325)
/* "erreur"/"error", "avertissement"/"warning", "info". */
const char *sons__severity_word(sons_severity s, sons_lang lang);
/* 1 when the document could not be read (it has a SONS-D001 finding). */
int sons__report_unreadable(const sons_report *r);
/* Index of the rule in the catalogue (sons_rule_at()), or -1. */
long sons__rule_index(const char *id);

/* Counts of a batch (summary views): documents per rule, in catalogue
 * order, and verdicts per editor — grouped by SIREN when one was read, else
 * by folded name, shown by the first name read (else « SIREN … ») — sorted;
 * the documents whose editor was not read come last (name NULL). */
typedef struct sons_tally_rule {
	const sons_rule_info *rule;
	size_t documents, findings;
} sons_tally_rule;
typedef struct sons_tally_editor {
	const char *name; /* as first written, or NULL */
	char label[16];   /* « SIREN 123456789 » when no name was read */
	size_t documents;
	size_t verdicts[3]; /* by sons_verdict */
} sons_tally_editor;
typedef struct sons_tally {
	sons_tally_rule *rules; /* only the rules with findings */
	size_t nrules;
	sons_tally_editor *editors;
	size_t neditors;
} sons_tally;
int sons__tally_make(sons_tally *t, sons_report *const *reports, size_t count);
void sons__tally_free(sons_tally *t);

/* Context internals the reporters may read. */
sons_lang sons__context_lang(const sons_context *ctx);

#endif
