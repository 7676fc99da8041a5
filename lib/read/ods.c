/* SPDX-License-Identifier: MIT */
/* OpenDocument spreadsheets (.ods). content.xml is streamed: each
 * table:table becomes a table named after the sheet, each table-row holding
 * a non-empty cell a model row, each non-empty table-cell a cell whose text
 * is that of its paragraphs (joined by '\n') and whose reference ("F12")
 * comes from the row and column counters.
 *
 * Repeats: LibreOffice closes a sheet with empty rows and cells repeated a
 * million times; empty repeats only move the counters. A row or cell with
 * content is expanded (at most MAX_ROW_COPIES times), every copy counting
 * against the cell limit. A row's cells are held until the row ends,
 * because its repeat count comes first. */
#include <string.h>

#include <libxml/xmlreader.h>

#include "internal.h"

#define MAX_COL        16384
#define MAX_ROW        1048576
#define MAX_SPACES     1000 /* text:s c="…" beyond this is an attack, not layout */
#define MAX_ROW_COPIES 1000 /* copies of one non-empty row (table:number-rows-repeated) */
#define NS_ODF         "urn:oasis:names:tc:opendocument:xmlns:"

enum { NS_OTHER, NS_TABLE, NS_TEXT, NS_OFFICE, NS_DRAW };

enum { V_NONE, V_NUMBER, V_DATE, V_BOOL, V_STRING };

/* A non-empty cell of the row being read. */
typedef struct ocell {
	int col;         /* first column */
	int rep;         /* copies side by side */
	int span;        /* columns covered by each copy */
	size_t off, len; /* its text in rowtext */
	int has_value;
	int has_date;
	double value;
	sons_date date;
} ocell;

typedef struct ods {
	sons_rctx *r;
	uint32_t max_cells;
	uint64_t visits, max_visits; /* cell copies looked at, empty ones included */
	uint64_t text_left;          /* bytes of cell text still allowed */

	/* The sheet. */
	int sheet_depth; /* depth of its table:table, -1 outside */
	sons_buf name;
	int64_t row; /* number of the current (or next) row */
	int objects; /* charts or embedded objects seen */
	int textbox; /* text in shapes seen */

	/* The row. */
	int row_depth; /* -1 outside */
	int64_t row_rep;
	int64_t col; /* column of the current (or next) cell */
	ocell *cells;
	size_t ncells, capcells;
	sons_buf rowtext;

	/* The cell. */
	int cell_depth; /* -1 outside */
	int covered;
	int64_t cell_rep;
	int span;
	int vtype;
	int vbool;
	size_t start;   /* its text starts at rowtext.len */
	int npara;      /* paragraphs so far */
	int in_p;       /* inside a text:p or text:h */
	int last_space; /* the text so far ends with a collapsible space */
	sons_buf val;   /* office:value, office:date-value or office:string-value */

	/* Subtrees whose text is not cell text: annotations, notes, shapes. */
	int ignore_depth; /* -1 when none */
	int ignore_draw;
	int draw_p;
} ods;

static int ns_of(struct _xmlTextReader *x)
{
	const char *u = sons__xml_ns(x);
	if (!u || strncmp(u, NS_ODF, sizeof(NS_ODF) - 1) != 0)
		return NS_OTHER;
	u += sizeof(NS_ODF) - 1;
	if (strcmp(u, "table:1.0") == 0)
		return NS_TABLE;
	if (strcmp(u, "text:1.0") == 0)
		return NS_TEXT;
	if (strcmp(u, "office:1.0") == 0)
		return NS_OFFICE;
	if (strcmp(u, "drawing:1.0") == 0)
		return NS_DRAW;
	return NS_OTHER;
}

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

