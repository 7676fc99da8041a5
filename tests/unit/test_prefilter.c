/* SPDX-License-Identifier: MIT */
/* The literal pre-filters (lib/util/prefilter.c) and the matcher that uses
 * them (sons__re_find): what is derived from a few patterns, what is given
 * up on, and — the property that matters — that a filter never hides a
 * match: every pattern of the embedded referential, and a set of tricky
 * ones, on many generated subjects (their own words, upper case, the long s
 * and the Kelvin sign, digits, offsets), must find exactly what PCRE2 alone
 * finds. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "referential.h"

extern const char sons__referentiel_json[];
extern const size_t sons__referentiel_json_len;

/* The filter's literals as "lit|lit|^lit" (sorted as built), or "-". */
static const char *describe(const char *pattern)
{
	static char out[1024];
	sons_prefilter pf;
	if (sons__prefilter_build(&pf, pattern) != 0)
		return "oom";
	if (!pf.n) {
		strcpy(out, "-");
		return out;
	}
	out[0] = '\0';
	for (size_t i = 0; i < pf.n; i++) {
		if (i)
			strcat(out, "|");
		if (pf.lits[i].anch)
			strcat(out, "^");
		strncat(out, pf.lits[i].s, pf.lits[i].len);
	}
	sons__prefilter_free(&pf);
	return out;
}

