/* SPDX-License-Identifier: MIT */
/**
 * @file sons.h
 * @brief Checks SONS (Ségur numérique, « achat pour compte ») quotes and ASP
 * documents against the rule catalogue.
 *
 * Pipeline: a reader (one per format) turns a file into a neutral document
 * model; the rules run on that model only; reporters format the results.
 *
 * Ownership: every object handed out through a `**out` parameter belongs to
 * the caller and is released with the matching `_free()` function, which
 * accepts NULL. Pointers returned by getters are borrowed: they stay valid
 * until the object they come from is freed.
 *
 * Thread safety: the library has no global mutable state. A ::sons_context
 * may be used by one thread at a time; use one context per thread. Reports
 * are immutable once returned and may be read from any thread.
 *
 * Errors: functions that can fail return a ::sons_status and, when the
 * caller passes a ::sons_error, fill it with a message in the context's
 * language. The library never prints and never exits.
 */
#ifndef SONS_SONS_H
#define SONS_SONS_H

#include <stddef.h>
#include <stdint.h>

#include <sons/version.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define SONS_API __declspec(dllexport)
#elif defined(__GNUC__)
#define SONS_API __attribute__((visibility("default")))
#else
#define SONS_API
#endif

/** @name Versions
 * @{ */
/** The library's version as "X.Y.Z". @since 0.1 */
SONS_API const char *sons_version_string(void);
/** The library's version as 0xXXYYZZ. @since 0.1 */
SONS_API unsigned sons_version(void);
/** @} */

/** @name Status and errors
 * @{ */

/** Status codes. Only the expected failures have a code of their own. */
typedef enum sons_status {
	SONS_OK = 0,           /**< success */
	SONS_EIO = 1,          /**< the file cannot be opened or read */
	SONS_EFORMAT = 2,      /**< corrupt or not the format it claims */
	SONS_EUNSUPPORTED = 3, /**< a format or feature this build cannot read */
	SONS_ELIMIT = 4,       /**< a safety limit was hit (zip bomb, depth…) */
	SONS_ENOMEM = 5,       /**< out of memory */
	SONS_EINVALID = 6      /**< invalid argument or malformed referential */
} sons_status;

/** A short, untranslated name for a status ("ok", "io", "format"…). */
SONS_API const char *sons_status_name(sons_status status);

/** What went wrong, filled by the library; owned by the caller. */
typedef struct sons_error {
	sons_status code;  /**< same as the returned status */
	char path[512];    /**< the file concerned, or "" */
	char message[512]; /**< a full sentence in the context's language */
} sons_error;

/** @} */

/** @name Enumerations
 * @{ */

/** Message language. */
typedef enum sons_lang { SONS_LANG_FR = 0, SONS_LANG_EN = 1 } sons_lang;

/** Document kind. */
typedef enum sons_kind {
	SONS_KIND_UNKNOWN = 0,
	SONS_KIND_DEVIS = 1,
	SONS_KIND_BDC = 2,
	SONS_KIND_MOM = 3,
	SONS_KIND_VA = 4
} sons_kind;

/** Verdict on one document. */
typedef enum sons_verdict {
	SONS_VERDICT_CONFORME = 0,
	SONS_VERDICT_NON_CONFORME = 1,
	SONS_VERDICT_INDETERMINE = 2
} sons_verdict;

/** Severity of a finding. */
typedef enum sons_severity {
	SONS_SEVERITY_INFO = 0,
	SONS_SEVERITY_WARNING = 1,
	SONS_SEVERITY_ERROR = 2
} sons_severity;

/** Output formats of sons_render(). */
typedef enum sons_format {
	SONS_FORMAT_TEXT = 0,
	SONS_FORMAT_JSON = 1,
	SONS_FORMAT_SARIF = 2, /**< SARIF 2.1.0 @since 0.2 */
	SONS_FORMAT_JUNIT = 3, /**< JUnit XML @since 0.2 */
	SONS_FORMAT_CSV = 4,   /**< CSV for French spreadsheets @since 0.2 */
	SONS_FORMAT_HTML = 5   /**< self-contained printable page @since 0.2 */
} sons_format;

