/* SPDX-License-Identifier: MIT */
/* Literal pre-filters for the referential's patterns.
 *
 * Most of the analyser's pattern runs find nothing: a cell « 1 200,00 € »
 * tried against « finess », a label against twenty service names. Each such
 * run costs a PCRE2 call that tries the pattern at every position of the
 * subject. From a pattern's source this file derives a necessary condition —
 * the subject holds one of a few literal strings, or starts with one — and
 * checks it against a summary of the subject (the byte pairs it holds),
 * which is made once and serves every pattern tried on the same text.
 *
 * Soundness comes first: every construct the analysis does not understand
 * (inline options, \p, \Q…\E, back-references, recursion, callouts, verbs,
 * conditionals, a '{' that is not a plain quantifier) gives up on the whole
 * pattern, which then always runs. What is understood:
 *   literals          ASCII bytes and escaped ASCII punctuation; letters are
 *                     lowered (patterns are caseless); any other byte ends a
 *                     literal (non-ASCII characters have case variants);
 *   sequences         the most selective required part is kept; a sequence
 *                     that starts with '^' requires its first literal at the
 *                     start of the subject (no multiline option is used);
 *   alternations      one literal per branch, or nothing if a branch
 *                     requires nothing;
 *   quantifiers       an atom that may be absent requires nothing; one
 *                     repeated at least once keeps its requirement;
 *   groups            capturing, named, non-capturing, atomic, branch-reset;
 *   lookarounds, classes, '.', \d \s \w…, anchors, \b
 *                     consume or assert without a known literal: they end
 *                     the current literal and require nothing.
 * Caseless UTF matching also lets 'k' match U+212A (KELVIN SIGN) and 's'
 * match U+017F (LATIN SMALL LETTER LONG S): a subject holding either passes
 * every filter whose literals hold those letters. */
#include <string.h>

#include "internal.h"

#define MAX_LITS  48 /* more alternatives: no filter */
#define MAX_LEN   24 /* longer literals are cut (a prefix is required too) */
#define MAX_DEPTH 32 /* deeper groups: no filter */

typedef struct lit {
	unsigned char len;
	unsigned char anch; /* must be at the start of the subject */
	char s[MAX_LEN];
} lit;

/* What a piece of pattern requires: nothing known (eps), or one of v[].
 * The same type holds what a piece's matches start with (its prefixes):
 * those literals are all marked anch, "at the start of the piece", so that
 * reduce() compares them as prefixes. */
typedef struct req {
	int eps;
	int n;
	lit v[MAX_LITS];
} req;

typedef struct parser {
	const unsigned char *p;
	size_t i, n;
	int fail; /* a construct not understood: no filter at all */
	int oom;
	int depth;
} parser;

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static void set_eps(req *r)
{
	r->eps = 1;
	r->n = 0;
}

/* Selectivity: anchored literals first, then the longer shortest literal,
 * then fewer literals. Returns 1 when a is better than b. */
static int better(const req *a, const req *b)
{
	if (a->eps)
		return 0;
	if (b->eps)
		return 1;
	int sa = 1000, sb = 1000;
	for (int i = 0; i < a->n; i++) {
		int v = a->v[i].len + (a->v[i].anch ? 100 : 0);
		if (v < sa)
			sa = v;
	}
	for (int i = 0; i < b->n; i++) {
		int v = b->v[i].len + (b->v[i].anch ? 100 : 0);
		if (v < sb)
			sb = v;
	}
	if (sa != sb)
		return sa > sb;
	return a->n < b->n;
}

static void consider(const req *r, req *best, int *have)
{
	if (r->eps)
		return;
	if (!*have || better(r, best)) {
		*best = *r;
		*have = 1;
	}
}

/* 1 when every subject holding x (as x->anch says) also holds y. */
static int implies(const lit *x, const lit *y)
{
	if (y->len > x->len || (y->anch && !x->anch))
		return 0;
	if (y->anch)
		return memcmp(x->s, y->s, y->len) == 0;
	for (size_t i = 0; i + y->len <= x->len; i++)
		if (memcmp(x->s + i, y->s, y->len) == 0)
			return 1;
	return 0;
}

/* Adds b's literals to a (a union: either may be what the subject holds). */
static void unite(req *a, const req *b)
{
	if (a->eps)
		return;
	if (b->eps) {
		set_eps(a);
		return;
	}
	for (int i = 0; i < b->n; i++) {
		if (a->n == MAX_LITS) {
			set_eps(a);
			return;
		}
		a->v[a->n++] = b->v[i];
	}
}

