/* SPDX-License-Identifier: MIT */
/* Word documents (.docx, WordprocessingML): word/document.xml, then the
 * headers and footers (they often carry the editor's SIRET), read with
 * libxml2's streaming reader. Paragraphs are built in one reused buffer: a
 * paragraph nested in another (text box) is the tail of that buffer and is
 * emitted when it ends. Top-level tables go to the model cell by cell;
 * nested tables are flattened into the enclosing cell ("\n" between rows,
 * " | " between cells). Deleted revisions and mc:Fallback copies are not
 * read; embedded OLE objects, charts and SmartArt are reported as skipped. */
#include <string.h>

#include <libxml/xmlreader.h>

#include "internal.h"

enum ns {
	NS_OTHER = 0,
	NS_W,       /* wordprocessingml, transitional or strict */
	NS_MC,      /* markup compatibility */
	NS_O,       /* VML office */
	NS_CHART,   /* drawingml chart, chartex */
	NS_DIAGRAM, /* drawingml diagram (SmartArt) */
	NS_DC       /* Dublin Core */
};

/* What an open element is, for its children and its end. */
enum kind { K_OTHER = 0, K_P, K_R, K_T, K_PPR, K_TRPR, K_TCPR, K_TBL, K_TR, K_TC, K_AC };

enum { SKIP_OLE = 1, SKIP_CHART = 2, SKIP_SMARTART = 4, SKIP_ALTCHUNK = 8 };

typedef struct frame {
	unsigned char kind;
	unsigned char choice_taken; /* mc:AlternateContent: a Choice was read */
} frame;

typedef struct para {
	size_t start; /* where its text starts in the text buffer */
	int heading;
} para;

typedef struct level { /* an open table */
	int col;       /* next grid column of the current row */
	int nrows;     /* rows begun */
	int ncells;    /* cells of the current row */
	int row_open, cell_open;
	int span;          /* w:gridSpan of the open cell */
	int vcont;         /* the open cell continues a vertical merge */
	int has_text;      /* nested: the open cell has text already */
	size_t cell_start; /* nested: where the open cell's text starts */
	size_t tbl_start;  /* nested: cell buffer length when the table began */
} level;

typedef struct docx {
	sons_rctx *r;
	xmlTextReaderPtr x;
	frame *stack;
	size_t depth, capstack;
	para *paras;
	size_t npara, cappara;
	level *tbl;
	size_t ntbl, captbl;
	uint32_t max_tables;
	sons_buf text; /* paragraphs being built */
	sons_buf cell; /* the open top-level cell, nested tables flattened */
	unsigned skipped;
	int skip_depth; /* >= 0: inside a subtree that is not read */
} docx;

static const char W_NS[] = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
static const char W_NS_STRICT[] = "http://purl.oclc.org/ooxml/wordprocessingml/main";

