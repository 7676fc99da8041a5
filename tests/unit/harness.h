/* SPDX-License-Identifier: MIT */
/* A tiny TAP producer: "ok N - desc" / "not ok N - desc", then "1..N".
 * done_testing() returns the exit status (non-zero on any failure or when
 * the count differs from plan()). Diagnostics go to stdout as "# ..." */
#ifndef SONS_TEST_HARNESS_H
#define SONS_TEST_HARNESS_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_run, tap_failed, tap_planned = -1;

#if defined(__GNUC__)
#define TAP_FMT(a, b) __attribute__((format(printf, a, b)))
#else
#define TAP_FMT(a, b)
#endif

static inline TAP_FMT(4, 0) int tap_vok(int pass, const char *file, int line, const char *fmt,
                                        va_list ap)
{
	printf("%sok %d - ", pass ? "" : "not ", ++tap_run);
	vprintf(fmt, ap);
	printf("\n");
	if (!pass) {
		tap_failed++;
		printf("#   failed at %s:%d\n", file, line);
	}
	return pass;
}

static inline TAP_FMT(4, 5) int tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tap_vok(pass, file, line, fmt, ap);
	va_end(ap);
	return pass;
}

static inline TAP_FMT(5, 6) int tap_is_int(long long got, long long exp, const char *file, int line,
                                           const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int pass = tap_vok(got == exp, file, line, fmt, ap);
	va_end(ap);
	if (!pass)
		printf("#        got: %lld\n#   expected: %lld\n", got, exp);
	return pass;
}

static inline TAP_FMT(5, 6) int tap_is_str(const char *got, const char *exp, const char *file,
                                           int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int same = (!got && !exp) || (got && exp && strcmp(got, exp) == 0);
	int pass = tap_vok(same, file, line, fmt, ap);
	va_end(ap);
	if (!pass)
		printf("#        got: '%s'\n#   expected: '%s'\n", got ? got : "(null)",
		       exp ? exp : "(null)");
	return pass;
}

static inline int tap_done(void)
{
	printf("1..%d\n", tap_run);
	if (tap_planned >= 0 && tap_planned != tap_run)
		printf("# planned %d tests but ran %d\n", tap_planned, tap_run);
	fflush(stdout);
	return tap_failed || (tap_planned >= 0 && tap_planned != tap_run) ? 1 : 0;
}

#define plan(n)       (tap_planned = (n))
#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, exp, ...)                                                                      \
	tap_is_int((long long)(got), (long long)(exp), __FILE__, __LINE__, __VA_ARGS__)
#define is_str(got, exp, ...) tap_is_str((got), (exp), __FILE__, __LINE__, __VA_ARGS__)
#define done_testing()        tap_done()

#endif
