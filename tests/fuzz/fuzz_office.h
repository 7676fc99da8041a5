/* SPDX-License-Identifier: MIT */
/* The body shared by the office fuzz harnesses. Before including it, a
 * harness defines MAIN (the part its bytes become when they do not start
 * like a zip), FIXED (companion parts packed beside it) and FUZZ_NAME (the
 * file name the check sees, which picks nothing: the content does). */
#ifndef SONS_FUZZ_OFFICE_H
#define SONS_FUZZ_OFFICE_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include <sons/sons.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Packs the input as part MAIN with the fixed parts into a zip without
 * compression. NULL on failure. */
static unsigned char *pack(const uint8_t *data, size_t size, size_t *outlen)
{
	zip_error_t ze;
	zip_error_init(&ze);
	unsigned char *out = NULL;
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!src)
		goto done;
	zip_source_keep(src);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!za)
		goto done_src;
	size_t nfixed = sizeof(FIXED) / sizeof(FIXED[0]);
	for (size_t i = 0; i <= nfixed; i++) {
		const char *name = i < nfixed ? FIXED[i][0] : MAIN;
		const void *bytes = i < nfixed ? (const void *)FIXED[i][1] : (const void *)data;
		size_t len = i < nfixed ? strlen(FIXED[i][1]) : size;
		zip_source_t *s = zip_source_buffer(za, bytes, len, 0);
		zip_int64_t idx = s ? zip_file_add(za, name, s, 0) : -1;
		if (idx < 0) {
			zip_source_free(s);
			zip_discard(za);
			goto done_src;
		}
		zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	if (zip_close(za) != 0) {
		zip_discard(za);
		goto done_src;
	}
	if (zip_source_open(src) != 0)
		goto done_src;
	zip_source_seek(src, 0, SEEK_END);
	zip_int64_t n = zip_source_tell(src);
	zip_source_seek(src, 0, SEEK_SET);
	if (n > 0 && (out = malloc((size_t)n)) != NULL) {
		if (zip_source_read(src, out, (zip_uint64_t)n) == n) {
			*outlen = (size_t)n;
		} else {
			free(out);
			out = NULL;
		}
	}
	zip_source_close(src);
done_src:
	zip_source_free(src);
done:
	zip_error_fini(&ze);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* One context for the whole run; it is never freed (a harness). */
	static sons_context *ctx;
	if (!ctx) {
		if (sons_context_new(&ctx, NULL) != SONS_OK)
			return 0;
		/* Smaller limits keep each run fast; the checks stay the same. */
		sons_limits lim = SONS_LIMITS_INIT;
		lim.max_inflated = 32u << 20;
		lim.max_entry_bytes = 8u << 20;
		sons_context_set_limits(ctx, &lim);
	}
	unsigned char *packed = NULL;
	size_t packed_len = 0;
	if (size < 2 || data[0] != 'P' || data[1] != 'K') {
		packed = pack(data, size, &packed_len);
		if (!packed)
			return 0;
		data = packed;
		size = packed_len;
	}
	sons_check_options opts = SONS_CHECK_OPTIONS_INIT;
	opts.today = "2026-01-15";
	sons_report *rep = NULL;
	sons_error err;
	sons_check_memory(&rep, ctx, data, size, FUZZ_NAME, &opts, &err);
	if (rep) {
		sons_render_options ro = SONS_RENDER_OPTIONS_INIT;
		ro.format = SONS_FORMAT_JSON;
		char *out = NULL;
		sons_render(&out, NULL, ctx, &rep, 1, &ro, NULL);
		sons_free(out);
	}
	sons_report_free(rep);
	free(packed);
	return 0;
}

#endif
