/* SPDX-License-Identifier: MIT */
/* The raw document model: paragraphs and tables with their locations, as
 * the readers found them. Strings live in the document's arena; block, row
 * and cell arrays grow with realloc and are freed with the document. */
#include <string.h>

#include "internal.h"

typedef struct meta {
	const char *key, *value;
} meta;

/* A text folded once: its raw bytes (a copy) and the folded string. */
typedef struct folded {
	uint64_t hash;
	const char *raw; /* NULL: free entry */
	size_t len;
	const char *text;
} folded;

struct sons_doc {
	sons_arena *arena;
	const char *format;
	sons_block *blocks;
	size_t nblocks, capblocks;
	size_t caprows;  /* capacity of the rows of the open table */
	size_t capcells; /* capacity of the cells of the open row */
	int in_table;
	int npara, ntable, page;
	size_t ncells;
	sons_skip *skips;
	size_t nskips, capskips;
	meta *metas;
	size_t nmetas, capmetas;
	int is_signed;
	sons_buf scratch;
	folded *folds; /* open addressing, capfolds a power of two */
	size_t nfolds, capfolds;
	sons_buf fold;
};

sons_doc *sons__doc_new(void)
{
	sons_doc *d = sons__calloc(1, sizeof(*d));
	if (!d)
		return NULL;
	d->arena = sons__arena_new();
	if (!d->arena) {
		sons__free(d);
		return NULL;
	}
	d->format = "unknown";
	return d;
}

void sons__doc_free(sons_doc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nblocks; i++) {
		sons_block *b = &d->blocks[i];
		for (size_t j = 0; j < b->nrows; j++)
			sons__free(b->rows[j].cells);
		sons__free(b->rows);
	}
	sons__free(d->blocks);
	sons__free(d->skips);
	sons__free(d->metas);
	sons__buf_free(&d->scratch);
	sons__buf_free(&d->fold);
	sons__free(d->folds);
	sons__arena_free(d->arena);
	sons__free(d);
}

void sons__doc_set_format(sons_doc *d, const char *format)
{
	d->format = format;
}

sons_arena *sons__doc_arena(sons_doc *d)
{
	return d->arena;
}

static folded *fold_slot(folded *v, size_t cap, uint64_t hash, const char *s, size_t len)
{
	size_t i = (size_t)hash & (cap - 1);
	while (v[i].raw && (v[i].hash != hash || v[i].len != len || memcmp(v[i].raw, s, len) != 0))
		i = (i + 1) & (cap - 1);
	return &v[i];
}

const char *sons__doc_fold(sons_doc *d, const char *s, size_t len)
{
	uint64_t hash = sons__hash_bytes(s, len);
	if (d->capfolds) {
		folded *f = fold_slot(d->folds, d->capfolds, hash, s, len);
		if (f->raw)
			return f->text;
	}
	sons__buf_reset(&d->fold);
	if (sons__fold(&d->fold, s, len))
		return NULL;
	const char *text =
	        sons__arena_strndup(d->arena, d->fold.data ? d->fold.data : "", d->fold.len);
	if (!text)
		return NULL;
	if (d->nfolds + 1 > d->capfolds / 2) {
		/* Grow (load under one half); a table that cannot grow only
		 * stops remembering. */
		size_t cap = d->capfolds ? d->capfolds * 2 : 256;
		folded *v = cap <= SIZE_MAX / sizeof(*v) ? sons__calloc(cap, sizeof(*v)) : NULL;
		if (!v)
			return text;
		for (size_t i = 0; i < d->capfolds; i++)
			if (d->folds[i].raw)
				*fold_slot(v, cap, d->folds[i].hash, d->folds[i].raw,
				           d->folds[i].len) = d->folds[i];
		sons__free(d->folds);
		d->folds = v;
		d->capfolds = cap;
	}
	const char *raw = sons__arena_strndup(d->arena, s, len);
	if (!raw)
		return text;
	folded *f = fold_slot(d->folds, d->capfolds, hash, s, len);
	f->hash = hash;
	f->raw = raw;
	f->len = len;
	f->text = text;
	d->nfolds++;
	return text;
}

static int grow(void **arr, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return 0;
	size_t nc = *cap ? *cap * 2 : 8;
	if (nc > SIZE_MAX / elem)
		return -1;
	void *p = sons__realloc(*arr, nc * elem);
	if (!p)
		return -1;
	*arr = p;
	*cap = nc;
	return 0;
}

