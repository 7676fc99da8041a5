/* SPDX-License-Identifier: MIT */
/* Runs the rule families on the understood document, then decides the
 * verdict and sorts the findings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "report/report.h"
#include "rules/eval.h"

sons_status sons__rules_run(sons_report *rep, sons_context *ctx, const sons_date *today,
                            sons_kind forced);

void sons__finding_init(sons_finding_int *f, const char *rule, const sons_loc *loc)
{
	const sons_rule_info *info = sons_rule_find(rule);
	memset(f, 0, sizeof(*f));
	f->rule = info ? info->id : rule;
	f->severity = info ? info->severity : SONS_SEVERITY_ERROR;
	if (loc)
		f->loc = *loc;
}

const char *sons__vmessage(sons_arena *a, sons_lang lang, const char *fr, const char *en,
                           va_list ap)
{
	sons_buf b = SONS_BUF_INIT;
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
	sons__buf_vprintf(&b, lang == SONS_LANG_EN ? en : fr, ap);
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
	const char *s = b.data ? sons__arena_strndup(a, b.data, b.len) : NULL;
	sons__buf_free(&b);
	return s;
}

void sons__emit(sons_eval *e, const char *rule, const sons_loc *loc, const char *evidence,
                const char *fr, const char *en, ...)
{
	if (e->oom)
		return;
	if (e->nf == e->capf) {
		size_t nc = e->capf ? e->capf * 2 : 16;
		sons_finding_int *p = sons__realloc(e->f, nc * sizeof(*p));
		if (!p) {
			e->oom = 1;
			return;
		}
		e->f = p;
		e->capf = nc;
	}
	sons_finding_int *f = &e->f[e->nf];
	sons__finding_init(f, rule, loc);
	va_list ap;
	va_start(ap, en);
	f->message = sons__vmessage(e->arena, e->lang, fr, en, ap);
	va_end(ap);
	if (evidence) {
		f->evidence = sons__excerpt(e, evidence);
		if (!f->evidence)
			e->oom = 1;
	}
	if (!f->message) {
		e->oom = 1;
		return;
	}
	e->nf++;
}

void sons__unevaluated(sons_eval *e, const char *rule, const char *missing_fr,
                       const char *missing_en)
{
	sons__emit(e, "SONS-D005", NULL, NULL, "%s n'a pas pu être évaluée : %s",
	           "%s could not be evaluated: %s", rule,
	           e->lang == SONS_LANG_EN ? missing_en : missing_fr);
	if (!strcmp(rule, "SONS-M001") || !strcmp(rule, "SONS-R001") ||
	    !strcmp(rule, "SONS-R002") || !strcmp(rule, "SONS-L002"))
		e->key_rule_unevaluated = 1;
}

const char *sons__fmt_amount(sons_eval *e, int64_t cents)
{
	char buf[64];
	sons__amount_format(buf, sizeof(buf), cents, e->lang);
	const char *s = sons__arena_strdup(e->arena, buf);
	if (!s)
		e->oom = 1;
	return s ? s : "";
}

/* At most 120 bytes, cut on a UTF-8 boundary, newlines as spaces. */
const char *sons__excerpt(sons_eval *e, const char *s)
{
	size_t n = strlen(s);
	int cut = 0;
	if (n > 120) {
		n = 120;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
		cut = 1;
	}
	char *d = sons__arena_alloc(e->arena, n + 4);
	if (!d) {
		e->oom = 1;
		return "";
	}
	for (size_t i = 0; i < n; i++)
		d[i] = (s[i] == '\n' || s[i] == '\t' || s[i] == '\r') ? ' ' : s[i];
	if (cut)
		memcpy(d + n, "…", 3);
	return d;
}

int sons__matches(const sons_eval *e, const sons_re *re, const char *s)
{
	return s && sons__re_find(re, e->md, s, strlen(s), 0, NULL, NULL);
}

static int cmp_findings(const void *pa, const void *pb)
{
	const sons_finding_int *a = pa, *b = pb;
	int c = strcmp(a->rule, b->rule);
	if (c)
		return c;
	if (a->loc.order != b->loc.order)
		return a->loc.order < b->loc.order ? -1 : 1;
	if (a->loc.row != b->loc.row)
		return a->loc.row < b->loc.row ? -1 : 1;
	return strcmp(a->message, b->message);
}

