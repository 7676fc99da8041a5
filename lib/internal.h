/* SPDX-License-Identifier: MIT */
/* Declarations shared between the library's files; no API promise.
 * Cross-file private names use the `sons__` prefix. */
#ifndef SONS_INTERNAL_H
#define SONS_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sons/sons.h>

#if defined(__GNUC__)
#define SONS_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define SONS_PRINTF(a, b)
#endif

/* ------------------------------------------------------------------ */
/* util/alloc.c: every allocation of the library goes through these.   */

void *sons__malloc(size_t n);
void *sons__calloc(size_t n, size_t size);
void *sons__realloc(void *p, size_t n);
void sons__free(void *p);
char *sons__strdup(const char *s);
#ifdef SONS_ALLOC_FAILURE_TESTING
/* Test builds only (the static library the tests link): make the Nth
 * allocation of this thread fail (0: none), count them, and tell a foreign
 * allocator hook whether this one fails. */
void sons__alloc_fail_at(unsigned long n);
unsigned long sons__alloc_count(void);
int sons__alloc_fails(void);
#endif
char *sons__strndup(const char *s, size_t n);

/* ------------------------------------------------------------------ */
/* util/arena.c: many small allocations freed together.                */

typedef struct sons_arena sons_arena;
sons_arena *sons__arena_new(void);
void sons__arena_free(sons_arena *a);
/* 8-byte aligned, zeroed; NULL when out of memory. */
void *sons__arena_alloc(sons_arena *a, size_t n);
/* Copies n bytes and adds a NUL; NULL when out of memory. */
char *sons__arena_strndup(sons_arena *a, const char *s, size_t n);
char *sons__arena_strdup(sons_arena *a, const char *s);
char *sons__arena_printf(sons_arena *a, const char *fmt, ...) SONS_PRINTF(2, 3);

/* ------------------------------------------------------------------ */
/* util/buf.c: growable NUL-terminated byte buffer. After a failed     */
/* allocation `oom` is set and further appends do nothing.             */

typedef struct sons_buf {
	char *data; /* NUL-terminated when len > 0 or after any append */
	size_t len;
	size_t cap;
	int oom;
	/* A stream: sons__buf_flush() hands what was appended to `sink` and
	 * empties the buffer (renderers call it between documents). */
	int (*sink)(void *user, const char *data, size_t len);
	void *sink_user;
	int sink_failed; /* the sink refused bytes: oom is set too */
} sons_buf;

#define SONS_BUF_INIT                                                                              \
	{                                                                                          \
		NULL, 0, 0, 0, NULL, NULL, 0                                                       \
	}
void sons__buf_init(sons_buf *b);
void sons__buf_free(sons_buf *b);
void sons__buf_reset(sons_buf *b);                          /* len = 0, keeps memory */
int sons__buf_append(sons_buf *b, const char *s, size_t n); /* 0 ok, -1 oom */
int sons__buf_puts(sons_buf *b, const char *s);
int sons__buf_putc(sons_buf *b, char c);
/* A streamed buffer: hands its bytes to the sink and empties itself; any
 * other buffer is left as it is. 0, or -1 when the sink failed. */
int sons__buf_flush(sons_buf *b);
int sons__buf_printf(sons_buf *b, const char *fmt, ...) SONS_PRINTF(2, 3);
int sons__buf_vprintf(sons_buf *b, const char *fmt, va_list ap) SONS_PRINTF(2, 0);
/* Hands the data over (never NULL unless oom: an empty buffer gives ""). */
char *sons__buf_detach(sons_buf *b);

/* A fast 64-bit hash of bytes, for tables keyed by text (not meant to
 * resist chosen collisions: a table must compare the bytes as well). */
uint64_t sons__hash_bytes(const void *s, size_t len);

/* ------------------------------------------------------------------ */
/* util/fold.c: text normalisation for matching.                       */