static int ns_of(docx *d)
{
	/* The node's own URI: xmlTextReaderConstNamespaceUri() would look
	 * it up in the dictionary (a hash of the whole URI) every time. No
	 * cache by address: the reader frees namespace declarations with
	 * their elements, and the address may come back with another URI. */
	const char *u = sons__xml_ns(d->x);
	int k = NS_OTHER;
	const char *s = u;
	if (!s)
		k = NS_OTHER;
	else if (strcmp(s, W_NS) == 0 || strcmp(s, W_NS_STRICT) == 0)
		k = NS_W;
	else if (strcmp(s, "http://schemas.openxmlformats.org/markup-compatibility/2006") == 0)
		k = NS_MC;
	else if (strcmp(s, "urn:schemas-microsoft-com:office:office") == 0)
		k = NS_O;
	else if (strcmp(s, "http://schemas.openxmlformats.org/drawingml/2006/chart") == 0 ||
	         strcmp(s, "http://purl.oclc.org/ooxml/drawingml/chart") == 0 ||
	         strcmp(s, "http://schemas.microsoft.com/office/drawing/2014/chartex") == 0)
		k = NS_CHART;
	else if (strcmp(s, "http://schemas.openxmlformats.org/drawingml/2006/diagram") == 0 ||
	         strcmp(s, "http://purl.oclc.org/ooxml/drawingml/diagram") == 0)
		k = NS_DIAGRAM;
	else if (strcmp(s, "http://purl.org/dc/elements/1.1/") == 0)
		k = NS_DC;
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

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* 1 and advances *s when it starts with the ASCII word w, ignoring case. */
static int eat_word(const char **s, const char *w)
{
	const char *p = *s;
	for (; *w; w++, p++)
		if (lower((unsigned char)*p) != *w)
			return 0;
	*s = p;
	return 1;
}

/* Heading level from a paragraph style ID: "Heading1", "heading 2",
 * "Titre1", "titre2", "berschrift3" (German ID of Überschrift), "Title" /
 * "Titre" alone as 1. */
static int style_heading(const char *v)
{
	const char *p = v;
	if (!eat_word(&p, "heading") && !eat_word(&p, "titre") && !eat_word(&p, "title") &&
	    !eat_word(&p, "berschrift"))
		return 0;
	if (*p == '\0')
		return (lower((unsigned char)v[0]) == 't') ? 1 : 0;
	while (*p == ' ' || *p == '-' || *p == '_')
		p++;
	int n = small_int(p, 100);
	return n >= 1 && n <= 9 ? n : 0;
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	return 1;
}

static sons_status oom(docx *d)
{
	return sons__error_set(d->r->err, d->r->lang, SONS_ENOMEM, d->r->path,
	                       "mémoire insuffisante", "out of memory");
}

/* Errors from the model builder: too many cells, or out of memory. */
static sons_status model_error(docx *d, sons_status st)
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

static frame *parent(docx *d)
{
	return d->depth ? &d->stack[d->depth - 1] : NULL;
}

static int parent_is(docx *d, enum kind k)
{
	return d->depth && d->stack[d->depth - 1].kind == k;
}

static sons_status skipped(docx *d, unsigned bit, const char *fr, const char *en)
{
	if (d->skipped & bit)
		return SONS_OK;
	d->skipped |= bit;
	sons_status st = sons__doc_skipped(d->r, fr, en);
	return st == SONS_OK ? SONS_OK : model_error(d, st);
}

/* ------------------------------------------------------------------ */
/* Paragraphs                                                          */

static sons_status put(docx *d, const char *s, size_t n)
{
	if (!d->npara)
		return SONS_OK;
	return sons__buf_append(&d->text, s, n) ? oom(d) : SONS_OK;
}

static sons_status para_begin(docx *d)
{
	if (grow((void **)&d->paras, &d->cappara, d->npara, sizeof(para)))
		return oom(d);
	d->paras[d->npara].start = d->text.len;
	d->paras[d->npara].heading = 0;
	d->npara++;
	return SONS_OK;
}

/* Routes a finished paragraph: to the model outside tables, into the open
 * cell's text inside one. */
static sons_status emit(docx *d, const char *s, size_t n, int heading)
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

static sons_status para_end(docx *d)
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
	return st;
}

/* ------------------------------------------------------------------ */
/* Tables                                                              */

static sons_status table_begin(docx *d)
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
		sons_status st = sons__doc_begin_table(d->r, NULL);
		return st == SONS_OK ? SONS_OK : model_error(d, st);
	}
	/* Nested: its text goes after what the enclosing cell has. */
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

static sons_status row_begin(docx *d)
{
	level *t = &d->tbl[d->ntbl - 1];
	if (t->row_open)
		return SONS_OK;
	t->row_open = 1;
	t->col = 1;
	t->ncells = 0;
	if (d->ntbl == 1) {
		t->nrows++;
		sons_status st = sons__doc_begin_row(d->r, 0);
		return st == SONS_OK ? SONS_OK : model_error(d, st);
	}
	if (t->nrows++ && d->tbl[0].cell_open)
		sons__buf_putc(&d->cell, '\n');
	return d->cell.oom ? oom(d) : SONS_OK;
}

static sons_status cell_begin(docx *d)
{
	level *t = &d->tbl[d->ntbl - 1];
	if (!t->row_open) {
		sons_status st = row_begin(d);
		if (st != SONS_OK)
			return st;
	}
	if (t->cell_open)
		return SONS_OK;
	t->cell_open = 1;
	t->span = 1;
	t->vcont = 0;
	t->has_text = 0;
	if (d->ntbl == 1) {
		sons__buf_reset(&d->cell);
		return SONS_OK;
	}
	if (t->ncells && d->tbl[0].cell_open)
		sons__buf_puts(&d->cell, " | ");
	t->cell_start = d->cell.len;
	return d->cell.oom ? oom(d) : SONS_OK;
}

