/* SPDX-License-Identifier: MIT */
/* Excel workbooks (.xlsx, Office Open XML SpreadsheetML). Each sheet, in
 * workbook order, becomes a table named after it; each <row> holding at
 * least one non-empty cell a model row with its own number; each non-empty
 * <c> a cell with its reference ("F12"). Parts are streamed with
 * xmlTextReader; a cell's text goes through buffers reused across cells.
 *
 * Numbers read as the shortest decimal giving back their value (a plain
 * '.', no exponent for ordinary magnitudes, whatever the locale) and come
 * with that value; cells styled as dates read "YYYY-MM-DD" and come with
 * the date; cells styled as times read "HH:MM". Horizontal merges become
 * the span of the top-left cell; vertical merges are left as they are. */
#include <stdio.h>
#include <string.h>

#include <libxml/xmlreader.h>

#include "internal.h"

#define MAX_COL 16384
#define MAX_ROW 1048576

enum { FMT_NONE = 0, FMT_DATE = 1, FMT_TIME = 2, FMT_DATETIME = 3 };

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int grow(void **arr, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return 0;
	size_t nc = *cap ? *cap * 2 : 16;
	if (nc > SIZE_MAX / elem)
		return -1;
	void *p = sons__realloc(*arr, nc * elem);
	if (!p)
		return -1;
	*arr = p;
	*cap = nc;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Numbers, without locale.                                            */

static const double pow10_d[23] = { 1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
	                            1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
	                            1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };

/* Powers of ten exact in an x87 long double (5^27 < 2^63). */
static const long double pow10_ld[28] = { 1e0L,  1e1L,  1e2L,  1e3L,  1e4L,  1e5L,  1e6L,
	                                  1e7L,  1e8L,  1e9L,  1e10L, 1e11L, 1e12L, 1e13L,
	                                  1e14L, 1e15L, 1e16L, 1e17L, 1e18L, 1e19L, 1e20L,
	                                  1e21L, 1e22L, 1e23L, 1e24L, 1e25L, 1e26L, 1e27L };

/* m × 10^e: exact rounding on the fast path (Clinger), otherwise through
 * long double, within one unit in the last place. */
static double scale10(uint64_t m, long e)
{
	if (m == 0)
		return 0.0;
	if (m <= (UINT64_C(1) << 53) && e >= -22 && e <= 22)
		return e >= 0 ? (double)m * pow10_d[e] : (double)m / pow10_d[-e];
	long double v = (long double)m;
	for (; e > 27; e -= 27)
		v *= 1e27L;
	for (; e < -27; e += 27)
		v /= 1e27L;
	v = e >= 0 ? v * pow10_ld[e] : v / pow10_ld[-e];
	return (double)v;
}

/* A decimal: value = dig × 10^e, dig without leading or trailing zeros. */
typedef struct dec {
	int neg;
	int nd;
	int more; /* non-zero digits beyond the 19 kept */
	long e;
	char dig[20];
} dec;

static int is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int dec_scan(const char *s, size_t n, dec *d)
{
	size_t i = 0;
	long e = 0;
	int any = 0;

	memset(d, 0, sizeof(*d));
	while (i < n && is_blank((unsigned char)s[i]))
		i++;
	while (n > i && is_blank((unsigned char)s[n - 1]))
		n--;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		d->neg = s[i++] == '-';
	for (; i < n && is_digit(s[i]); i++) {
		any = 1;
		if (d->nd == 0 && s[i] == '0')
			continue;
		if (d->nd < 19) {
			d->dig[d->nd++] = s[i];
		} else {
			d->more |= s[i] != '0';
			if (e < 100000)
				e++;
		}
	}
	if (i < n && s[i] == '.') {
		for (i++; i < n && is_digit(s[i]); i++) {
			any = 1;
			if (d->nd == 0 && s[i] == '0') {
				if (e > -100000)
					e--;
			} else if (d->nd < 19) {
				d->dig[d->nd++] = s[i];
				e--;
			} else {
				d->more |= s[i] != '0';
			}
		}
	}
	if (!any)
		return 0;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		int eneg = 0;
		long x = 0;
		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			eneg = s[i++] == '-';
		if (i >= n || !is_digit(s[i]))
			return 0;
		for (; i < n && is_digit(s[i]); i++)
			if (x < 100000)
				x = x * 10 + (s[i] - '0');
		e += eneg ? -x : x;
	}
	if (i != n)
		return 0;
	while (d->nd > 0 && d->dig[d->nd - 1] == '0') {
		d->nd--;
		e++;
	}
	d->e = e;
	return 1;
}

/* The double nearest a decimal; 0 when it overflows. */
static int dec_value(const dec *d, double *out)
{
	if (d->nd == 0) {
		*out = 0.0;
		return 1;
	}
	long mag = d->nd + d->e; /* digits before the decimal point */
	if (mag > 309)
		return 0;
	if (mag < -330) {
		*out = 0.0;
		return 1;
	}
	uint64_t m = 0;
	for (int k = 0; k < d->nd; k++)
		m = m * 10 + (uint64_t)(d->dig[k] - '0');
	double v = scale10(m, d->e);
	if (!(v <= 1.7976931348623157e308))
		return 0;
	*out = d->neg ? -v : v;
	return 1;
}