/* Appends to `out` a folded copy of the UTF-8 text `s`: lower case,
 * accents removed (é→e, œ→oe, ç→c…), every kind of space (NBSP, thin,
 * narrow NBSP, tab, newline) as one ' ', runs of spaces collapsed, typographic
 * apostrophes and quotes as ' and ", dashes as '-', invalid UTF-8 bytes as '?'.
 * Leading and trailing spaces removed. Returns 0, or -1 when out of memory. */
int sons__fold(sons_buf *out, const char *s, size_t len);

/* Copies UTF-8 text replacing invalid sequences with U+FFFD and control
 * characters (but \n and \t) with ' '; trims. Returns 0 or -1 (oom). */
int sons__utf8_clean(sons_buf *out, const char *s, size_t len);

/* Converts UTF-16LE/BE (with or without BOM) to UTF-8. */
int sons__utf16_to_utf8(sons_buf *out, const unsigned char *s, size_t len, int big_endian);

/* ------------------------------------------------------------------ */
/* util/frnum.c: French amounts, quantities and percentages.            */

/* Flags reported by the amount parsers. */
enum {
	SONS_AMT_CURRENCY = 1 << 0, /* €, EUR, euros present */
	SONS_AMT_HT = 1 << 1,       /* "HT" next to it */
	SONS_AMT_TTC = 1 << 2,      /* "TTC" next to it */
	SONS_AMT_NEGATIVE = 1 << 3, /* leading '-', '−' or parentheses */
	SONS_AMT_DECIMALS = 1 << 4  /* had a decimal part */
};

/* Parses a whole cell as an amount: optional sign or parentheses, digits
 * grouped by spaces (incl. NBSP / narrow NBSP), '.' or '\'' as thousands
 * separator when followed by exactly 3 digits, ',' or '.' as decimal mark,
 * then optional "€", "EUR", "euros", "HT", "TTC", "H.T.". Returns 1 and
 * sets *cents (rounded half away from zero to the cent) and *flags when the
 * text is an amount and nothing else; 0 otherwise (also on overflow beyond
 * ±10^15 €). */
int sons__amount_parse(const char *s, size_t len, int64_t *cents, unsigned *flags);

/* Finds the last amount in a line of text ("Total HT : 1 234,56 €").
 * Prefers a number followed by a currency mark; a bare number counts only
 * when it has a decimal part or is the last token of the line. On success
 * returns 1, sets *cents, *flags and the byte span [*start, *end). */
int sons__amount_find_last(const char *s, size_t len, int64_t *cents, unsigned *flags,
                           size_t *start, size_t *end);

/* Parses a quantity ("2", "1,5", "3 licences", "1 forfait", "12 mois")
 * as thousandths: "1,5" → 1500. Returns 1 on success. */
int sons__quantity_parse(const char *s, size_t len, int64_t *milli);

/* Parses a percentage ("20 %", "20,0%", "5.5 %", "0,2" is NOT accepted
 * unless followed by %) as hundredths of a percent: "20 %" → 2000.
 * Returns 1 on success. */
int sons__percent_parse(const char *s, size_t len, int *basis_points);

/* Formats cents as "1 234,56 €" (NBSP-free: a plain space as thousands
 * separator) or "1,234.56 EUR" for English. */
void sons__amount_format(char *out, size_t outsz, int64_t cents, sons_lang lang);

/* ------------------------------------------------------------------ */
/* util/date.c: French and ISO dates.                                   */

typedef struct sons_date {
	int y, m, d;      /* d == 0 when only month and year are given */
	int hour, minute; /* -1 when no time */
} sons_date;

/* Result of sons__date_find(). */
enum {
	SONS_DATE_NONE = 0,   /* nothing looking like a date */
	SONS_DATE_OK = 1,     /* a valid date */
	SONS_DATE_INVALID = 2 /* looks like a date but is not one (31/02/2023) */
};

