/* SPDX-License-Identifier: MIT */
/* A page arena: the model's strings and small objects, freed together. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define ARENA_PAGE 16384

typedef struct page {
	struct page *next;
	size_t used, size;
	/* followed by the data, 16-aligned by the struct layout below */
} page;

struct sons_arena {
	page *head;
};

sons_arena *sons__arena_new(void)
{
	return sons__calloc(1, sizeof(sons_arena));
}

void sons__arena_free(sons_arena *a)
{
	if (!a)
		return;
	page *p = a->head;
	while (p) {
		page *next = p->next;
		sons__free(p);
		p = next;
	}
	sons__free(a);
}

static size_t header_size(void)
{
	return (sizeof(page) + 15) & ~(size_t)15;
}

void *sons__arena_alloc(sons_arena *a, size_t n)
{
	n = (n + 7) & ~(size_t)7;
	if (n == 0)
		n = 8;
	page *p = a->head;
	if (!p || p->size - p->used < n) {
		size_t size = n > ARENA_PAGE / 2 ? n : ARENA_PAGE;
		if (size > SIZE_MAX - header_size())
			return NULL;
		/* Zeroed: PCRE2's JIT reads a few bytes past a subject's end
		 * (whole words), which must not be uninitialised memory. */
		page *np = sons__calloc(1, header_size() + size);
		if (!np)
			return NULL;
		np->used = 0;
		np->size = size;
		if (p && size != ARENA_PAGE) {
			/* A big block: keep the current page in front. */
			np->next = p->next;
			p->next = np;
			np->used = n;
			void *r = (char *)np + header_size();
			memset(r, 0, n);
			return r;
		}
		np->next = p;
		a->head = np;
		p = np;
	}
	void *r = (char *)p + header_size() + p->used;
	p->used += n;
	memset(r, 0, n);
	return r;
}

char *sons__arena_strndup(sons_arena *a, const char *s, size_t n)
{
	char *d = sons__arena_alloc(a, n + 1);
	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *sons__arena_strdup(sons_arena *a, const char *s)
{
	return sons__arena_strndup(a, s, strlen(s));
}

char *sons__arena_printf(sons_arena *a, const char *fmt, ...)
{
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		va_end(ap2);
		return NULL;
	}
	char *d = sons__arena_alloc(a, (size_t)n + 1);
	if (d)
		vsnprintf(d, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return d;
}