static int is_text_node(int type)
{
	return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
	       type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

/* A repeat or span count: at least 1, at most 2^31-1. */
static int64_t count_of(const char *s)
{
	int64_t v = 0;
	if (*s < '0' || *s > '9')
		return 1;
	for (; *s >= '0' && *s <= '9'; s++)
		if (v < INT32_MAX)
			v = v * 10 + (*s - '0');
	if (*s || v < 1)
		return 1;
	return v > INT32_MAX ? INT32_MAX : v;
}

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

static const char *sheet_name(const ods *o)
{
	return o->name.len ? o->name.data : "";
}

static sons_status visit(ods *o, uint64_t n)
{
	o->visits += n;
	if (o->visits <= o->max_visits)
		return SONS_OK;
	return sons__error_set(
	        o->r->err, o->r->lang, SONS_ELIMIT, o->r->path,
	        "classeur de plus de %llu cellules, vides comprises : limite de "
	        "sécurité atteinte dans la feuille « %s »",
	        "workbook of more than %llu cells, empty ones included: safety limit "
	        "reached in sheet “%s”",
	        (unsigned long long)o->max_visits, sheet_name(o));
}

/* ------------------------------------------------------------------ */
/* Text of a cell.                                                     */

/* ODF white space: space, tab, CR and LF in text count as one space, and
 * a run collapses; text:s, text:tab and text:line-break are kept. */
static int add_text(ods *o, const char *s)
{
	for (; *s; s++) {
		char c = *s;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (o->last_space)
				continue;
			o->last_space = 1;
			c = ' ';
		} else {
			o->last_space = 0;
		}
		if (sons__buf_putc(&o->rowtext, c))
			return -1;
	}
	return 0;
}