/* Finds the first date in s: "15/03/2023", "15-03-2023", "15.03.2023",
 * "2023-03-15", "15 mars 2023", "1er mars 2023", "15 mar. 2023",
 * "mars 2023" (d = 0), two-digit years "15/03/23" (20xx). Months in French
 * and English, any case, with or without accents. Sets *out and the byte
 * span. Years outside 1990..2100 are not dates. */
int sons__date_find(const char *s, size_t len, sons_date *out, size_t *start, size_t *end);

/* Converts a spreadsheet serial day (1900 system, Excel's leap-year bug
 * kept) to a date. Returns 1 on success. */
int sons__date_from_serial(double serial, sons_date *out);

/* Days since 1970-01-01 of a valid date (d == 0 counts as 1). */
int64_t sons__date_days(const sons_date *d);

/* Compares two dates (and times when both have one): <0, 0, >0. */
int sons__date_cmp(const sons_date *a, const sons_date *b);

/* Writes "2023-03-15" (or "2023-03" when d == 0). */
void sons__date_iso(char out[11], const sons_date *d);

/* Parses exactly "YYYY-MM-DD" (optionally followed by "THH:MM"). */
int sons__date_parse_iso(const char *s, sons_date *out);

/* ------------------------------------------------------------------ */
/* util/ident.c: French identifiers.                                   */

enum {
	SONS_ID_OK = 0,
	SONS_ID_BAD_LENGTH = 1, /* wrong number of characters */
	SONS_ID_BAD_CHAR = 2,   /* a character that does not belong */
	SONS_ID_BAD_KEY = 3,    /* check key wrong */
	SONS_ID_EIGHT = 4,      /* FINESS with 8 digits: a lost leading 0? */
	SONS_ID_SHAPE_ONLY = 5  /* Corsican FINESS (2A/2B): shape checked only */
};

/* Copies into out (size ≥ 24) the identifier without spaces, dots, NBSP
 * and dashes; returns its length, or -1 when it does not fit. */
int sons__ident_compact(char *out, size_t outsz, const char *s, size_t len);
/* FINESS: 9 characters, Luhn over the 9 digits; 2A/2B shape only. */
int sons__finess_check(const char *compact);
/* SIREN: 9 digits, Luhn. */
int sons__siren_check(const char *compact);
/* SIRET: 14 digits, Luhn, first 9 a SIREN; La Poste (356000000…) sum of
 * digits multiple of 5. */
int sons__siret_check(const char *compact);
/* French VAT number "FRkk" + SIREN; numeric key = (SIREN*100+12) mod 97.
 * Letter keys are accepted as shape-only (SONS_ID_SHAPE_ONLY). When the
 * key is wrong, *expected_key (if not NULL) receives the right one. */
int sons__tva_check(const char *compact, int *expected_key);

/* ------------------------------------------------------------------ */
/* util/prefilter.c: a necessary condition for a pattern to match.     */

/* Literals one of which every match of a pattern holds (lower case ASCII,
 * compared caselessly); an anchored one must open the subject. n == 0:
 * nothing is known and the pattern must always run. */
typedef struct sons_prefilter_lit {
	const char *s;         /* len bytes, no NUL */
	const uint16_t *pairs; /* len - 1 byte-pair indices */
	unsigned char len;
	unsigned char anch;
} sons_prefilter_lit;

typedef struct sons_prefilter {
	size_t n;
	sons_prefilter_lit *lits;
	char *text;      /* the literals, back to back */
	uint16_t *pairs; /* their byte pairs, likewise */
	uint16_t *seq;   /* for each literal of two bytes or more: its number
	                    of pairs, then the pairs (the hot loop reads only this) */
	size_t nseq;
	int ks;             /* a literal holds 'k' or 's' (see prefilter.c) */
	int nanch;          /* anchored literals */
	int nsingle;        /* one-byte literals (not anchored) */
	int npairs;         /* the others: literals of two bytes or more */
	uint64_t anch[4];   /* the first bytes of anchored literals */
	uint64_t single[4]; /* the bytes of one-byte literals */
	uint64_t first[16]; /* the rarest pair of every other literal */
} sons_prefilter;