static sons_status cell_end(docx *d)
{
	level *t = &d->tbl[d->ntbl - 1];
	if (!t->cell_open)
		return SONS_OK;
	t->cell_open = 0;
	int col = t->col;
	t->col = t->col > 100000 - t->span ? 100000 : t->col + t->span;
	t->ncells++;
	if (d->ntbl == 1) {
		const char *s = d->cell.data ? d->cell.data : "";
		size_t n = t->vcont ? 0 : d->cell.len;
		sons_status st = sons__doc_add_cell(d->r, s, n, col, t->span, NULL);
		return st == SONS_OK ? SONS_OK : model_error(d, st);
	}
	if (t->vcont && d->cell.len > t->cell_start) {
		d->cell.len = t->cell_start;
		d->cell.data[d->cell.len] = '\0';
	}
	return SONS_OK;
}

static sons_status row_end(docx *d)
{
	level *t = &d->tbl[d->ntbl - 1];
	if (t->cell_open) {
		sons_status st = cell_end(d);
		if (st != SONS_OK)
			return st;
	}
	t->row_open = 0;
	return SONS_OK;
}

static sons_status table_end(docx *d)
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

/* ------------------------------------------------------------------ */
/* Elements                                                            */

static sons_status end_kind(docx *d, unsigned char kind)
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

/* A w: element starts. Sets *kind, or *skip for a subtree not read. */
static sons_status start_w(docx *d, const char *n, unsigned char *kind, int *skip)
{
	char v[64];
	level *t = d->ntbl ? &d->tbl[d->ntbl - 1] : NULL;
	switch (n[0]) {
	case 'p':
		if (n[1] == '\0') {
			*kind = K_P;
			return para_begin(d);
		}
		if (strcmp(n, "pPr") == 0) {
			*kind = K_PPR;
		} else if (strcmp(n, "pStyle") == 0 && parent_is(d, K_PPR) && d->npara) {
			if (attr(d->x, "val", v, sizeof(v)))
				d->paras[d->npara - 1].heading = style_heading(v);
		} else if (strcmp(n, "ptab") == 0 && parent_is(d, K_R)) {
			return put(d, "\t", 1);
		} else if (strcmp(n, "pPrChange") == 0) {
			*skip = 1;
		}
		return SONS_OK;
	case 'r':
		if (n[1] == '\0')
			*kind = K_R;
		else if (strcmp(n, "rPrChange") == 0)
			*skip = 1;
		return SONS_OK;
	case 't':
		if (n[1] == '\0') {
			*kind = K_T;
		} else if (strcmp(n, "tab") == 0) {
			if (parent_is(d, K_R))
				return put(d, "\t", 1);
		} else if (strcmp(n, "tbl") == 0) {
			*kind = K_TBL;
			return table_begin(d);
		} else if (strcmp(n, "tr") == 0) {
			*kind = K_TR;
			return t ? row_begin(d) : SONS_OK;
		} else if (strcmp(n, "tc") == 0) {
			*kind = K_TC;
			return t ? cell_begin(d) : SONS_OK;
		} else if (strcmp(n, "tcPr") == 0) {
			*kind = K_TCPR;
		} else if (strcmp(n, "trPr") == 0) {
			*kind = K_TRPR;
		} else if (strcmp(n, "tcPrChange") == 0 || strcmp(n, "trPrChange") == 0 ||
		           strcmp(n, "tblPrChange") == 0 || strcmp(n, "tblPrExChange") == 0 ||
		           strcmp(n, "tblGridChange") == 0) {
			*skip = 1;
		}
		return SONS_OK;
	case 'g':
		if (strcmp(n, "gridSpan") == 0 && parent_is(d, K_TCPR) && t && t->cell_open) {
			if (attr(d->x, "val", v, sizeof(v))) {
				int span = small_int(v, 1000);
				t->span = span >= 1 ? span : 1;
			}
		} else if (strcmp(n, "gridBefore") == 0 && parent_is(d, K_TRPR) && t &&
		           t->row_open && t->ncells == 0) {
			if (attr(d->x, "val", v, sizeof(v))) {
				int before = small_int(v, 1000);
				if (before > 0)
					t->col = 1 + before;
			}
		}
		return SONS_OK;
	case 'v':
		if (strcmp(n, "vMerge") == 0 && parent_is(d, K_TCPR) && t && t->cell_open) {
			/* No value, or "continue": the cell continues the one above. */
			int has = attr(d->x, "val", v, sizeof(v));
			t->vcont = !has || strcmp(v, "restart") != 0;
		}
		return SONS_OK;
	case 'b':
		if (strcmp(n, "br") == 0 && parent_is(d, K_R))
			return put(d, "\n", 1);
		return SONS_OK;
	case 'c':
		if (strcmp(n, "cr") == 0 && parent_is(d, K_R))
			return put(d, "\n", 1);
		return SONS_OK;
	case 'n':
		if (strcmp(n, "noBreakHyphen") == 0 && parent_is(d, K_R))
			return put(d, "-", 1);
		if (strcmp(n, "numberingChange") == 0)
			*skip = 1;
		return SONS_OK;
	case 'd':
		/* Deleted revisions are not read. */
		if (strcmp(n, "del") == 0 || strcmp(n, "delText") == 0)
			*skip = 1;
		return SONS_OK;
	case 'm':
		if (strcmp(n, "moveFrom") == 0)
			*skip = 1;
		return SONS_OK;
	case 's':
		if (strcmp(n, "sdtPr") == 0 || strcmp(n, "sdtEndPr") == 0 ||
		    strcmp(n, "sectPrChange") == 0)
			*skip = 1;
		return SONS_OK;
	case 'o':
		if (strcmp(n, "outlineLvl") == 0 && parent_is(d, K_PPR) && d->npara &&
		    d->paras[d->npara - 1].heading == 0) {
			if (attr(d->x, "val", v, sizeof(v))) {
				int lvl = small_int(v, 100);
				if (lvl >= 0 && lvl <= 8)
					d->paras[d->npara - 1].heading = lvl + 1;
			}
		} else if (strcmp(n, "object") == 0) {
			return skipped(d, SKIP_OLE, "objet incorporé (OLE) ignoré",
			               "embedded (OLE) object skipped");
		}
		return SONS_OK;
	case 'a':
		if (strcmp(n, "altChunk") == 0)
			return skipped(d, SKIP_ALTCHUNK,
			               "contenu importé d'un autre fichier (altChunk) ignoré",
			               "content imported from another file (altChunk) skipped");
		return SONS_OK;
	default:
		return SONS_OK;
	}
}

