/* SPDX-License-Identifier: MIT */
/* OpenDocument text (.odt): content.xml, then the master pages' headers
 * and footers in styles.xml, and meta.xml's title, read with libxml2's
 * streaming reader. Paragraphs are built in one reused buffer (a paragraph
 * nested in another, e.g. in a frame or a note, is the buffer's tail and is
 * emitted when it ends). Rows of top-level tables are buffered so that
 * table:number-rows-repeated and table:number-columns-repeated can be
 * applied: repeated EMPTY rows and cells are never expanded (LibreOffice
 * writes 1024 of them), repeated non-empty ones are, under caps. Nested
 * tables are flattened into the enclosing cell ("\n" between rows, " | "
 * between cells). Tracked deletions, comments and note citations are not
 * read; embedded objects are reported as skipped. */
#include <string.h>

#include <libxml/xmlreader.h>

#include "internal.h"

enum ns { NS_OTHER = 0, NS_OFFICE, NS_TEXT, NS_TABLE, NS_DRAW, NS_SVG, NS_DC };

enum kind { K_OTHER = 0, K_P, K_TBL, K_TR, K_TC };

enum { SKIP_OBJECT = 1, SKIP_OLE = 2 };

/* Repetitions of non-empty rows / cells expanded at most, and the memory
 * (model cells and their text) all such copies may add to one document:
 * a few hundred bytes of XML must not become millions of cells. */
#define REPEAT_CAP    1024
#define EXPAND_BUDGET ((size_t)4 << 20)
#define CELL_COST     (sizeof(sons_cell) + 8)
#define MAX_COL       100000
#define MAX_ROW       100000000

typedef struct para {
	size_t start;
	int heading;
} para;

typedef struct level { /* an open table */
	int col;       /* next grid column of the current row */
	int nrows;     /* rows begun */
	int ncells;    /* cells of the current row */
	int row_open, cell_open;
	int span, reps;   /* open cell: columns spanned, columns repeated */
	int row_reps;     /* open row: rows repeated */
	int pending;      /* covered cells still expected after a spanning cell */
	int has_text;     /* nested: the open cell has text already */
	size_t tbl_start; /* nested: cell buffer length when the table began */
} level;

typedef struct pcell {   /* a cell of the buffered top-level row */
	size_t off, len; /* its text in rowtext */
	int col, span, reps;
} pcell;

typedef struct odt {
	sons_rctx *r;
	xmlTextReaderPtr x;
	unsigned char *stack; /* kinds of the open elements */
	size_t depth, capstack;
	para *paras;
	size_t npara, cappara;
	level *tbl;
	size_t ntbl, captbl;
	uint32_t max_tables;
	sons_buf text;    /* paragraphs being built */
	sons_buf cell;    /* the open top-level cell, nested tables flattened */
	sons_buf rowtext; /* texts of the buffered top-level row */
	pcell *cells;
	size_t ncells, capcells;
	int row_has_text;
	int rowno;      /* next row number of the top-level table */
	int last_space; /* the paragraph text ends with collapsible space */
	size_t budget;  /* bytes repetitions may still add */
	unsigned skipped;
	int skip_depth;   /* >= 0: inside a subtree that is not read */
	const char *gate; /* the office: child of the root that is read */
} odt;

#define ODF_NS "urn:oasis:names:tc:opendocument:xmlns:"

static int ns_of(odt *d)
{
	/* The node's own URI: xmlTextReaderConstNamespaceUri() would look
	 * it up in the dictionary (a hash of the whole URI) every time. No
	 * cache by address: the reader frees namespace declarations with
	 * their elements, and the address may come back with another URI. */
	const char *u = sons__xml_ns(d->x);
	int k = NS_OTHER;
	const char *s = u;
	if (s && strncmp(s, ODF_NS, sizeof(ODF_NS) - 1) == 0) {
		const char *t = s + sizeof(ODF_NS) - 1;
		if (strcmp(t, "office:1.0") == 0)
			k = NS_OFFICE;
		else if (strcmp(t, "text:1.0") == 0)
			k = NS_TEXT;
		else if (strcmp(t, "table:1.0") == 0)
			k = NS_TABLE;
		else if (strcmp(t, "drawing:1.0") == 0)
			k = NS_DRAW;
		else if (strcmp(t, "svg-compatible:1.0") == 0)
			k = NS_SVG;
	} else if (s && strcmp(s, "http://purl.org/dc/elements/1.1/") == 0) {
		k = NS_DC;
	}
	return k;
}

