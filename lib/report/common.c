/* SPDX-License-Identifier: MIT */
/* What the SARIF, JUnit and CSV views share: the report's language, a
 * location written as people read it ("Devis!F12", "tableau 2, ligne 4"),
 * a language-free key of it for fingerprints, severity words, and the
 * catalogue index of a rule. Nothing here looks at a document: every
 * value comes from the findings the JSON report prints. */
#include <stdio.h>
#include <string.h>

#include "report/report.h"

sons_lang sons__report_lang(const sons_context *ctx, sons_report *const *reports, size_t count)
{
	if (ctx)
		return sons__context_lang(ctx);
	if (count)
		return reports[0]->lang;
	return SONS_LANG_FR;
}

size_t sons__utf8_seq(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0];
	size_t len;
	unsigned min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		min = 0x80;
		c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		min = 0x800;
		c &= 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		min = 0x10000;
		c &= 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

static const char *tr(sons_lang lang, const char *fr, const char *en)
{
	return lang == SONS_LANG_EN ? en : fr;
}

/* "A", "Z", "AA"… for a 1-based column. */
static void put_column_letters(sons_buf *b, int col)
{
	char tmp[8];
	size_t n = 0;
	while (col > 0 && n < sizeof(tmp)) {
		col--;
		tmp[n++] = (char)('A' + col % 26);
		col /= 26;
	}
	while (n)
		sons__buf_putc(b, tmp[--n]);
}

static int is_word_processing(const char *format)
{
	return format && (strcmp(format, "docx") == 0 || strcmp(format, "odt") == 0 ||
	                  strcmp(format, "doc") == 0 || strcmp(format, "rtf") == 0);
}

/* The same words as the text report (text.c), so that a location reads
 * alike in every format. */
int sons__loc_text(sons_buf *b, const sons_loc *loc, const char *format, sons_lang lang)
{
	size_t start = b->len;
	if (loc->sheet && loc->sheet[0]) {
		sons__buf_puts(b, loc->sheet);
		if (loc->cell[0]) {
			sons__buf_putc(b, '!');
			sons__buf_puts(b, loc->cell);
		} else if (loc->row > 0 && loc->column > 0) {
			sons__buf_putc(b, '!');
			put_column_letters(b, loc->column);
			sons__buf_printf(b, "%d", loc->row);
		} else if (loc->row > 0) {
			sons__buf_printf(b, ", %s %d", tr(lang, "ligne", "row"), loc->row);
		} else if (loc->column > 0) {
			sons__buf_printf(b, ", %s %d", tr(lang, "colonne", "column"), loc->column);
		}
		return 1;
	}
	if (loc->page > 0)
		sons__buf_printf(b, "p.%d", loc->page);
	if (loc->table > 0) {
		if (b->len > start)
			sons__buf_putc(b, ':');
		sons__buf_printf(b, "%s %d", tr(lang, "tableau", "table"), loc->table);
		if (loc->row > 0)
			sons__buf_printf(b, ", %s %d", tr(lang, "ligne", "row"), loc->row);
		if (loc->column > 0)
			sons__buf_printf(b, ", %s %d", tr(lang, "colonne", "column"), loc->column);
	} else if (loc->line > 0) {
		if (is_word_processing(format))
			sons__buf_printf(b, "%s§%d", b->len > start ? ":" : "", loc->line);
		else if (b->len > start)
			sons__buf_printf(b, ":l.%d", loc->line);
		else
			sons__buf_printf(b, "%s %d", tr(lang, "ligne", "line"), loc->line);
	} else if (loc->cell[0]) {
		if (b->len > start)
			sons__buf_putc(b, ':');
		sons__buf_puts(b, loc->cell);
	}
	return b->len > start;
}

void sons__loc_key(sons_buf *b, const sons_loc *loc)
{
	sons__buf_printf(b, "p%d;s=", loc->page);
	if (loc->sheet)
		sons__buf_puts(b, loc->sheet);
	sons__buf_printf(b, ";c=%s;l%d;t%d;r%d;k%d", loc->cell, loc->line, loc->table, loc->row,
	                 loc->column);
}

