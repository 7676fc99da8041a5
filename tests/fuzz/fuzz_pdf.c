/* SPDX-License-Identifier: MIT */
/* Fuzz target: bytes checked through the public API as a PDF file would be
 * (built with -Dpdf), then rendered as JSON. Inputs that do not start like a
 * PDF get the header in front, so that mutations reach poppler and the line
 * and table rebuilding rather than the format detection. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sons/sons.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* One context for the whole run; it is never freed (a harness). */
	static sons_context *ctx;
	if (!ctx) {
		if (sons_context_new(&ctx, NULL) != SONS_OK)
			return 0;
		/* Fewer pages keep each run fast; the checks stay the same. */
		sons_limits lim = SONS_LIMITS_INIT;
		lim.max_pages = 50;
		sons_context_set_limits(ctx, &lim);
	}
	static const char head[] = "%PDF-1.4\n";
	unsigned char *buf = NULL;
	if (size < 5 || memcmp(data, "%PDF-", 5) != 0) {
		buf = malloc(size + sizeof(head));
		if (!buf)
			return 0;
		memcpy(buf, head, sizeof(head) - 1);
		if (size)
			memcpy(buf + sizeof(head) - 1, data, size);
		data = buf;
		size += sizeof(head) - 1;
	}
	sons_check_options opts = SONS_CHECK_OPTIONS_INIT;
	opts.today = "2026-01-15";
	sons_report *rep = NULL;
	sons_error err;
	sons_check_memory(&rep, ctx, data, size, "fuzz.pdf", &opts, &err);
	if (rep) {
		sons_render_options ro = SONS_RENDER_OPTIONS_INIT;
		ro.format = SONS_FORMAT_JSON;
		char *out = NULL;
		sons_render(&out, NULL, ctx, &rep, 1, &ro, NULL);
		sons_free(out);
	}
	sons_report_free(rep);
	free(buf);
	return 0;
}