/* Copies the value of the current element's attribute with this local
 * name (any namespace) into out; 1 when found. */
static int attr(xmlTextReaderPtr x, const char *local, char *out, size_t outsz)
{
	int found = 0;
	out[0] = '\0';
	if (xmlTextReaderMoveToFirstAttribute(x) != 1)
		return 0;
	do {
		const char *n = (const char *)xmlTextReaderConstLocalName(x);
		if (n && strcmp(n, local) == 0) {
			const char *v = (const char *)xmlTextReaderConstValue(x);
			size_t len = v ? strlen(v) : 0;
			if (len >= outsz)
				len = outsz - 1;
			if (len)
				memcpy(out, v, len);
			out[len] = '\0';
			found = 1;
			break;
		}
	} while (xmlTextReaderMoveToNextAttribute(x) == 1);
	xmlTextReaderMoveToElement(x);
	return found;
}

/* A small non-negative integer, clamped to max; -1 when there are no
 * digits. */
static int small_int(const char *s, int max)
{
	while (*s == ' ')
		s++;
	if (*s < '0' || *s > '9')
		return -1;
	long v = 0;
	for (; *s >= '0' && *s <= '9'; s++)
		if (v <= max)
			v = v * 10 + (*s - '0');
	return v > max ? max : (int)v;
}

/* An integer attribute of the current element, at least 1, at most max. */
static int count_attr(odt *d, const char *local, int max)
{
	char v[32];
	if (!attr(d->x, local, v, sizeof(v)))
		return 1;
	int n = small_int(v, max);
	return n >= 1 ? n : 1;
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	return 1;
}

static int col_add(int col, long n)
{
	return n >= MAX_COL - col ? MAX_COL : col + (int)n;
}

static int row_add(int row, long n)
{
	return n >= MAX_ROW - row ? MAX_ROW : row + (int)n;
}

static sons_status oom(odt *d)
{
	return sons__error_set(d->r->err, d->r->lang, SONS_ENOMEM, d->r->path,
	                       "mémoire insuffisante", "out of memory");
}

static sons_status model_error(odt *d, sons_status st)
{
	if (st == SONS_ELIMIT)
		return sons__error_set(d->r->err, d->r->lang, SONS_ELIMIT, d->r->path,
		                       "trop de cellules de tableau (limite de %u)",
		                       "too many table cells (limit %u)",
		                       (unsigned)(d->r->lim && d->r->lim->max_cells
		                                          ? d->r->lim->max_cells
		                                          : 2000000u));
	if (st == SONS_ENOMEM)
		return oom(d);
	return sons__error_set(d->r->err, d->r->lang, st, d->r->path,
	                       "structure de document incohérente",
	                       "inconsistent document structure");
}

static int grow(void **arr, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return 0;
	size_t nc = *cap ? *cap * 2 : 16;
	void *p = sons__realloc(*arr, nc * elem);
	if (!p)
		return -1;
	*arr = p;
	*cap = nc;
	return 0;
}

static sons_status skipped(odt *d, unsigned bit, const char *fr, const char *en)
{
	if (d->skipped & bit)
		return SONS_OK;
	d->skipped |= bit;
	sons_status st = sons__doc_skipped(d->r, fr, en);
	return st == SONS_OK ? SONS_OK : model_error(d, st);
}

/* ------------------------------------------------------------------ */
/* Paragraphs                                                          */