static sons_status on_start(docx *d)
{
	const char *n = (const char *)xmlTextReaderConstLocalName(d->x);
	int empty = xmlTextReaderIsEmptyElement(d->x) == 1;
	unsigned char kind = K_OTHER;
	int skip = 0;
	sons_status st = SONS_OK;
	if (!n)
		n = "";
	switch (ns_of(d)) {
	case NS_W:
		st = start_w(d, n, &kind, &skip);
		break;
	case NS_MC:
		if (strcmp(n, "AlternateContent") == 0) {
			kind = K_AC;
		} else if (parent_is(d, K_AC)) {
			/* Read the first Choice; a Fallback only when no Choice. */
			frame *p = parent(d);
			if (p->choice_taken)
				skip = 1;
			else if (strcmp(n, "Choice") == 0)
				p->choice_taken = 1;
		}
		break;
	case NS_O:
		if (strcmp(n, "OLEObject") == 0)
			st = skipped(d, SKIP_OLE, "objet incorporé (OLE) ignoré",
			             "embedded (OLE) object skipped");
		break;
	case NS_CHART:
		if (strcmp(n, "chart") == 0)
			st = skipped(d, SKIP_CHART, "graphique incorporé ignoré",
			             "embedded chart skipped");
		break;
	case NS_DIAGRAM:
		if (strcmp(n, "relIds") == 0)
			st = skipped(d, SKIP_SMARTART,
			             "diagramme SmartArt ignoré (son texte n'est pas lu)",
			             "SmartArt diagram skipped (its text is not read)");
		break;
	default:
		break;
	}
	if (st != SONS_OK)
		return st;
	if (skip) {
		if (!empty)
			d->skip_depth = xmlTextReaderDepth(d->x);
		return SONS_OK;
	}
	if (empty)
		return end_kind(d, kind);
	if (grow((void **)&d->stack, &d->capstack, d->depth, sizeof(frame)))
		return oom(d);
	d->stack[d->depth].kind = kind;
	d->stack[d->depth].choice_taken = 0;
	d->depth++;
	return SONS_OK;
}

static sons_status on_end(docx *d)
{
	if (!d->depth)
		return SONS_OK;
	unsigned char kind = d->stack[--d->depth].kind;
	return end_kind(d, kind);
}

static sons_status on_text(docx *d)
{
	if (!parent_is(d, K_T) || !d->npara)
		return SONS_OK;
	const char *s = (const char *)xmlTextReaderConstValue(d->x);
	return s ? put(d, s, strlen(s)) : SONS_OK;
}