static void derivation(void)
{
	static const struct {
		const char *pattern, *want;
	} cases[] = {
		{ "finess(\\s+(?<k>geo|ej))?\\s*(?<v>\\d{9})", "finess" },
		{ "^(client|destinataire|a\\s*:)\\b|finess", "^client|^destinataire|^a|finess" },
		{ "\\b(sas|sarl|sa) au capital|capital (social )?de|\\brcs\\b",
		  " au capital|capital |rcs" },
		{ "(pris|prise)e? en charge", " en charge" },
		{ "abc?d", "ab" },
		{ "ab+cd", "ab" },
		{ "x(?=abcd)y", "x" },
		{ "[a-z]+foo\\.bar", "foo.bar" },
		{ "Licence|LICENCES", "licence" },
		{ "engagement|reengagement", "engagement" },
		{ "^(?:total|sous-total)$", "^total|^sous-total" },
		{ "(?:^abc|def)", "^abc|def" },
		{ "\\bdmp\\b", "dmp" },
		{ "n° de version", " de version" },
		/* nothing known: always run */
		{ "(a|)", "-" },
		{ "a?", "-" },
		{ "\\d+", "-" },
		{ "é+", "-" },
		{ "(?i)abc", "-" },
		{ "ab{,3}", "-" },
		{ "\\p{L}abc", "-" },
		{ "\\Qabc\\E", "-" },
		{ "(?#comment)abc", "-" },
		{ "(*UTF)abc", "-" },
		{ "(abc)\\1", "-" },
		{ "abc)", "-" },
		{ "(?x) a b c", "-" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_str(describe(cases[i].pattern), cases[i].want, "filter of /%s/",
		       cases[i].pattern);
}

/* ------------------------------------------------------------------ */
/* Soundness on generated subjects                                     */

static unsigned long long rng = 0x9E3779B97F4A7C15ull;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* The pattern's own words (runs of letters, spaces and apostrophes). */
typedef struct words {
	char w[256][40];
	int n;
} words;

static void words_of(words *ws, const char *p)
{
	ws->n = 0;
	size_t len = strlen(p);
	for (size_t i = 0; i < len && ws->n < 256;) {
		size_t j = i;
		while (j < len &&
		       ((p[j] >= 'a' && p[j] <= 'z') || p[j] == ' ' || p[j] == '\'' || p[j] == '-'))
			j++;
		if (j - i >= 2 && j - i < 40) {
			memcpy(ws->w[ws->n], p + i, j - i);
			ws->w[ws->n][j - i] = '\0';
			ws->n++;
		}
		i = j > i ? j : i + 1;
	}
}

static const char *const extra[] = {
	"devis",
	"licence",
	"formation",
	"etat",
	"segur",
	"total ht",
	"reste a charge",
	"client :",
	"editeur :",
	"finess 750012345",
	"siret 12345678901234",
	"fr12345678901",
	"version 2.3",
	"v4.1",
	"12/03/2023",
	"1 200,00 €",
	"20 %",
	"n°",
	" | ",
	": ",
	", ",
	" - ",
	"(",
	")",
	"é",
	"Ø",
	"\xC5\xBF",
	"\xE2\x84\xAA",
	"\xFF",
	"  ",
	"maintenance corrective",
	"sous reserve",
	"engagement de 36 mois",
	"ms1 et ms2",
};

/* A subject: pieces of the pattern's words and of common text, some upper
 * cased, some with 's' and 'k' as U+017F and U+212A. */
static size_t make_subject(char *out, size_t cap, const words *ws)
{
	size_t n = 0;
	int pieces = 1 + (int)rnd(6);
	for (int k = 0; k < pieces; k++) {
		const char *src;
		char tmp[64];
		if (ws->n && rnd(3)) {
			const char *w = ws->w[rnd((unsigned)ws->n)];
			size_t wl = strlen(w), a = rnd((unsigned)wl),
			       b = a + 1 + rnd((unsigned)(wl - a));
			if (rnd(2)) {
				a = 0;
				b = wl;
			}
			memcpy(tmp, w + a, b - a);
			tmp[b - a] = '\0';
			src = tmp;
		} else {
			src = extra[rnd(sizeof(extra) / sizeof(extra[0]))];
		}
		int upper = rnd(5) == 0, longs = rnd(7) == 0;
		for (const char *c = src; *c && n + 4 < cap; c++) {
			if (longs && *c == 's') {
				memcpy(out + n, "\xC5\xBF", 2);
				n += 2;
			} else if (longs && *c == 'k') {
				memcpy(out + n, "\xE2\x84\xAA", 3);
				n += 3;
			} else {
				out[n++] = upper && *c >= 'a' && *c <= 'z' ? (char)(*c - 32) : *c;
			}
		}
		if (rnd(3) == 0 && n + 1 < cap)
			out[n++] = ' ';
	}
	out[n] = '\0';
	return n;
}

typedef struct tally {
	long checked, matches, filtered, wrong;
} tally;

static void one(const sons_re *re, const char *src, sons_matcher *m, tally *t, int rounds)
{
	words ws;
	words_of(&ws, src);
	pcre2_match_data *md = pcre2_match_data_create(32, NULL);
	char subj[512] = { 0 }; /* PCRE2 JIT reads whole words past the end */
	sons_summary sum;
	for (int r = 0; r < rounds; r++) {
		size_t len = make_subject(subj, sizeof(subj), &ws);
		size_t from = rnd(4) == 0 && len ? rnd((unsigned)len) : 0;
		int rc = pcre2_match(re->code, (PCRE2_SPTR)subj, len, from, 0, md, NULL);
		size_t s = 0, e = 0;
		int got = sons__re_find(re, m, subj, len, from, &s, &e);
		t->checked++;
		if (rc >= 0)
			t->matches++;
		else if ((sons__summary_make(&sum, subj, len),
		          !sons__prefilter_pass(&re->pf, &sum, subj, len, from)) ||
		         len < re->minlen)
			t->filtered++;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		if ((rc >= 0) != got || (got && (s != ov[0] || e != ov[1]))) {
			if (t->wrong++ < 5)
				printf("# /%s/ on \"%s\" from %zu: pcre2 %d, sons %d\n", src, subj,
				       from, rc, got);
		}
	}
	pcre2_match_data_free(md);
}

/* The sources of the embedded referential's patterns, in the JSON. */
static int sources(char ***out)
{
	/* Every "regex"/pattern string value under "patterns": read simply,
	 * the file is ours and plain. */
	const char *j = sons__referentiel_json;
	size_t n = 0, cap = 256;
	char **v = malloc(cap * sizeof(*v));
	const char *p = strstr(j, "\"patterns\"");
	const char *end = strstr(j, "\"dsr\"");
	while (p && (p = strchr(p, ':')) && (!end || p < end)) {
		p++;
		while (*p == ' ' || *p == '\n')
			p++;
		if (*p != '"')
			continue;
		p++;
		char buf[2048];
		size_t k = 0;
		while (*p && *p != '"' && k + 1 < sizeof(buf)) {
			if (*p == '\\' && p[1]) {
				p++;
				buf[k++] = *p == 'n' ? '\n' : *p;
			} else {
				buf[k++] = *p;
			}
			p++;
		}
		buf[k] = '\0';
		if (n < cap)
			v[n++] = strdup(buf);
	}
	*out = v;
	return (int)n;
}

static void soundness(void)
{
	sons_ref *ref = NULL;
	sons_error err;
	ok(sons__ref_load(&ref, sons__referentiel_json, sons__referentiel_json_len, NULL,
	                  SONS_LANG_EN, &err) == SONS_OK,
	   "embedded referential loads");
	if (!ref)
		return;
	sons_matcher *m = sons__matcher_new();
	tally t = { 0, 0, 0, 0 };
	/* The referential's patterns, each with subjects from its own words
	 * (a pattern's words come from the JSON: the compiled code has no
	 * source). */
	char **src;
	int nsrc = sources(&src);
	ok(nsrc > 60, "found the referential's pattern sources (%d)", nsrc);
	int filtered_patterns = 0, total = 0;
	for (int i = 0; i < nsrc; i++) {
		/* compile as the referential does */
		int ec;
		PCRE2_SIZE off;
		pcre2_code *code = pcre2_compile((PCRE2_SPTR)src[i], PCRE2_ZERO_TERMINATED,
		                                 PCRE2_CASELESS | PCRE2_UTF |
		                                         PCRE2_MATCH_INVALID_UTF | PCRE2_DUPNAMES,
		                                 &ec, &off, NULL);
		if (!code)
			continue; /* a "name" or "source" string, not a pattern */
		sons_re re;
		memset(&re, 0, sizeof(re));
		re.code = code;
		pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
		pcre2_pattern_info(code, PCRE2_INFO_MINLENGTH, &re.minlen);
		if (sons__prefilter_build(&re.pf, src[i]) == 0) {
			total++;
			filtered_patterns += re.pf.n > 0;
			one(&re, src[i], m, &t, 3000);
		}
		sons__prefilter_free(&re.pf);
		pcre2_code_free(code);
		free(src[i]);
	}
	free(src);
	ok(filtered_patterns * 2 > total, "most patterns get a filter (%d of %d)",
	   filtered_patterns, total);
	/* Tricky patterns of our own. */
	static const char *const tricky[] = {
		"sous[- ]?total|s/total",
		"^(?:tva|taux)\\s*(%|\\(%\\))?$",
		"\\bms1\\b.{0,60}\\bms2\\b",
		"kit|ski|sks",
		"(?<=ab)cd|x(?!y)z",
		"^a|b$",
		"(?>abc|ab)d",
		"(?|(a)|(b))c",
		"colou?r+s{2,}",
		"[\\]a-c]xy\\.z",
		"k{1,}s{2}",
	};
	for (size_t i = 0; i < sizeof(tricky) / sizeof(tricky[0]); i++) {
		int ec;
		PCRE2_SIZE off;
		sons_re re;
		memset(&re, 0, sizeof(re));
		re.code = pcre2_compile((PCRE2_SPTR)tricky[i], PCRE2_ZERO_TERMINATED,
		                        PCRE2_CASELESS | PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &ec,
		                        &off, NULL);
		if (!ok(re.code != NULL, "/%s/ compiles", tricky[i]))
			continue;
		pcre2_pattern_info(re.code, PCRE2_INFO_MINLENGTH, &re.minlen);
		if (sons__prefilter_build(&re.pf, tricky[i]) == 0)
			one(&re, tricky[i], m, &t, 5000);
		sons__prefilter_free(&re.pf);
		pcre2_code_free(re.code);
	}
	printf("# %ld subjects, %ld matches, %ld ruled out by a filter\n", t.checked, t.matches,
	       t.filtered);
	is_int(t.wrong, 0, "sons__re_find finds exactly what PCRE2 finds");
	ok(t.matches > 10000, "the subjects do match (%ld)", t.matches);
	ok(t.filtered > 10000, "the filters do rule subjects out (%ld)", t.filtered);

	/* The matcher keeps the last subject's summary: same text elsewhere,
	 * other text at the same address. */
	char a[64] = "formation des utilisateurs", b[64];
	memcpy(b, a, sizeof(a));
	const sons_re *form = NULL;
	for (int i = 0; i < ref->nin; i++)
		if (!strcmp(ref->in[i].name, "formation"))
			form = ref->in[i].re;
	ok(form && sons__re_find(form, m, a, strlen(a), 0, NULL, NULL), "formation found");
	ok(form && sons__re_find(form, m, b, strlen(b), 0, NULL, NULL), "same text elsewhere");
	strcpy(a, "licence x formation");
	ok(form && sons__re_find(form, m, a, strlen(a), 0, NULL, NULL), "found again");
	memcpy(a + 10, "maintenan", 9);
	ok(form && !sons__re_find(form, m, a, strlen(a), 0, NULL, NULL),
	   "other text of the same length at the same address");
	sons__matcher_free(m);
	sons__ref_free(ref);
}

int main(void)
{
	derivation();
	soundness();
	return tap_done();
}