/** "devis", "bdc", "mom", "va", "unknown". */
SONS_API const char *sons_kind_name(sons_kind kind);
/** Parses a kind name; returns SONS_EINVALID for an unknown name. */
SONS_API sons_status sons_kind_parse(sons_kind *out, const char *name);
/** "conforme", "non-conforme", "indetermine". */
SONS_API const char *sons_verdict_name(sons_verdict verdict);
/** "error", "warning", "info". */
SONS_API const char *sons_severity_name(sons_severity severity);

/** @} */

/** @name Context
 * A context holds the language, the safety limits and the compiled
 * referential. Create one per thread.
 * @{ */

typedef struct sons_context sons_context;

/** Safety limits applied to every input. Zero keeps the default. */
typedef struct sons_limits {
	unsigned version;         /**< SONS_LIMITS_VERSION */
	uint64_t max_file_bytes;  /**< size of the input file (64 MiB) */
	uint64_t max_inflated;    /**< total inflated bytes of a zip (256 MiB) */
	uint64_t max_entry_bytes; /**< inflated bytes of one read entry (64 MiB) */
	uint32_t max_entries;     /**< entries in a zip (10000) */
	uint32_t max_ratio;       /**< inflated/compressed ratio of one entry (200) */
	uint32_t max_xml_depth;   /**< XML element nesting (256) */
	uint32_t max_table_depth; /**< nested tables (16) */
	uint32_t max_cells;       /**< cells kept in one document (2000000) */
	uint32_t max_pages;       /**< pages of a paged document (2000) */
} sons_limits;

#define SONS_LIMITS_VERSION 1
#define SONS_LIMITS_INIT                                                                           \
	{                                                                                          \
		SONS_LIMITS_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0                                     \
	}

/** Creates a context with the embedded referential and default limits.
 * @param out receives the context; free it with sons_context_free().
 * @return SONS_OK, or SONS_ENOMEM. */
SONS_API sons_status sons_context_new(sons_context **out, sons_error *err);
/** Frees a context. Accepts NULL. Reports made with it stay valid. */
SONS_API void sons_context_free(sons_context *ctx);
/** Sets the language of messages (findings and errors). */
SONS_API void sons_context_set_lang(sons_context *ctx, sons_lang lang);
/** Returns the language of messages. */
SONS_API sons_lang sons_context_lang(const sons_context *ctx);
/** Replaces the limits; zero fields keep the defaults.
 * @return SONS_EINVALID when @p limits has an unknown version. */
SONS_API sons_status sons_context_set_limits(sons_context *ctx, const sons_limits *limits);
/** Copies the limits in force into @p out. */
SONS_API void sons_context_get_limits(const sons_context *ctx, sons_limits *out);
/** Replaces the embedded referential with the JSON file at @p path.
 * On failure the context keeps its previous referential.
 * @return SONS_OK, SONS_EIO, or SONS_EINVALID (malformed file; the error
 * message says where). */
SONS_API sons_status sons_context_load_referential(sons_context *ctx, const char *path,
                                                   sons_error *err);
/** Same as sons_context_load_referential() from a buffer. */
SONS_API sons_status sons_context_load_referential_memory(sons_context *ctx, const char *data,
                                                          size_t len, sons_error *err);
/** Identifier and version of the referential in use ("sons-ref 2026.11.1
 * (2026-11-22)"); borrowed from the context. */
SONS_API const char *sons_context_referential_id(const sons_context *ctx);

/** @} */

/** @name Checking
 * @{ */

typedef struct sons_report sons_report;

/** Options of a check. */
typedef struct sons_check_options {
	unsigned version; /**< SONS_CHECK_OPTIONS_VERSION */
	sons_kind kind;   /**< SONS_KIND_UNKNOWN: detect it */
	/** Date deadlines are judged against, "YYYY-MM-DD"; NULL: today. */
	const char *today;
} sons_check_options;