static int put_uint(sons_buf *out, unsigned long v, int width)
{
	char t[24];
	int n = 0;
	do {
		t[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v && n < 20);
	while (n < width && n < 20)
		t[n++] = '0';
	while (n > 0)
		if (sons__buf_putc(out, t[--n]))
			return -1;
	return 0;
}

/* Writes 0.dig × 10^k (k digits before the point). */
static int render(sons_buf *out, int neg, const char *dig, int nd, long k)
{
	while (nd > 0 && dig[nd - 1] == '0')
		nd--;
	if (nd == 0)
		return sons__buf_putc(out, '0');
	if (neg && sons__buf_putc(out, '-'))
		return -1;
	if (k > 21 || k < -6) {
		long x = k - 1;
		if (sons__buf_putc(out, dig[0]))
			return -1;
		if (nd > 1 && (sons__buf_putc(out, '.') || sons__buf_append(out, dig + 1, nd - 1)))
			return -1;
		if (sons__buf_append(out, x < 0 ? "E-" : "E+", 2))
			return -1;
		return put_uint(out, (unsigned long)(x < 0 ? -x : x), 2);
	}
	if (k <= 0) {
		if (sons__buf_append(out, "0.", 2))
			return -1;
		for (long z = 0; z < -k; z++)
			if (sons__buf_putc(out, '0'))
				return -1;
		return sons__buf_append(out, dig, (size_t)nd);
	}
	if (k < nd) {
		if (sons__buf_append(out, dig, (size_t)k) || sons__buf_putc(out, '.'))
			return -1;
		return sons__buf_append(out, dig + k, (size_t)(nd - k));
	}
	if (sons__buf_append(out, dig, (size_t)nd))
		return -1;
	for (long z = nd; z < k; z++)
		if (sons__buf_putc(out, '0'))
			return -1;
	return 0;
}

/* Shortest of 15, 16 or 17 significant digits that reads back as v. The
 * digits come from "%.*e", whose decimal mark depends on the locale: only
 * the digits and the exponent are taken from it. */
static int render_shortest(sons_buf *out, double v)
{
	int neg = v < 0;
	double a = neg ? -v : v;
	char tmp[64];
	dec d;

	for (int p = 15; p <= 17; p++) {
		int w = snprintf(tmp, sizeof(tmp), "%.*e", p - 1, a);
		if (w <= 0 || (size_t)w >= sizeof(tmp))
			return -1;
		int nd = 0;
		size_t i = 0;
		char dig[20];
		for (; tmp[i] && tmp[i] != 'e' && tmp[i] != 'E'; i++)
			if (is_digit(tmp[i]) && nd < 19)
				dig[nd++] = tmp[i];
		long x = 0;
		int xneg = 0;
		if (tmp[i]) {
			i++;
			if (tmp[i] == '-' || tmp[i] == '+')
				xneg = tmp[i++] == '-';
			for (; is_digit(tmp[i]); i++)
				x = x * 10 + (tmp[i] - '0');
		}
		if (xneg)
			x = -x;
		memset(&d, 0, sizeof(d));
		memcpy(d.dig, dig, (size_t)nd);
		d.nd = nd;
		d.e = x + 1 - nd;
		double back;
		if (p == 17 || (dec_value(&d, &back) && back == a))
			return render(out, neg, dig, nd, x + 1);
	}
	return -1;
}

int sons__sheet_number(const char *s, size_t n, double *value, sons_buf *text)
{
	dec d;
	double v;
	if (!dec_scan(s, n, &d) || !dec_value(&d, &v))
		return 0;
	if (v == 0.0)
		v = 0.0; /* no "-0" */
	*value = v;
	if (!text)
		return 1;
	/* Up to 15 significant digits, the digits written are the shortest. */
	if (!d.more && d.nd <= 15)
		return render(text, d.neg && v != 0.0, d.dig, d.nd, d.nd + d.e) ? -1 : 1;
	return render_shortest(text, v) ? -1 : 1;
}

int sons__sheet_blank(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		if (is_blank(p[i]))
			i++;
		else if (p[i] == 0xC2 && i + 1 < n && p[i + 1] == 0xA0)
			i += 2;
		else if (p[i] == 0xE2 && i + 2 < n && p[i + 1] == 0x80 &&
		         (p[i + 2] <= 0x8A || p[i + 2] == 0xAF))
			i += 3;
		else if (p[i] == 0xE3 && i + 2 < n && p[i + 1] == 0x80 && p[i + 2] == 0x80)
			i += 3;
		else
			return 0;
	}
	return 1;
}

/* ------------------------------------------------------------------ */
/* Cell references.                                                    */

int sons__sheet_ref(char out[16], int64_t col, int64_t row)
{
	char t[16];
	int n = 0, o = 0;
	if (col < 1 || col > MAX_COL || row < 1 || row > MAX_ROW) {
		out[0] = '\0';
		return 0;
	}
	for (int64_t c = col; c > 0; c = (c - 1) / 26)
		t[n++] = (char)('A' + (c - 1) % 26);
	while (n > 0)
		out[o++] = t[--n];
	for (int64_t r = row; r > 0; r /= 10)
		t[n++] = (char)('0' + r % 10);
	while (n > 0)
		out[o++] = t[--n];
	out[o] = '\0';
	return 1;
}

/* "F12" (letters then digits, nothing else) within XFD1048576. */
static int parse_ref(const char *s, size_t n, int *col, int *row)
{
	size_t i = 0;
	int c = 0, r = 0;
	for (; i < n && i < 4; i++) {
		char ch = s[i];
		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 32);
		if (ch < 'A' || ch > 'Z')
			break;
		c = c * 26 + (ch - 'A' + 1);
	}
	if (i == 0 || c > MAX_COL || i >= n || s[i] == '0')
		return 0;
	size_t start = i;
	for (; i < n && is_digit(s[i]) && i - start < 8; i++)
		r = r * 10 + (s[i] - '0');
	if (i != n || i == start || r > MAX_ROW)
		return 0;
	*col = c;
	*row = r;
	return 1;
}

/* ------------------------------------------------------------------ */
/* XML helpers.                                                        */

static const char *lname(struct _xmlTextReader *x)
{
	const xmlChar *s = xmlTextReaderConstLocalName(x);
	return s ? (const char *)s : "";
}

static const char *aval(struct _xmlTextReader *x)
{
	const xmlChar *s = xmlTextReaderConstValue(x);
	return s ? (const char *)s : "";
}

/* An r:id attribute: local name "id" in the relationships namespace
 * (transitional or strict). */
static int is_rel_id(struct _xmlTextReader *x, const char *an)
{
	if (strcmp(an, "id") != 0)
		return 0;
	const xmlChar *ns = xmlTextReaderConstNamespaceUri(x);
	return ns && strstr((const char *)ns, "relationships") != NULL;
}