/* What a subject holds: its bytes and (hashed) pairs of adjacent bytes,
 * lowered; made once, checked against any number of filters. */
typedef struct sons_summary {
	uint64_t bytes[4];
	uint64_t pairs[16]; /* 1024 bits */
	int ks;             /* holds U+017F or U+212A */
} sons_summary;

/* Derives the filter of a PCRE2 pattern compiled caseless in UTF mode
 * without extended syntax or multiline. A pattern it does not fully
 * understand gets no filter (n == 0). Returns 0, or -1 when out of memory. */
int sons__prefilter_build(sons_prefilter *pf, const char *pattern);
void sons__prefilter_free(sons_prefilter *pf);
void sons__summary_make(sons_summary *sm, const char *s, size_t len);
/* 0 when the pattern cannot match s[0..len) from offset `from` (sm is the
 * summary of s[0..len)); 1 when it may. */
int sons__prefilter_pass(const sons_prefilter *pf, const sons_summary *sm, const char *s,
                         size_t len, size_t from);

/* rules/catalogue.c: what to ask the editor about a rule's finding (the
 * HTML report), or NULL for an unknown rule. */
const char *sons__rule_ask(const char *id, sons_lang lang);

/* ------------------------------------------------------------------ */
/* Messages: errors are written in the context's language.             */

/* Fills err (if not NULL) with code, path and the message in `lang`
 * (fr or en format, same arguments). Returns code. */
sons_status sons__error_set(sons_error *err, sons_lang lang, sons_status code, const char *path,
                            const char *fmt_fr, const char *fmt_en, ...) SONS_PRINTF(5, 7)
        SONS_PRINTF(6, 7);

/* ------------------------------------------------------------------ */
/* model/document.c: the raw document model readers build.            */

typedef struct sons_cell {
	const char *text; /* UTF-8, clean, never NULL; paragraphs joined by '\n' */
	int col;          /* 1-based first grid column */
	int span;         /* columns covered, >= 1 */
	int has_value;    /* a typed number came with the cell (spreadsheets) */
	double value;
	int has_date; /* a typed date came with the cell */
	sons_date date;
	char ref[16]; /* "F12" in sheets, "" elsewhere */
} sons_cell;

typedef struct sons_row {
	int index; /* 1-based row number within the table or sheet; in a paged
	            * table, the row's line on its page */
	int page;  /* paged tables: the row's page (a table may span pages) */
	sons_cell *cells;
	size_t ncells;
} sons_row;

typedef enum sons_block_type { SONS_BLOCK_PARA = 0, SONS_BLOCK_TABLE = 1 } sons_block_type;

typedef struct sons_block {
	sons_block_type type;
	int index;         /* paragraph number or table number, 1-based; for a
	                    * paragraph placed with sons__doc_add_para_at(), its
	                    * line on its page */
	int page;          /* page (paged formats) or 0 */
	int paged;         /* PDF: rows are located by page + line, not by
	                    * table + row (see sons__doc_begin_row_at()) */
	const char *sheet; /* sheet name (spreadsheets) or NULL */
	int heading;       /* heading level of a paragraph, 0 if none */
	const char *text;  /* paragraph text; NULL for tables */
	sons_row *rows;    /* tables */
	size_t nrows;
} sons_block;

typedef struct sons_doc sons_doc;

/* What a reader may report as skipped (rule SONS-D004). */
typedef struct sons_skip {
	const char *what_fr;
	const char *what_en;
} sons_skip;

/* The reading context handed to a reader. */
typedef struct sons_rctx {
	sons_doc *doc;
	const sons_limits *lim;
	sons_lang lang;
	const char *path;
	sons_error *err;
} sons_rctx;

