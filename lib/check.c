/* SPDX-License-Identifier: MIT */
/* One document through the pipeline: read → analyse → rules → report. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "context.h"
#include "report/report.h"
#include "rules/eval.h"

sons_status sons__rules_run(sons_report *rep, sons_context *ctx, const sons_date *today,
                            sons_kind forced);

static sons_report *report_new(sons_context *ctx, const char *name)
{
	sons_report *rep = sons__calloc(1, sizeof(*rep));
	if (!rep)
		return NULL;
	rep->doc = sons__doc_new();
	if (!rep->doc) {
		sons__free(rep);
		return NULL;
	}
	sons_arena *a = sons__doc_arena(rep->doc);
	rep->path = sons__arena_strdup(a, name ? name : "");
	rep->referential = sons__arena_strdup(a, ctx->ref->id);
	rep->lang = ctx->lang;
	rep->format = "unknown";
	rep->verdict = SONS_VERDICT_INDETERMINE;
	if (!rep->path || !rep->referential) {
		sons_report_free(rep);
		return NULL;
	}
	return rep;
}

void sons_report_free(sons_report *report)
{
	if (!report)
		return;
	sons__free(report->findings);
	sons__free(report->pub);
	sons__doc_free(report->doc);
	sons__free(report->kept);
	sons__free(report);
}

/* A report for a document that could not be read: SONS-D001 with why. */
static sons_status unreadable(sons_report *rep, sons_kind forced, const sons_error *why)
{
	sons_arena *a = sons__doc_arena(rep->doc);
	rep->kind = forced;
	rep->verdict = SONS_VERDICT_INDETERMINE;
	rep->findings = sons__calloc(1, sizeof(sons_finding_int));
	rep->pub = sons__calloc(1, sizeof(sons_finding));
	const char *msg =
	        rep->lang == SONS_LANG_EN
	                ? sons__arena_printf(a, "the document cannot be read: %s", why->message)
	                : sons__arena_printf(a, "le document ne peut pas être lu : %s",
	                                     why->message);
	if (!rep->findings || !rep->pub || !msg)
		return SONS_ENOMEM;
	rep->findings[0].rule = "SONS-D001";
	rep->findings[0].severity = SONS_SEVERITY_ERROR;
	rep->findings[0].message = msg;
	rep->nfindings = 1;
	rep->pub[0].rule = "SONS-D001";
	rep->pub[0].severity = SONS_SEVERITY_ERROR;
	rep->pub[0].message = msg;
	return SONS_OK;
}

static int today_of(const sons_check_options *opts, sons_date *out)
{
	if (opts && opts->today)
		return sons__date_parse_iso(opts->today, out) ? 0 : -1;
	time_t t = time(NULL);
	struct tm tm;
	if (!localtime_r(&t, &tm))
		return -1;
	out->y = tm.tm_year + 1900;
	out->m = tm.tm_mon + 1;
	out->d = tm.tm_mday;
	/* The day only: reports of one day read the same, and a deadline at
	 * 14h is not judged passed on its own day. */
	out->hour = -1;
	out->minute = -1;
	return 0;
}

sons_status sons_check_memory(sons_report **out, sons_context *ctx, const void *data, size_t len,
                              const char *name, const sons_check_options *opts, sons_error *err)
{
	if (!out || !ctx || (!data && len))
		return SONS_EINVALID;
	*out = NULL;
	if (opts && opts->version != SONS_CHECK_OPTIONS_VERSION)
		return sons__error_set(err, ctx->lang, SONS_EINVALID, name,
		                       "options de contrôle d'une version inconnue",
		                       "check options of an unknown version");
	sons_date today;
	if (today_of(opts, &today))
		return sons__error_set(err, ctx->lang, SONS_EINVALID, name,
		                       "date du jour invalide : « %s » (attendu AAAA-MM-JJ)",
		                       "invalid current date: \"%s\" (expected YYYY-MM-DD)",
		                       opts && opts->today ? opts->today : "");
	sons_kind forced = opts ? opts->kind : SONS_KIND_UNKNOWN;
	sons_report *rep = report_new(ctx, name);
	if (!rep)
		return sons__error_set(err, ctx->lang, SONS_ENOMEM, name, "mémoire insuffisante",
		                       "out of memory");
	sons_error local;
	memset(&local, 0, sizeof(local));
	sons_error *e = err ? err : &local;
	sons_rctx r = { rep->doc, &ctx->limits, ctx->lang, rep->path, e };
	sons_status st = SONS_OK;
	if (len > ctx->limits.max_file_bytes)
		st = sons__error_set(e, ctx->lang, SONS_ELIMIT, name,
		                     "fichier de %zu octets, au-delà de la limite de %llu octets",
		                     "file of %zu bytes, beyond the limit of %llu bytes", len,
		                     (unsigned long long)ctx->limits.max_file_bytes);
	else
		st = sons__read_document(&r, data, len);
	rep->format = sons__doc_format(rep->doc);
	if (st == SONS_ENOMEM) {
		sons_report_free(rep);
		return sons__error_set(err, ctx->lang, SONS_ENOMEM, name, "mémoire insuffisante",
		                       "out of memory");
	}
	if (st != SONS_OK) {
		if (unreadable(rep, forced, e) != SONS_OK) {
			sons_report_free(rep);
			return SONS_ENOMEM;
		}
		*out = rep;
		return st;
	}
	st = sons__rules_run(rep, ctx, &today, forced);
	if (st != SONS_OK) {
		sons_report_free(rep);
		return sons__error_set(err, ctx->lang, st, name, "mémoire insuffisante",
		                       "out of memory");
	}
	*out = rep;
	return SONS_OK;
}