static int is_text_node(int type)
{
	return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
	       type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

/* Status after sons__xml_next() returned -1 (it filled r->err). */
static sons_status xml_failed(sons_rctx *r)
{
	return r->err && r->err->code != SONS_OK ? r->err->code : SONS_EFORMAT;
}

static sons_status skipped(sons_rctx *r, const char *fmt_fr, const char *fmt_en, ...)
        SONS_PRINTF(2, 4) SONS_PRINTF(3, 4);

/* Records a skipped part whose description names a sheet. */
static sons_status skipped(sons_rctx *r, const char *fmt_fr, const char *fmt_en, ...)
{
	sons_buf fr = SONS_BUF_INIT, en = SONS_BUF_INIT;
	sons_status st = SONS_ENOMEM;
	va_list ap, aq;
	va_start(ap, fmt_en);
	va_copy(aq, ap);
	int bad = sons__buf_vprintf(&fr, fmt_fr, ap) || sons__buf_vprintf(&en, fmt_en, aq);
	va_end(aq);
	va_end(ap);
	if (!bad)
		st = sons__doc_skipped(r, fr.data, en.data);
	sons__buf_free(&fr);
	sons__buf_free(&en);
	return st;
}

/* ------------------------------------------------------------------ */
/* The workbook.                                                       */

typedef struct xrel {
	char *id;
	char *type;   /* last segment of the Type URI: "worksheet", "chartsheet"… */
	char *target; /* part name, resolved */
} xrel;

typedef struct xrels {
	xrel *v;
	size_t n, cap;
} xrels;

typedef struct xsheet {
	char *name;
	char *rid;
} xsheet;

typedef struct xl {
	sons_rctx *r;
	sons_zip *z;
	int date1904;
	xsheet *sheets;
	size_t nsheets, capsheets;
	xrels rels;
	sons_buf sst;    /* the shared strings, each followed by its NUL */
	size_t *sst_off; /* nsst + 1 offsets into sst */
	size_t nsst, capsst;
	unsigned char *xf; /* FMT_ kind of each cellXfs entry */
	size_t nxf;
	sons_buf text;      /* the current cell's text (inline string, formatted value) */
	sons_buf val;       /* the current cell's <v> */
	sons_buf tmp;       /* part names */
	uint64_t text_left; /* bytes of cell text the document may still take */
	uint32_t max_cells;
} xl;

static void rels_free(xrels *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		sons__free(rs->v[i].id);
		sons__free(rs->v[i].type);
		sons__free(rs->v[i].target);
	}
	sons__free(rs->v);
	rs->v = NULL;
	rs->n = rs->cap = 0;
}

static const xrel *rel_find(const xrels *rs, const char *id)
{
	for (size_t i = 0; i < rs->n; i++)
		if (strcmp(rs->v[i].id, id) == 0)
			return &rs->v[i];
	return NULL;
}

/* Resolves a relationship target against the folder of its source part
 * (`base` ends with '/'); "/xl/…" is absolute. */
static int resolve(sons_buf *out, const char *base, const char *target)
{
	const char *p = target;
	sons__buf_reset(out);
	if (*p == '/')
		p++;
	else if (sons__buf_puts(out, base))
		return -1;
	while (*p) {
		const char *q = strchr(p, '/');
		size_t n = q ? (size_t)(q - p) : strlen(p);
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (out->len) {
				size_t l = out->len - 1;
				while (l > 0 && out->data[l - 1] != '/')
					l--;
				out->len = l;
				out->data[l] = '\0';
			}
		} else if (n && !(n == 1 && p[0] == '.')) {
			if (sons__buf_append(out, p, n) || (q && sons__buf_putc(out, '/')))
				return -1;
		}
		p = q ? q + 1 : p + n;
	}
	return sons__buf_append(out, "", 0);
}

/* Reads a .rels part into rs; a missing part leaves rs empty. */
static sons_status read_rels(xl *w, const char *part, const char *base, xrels *rs)
{
	unsigned char *data = NULL;
	size_t len = 0;
	struct _xmlTextReader *x = NULL;
	sons_status st = SONS_OK;
	int rc;

	if (!sons__zip_has(w->z, part))
		return SONS_OK;
	st = sons__zip_read(w->z, part, &data, &len);
	if (st != SONS_OK)
		return st;
	x = sons__xml_reader_new(data, len, part);
	if (!x) {
		st = SONS_ENOMEM;
		goto cleanup;
	}
	while ((rc = sons__xml_next(w->r, x, part)) == 1) {
		if (xmlTextReaderNodeType(x) != XML_READER_TYPE_ELEMENT ||
		    strcmp(lname(x), "Relationship") != 0)
			continue;
		char *id = NULL, *type = NULL, *target = NULL;
		int external = 0;
		if (xmlTextReaderMoveToFirstAttribute(x) == 1) {
			do {
				const char *an = lname(x), *av = aval(x);
				if (strcmp(an, "Id") == 0 && !id) {
					id = sons__strdup(av);
				} else if (strcmp(an, "Type") == 0 && !type) {
					const char *slash = strrchr(av, '/');
					type = sons__strdup(slash ? slash + 1 : av);
				} else if (strcmp(an, "Target") == 0 && !target) {
					target = sons__strdup(av);
				} else if (strcmp(an, "TargetMode") == 0) {
					external = strcmp(av, "External") == 0;
				}
			} while (xmlTextReaderMoveToNextAttribute(x) == 1);
			xmlTextReaderMoveToElement(x);
		}
		int keep = id && type && target && !external;
		if (keep && (resolve(&w->tmp, base, target) ||
		             grow((void **)&rs->v, &rs->cap, rs->n, sizeof(xrel)))) {
			st = SONS_ENOMEM;
		} else if (keep) {
			char *res = sons__strdup(w->tmp.data);
			if (!res) {
				st = SONS_ENOMEM;
			} else {
				rs->v[rs->n].id = id;
				rs->v[rs->n].type = type;
				rs->v[rs->n].target = res;
				rs->n++;
				id = type = NULL;
			}
		}
		sons__free(id);
		sons__free(type);
		sons__free(target);
		if (st != SONS_OK)
			goto cleanup;
	}
	if (rc < 0)
		st = xml_failed(w->r);
cleanup:
	if (x)
		xmlFreeTextReader(x);
	sons__free(data);
	return st;
}

static sons_status read_workbook(xl *w)
{
	static const char part[] = "xl/workbook.xml";
	unsigned char *data = NULL;
	size_t len = 0;
	struct _xmlTextReader *x = NULL;
	sons_status st;
	int rc;

	st = sons__zip_read(w->z, part, &data, &len);
	if (st != SONS_OK)
		return st;
	x = sons__xml_reader_new(data, len, part);
	if (!x) {
		st = SONS_ENOMEM;
		goto cleanup;
	}
	while ((rc = sons__xml_next(w->r, x, part)) == 1) {
		if (xmlTextReaderNodeType(x) != XML_READER_TYPE_ELEMENT)
			continue;
		const char *ln = lname(x);
		if (strcmp(ln, "workbookPr") == 0 && xmlTextReaderMoveToFirstAttribute(x) == 1) {
			do {
				if (strcmp(lname(x), "date1904") == 0)
					w->date1904 = strcmp(aval(x), "1") == 0 ||
					              strcmp(aval(x), "true") == 0;
			} while (xmlTextReaderMoveToNextAttribute(x) == 1);
			xmlTextReaderMoveToElement(x);
		} else if (strcmp(ln, "sheet") == 0) {
			char *name = NULL, *rid = NULL;
			if (xmlTextReaderMoveToFirstAttribute(x) == 1) {
				do {
					const char *an = lname(x);
					if (strcmp(an, "name") == 0 && !name)
						name = sons__strdup(aval(x));
					else if (is_rel_id(x, an) && !rid)
						rid = sons__strdup(aval(x));
				} while (xmlTextReaderMoveToNextAttribute(x) == 1);
				xmlTextReaderMoveToElement(x);
			}
			if (!name)
				name = sons__strdup("");
			if (!rid)
				rid = sons__strdup("");
			if (!name || !rid ||
			    grow((void **)&w->sheets, &w->capsheets, w->nsheets, sizeof(xsheet))) {
				sons__free(name);
				sons__free(rid);
				st = SONS_ENOMEM;
				goto cleanup;
			}
			w->sheets[w->nsheets].name = name;
			w->sheets[w->nsheets].rid = rid;
			w->nsheets++;
		}
	}
	if (rc < 0)
		st = xml_failed(w->r);
cleanup:
	if (x)
		xmlFreeTextReader(x);
	sons__free(data);
	return st;
}

