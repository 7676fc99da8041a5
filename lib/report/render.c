/* SPDX-License-Identifier: MIT */
/* sons_render(): checks the options and hands the work to one renderer per
 * format (text.c, json.c, and the views of the JSON report sarif.c,
 * junit.c, csv.c); the small public name helpers live here too. */
#include <string.h>

#include "report/report.h"

const char *sons_kind_name(sons_kind kind)
{
	switch (kind) {
	case SONS_KIND_DEVIS:
		return "devis";
	case SONS_KIND_BDC:
		return "bdc";
	case SONS_KIND_MOM:
		return "mom";
	case SONS_KIND_VA:
		return "va";
	case SONS_KIND_UNKNOWN:
		break;
	}
	return "unknown";
}

sons_status sons_kind_parse(sons_kind *out, const char *name)
{
	static const sons_kind kinds[] = { SONS_KIND_UNKNOWN, SONS_KIND_DEVIS, SONS_KIND_BDC,
		                           SONS_KIND_MOM, SONS_KIND_VA };
	if (!out || !name)
		return SONS_EINVALID;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (strcmp(name, sons_kind_name(kinds[i])) == 0) {
			*out = kinds[i];
			return SONS_OK;
		}
	}
	return SONS_EINVALID;
}

const char *sons_verdict_name(sons_verdict verdict)
{
	switch (verdict) {
	case SONS_VERDICT_CONFORME:
		return "conforme";
	case SONS_VERDICT_NON_CONFORME:
		return "non-conforme";
	case SONS_VERDICT_INDETERMINE:
		break;
	}
	return "indetermine";
}

const char *sons_severity_name(sons_severity severity)
{
	switch (severity) {
	case SONS_SEVERITY_ERROR:
		return "error";
	case SONS_SEVERITY_WARNING:
		return "warning";
	case SONS_SEVERITY_INFO:
		break;
	}
	return "info";
}

typedef int (*renderer_fn)(sons_buf *out, const sons_context *ctx, sons_report *const *reports,
                           size_t count, const sons_render_options *opts);

/* The renderer of a format, or NULL when there is none (yet). */
static renderer_fn renderer(sons_format format)
{
	switch (format) {
	case SONS_FORMAT_TEXT:
		return sons__render_text;
	case SONS_FORMAT_JSON:
		return sons__render_json;
	case SONS_FORMAT_SARIF:
		return sons__render_sarif;
	case SONS_FORMAT_JUNIT:
		return sons__render_junit;
	case SONS_FORMAT_CSV:
		return sons__render_csv;
	case SONS_FORMAT_HTML:
		return sons__render_html;
	}
	return NULL;
}

/* What sons_render() and sons_render_to() share: the checks of the
 * arguments, then the renderer into buf (a stream when buf has a sink). */
static sons_status render_into(sons_buf *buf, const sons_context *ctx, sons_report *const *reports,
                               size_t count, const sons_render_options *opts, sons_error *err)
{
	static const sons_render_options defaults = SONS_RENDER_OPTIONS_INIT;
	sons_lang lang = ctx ? sons__context_lang(ctx) : SONS_LANG_FR;
	if (!opts)
		opts = &defaults;
	if (opts->version != SONS_RENDER_OPTIONS_VERSION)
		return sons__error_set(err, lang, SONS_EINVALID, NULL,
		                       "sons_render : version d'options inconnue (%u)",
		                       "sons_render: unknown options version (%u)", opts->version);
	renderer_fn render = renderer(opts->format);
	if (!render)
		return sons__error_set(err, lang, SONS_EINVALID, NULL,
		                       "sons_render : format de sortie inconnu (%d)",
		                       "sons_render: unknown output format (%d)",
		                       (int)opts->format);
	if (opts->extract && opts->format != SONS_FORMAT_TEXT && opts->format != SONS_FORMAT_JSON)
		return sons__error_set(
		        err, lang, SONS_EINVALID, NULL,
		        "sons_render : ce qui a été lu ne s'écrit qu'en text ou json",
		        "sons_render: what was read is rendered as text or json only");
	if (count && !reports)
		return sons__error_set(err, lang, SONS_EINVALID, NULL,
		                       "sons_render : liste de rapports absente",
		                       "sons_render: missing report list");
	for (size_t i = 0; i < count; i++)
		if (!reports[i])
			return sons__error_set(err, lang, SONS_EINVALID, NULL,
			                       "sons_render : rapport n° %zu absent",
			                       "sons_render: report #%zu is missing", i + 1);
	int rc = render(buf, ctx, reports, count, opts);
	if (rc == 0 && !buf->oom)
		sons__buf_flush(buf);
	if (buf->sink_failed)
		return sons__error_set(err, lang, SONS_EIO, NULL, "écriture du rapport interrompue",
		                       "writing the report failed");
	if (rc != 0 || buf->oom)
		return sons__error_set(err, lang, SONS_ENOMEM, NULL,
		                       "mémoire insuffisante pour le rapport",
		                       "out of memory while rendering the report");
	return SONS_OK;
}

sons_status sons_render(char **out, size_t *outlen, const sons_context *ctx,
                        sons_report *const *reports, size_t count, const sons_render_options *opts,
                        sons_error *err)
{
	sons_lang lang = ctx ? sons__context_lang(ctx) : SONS_LANG_FR;
	if (out)
		*out = NULL;
	if (outlen)
		*outlen = 0;
	if (!out)
		return sons__error_set(err, lang, SONS_EINVALID, NULL,
		                       "sons_render : paramètre de sortie absent",
		                       "sons_render: missing output parameter");
	sons_buf buf = SONS_BUF_INIT;
	sons_status st = render_into(&buf, ctx, reports, count, opts, err);
	if (st != SONS_OK) {
		sons__buf_free(&buf);
		return st;
	}
	size_t len = buf.len;
	char *s = sons__buf_detach(&buf);
	if (!s)
		return sons__error_set(err, lang, SONS_ENOMEM, NULL,
		                       "mémoire insuffisante pour le rapport",
		                       "out of memory while rendering the report");
	*out = s;
	if (outlen)
		*outlen = len;
	return SONS_OK;
}

sons_status sons_render_to(sons_write_fn write, void *user, const sons_context *ctx,
                           sons_report *const *reports, size_t count,
                           const sons_render_options *opts, sons_error *err)
{
	sons_lang lang = ctx ? sons__context_lang(ctx) : SONS_LANG_FR;
	if (!write)
		return sons__error_set(err, lang, SONS_EINVALID, NULL,
		                       "sons_render_to : fonction d'écriture absente",
		                       "sons_render_to: missing write function");
	sons_buf buf = SONS_BUF_INIT;
	buf.sink = write;
	buf.sink_user = user;
	sons_status st = render_into(&buf, ctx, reports, count, opts, err);
	sons__buf_free(&buf);
	return st;
}

void sons_free(void *ptr)
{
	sons__free(ptr);
}