/* Builder calls. Each returns SONS_OK, SONS_ENOMEM or SONS_ELIMIT (too
 * many cells). Strings are copied (and cleaned of invalid UTF-8). */
sons_status sons__doc_add_para(sons_rctx *r, const char *text, size_t len, int heading);
sons_status sons__doc_set_page(sons_rctx *r, int page); /* page of what follows */
/* Paged formats (PDF): a paragraph located by its page and the number of
 * its (first) text line on that page, both 1-based. */
sons_status sons__doc_add_para_at(sons_rctx *r, const char *text, size_t len, int page, int line);
/* Starts a table; `sheet` is the sheet name for spreadsheets, else NULL.
 * Tables do not nest in the model: a reader flattens nested tables into the
 * enclosing cell's text. */
sons_status sons__doc_begin_table(sons_rctx *r, const char *sheet);
/* Starts a row; index 0 means "previous + 1". */
sons_status sons__doc_begin_row(sons_rctx *r, int index);
/* Paged formats (PDF): starts a row located by its page and the number of
 * its (first) text line on that page; marks the open table as paged, so
 * that the analyser reports its rows as page + line (+ column) instead of
 * table + row. A paged table may continue over several pages. */
sons_status sons__doc_begin_row_at(sons_rctx *r, int page, int line);
/* Adds a cell to the current row; col 0 means "after the previous cell
 * (previous col + previous span)"; span >= 1; ref may be NULL. */
sons_status sons__doc_add_cell(sons_rctx *r, const char *text, size_t len, int col, int span,
                               const char *ref);
/* Attach a typed value / date to the last added cell. */
void sons__doc_cell_value(sons_rctx *r, double value);
void sons__doc_cell_date(sons_rctx *r, const sons_date *date);
sons_status sons__doc_end_table(sons_rctx *r);
/* Records a skipped part (D004): French and English descriptions. */
sons_status sons__doc_skipped(sons_rctx *r, const char *what_fr, const char *what_en);
/* Sets a property read from the document's metadata (e.g. "title"). */
sons_status sons__doc_set_meta(sons_rctx *r, const char *key, const char *value);
/* Marks the document as carrying a signature (PDF signature field...). */
void sons__doc_set_signed(sons_rctx *r, int is_signed);

/* Life cycle (check.c). */
sons_doc *sons__doc_new(void);
void sons__doc_free(sons_doc *d);
void sons__doc_set_format(sons_doc *d, const char *format);

/* Read access, for the analyser and the reporters. */
size_t sons__doc_block_count(const sons_doc *d);
const sons_block *sons__doc_block(const sons_doc *d, size_t i);
const char *sons__doc_format(const sons_doc *d);
size_t sons__doc_skip_count(const sons_doc *d);
const sons_skip *sons__doc_skip(const sons_doc *d, size_t i);
const char *sons__doc_meta(const sons_doc *d, const char *key); /* or NULL */
int sons__doc_signed(const sons_doc *d);
sons_arena *sons__doc_arena(sons_doc *d);
/* The folded copy (sons__fold()) of s[0..len), in the document's arena.
 * The same bytes folded again give the same string, without folding
 * them again: the analyser folds a cell for its row, its header test and
 * its label. NULL when out of memory. */
const char *sons__doc_fold(sons_doc *d, const char *s, size_t len);

/* ------------------------------------------------------------------ */
/* read/zip.c: zip archives under limits.                              */

typedef struct sons_zip sons_zip;

/* Opens a zip held in memory (not copied: data must outlive the zip).
 * Checks the entry count here; sizes are checked per entry as it is read
 * (an unrelated large picture must not reject the document). */