/* The part of the first workbook relationship of this type, or `dflt`
 * when the archive has it. */
static const char *rel_part(xl *w, const char *type, const char *dflt)
{
	for (size_t i = 0; i < w->rels.n; i++)
		if (strcmp(w->rels.v[i].type, type) == 0 &&
		    sons__zip_has(w->z, w->rels.v[i].target))
			return w->rels.v[i].target;
	return sons__zip_has(w->z, dflt) ? dflt : NULL;
}

static int hex_val(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decodes in place the escapes OOXML writes for characters XML cannot
 * carry, "_x000D_" (and "_x005F_" for a '_' that starts one); returns the
 * new length. Each 7-byte escape becomes at most 3 bytes. */
static size_t unescape_x(char *s, size_t n)
{
	size_t i = 0, o = 0;
	while (i < n) {
		int v = -1;
		if (s[i] == '_' && i + 6 < n && s[i + 1] == 'x' && s[i + 6] == '_') {
			v = 0;
			for (int k = 2; k < 6 && v >= 0; k++) {
				int h = hex_val(s[i + k]);
				v = h < 0 ? -1 : v * 16 + h;
			}
		}
		if (v < 0 || (v >= 0xD800 && v <= 0xDFFF)) {
			s[o++] = s[i++];
			continue;
		}
		i += 7;
		if (v < 0x80) {
			s[o++] = (char)v;
		} else if (v < 0x800) {
			s[o++] = (char)(0xC0 | (v >> 6));
			s[o++] = (char)(0x80 | (v & 0x3F));
		} else {
			s[o++] = (char)(0xE0 | (v >> 12));
			s[o++] = (char)(0x80 | ((v >> 6) & 0x3F));
			s[o++] = (char)(0x80 | (v & 0x3F));
		}
	}
	return o;
}

/* The same on a buffer, when it holds an escape at all. */
static void unescape_buf(sons_buf *b, size_t from)
{
	if (b->len > from && memchr(b->data + from, '_', b->len - from)) {
		b->len = from + unescape_x(b->data + from, b->len - from);
		b->data[b->len] = '\0';
	}
}

/* Shared strings: <si> holds a <t>, or rich-text runs <r><t>; phonetic
 * runs <rPh> are not part of the text. */
static sons_status read_sst(xl *w)
{
	const char *part = rel_part(w, "sharedStrings", "xl/sharedStrings.xml");
	unsigned char *data = NULL;
	size_t len = 0;
	struct _xmlTextReader *x = NULL;
	sons_status st = SONS_OK;
	int in_si = 0, in_t = 0, rph = 0, rc;

	if (!part)
		return SONS_OK;
	st = sons__zip_read(w->z, part, &data, &len);
	if (st != SONS_OK)
		return st;
	x = sons__xml_reader_new(data, len, part);
	if (!x) {
		st = SONS_ENOMEM;
		goto cleanup;
	}
	while ((rc = sons__xml_next(w->r, x, part)) == 1) {
		int type = xmlTextReaderNodeType(x);
		if (type == XML_READER_TYPE_ELEMENT) {
			const char *ln = lname(x);
			int empty = xmlTextReaderIsEmptyElement(x);
			if (strcmp(ln, "si") == 0) {
				in_si = 1;
				in_t = rph = 0;
				if (grow((void **)&w->sst_off, &w->capsst, w->nsst + 1,
				         sizeof(size_t)))
					goto oom;
				w->sst_off[w->nsst] = w->sst.len;
				if (empty)
					goto end_si;
			} else if (in_si && strcmp(ln, "rPh") == 0 && !empty) {
				rph++;
			} else if (in_si && !rph && strcmp(ln, "t") == 0 && !empty) {
				in_t = 1;
			}
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			const char *ln = lname(x);
			if (strcmp(ln, "t") == 0) {
				in_t = 0;
			} else if (strcmp(ln, "rPh") == 0) {
				if (rph)
					rph--;
			} else if (in_si && strcmp(ln, "si") == 0) {
				goto end_si;
			}
		} else if (in_t && is_text_node(type)) {
			const char *v = aval(x);
			if (sons__buf_append(&w->sst, v, strlen(v)))
				goto oom;
		}
		continue;
	end_si:
		in_si = in_t = rph = 0;
		unescape_buf(&w->sst, w->sst_off[w->nsst]);
		if (sons__buf_putc(&w->sst, '\0'))
			goto oom;
		w->nsst++;
		w->sst_off[w->nsst] = w->sst.len;
	}
	if (rc < 0)
		st = xml_failed(w->r);
	goto cleanup;
oom:
	st = SONS_ENOMEM;
cleanup:
	if (x)
		xmlFreeTextReader(x);
	sons__free(data);
	return st;
}

/* What a number format shows: a date, a time, both, or a number. Letters
 * inside quotes, brackets ([Red], [$€-40C]) or escaped do not count; the
 * elapsed-time brackets [h] [mm] [ss] do. */
static int classify_format(const char *code)
{
	int date = 0, time = 0, month = 0;
	for (const char *p = code; *p; p++) {
		char c = *p;
		if (c == '"') {
			while (p[1] && p[1] != '"')
				p++;
			if (p[1])
				p++;
		} else if (c == '\\' || c == '_' || c == '*') {
			if (p[1])
				p++;
		} else if (c == '[') {
			int hms = p[1] != ']';
			while (p[1] && p[1] != ']') {
				p++;
				hms &= strchr("hHmMsS", *p) != NULL;
			}
			time |= hms;
			if (p[1])
				p++;
		} else if (c == 'd' || c == 'D' || c == 'y' || c == 'Y') {
			date = 1;
		} else if (c == 'h' || c == 'H' || c == 's' || c == 'S') {
			time = 1;
		} else if (c == 'm' || c == 'M') {
			month = 1;
		} else if (c == ';') {
			break; /* the first section says it */
		}
	}
	if (month && !time)
		date = 1;
	return date ? (time ? FMT_DATETIME : FMT_DATE) : time ? FMT_TIME : FMT_NONE;
}

static int builtin_format(long id)
{
	if ((id >= 14 && id <= 17))
		return FMT_DATE;
	if (id == 22)
		return FMT_DATETIME;
	if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47))
		return FMT_TIME;
	return FMT_NONE;
}

