/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>

#include "context.h"
#include "report/report.h"

extern const char sons__referentiel_json[];
extern const size_t sons__referentiel_json_len;

/* libxml2 wants xmlInitParser() once before threads use it; a once-guard
 * keeps that out of the API (no sons_init()). */
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void init_xml(void)
{
	xmlInitParser();
}

static void default_limits(sons_limits *l)
{
	const sons_limits d = {
		SONS_LIMITS_VERSION,
		64ull << 20,  /* file */
		256ull << 20, /* inflated total */
		64ull << 20,  /* one entry */
		10000,        /* entries */
		200,          /* ratio */
		256,          /* XML depth */
		16,           /* nested tables */
		2000000,      /* cells */
		2000,         /* pages */
	};
	*l = d;
}

sons_status sons_context_new(sons_context **out, sons_error *err)
{
	*out = NULL;
	pthread_once(&xml_once, init_xml);
	sons_context *ctx = sons__calloc(1, sizeof(*ctx));
	if (!ctx)
		return sons__error_set(err, SONS_LANG_FR, SONS_ENOMEM, NULL, "mémoire insuffisante",
		                       "out of memory");
	ctx->lang = SONS_LANG_FR;
	default_limits(&ctx->limits);
	ctx->md = sons__matcher_new();
	sons_status st = ctx->md ? SONS_OK : SONS_ENOMEM;
	if (st == SONS_OK)
		st = sons__ref_load(&ctx->ref, sons__referentiel_json, sons__referentiel_json_len,
		                    NULL, ctx->lang, err);
	if (st != SONS_OK) {
		sons_context_free(ctx);
		return st;
	}
	*out = ctx;
	return SONS_OK;
}

void sons_context_free(sons_context *ctx)
{
	if (!ctx)
		return;
	sons__ref_free(ctx->ref);
	sons__matcher_free(ctx->md);
	sons__free(ctx);
}

void sons_context_set_lang(sons_context *ctx, sons_lang lang)
{
	ctx->lang = lang == SONS_LANG_EN ? SONS_LANG_EN : SONS_LANG_FR;
}

sons_lang sons_context_lang(const sons_context *ctx)
{
	return ctx->lang;
}

sons_lang sons__context_lang(const sons_context *ctx)
{
	return ctx ? ctx->lang : SONS_LANG_FR;
}

sons_status sons_context_set_limits(sons_context *ctx, const sons_limits *limits)
{
	if (!limits || limits->version != SONS_LIMITS_VERSION)
		return SONS_EINVALID;
	sons_limits d;
	default_limits(&d);
#define KEEP(f) ctx->limits.f = limits->f ? limits->f : d.f
	KEEP(max_file_bytes);
	KEEP(max_inflated);
	KEEP(max_entry_bytes);
	KEEP(max_entries);
	KEEP(max_ratio);
	KEEP(max_xml_depth);
	KEEP(max_table_depth);
	KEEP(max_cells);
	KEEP(max_pages);
#undef KEEP
	return SONS_OK;
}

void sons_context_get_limits(const sons_context *ctx, sons_limits *out)
{
	*out = ctx->limits;
}

sons_status sons_context_load_referential_memory(sons_context *ctx, const char *data, size_t len,
                                                 sons_error *err)
{
	sons_ref *ref = NULL;
	sons_status st = sons__ref_load(&ref, data, len, "(mémoire)", ctx->lang, err);
	if (st != SONS_OK)
		return st;
	sons__ref_free(ctx->ref);
	ctx->ref = ref;
	return SONS_OK;
}

sons_status sons_context_load_referential(sons_context *ctx, const char *path, sons_error *err)
{
	if (!path)
		return SONS_EINVALID;
	FILE *f = fopen(path, "rb");
	if (!f)
		return sons__error_set(err, ctx->lang, SONS_EIO, path,
		                       "référentiel %s : impossible d'ouvrir le fichier : %s",
		                       "referential %s: cannot open the file: %s", path,
		                       strerror(errno));
	sons_buf b = SONS_BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b.len + n > (16u << 20)) {
			fclose(f);
			sons__buf_free(&b);
			return sons__error_set(
			        err, ctx->lang, SONS_EINVALID, path,
			        "référentiel %s : fichier trop gros (16 Mio au plus)",
			        "referential %s: file too large (16 MiB at most)", path);
		}
		if (sons__buf_append(&b, chunk, n)) {
			fclose(f);
			sons__buf_free(&b);
			return SONS_ENOMEM;
		}
	}
	int rerr = ferror(f);
	fclose(f);
	if (rerr) {
		sons__buf_free(&b);
		return sons__error_set(err, ctx->lang, SONS_EIO, path,
		                       "référentiel %s : erreur de lecture",
		                       "referential %s: read error", path);
	}
	sons_ref *ref = NULL;
	sons_status st = sons__ref_load(&ref, b.data ? b.data : "", b.len, path, ctx->lang, err);
	sons__buf_free(&b);
	if (st != SONS_OK)
		return st;
	sons__ref_free(ctx->ref);
	ctx->ref = ref;
	return SONS_OK;
}

const char *sons_context_referential_id(const sons_context *ctx)
{
	return ctx->ref->id;
}