static sons_status xml_failed(docx *d)
{
	return d->r->err->code != SONS_OK ? d->r->err->code : SONS_EFORMAT;
}

/* Reads one WordprocessingML part (body, header or footer). */
static sons_status parse_part(docx *d, const unsigned char *data, size_t len, const char *part)
{
	d->depth = d->npara = d->ntbl = 0;
	d->skip_depth = -1;
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
		case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
			st = on_text(d);
			break;
		default:
			break;
		}
		if (st != SONS_OK)
			break;
	}
	if (st == SONS_OK && ret < 0)
		st = xml_failed(d);
	/* A table left open by a part cut short would break the next part. */
	if (st == SONS_OK && d->ntbl) {
		sons_status e = sons__doc_end_table(d->r);
		if (e != SONS_OK)
			st = model_error(d, e);
	}
	xmlFreeTextReader(d->x);
	d->x = NULL;
	return st;
}

static sons_status read_part(docx *d, sons_zip *z, const char *name)
{
	unsigned char *data = NULL;
	size_t len = 0;
	sons_status st = sons__zip_read(z, name, &data, &len);
	if (st != SONS_OK)
		return st;
	st = parse_part(d, data, len, name);
	sons__free(data);
	return st;
}

/* ------------------------------------------------------------------ */
/* Headers, footers, metadata                                          */

/* 1 for word/headerN.xml, 2 for word/footerN.xml, else 0. */
static int hf_kind(const char *name)
{
	const char *rest;
	int k;
	if (!name || strncmp(name, "word/", 5) != 0)
		return 0;
	if (strncmp(name + 5, "header", 6) == 0)
		k = 1;
	else if (strncmp(name + 5, "footer", 6) == 0)
		k = 2;
	else
		return 0;
	rest = name + 11;
	size_t n = strlen(rest);
	if (n < 4 || strcmp(rest + n - 4, ".xml") != 0 || memchr(rest, '/', n))
		return 0;
	return k;
}

static int hf_before(const char *a, const char *b)
{
	int ka = hf_kind(a), kb = hf_kind(b);
	if (ka != kb)
		return ka < kb;
	int na = small_int(a + 11, 1000000), nb = small_int(b + 11, 1000000);
	if (na != nb)
		return na < nb;
	return strcmp(a, b) < 0;
}

/* Headers then footers, each in number order, after the body. */
static sons_status read_headers_footers(docx *d, sons_zip *z)
{
	size_t count = sons__zip_count(z), n = 0;
	const char **names = NULL;
	for (size_t i = 0; i < count; i++)
		if (hf_kind(sons__zip_name(z, i)))
			n++;
	if (!n)
		return SONS_OK;
	names = sons__malloc(n * sizeof(*names));
	if (!names)
		return oom(d);
	n = 0;
	for (size_t i = 0; i < count; i++) {
		const char *nm = sons__zip_name(z, i);
		if (!hf_kind(nm))
			continue;
		size_t j = n++;
		for (; j > 0 && hf_before(nm, names[j - 1]); j--)
			names[j] = names[j - 1];
		names[j] = nm;
	}
	sons_status st = SONS_OK;
	for (size_t i = 0; i < n && st == SONS_OK; i++)
		st = read_part(d, z, names[i]);
	sons__free(names);
	return st;
}

static sons_status read_docx(sons_rctx *r, const unsigned char *data, size_t len, sons_zip *zip)
{
	(void)data;
	(void)len;
	sons_error local;
	sons_error *caller_err = r->err;
	if (!r->err) /* the status must be read back from an error record */
		r->err = &local;
	r->err->code = SONS_OK;
	docx d;
	memset(&d, 0, sizeof(d));
	d.r = r;
	d.max_tables = r->lim && r->lim->max_table_depth ? r->lim->max_table_depth : 16;
	sons__buf_init(&d.text);
	sons__buf_init(&d.cell);

	sons_status st = read_part(&d, zip, "word/document.xml");
	if (st == SONS_OK)
		st = read_headers_footers(&d, zip);
	if (st == SONS_OK)
		st = sons__read_title(r, zip, "docProps/core.xml");

	sons__buf_free(&d.cell);
	sons__buf_free(&d.text);
	sons__free(d.tbl);
	sons__free(d.paras);
	sons__free(d.stack);
	r->err = caller_err;
	return st;
}

const sons_reader sons__reader_docx = { "docx", read_docx };