/* Explicit characters (text:s, text:tab, text:line-break). */
static sons_status put(odt *d, const char *s, size_t n)
{
	if (!d->npara)
		return SONS_OK;
	d->last_space = 0;
	return sons__buf_append(&d->text, s, n) ? oom(d) : SONS_OK;
}

/* Character data: ODF collapses runs of white space to one space. */
static sons_status put_text(odt *d, const char *s)
{
	if (!d->npara)
		return SONS_OK;
	sons_buf *b = &d->text;
	while (*s) {
		size_t n = strcspn(s, " \t\r\n");
		if (n) {
			sons__buf_append(b, s, n);
			d->last_space = 0;
			s += n;
		}
		size_t w = strspn(s, " \t\r\n");
		if (w) {
			if (!d->last_space)
				sons__buf_putc(b, ' ');
			d->last_space = 1;
			s += w;
		}
	}
	return b->oom ? oom(d) : SONS_OK;
}

static sons_status para_begin(odt *d, int heading)
{
	if (grow((void **)&d->paras, &d->cappara, d->npara, sizeof(para)))
		return oom(d);
	d->paras[d->npara].start = d->text.len;
	d->paras[d->npara].heading = heading;
	d->npara++;
	d->last_space = 1; /* leading white space is dropped */
	return SONS_OK;
}

static sons_status emit(odt *d, const char *s, size_t n, int heading)
{
	if (blank(s, n))
		return SONS_OK;
	if (d->ntbl == 0) {
		sons_status st = sons__doc_add_para(d->r, s, n, heading);
		return st == SONS_OK ? SONS_OK : model_error(d, st);
	}
	level *top = &d->tbl[d->ntbl - 1];
	if (!top->cell_open || !d->tbl[0].cell_open)
		return SONS_OK; /* text outside any cell: malformed, dropped */
	sons_buf *c = &d->cell;
	if (d->ntbl == 1) {
		if (c->len && c->data[c->len - 1] != '\n')
			sons__buf_putc(c, '\n');
	} else if (top->has_text) {
		sons__buf_putc(c, ' ');
	}
	sons__buf_append(c, s, n);
	top->has_text = 1;
	return c->oom ? oom(d) : SONS_OK;
}

static sons_status para_end(odt *d)
{
	if (!d->npara)
		return SONS_OK;
	para *p = &d->paras[--d->npara];
	sons_status st = SONS_OK;
	if (d->text.len > p->start)
		st = emit(d, d->text.data + p->start, d->text.len - p->start, p->heading);
	d->text.len = p->start;
	if (d->text.data)
		d->text.data[p->start] = '\0';
	d->last_space = !p->start || d->text.data[p->start - 1] == ' ';
	return st;
}

/* ------------------------------------------------------------------ */
/* Tables                                                              */

static sons_status table_begin(odt *d)
{
	if (d->ntbl >= d->max_tables)
		return sons__error_set(
		        d->r->err, d->r->lang, SONS_ELIMIT, d->r->path,
		        "tableaux imbriqués sur plus de %u niveaux (limite de sécurité)",
		        "tables nested more than %u levels deep (safety limit)",
		        (unsigned)d->max_tables);
	if (grow((void **)&d->tbl, &d->captbl, d->ntbl, sizeof(level)))
		return oom(d);
	level *t = &d->tbl[d->ntbl++];
	memset(t, 0, sizeof(*t));
	if (d->ntbl == 1) {
		d->rowno = 1;
		sons_status st = sons__doc_begin_table(d->r, NULL);
		return st == SONS_OK ? SONS_OK : model_error(d, st);
	}
	level *up = &d->tbl[d->ntbl - 2];
	sons_buf *c = &d->cell;
	if (d->ntbl == 2) {
		if (c->len && c->data[c->len - 1] != '\n')
			sons__buf_putc(c, '\n');
	} else if (up->has_text) {
		sons__buf_putc(c, ' ');
	}
	t->tbl_start = c->len;
	return c->oom ? oom(d) : SONS_OK;
}

