/* SPDX-License-Identifier: MIT */
/* Allocation failure, reader by reader: for each document given, the whole
 * pipeline (context, read, analyse, rules, compaction, batch rules, the
 * JSON, text and HTML reports) is run once to count its allocations, then
 * again with the Nth allocation failing, for N = 1, 2, … (every N up to
 * 600, then growing by 4 %). Our allocations fail through util/alloc.c's
 * test hook, libxml2's through xmlMemSetup() (process-global: fine in this
 * test program, never in the library); libzip, PCRE2, jansson and poppler
 * allocate on their own and are not made to fail.
 *
 * Each run must end cleanly: an error status (out of memory), or a report
 * that is either the same as without the failure (a failure absorbed) or
 * indetermine — never a different verdict, never a crash; under ASan+LSan
 * (the sanitizer run of tools/setup.sh) never a leak or a bad access.
 *
 * SONS_ALLOC_FAIL_STEP=K (environment; `meson test --setup valgrind` sets
 * it) tries one N in K below 600, from an offset that differs from one
 * document to the next, so that a run under valgrind stays a few minutes:
 * valgrind is what sees a read of memory a failed step left uninitialised,
 * which ASan does not. */
#define SONS_ALLOC_FAILURE_TESTING 1 /* the hook's declarations in internal.h */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlmemory.h>

#include "harness.h"
#include "internal.h"
#include <sons/sons.h>

static void *x_malloc(size_t n)
{
	return sons__alloc_fails() ? NULL : malloc(n);
}

static void *x_realloc(void *p, size_t n)
{
	return sons__alloc_fails() ? NULL : realloc(p, n);
}

static char *x_strdup(const char *s)
{
	if (sons__alloc_fails())
		return NULL;
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	if (d)
		memcpy(d, s, n);
	return d;
}

typedef struct outcome {
	sons_status st; /* of the check */
	int have;       /* a report came back */
	sons_verdict verdict;
	size_t findings;
	int failed; /* some later step said out of memory */
} outcome;

static void run(const char *path, outcome *o)
{
	memset(o, 0, sizeof(*o));
	sons_context *ctx = NULL;
	sons_error err;
	memset(&err, 0, sizeof(err));
	if (sons_context_new(&ctx, &err) != SONS_OK) {
		o->st = SONS_ENOMEM;
		return;
	}
	sons_check_options opts = SONS_CHECK_OPTIONS_INIT;
	opts.today = "2023-06-01";
	sons_report *r = NULL;
	o->st = sons_check_file(&r, ctx, path, &opts, &err);
	if (r) {
		o->have = 1;
		o->verdict = sons_report_verdict(r);
		o->findings = sons_report_finding_count(r);
		static const sons_format formats[] = { SONS_FORMAT_JSON, SONS_FORMAT_HTML,
			                               SONS_FORMAT_TEXT };
		for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
			sons_render_options ro = SONS_RENDER_OPTIONS_INIT;
			ro.format = formats[i];
			char *out = NULL;
			if (sons_render(&out, NULL, ctx, &r, 1, &ro, &err) != SONS_OK)
				o->failed = 1;
			sons_free(out);
		}
		if (sons_report_compact(r) != SONS_OK)
			o->failed = 1;
		if (sons_check_audit(ctx, &r, 1, &err) != SONS_OK)
			o->failed = 1;
		sons_report_free(r);
	}
	sons_context_free(ctx);
}

int main(int argc, char **argv)
{
	if (xmlMemSetup(free, x_malloc, x_realloc, x_strdup) != 0) {
		printf("1..0 # SKIP xmlMemSetup refused\n");
		return 0;
	}
	const char *env = getenv("SONS_ALLOC_FAIL_STEP");
	unsigned long step = env ? strtoul(env, NULL, 10) : 1;
	if (step < 1)
		step = 1;
	for (int a = 1; a < argc; a++) {
		const char *path = argv[a];
		outcome base, o;
		sons__alloc_fail_at(0);
		run(path, &base);
		unsigned long total = sons__alloc_count();
		ok(base.have && base.st == SONS_OK && !base.failed, "%s: checked (%lu allocations)",
		   path, total);
		unsigned long runs = 0, enomem = 0, absorbed = 0, indeterminate = 0, bad = 0;
		for (unsigned long n = 1 + (unsigned long)(a - 1) % step; n <= total;
		     n = n < 600 ? n + step : n + n / 25) {
			sons__alloc_fail_at(n);
			run(path, &o);
			sons__alloc_fail_at(0);
			runs++;
			if (!o.have || o.st == SONS_ENOMEM)
				enomem++;
			else if (o.verdict == base.verdict && o.findings == base.findings)
				absorbed++;
			else if (o.verdict == SONS_VERDICT_INDETERMINE)
				indeterminate++;
			else if (bad++ < 3)
				printf("# %s: allocation %lu failing gives verdict %s with %zu "
				       "findings "
				       "(without: %s, %zu)\n",
				       path, n, sons_verdict_name(o.verdict), o.findings,
				       sons_verdict_name(base.verdict), base.findings);
		}
		ok(!bad,
		   "%s: %lu runs with one allocation failing: %lu out of memory, %lu absorbed, "
		   "%lu indetermine, %lu wrong",
		   path, runs, enomem, absorbed, indeterminate, bad);
	}
	return done_testing();
}
