/* SPDX-License-Identifier: MIT */
/* Every allocation of the library goes through here, so that a test build
 * can make them fail and so that no call site forgets to check. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void *sons__malloc(size_t n)
{
	return malloc(n ? n : 1);
}

void *sons__calloc(size_t n, size_t size)
{
	if (n == 0 || size == 0)
		return calloc(1, 1);
	return calloc(n, size);
}

void *sons__realloc(void *p, size_t n)
{
	return realloc(p, n ? n : 1);
}

void sons__free(void *p)
{
	free(p);
}

char *sons__strndup(const char *s, size_t n)
{
	char *d = sons__malloc(n + 1);
	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *sons__strdup(const char *s)
{
	return sons__strndup(s, strlen(s));
}