#define SONS_CHECK_OPTIONS_VERSION 1
#define SONS_CHECK_OPTIONS_INIT                                                                    \
	{                                                                                          \
		SONS_CHECK_OPTIONS_VERSION, SONS_KIND_UNKNOWN, NULL                                \
	}

/** Reads and checks one document.
 *
 * When the document cannot be read (I/O error, corrupt, over a limit) the
 * function returns that status, fills @p err, and still hands over a
 * report whose verdict is SONS_VERDICT_INDETERMINE with a SONS-D001 finding,
 * so that a batch can list it. Only SONS_ENOMEM and SONS_EINVALID leave
 * `*out` NULL. The input file is never modified.
 *
 * @param out receives the report; free it with sons_report_free().
 * @param path the file; its extension and first bytes choose the reader. */
SONS_API sons_status sons_check_file(sons_report **out, sons_context *ctx, const char *path,
                                     const sons_check_options *opts, sons_error *err);

/** Same as sons_check_file() on bytes in memory; @p name is the path shown
 * in reports and chooses the reader with the first bytes. */
SONS_API sons_status sons_check_memory(sons_report **out, sons_context *ctx, const void *data,
                                       size_t len, const char *name, const sons_check_options *opts,
                                       sons_error *err);

/** Frees a report. Accepts NULL. */
SONS_API void sons_report_free(sons_report *report);

/** Path of the document, as given. Borrowed. */
SONS_API const char *sons_report_path(const sons_report *report);
/** Kind of the document (detected or forced). */
SONS_API sons_kind sons_report_kind(const sons_report *report);
/** Verdict. */
SONS_API sons_verdict sons_report_verdict(const sons_report *report);
/** Number of findings. */
SONS_API size_t sons_report_finding_count(const sons_report *report);

/** Location of a finding; absent parts are 0 or NULL. */
typedef struct sons_location {
	int page;          /**< page, 1-based */
	const char *sheet; /**< sheet name */
	const char *cell;  /**< cell reference, "F12" */
	int line;          /**< text line (PDF) or paragraph (word processing) */
	int table;         /**< table, 1-based, in document order */
	int row;           /**< row, 1-based, within the table or sheet */
	int column;        /**< column, 1-based */
} sons_location;

/** One finding. All strings borrowed from the report. */
typedef struct sons_finding {
	const char *rule;       /**< "SONS-R001" */
	sons_severity severity; /**< error, warning or info */
	const char *message;    /**< in the context's language at check time */
	const char *evidence;   /**< text as read, or NULL */
	sons_location location; /**< where, as far as known */
	/** Cross-document rules (families X and T across a dossier or an
	 * audit): the paths of the other documents concerned. @since 0.2 */
	const char *const *related;
	size_t nrelated; /**< number of paths in @p related */
} sons_finding;

/** The @p index th finding (sorted by rule ID, then position), or NULL. */
SONS_API const sons_finding *sons_report_finding(const sons_report *report, size_t index);

/** Checks the documents of one order together: the quote, the purchase
 * order (BDC), the MOM and the VA, in any order. Adds to the reports the
 * findings of the rules across documents — SONS-X001 (BDC and quote
 * disagree), X002 (MOM/VA refer to another order, client, DSR or
 * solution), T002 (pre-referencing order and proof dossier), T004 (dates
 * out of order) — each on every document concerned with the others'
 * paths in `related`, and updates the verdicts. The per-document rules
 * (X003, X005, X006, X007, T001, T003, T005) were already run by the
 * check. Reports must come from the same context; the function may be
 * called on compacted reports (sons_report_compact()).
 * @since 0.2 */
SONS_API sons_status sons_check_dossier(sons_context *ctx, sons_report *const *reports,
                                        size_t count, sons_error *err);