/* Cleans text (invalid UTF-8, controls) and copies it into the arena. */
static const char *intern(sons_doc *d, const char *text, size_t len)
{
	sons__buf_reset(&d->scratch);
	if (sons__utf8_clean(&d->scratch, text, len))
		return NULL;
	return sons__arena_strndup(d->arena, d->scratch.data ? d->scratch.data : "",
	                           d->scratch.len);
}

static sons_block *new_block(sons_rctx *r, sons_block_type type)
{
	sons_doc *d = r->doc;
	if (grow((void **)&d->blocks, &d->capblocks, d->nblocks, sizeof(sons_block)))
		return NULL;
	sons_block *b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof(*b));
	b->type = type;
	b->page = d->page;
	return b;
}

sons_status sons__doc_add_para(sons_rctx *r, const char *text, size_t len, int heading)
{
	sons_doc *d = r->doc;
	if (d->in_table)
		return SONS_EINVALID;
	const char *t = intern(d, text, len);
	if (!t)
		return SONS_ENOMEM;
	if (!*t)
		return SONS_OK; /* empty paragraphs carry nothing */
	sons_block *b = new_block(r, SONS_BLOCK_PARA);
	if (!b)
		return SONS_ENOMEM;
	b->index = ++d->npara;
	b->text = t;
	b->heading = heading;
	return SONS_OK;
}

sons_status sons__doc_add_para_at(sons_rctx *r, const char *text, size_t len, int page, int line)
{
	sons_doc *d = r->doc;
	size_t before = d->nblocks;
	int saved = d->page;
	d->page = page;
	sons_status st = sons__doc_add_para(r, text, len, 0);
	d->page = saved;
	if (st == SONS_OK && d->nblocks > before)
		d->blocks[d->nblocks - 1].index = line;
	return st;
}

sons_status sons__doc_set_page(sons_rctx *r, int page)
{
	r->doc->page = page;
	return SONS_OK;
}

sons_status sons__doc_begin_table(sons_rctx *r, const char *sheet)
{
	sons_doc *d = r->doc;
	if (d->in_table)
		return SONS_EINVALID;
	const char *s = NULL;
	if (sheet) {
		s = intern(d, sheet, strlen(sheet));
		if (!s)
			return SONS_ENOMEM;
	}
	sons_block *b = new_block(r, SONS_BLOCK_TABLE);
	if (!b)
		return SONS_ENOMEM;
	b->index = ++d->ntable;
	b->sheet = s;
	d->in_table = 1;
	d->caprows = 0;
	d->capcells = 0;
	return SONS_OK;
}

static sons_block *open_table(sons_doc *d)
{
	return d->in_table ? &d->blocks[d->nblocks - 1] : NULL;
}

sons_status sons__doc_begin_row(sons_rctx *r, int index)
{
	sons_doc *d = r->doc;
	sons_block *b = open_table(d);
	if (!b)
		return SONS_EINVALID;
	if (grow((void **)&b->rows, &d->caprows, b->nrows, sizeof(sons_row)))
		return SONS_ENOMEM;
	sons_row *row = &b->rows[b->nrows];
	int prev = b->nrows ? b->rows[b->nrows - 1].index : 0;
	memset(row, 0, sizeof(*row));
	row->index = index > 0 ? index : prev + 1;
	b->nrows++;
	d->capcells = 0;
	return SONS_OK;
}

sons_status sons__doc_begin_row_at(sons_rctx *r, int page, int line)
{
	sons_status st = sons__doc_begin_row(r, line > 0 ? line : 1);
	if (st != SONS_OK)
		return st;
	sons_block *b = open_table(r->doc);
	if (b->nrows == 1)
		b->page = page;
	b->paged = 1;
	b->rows[b->nrows - 1].page = page;
	return SONS_OK;
}

sons_status sons__doc_add_cell(sons_rctx *r, const char *text, size_t len, int col, int span,
                               const char *ref)
{
	sons_doc *d = r->doc;
	sons_block *b = open_table(d);
	if (!b || b->nrows == 0)
		return SONS_EINVALID;
	uint32_t maxc = r->lim && r->lim->max_cells ? r->lim->max_cells : 2000000u;
	if (++d->ncells > maxc)
		return sons__error_set(r->err, r->lang, SONS_ELIMIT, r->path,
		                       "plus de %u cellules : limite de sécurité atteinte",
		                       "more than %u cells: safety limit reached", maxc);
	sons_row *row = &b->rows[b->nrows - 1];
	if (grow((void **)&row->cells, &d->capcells, row->ncells, sizeof(sons_cell)))
		return SONS_ENOMEM;
	const char *t = intern(d, text, len);
	if (!t)
		return SONS_ENOMEM;
	if (col <= 0) {
		col = 1;
		if (row->ncells) {
			const sons_cell *p = &row->cells[row->ncells - 1];
			col = p->col + p->span;
		}
	}
	sons_cell *c = &row->cells[row->ncells++];
	memset(c, 0, sizeof(*c));
	c->text = t;
	c->col = col;
	c->span = span >= 1 ? span : 1;
	if (ref) {
		size_t n = strlen(ref);
		if (n >= sizeof(c->ref))
			n = sizeof(c->ref) - 1;
		memcpy(c->ref, ref, n);
		c->ref[n] = '\0';
	}
	return SONS_OK;
}