sons_verdict sons__decide(const sons_finding_int *f, size_t n, int key_unevaluated, sons_kind kind,
                          int kind_detected)
{
	int errors = 0;
	for (size_t i = 0; i < n; i++) {
		const char *r = f[i].rule;
		if (!strcmp(r, "SONS-D001") || !strcmp(r, "SONS-D002"))
			return SONS_VERDICT_INDETERMINE;
		if (f[i].severity == SONS_SEVERITY_ERROR)
			errors++;
	}
	/* A definite breach is reported as such even when other parts could
	 * not be understood; but silence is never compliance. */
	if (errors)
		return SONS_VERDICT_NON_CONFORME;
	if (key_unevaluated || kind == SONS_KIND_UNKNOWN || !kind_detected)
		return SONS_VERDICT_INDETERMINE;
	return SONS_VERDICT_CONFORME;
}

sons_status sons__report_publish(sons_report *rep)
{
	if (rep->nfindings)
		qsort(rep->findings, rep->nfindings, sizeof(*rep->findings), cmp_findings);
	sons__free(rep->pub);
	rep->pub = sons__calloc(rep->nfindings ? rep->nfindings : 1, sizeof(sons_finding));
	if (!rep->pub)
		return SONS_ENOMEM;
	for (size_t i = 0; i < rep->nfindings; i++) {
		sons_finding *p = &rep->pub[i];
		const sons_finding_int *f = &rep->findings[i];
		p->rule = f->rule;
		p->severity = f->severity;
		p->message = f->message;
		p->evidence = f->evidence;
		p->location.page = f->loc.page;
		p->location.sheet = f->loc.sheet;
		p->location.cell = f->loc.cell[0] ? f->loc.cell : NULL;
		p->location.line = f->loc.line;
		p->location.table = f->loc.table;
		p->location.row = f->loc.row;
		p->location.column = f->loc.column;
		p->related = f->related;
		p->nrelated = f->nrelated;
	}
	return SONS_OK;
}

sons_status sons__rules_run(sons_report *rep, sons_context *ctx, const sons_date *today,
                            sons_kind forced)
{
	sons_model *m = NULL;
	sons_status st = sons__analyze(&m, rep->doc, ctx->ref, ctx->md, forced);
	if (st != SONS_OK)
		return st;
	rep->model = m;
	rep->kind = m->kind;
	sons_eval e;
	memset(&e, 0, sizeof(e));
	e.m = m;
	e.doc = rep->doc;
	e.ref = ctx->ref;
	e.md = ctx->md;
	e.lang = ctx->lang;
	e.kind = m->kind;
	e.arena = sons__doc_arena(rep->doc);
	e.today = *today;

	sons__rules_d(&e);
	sons__rules_m(&e);
	sons__rules_r(&e);
	sons__rules_l(&e);
	sons__rules_c(&e);
	sons__rules_i(&e);
	sons__rules_t(&e);
	sons__rules_p(&e);
	sons__rules_x(&e);
	if (e.oom) {
		sons__free(e.f);
		return SONS_ENOMEM;
	}
	rep->findings = e.f;
	rep->nfindings = e.nf;
	rep->kind_detected = m->kind_detected;
	rep->key_unevaluated = e.key_rule_unevaluated;
	rep->verdict = sons__decide(e.f, e.nf, e.key_rule_unevaluated, m->kind, m->kind_detected);
	if ((st = sons__report_publish(rep)) != SONS_OK)
		return st;
	return sons__digest_make(rep, ctx->ref);
}

int sons__version_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		while (*a && (*a < '0' || *a > '9'))
			a++;
		while (*b && (*b < '0' || *b > '9'))
			b++;
		long x = 0, y = 0;
		int da = 0, db = 0;
		while (*a >= '0' && *a <= '9' && da < 9) {
			x = x * 10 + (*a++ - '0');
			da++;
		}
		while (*b >= '0' && *b <= '9' && db < 9) {
			y = y * 10 + (*b++ - '0');
			db++;
		}
		if (x != y)
			return x < y ? -1 : 1;
		if (!da && !db)
			break;
	}
	return 0;
}