sons_status sons__zip_open(sons_zip **out, sons_rctx *r, const unsigned char *data, size_t len);
void sons__zip_close(sons_zip *z);
/* 1 if the archive has an entry with exactly this name. */
int sons__zip_has(sons_zip *z, const char *name);
/* Number of entries and the name of entry i (borrowed). */
size_t sons__zip_count(sons_zip *z);
const char *sons__zip_name(sons_zip *z, size_t i);
/* Inflates an entry into a new buffer (NUL-terminated, free with
 * sons__free), counting real inflated bytes against the per-entry, total
 * and ratio limits. SONS_EFORMAT if absent or corrupt. */
sons_status sons__zip_read(sons_zip *z, const char *name, unsigned char **out, size_t *outlen);

/* ------------------------------------------------------------------ */
/* read/xml.c: libxml2 set up for untrusted input.                     */

struct _xmlTextReader;
/* A streaming reader over a buffer: no network, no entity substitution,
 * no DTD loading, errors silenced. NULL when out of memory. */
struct _xmlTextReader *sons__xml_reader_new(const unsigned char *data, size_t len,
                                            const char *name);
/* Advances like xmlTextReaderRead, but fails on a DOCTYPE (SONS_EFORMAT),
 * on nesting deeper than the limit (SONS_ELIMIT), and on a parse error
 * (SONS_EFORMAT); fills r->err naming `part`. Returns 1 (a node), 0 (end)
 * or -1 (error: the status is r->err->code; r->err must not be NULL —
 * check.c always passes one). Readers read only through this function:
 * calling xmlTextReaderRead directly skips the DOCTYPE and depth checks. */
int sons__xml_next(sons_rctx *r, struct _xmlTextReader *x, const char *part);
/* Reads dc:title from a metadata part (docProps/core.xml, meta.xml) into
 * the "title" property. A missing or unreadable part is not an error. */
sons_status sons__read_title(sons_rctx *r, sons_zip *z, const char *part);
/* The namespace URI of the reader's current node, as
 * xmlTextReaderConstNamespaceUri() gives it but without interning it in the
 * reader's dictionary (a hash of the URI on every call): the pointer is only
 * valid until the next read, and equal URIs may have different addresses. */
const char *sons__xml_ns(struct _xmlTextReader *x);

/* ------------------------------------------------------------------ */
/* read/xlsx.c: helpers the spreadsheet readers share.                  */

/* Parses a decimal number written without locale ("-1234.5", "1E-3"),
 * spaces around allowed. On success returns 1, sets *value and appends to
 * `text` (when not NULL) the shortest decimal that reads back as the same
 * double, with '.' and no exponent unless the magnitude is extreme. Returns
 * 0 when s is not such a number, -1 when out of memory. */
int sons__sheet_number(const char *s, size_t n, double *value, sons_buf *text);
/* Writes "F12" for column 6, row 12. Returns 0 (and writes "") when the
 * cell lies beyond XFD1048576. */
int sons__sheet_ref(char out[16], int64_t col, int64_t row);
/* 1 when the text is only white space (ASCII, NBSP, U+2000–U+200A,
 * U+202F, U+3000): such a cell is empty. */
int sons__sheet_blank(const char *s, size_t n);

/* ------------------------------------------------------------------ */
/* read/: the readers.                                                 */

typedef struct sons_reader {
	const char *name; /* "docx", "xlsx", "odt", "ods", "pdf" */
	/* Zip-based readers get the opened archive; others get zip == NULL. */
	sons_status (*read)(sons_rctx *r, const unsigned char *data, size_t len, sons_zip *zip);
} sons_reader;

extern const sons_reader sons__reader_docx;
extern const sons_reader sons__reader_xlsx;
extern const sons_reader sons__reader_odt;
extern const sons_reader sons__reader_ods;
#ifdef SONS_HAVE_PDF
extern const sons_reader sons__reader_pdf; /* read/pdf.c, -Dpdf (poppler-glib) */
#endif

/* read/dispatch.c: chooses the reader from the first bytes and the zip
 * content, then runs it. */
sons_status sons__read_document(sons_rctx *r, const unsigned char *data, size_t len);

#endif /* SONS_INTERNAL_H */