/* Drops a literal that implies another one of the set. */
static void reduce(req *r)
{
	if (r->eps)
		return;
	int n = 0;
	for (int i = 0; i < r->n; i++) {
		int drop = 0;
		for (int j = 0; j < r->n && !drop; j++) {
			if (i == j || !implies(&r->v[i], &r->v[j]))
				continue;
			/* the same literal twice: keep the first */
			drop = !implies(&r->v[j], &r->v[i]) || j < i;
		}
		if (!drop)
			r->v[n++] = r->v[i];
	}
	r->n = n;
}

static int at(const parser *ps, size_t k)
{
	return ps->i + k < ps->n ? ps->p[ps->i + k] : -1;
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* After an atom: a quantifier, if any. Returns -1 when none, else its
 * minimum count. A '{' that is not a plain {n}, {n,} or {n,m} fails the
 * parse: PCRE2 versions disagree on what "{,n}" or "{ n }" mean. */
static long quantifier(parser *ps)
{
	int c = at(ps, 0);
	long min;
	if (c == '?' || c == '*') {
		min = 0;
		ps->i++;
	} else if (c == '+') {
		min = 1;
		ps->i++;
	} else if (c == '{') {
		size_t k = 1;
		min = 0;
		if (!is_digit(at(ps, k))) {
			ps->fail = 1;
			return -1;
		}
		while (is_digit(at(ps, k))) {
			if (min < 100000)
				min = min * 10 + (at(ps, k) - '0');
			k++;
		}
		if (at(ps, k) == ',') {
			k++;
			while (is_digit(at(ps, k)))
				k++;
		}
		if (at(ps, k) != '}') {
			ps->fail = 1;
			return -1;
		}
		ps->i += k + 1;
	} else {
		return -1;
	}
	c = at(ps, 0);
	if (c == '?' || c == '+') /* lazy, possessive */
		ps->i++;
	c = at(ps, 0);
	if (c == '?' || c == '*' || c == '+' || c == '{')
		ps->fail = 1; /* stacked quantifiers: not worth understanding */
	return min;
}

static void parse_alt(parser *ps, req *out, req *pre);

/* Skips a character class; the '[' is at ps->i. */
static void skip_class(parser *ps)
{
	ps->i++;
	if (at(ps, 0) == '^')
		ps->i++;
	if (at(ps, 0) == ']')
		ps->i++;
	for (;;) {
		int c = at(ps, 0);
		if (c < 0) {
			ps->fail = 1;
			return;
		}
		if (c == ']') {
			ps->i++;
			return;
		}
		if (c == '\\') {
			int e = at(ps, 1);
			if (e < 0 || e == 'Q' || e == 'E') {
				ps->fail = 1;
				return;
			}
			ps->i += 2;
			continue;
		}
		if (c == '[' && (at(ps, 1) == ':' || at(ps, 1) == '.' || at(ps, 1) == '=')) {
			int kind = at(ps, 1);
			size_t k = 2;
			while (at(ps, k) >= 0 && !(at(ps, k) == kind && at(ps, k + 1) == ']'))
				k++;
			if (at(ps, k) < 0) {
				ps->fail = 1;
				return;
			}
			ps->i += k + 2;
			continue;
		}
		ps->i++;
	}
}

/* A group; the '(' is at ps->i. *consumes is 0 for a lookaround. */
static void parse_group(parser *ps, req *out, req *pre, int *consumes)
{
	*consumes = 1;
	ps->i++;
	if (at(ps, 0) == '*') {
		ps->fail = 1; /* verbs */
		return;
	}
	if (at(ps, 0) == '?') {
		int c = at(ps, 1);
		if (c == ':' || c == '>' || c == '|') {
			ps->i += 2;
		} else if (c == '=' || c == '!') {
			ps->i += 2;
			*consumes = 0;
		} else if (c == '<' && (at(ps, 2) == '=' || at(ps, 2) == '!')) {
			ps->i += 3;
			*consumes = 0;
		} else if (c == '<' || c == '\'' || (c == 'P' && at(ps, 2) == '<')) {
			int close = c == '\'' ? '\'' : '>';
			size_t k = c == 'P' ? 3 : 2;
			while (at(ps, k) >= 0 && at(ps, k) != close) {
				int ch = lower(at(ps, k));
				if (!(ch == '_' || is_digit(ch) || (ch >= 'a' && ch <= 'z'))) {
					ps->fail = 1;
					return;
				}
				k++;
			}
			if (at(ps, k) != close) {
				ps->fail = 1;
				return;
			}
			ps->i += k + 1;
		} else {
			ps->fail = 1; /* options, recursion, conditionals, comments */
			return;
		}
	}
	if (++ps->depth > MAX_DEPTH) {
		ps->fail = 1;
		return;
	}
	parse_alt(ps, out, pre);
	ps->depth--;
	if (ps->fail)
		return;
	if (at(ps, 0) != ')') {
		ps->fail = 1;
		return;
	}
	ps->i++;
	if (!*consumes) {
		set_eps(out);
		set_eps(pre);
	}
}

/* The state of a sequence being read. */
typedef struct seq {
	req *best;         /* the most selective requirement found so far */
	int have;          /* best is set */
	lit run;           /* literal characters read in a row */
	int started;       /* a consuming atom was read */
	int anchored;      /* a '^' came before any consuming atom */
	int run_is_prefix; /* the run began with the sequence */
	req *pre;          /* what every match of the sequence starts with */
	int pre_set;
} seq;

static void set_prefix(seq *q, const req *r)
{
	if (q->pre_set)
		return;
	*q->pre = *r;
	q->pre_set = 1;
}

/* Ends the current run of literal characters. */
static void flush(seq *q)
{
	if (!q->run.len)
		return;
	req *one = q->best + 1; /* scratch, see parse_seq */
	one->eps = 0;
	one->n = 1;
	one->v[0] = q->run;
	if (q->run_is_prefix) {
		/* prefix literals are marked as at the start (of the piece) */
		one->v[0].anch = 1;
		set_prefix(q, one);
		if (q->anchored)
			consider(one, q->best, &q->have);
		q->run_is_prefix = 0;
	}
	one->v[0].anch = 0;
	consider(one, q->best, &q->have);
	q->run.len = 0;
}

/* A consuming atom that is not a literal character: the prefix, if not yet
 * known, is `r` (or nothing). */
static void atom_start(seq *q, const req *r)
{
	if (q->started)
		return;
	q->started = 1;
	req eps;
	eps.eps = 1;
	eps.n = 0;
	set_prefix(q, r ? r : &eps);
}

/* A sequence, up to '|', ')' or the end. *out: what it requires; *pre:
 * what every match starts with. */
static void parse_seq(parser *ps, req *out, req *pre)
{
	/* best[0]: best so far, best[1]: scratch for flush(); sub, subpre:
	 * a group's requirements. */
	req *best = sons__malloc(2 * sizeof(req));
	req *sub = sons__malloc(2 * sizeof(req));
	seq q;
	memset(&q, 0, sizeof(q));
	if (!best || !sub) {
		/* the caller still looks at *out and *pre (parse_alt) */
		ps->oom = ps->fail = 1;
		set_eps(out);
		set_eps(pre);
		goto done;
	}
	q.best = best;
	q.pre = pre;
	while (!ps->fail) {
		int c = at(ps, 0);
		if (c < 0 || c == '|' || c == ')')
			break;
		if (c == '(') {
			flush(&q);
			int consumes;
			parse_group(ps, &sub[0], &sub[1], &consumes);
			if (ps->fail)
				break;
			long qn = quantifier(ps);
			if (ps->fail)
				break;
			if (qn == 0) {
				set_eps(&sub[0]);
				set_eps(&sub[1]);
			}
			if (consumes)
				atom_start(&q, &sub[1]);
			consider(&sub[0], q.best, &q.have);
			continue;
		}
		if (c == '^' || c == '$') {
			flush(&q);
			if (c == '^' && !q.started)
				q.anchored = 1;
			ps->i++;
			continue;
		}
		int literal = -1; /* the byte, or -1 for an atom of no literal */
		if (c == '\\') {
			int e = at(ps, 1);
			if (e < 0 || e >= 0x80) {
				ps->fail = 1;
				break;
			}
			if (strchr("bBAzZGK", e)) {
				/* zero-width (\K only moves the reported start) */
				flush(&q);
				if (e == 'K' || e == 'G')
					atom_start(&q, NULL);
				if (e == 'A' && !q.started)
					q.anchored = 1;
				ps->i += 2;
				if (quantifier(ps) >= 0)
					ps->fail = 1;
				continue;
			}
			if (strchr("dDsSwWhHvVRNXCaefnrt", e)) {
				ps->i += 2;
			} else if (is_digit(e) || (lower(e) >= 'a' && lower(e) <= 'z')) {
				ps->fail = 1; /* back-references, \p, \x, \Q, \g, \k, \c… */
				break;
			} else {
				literal = e; /* escaped punctuation or space */
				ps->i += 2;
			}
		} else if (c == '[') {
			skip_class(ps);
		} else if (c == '.') {
			ps->i++;
		} else if (c == '{' || c == '?' || c == '*' || c == '+') {
			ps->fail = 1; /* nothing to repeat */
			break;
		} else if (c >= 0x80) {
			ps->i++; /* one character of several bytes: no literal */
			while (at(ps, 0) >= 0x80 && at(ps, 0) < 0xC0)
				ps->i++;
		} else {
			literal = c;
			ps->i++;
		}
		if (ps->fail)
			break;
		long qn = quantifier(ps);
		if (ps->fail)
			break;
		if (literal < 0 || qn == 0) {
			/* no literal, or an optional one: ends the run */
			flush(&q);
			atom_start(&q, NULL);
			continue;
		}
		if (!q.started) {
			q.started = 1;
			q.run_is_prefix = 1;
		}
		if (q.run.len == MAX_LEN)
			flush(&q);
		q.run.s[q.run.len++] = (char)lower(literal);
		if (qn > 0) /* repeated: what follows is not adjacent */
			flush(&q);
	}
	flush(&q);
	if (!q.pre_set) {
		set_eps(pre);
		q.pre_set = 1;
	}
	if (q.anchored && !pre->eps) {
		/* A sequence opened by '^' (a leading group included): its
		 * prefixes must be at the start of the subject. */
		consider(pre, best, &q.have);
	}
	if (q.have)
		*out = best[0];
	else
		set_eps(out);
done:
	sons__free(best);
	sons__free(sub);
}

static void parse_alt(parser *ps, req *out, req *pre)
{
	req *branch = sons__malloc(2 * sizeof(req));
	if (!branch) {
		ps->oom = ps->fail = 1;
		set_eps(out);
		set_eps(pre);
		return;
	}
	parse_seq(ps, out, pre);
	while (!ps->fail && at(ps, 0) == '|') {
		ps->i++;
		parse_seq(ps, &branch[0], &branch[1]);
		unite(out, &branch[0]);
		unite(pre, &branch[1]);
	}
	reduce(out);
	reduce(pre);
	sons__free(branch);
}

/* The index of the byte pair (a, b), both lowered, in a summary (10
 * bits): two lower-case letters always get an index of their own. */
static unsigned pair(unsigned a, unsigned b)
{
	return ((a << 5) ^ b) & 1023u;
}

static void set_bit(uint64_t *set, unsigned i)
{
	set[i >> 6] |= 1ull << (i & 63);
}

static int has_bit(const uint64_t *set, unsigned i)
{
	return (set[i >> 6] >> (i & 63)) & 1;
}

/* How common a (lowered) byte is in French text, roughly: a pair of
 * common bytes is in most subjects, a pair with a rare one in few. */
static unsigned commonness(unsigned char c)
{
	switch (c) {
	case ' ':
		return 20;
	case 'e':
		return 15;
	case 's':
	case 'a':
	case 'i':
		return 8;
	case 't':
	case 'n':
	case 'r':
		return 7;
	case 'u':
	case 'o':
		return 6;
	case 'l':
		return 5;
	case 'd':
		return 4;
	case 'c':
	case 'm':
	case 'p':
		return 3;
	default:
		return c >= '0' && c <= '9' ? 3 : c == 'v' ? 2 : 1;
	}
}

/* The pairs of a literal, rarest first: every pair must be in the
 * subject, and the first one missing ends the test. */
static void seq_pairs(uint16_t *out, const lit *l)
{
	unsigned score[MAX_LEN];
	size_t n = l->len - 1;
	for (size_t k = 0; k < n; k++) {
		unsigned char a = (unsigned char)l->s[k], b = (unsigned char)l->s[k + 1];
		unsigned sc = commonness(a) * commonness(b);
		uint16_t p = (uint16_t)pair(a, b);
		size_t j = k;
		for (; j > 0 && score[j - 1] > sc; j--) {
			score[j] = score[j - 1];
			out[j] = out[j - 1];
		}
		score[j] = sc;
		out[j] = p;
	}
}

int sons__prefilter_build(sons_prefilter *pf, const char *pattern)
{
	memset(pf, 0, sizeof(*pf));
	parser ps;
	memset(&ps, 0, sizeof(ps));
	ps.p = (const unsigned char *)pattern;
	ps.n = strlen(pattern);
	req *r = sons__malloc(2 * sizeof(req));
	if (!r)
		return -1;
	parse_alt(&ps, &r[0], &r[1]);
	if (!ps.fail && ps.i != ps.n)
		ps.fail = 1; /* an unbalanced ')' */
	if (ps.oom) {
		sons__free(r);
		return -1;
	}
	if (ps.fail || r[0].eps || r[0].n == 0) {
		sons__free(r);
		return 0; /* no filter: the pattern always runs */
	}
	size_t n = (size_t)r[0].n, total = 0;
	for (size_t i = 0; i < n; i++)
		total += r[0].v[i].len;
	pf->lits = sons__calloc(n, sizeof(*pf->lits));
	pf->text = sons__malloc(total);
	pf->pairs = sons__malloc(total * sizeof(*pf->pairs));
	pf->seq = sons__malloc(total * sizeof(*pf->seq));
	if (!pf->lits || !pf->text || !pf->pairs || !pf->seq) {
		sons__free(r);
		sons__prefilter_free(pf);
		return -1;
	}
	size_t off = 0;
	for (size_t i = 0; i < n; i++) {
		const lit *l = &r[0].v[i];
		sons_prefilter_lit *d = &pf->lits[i];
		memcpy(pf->text + off, l->s, l->len);
		d->s = pf->text + off;
		d->len = l->len;
		d->anch = l->anch;
		d->pairs = pf->pairs + off;
		for (size_t k = 0; k + 1 < l->len; k++)
			pf->pairs[off + k] =
			        (uint16_t)pair((unsigned char)l->s[k], (unsigned char)l->s[k + 1]);
		off += l->len;
		if (memchr(l->s, 'k', l->len) || memchr(l->s, 's', l->len))
			pf->ks = 1;
		if (l->anch) {
			pf->nanch++;
			set_bit(pf->anch, (unsigned char)l->s[0]);
		} else if (l->len == 1) {
			pf->nsingle++;
			set_bit(pf->single, (unsigned char)l->s[0]);
		} else {
			pf->npairs++;
			pf->seq[pf->nseq++] = (uint16_t)(l->len - 1);
			seq_pairs(pf->seq + pf->nseq, l);
			set_bit(pf->first, pf->seq[pf->nseq]); /* its rarest pair */
			pf->nseq += l->len - 1;
		}
	}
	pf->n = n;
	sons__free(r);
	return 0;
}

void sons__prefilter_free(sons_prefilter *pf)
{
	if (!pf)
		return;
	sons__free(pf->lits);
	sons__free(pf->text);
	sons__free(pf->pairs);
	sons__free(pf->seq);
	memset(pf, 0, sizeof(*pf));
}

void sons__summary_make(sons_summary *sm, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	memset(sm, 0, sizeof(*sm));
	unsigned prev = len ? (unsigned)lower(u[0]) : 0;
	if (len)
		set_bit(sm->bytes, prev);
	for (size_t i = 1; i < len; i++) {
		unsigned c = (unsigned)lower(u[i]);
		set_bit(sm->bytes, c);
		set_bit(sm->pairs, pair(prev, c));
		if ((c == 0xBF && prev == 0xC5) ||
		    (c == 0x84 && prev == 0xE2 && i + 1 < len && u[i + 1] == 0xAA))
			sm->ks = 1;
		prev = c;
	}
}

static int same_ci(const unsigned char *s, const char *l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned)lower(s[i]) != (unsigned char)l[i])
			return 0;
	return 1;
}

