/* SPDX-License-Identifier: MIT */
/* The public API around checking: context, referential loading and its
 * errors, limits, check of in-memory bytes, report accessors, catalogue. */
#include <stdlib.h>
#include <string.h>

#include <sons/sons.h>

#include "harness.h"

/* A sons_write_fn collecting the bytes, or refusing after `budget` calls. */
typedef struct sink {
	char data[1 << 16];
	size_t len;
	int calls, budget;
} sink;

static int collect(void *user, const char *data, size_t len)
{
	sink *s = user;
	if (s->budget && ++s->calls > s->budget)
		return -1;
	if (s->len + len > sizeof(s->data))
		return -1;
	memcpy(s->data + s->len, data, len);
	s->len += len;
	return 0;
}

static const char bad_regex[] = "{\"format\": 1, \"id\": \"t\", \"version\": \"1\", \"date\": "
                                "\"2026-01-01\", \"patterns\": {\"state_loose\": \"(\"}}";

int main(void)
{
	sons_context *ctx = NULL;
	sons_error err;
	memset(&err, 0, sizeof(err));
	ok(sons_context_new(&ctx, &err) == SONS_OK && ctx, "context created");
	ok(strncmp(sons_context_referential_id(ctx), "sons-ref ", 9) == 0,
	   "embedded referential named: %s", sons_context_referential_id(ctx));

	/* Malformed referentials are refused with a reason; the old one stays. */
	const char *id = sons_context_referential_id(ctx);
	ok(sons_context_load_referential_memory(ctx, "{not json", 9, &err) == SONS_EINVALID,
	   "invalid JSON refused");
	ok(strstr(err.message, "JSON") != NULL, "message says JSON: %s", err.message);
	ok(sons_context_load_referential_memory(ctx, "{\"format\": 2}", 13, &err) == SONS_EINVALID,
	   "unknown format version refused");
	ok(sons_context_load_referential_memory(ctx, bad_regex, strlen(bad_regex), &err) ==
	           SONS_EINVALID,
	   "bad regular expression refused");
	ok(strstr(err.message, "state_loose") != NULL, "message names the pattern: %s",
	   err.message);
	ok(strcmp(sons_context_referential_id(ctx), id) == 0, "previous referential kept");
	ok(sons_context_load_referential(ctx, "/nonexistent/ref.json", &err) == SONS_EIO,
	   "missing referential file: EIO");

	/* Limits */
	sons_limits l = SONS_LIMITS_INIT;
	l.max_file_bytes = 10;
	ok(sons_context_set_limits(ctx, &l) == SONS_OK, "limits set");
	sons_limits got;
	sons_context_get_limits(ctx, &got);
	ok(got.max_file_bytes == 10 && got.max_entries == 10000, "zero fields keep defaults");
	sons_limits bad = SONS_LIMITS_INIT;
	bad.version = 99;
	ok(sons_context_set_limits(ctx, &bad) == SONS_EINVALID, "unknown limits version refused");

	sons_check_options o = SONS_CHECK_OPTIONS_INIT;
	sons_report *r = NULL;
	sons_status st = sons_check_memory(&r, ctx, "0123456789AB", 12, "big.docx", &o, &err);
	ok(st == SONS_ELIMIT && r, "file over the size limit: ELIMIT with a report");
	ok(r && sons_report_verdict(r) == SONS_VERDICT_INDETERMINE, "… indetermine");
	ok(r && sons_report_finding_count(r) == 1 &&
	           strcmp(sons_report_finding(r, 0)->rule, "SONS-D001") == 0,
	   "… with SONS-D001");
	sons_report_free(r);
	l.max_file_bytes = 0;
	sons_context_set_limits(ctx, &l);

	/* Not a document: D001, never conforme. */
	st = sons_check_memory(&r, ctx, "hello world", 11, "notes.docx", &o, &err);
	ok(st == SONS_EFORMAT && r && sons_report_verdict(r) == SONS_VERDICT_INDETERMINE,
	   "text file named .docx: EFORMAT, indetermine");
	ok(r && strcmp(sons_report_path(r), "notes.docx") == 0, "report keeps the path");
	sons_report_free(r);
	st = sons_check_memory(&r, ctx, "%PDF-1.7\n", 9, "devis.pdf", &o, &err);
#ifdef SONS_TEST_PDF
	ok(st == SONS_EFORMAT && r && sons_report_verdict(r) == SONS_VERDICT_INDETERMINE &&
	           strstr(err.message, "PDF endommagé"),
	   "PDF header alone: EFORMAT, damaged: %s", err.message);
#else
	ok(st == SONS_EUNSUPPORTED && r, "PDF without the PDF reader: EUNSUPPORTED");
#endif
	sons_report_free(r);
	st = sons_check_memory(&r, ctx, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1....", 12, "x.xlsx", &o,
	                       &err);
	ok(st == SONS_EUNSUPPORTED && strstr(err.message, "mot de passe"),
	   "encrypted / old Office: says so: %s", err.message);
	sons_report_free(r);
	st = sons_check_file(&r, ctx, "/nonexistent/devis.docx", &o, &err);
	ok(st == SONS_EIO && r && sons_report_verdict(r) == SONS_VERDICT_INDETERMINE,
	   "missing file: EIO and an indetermine report");
	sons_report_free(r);
	o.today = "2023-02-31";
	st = sons_check_memory(&r, ctx, "x", 1, "x.docx", &o, &err);
	ok(st == SONS_EINVALID && !r, "invalid --today refused");
	o.today = NULL;

	/* English messages */
	sons_context_set_lang(ctx, SONS_LANG_EN);
	st = sons_check_memory(&r, ctx, "hello", 5, "a.odt", &o, &err);
	ok(r && strstr(sons_report_finding(r, 0)->message, "cannot be read") != NULL,
	   "English D001: %s", r ? sons_report_finding(r, 0)->message : "");
	sons_report_free(r);

	/* Streamed rendering: the same bytes as sons_render(), written in
	 * pieces; a writer that fails stops it with EIO. Cross-document
	 * checks and compaction on reports of unreadable documents. */
	sons_context_set_lang(ctx, SONS_LANG_FR);
	sons_report *two[2] = { NULL, NULL };
	sons_check_memory(&two[0], ctx, "hello", 5, "a.docx", &o, &err);
	sons_check_memory(&two[1], ctx, "world", 5, "b.odt", &o, &err);
	ok(sons_check_dossier(ctx, two, 2, &err) == SONS_OK, "dossier of unreadable documents");
	ok(sons_check_audit(ctx, two, 2, &err) == SONS_OK, "audit of unreadable documents");
	ok(sons_report_compact(two[0]) == SONS_OK && sons_report_compact(two[0]) == SONS_OK,
	   "compaction (twice) of an unreadable report");
	static const sons_format formats[] = { SONS_FORMAT_TEXT, SONS_FORMAT_JSON, SONS_FORMAT_CSV,
		                               SONS_FORMAT_SARIF, SONS_FORMAT_JUNIT };
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		sons_render_options ro = SONS_RENDER_OPTIONS_INIT;
		ro.format = formats[i];
		char *whole = NULL;
		size_t wl = 0;
		static sink s;
		memset(&s, 0, sizeof(s));
		ok(sons_render(&whole, &wl, ctx, two, 2, &ro, &err) == SONS_OK &&
		           sons_render_to(collect, &s, ctx, two, 2, &ro, &err) == SONS_OK &&
		           s.len == wl && memcmp(s.data, whole, wl) == 0,
		   "format %d: sons_render_to() writes the bytes of sons_render()",
		   (int)formats[i]);
		sons_free(whole);
		memset(&s, 0, sizeof(s));
		s.budget = 1;
		ok(sons_render_to(collect, &s, ctx, two, 2, &ro, &err) == SONS_EIO ||
		           formats[i] == SONS_FORMAT_SARIF || formats[i] == SONS_FORMAT_JUNIT,
		   "format %d: a failing writer gives EIO", (int)formats[i]);
	}
	ok(sons_render_to(NULL, NULL, ctx, two, 2, NULL, &err) == SONS_EINVALID,
	   "no writer: EINVALID");
	sons_report_free(two[0]);
	sons_report_free(two[1]);

	/* Catalogue */
	ok(sons_rule_count() >= 42, "catalogue has %zu rules", sons_rule_count());
	const sons_rule_info *ri = sons_rule_find("SONS-R001");
	ok(ri && ri->severity == SONS_SEVERITY_ERROR && ri->implemented, "R001 found");
	ok(sons_rule_find("SONS-Z999") == NULL, "unknown ID: NULL");
	for (size_t i = 1; i < sons_rule_count(); i++)
		if (strcmp(sons_rule_at(i - 1)->id, sons_rule_at(i)->id) >= 0)
			ok(0, "catalogue sorted at %zu", i);
	sons_kind k;
	ok(sons_kind_parse(&k, "bdc") == SONS_OK && k == SONS_KIND_BDC, "kind parse");
	ok(sons_kind_parse(&k, "facture") == SONS_EINVALID, "unknown kind refused");
	ok(strcmp(sons_verdict_name(SONS_VERDICT_NON_CONFORME), "non-conforme") == 0,
	   "verdict names");
	sons_context_free(ctx);
	sons_context_free(NULL);
	sons_report_free(NULL);
	return done_testing();
}