static long parse_long(const char *s)
{
	long v = 0;
	if (!is_digit(*s))
		return -1;
	for (; is_digit(*s); s++)
		if (v < 100000000)
			v = v * 10 + (*s - '0');
	return *s ? -1 : v;
}

typedef struct numfmt {
	long id;
	int kind;
} numfmt;

/* Styles: the number format of each entry of cellXfs, as FMT_ kinds. */
static sons_status read_styles(xl *w)
{
	const char *part = rel_part(w, "styles", "xl/styles.xml");
	unsigned char *data = NULL;
	size_t len = 0;
	struct _xmlTextReader *x = NULL;
	numfmt *fmts = NULL;
	size_t nfmts = 0, capfmts = 0;
	long *ids = NULL;
	size_t nids = 0, capids = 0;
	sons_status st = SONS_OK;
	int in_xfs = 0, rc;

	if (!part)
		return SONS_OK;
	st = sons__zip_read(w->z, part, &data, &len);
	if (st != SONS_OK)
		return st;
	x = sons__xml_reader_new(data, len, part);
	if (!x)
		goto oom;
	while ((rc = sons__xml_next(w->r, x, part)) == 1) {
		int type = xmlTextReaderNodeType(x);
		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (strcmp(lname(x), "cellXfs") == 0)
				in_xfs = 0;
			continue;
		}
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		const char *ln = lname(x);
		if (strcmp(ln, "cellXfs") == 0) {
			in_xfs = !xmlTextReaderIsEmptyElement(x);
		} else if (strcmp(ln, "numFmt") == 0) {
			long id = -1;
			int kind = FMT_NONE;
			if (xmlTextReaderMoveToFirstAttribute(x) == 1) {
				do {
					const char *an = lname(x);
					if (strcmp(an, "numFmtId") == 0)
						id = parse_long(aval(x));
					else if (strcmp(an, "formatCode") == 0)
						kind = classify_format(aval(x));
				} while (xmlTextReaderMoveToNextAttribute(x) == 1);
				xmlTextReaderMoveToElement(x);
			}
			if (id >= 0) {
				if (grow((void **)&fmts, &capfmts, nfmts, sizeof(numfmt)))
					goto oom;
				fmts[nfmts].id = id;
				fmts[nfmts].kind = kind;
				nfmts++;
			}
		} else if (in_xfs && strcmp(ln, "xf") == 0) {
			long id = 0;
			if (xmlTextReaderMoveToFirstAttribute(x) == 1) {
				do {
					if (strcmp(lname(x), "numFmtId") == 0)
						id = parse_long(aval(x));
				} while (xmlTextReaderMoveToNextAttribute(x) == 1);
				xmlTextReaderMoveToElement(x);
			}
			if (grow((void **)&ids, &capids, nids, sizeof(long)))
				goto oom;
			ids[nids++] = id;
		}
	}
	if (rc < 0) {
		st = xml_failed(w->r);
		goto cleanup;
	}
	if (nids) {
		w->xf = sons__malloc(nids);
		if (!w->xf)
			goto oom;
		w->nxf = nids;
		for (size_t i = 0; i < nids; i++) {
			int kind = builtin_format(ids[i]);
			for (size_t k = 0; k < nfmts; k++)
				if (fmts[k].id == ids[i])
					kind = fmts[k].kind;
			w->xf[i] = (unsigned char)kind;
		}
	}
	goto cleanup;
oom:
	st = SONS_ENOMEM;
cleanup:
	if (x)
		xmlFreeTextReader(x);
	sons__free(data);
	sons__free(fmts);
	sons__free(ids);
	return st;
}

/* ------------------------------------------------------------------ */
/* Worksheets.                                                         */

/* Where the reader stands in a worksheet. */
typedef struct xs {
	const char *name;
	const char *part;
	int in_sd;    /* inside <sheetData> */
	int in_row;   /* inside a <row> whose number is valid */
	int row;      /* that number */
	int row_open; /* the model row for it exists */
	int last_row; /* number of the last model row */
	int sorted;   /* model rows in increasing order */
	int last_col; /* column of the row's last <c>, 0 if none */
	int in_cell;  /* inside a valid <c> */
	int col;      /* its column */
	char type;    /* 'n' number, 's' shared, 'i' inline, 'S' str, 'b', 'e', 'd' */
	int fmt;      /* FMT_ kind of its style */
	int in_v, in_is, in_t, rph;
	int in_merge;
	int ole;       /* embedded objects */
	char *drawing; /* r:id of the drawing, or NULL */
} xs;

static sons_status limit_error(xl *w, const xs *s)
{
	return sons__error_set(
	        w->r->err, w->r->lang, SONS_ELIMIT, w->r->path,
	        "classeur de plus de %lu cellules : limite de sécurité atteinte dans la "
	        "feuille « %s »",
	        "workbook of more than %lu cells: safety limit reached in sheet “%s”",
	        (unsigned long)w->max_cells, s->name);
}

static sons_status put_cell(xl *w, xs *s, const char *t, size_t tl)
{
	sons_rctx *r = w->r;
	char ref[16];
	sons_status st;

	if (tl > w->text_left)
		return sons__error_set(
		        r->err, r->lang, SONS_ELIMIT, r->path,
		        "texte des cellules au-delà de la limite de sécurité (feuille « %s », "
		        "cellule %s)",
		        "cell text beyond the safety limit (sheet “%s”, cell %s)", s->name,
		        sons__sheet_ref(ref, s->col, s->row) ? ref : "?");
	w->text_left -= tl;
	if (!s->row_open) {
		st = sons__doc_begin_row(r, s->row);
		if (st != SONS_OK)
			return st;
		s->row_open = 1;
		if (s->row <= s->last_row)
			s->sorted = 0;
		s->last_row = s->row;
	}
	sons__sheet_ref(ref, s->col, s->row);
	st = sons__doc_add_cell(r, t, tl, s->col, 1, ref);
	if (st == SONS_ELIMIT)
		return limit_error(w, s);
	return st;
}

