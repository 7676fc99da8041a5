/* SPDX-License-Identifier: MIT */
/* PDF (built with -Dpdf, on poppler-glib; poppler is GPL, see README).
 * Read in-process from memory: no external program, no file written. Only
 * the character boxes matter: poppler gives each character of the page's
 * text with its rectangle, and the page's lines and columns are rebuilt
 * from them, whatever order poppler's own text flow would choose.
 *
 *   1. Characters whose baselines agree (tolerance from the glyph heights)
 *      form a line, sorted left to right; a gap wider than about one space
 *      is a space, one wider than two average character widths splits the
 *      line into segments. Two rows printed over each other (a cell's text
 *      overflowing onto the next row: baselines a few points apart, glyphs
 *      overlapping) are two lines.
 *   2. A run of neighbouring lines with two segments or more (lines of one
 *      segment may sit inside, aligned on a column) is a table. Where the
 *      table's lines start text cells or end amounts at one x, that x is a
 *      column's edge: a segment that holds such edges between its words
 *      (cells printed closer than the gap that splits segments) is cut
 *      there. The columns are the union of the x-ranges of its fullest
 *      lines, widened by the other segments that fall in one column, and
 *      two neighbouring columns that no line ever fills together are one
 *      column (a header written left-aligned over right-aligned amounts).
 *      A line without a number whose segments fall in cells the previous
 *      row already filled, at the table's tightest line pitch, continues
 *      those cells (a label wrapped inside its cell); so does a line with
 *      amounts, or one closer than a line of text, under a row of text
 *      only that it continues in every cell (a wrapped label or header
 *      aligned to the bottom of its cell); any other line starts a row.
 *   3. A table that ends a page (only footer lines after it) and one that
 *      starts the next page (only header lines before it) with matching
 *      columns are one table, repeated header or not; the footer and header
 *      lines are emitted after it.
 *   4. Other lines are paragraphs; a line that filled the text width is
 *      continued by the next one when the spacing says it is the same
 *      paragraph.
 *
 * Locations are page + line (of the page's lines, top to bottom), and the
 * column for table cells. A document without any character is a scan. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <poppler.h>

#include "internal.h"

/* Characters read from one document at most, and on one page. */
#define MAX_CHARS      ((size_t)16 << 20)
#define MAX_PAGE_CHARS ((size_t)1 << 20)

typedef struct glyph {
	double x1, y1, x2, y2, base;
	uint32_t off; /* in the page text */
	uint32_t len;
} glyph;

typedef struct seg {
	double x1, x2;
	size_t off, len;   /* text in pdf.txt */
	double fw;         /* width of its first glyph */
	int numeric;       /* the whole segment is an amount, quantity or rate */
	int words;         /* number of words */
	int col, span;     /* table column, once assigned */
	size_t pos0, npos; /* its glyphs in pdf.pos (page being read); npos 0:
	                    * not known (text rewritten) */
} seg;

/* Where a glyph of a segment of the page being read was written. */
typedef struct gpos {
	uint32_t rel; /* byte offset in the segment's text */
	double x1, x2;
} gpos;

typedef struct line {
	int page, no; /* 1-based */
	double base, h, cw, top, bottom;
	double x1, x2;
	size_t seg0, nseg;
	double fww; /* width of the first word */
	int role;   /* L_PARA, L_TABLE */
	int over;   /* printed over the line above (see split_overprint()) */
	int item;   /* index of its item */
} line;

enum { L_PARA = 0, L_TABLE = 1 };

typedef struct col {
	double x1, x2;
} col;

typedef struct item {
	int table;    /* 0: paragraph lines [a, b]; 1: a table */
	size_t a, b;  /* line range (a table: its first run) */
	size_t *runs; /* tables: pairs [a, b] of the runs it spans */
	size_t nruns, capruns;
	size_t after_a, after_b; /* header / footer lines moved after it */
	int has_after;
	int dead; /* merged into an earlier table */
} item;

typedef struct pdf {
	sons_rctx *r;
	sons_buf txt;
	seg *segs;
	size_t nsegs, capsegs;
	line *lines;
	size_t nlines, caplines;
	item *items;
	size_t nitems, capitems;
	glyph *g;
	size_t ng, capg;
	gpos *pos; /* glyphs of the segments of the page being read */
	size_t npos, cappos;
	size_t *idx;
	size_t capidx;
	size_t nchars;
	double *page_h; /* page heights */
	int npages;
	int is_signed;
	sons_buf fold;
} pdf;

static int grow(void **arr, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return 0;
	size_t nc = *cap ? *cap * 2 : 64;
	if (nc > SIZE_MAX / elem)
		return -1;
	void *p = sons__realloc(*arr, nc * elem);
	if (!p)
		return -1;
	*arr = p;
	*cap = nc;
	return 0;
}

static sons_status oom(pdf *p)
{
	return sons__error_set(p->r->err, p->r->lang, SONS_ENOMEM, p->r->path,
	                       "mémoire insuffisante", "out of memory");
}

static sons_status model_error(pdf *p, sons_status st)
{
	if (st == SONS_ENOMEM)
		return oom(p);
	if (st == SONS_ELIMIT)
		return st; /* the builder said why */
	return sons__error_set(p->r->err, p->r->lang, st, p->r->path,
	                       "structure de document incohérente",
	                       "inconsistent document structure");
}

/* ------------------------------------------------------------------ */
/* poppler's messages                                                  */

/* poppler-glib logs what it finds wrong in a file through g_log() in the
 * "Poppler" domain (at INFO level, shown when G_MESSAGES_DEBUG is set);
 * the library never prints, so that domain is silenced once. */
static void quiet_log(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer data)
{
	(void)domain;
	(void)level;
	(void)msg;
	(void)data;
}

static void quiet_once(void)
{
	g_log_set_handler("Poppler", (GLogLevelFlags)(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL),
	                  quiet_log, NULL);
}

/* ------------------------------------------------------------------ */
/* Characters into lines and segments                                  */

static int is_space_cp(const unsigned char *s, size_t n)
{
	if (n == 1)
		return s[0] == ' ' || s[0] == '\n' || s[0] == '\t' || s[0] == '\r' || s[0] < 0x20;
	if (n == 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 1; /* NBSP */
	if (n == 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] >= 0x80 && s[2] <= 0x8B))
		return 1; /* U+2000..U+200B */
	if (n == 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0xAF)
		return 1; /* U+202F */
	if (n == 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
		return 1; /* U+3000 */
	return 0;
}

static size_t utf8_len(const unsigned char *s, size_t avail)
{
	size_t n = 1;
	if (s[0] >= 0xF0)
		n = 4;
	else if (s[0] >= 0xE0)
		n = 3;
	else if (s[0] >= 0xC0)
		n = 2;
	if (n > avail)
		n = avail;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return i;
	return n;
}

/* qsort() has no context argument: the glyphs being sorted, per thread. */
static _Thread_local const glyph *cmp_g;

static int by_base(const void *a, const void *b)
{
	const glyph *x = &cmp_g[*(const size_t *)a], *y = &cmp_g[*(const size_t *)b];
	if (x->base != y->base)
		return x->base < y->base ? -1 : 1;
	return x->x1 < y->x1 ? -1 : x->x1 > y->x1;
}

static int by_x(const void *a, const void *b)
{
	const glyph *x = &cmp_g[*(const size_t *)a], *y = &cmp_g[*(const size_t *)b];
	if (x->x1 != y->x1)
		return x->x1 < y->x1 ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* A list bullet glyph: •, ◦, ‣, ▪, ■, ●, ○, –, -, *, · or a symbol font's
 * private-use character. */
static int bullet(const unsigned char *u, size_t n)
{
	if (n == 1)
		return u[0] == '-' || u[0] == '*';
	if (n == 2)
		return u[0] == 0xC2 && u[1] == 0xB7;
	if (n != 3)
		return 0;
	if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xA2 || u[2] == 0xA3 || u[2] == 0x93))
		return 1;
	if (u[0] == 0xE2 && (u[1] == 0x96 || u[1] == 0x97))
		return 1; /* geometric shapes U+25A0..U+25FF */
	if (u[0] == 0xEE || (u[0] == 0xEF && u[1] <= 0xA3))
		return 1; /* U+E000..U+F8FF */
	return 0;
}