static sons_status row_begin(odt *d, int reps)
{
	level *t = &d->tbl[d->ntbl - 1];
	if (t->row_open)
		return SONS_OK;
	t->row_open = 1;
	t->row_reps = reps;
	t->pending = 0;
	t->col = 1;
	t->ncells = 0;
	if (d->ntbl == 1) {
		t->nrows++;
		d->ncells = 0;
		d->row_has_text = 0;
		sons__buf_reset(&d->rowtext);
		return SONS_OK;
	}
	if (t->nrows++ && d->tbl[0].cell_open)
		sons__buf_putc(&d->cell, '\n');
	return d->cell.oom ? oom(d) : SONS_OK;
}

static sons_status cell_begin(odt *d, int span, int reps)
{
	level *t = &d->tbl[d->ntbl - 1];
	if (!t->row_open) {
		sons_status st = row_begin(d, 1);
		if (st != SONS_OK)
			return st;
	}
	if (t->cell_open)
		return SONS_OK;
	t->cell_open = 1;
	t->span = span;
	t->reps = reps;
	t->has_text = 0;
	if (d->ntbl == 1) {
		sons__buf_reset(&d->cell);
		return SONS_OK;
	}
	if (t->ncells && d->tbl[0].cell_open)
		sons__buf_puts(&d->cell, " | ");
	return d->cell.oom ? oom(d) : SONS_OK;
}

static sons_status cell_end(odt *d)
{
	level *t = &d->tbl[d->ntbl - 1];
	if (!t->cell_open)
		return SONS_OK;
	t->cell_open = 0;
	int col = t->col;
	/* A spanning cell is followed by the covered cells it hides; they
	 * do not move the column again (see covered_cell). */
	t->col = col_add(col, (long)t->span * t->reps);
	t->pending = t->span - 1;
	t->ncells++;
	if (d->ntbl > 1)
		return SONS_OK;
	int empty = blank(d->cell.data ? d->cell.data : "", d->cell.len);
	if (empty && t->reps > 1)
		return SONS_OK; /* repeated empty cells: only the columns count */
	if (grow((void **)&d->cells, &d->capcells, d->ncells, sizeof(pcell)))
		return oom(d);
	pcell *c = &d->cells[d->ncells++];
	c->off = d->rowtext.len;
	c->len = empty ? 0 : d->cell.len;
	c->col = col;
	c->span = t->span;
	c->reps = t->reps;
	if (!empty) {
		d->row_has_text = 1;
		if (sons__buf_append(&d->rowtext, d->cell.data, d->cell.len))
			return oom(d);
	}
	return SONS_OK;
}

/* Emits the buffered top-level row, repeated as it says. */
static sons_status flush_row(odt *d, int row_reps)
{
	int first = d->rowno;
	d->rowno = row_add(d->rowno, row_reps);
	if (!d->row_has_text && row_reps > 1)
		return SONS_OK; /* repeated empty rows are not expanded */
	int copies = d->row_has_text ? (row_reps < REPEAT_CAP ? row_reps : REPEAT_CAP) : 1;
	const char *base = d->rowtext.data ? d->rowtext.data : "";
	for (int k = 0; k < copies; k++) {
		if (k > 0) {
			/* Copies beyond the first draw on the expansion budget. */
			size_t cost = sizeof(sons_row) + d->rowtext.len + CELL_COST * d->ncells;
			if (cost > d->budget)
				break;
			d->budget -= cost;
		}
		sons_status st = sons__doc_begin_row(d->r, first + k);
		if (st != SONS_OK)
			return model_error(d, st);
		for (size_t i = 0; i < d->ncells; i++) {
			const pcell *c = &d->cells[i];
			int reps = c->reps < REPEAT_CAP ? c->reps : REPEAT_CAP;
			for (int j = 0; j < reps; j++) {
				if (j > 0) {
					size_t cost = c->len + CELL_COST;
					if (cost > d->budget)
						break;
					d->budget -= cost;
				}
				int col = col_add(c->col, (long)j * c->span);
				st = sons__doc_add_cell(d->r, base + c->off, c->len, col, c->span,
				                        NULL);
				if (st != SONS_OK)
					return model_error(d, st);
			}
		}
	}
	return SONS_OK;
}