static sons_cell *last_cell(sons_doc *d)
{
	sons_block *b = open_table(d);
	if (!b || !b->nrows)
		return NULL;
	sons_row *row = &b->rows[b->nrows - 1];
	return row->ncells ? &row->cells[row->ncells - 1] : NULL;
}

void sons__doc_cell_value(sons_rctx *r, double value)
{
	sons_cell *c = last_cell(r->doc);
	if (c) {
		c->has_value = 1;
		c->value = value;
	}
}

void sons__doc_cell_date(sons_rctx *r, const sons_date *date)
{
	sons_cell *c = last_cell(r->doc);
	if (c) {
		c->has_date = 1;
		c->date = *date;
	}
}

sons_status sons__doc_end_table(sons_rctx *r)
{
	sons_doc *d = r->doc;
	sons_block *b = open_table(d);
	if (!b)
		return SONS_EINVALID;
	d->in_table = 0;
	/* Drop trailing empty rows' cells? Keep rows as read; an empty table
	 * is removed so that it does not count. */
	if (b->nrows == 0) {
		d->nblocks--;
		d->ntable--;
	}
	return SONS_OK;
}

sons_status sons__doc_skipped(sons_rctx *r, const char *what_fr, const char *what_en)
{
	sons_doc *d = r->doc;
	if (d->nskips >= 64)
		return SONS_OK; /* enough to tell the reader */
	if (grow((void **)&d->skips, &d->capskips, d->nskips, sizeof(sons_skip)))
		return SONS_ENOMEM;
	const char *fr = sons__arena_strdup(d->arena, what_fr);
	const char *en = sons__arena_strdup(d->arena, what_en);
	if (!fr || !en)
		return SONS_ENOMEM;
	d->skips[d->nskips].what_fr = fr;
	d->skips[d->nskips].what_en = en;
	d->nskips++;
	return SONS_OK;
}

sons_status sons__doc_set_meta(sons_rctx *r, const char *key, const char *value)
{
	sons_doc *d = r->doc;
	for (size_t i = 0; i < d->nmetas; i++)
		if (strcmp(d->metas[i].key, key) == 0) {
			const char *v = intern(d, value, strlen(value));
			if (!v)
				return SONS_ENOMEM;
			d->metas[i].value = v;
			return SONS_OK;
		}
	if (grow((void **)&d->metas, &d->capmetas, d->nmetas, sizeof(meta)))
		return SONS_ENOMEM;
	const char *k = sons__arena_strdup(d->arena, key);
	const char *v = intern(d, value, strlen(value));
	if (!k || !v)
		return SONS_ENOMEM;
	d->metas[d->nmetas].key = k;
	d->metas[d->nmetas].value = v;
	d->nmetas++;
	return SONS_OK;
}

void sons__doc_set_signed(sons_rctx *r, int is_signed)
{
	r->doc->is_signed = is_signed;
}

size_t sons__doc_block_count(const sons_doc *d)
{
	return d->nblocks;
}

const sons_block *sons__doc_block(const sons_doc *d, size_t i)
{
	return i < d->nblocks ? &d->blocks[i] : NULL;
}

const char *sons__doc_format(const sons_doc *d)
{
	return d->format;
}

size_t sons__doc_skip_count(const sons_doc *d)
{
	return d->nskips;
}

const sons_skip *sons__doc_skip(const sons_doc *d, size_t i)
{
	return i < d->nskips ? &d->skips[i] : NULL;
}

const char *sons__doc_meta(const sons_doc *d, const char *key)
{
	for (size_t i = 0; i < d->nmetas; i++)
		if (strcmp(d->metas[i].key, key) == 0)
			return d->metas[i].value;
	return NULL;
}

int sons__doc_signed(const sons_doc *d)
{
	return d->is_signed;
}