static int is_numeric(const char *s, size_t n)
{
	int64_t v;
	unsigned fl;
	int bp;
	if (!n)
		return 0;
	if (sons__amount_parse(s, n, &v, &fl) || sons__percent_parse(s, n, &bp))
		return 1;
	/* "1", "3 licences", "12 mois": a quantity starting with a digit */
	return s[0] >= '0' && s[0] <= '9' && n <= 24 && sons__quantity_parse(s, n, &v);
}

/* Dot leaders (« Installation ........ 1 560,00 € HT ») stand for the tab
 * stop of the source: a run of four dots or more becomes a tab. The
 * segment is the tail of the text buffer or followed by others: it is
 * rewritten in place, later segments moved back. */
static void leaders(pdf *p, seg *s)
{
	char *t = p->txt.data + s->off;
	size_t n = s->len, w = 0, removed = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && t[j] == '.')
			j++;
		if (j - i >= 4) {
			/* drop a space written before or after the run */
			if (w && t[w - 1] == ' ')
				w--;
			t[w++] = '\t';
			if (j < n && t[j] == ' ')
				j++;
			i = j;
			continue;
		}
		if (j == i)
			j = i + 1;
		while (i < j)
			t[w++] = t[i++];
	}
	removed = n - w;
	if (!removed)
		return;
	s->npos = 0;
	size_t end = s->off + n;
	memmove(t + w, t + n, p->txt.len - end);
	p->txt.len -= removed;
	p->txt.data[p->txt.len] = '\0';
	s->len = w;
	for (seg *o = s + 1; o < p->segs + p->nsegs; o++)
		o->off -= removed;
	s->numeric = is_numeric(t, w);
}

/* Builds the line from the glyphs idx[a..b) (sorted by x). */
static sons_status make_line(pdf *p, const char *text, size_t *ix, size_t n, int page, int no)
{
	const glyph *g = p->g;
	double hsum = 0, wsum = 0, bsum = 0, top = 1e300, bottom = -1e300;
	for (size_t i = 0; i < n; i++) {
		const glyph *c = &g[ix[i]];
		hsum += c->y2 - c->y1;
		wsum += c->x2 - c->x1;
		bsum += c->base;
		if (c->y1 < top)
			top = c->y1;
		if (c->y2 > bottom)
			bottom = c->y2;
	}
	double h = hsum / (double)n, cw = wsum / (double)n;
	if (cw < 0.2 * h)
		cw = 0.2 * h;
	if (grow((void **)&p->lines, &p->caplines, p->nlines, sizeof(line)))
		return oom(p);
	line *l = &p->lines[p->nlines];
	memset(l, 0, sizeof(*l));
	l->page = page;
	l->no = no;
	l->base = bsum / (double)n;
	l->h = h;
	l->cw = cw;
	l->top = top;
	l->bottom = bottom;
	l->seg0 = p->nsegs;
	double split = 2.0 * cw, space = 0.15 * h, word_end = -1;
	const glyph *prev = NULL;
	seg *s = NULL;
	size_t from = 0;
	/* A list bullet is the paragraph's numbering, not its text (the office
	 * readers do not see it either). */
	if (n >= 2 && bullet((const unsigned char *)text + g[ix[0]].off, g[ix[0]].len) &&
	    g[ix[1]].x1 - g[ix[0]].x2 > space)
		from = 1;
	for (size_t i = from; i < n; i++) {
		const glyph *c = &g[ix[i]];
		/* A glyph drawn twice over itself (fake bold) counts once. */
		if (prev && c->len == prev->len && fabs(c->x1 - prev->x1) < 0.3 * cw &&
		    memcmp(text + c->off, text + prev->off, c->len) == 0)
			continue;
		double gap = prev ? c->x1 - prev->x2 : 0;
		if (prev && gap > space && word_end < 0)
			word_end = prev->x2;
		/* Amounts sit closer together than words of text do: before a
		 * digit or a sign, one character's width splits already. */
		const unsigned char d = (unsigned char)text[c->off];
		double lim = (d >= '0' && d <= '9') || d == '-' ? 0.5 * split : split;
		if (!prev || gap > lim) {
			if (s)
				s->numeric = is_numeric(p->txt.data + s->off, s->len);
			if (grow((void **)&p->segs, &p->capsegs, p->nsegs, sizeof(seg)))
				return oom(p);
			s = &p->segs[p->nsegs++];
			memset(s, 0, sizeof(*s));
			s->x1 = c->x1;
			s->x2 = c->x2;
			s->off = p->txt.len;
			s->fw = c->x2 - c->x1;
			s->words = 1;
			s->pos0 = p->npos;
		} else if (gap > space) {
			sons__buf_putc(&p->txt, ' ');
			s->words++;
		}
		if (grow((void **)&p->pos, &p->cappos, p->npos, sizeof(gpos)))
			return oom(p);
		p->pos[p->npos].rel = (uint32_t)(p->txt.len - s->off);
		p->pos[p->npos].x1 = c->x1;
		p->pos[p->npos].x2 = c->x2;
		p->npos++;
		s->npos = p->npos - s->pos0;
		sons__buf_append(&p->txt, text + c->off, c->len);
		s->len = p->txt.len - s->off;
		if (c->x2 > s->x2)
			s->x2 = c->x2;
		prev = c;
	}
	if (s)
		s->numeric = is_numeric(p->txt.data + s->off, s->len);
	if (p->txt.oom)
		return oom(p);
	for (seg *t = &p->segs[l->seg0]; t < p->segs + p->nsegs; t++)
		leaders(p, t);
	if (word_end < 0 && prev)
		word_end = prev->x2;
	if (p->txt.oom)
		return oom(p);
	l->nseg = p->nsegs - l->seg0;
	l->x1 = p->segs[l->seg0].x1;
	l->x2 = p->segs[p->nsegs - 1].x2;
	l->fww = word_end - l->x1;
	p->nlines++;
	return SONS_OK;
}

static double dmin(double a, double b)
{
	return a < b ? a : b;
}

static double dmax(double a, double b)
{
	return a > b ? a : b;
}

/* 1 when glyphs of the runs idx[a, m) and idx[m, b), each sorted by x,
 * overlap by more than a third of the narrower. */
static int runs_overlap(const pdf *p, size_t a, size_t m, size_t b)
{
	size_t i = a, j = m;
	while (i < m && j < b) {
		const glyph *x = &p->g[p->idx[i]], *y = &p->g[p->idx[j]];
		double w = dmin(x->x2 - x->x1, y->x2 - y->x1);
		if (dmin(x->x2, y->x2) - dmax(x->x1, y->x1) > w / 3 && w > 0)
			return 1;
		if (x->x2 < y->x2)
			i++;
		else
			j++;
	}
	return 0;
}

/* Glyphs idx[a, b), sorted by baseline, gathered as one line: when they
 * fall in two baselines apart by more than a sixth of the height and the
 * two sets of glyphs overlap, returns where the lower baseline starts
 * (both sets are then sorted by x); else a. */
static size_t split_overprint(pdf *p, size_t a, size_t b, double h0)
{
	size_t m = a;
	double gap = 0;
	for (size_t i = a + 1; i < b; i++) {
		double d = p->g[p->idx[i]].base - p->g[p->idx[i - 1]].base;
		if (d > gap) {
			gap = d;
			m = i;
		}
	}
	if (m == a || gap <= h0 / 6)
		return a;
	cmp_g = p->g;
	qsort(p->idx + a, m - a, sizeof(size_t), by_x);
	qsort(p->idx + m, b - m, sizeof(size_t), by_x);
	if (runs_overlap(p, a, m, b))
		return m;
	/* not overprinted: back in baseline order for the caller */
	qsort(p->idx + a, b - a, sizeof(size_t), by_base);
	return a;
}

