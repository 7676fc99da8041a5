/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "internal.h"

void sons__buf_init(sons_buf *b)
{
	memset(b, 0, sizeof(*b));
}

void sons__buf_free(sons_buf *b)
{
	sons__free(b->data);
	memset(b, 0, sizeof(*b));
}

void sons__buf_reset(sons_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

static int grow(sons_buf *b, size_t extra)
{
	if (b->oom)
		return -1;
	if (extra > SIZE_MAX - b->len - 1) {
		b->oom = 1;
		return -1;
	}
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	char *d = sons__realloc(b->data, cap);
	if (!d) {
		b->oom = 1;
		return -1;
	}
	b->data = d;
	b->cap = cap;
	return 0;
}

int sons__buf_append(sons_buf *b, const char *s, size_t n)
{
	if (grow(b, n))
		return -1;
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int sons__buf_flush(sons_buf *b)
{
	if (!b->sink || b->oom)
		return b->oom ? -1 : 0;
	if (b->len && b->sink(b->sink_user, b->data, b->len) != 0) {
		b->sink_failed = 1;
		b->oom = 1;
		return -1;
	}
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
	return 0;
}

int sons__buf_puts(sons_buf *b, const char *s)
{
	return sons__buf_append(b, s, strlen(s));
}

int sons__buf_putc(sons_buf *b, char c)
{
	return sons__buf_append(b, &c, 1);
}

int sons__buf_vprintf(sons_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0 || grow(b, (size_t)n))
		return -1;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int sons__buf_printf(sons_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = sons__buf_vprintf(b, fmt, ap);
	va_end(ap);
	return r;
}

char *sons__buf_detach(sons_buf *b)
{
	if (b->oom) {
		sons__buf_free(b);
		return NULL;
	}
	if (!b->data && grow(b, 0))
		return NULL;
	b->data[b->len] = '\0';
	char *d = b->data;
	memset(b, 0, sizeof(*b));
	return d;
}

uint64_t sons__hash_bytes(const void *p, size_t len)
{
	const unsigned char *s = p;
	uint64_t h = 0x9E3779B97F4A7C15ull ^ len;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDull;
		h ^= h >> 29;
	}
	uint64_t w = 0;
	for (unsigned k = 0; i < len; i++, k += 8)
		w |= (uint64_t)s[i] << k;
	h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
	return h ^ (h >> 32);
}
