/* SPDX-License-Identifier: MIT */
/* The report object behind sons_report, and the context's internals that
 * the reporters need. */
#ifndef SONS_REPORT_H
#define SONS_REPORT_H

#include "model/model.h"

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
	sons_finding *pub; /* public views of findings, same order */
};

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

/* Context internals the reporters may read. */
sons_lang sons__context_lang(const sons_context *ctx);

#endif