static void time_text(sons_buf *out, int64_t secs)
{
	put_uint(out, (unsigned long)(secs / 3600), 2);
	sons__buf_putc(out, ':');
	put_uint(out, (unsigned long)(secs / 60 % 60), 2);
	if (secs % 60) {
		sons__buf_putc(out, ':');
		put_uint(out, (unsigned long)(secs % 60), 2);
	}
}

/* The cell just closed: its text from its type, then into the model. */
static sons_status end_cell(xl *w, xs *s)
{
	const char *t = NULL;
	size_t tl = 0;
	int has_value = 0, has_date = 0;
	double v = 0.0;
	sons_date dt;
	sons_buf *val = &w->val, *text = &w->text;
	const char *vs = val->len ? val->data : "";

	s->in_cell = s->in_v = s->in_is = s->in_t = s->rph = 0;
	switch (s->type) {
	case 's': {
		long i = parse_long(vs);
		if (i < 0 || (size_t)i >= w->nsst)
			return SONS_OK; /* no such string: nothing to show */
		t = w->sst.data + w->sst_off[i];
		tl = w->sst_off[i + 1] - w->sst_off[i] - 1;
		break;
	}
	case 'i':
		unescape_buf(text, 0);
		t = text->len ? text->data : vs;
		tl = text->len ? text->len : val->len;
		break;
	case 'b':
		t = strcmp(vs, "1") == 0 ? "VRAI" : strcmp(vs, "0") == 0 ? "FAUX" : vs;
		tl = strlen(t);
		break;
	case 'd':
		if (val->len && sons__date_parse_iso(vs, &dt)) {
			char iso[11];
			sons__date_iso(iso, &dt);
			sons__buf_reset(text);
			sons__buf_append(text, iso, strlen(iso));
			has_date = 1;
			t = text->data;
			tl = text->len;
		} else {
			t = vs;
			tl = val->len;
		}
		break;
	case 'n': {
		sons__buf_reset(text);
		int ok = sons__sheet_number(vs, val->len, &v, text);
		if (ok < 0)
			return SONS_ENOMEM;
		if (ok && (s->fmt == FMT_DATE || s->fmt == FMT_DATETIME) &&
		    sons__date_from_serial(w->date1904 ? v + 1462.0 : v, &dt)) {
			char iso[11];
			sons__date_iso(iso, &dt);
			sons__buf_reset(text);
			sons__buf_append(text, iso, strlen(iso));
			if (s->fmt == FMT_DATETIME && dt.hour >= 0) {
				sons__buf_putc(text, ' ');
				time_text(text, (int64_t)dt.hour * 3600 + dt.minute * 60);
			}
			has_date = 1;
		} else if (ok && s->fmt == FMT_TIME && v >= 0.0 && v < 1.0) {
			int64_t secs = (int64_t)(v * 86400.0 + 0.5);
			sons__buf_reset(text);
			time_text(text, secs >= 86400 ? 86399 : secs);
		} else if (ok) {
			has_value = 1;
		} else {
			sons__buf_append(text, vs, val->len);
		}
		if (text->oom)
			return SONS_ENOMEM;
		t = text->len ? text->data : "";
		tl = text->len;
		break;
	}
	default: /* 'S' formula string, 'e' error: as written */
		unescape_buf(val, 0);
		vs = val->len ? val->data : "";
		t = vs;
		tl = val->len;
		break;
	}
	if (text->oom)
		return SONS_ENOMEM;
	if (sons__sheet_blank(t, tl))
		return SONS_OK;
	sons_status st = put_cell(w, s, t, tl);
	if (st != SONS_OK)
		return st;
	if (has_value)
		sons__doc_cell_value(w->r, v);
	if (has_date)
		sons__doc_cell_date(w->r, &dt);
	return SONS_OK;
}

static void begin_row(xs *s, struct _xmlTextReader *x)
{
	long n = -2;
	if (xmlTextReaderMoveToFirstAttribute(x) == 1) {
		do {
			if (strcmp(lname(x), "r") == 0)
				n = parse_long(aval(x));
		} while (xmlTextReaderMoveToNextAttribute(x) == 1);
		xmlTextReaderMoveToElement(x);
	}
	if (n == -2) /* no number: the next one */
		n = (long)s->row + 1;
	s->in_row = n >= 1 && n <= MAX_ROW;
	if (s->in_row)
		s->row = (int)n;
	s->row_open = 0;
	s->last_col = 0;
}

static void begin_cell(xl *w, xs *s, struct _xmlTextReader *x)
{
	int col = s->last_col + 1, row = 0, bad = 0;
	long style = 0;
	char type = 'n';
	if (xmlTextReaderMoveToFirstAttribute(x) == 1) {
		do {
			const char *an = lname(x), *av = aval(x);
			if (an[0] == 'r' && !an[1]) {
				bad = !parse_ref(av, strlen(av), &col, &row);
			} else if (an[0] == 't' && !an[1]) {
				if (strcmp(av, "s") == 0)
					type = 's';
				else if (strcmp(av, "inlineStr") == 0)
					type = 'i';
				else if (strcmp(av, "str") == 0)
					type = 'S';
				else if (strcmp(av, "b") == 0)
					type = 'b';
				else if (strcmp(av, "e") == 0)
					type = 'e';
				else if (strcmp(av, "d") == 0)
					type = 'd';
			} else if (an[0] == 's' && !an[1]) {
				style = parse_long(av);
			}
		} while (xmlTextReaderMoveToNextAttribute(x) == 1);
		xmlTextReaderMoveToElement(x);
	}
	/* Columns only move right within a row; the row is the <row>'s. */
	s->in_cell = !bad && col > s->last_col && col <= MAX_COL;
	if (s->in_cell)
		s->last_col = col;
	s->col = col;
	s->type = type;
	s->fmt = style >= 0 && (size_t)style < w->nxf ? w->xf[style] : FMT_NONE;
	s->in_v = s->in_is = s->in_t = s->rph = 0;
	sons__buf_reset(&w->val);
	sons__buf_reset(&w->text);
}

/* <mergeCell ref="B5:D5">: the top-left cell spans the columns, as far as
 * the next cell of its row. */
