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

/* Context internals the reporters may read. */
sons_lang sons__context_lang(const sons_context *ctx);

#endif