static sons_status read_page(pdf *p, PopplerPage *page, int pno)
{
	char *text = poppler_page_get_text(page);
	PopplerRectangle *rects = NULL;
	guint nrects = 0;
	sons_status st = SONS_OK;
	if (!text)
		return SONS_OK;
	if (!poppler_page_get_text_layout(page, &rects, &nrects))
		nrects = 0;
	p->ng = 0;
	p->npos = 0;
	size_t tlen = strlen(text), k = 0;
	for (size_t off = 0; off < tlen && k < nrects; k++) {
		const unsigned char *u = (const unsigned char *)text + off;
		size_t n = utf8_len(u, tlen - off);
		const PopplerRectangle *rc = &rects[k];
		size_t o = off;
		off += n;
		if (is_space_cp(u, n))
			continue;
		double x1 = rc->x1 < rc->x2 ? rc->x1 : rc->x2,
		       x2 = rc->x1 < rc->x2 ? rc->x2 : rc->x1;
		double y1 = rc->y1 < rc->y2 ? rc->y1 : rc->y2,
		       y2 = rc->y1 < rc->y2 ? rc->y2 : rc->y1;
		if (!isfinite(x1) || !isfinite(x2) || !isfinite(y1) || !isfinite(y2) ||
		    fabs(x1) > 1e6 || fabs(y1) > 1e6 || fabs(x2) > 1e6 || fabs(y2) > 1e6 ||
		    y2 - y1 < 0.01)
			continue;
		if (p->ng >= MAX_PAGE_CHARS || ++p->nchars > MAX_CHARS) {
			st = sons__error_set(
			        p->r->err, p->r->lang, SONS_ELIMIT, p->r->path,
			        "plus de %zu caractères (page %d) : limite de sécurité "
			        "atteinte",
			        "more than %zu characters (page %d): safety limit reached",
			        p->ng >= MAX_PAGE_CHARS ? MAX_PAGE_CHARS : MAX_CHARS, pno);
			goto done;
		}
		if (grow((void **)&p->g, &p->capg, p->ng, sizeof(glyph))) {
			st = oom(p);
			goto done;
		}
		glyph *g = &p->g[p->ng++];
		g->x1 = x1;
		g->x2 = x2;
		g->y1 = y1;
		g->y2 = y2;
		g->base = y2 - 0.2 * (y2 - y1);
		g->off = (uint32_t)o;
		g->len = (uint32_t)n;
	}
	if (!p->ng)
		goto done;
	if (p->ng > p->capidx) {
		size_t *ni = sons__realloc(p->idx, p->ng * sizeof(size_t));
		if (!ni) {
			st = oom(p);
			goto done;
		}
		p->idx = ni;
		p->capidx = p->ng;
	}
	for (size_t i = 0; i < p->ng; i++)
		p->idx[i] = i;
	cmp_g = p->g;
	qsort(p->idx, p->ng, sizeof(size_t), by_base);
	/* Lines: a glyph joins the open line while its baseline stays within
	 * a fraction of the smaller height of the line's mean baseline. */
	size_t a = 0;
	int no = 0, over = 0;
	while (a < p->ng && st == SONS_OK) {
		const glyph *f = &p->g[p->idx[a]];
		double bsum = f->base, h0 = f->y2 - f->y1;
		size_t b = a + 1;
		while (b < p->ng) {
			const glyph *c = &p->g[p->idx[b]];
			double h = c->y2 - c->y1;
			double mean = bsum / (double)(b - a);
			if (c->base - mean > 0.4 * (h < h0 ? h : h0))
				break;
			bsum += c->base;
			b++;
		}
		/* Two rows of text printed over each other (a cell's wrapped
		 * text overflowing onto the row above, bottom-aligned in a row
		 * too low): two baselines a few points apart whose glyphs
		 * overlap. The upper one is a line of its own. */
		size_t m = split_overprint(p, a, b, h0);
		cmp_g = p->g;
		if (m > a) {
			/* the lower line is gathered again, in baseline order */
			qsort(p->idx + m, b - m, sizeof(size_t), by_base);
			b = m;
		} else {
			qsort(p->idx + a, b - a, sizeof(size_t), by_x);
		}
		st = make_line(p, text, p->idx + a, b - a, pno, ++no);
		if (st == SONS_OK)
			p->lines[p->nlines - 1].over = over;
		over = m > a;
		a = b;
	}
done:
	g_free(rects);
	g_free(text);
	return st;
}

/* ------------------------------------------------------------------ */
/* Tables                                                              */

static const char *seg_text(pdf *p, const seg *s)
{
	return p->txt.data + s->off;
}

/* Lines [a, b] of one page: finds the runs that are tables. */
static sons_status add_item(pdf *p, int table, size_t a, size_t b)
{
	if (grow((void **)&p->items, &p->capitems, p->nitems, sizeof(item)))
		return oom(p);
	item *it = &p->items[p->nitems++];
	memset(it, 0, sizeof(*it));
	it->table = table;
	it->a = a;
	it->b = b;
	if (table) {
		if (grow((void **)&it->runs, &it->capruns, 0, 2 * sizeof(size_t)))
			return oom(p);
		it->runs[0] = a;
		it->runs[1] = b;
		it->nruns = 1;
	}
	for (size_t i = a; i <= b; i++) {
		p->lines[i].role = table ? L_TABLE : L_PARA;
		p->lines[i].item = (int)(p->nitems - 1);
	}
	return SONS_OK;
}

/* 1 when a line of one segment reads as the text of one cell of the
 * table [a, b]: it starts where a segment of a line of the table starts,
 * and ends before the next column of that line begins. */
static int aligned(pdf *p, const line *l, size_t a, size_t b)
{
	double tol = 0.6 * l->cw;
	for (size_t i = a; i <= b; i++) {
		const line *m = &p->lines[i];
		if (m->nseg < 2)
			continue;
		for (size_t k = 0; k < m->nseg; k++)
			if (fabs(p->segs[m->seg0 + k].x1 - l->x1) <= tol &&
			    (k + 1 == m->nseg || l->x2 < p->segs[m->seg0 + k + 1].x1))
				return 1;
	}
	return 0;
}

static sons_status find_tables(pdf *p, size_t first, size_t end)
{
	size_t i = first;
	sons_status st = SONS_OK;
	while (i < end && st == SONS_OK) {
		line *l = &p->lines[i];
		if (l->nseg < 2) {
			st = add_item(p, 0, i, i);
			i++;
			continue;
		}
		size_t last = i, k = i + 1, multi = 1, loose = 0;
		while (k < end) {
			const line *c = &p->lines[k], *pr = &p->lines[k - 1];
			double h = c->h > pr->h ? c->h : pr->h;
			if (c->base - pr->base > 2.6 * h)
				break;
			if (c->nseg >= 2) {
				last = k;
				multi++;
				loose = 0;
			} else if (!aligned(p, c, i, last)) {
				/* a line of its own (a section row, a title) may sit
				 * inside a table, a paragraph may not */
				if (++loose > 2)
					break;
			}
			k++;
		}
		/* wrapped text of the last row's cells */
		while (multi >= 2 && last + 1 < end && p->lines[last + 1].nseg == 1 &&
		       p->lines[last + 1].base - p->lines[last].base <= 1.0 * p->lines[last].h &&
		       aligned(p, &p->lines[last + 1], i, last))
			last++;
		if (multi >= 2) {
			st = add_item(p, 1, i, last);
			i = last + 1;
		} else {
			st = add_item(p, 0, i, i);
			i++;
		}
	}
	return st;
}

/* ------------------------------------------------------------------ */
/* Cells printed too close together                                    */

/* Where the cells of a table's columns start (left edges) or end (right
 * edges, amounts): x positions shared by the segments of two lines of
 * the table or more. A segment that holds such an edge between two of
 * its glyphs (« Référence Libellé » whose « Libellé » starts where the
 * labels start; « Part État Part client » whose « État » ends where the
 * amounts under it end; « MW-SEG-0Installation », a code cut at its
 * cell's edge and the label against it) is cut there, provided the
 * edge is not crossed by more segments than hold it. */
typedef struct edge {
	double x;
	int starts;   /* segments starting (ending) there */
	int inside;   /* segments of lines of several cells that have it
	               * strictly inside */
	int held;     /* of which, with a glyph boundary there */
	int boundary; /* segments with a glyph boundary there */
	int before;   /* edges left of it that cut (see edge_cuts()) */
} edge;

typedef struct xat {
	double x;
} xat;

static int by_xat(const void *a, const void *b)
{
	const xat *x = a, *y = b;
	return x->x < y->x ? -1 : x->x > y->x;
}

typedef struct cut {
	size_t seg, k; /* segment, and the glyph that starts the new one */
} cut;

static int by_cut(const void *a, const void *b)
{
	const cut *x = a, *y = b;
	if (x->seg != y->seg)
		return x->seg < y->seg ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

typedef struct splitter {
	xat *xs;
	size_t nxs, capxs;
	edge *e[2]; /* left, right */
	size_t ne[2], cape[2];
	int cutting[2]; /* edges that cut */
	int *diff;      /* counts, one more than the edges */
	size_t capdiff;
	cut *cuts;
	size_t ncuts, capcuts;
} splitter;

/* The edge within tol of x, or -1. */
static long edge_at(const edge *e, size_t n, double x, double tol)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (e[mid].x < x - tol)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && e[lo].x <= x + tol ? (long)lo : -1;
}