/** Checks a batch: assembles dossiers from the reports that share an
 * order number (each checked as sons_check_dossier() does) and looks for
 * double financing across the whole batch (SONS-X004: the same FINESS
 * géographique or establishment SIRET, the same DSR, two different
 * orders; the message says which order was dated first).
 * @since 0.2 */
SONS_API sons_status sons_check_audit(sons_context *ctx, sons_report *const *reports, size_t count,
                                      sons_error *err);

/** Drops what a report keeps of its document (raw text, the model that
 * `extract` renders) and keeps its verdict, its findings and the few facts
 * the rules across documents need, so that a batch holds a few hundred
 * bytes per document. The report can still be rendered (not as extract)
 * and passed to sons_check_dossier() / sons_check_audit().
 * @since 0.2 */
SONS_API sons_status sons_report_compact(sons_report *report);

/** @} */

/** @name Rendering
 * @{ */

/** Options of sons_render(). */
typedef struct sons_render_options {
	unsigned version;   /**< SONS_RENDER_OPTIONS_VERSION */
	sons_format format; /**< text, json, sarif, junit or csv */
	int extract;        /**< non-zero: render what was read, not findings (text, json) */
	int color;          /**< text only: ANSI colours */
	/** csv: one row per document instead of one per finding; text and
	 * json: counts per rule and per editor after the documents
	 * (what `sons audit` prints). @since 0.2 */
	int summary;
} sons_render_options;

#define SONS_RENDER_OPTIONS_VERSION 1
#define SONS_RENDER_OPTIONS_INIT                                                                   \
	{                                                                                          \
		SONS_RENDER_OPTIONS_VERSION, SONS_FORMAT_TEXT, 0, 0, 0                             \
	}

/** Renders reports as one document: text, the JSON report of
 * interfaces.md, or one of its views (SARIF 2.1.0, JUnit XML, CSV with
 * ';' and a BOM), all deterministic. SONS_FORMAT_HTML is not available
 * yet, and `extract` is rendered as text or JSON only: both give
 * SONS_EINVALID.
 * @param out receives a NUL-terminated string; free it with sons_free().
 * @param outlen receives its length (may be NULL). */
SONS_API sons_status sons_render(char **out, size_t *outlen, const sons_context *ctx,
                                 sons_report *const *reports, size_t count,
                                 const sons_render_options *opts, sons_error *err);

/** Where sons_render_to() writes: @p len bytes at @p data; return 0, or
 * non-zero to stop (the render then fails with SONS_EIO). */
typedef int (*sons_write_fn)(void *user, const char *data, size_t len);

/** Same bytes as sons_render(), handed to @p write as they are produced:
 * text, JSON and CSV document by document, so that rendering a batch does
 * not hold the whole report in memory (SARIF and JUnit are built whole,
 * then written). A failure may leave part of the report written: write to
 * a temporary file and rename it, as `sons -o` does.
 * @since 0.2 */
SONS_API sons_status sons_render_to(sons_write_fn write, void *user, const sons_context *ctx,
                                    sons_report *const *reports, size_t count,
                                    const sons_render_options *opts, sons_error *err);

/** Frees memory handed out by the library as plain bytes. Accepts NULL. */
SONS_API void sons_free(void *ptr);

/** @} */

/** @name Rule catalogue
 * @{ */

/** One rule of the catalogue. Strings are static. */
typedef struct sons_rule_info {
	const char *id;         /**< "SONS-R001", never reused */
	const char *family;     /**< "R" */
	sons_severity severity; /**< severity of its findings */
	const char *title_fr;   /**< French title */
	const char *title_en;   /**< English title */
	int implemented;        /**< non-zero when this build evaluates it */
} sons_rule_info;

/** Number of rules in the catalogue. */
SONS_API size_t sons_rule_count(void);
/** The @p index th rule in ID order, or NULL. */
SONS_API const sons_rule_info *sons_rule_at(size_t index);
/** The rule with this ID, or NULL. */
SONS_API const sons_rule_info *sons_rule_find(const char *id);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* SONS_SONS_H */