/* One or two literals: their pairs are looked up at once, cheaper than
 * intersecting the whole sets of lead pairs first. */
#define FEW_PAIRS 2

int sons__prefilter_pass(const sons_prefilter *pf, const sons_summary *sm, const char *s,
                         size_t len, size_t from)
{
	if (!pf->n || (pf->ks && sm->ks))
		return 1;
	if (pf->nanch && from == 0 && len &&
	    has_bit(pf->anch, (unsigned)lower((unsigned char)s[0])))
		for (size_t i = 0; i < pf->n; i++) {
			const sons_prefilter_lit *l = &pf->lits[i];
			if (l->anch && len >= l->len &&
			    same_ci((const unsigned char *)s, l->s, l->len))
				return 1;
		}
	if (pf->nsingle) {
		uint64_t single = 0;
		for (int w = 0; w < 4; w++)
			single |= pf->single[w] & sm->bytes[w];
		if (single)
			return 1;
	}
	if (!pf->npairs)
		return 0;
	if (pf->npairs > FEW_PAIRS) {
		uint64_t first = 0;
		for (int w = 0; w < 16; w++)
			first |= pf->first[w] & sm->pairs[w];
		if (!first)
			return 0; /* no literal's rarest pair is there */
	}
	const uint16_t *q = pf->seq, *end = pf->seq + pf->nseq;
	while (q < end) {
		unsigned npairs = *q++, k = 0;
		while (k < npairs && has_bit(sm->pairs, q[k]))
			k++;
		if (k == npairs)
			return 1;
		q += npairs;
	}
	return 0;
}