/* First edge at or right of x. */
static size_t edge_from(const edge *e, size_t n, double x)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (e[mid].x < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Glyph k of s (k >= 1), on a line of height h, starts a new cell at edge
 * side 0 (left: glyph k starts on it) or 1 (right: glyph k - 1 ends on
 * it). Between words, the gap must be wider than a plain space: cells
 * printed close together are still further apart than words. */
static long boundary_edge(pdf *p, splitter *sp, const seg *s, size_t k, int side, double tol,
                          double h)
{
	const gpos *g = &p->pos[s->pos0];
	double gap = g[k].x1 - g[k - 1].x2;
	if (p->txt.data[s->off + g[k].rel - 1] == ' ' && gap < 0.45 * h)
		return -1;
	if (side == 0) {
		const char *t = p->txt.data + s->off;
		unsigned char a = (unsigned char)t[g[k].rel - 1], b = (unsigned char)t[g[k].rel];
		int da = a >= '0' && a <= '9', db = b >= '0' && b <= '9';
		/* between words; inside one only where digits meet letters (a
		 * code cut at its cell's edge, the label against it) */
		if ((a != ' ' && da == db) || (a != ' ' && !(a >= 'A' || b >= 'A')))
			return -1;
		/* a glyph cut by its cell's edge may reach into the next cell */
		double over = a == ' ' ? tol : tol + (g[k - 1].x2 - g[k - 1].x1) / 2;
		if (g[k - 1].x2 > g[k].x1 + over)
			return -1;
		return edge_at(sp->e[0], sp->ne[0], g[k].x1, tol);
	}
	if (p->txt.data[s->off + g[k].rel - 1] != ' ')
		return -1;
	return edge_at(sp->e[1], sp->ne[1], g[k - 1].x2, tol);
}

static int edge_cuts(const edge *e)
{
	int crossed = e->inside - e->held;
	return e->starts >= 2 && e->starts + e->boundary > 2 * crossed;
}

static sons_status table_edges(pdf *p, splitter *sp, size_t a, size_t b, double tol)
{
	for (int side = 0; side < 2; side++) {
		sp->nxs = 0;
		for (size_t i = a; i <= b; i++) {
			const line *l = &p->lines[i];
			for (size_t k = 0; k < l->nseg; k++) {
				const seg *s = &p->segs[l->seg0 + k];
				/* cells of text start at their column's left edge,
				 * amounts end at its right edge */
				if (s->numeric != side)
					continue;
				if (grow((void **)&sp->xs, &sp->capxs, sp->nxs, sizeof(xat)))
					return oom(p);
				sp->xs[sp->nxs++].x = side ? s->x2 : s->x1;
			}
		}
		qsort(sp->xs, sp->nxs, sizeof(xat), by_xat);
		sp->ne[side] = 0;
		for (size_t i = 0; i < sp->nxs;) {
			size_t j = i + 1;
			double sum = sp->xs[i].x;
			while (j < sp->nxs && sp->xs[j].x - sp->xs[i].x <= tol)
				sum += sp->xs[j++].x;
			if (j - i >= 2) {
				if (grow((void **)&sp->e[side], &sp->cape[side], sp->ne[side],
				         sizeof(edge)))
					return oom(p);
				edge *e = &sp->e[side][sp->ne[side]++];
				e->x = sum / (double)(j - i);
				e->starts = (int)(j - i);
				e->inside = e->held = e->boundary = 0;
			}
			i = j;
		}
		/* how many segments cross each edge, and hold it */
		edge *e = sp->e[side];
		size_t ne = sp->ne[side];
		sp->cutting[side] = 0;
		if (!ne)
			continue;
		if (ne + 1 > sp->capdiff) {
			int *nd = sons__realloc(sp->diff, (ne + 1) * sizeof(int));
			if (!nd)
				return oom(p);
			sp->diff = nd;
			sp->capdiff = ne + 1;
		}
		memset(sp->diff, 0, (ne + 1) * sizeof(int));
		for (size_t i = a; i <= b; i++) {
			const line *l = &p->lines[i];
			for (size_t k = 0; k < l->nseg; k++) {
				const seg *s = &p->segs[l->seg0 + k];
				/* a line of one segment (a title, a note, a section)
				 * is no cell of the grid: it crosses the columns */
				size_t lo = edge_from(e, ne, s->x1 + tol),
				       hi = edge_from(e, ne, s->x2 - tol);
				if (l->nseg > 1 && lo < hi) {
					sp->diff[lo]++;
					sp->diff[hi]--;
				}
				for (size_t g = 1; g < s->npos; g++) {
					long q = boundary_edge(p, sp, s, g, side, tol, l->h);
					if (q >= 0) {
						e[q].boundary++;
						e[q].held += l->nseg > 1;
					}
				}
			}
		}
		int run = 0;
		for (size_t q = 0; q < ne; q++) {
			run += sp->diff[q];
			e[q].inside = run;
		}
		for (size_t q = 0; q < ne; q++) {
			e[q].before = sp->cutting[side];
			sp->cutting[side] += edge_cuts(&e[q]);
		}
	}
	return SONS_OK;
}

/* Rebuilds the segments of lines [first, end) (the last ones read) with
 * the cuts sp->cuts (sorted). */
static sons_status apply_cuts(pdf *p, splitter *sp, size_t first, size_t end)
{
	size_t s0 = p->lines[first].seg0, n = p->nsegs - s0;
	seg *old = sons__malloc(n * sizeof(seg));
	if (!old)
		return oom(p);
	memcpy(old, p->segs + s0, n * sizeof(seg));
	p->nsegs = s0;
	size_t c = 0;
	for (size_t i = first; i < end; i++) {
		line *l = &p->lines[i];
		size_t from = l->seg0 - s0, cnt = l->nseg;
		l->seg0 = p->nsegs;
		for (size_t k = 0; k < cnt; k++) {
			const seg *o = &old[from + k];
			size_t si = s0 + from + k, ka = 0;
			for (;;) {
				size_t kb = o->npos;
				if (c < sp->ncuts && sp->cuts[c].seg == si)
					kb = sp->cuts[c++].k;
				if (grow((void **)&p->segs, &p->capsegs, p->nsegs, sizeof(seg))) {
					sons__free(old);
					return oom(p);
				}
				seg *ns = &p->segs[p->nsegs++];
				*ns = *o;
				if (ka == 0 && kb == o->npos)
					break; /* not cut */
				gpos *g = &p->pos[o->pos0];
				size_t ra = g[ka].rel, rb = kb < o->npos ? g[kb].rel : o->len;
				const char *t = p->txt.data + o->off;
				while (rb > ra && t[rb - 1] == ' ')
					rb--;
				ns->off = o->off + ra;
				ns->len = rb - ra;
				ns->x1 = g[ka].x1;
				ns->x2 = g[ka].x2;
				ns->fw = g[ka].x2 - g[ka].x1;
				ns->words = 1;
				for (size_t q = ra; q < rb; q++)
					ns->words += t[q] == ' ';
				for (size_t q = ka; q < kb; q++) {
					if (g[q].x2 > ns->x2)
						ns->x2 = g[q].x2;
					g[q].rel -= (uint32_t)ra;
				}
				ns->pos0 = o->pos0 + ka;
				ns->npos = kb - ka;
				ns->numeric = is_numeric(p->txt.data + ns->off, ns->len);
				if (kb == o->npos)
					break;
				/* a glyph cut by the cell's edge: the cell ends before
				 * the next one starts */
				if (ns->x2 > g[kb].x1 - 0.5)
					ns->x2 = g[kb].x1 - 0.5 > ns->x1 ? g[kb].x1 - 0.5 : ns->x1;
				ka = kb;
			}
		}
		l->nseg = p->nsegs - l->seg0;
	}
	sons__free(old);
	return SONS_OK;
}

/* Cuts the segments of the tables found on the page being read (items
 * from item0, lines from first). */
static sons_status split_cells(pdf *p, size_t item0, size_t first)
{
	splitter sp;
	memset(&sp, 0, sizeof(sp));
	sons_status st = SONS_OK;
	for (size_t it = item0; it < p->nitems && st == SONS_OK; it++) {
		const item *t = &p->items[it];
		if (!t->table)
			continue;
		/* the table's text height: edges agree to a twentieth of it */
		double tol = p->lines[t->a].h * 0.05;
		if (tol > 0.5)
			tol = 0.5;
		if ((st = table_edges(p, &sp, t->a, t->b, tol)) != SONS_OK)
			break;
		for (size_t i = t->a; i <= t->b && st == SONS_OK; i++) {
			const line *l = &p->lines[i];
			for (size_t k = 0; k < l->nseg; k++) {
				const seg *s = &p->segs[l->seg0 + k];
				/* the edges that cut: all those it crosses, or none (a
				 * label over merged cells crosses edges anywhere) */
				size_t crossed = 0, held = sp.ncuts;
				if (s->numeric)
					continue; /* « 2 640,00 € » is one amount */
				for (int side = 0; side < 2; side++) {
					const edge *e = sp.e[side];
					size_t ne = sp.ne[side];
					size_t lo = edge_from(e, ne, s->x1 + tol),
					       hi = edge_from(e, ne, s->x2 - tol);
					if (lo < hi)
						crossed += (size_t)((hi < ne ? e[hi].before
						                             : sp.cutting[side]) -
						                    e[lo].before);
				}
				for (size_t g = 1; g < s->npos && crossed; g++) {
					long q0 = boundary_edge(p, &sp, s, g, 0, tol, l->h);
					long q1 = boundary_edge(p, &sp, s, g, 1, tol, l->h);
					if (!(q0 >= 0 && edge_cuts(&sp.e[0][q0])) &&
					    !(q1 >= 0 && edge_cuts(&sp.e[1][q1])))
						continue;
					if (grow((void **)&sp.cuts, &sp.capcuts, sp.ncuts,
					         sizeof(cut))) {
						st = oom(p);
						break;
					}
					sp.cuts[sp.ncuts].seg = l->seg0 + k;
					sp.cuts[sp.ncuts].k = g;
					sp.ncuts++;
				}
				if (sp.ncuts - held != crossed)
					sp.ncuts = held;
			}
		}
	}
	if (st == SONS_OK && sp.ncuts) {
		qsort(sp.cuts, sp.ncuts, sizeof(cut), by_cut);
		st = apply_cuts(p, &sp, first, p->nlines);
	}
	sons__free(sp.xs);
	sons__free(sp.e[0]);
	sons__free(sp.e[1]);
	sons__free(sp.cuts);
	sons__free(sp.diff);
	return st;
}

/* Columns of the lines of a table (all its runs). */
typedef struct colset {
	col *c;
	size_t n, cap;
} colset;

static int overlap(double a1, double a2, double b1, double b2)
{
	return a1 < b2 && b1 < a2;
}

static sons_status colset_add(pdf *p, colset *cs, double x1, double x2)
{
	/* merge with every column it overlaps */
	size_t i = 0;
	while (i < cs->n) {
		if (overlap(x1, x2, cs->c[i].x1, cs->c[i].x2)) {
			if (cs->c[i].x1 < x1)
				x1 = cs->c[i].x1;
			if (cs->c[i].x2 > x2)
				x2 = cs->c[i].x2;
			cs->c[i] = cs->c[--cs->n];
			i = 0;
			continue;
		}
		i++;
	}
	if (grow((void **)&cs->c, &cs->cap, cs->n, sizeof(col)))
		return oom(p);
	cs->c[cs->n].x1 = x1;
	cs->c[cs->n].x2 = x2;
	cs->n++;
	return SONS_OK;
}

static int by_col_x(const void *a, const void *b)
{
	const col *x = a, *y = b;
	return x->x1 < y->x1 ? -1 : x->x1 > y->x1;
}

/* Assigns a segment to columns: the ones it overlaps, else the nearest by
 * its alignment edge (right for numbers, left for text). */
static void assign(const colset *cs, seg *s)
{
	int first = -1, last = -1;
	for (size_t i = 0; i < cs->n; i++)
		if (overlap(s->x1, s->x2, cs->c[i].x1, cs->c[i].x2)) {
			if (first < 0)
				first = (int)i;
			last = (int)i;
		}
	if (first >= 0) {
		s->col = first + 1;
		s->span = last - first + 1;
		return;
	}
	double best = 1e300;
	for (size_t i = 0; i < cs->n; i++) {
		double d = s->numeric ? fabs(cs->c[i].x2 - s->x2) : fabs(cs->c[i].x1 - s->x1);
		double dc = fabs((cs->c[i].x1 + cs->c[i].x2) - (s->x1 + s->x2)) / 2;
		if (dc < d)
			d = dc;
		if (d < best) {
			best = d;
			s->col = (int)i + 1;
		}
	}
	s->span = 1;
}

#define FOR_TABLE_LINES(it, i)                                                                     \
	for (size_t run_ = 0; run_ < (it)->nruns; run_++)                                          \
		for (size_t i = (it)->runs[2 * run_]; i <= (it)->runs[2 * run_ + 1]; i++)

static sons_status table_columns(pdf *p, const item *it, colset *cs)
{
	size_t maxseg = 0;
	cs->n = 0;
	FOR_TABLE_LINES(it, i)
	if (p->lines[i].nseg > maxseg)
		maxseg = p->lines[i].nseg;
	/* The fullest lines give the columns. */
	FOR_TABLE_LINES(it, i)
	{
		const line *l = &p->lines[i];
		if (l->nseg != maxseg)
			continue;
		for (size_t k = 0; k < l->nseg; k++)
			if (colset_add(p, cs, p->segs[l->seg0 + k].x1, p->segs[l->seg0 + k].x2))
				return SONS_ENOMEM;
	}
	qsort(cs->c, cs->n, sizeof(col), by_col_x);
	/* Other segments widen the one column they fall in. */
	FOR_TABLE_LINES(it, i)
	{
		const line *l = &p->lines[i];
		if (l->nseg == maxseg)
			continue;
		for (size_t k = 0; k < l->nseg; k++) {
			seg *s = &p->segs[l->seg0 + k];
			int hit = -1, nhit = 0;
			for (size_t c = 0; c < cs->n; c++)
				if (overlap(s->x1, s->x2, cs->c[c].x1, cs->c[c].x2)) {
					hit = (int)c;
					nhit++;
				}
			if (nhit == 1) {
				col *c = &cs->c[hit];
				double x1 = s->x1 < c->x1 ? s->x1 : c->x1;
				double x2 = s->x2 > c->x2 ? s->x2 : c->x2;
				int clash = (hit > 0 && x1 < cs->c[hit - 1].x2) ||
				            ((size_t)hit + 1 < cs->n && x2 > cs->c[hit + 1].x1);
				if (!clash) {
					c->x1 = x1;
					c->x2 = x2;
				}
			}
		}
	}
	/* Neighbouring columns that no line fills together are one. */
	for (size_t c = 0; c + 1 < cs->n;) {
		int both = 0;
		FOR_TABLE_LINES(it, i)
		{
			const line *l = &p->lines[i];
			int in_a = 0, in_b = 0;
			for (size_t k = 0; k < l->nseg; k++) {
				seg *s = &p->segs[l->seg0 + k];
				assign(cs, s);
				int c1 = s->col - 1, c2 = s->col - 1 + s->span - 1;
				if (s->span > 1 && c1 <= (int)c && c2 >= (int)c + 1)
					continue; /* spans both: says nothing */
				if (c1 <= (int)c && c2 >= (int)c)
					in_a = 1;
				if (c1 <= (int)c + 1 && c2 >= (int)c + 1)
					in_b = 1;
			}
			if (in_a && in_b)
				both = 1;
		}
		if (!both) {
			cs->c[c].x2 = cs->c[c + 1].x2 > cs->c[c].x2 ? cs->c[c + 1].x2 : cs->c[c].x2;
			memmove(&cs->c[c + 1], &cs->c[c + 2], (cs->n - c - 2) * sizeof(col));
			cs->n--;
			continue;
		}
		c++;
	}
	FOR_TABLE_LINES(it, i)
	{
		const line *l = &p->lines[i];
		for (size_t k = 0; k < l->nseg; k++)
			assign(cs, &p->segs[l->seg0 + k]);
	}
	return SONS_OK;
}

/* The columns of table b continue those of table a: each column of b
 * overlaps columns of a, left to right, no two the same (the rows of a
 * table's end may fill fewer columns: « TVA 20 % | 640,00 € »). */
static int columns_match(const colset *a, const colset *b)
{
	if (a->n < 2 || b->n < 2 || b->n > a->n)
		return 0;
	int prev = -1;
	for (size_t i = 0; i < b->n; i++) {
		int first = -1, last = -1;
		for (size_t j = 0; j < a->n; j++)
			if (overlap(a->c[j].x1, a->c[j].x2, b->c[i].x1, b->c[i].x2)) {
				if (first < 0)
					first = (int)j;
				last = (int)j;
			}
		if (first < 0 || first <= prev)
			return 0;
		prev = last;
	}
	return 1;
}

/* Tables that continue on the next page. */
static sons_status join_pages(pdf *p)
{
	colset ca = { 0 }, cb = { 0 };
	sons_status st = SONS_OK;
	for (size_t i = 0; i < p->nitems && st == SONS_OK; i++) {
		item *t = &p->items[i];
		if (!t->table || t->dead)
			continue;
		for (;;) {
			/* after the table's last run: footer lines only, then the
			 * next page: header lines only, then a table */
			size_t lastline = t->runs[2 * t->nruns - 1];
			int page = p->lines[lastline].page;
			double ph = p->page_h[page - 1];
			size_t j = i + 1;
			while (j < p->nitems && (p->items[j].dead || !p->items[j].table) &&
			       p->lines[p->items[j].a].page == page &&
			       p->lines[p->items[j].a].top > 0.82 * ph)
				j++;
			if (j < p->nitems && p->lines[p->items[j].a].page == page)
				break; /* something else follows on the page */
			while (j < p->nitems && !p->items[j].table &&
			       p->lines[p->items[j].a].page == page + 1 &&
			       p->lines[p->items[j].b].bottom < 0.18 * p->page_h[page])
				j++;
			if (j >= p->nitems || !p->items[j].table ||
			    p->lines[p->items[j].a].page != page + 1)
				break;
			item *u = &p->items[j];
			if ((st = table_columns(p, t, &ca)) != SONS_OK ||
			    (st = table_columns(p, u, &cb)) != SONS_OK)
				break;
			if (!columns_match(&ca, &cb))
				break;
			/* merge u into t; the lines in between go after t */
			if (grow((void **)&t->runs, &t->capruns, t->nruns, 2 * sizeof(size_t))) {
				st = oom(p);
				break;
			}
			/* lines at the top of the page that sit in the table's
			 * columns: the rest of a row cut by the page break */
			size_t first = j, ta = t->runs[2 * t->nruns - 2];
			while (first > i + 1 && !p->items[first - 1].table &&
			       p->items[first - 1].a == p->items[first - 1].b &&
			       p->lines[p->items[first - 1].a].page == page + 1 &&
			       aligned(p, &p->lines[p->items[first - 1].a], ta, lastline))
				first--;
			t->runs[2 * t->nruns] = p->items[first].a;
			t->runs[2 * t->nruns + 1] = u->b;
			t->nruns++;
			for (size_t q = first; q < j; q++) {
				p->items[q].dead = 1;
				p->lines[p->items[q].a].role = L_TABLE;
			}
			if (first > i + 1) {
				size_t fa = p->items[i + 1].a, fb = p->items[first - 1].b;
				if (!t->has_after) {
					t->after_a = fa;
					t->has_after = 1;
				}
				t->after_b = fb;
				for (size_t q = i + 1; q < first; q++)
					p->items[q].dead = 1;
			}
			u->dead = 1;
		}
	}
	sons__free(ca.c);
	sons__free(cb.c);
	return st;
}

/* Short French words a wrapped line may start with: never the end of a
 * word cut by the cell's edge. */
static int function_word(const char *f, size_t n)
{
	static const char *const w[] = { "a",   "au",   "aux",  "d",    "de",  "des", "du",  "en",
		                         "et",  "l",    "la",   "le",   "les", "ou",  "par", "pour",
		                         "sur", "avec", "sans", "dans", "un",  "une", "y" };
	for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (strlen(w[i]) == n && memcmp(w[i], f, n) == 0)
			return 1;
	return 0;
}

/* 1 when the continuation text `next` (first glyph width fw) glues to
 * the previous text of its cell without a space: a word cut at the cell's
 * edge (the previous line is that one word, filling the cell). */
static int glued(pdf *p, const seg *prev, const seg *next, double colmax)
{
	if (prev->words != 1 || prev->x2 + next->fw < colmax - 0.5 ||
	    fabs(prev->x1 - next->x1) > 0.5)
		return 0; /* not one word filling a left-aligned cell */
	const unsigned char *t = (const unsigned char *)seg_text(p, next);
	if (!(t[0] >= 'a' && t[0] <= 'z') && !(t[0] == 0xC3 && t[1] >= 0xA0 && t[1] <= 0xBF))
		return 0;
	sons__buf_reset(&p->fold);
	size_t n = strcspn((const char *)t, " ");
	if (n > next->len)
		n = next->len;
	if (sons__fold(&p->fold, (const char *)t, n))
		return 0;
	size_t fn = p->fold.len;
	while (fn && (p->fold.data[fn - 1] == ',' || p->fold.data[fn - 1] == '.'))
		fn--;
	return !function_word(p->fold.data ? p->fold.data : "", fn);
}

typedef struct cellacc {
	sons_buf text;
	int col, span;
	int numeric;     /* its first segment is a number */
	const seg *last; /* last segment added */
} cellacc;

/* An amount cut at its thousands space by a narrow column: « 17 » then
 * « 675,00 » read together are one amount. */
static int amount_wraps(pdf *p, const sons_buf *cell, const seg *s)
{
	char tmp[64];
	int64_t cents;
	unsigned fl;
	if (cell->len + 1 + s->len >= sizeof(tmp) || cell->len > 3)
		return 0;
	memcpy(tmp, cell->data, cell->len);
	tmp[cell->len] = ' ';
	memcpy(tmp + cell->len + 1, seg_text(p, s), s->len);
	return sons__amount_parse(tmp, cell->len + 1 + s->len, &cents, &fl);
}

/* A row whose first text stands right of empty columns (« Total HT » or
 * « TVA 20 % » right-aligned in cells merged across the table) covers
 * those columns, as the merged cell of the source did. */
static void widen_label(cellacc *cells, size_t ncol, const int *fill)
{
	size_t first = ncol;
	for (size_t c = 0; c < ncol && first == ncol; c++) {
		if (!cells[c].text.len)
			continue;
		first = c;
		if (!cells[c].numeric && cells[c].col > 1) {
			cells[c].span += cells[c].col - 1;
			cells[c].col = 1;
		}
	}
	/* Other text over several columns (a header centred over two) belongs
	 * to the one the other lines fill most (« FINESS géographique » over
	 * the numbers). */
	for (size_t c = first + 1; c < ncol; c++) {
		cellacc *a = &cells[c];
		if (!a->text.len || a->numeric || a->span < 2)
			continue;
		int best = a->col;
		for (int k = a->col; k < a->col + a->span && k <= (int)ncol; k++)
			if (fill[k - 1] > fill[best - 1])
				best = k;
		a->col = best;
		a->span = 1;
	}
}

/* The table's tightest line pitch between lines of the height of l: the
 * spacing of lines wrapped inside one cell (rows are at least as far
 * apart). Closer lines (cells of a sheet's rows not vertically aligned)
 * do not count. */
static double tight_pitch(pdf *p, const item *it, const line *l)
{
	double pitch = 1e300;
	const line *prev = NULL;
	FOR_TABLE_LINES(it, i)
	{
		const line *m = &p->lines[i];
		if (prev && prev->page == m->page && m->base > prev->base &&
		    fabs(m->h - l->h) <= 0.1 * l->h && fabs(prev->h - l->h) <= 0.1 * l->h &&
		    m->base - prev->base >= 0.8 * l->h && m->base - prev->base < pitch)
			pitch = m->base - prev->base;
		prev = m;
	}
	return pitch;
}

/* Two lines say the same (segment texts, positions aside). */
static int same_text(pdf *p, const line *a, const line *b)
{
	if (a->nseg != b->nseg)
		return 0;
	for (size_t k = 0; k < a->nseg; k++) {
		const seg *x = &p->segs[a->seg0 + k], *y = &p->segs[b->seg0 + k];
		if (x->len != y->len || memcmp(seg_text(p, x), seg_text(p, y), x->len) != 0)
			return 0;
	}
	return 1;
}

/* 1 when the row gathered (cells) holds text only, and line l goes on
 * with text in every cell of the row, l having an amount (the row's
 * line) or standing closer than a line of text does to the next row
 * (close: the second line of a header whose cells are aligned to their
 * bottom, « Prise en » above « Réf. | … | charge État »). */
static int lead_lines(pdf *p, const cellacc *cells, size_t ncol, const line *l, int close)
{
	int amount = 0;
	for (size_t k = 0; k < l->nseg; k++)
		amount |= p->segs[l->seg0 + k].numeric;
	if (!amount && !close)
		return 0;
	for (size_t c = 0; c < ncol; c++) {
		if (!cells[c].text.len)
			continue;
		if (cells[c].numeric)
			return 0;
		int goes_on = 0;
		for (size_t k = 0; k < l->nseg && !goes_on; k++) {
			const seg *s = &p->segs[l->seg0 + k];
			goes_on = (size_t)s->col == c + 1 && !s->numeric;
		}
		if (!goes_on)
			return 0;
	}
	return 1;
}

static sons_status emit_table(pdf *p, item *it)
{
	colset cs = { 0 };
	sons_status st = table_columns(p, it, &cs);
	if (st != SONS_OK)
		return st;
	size_t ncol = cs.n;
	cellacc *cells = sons__calloc(ncol ? ncol : 1, sizeof(cellacc));
	double *colmax = sons__calloc(ncol ? ncol : 1, sizeof(double));
	int *fill = sons__calloc(ncol ? ncol : 1, sizeof(int));
	if (!cells || !colmax || !fill) {
		sons__free(fill);
		sons__free(cells);
		sons__free(colmax);
		sons__free(cs.c);
		return oom(p);
	}
	/* right edge of the text written in each column */
	FOR_TABLE_LINES(it, i)
	{
		const line *l = &p->lines[i];
		for (size_t k = 0; k < l->nseg; k++) {
			const seg *s = &p->segs[l->seg0 + k];
			if (s->span == 1)
				fill[s->col - 1]++;
			if (s->span != 1 || s->numeric)
				continue;
			if (s->x2 > colmax[s->col - 1])
				colmax[s->col - 1] = s->x2;
		}
	}
	st = sons__doc_begin_table(p->r, NULL);
	int open = 0; /* a row is being gathered */
	const line *last = NULL;
	double last_base = 0;
	size_t skipped = (size_t)-1;
	for (size_t run = 0; run < it->nruns && st == SONS_OK; run++)
		for (size_t i = it->runs[2 * run]; i <= it->runs[2 * run + 1] && st == SONS_OK;
		     i++) {
			const line *l = &p->lines[i];
			size_t run_start = it->runs[2 * run];
			/* the header repeated at the top of a page: read once (and a
			 * row cut by the break goes on under it) */
			if (run > 0 &&
			    (i == run_start || (i == run_start + 1 && skipped == run_start)) &&
			    same_text(p, l, &p->lines[it->runs[0]])) {
				skipped = i;
				continue;
			}
			double d = l->base - last_base;
			int wrap = open && last && !l->over && last->page == l->page &&
			           (d <= tight_pitch(p, it, l) * 1.03 + 0.1 || d <= 0.92 * l->h);
			/* a row cut by the page break goes on at the top of the next */
			int cont = open && last && !l->over &&
			           (last->page == l->page
			                    ? wrap
			                    : l->page == last->page + 1 &&
			                              (i == run_start || (i == run_start + 1 &&
			                                                  skipped == run_start)));
			for (size_t k = 0; k < l->nseg && cont; k++) {
				const seg *s = &p->segs[l->seg0 + k];
				const cellacc *c = &cells[s->col - 1];
				if (!c->text.len ||
				    (c->numeric && !(s->numeric && amount_wraps(p, &c->text, s))))
					cont = 0;
			}
			/* the first lines of a label wrapped in its cell and aligned
			 * to the cell's bottom stand above the row's amounts: they
			 * are gathered as a row of text only, which this line, one
			 * line pitch below, goes on in every cell */
			if (!cont && wrap && lead_lines(p, cells, ncol, l, d <= 0.92 * l->h))
				cont = 1;
			if (!cont) {
				/* flush the gathered row */
				if (open)
					widen_label(cells, ncol, fill);
				if (open) {
					for (size_t c = 0; c < ncol && st == SONS_OK; c++)
						if (cells[c].text.len) {
							if (cells[c].text.oom)
								st = SONS_ENOMEM;
							else
								st = sons__doc_add_cell(
								        p->r, cells[c].text.data,
								        cells[c].text.len,
								        cells[c].col, cells[c].span,
								        NULL);
						}
					if (st != SONS_OK)
						break;
				}
				for (size_t c = 0; c < ncol; c++) {
					sons__buf_reset(&cells[c].text);
					cells[c].last = NULL;
				}
				st = sons__doc_begin_row_at(p->r, l->page, l->no);
				if (st != SONS_OK)
					break;
				open = 1;
			}
			for (size_t k = 0; k < l->nseg; k++) {
				const seg *s = &p->segs[l->seg0 + k];
				cellacc *c = &cells[s->col - 1];
				if (c->text.len) {
					if (!(cont && c->last &&
					      glued(p, c->last, s, colmax[s->col - 1])))
						sons__buf_putc(&c->text, ' ');
				} else {
					c->col = s->col;
					c->span = s->span;
					c->numeric = s->numeric;
				}
				sons__buf_append(&c->text, seg_text(p, s), s->len);
				c->last = s;
			}
			last = l;
			last_base = l->base;
		}
	if (open && st == SONS_OK)
		widen_label(cells, ncol, fill);
	if (open && st == SONS_OK)
		for (size_t c = 0; c < ncol && st == SONS_OK; c++)
			if (cells[c].text.len)
				st = cells[c].text.oom
				             ? SONS_ENOMEM
				             : sons__doc_add_cell(p->r, cells[c].text.data,
				                                  cells[c].text.len, cells[c].col,
				                                  cells[c].span, NULL);
	if (st == SONS_OK)
		st = sons__doc_end_table(p->r);
	for (size_t c = 0; c < ncol; c++)
		sons__buf_free(&cells[c].text);
	sons__free(cells);
	sons__free(colmax);
	sons__free(fill);
	sons__free(cs.c);
	return st == SONS_OK ? SONS_OK : model_error(p, st);
}

/* ------------------------------------------------------------------ */
/* Paragraphs                                                          */

/* The right edge of the text of a page. */
static double right_edge(pdf *p, int page)
{
	double r = 0;
	for (size_t i = 0; i < p->nlines; i++)
		if (p->lines[i].page == page && p->lines[i].x2 > r)
			r = p->lines[i].x2;
	return r;
}

/* The line ends a paragraph whatever its width: it ends a sentence, or
 * with an amount (« Installation ........ 1 560,00 € HT »). */
static int line_ends(pdf *p, const line *l)
{
	const seg *s = &p->segs[l->seg0 + l->nseg - 1];
	const char *t = seg_text(p, s);
	size_t n = s->len;
	while (n && t[n - 1] == ' ')
		n--;
	if (!n)
		return 1;
	char c = t[n - 1];
	if (c == '.' || c == ';' || c == '!' || c == '?')
		return 1;
	int64_t cents;
	unsigned fl;
	size_t as, ae;
	return sons__amount_find_last(t, n, &cents, &fl, &as, &ae) && n - ae <= 4 &&
	       (fl & (SONS_AMT_CURRENCY | SONS_AMT_HT | SONS_AMT_TTC));
}

/* The line starts like a field of its own: « Établissement : … »
 * (a capital, a few words, then a colon). */
static int field_start(pdf *p, const line *l)
{
	const seg *s = &p->segs[l->seg0];
	const char *t = seg_text(p, s);
	size_t n = s->len < 48 ? s->len : 48;
	int words = 1;
	const unsigned char *u = (const unsigned char *)t;
	if (!(u[0] >= 'A' && u[0] <= 'Z') &&
	    !(n > 1 && u[0] == 0xC3 && u[1] >= 0x80 && u[1] <= 0x9E))
		return 0; /* a field name starts with a capital */
	for (size_t i = 0; i + 1 < n; i++) {
		if (t[i] == ' ' && t[i + 1] == ':')
			return i > 0;
		if (t[i] == ':' && (t[i + 1] == ' '))
			return i > 0;
		if (t[i] == ' ' && ++words > 4)
			return 0;
	}
	return 0;
}

/* Emits paragraph lines [a, b]: a line that filled the width is continued
 * by the next at normal line spacing. */
static sons_status emit_paras(pdf *p, size_t a, size_t b, double *redge, int *redge_page)
{
	sons_buf para = SONS_BUF_INIT;
	sons_status st = SONS_OK;
	const line *start = NULL, *prev = NULL;
	for (size_t i = a; i <= b && st == SONS_OK; i++) {
		const line *l = &p->lines[i];
		if (l->role != L_PARA)
			continue;
		if (*redge_page != l->page) {
			*redge = right_edge(p, l->page);
			*redge_page = l->page;
		}
		int join = 0;
		if (prev && prev->page == l->page) {
			double h = prev->h > l->h ? prev->h : l->h;
			double dh = fabs(prev->h - l->h);
			double d = l->base - prev->base;
			join = d > 0 && d <= 1.45 * h && dh <= 0.15 * h &&
			       l->x1 >= prev->x1 - 2 * prev->cw &&
			       prev->x2 + 0.3 * h + l->fww > *redge - 0.5 * prev->cw &&
			       !line_ends(p, prev) && !field_start(p, l);
		}
		if (!join && para.len) {
			st = sons__doc_add_para_at(p->r, para.data, para.len, start->page,
			                           start->no);
			sons__buf_reset(&para);
		}
		if (st != SONS_OK)
			break;
		if (!para.len)
			start = l;
		else
			sons__buf_putc(&para, ' ');
		for (size_t k = 0; k < l->nseg; k++) {
			const seg *s = &p->segs[l->seg0 + k];
			if (k)
				sons__buf_putc(&para, ' ');
			sons__buf_append(&para, seg_text(p, s), s->len);
		}
		prev = l;
	}
	if (st == SONS_OK && para.oom)
		st = SONS_ENOMEM;
	if (st == SONS_OK && para.len)
		st = sons__doc_add_para_at(p->r, para.data, para.len, start->page, start->no);
	sons__buf_free(&para);
	return st == SONS_OK ? SONS_OK : model_error(p, st);
}

/* ------------------------------------------------------------------ */
/* Signatures                                                          */

/* A visible signature: « Signé électroniquement par … », or « Signature : »
 * followed by a name and a date. */
static void visible_signature(pdf *p, const char *s, size_t n)
{
	sons__buf_reset(&p->fold);
	if (p->is_signed || sons__fold(&p->fold, s, n) || !p->fold.data)
		return;
	const char *f = p->fold.data;
	if (strstr(f, "signe electroniquement par") || strstr(f, "signe numeriquement par") ||
	    strstr(f, "signee electroniquement par") || strstr(f, "digitally signed by") ||
	    strstr(f, "electronically signed by")) {
		p->is_signed = 1;
		return;
	}
	const char *sg = strstr(f, "signature :");
	if (!sg)
		sg = strstr(f, "signature:");
	if (!sg)
		return;
	const char *rest = strchr(sg, ':') + 1;
	sons_date d;
	size_t ds, de;
	int letters = 0;
	for (const char *c = rest; *c; c++)
		if (*c >= 'a' && *c <= 'z')
			letters++;
	if (letters >= 3 && sons__date_find(rest, strlen(rest), &d, &ds, &de) == SONS_DATE_OK)
		p->is_signed = 1;
}

static void signature_fields(pdf *p, PopplerDocument *doc)
{
	if (poppler_document_get_n_signatures(doc) > 0)
		p->is_signed = 1;
}

/* ------------------------------------------------------------------ */

static sons_status read_pdf(sons_rctx *r, const unsigned char *data, size_t len, sons_zip *zip)
{
	(void)zip;
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, quiet_once);
	if (len > (size_t)G_MAXSSIZE)
		return sons__error_set(r->err, r->lang, SONS_ELIMIT, r->path, "fichier trop grand",
		                       "file too large");
	GBytes *bytes = g_bytes_new_static(data, len);
	GError *gerr = NULL;
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
	g_bytes_unref(bytes);
	if (!doc) {
		sons_status st;
		if (gerr && gerr->domain == POPPLER_ERROR && gerr->code == POPPLER_ERROR_ENCRYPTED)
			st = sons__error_set(r->err, r->lang, SONS_EUNSUPPORTED, r->path,
			                     "PDF protégé par un mot de passe : sons ne lit pas "
			                     "les PDF chiffrés "
			                     "(demandez le document sans mot de passe)",
			                     "password-protected PDF: sons does not read encrypted "
			                     "PDF files (ask "
			                     "for the document without a password)");
		else
			st = sons__error_set(r->err, r->lang, SONS_EFORMAT, r->path,
			                     "PDF endommagé ou illisible (poppler : %s)",
			                     "damaged or unreadable PDF (poppler: %s)",
			                     gerr && gerr->message ? gerr->message : "?");
		if (gerr)
			g_error_free(gerr);
		return st;
	}
	pdf p;
	memset(&p, 0, sizeof(p));
	p.r = r;
	sons_status st = SONS_OK;
	int n = poppler_document_get_n_pages(doc);
	uint32_t maxp = r->lim && r->lim->max_pages ? r->lim->max_pages : 2000u;
	if (n <= 0) {
		st = sons__error_set(r->err, r->lang, SONS_EFORMAT, r->path, "PDF sans aucune page",
		                     "PDF without any page");
		goto done;
	}
	if ((uint32_t)n > maxp) {
		st = sons__error_set(r->err, r->lang, SONS_ELIMIT, r->path,
		                     "PDF de %d pages, au-delà de la limite de %u pages",
		                     "PDF of %d pages, beyond the limit of %u pages", n, maxp);
		goto done;
	}
	p.npages = n;
	p.page_h = sons__calloc((size_t)n, sizeof(double));
	if (!p.page_h) {
		st = oom(&p);
		goto done;
	}
	char *title = poppler_document_get_title(doc);
	if (title && *title)
		st = sons__doc_set_meta(r, "title", title);
	g_free(title);
	if (st != SONS_OK) {
		st = model_error(&p, st);
		goto done;
	}
	for (int i = 0; i < n && st == SONS_OK; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);
		if (!page)
			continue;
		double w = 0, h = 0;
		poppler_page_get_size(page, &w, &h);
		p.page_h[i] = h > 0 ? h : 842;
		size_t before = p.nlines, ibefore = p.nitems;
		st = read_page(&p, page, i + 1);
		g_object_unref(page);
		if (st == SONS_OK && p.nlines > before)
			st = find_tables(&p, before, p.nlines);
		if (st == SONS_OK && p.nlines > before)
			st = split_cells(&p, ibefore, before);
	}
	if (st != SONS_OK)
		goto done;
	if (p.nlines == 0) {
		st = sons__error_set(
		        r->err, r->lang, SONS_EUNSUPPORTED, r->path,
		        "le PDF ne contient pas de texte (document scanné ?) : la reconnaissance "
		        "de "
		        "caractères n'est pas prise en charge",
		        "the PDF holds no text (a scanned document?): character recognition is not "
		        "supported");
		goto done;
	}
	signature_fields(&p, doc);
	if ((st = join_pages(&p)) != SONS_OK)
		goto done;
	double redge = 0;
	int redge_page = 0;
	for (size_t i = 0; i < p.nitems && st == SONS_OK; i++) {
		item *it = &p.items[i];
		if (it->dead)
			continue;
		if (it->table) {
			st = emit_table(&p, it);
			if (st == SONS_OK && it->has_after)
				st = emit_paras(&p, it->after_a, it->after_b, &redge, &redge_page);
		} else {
			/* consecutive paragraph items at once, for joining */
			size_t j = i;
			while (j + 1 < p.nitems && !p.items[j + 1].table && !p.items[j + 1].dead)
				j++;
			st = emit_paras(&p, it->a, p.items[j].b, &redge, &redge_page);
			i = j;
		}
	}
	for (size_t i = 0; i < p.nlines && !p.is_signed; i++) {
		const line *l = &p.lines[i];
		const seg *s0 = &p.segs[l->seg0], *sl = &p.segs[l->seg0 + l->nseg - 1];
		visible_signature(&p, p.txt.data + s0->off, sl->off + sl->len - s0->off);
	}
	if (p.is_signed)
		sons__doc_set_signed(r, 1);
done:
	for (size_t i = 0; i < p.nitems; i++)
		sons__free(p.items[i].runs);
	sons__free(p.items);
	sons__free(p.lines);
	sons__free(p.segs);
	sons__free(p.g);
	sons__free(p.pos);
	sons__free(p.idx);
	sons__free(p.page_h);
	sons__buf_free(&p.txt);
	sons__buf_free(&p.fold);
	g_object_unref(doc);
	return st;
}

const sons_reader sons__reader_pdf = { "pdf", read_pdf };