static void merge(xl *w, struct _xmlTextReader *x, const xs *s)
{
	const char *ref = NULL;
	int c1, r1, c2, r2;
	if (xmlTextReaderMoveToFirstAttribute(x) == 1) {
		do {
			if (strcmp(lname(x), "ref") == 0)
				ref = aval(x);
		} while (!ref && xmlTextReaderMoveToNextAttribute(x) == 1);
	}
	const char *colon = ref ? strchr(ref, ':') : NULL;
	int ok = colon && parse_ref(ref, (size_t)(colon - ref), &c1, &r1) &&
	         parse_ref(colon + 1, strlen(colon + 1), &c2, &r2);
	xmlTextReaderMoveToElement(x);
	if (!ok)
		return;
	if (c2 < c1) {
		int t = c1;
		c1 = c2;
		c2 = t;
	}
	if (r2 < r1)
		r1 = r2;
	if (c2 == c1)
		return;
	size_t nb = sons__doc_block_count(w->r->doc);
	if (nb == 0)
		return;
	/* The open table is the last block, and the builder's own memory: this
	 * reader builds it, so it may set the span it learns only now. */
	sons_block *b = (sons_block *)(uintptr_t)sons__doc_block(w->r->doc, nb - 1);
	if (b->type != SONS_BLOCK_TABLE || b->nrows == 0)
		return;
	sons_row *row = NULL;
	if (s->sorted) {
		size_t lo = 0, hi = b->nrows;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (b->rows[mid].index < r1)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < b->nrows && b->rows[lo].index == r1)
			row = &b->rows[lo];
	} else {
		for (size_t i = 0; i < b->nrows && !row; i++)
			if (b->rows[i].index == r1)
				row = &b->rows[i];
	}
	if (!row)
		return;
	size_t lo = 0, hi = row->ncells;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (row->cells[mid].col < c1)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= row->ncells || row->cells[lo].col != c1)
		return;
	int span = c2 - c1 + 1;
	if (lo + 1 < row->ncells && row->cells[lo + 1].col - c1 < span)
		span = row->cells[lo + 1].col - c1;
	row->cells[lo].span = span;
}

/* Looks at a sheet's drawing for what carries content: charts, SmartArt,
 * text boxes. Pictures (a logo) are not worth a word. */
static sons_status scan_drawing(xl *w, const xs *s)
{
	xrels rs = { NULL, 0, 0 };
	unsigned char *data = NULL;
	size_t len = 0;
	struct _xmlTextReader *x = NULL;
	sons_error keep = { SONS_OK, "", "" };
	sons_status st;
	char *dir = NULL, *rels = NULL, *part = NULL;
	int chart = 0, diagram = 0, text = 0, tx = 0, rc = 0;
	const sons_rctx *r = w->r;

	if (r->err)
		keep = *r->err;
	/* xl/worksheets/sheet1.xml → xl/worksheets/_rels/sheet1.xml.rels */
	const char *slash = strrchr(s->part, '/');
	size_t dl = slash ? (size_t)(slash - s->part) + 1 : 0;
	dir = sons__strndup(s->part, dl);
	sons__buf_reset(&w->tmp);
	sons__buf_append(&w->tmp, s->part, dl);
	sons__buf_puts(&w->tmp, "_rels/");
	sons__buf_puts(&w->tmp, s->part + dl);
	sons__buf_puts(&w->tmp, ".rels");
	rels = w->tmp.oom ? NULL : sons__strdup(w->tmp.data);
	if (!dir || !rels)
		goto oom;
	st = read_rels(w, rels, dir, &rs);
	if (st != SONS_OK)
		goto done;
	const xrel *rel = rel_find(&rs, s->drawing);
	if (!rel || !sons__zip_has(w->z, rel->target)) {
		st = SONS_OK;
		goto cleanup;
	}
	part = sons__strdup(rel->target);
	if (!part)
		goto oom;
	st = sons__zip_read(w->z, part, &data, &len);
	if (st != SONS_OK)
		goto done;
	x = sons__xml_reader_new(data, len, part);
	if (!x)
		goto oom;
	while ((rc = sons__xml_next(w->r, x, part)) == 1) {
		int type = xmlTextReaderNodeType(x);
		if (type == XML_READER_TYPE_ELEMENT) {
			const char *ln = lname(x);
			if (strcmp(ln, "chart") == 0)
				chart = 1;
			else if (strcmp(ln, "relIds") == 0)
				diagram = 1;
			else if (strcmp(ln, "txBody") == 0 && !xmlTextReaderIsEmptyElement(x))
				tx = 1;
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			if (strcmp(lname(x), "txBody") == 0)
				tx = 0;
		} else if (tx && type == XML_READER_TYPE_TEXT) {
			text = 1;
		}
	}
	st = rc < 0 ? xml_failed(w->r) : SONS_OK;
done:
	if (st == SONS_ENOMEM)
		goto cleanup;
	if (st != SONS_OK) {
		if (w->r->err)
			*w->r->err = keep;
		st = skipped(w->r, "dessins illisibles de la feuille « %s » ignorés",
		             "unreadable drawings of sheet “%s” skipped", s->name);
		goto cleanup;
	}
	if (chart)
		st = skipped(w->r, "graphique de la feuille « %s » ignoré",
		             "chart in sheet “%s” skipped", s->name);
	if (st == SONS_OK && diagram)
		st = skipped(w->r, "diagramme SmartArt de la feuille « %s » ignoré",
		             "SmartArt diagram in sheet “%s” skipped", s->name);
	if (st == SONS_OK && text)
		st = skipped(w->r, "zone de texte de la feuille « %s » ignorée",
		             "text box in sheet “%s” skipped", s->name);
	goto cleanup;
oom:
	st = SONS_ENOMEM;
cleanup:
	if (x)
		xmlFreeTextReader(x);
	sons__free(data);
	sons__free(dir);
	sons__free(rels);
	sons__free(part);
	rels_free(&rs);
	return st;
}