sons_status sons_check_file(sons_report **out, sons_context *ctx, const char *path,
                            const sons_check_options *opts, sons_error *err)
{
	if (!out || !ctx || !path)
		return SONS_EINVALID;
	*out = NULL;
	sons_error local;
	memset(&local, 0, sizeof(local));
	sons_error *e = err ? err : &local;
	sons_status st = SONS_OK;
	unsigned char *data = NULL;
	size_t len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	struct stat sb;
	if (fd < 0) {
		int en = errno;
		st = sons__error_set(
		        e, ctx->lang, SONS_EIO, path, "impossible d'ouvrir le fichier : %s",
		        "cannot open the file: %s",
		        en == ENOENT ? (ctx->lang == SONS_LANG_EN ? "no such file"
		                                                  : "fichier introuvable")
		        : en == EACCES
		                ? (ctx->lang == SONS_LANG_EN ? "permission denied" : "accès refusé")
		                : strerror(en));
	} else if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		st = sons__error_set(e, ctx->lang, SONS_EIO, path,
		                     "ce n'est pas un fichier ordinaire (dossier ?)",
		                     "not a regular file (a folder?)");
	} else if ((uint64_t)sb.st_size > ctx->limits.max_file_bytes) {
		st = sons__error_set(e, ctx->lang, SONS_ELIMIT, path,
		                     "fichier de %lld octets, au-delà de la limite de %llu octets",
		                     "file of %lld bytes, beyond the limit of %llu bytes",
		                     (long long)sb.st_size,
		                     (unsigned long long)ctx->limits.max_file_bytes);
	} else {
		len = (size_t)sb.st_size;
		data = sons__malloc(len ? len : 1);
		if (!data) {
			close(fd);
			return sons__error_set(err, ctx->lang, SONS_ENOMEM, path,
			                       "mémoire insuffisante", "out of memory");
		}
		size_t got = 0;
		while (got < len) {
			ssize_t n = read(fd, data + got, len - got);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			got += (size_t)n;
		}
		if (got != len)
			st = sons__error_set(e, ctx->lang, SONS_EIO, path,
			                     "erreur de lecture du fichier",
			                     "error while reading the file");
	}
	if (fd >= 0)
		close(fd);
	if (st != SONS_OK) {
		sons__free(data);
		sons_report *rep = report_new(ctx, path);
		if (!rep || unreadable(rep, opts ? opts->kind : SONS_KIND_UNKNOWN, e) != SONS_OK) {
			sons_report_free(rep);
			return SONS_ENOMEM;
		}
		*out = rep;
		return st;
	}
	st = sons_check_memory(out, ctx, data, len, path, opts, e);
	sons__free(data);
	return st;
}

const char *sons_report_path(const sons_report *report)
{
	return report->path;
}

sons_kind sons_report_kind(const sons_report *report)
{
	return report->kind;
}

sons_verdict sons_report_verdict(const sons_report *report)
{
	return report->verdict;
}

size_t sons_report_finding_count(const sons_report *report)
{
	return report->nfindings;
}

const sons_finding *sons_report_finding(const sons_report *report, size_t index)
{
	return index < report->nfindings ? &report->pub[index] : NULL;
}