uint64_t sons__fnv1a64(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

const char *sons__severity_word(sons_severity s, sons_lang lang)
{
	switch (s) {
	case SONS_SEVERITY_ERROR:
		return tr(lang, "erreur", "error");
	case SONS_SEVERITY_WARNING:
		return tr(lang, "avertissement", "warning");
	case SONS_SEVERITY_INFO:
		break;
	}
	return "info";
}

int sons__report_unreadable(const sons_report *r)
{
	for (size_t i = 0; i < r->nfindings; i++)
		if (r->findings[i].rule && strcmp(r->findings[i].rule, "SONS-D001") == 0)
			return 1;
	return 0;
}

long sons__rule_index(const char *id)
{
	const sons_rule_info *ri;
	for (size_t i = 0; id && (ri = sons_rule_at(i)) != NULL; i++)
		if (strcmp(ri->id, id) == 0)
			return (long)i;
	return -1;
}

/* ------------------------------------------------------------------ */
/* Tally */

typedef struct ed_key {
	char *key; /* "1" + SIREN, or "2" + folded name; NULL: editor not read */
	size_t doc;
} ed_key;

static int cmp_ed(const void *pa, const void *pb)
{
	const ed_key *a = pa, *b = pb;
	if (!a->key || !b->key) {
		if (a->key != b->key)
			return a->key ? -1 : 1;
	} else {
		int c = strcmp(a->key, b->key);
		if (c)
			return c;
	}
	return a->doc < b->doc ? -1 : a->doc > b->doc;
}

void sons__tally_free(sons_tally *t)
{
	sons__free(t->rules);
	sons__free(t->editors);
	memset(t, 0, sizeof(*t));
}

int sons__tally_make(sons_tally *t, sons_report *const *reports, size_t count)
{
	memset(t, 0, sizeof(*t));
	size_t nr = sons_rule_count();
	sons_tally_rule *all = sons__calloc(nr ? nr : 1, sizeof(*all));
	ed_key *keys = sons__calloc(count ? count : 1, sizeof(*keys));
	unsigned char *seen = sons__calloc(nr ? nr : 1, 1);
	int rc = -1;
	if (!all || !keys || !seen)
		goto out;
	for (size_t i = 0; i < count; i++) {
		const sons_report *r = reports[i];
		memset(seen, 0, nr);
		for (size_t k = 0; k < r->nfindings; k++) {
			long x = sons__rule_index(r->findings[k].rule);
			if (x < 0)
				continue;
			all[x].findings++;
			if (!seen[x]) {
				seen[x] = 1;
				all[x].documents++;
			}
		}
		keys[i].doc = i;
		const char *name = r->dg.editor;
		sons_buf b = SONS_BUF_INIT;
		if (r->dg.editor_siren) {
			sons__buf_putc(&b, '1');
			sons__buf_puts(&b, r->dg.editor_siren);
		} else if (name && name[0]) {
			sons__buf_putc(&b, '2');
			if (sons__fold(&b, name, strlen(name)))
				b.oom = 1;
		}
		if (b.oom) {
			sons__buf_free(&b);
			goto out;
		}
		keys[i].key = b.data; /* owned, NULL when nothing was read */
	}
	for (size_t x = 0; x < nr; x++)
		if (all[x].findings) {
			all[t->nrules] = all[x];
			all[t->nrules].rule = sons_rule_at(x);
			t->nrules++;
		}
	t->rules = all;
	all = NULL;
	if (count)
		qsort(keys, count, sizeof(*keys), cmp_ed);
	t->editors = sons__calloc(count ? count : 1, sizeof(*t->editors));
	if (!t->editors)
		goto out;
	for (size_t i = 0; i < count; i++) {
		const sons_report *r = reports[keys[i].doc];
		int same =
		        t->neditors &&
		        ((!keys[i].key && !keys[i - 1].key) ||
		         (keys[i].key && keys[i - 1].key && !strcmp(keys[i].key, keys[i - 1].key)));
		if (!same) {
			t->neditors++;
			if (keys[i].key && keys[i].key[0] == '1')
				snprintf(t->editors[t->neditors - 1].label,
				         sizeof(t->editors[0].label), "SIREN %.9s",
				         keys[i].key + 1);
		}
		sons_tally_editor *e = &t->editors[t->neditors - 1];
		if (!e->name && r->dg.editor && r->dg.editor[0])
			e->name = r->dg.editor;
		e->documents++;
		unsigned v = (unsigned)r->verdict;
		e->verdicts[v < 3 ? v : SONS_VERDICT_INDETERMINE]++;
	}
	for (size_t i = 0; i < t->neditors; i++)
		if (!t->editors[i].name && t->editors[i].label[0])
			t->editors[i].name = t->editors[i].label;
	rc = 0;
out:
	for (size_t i = 0; keys && i < count; i++)
		sons__free(keys[i].key);
	sons__free(keys);
	sons__free(seen);
	sons__free(all);
	if (rc)
		sons__tally_free(t);
	return rc;
}