static sons_status read_sheet(xl *w, const char *name, const char *part)
{
	unsigned char *data = NULL;
	size_t len = 0;
	struct _xmlTextReader *x = NULL;
	sons_status st;
	int rc, table = 0;
	xs s;

	memset(&s, 0, sizeof(s));
	s.name = name;
	s.part = part;
	s.sorted = 1;
	st = sons__zip_read(w->z, part, &data, &len);
	if (st != SONS_OK)
		return st;
	x = sons__xml_reader_new(data, len, part);
	if (!x) {
		st = SONS_ENOMEM;
		goto cleanup;
	}
	st = sons__doc_begin_table(w->r, name);
	if (st != SONS_OK)
		goto cleanup;
	table = 1;
	while ((rc = sons__xml_next(w->r, x, part)) == 1) {
		int type = xmlTextReaderNodeType(x);
		if (type == XML_READER_TYPE_ELEMENT) {
			const char *ln = lname(x);
			int depth = xmlTextReaderDepth(x);
			int empty = xmlTextReaderIsEmptyElement(x);
			if (s.in_cell && depth == 4) {
				if (!empty && ln[0] == 'v' && !ln[1])
					s.in_v = 1;
				else if (!empty && strcmp(ln, "is") == 0)
					s.in_is = 1;
			} else if (s.in_is && depth >= 5) {
				if (!empty && strcmp(ln, "rPh") == 0)
					s.rph++;
				else if (!empty && !s.rph && ln[0] == 't' && !ln[1])
					s.in_t = 1;
			} else if (s.in_row && depth == 3 && ln[0] == 'c' && !ln[1]) {
				begin_cell(w, &s, x);
				if (empty && s.in_cell) {
					st = end_cell(w, &s);
					if (st != SONS_OK)
						goto cleanup;
				}
			} else if (s.in_sd && depth == 2 && strcmp(ln, "row") == 0) {
				begin_row(&s, x);
				if (empty)
					s.in_row = 0;
			} else if (depth == 1 && strcmp(ln, "sheetData") == 0) {
				s.in_sd = !empty;
			} else if (depth == 1 && strcmp(ln, "mergeCells") == 0) {
				s.in_merge = !empty;
			} else if (s.in_merge && depth == 2 && strcmp(ln, "mergeCell") == 0) {
				merge(w, x, &s);
			} else if (depth == 1 && strcmp(ln, "drawing") == 0 && !s.drawing) {
				if (xmlTextReaderMoveToFirstAttribute(x) == 1) {
					do {
						if (is_rel_id(x, lname(x)) && !s.drawing) {
							s.drawing = sons__strdup(aval(x));
							if (!s.drawing) {
								st = SONS_ENOMEM;
								goto cleanup;
							}
						}
					} while (xmlTextReaderMoveToNextAttribute(x) == 1);
					xmlTextReaderMoveToElement(x);
				}
			} else if (strcmp(ln, "oleObject") == 0) {
				s.ole = 1;
			}
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			const char *ln = lname(x);
			int depth = xmlTextReaderDepth(x);
			if (s.in_cell && depth == 3) {
				st = end_cell(w, &s);
				if (st != SONS_OK)
					goto cleanup;
			} else if (s.in_cell && depth == 4) {
				s.in_v = s.in_is = 0;
			} else if (s.in_is) {
				if (strcmp(ln, "rPh") == 0 && s.rph)
					s.rph--;
				else if (ln[0] == 't' && !ln[1])
					s.in_t = 0;
			} else if (depth == 2 && s.in_row) {
				s.in_row = 0;
			} else if (depth == 1) {
				s.in_sd = s.in_merge = 0;
			}
		} else if (s.in_v && is_text_node(type)) {
			const char *v = aval(x);
			if (sons__buf_append(&w->val, v, strlen(v))) {
				st = SONS_ENOMEM;
				goto cleanup;
			}
		} else if (s.in_t && is_text_node(type)) {
			const char *v = aval(x);
			if (sons__buf_append(&w->text, v, strlen(v))) {
				st = SONS_ENOMEM;
				goto cleanup;
			}
		}
	}
	if (rc < 0) {
		st = xml_failed(w->r);
		goto cleanup;
	}
	table = 0;
	st = sons__doc_end_table(w->r);
	if (st == SONS_OK && s.drawing)
		st = scan_drawing(w, &s);
	if (st == SONS_OK && s.ole)
		st = skipped(w->r, "objet incorporé de la feuille « %s » ignoré",
		             "embedded object in sheet “%s” skipped", name);
cleanup:
	if (table)
		sons__doc_end_table(w->r);
	if (x)
		xmlFreeTextReader(x);
	sons__free(data);
	sons__free(s.drawing);
	return st;
}

static sons_status read_xlsx(sons_rctx *r, const unsigned char *data, size_t len, sons_zip *zip)
{
	xl w;
	sons_status st;

	(void)data;
	(void)len;
	memset(&w, 0, sizeof(w));
	w.r = r;
	w.z = zip;
	w.max_cells = r->lim && r->lim->max_cells ? r->lim->max_cells : 2000000u;
	w.text_left = r->lim && r->lim->max_inflated ? r->lim->max_inflated : (uint64_t)256 << 20;
	sons__buf_init(&w.sst);
	sons__buf_init(&w.text);
	sons__buf_init(&w.val);
	sons__buf_init(&w.tmp);

	st = read_workbook(&w);
	if (st == SONS_OK)
		st = read_rels(&w, "xl/_rels/workbook.xml.rels", "xl/", &w.rels);
	if (st == SONS_OK)
		st = read_sst(&w);
	if (st == SONS_OK)
		st = read_styles(&w);
	if (st == SONS_OK)
		st = sons__read_title(r, zip, "docProps/core.xml");
	for (size_t i = 0; st == SONS_OK && i < w.nsheets; i++) {
		const char *name = w.sheets[i].name;
		const xrel *rel = rel_find(&w.rels, w.sheets[i].rid);
		if (!rel || !sons__zip_has(zip, rel->target))
			st = skipped(r, "feuille « %s » ignorée : sa partie manque dans l'archive",
			             "sheet “%s” skipped: its part is missing from the archive",
			             name);
		else if (strcmp(rel->type, "worksheet") == 0)
			st = read_sheet(&w, name, rel->target);
		else if (strcmp(rel->type, "chartsheet") == 0)
			st = skipped(r, "feuille graphique « %s » ignorée",
			             "chart sheet “%s” skipped", name);
		else
			st = skipped(r,
			             "feuille « %s » ignorée : feuille de macros ou de boîte de "
			             "dialogue, non lue",
			             "sheet “%s” skipped: a macro or dialog sheet, not read", name);
	}

	for (size_t i = 0; i < w.nsheets; i++) {
		sons__free(w.sheets[i].name);
		sons__free(w.sheets[i].rid);
	}
	sons__free(w.sheets);
	rels_free(&w.rels);
	sons__buf_free(&w.sst);
	sons__free(w.sst_off);
	sons__free(w.xf);
	sons__buf_free(&w.text);
	sons__buf_free(&w.val);
	sons__buf_free(&w.tmp);
	return st;
}

const sons_reader sons__reader_xlsx = { "xlsx", read_xlsx };