static sons_status row_end(odt *d)
{
	level *t = &d->tbl[d->ntbl - 1];
	if (t->cell_open) {
		sons_status st = cell_end(d);
		if (st != SONS_OK)
			return st;
	}
	if (!t->row_open)
		return SONS_OK;
	t->row_open = 0;
	return d->ntbl == 1 ? flush_row(d, t->row_reps) : SONS_OK;
}

static sons_status table_end(odt *d)
{
	sons_status st = row_end(d);
	if (st != SONS_OK)
		return st;
	level *t = &d->tbl[--d->ntbl];
	if (d->ntbl == 0) {
		st = sons__doc_end_table(d->r);
		return st == SONS_OK ? SONS_OK : model_error(d, st);
	}
	if (d->cell.len > t->tbl_start)
		d->tbl[d->ntbl - 1].has_text = 1;
	return SONS_OK;
}

/* A covered cell (under a merged one) is no cell of its own: those that
 * follow a spanning cell were counted by its span, others (under a cell
 * merged from the rows above) move the column on. */
static void covered_cell(odt *d, int reps)
{
	level *t = &d->tbl[d->ntbl - 1];
	if (!t->row_open || t->cell_open)
		return;
	int hidden = reps < t->pending ? reps : t->pending;
	t->pending -= hidden;
	t->col = col_add(t->col, (long)reps - hidden);
}

/* ------------------------------------------------------------------ */
/* Elements                                                            */

static sons_status end_kind(odt *d, unsigned char kind)
{
	switch (kind) {
	case K_P:
		return para_end(d);
	case K_TBL:
		return d->ntbl ? table_end(d) : SONS_OK;
	case K_TR:
		return d->ntbl ? row_end(d) : SONS_OK;
	case K_TC:
		return d->ntbl ? cell_end(d) : SONS_OK;
	default:
		return SONS_OK;
	}
}

static sons_status start_text(odt *d, const char *n, unsigned char *kind, int *skip)
{
	if (strcmp(n, "p") == 0) {
		*kind = K_P;
		return para_begin(d, 0);
	}
	if (strcmp(n, "h") == 0) {
		*kind = K_P;
		return para_begin(d, count_attr(d, "outline-level", 10));
	}
	if (strcmp(n, "span") == 0 || strcmp(n, "a") == 0)
		return SONS_OK;
	if (strcmp(n, "s") == 0) {
		static const char spaces[] = "                                ";
		int c = count_attr(d, "c", 256);
		sons_status st = SONS_OK;
		while (c > 0 && st == SONS_OK) {
			int k = c < 32 ? c : 32;
			st = put(d, spaces, (size_t)k);
			c -= k;
		}
		return st;
	}
	if (strcmp(n, "tab") == 0)
		return put(d, "\t", 1);
	if (strcmp(n, "line-break") == 0)
		return put(d, "\n", 1);
	/* Not read: deleted text of tracked changes, note numbers (they would
	 * stick to the amounts), index templates. */
	size_t len = strlen(n);
	if (strcmp(n, "tracked-changes") == 0 || strcmp(n, "note-citation") == 0 ||
	    (len > 7 && strcmp(n + len - 7, "-source") == 0))
		*skip = 1;
	return SONS_OK;
}

static sons_status start_table(odt *d, const char *n, unsigned char *kind, int *skip)
{
	if (strcmp(n, "table") == 0) {
		*kind = K_TBL;
		return table_begin(d);
	}
	if (!d->ntbl)
		return SONS_OK;
	if (strcmp(n, "table-row") == 0) {
		*kind = K_TR;
		return row_begin(d, count_attr(d, "number-rows-repeated", 1 << 20));
	}
	if (strcmp(n, "table-cell") == 0) {
		*kind = K_TC;
		int span = count_attr(d, "number-columns-spanned", 1000);
		int reps = count_attr(d, "number-columns-repeated", 1 << 20);
		return cell_begin(d, span, reps);
	}
	if (strcmp(n, "covered-table-cell") == 0) {
		covered_cell(d, count_attr(d, "number-columns-repeated", 1 << 20));
		*skip = 1;
	} else if (strcmp(n, "table-column") == 0 || strcmp(n, "table-columns") == 0 ||
	           strcmp(n, "table-header-columns") == 0 || strcmp(n, "table-column-group") == 0) {
		*skip = 1;
	}
	return SONS_OK;
}