static int add_spaces(ods *o, struct _xmlTextReader *x)
{
	int64_t n = 1;
	if (xmlTextReaderMoveToFirstAttribute(x) == 1) {
		do {
			if (strcmp(lname(x), "c") == 0)
				n = count_of(aval(x));
		} while (xmlTextReaderMoveToNextAttribute(x) == 1);
		xmlTextReaderMoveToElement(x);
	}
	if (n > MAX_SPACES)
		n = MAX_SPACES;
	for (int64_t i = 0; i < n; i++)
		if (sons__buf_putc(&o->rowtext, ' '))
			return -1;
	o->last_space = 0;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Cells, rows, sheets.                                                */

static void begin_cell(ods *o, struct _xmlTextReader *x, int covered, int depth)
{
	o->cell_depth = depth;
	o->covered = covered;
	o->cell_rep = 1;
	o->span = 1;
	o->vtype = V_NONE;
	o->vbool = 0;
	o->start = o->rowtext.len;
	o->npara = o->in_p = 0;
	o->last_space = 1;
	sons__buf_reset(&o->val);
	if (xmlTextReaderMoveToFirstAttribute(x) != 1)
		return;
	do {
		const char *an = lname(x), *av = aval(x);
		int ns = ns_of(x);
		if (ns == NS_TABLE && strcmp(an, "number-columns-repeated") == 0) {
			o->cell_rep = count_of(av);
		} else if (ns == NS_TABLE && strcmp(an, "number-columns-spanned") == 0) {
			int64_t n = count_of(av);
			o->span = n > MAX_COL ? MAX_COL : (int)n;
		} else if (ns != NS_OFFICE) {
			continue;
		} else if (strcmp(an, "value-type") == 0) {
			if (strcmp(av, "float") == 0 || strcmp(av, "currency") == 0 ||
			    strcmp(av, "percentage") == 0)
				o->vtype = V_NUMBER;
			else if (strcmp(av, "date") == 0)
				o->vtype = V_DATE;
			else if (strcmp(av, "boolean") == 0)
				o->vtype = V_BOOL;
			else if (strcmp(av, "string") == 0)
				o->vtype = V_STRING;
		} else if (strcmp(an, "value") == 0 || strcmp(an, "date-value") == 0 ||
		           strcmp(an, "string-value") == 0) {
			/* A cell has one of them, by its type. */
			sons__buf_reset(&o->val);
			sons__buf_puts(&o->val, av);
		} else if (strcmp(an, "boolean-value") == 0) {
			o->vbool = strcmp(av, "true") == 0 || strcmp(av, "1") == 0;
		}
	} while (xmlTextReaderMoveToNextAttribute(x) == 1);
	xmlTextReaderMoveToElement(x);
}

/* The current cell's text is empty or white space. */
static int cell_blank(const ods *o)
{
	const sons_buf *t = &o->rowtext;
	return t->len <= o->start || sons__sheet_blank(t->data + o->start, t->len - o->start);
}

static sons_status end_cell(ods *o)
{
	sons_buf *t = &o->rowtext;
	int64_t col = o->col, rep = o->cell_rep;
	const char *v = o->val.len ? o->val.data : "";
	ocell c;
	sons_status st;

	o->cell_depth = -1;
	o->col += rep;
	st = visit(o, 1);
	if (st != SONS_OK || o->covered)
		return st;
	memset(&c, 0, sizeof(c));
	int has_text = !cell_blank(o);
	if (!has_text) {
		t->len = o->start;
		if (t->data)
			t->data[t->len] = '\0';
	}
	if (o->vtype == V_NUMBER) {
		int ok = sons__sheet_number(v, o->val.len, &c.value, has_text ? NULL : t);
		if (ok < 0)
			return SONS_ENOMEM;
		c.has_value = ok;
	} else if (o->vtype == V_DATE) {
		c.has_date = sons__date_parse_iso(v, &c.date);
		if (c.has_date && !has_text) {
			char iso[11];
			sons__date_iso(iso, &c.date);
			sons__buf_puts(t, iso);
		}
	} else if (o->vtype == V_BOOL && !has_text) {
		sons__buf_puts(t, o->vbool ? "VRAI" : "FAUX");
	} else if (o->vtype == V_STRING && !has_text) {
		sons__buf_append(t, v, o->val.len);
	}
	if (t->oom || o->val.oom)
		return SONS_ENOMEM;
	if (cell_blank(o) || col > MAX_COL) {
		t->len = o->start; /* nothing to keep */
		if (t->data)
			t->data[t->len] = '\0';
		return SONS_OK;
	}
	if (col + rep - 1 > MAX_COL)
		rep = MAX_COL - col + 1;
	c.col = (int)col;
	c.rep = (int)rep;
	c.span = o->span;
	c.off = o->start;
	c.len = t->len - o->start;
	if (o->ncells >= o->capcells) {
		size_t nc = o->capcells ? o->capcells * 2 : 16;
		ocell *p = sons__realloc(o->cells, nc * sizeof(ocell));
		if (!p)
			return SONS_ENOMEM;
		o->cells = p;
		o->capcells = nc;
	}
	o->cells[o->ncells++] = c;
	return SONS_OK;
}

static void begin_row(ods *o, struct _xmlTextReader *x, int depth)
{
	o->row_depth = depth;
	o->row_rep = 1;
	o->col = 1;
	o->ncells = 0;
	sons__buf_reset(&o->rowtext);
	if (xmlTextReaderMoveToFirstAttribute(x) != 1)
		return;
	do {
		if (ns_of(x) == NS_TABLE && strcmp(lname(x), "number-rows-repeated") == 0)
			o->row_rep = count_of(aval(x));
	} while (xmlTextReaderMoveToNextAttribute(x) == 1);
	xmlTextReaderMoveToElement(x);
}

/* The row ends: its cells go into the model, once per repeat. */
static sons_status end_row(ods *o)
{
	sons_rctx *r = o->r;
	int64_t first = o->row, rep = o->row_rep;
	char ref[16];

	o->row_depth = -1;
	o->row += rep;
	if (o->ncells == 0)
		return SONS_OK;
	/* LibreOffice repeats a row with content only when identical rows
	 * follow each other; a quote has a handful. A million copies of one
	 * (found by fuzzing) would fill the model and the analysis for nothing. */
	if (rep > MAX_ROW_COPIES)
		return sons__error_set(r->err, r->lang, SONS_ELIMIT, r->path,
		                       "feuille « %s » : une ligne non vide répétée %lld fois "
		                       "(limite de sécurité : %d)",
		                       "sheet “%s”: a non-empty row repeated %lld times (safety "
		                       "limit: %d)",
		                       sheet_name(o), (long long)rep, MAX_ROW_COPIES);
	for (int64_t k = 0; k < rep && first + k <= MAX_ROW; k++) {
		int64_t row = first + k;
		sons_status st = sons__doc_begin_row(r, (int)row);
		if (st != SONS_OK)
			return st;
		for (size_t i = 0; i < o->ncells; i++) {
			const ocell *c = &o->cells[i];
			st = visit(o, (uint64_t)c->rep);
			if (st != SONS_OK)
				return st;
			for (int j = 0; j < c->rep; j++) {
				if (c->len > o->text_left)
					return sons__error_set(
					        r->err, r->lang, SONS_ELIMIT, r->path,
					        "texte des cellules au-delà de la limite de "
					        "sécurité "
					        "(feuille « %s »)",
					        "cell text beyond the safety limit (sheet “%s”)",
					        sheet_name(o));
				o->text_left -= c->len;
				sons__sheet_ref(ref, c->col + j, row);
				st = sons__doc_add_cell(r, o->rowtext.data + c->off, c->len,
				                        c->col + j, c->span, ref);
				if (st == SONS_ELIMIT)
					return sons__error_set(
					        r->err, r->lang, SONS_ELIMIT, r->path,
					        "classeur de plus de %lu cellules : limite de "
					        "sécurité "
					        "atteinte dans la feuille « %s »",
					        "workbook of more than %lu cells: safety limit "
					        "reached "
					        "in sheet “%s”",
					        (unsigned long)o->max_cells, sheet_name(o));
				if (st != SONS_OK)
					return st;
				if (c->has_value)
					sons__doc_cell_value(r, c->value);
				if (c->has_date)
					sons__doc_cell_date(r, &c->date);
			}
		}
	}
	return SONS_OK;
}

static sons_status begin_sheet(ods *o, struct _xmlTextReader *x, int depth)
{
	o->sheet_depth = depth;
	o->row = 1;
	o->objects = o->textbox = 0;
	sons__buf_reset(&o->name);
	if (xmlTextReaderMoveToFirstAttribute(x) == 1) {
		do {
			if (ns_of(x) == NS_TABLE && strcmp(lname(x), "name") == 0)
				sons__buf_puts(&o->name, aval(x));
		} while (xmlTextReaderMoveToNextAttribute(x) == 1);
		xmlTextReaderMoveToElement(x);
	}
	if (sons__buf_putc(&o->name, '\0'))
		return SONS_ENOMEM;
	o->name.len--; /* keep data NUL-terminated even when the name is "" */
	return sons__doc_begin_table(o->r, o->name.data);
}

static sons_status end_sheet(ods *o)
{
	sons_status st;
	o->sheet_depth = -1;
	st = sons__doc_end_table(o->r);
	if (st == SONS_OK && o->objects)
		st = skipped(o->r, "graphique ou objet incorporé de la feuille « %s » ignoré",
		             "chart or embedded object in sheet “%s” skipped", sheet_name(o));
	if (st == SONS_OK && o->textbox)
		st = skipped(o->r, "zone de texte ou forme de la feuille « %s » ignorée",
		             "text box or shape in sheet “%s” skipped", sheet_name(o));
	return st;
}

/* The row's text is held until the row ends; text:s makes it grow faster
 * than the XML: it is bounded by what the document may still take. */
static sons_status text_bound(ods *o)
{
	if (o->rowtext.len <= o->text_left)
		return SONS_OK;
	return sons__error_set(
	        o->r->err, o->r->lang, SONS_ELIMIT, o->r->path,
	        "texte des cellules au-delà de la limite de sécurité (feuille « %s »)",
	        "cell text beyond the safety limit (sheet “%s”)", sheet_name(o));
}

/* An element starts. */
static sons_status on_element(ods *o, struct _xmlTextReader *x)
{
	int ns = ns_of(x), depth = xmlTextReaderDepth(x);
	int empty = xmlTextReaderIsEmptyElement(x);
	const char *ln = lname(x);
	sons_status st = SONS_OK;

	if (o->ignore_depth >= 0) {
		if (!o->ignore_draw)
			return SONS_OK;
		if (ns == NS_DRAW && (strcmp(ln, "object") == 0 || strcmp(ln, "object-ole") == 0))
			o->objects = 1;
		else if (ns == NS_TEXT && !empty && (strcmp(ln, "p") == 0 || strcmp(ln, "h") == 0))
			o->draw_p++;
		return SONS_OK;
	}
	if (o->sheet_depth < 0) {
		if (ns == NS_TABLE && strcmp(ln, "table") == 0) {
			st = begin_sheet(o, x, depth);
			if (st == SONS_OK && empty)
				st = end_sheet(o);
		}
		return st;
	}
	if (ns == NS_DRAW || (ns == NS_OFFICE && strcmp(ln, "annotation") == 0) ||
	    (ns == NS_TEXT && strcmp(ln, "note") == 0)) {
		if (ns == NS_DRAW && (strcmp(ln, "object") == 0 || strcmp(ln, "object-ole") == 0))
			o->objects = 1;
		if (!empty) {
			o->ignore_depth = depth;
			o->ignore_draw = ns == NS_DRAW;
			o->draw_p = 0;
		}
		return SONS_OK;
	}
	if (o->cell_depth >= 0) {
		if (o->covered || ns != NS_TEXT)
			return SONS_OK; /* nested tables are flattened into the text */
		if (strcmp(ln, "p") == 0 || strcmp(ln, "h") == 0) {
			sons_buf *t = &o->rowtext;
			/* The space that ended the previous paragraph goes. */
			if (o->npara && o->last_space && t->len > o->start &&
			    t->data[t->len - 1] == ' ')
				t->data[--t->len] = '\0';
			if (o->npara++ && sons__buf_putc(t, '\n'))
				return SONS_ENOMEM;
			o->last_space = 1;
			if (!empty)
				o->in_p++;
		} else if (strcmp(ln, "s") == 0) {
			if (add_spaces(o, x))
				return SONS_ENOMEM;
			return text_bound(o);
		} else if (strcmp(ln, "tab") == 0) {
			o->last_space = 0;
			if (sons__buf_putc(&o->rowtext, '\t'))
				return SONS_ENOMEM;
		} else if (strcmp(ln, "line-break") == 0) {
			o->last_space = 1;
			if (sons__buf_putc(&o->rowtext, '\n'))
				return SONS_ENOMEM;
		}
		return SONS_OK;
	}
	if (ns != NS_TABLE)
		return SONS_OK;
	if (o->row_depth >= 0) {
		int covered = strcmp(ln, "covered-table-cell") == 0;
		if (covered || strcmp(ln, "table-cell") == 0) {
			begin_cell(o, x, covered, depth);
			if (o->val.oom)
				return SONS_ENOMEM;
			if (empty)
				st = end_cell(o);
		}
		return st;
	}
	if (strcmp(ln, "table-row") == 0) {
		begin_row(o, x, depth);
		if (empty)
			st = end_row(o);
	}
	return st;
}

/* An element ends. */
static sons_status on_end(ods *o, struct _xmlTextReader *x)
{
	int depth = xmlTextReaderDepth(x);

	if (o->ignore_depth >= 0) {
		if (depth == o->ignore_depth) {
			o->ignore_depth = -1;
			o->ignore_draw = o->draw_p = 0;
		} else if (o->ignore_draw && o->draw_p && ns_of(x) == NS_TEXT) {
			const char *ln = lname(x);
			if (strcmp(ln, "p") == 0 || strcmp(ln, "h") == 0)
				o->draw_p--;
		}
		return SONS_OK;
	}
	if (o->cell_depth >= 0) {
		if (depth == o->cell_depth)
			return end_cell(o);
		if (o->in_p && ns_of(x) == NS_TEXT) {
			const char *ln = lname(x);
			if (strcmp(ln, "p") == 0 || strcmp(ln, "h") == 0)
				o->in_p--;
		}
		return SONS_OK;
	}
	if (o->row_depth >= 0) {
		if (depth == o->row_depth)
			return end_row(o);
		return SONS_OK;
	}
	if (o->sheet_depth >= 0 && depth == o->sheet_depth)
		return end_sheet(o);
	return SONS_OK;
}

static sons_status on_text(ods *o, struct _xmlTextReader *x, int type)
{
	if (o->ignore_depth >= 0) {
		if (o->ignore_draw && o->draw_p && type == XML_READER_TYPE_TEXT)
			o->textbox = 1;
		return SONS_OK;
	}
	if (o->cell_depth < 0 || o->covered || !o->in_p)
		return SONS_OK;
	return add_text(o, aval(x)) ? SONS_ENOMEM : text_bound(o);
}

static sons_status read_content(ods *o, sons_zip *z)
{
	static const char part[] = "content.xml";
	unsigned char *data = NULL;
	size_t len = 0;
	struct _xmlTextReader *x = NULL;
	sons_status st;
	int rc;

	st = sons__zip_read(z, part, &data, &len);
	if (st != SONS_OK)
		return st;
	x = sons__xml_reader_new(data, len, part);
	if (!x) {
		st = SONS_ENOMEM;
		goto cleanup;
	}
	while (st == SONS_OK && (rc = sons__xml_next(o->r, x, part)) == 1) {
		int type = xmlTextReaderNodeType(x);
		if (type == XML_READER_TYPE_ELEMENT)
			st = on_element(o, x);
		else if (type == XML_READER_TYPE_END_ELEMENT)
			st = on_end(o, x);
		else if (is_text_node(type))
			st = on_text(o, x, type);
	}
	if (st == SONS_OK && rc < 0)
		st = xml_failed(o->r);
cleanup:
	if (o->sheet_depth >= 0)
		sons__doc_end_table(o->r);
	if (x)
		xmlFreeTextReader(x);
	sons__free(data);
	return st;
}

/* A password-protected document keeps its manifest in clear and says so
 * with <manifest:encryption-data>; its content.xml is not XML. */
static sons_status check_encrypted(sons_rctx *r, sons_zip *z)
{
	static const char part[] = "META-INF/manifest.xml";
	static const char mark[] = "encryption-data";
	unsigned char *data = NULL;
	size_t len = 0;
	int found = 0;

	if (!sons__zip_has(z, part))
		return SONS_OK;
	sons_status st = sons__zip_read(z, part, &data, &len);
	if (st != SONS_OK)
		return st;
	for (size_t i = 0; !found && i + sizeof(mark) - 1 <= len; i++)
		found = data[i] == 'e' && memcmp(data + i, mark, sizeof(mark) - 1) == 0;
	sons__free(data);
	if (found)
		return sons__error_set(r->err, r->lang, SONS_EUNSUPPORTED, r->path,
		                       "classeur OpenDocument protégé par mot de passe : "
		                       "enregistrez-le sans mot de passe",
		                       "password-protected OpenDocument spreadsheet: save it "
		                       "without a password");
	return SONS_OK;
}

static sons_status read_ods(sons_rctx *r, const unsigned char *data, size_t len, sons_zip *zip)
{
	ods o;
	sons_status st;

	(void)data;
	(void)len;
	memset(&o, 0, sizeof(o));
	o.r = r;
	o.max_cells = r->lim && r->lim->max_cells ? r->lim->max_cells : 2000000u;
	o.max_visits = (uint64_t)o.max_cells * 50;
	o.text_left = r->lim && r->lim->max_inflated ? r->lim->max_inflated : (uint64_t)256 << 20;
	o.sheet_depth = o.row_depth = o.cell_depth = o.ignore_depth = -1;
	sons__buf_init(&o.name);
	sons__buf_init(&o.rowtext);
	sons__buf_init(&o.val);

	st = check_encrypted(r, zip);
	if (st == SONS_OK)
		st = read_content(&o, zip);
	if (st == SONS_OK)
		st = sons__read_title(r, zip, "meta.xml");

	sons__free(o.cells);
	sons__buf_free(&o.name);
	sons__buf_free(&o.rowtext);
	sons__buf_free(&o.val);
	return st;
}

const sons_reader sons__reader_ods = { "ods", read_ods };
