/* SPDX-License-Identifier: MIT */
/* Every allocation of the library goes through here, so that a test build
 * can make them fail and so that no call site forgets to check. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#ifdef SONS_ALLOC_FAILURE_TESTING
/* Only in the static library the tests link (never in libsons): the Nth
 * allocation of this thread fails, the others succeed. */
static _Thread_local unsigned long fail_at, counted;

void sons__alloc_fail_at(unsigned long n)
{
	fail_at = n;
	counted = 0;
}

unsigned long sons__alloc_count(void)
{
	return counted;
}

int sons__alloc_fails(void)
{
	return ++counted == fail_at;
}
#define FAILS() sons__alloc_fails()
#else
#define FAILS() 0
#endif

void *sons__malloc(size_t n)
{
	return FAILS() ? NULL : malloc(n ? n : 1);
}

void *sons__calloc(size_t n, size_t size)
{
	if (FAILS())
		return NULL;
	if (n == 0 || size == 0)
		return calloc(1, 1);
	return calloc(n, size);
}

void *sons__realloc(void *p, size_t n)
{
	return FAILS() ? NULL : realloc(p, n ? n : 1);
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