static sons_status on_start(odt *d)
{
	const char *n = (const char *)xmlTextReaderConstLocalName(d->x);
	int empty = xmlTextReaderIsEmptyElement(d->x) == 1;
	int depth = xmlTextReaderDepth(d->x);
	unsigned char kind = K_OTHER;
	int skip = 0;
	sons_status st = SONS_OK;
	if (!n)
		n = "";
	int ns = ns_of(d);
	if (depth == 1) {
		/* Only office:body (content.xml) or office:master-styles
		 * (styles.xml) is read below the root. */
		skip = ns != NS_OFFICE || strcmp(n, d->gate) != 0;
	} else {
		switch (ns) {
		case NS_TEXT:
			st = start_text(d, n, &kind, &skip);
			break;
		case NS_TABLE:
			st = start_table(d, n, &kind, &skip);
			break;
		case NS_OFFICE:
			if (strcmp(n, "annotation") == 0 || strcmp(n, "forms") == 0)
				skip = 1;
			break;
		case NS_DRAW:
			if (strcmp(n, "object") == 0) {
				skip = 1;
				st = skipped(d, SKIP_OBJECT,
				             "objet incorporé (graphique, formule ou autre "
				             "document) ignoré",
				             "embedded object (chart, formula or other document) "
				             "skipped");
			} else if (strcmp(n, "object-ole") == 0) {
				skip = 1;
				st = skipped(d, SKIP_OLE, "objet incorporé (OLE) ignoré",
				             "embedded (OLE) object skipped");
			}
			break;
		case NS_SVG:
			if (strcmp(n, "title") == 0 || strcmp(n, "desc") == 0)
				skip = 1;
			break;
		default:
			break;
		}
	}
	if (st != SONS_OK)
		return st;
	if (skip) {
		if (!empty)
			d->skip_depth = depth;
		return SONS_OK;
	}
	if (empty)
		return end_kind(d, kind);
	if (grow((void **)&d->stack, &d->capstack, d->depth, 1))
		return oom(d);
	d->stack[d->depth++] = kind;
	return SONS_OK;
}

static sons_status on_end(odt *d)
{
	if (!d->depth)
		return SONS_OK;
	return end_kind(d, d->stack[--d->depth]);
}

static sons_status xml_failed(odt *d)
{
	return d->r->err->code != SONS_OK ? d->r->err->code : SONS_EFORMAT;
}

static sons_status parse_part(odt *d, const unsigned char *data, size_t len, const char *part,
                              const char *gate)
{
	d->depth = d->npara = d->ntbl = 0;
	d->skip_depth = -1;
	d->gate = gate;
	sons__buf_reset(&d->text);
	sons__buf_reset(&d->cell);
	d->x = sons__xml_reader_new(data, len, part);
	if (!d->x)
		return oom(d);
	sons_status st = SONS_OK;
	int ret;
	while ((ret = sons__xml_next(d->r, d->x, part)) == 1) {
		int type = xmlTextReaderNodeType(d->x);
		if (d->skip_depth >= 0) {
			if (type == XML_READER_TYPE_END_ELEMENT &&
			    xmlTextReaderDepth(d->x) == d->skip_depth)
				d->skip_depth = -1;
			continue;
		}
		switch (type) {
		case XML_READER_TYPE_ELEMENT:
			st = on_start(d);
			break;
		case XML_READER_TYPE_END_ELEMENT:
			st = on_end(d);
			break;
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
		case XML_READER_TYPE_WHITESPACE:
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE: {
			const char *s = (const char *)xmlTextReaderConstValue(d->x);
			if (s)
				st = put_text(d, s);
			break;
		}
		default:
			break;
		}
		if (st != SONS_OK)
			break;
	}
	if (st == SONS_OK && ret < 0)
		st = xml_failed(d);
	if (st == SONS_OK && d->ntbl) {
		sons_status e = sons__doc_end_table(d->r);
		if (e != SONS_OK)
			st = model_error(d, e);
	}
	xmlFreeTextReader(d->x);
	d->x = NULL;
	return st;
}

/* Reads a part; `optional` parts may be missing. */
static sons_status read_part(odt *d, sons_zip *z, const char *name, const char *gate, int optional)
{
	if (optional && !sons__zip_has(z, name))
		return SONS_OK;
	unsigned char *data = NULL;
	size_t len = 0;
	sons_status st = sons__zip_read(z, name, &data, &len);
	if (st != SONS_OK)
		return st;
	st = parse_part(d, data, len, name, gate);
	sons__free(data);
	return st;
}

/* ------------------------------------------------------------------ */
/* Encryption, metadata                                                */

static int contains(const unsigned char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; k <= n && i <= n - k; i++)
		if (s[i] == (unsigned char)needle[0] && memcmp(s + i, needle, k) == 0)
			return 1;
	return 0;
}

/* A password-protected document still opens as a zip, but its parts are
 * encrypted: say so instead of "malformed XML". */
static sons_status check_encryption(odt *d, sons_zip *z)
{
	static const char part[] = "META-INF/manifest.xml";
	if (!sons__zip_has(z, part))
		return SONS_OK;
	unsigned char *data = NULL;
	size_t len = 0;
	sons_status st = sons__zip_read(z, part, &data, &len);
	if (st != SONS_OK)
		return st;
	if (contains(data, len, "encryption-data"))
		st = sons__error_set(d->r->err, d->r->lang, SONS_EUNSUPPORTED, d->r->path,
		                     "document OpenDocument protégé par mot de passe (contenu "
		                     "chiffré) : enregistrez-le sans mot de passe",
		                     "password-protected OpenDocument file (encrypted content): "
		                     "save it without a password");
	sons__free(data);
	return st;
}

static sons_status read_odt(sons_rctx *r, const unsigned char *data, size_t len, sons_zip *zip)
{
	(void)data;
	(void)len;
	sons_error local;
	sons_error *caller_err = r->err;
	if (!r->err) /* the status must be read back from an error record */
		r->err = &local;
	r->err->code = SONS_OK;
	odt d;
	memset(&d, 0, sizeof(d));
	d.r = r;
	d.max_tables = r->lim && r->lim->max_table_depth ? r->lim->max_table_depth : 16;
	d.budget = EXPAND_BUDGET;
	sons__buf_init(&d.text);
	sons__buf_init(&d.cell);
	sons__buf_init(&d.rowtext);

	sons_status st = check_encryption(&d, zip);
	if (st == SONS_OK && !sons__zip_has(zip, "content.xml"))
		st = sons__error_set(r->err, r->lang, SONS_EFORMAT, r->path,
		                     "document OpenDocument incomplet : la partie content.xml, qui "
		                     "porte le texte, manque dans l'archive",
		                     "incomplete OpenDocument file: the content.xml part, which "
		                     "holds the text, is missing from the archive");
	if (st == SONS_OK)
		st = read_part(&d, zip, "content.xml", "body", 0);
	if (st == SONS_OK)
		st = read_part(&d, zip, "styles.xml", "master-styles", 1);
	if (st == SONS_OK)
		st = sons__read_title(r, zip, "meta.xml");

	sons__buf_free(&d.rowtext);
	sons__buf_free(&d.cell);
	sons__buf_free(&d.text);
	sons__free(d.cells);
	sons__free(d.tbl);
	sons__free(d.paras);
	sons__free(d.stack);
	r->err = caller_err;
	return st;
}

const sons_reader sons__reader_odt = { "odt", read_odt };
