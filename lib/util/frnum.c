/* SPDX-License-Identifier: MIT */
/* French amounts, quantities and percentages, parsed digit by digit: no
 * locale, no floating point. Amounts are int64 cents, exact. */
#include <string.h>

#include "internal.h"

/* Largest integer part accepted: 10^15 (euros, units or percent). */
#define INT_MAX_PART 1000000000000000ULL
/* Groups remembered per run of digits (an amount needs at most 7). */
#define MAXG 16

typedef const unsigned char uchar;

static int is_digit(unsigned c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static unsigned to_lower(unsigned c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* A space that may separate thousands: ' ', NBSP, narrow NBSP, thin space,
 * figure space. Returns its length in bytes, 0 if none. */
static size_t grp_space_at(uchar *s, size_t len, size_t i)
{
	if (i >= len)
		return 0;
	if (s[i] == ' ')
		return 1;
	if (s[i] == 0xC2 && i + 1 < len && s[i + 1] == 0xA0)
		return 2;
	if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 &&
	    (s[i + 2] == 0xAF || s[i + 2] == 0x89 || s[i + 2] == 0x87))
		return 3;
	return 0;
}

/* Any white space, in bytes. */
static size_t ws_at(uchar *s, size_t len, size_t i)
{
	if (i < len && (s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		return 1;
	return grp_space_at(s, len, i);
}

static size_t skip_ws(uchar *s, size_t len, size_t i)
{
	size_t k;
	while ((k = ws_at(s, len, i)) != 0)
		i += k;
	return i;
}

/* Backwards over spaces (incl. NBSP, narrow NBSP, thin space) before p. */
static size_t back_ws(uchar *s, size_t p)
{
	for (;;) {
		if (p >= 1 && (s[p - 1] == ' ' || s[p - 1] == '\t'))
			p--;
		else if (p >= 2 && s[p - 2] == 0xC2 && s[p - 1] == 0xA0)
			p -= 2;
		else if (p >= 3 && s[p - 3] == 0xE2 && s[p - 2] == 0x80 &&
		         (s[p - 1] == 0xAF || s[p - 1] == 0x89 || s[p - 1] == 0x87))
			p -= 3;
		else
			return p;
	}
}

/* '-', U+2212 minus or U+2013 en dash; length in bytes or 0. */
static size_t minus_at(uchar *s, size_t len, size_t i)
{
	if (i >= len)
		return 0;
	if (s[i] == '-')
		return 1;
	if (i + 2 < len && s[i] == 0xE2 &&
	    ((s[i + 1] == 0x88 && s[i + 2] == 0x92) || (s[i + 1] == 0x80 && s[i + 2] == 0x93)))
		return 3;
	return 0;
}

/* The same, ending just before byte q. */
static size_t minus_before(uchar *s, size_t q)
{
	if (q >= 1 && s[q - 1] == '-')
		return 1;
	if (q >= 3 && s[q - 3] == 0xE2 &&
	    ((s[q - 2] == 0x88 && s[q - 1] == 0x92) || (s[q - 2] == 0x80 && s[q - 1] == 0x93)))
		return 3;
	return 0;
}

/* Case-insensitive ASCII word `w` at i, not followed by a letter or digit. */
static size_t word_at(uchar *s, size_t len, size_t i, const char *w)
{
	size_t n = strlen(w);
	if (i > len || n > len - i)
		return 0;
	for (size_t k = 0; k < n; k++)
		if (to_lower(s[i + k]) != (unsigned char)w[k])
			return 0;
	if (i + n < len && (is_alpha(s[i + n]) || is_digit(s[i + n]) || s[i + n] >= 0x80)) {
		/* "€" may follow at once; any other letter makes a longer word. */
		if (!(s[i + n] == 0xE2 && i + n + 2 < len && s[i + n + 1] == 0x82 &&
		      s[i + n + 2] == 0xAC))
			return 0;
	}
	return n;
}

/* "€", "EUR", "euro", "euros"; length or 0. */
static size_t currency_at(uchar *s, size_t len, size_t i)
{
	size_t k;
	if (i + 2 < len && s[i] == 0xE2 && s[i + 1] == 0x82 && s[i + 2] == 0xAC)
		return 3;
	if (i >= len || (to_lower(s[i]) != 'e'))
		return 0;
	if ((k = word_at(s, len, i, "eur")) || (k = word_at(s, len, i, "euros")) ||
	    (k = word_at(s, len, i, "euro")))
		return k;
	return 0;
}

/* A currency mark ending just before q ("€", or "EUR" as a whole word). */
static size_t currency_before(uchar *s, size_t q)
{
	if (q >= 3 && s[q - 3] == 0xE2 && s[q - 2] == 0x82 && s[q - 1] == 0xAC)
		return 3;
	if (q >= 3 && to_lower(s[q - 3]) == 'e' && to_lower(s[q - 2]) == 'u' &&
	    to_lower(s[q - 1]) == 'r' && (q == 3 || !(is_alpha(s[q - 4]) || s[q - 4] >= 0x80)))
		return 3;
	return 0;
}

/* "HT", "H.T.", "TTC", "T.T.C."; sets *flag; length or 0. */
static size_t tax_at(uchar *s, size_t len, size_t i, unsigned *flag)
{
	static const struct {
		const char *w;
		unsigned flag;
	} marks[] = {
		{ "h.t.", SONS_AMT_HT },    { "h.t", SONS_AMT_HT },    { "ht", SONS_AMT_HT },
		{ "t.t.c.", SONS_AMT_TTC }, { "t.t.c", SONS_AMT_TTC }, { "ttc", SONS_AMT_TTC },
	};
	if (i >= len || (to_lower(s[i]) != 'h' && to_lower(s[i]) != 't'))
		return 0;
	for (size_t k = 0; k < sizeof(marks) / sizeof(marks[0]); k++) {
		size_t n = word_at(s, len, i, marks[k].w);
		if (n) {
			*flag = marks[k].flag;
			return n;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Runs of digits: "1 234 567,89" is four groups and three separators.  */

enum { SEP_NONE, SEP_SPACE, SEP_DOT, SEP_COMMA, SEP_APOS };

typedef struct run {
	size_t gs[MAXG], ge[MAXG]; /* digit spans of the groups */
	int sep[MAXG];             /* separator before group k (k >= 1) */
	int n;                     /* groups kept */
	int dropped;               /* groups dropped from the front */
	size_t end;                /* byte after the last digit */
} run;

/* Reads the run of digit groups starting at the digit s[i]. */
static void scan_run(uchar *s, size_t len, size_t i, run *r)
{
	int sep = SEP_NONE;
	r->n = 0;
	r->dropped = 0;
	for (;;) {
		if (r->n == MAXG) {
			memmove(r->gs, r->gs + 1, (MAXG - 1) * sizeof(r->gs[0]));
			memmove(r->ge, r->ge + 1, (MAXG - 1) * sizeof(r->ge[0]));
			memmove(r->sep, r->sep + 1, (MAXG - 1) * sizeof(r->sep[0]));
			r->n--;
			r->dropped++;
		}
		r->gs[r->n] = i;
		while (i < len && is_digit(s[i]))
			i++;
		r->ge[r->n] = i;
		r->sep[r->n] = sep;
		r->n++;
		size_t k = 0;
		if (i < len && s[i] == '.') {
			sep = SEP_DOT;
			k = 1;
		} else if (i < len && s[i] == ',') {
			sep = SEP_COMMA;
			k = 1;
		} else if (i < len && s[i] == '\'') {
			sep = SEP_APOS;
			k = 1;
		} else if (i + 2 < len && s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] == 0x99) {
			sep = SEP_APOS; /* ’ */
			k = 3;
		} else if ((k = grp_space_at(s, len, i)) != 0) {
			sep = SEP_SPACE;
		}
		if (!k || i + k >= len || !is_digit(s[i + k]))
			break;
		i += k;
	}
	r->end = i;
}

/* A number read from groups: integer part and the first decimals. */
typedef struct numval {
	uint64_t ipart; /* <= INT_MAX_PART */
	int ndec;       /* number of decimals written (0: none) */
	int dec[4];     /* the first four decimals, zero padded */
	int idigits;    /* digits in the integer part */
	int grouped;    /* thousands separators were used */
} numval;

static size_t gwidth(const run *r, int k)
{
	return r->ge[k] - r->gs[k];
}

/* Interprets groups a..n-1 of the run as one number. Returns 1 when they
 * form a well-grouped number that does not overflow. */
static int interpret(uchar *s, const run *r, int a, numval *v)
{
	int b = r->n - 1, dec = 0, last = b > a ? r->sep[b] : SEP_NONE;

	memset(v, 0, sizeof(*v));
	if (last == SEP_COMMA) {
		/* "1,234,567" (English) is grouping; "1,5" and "1,234" decimals. */
		int eng = b - a >= 2;
		for (int k = a + 1; k <= b && eng; k++)
			eng = r->sep[k] == SEP_COMMA && gwidth(r, k) == 3;
		dec = eng ? 0 : b;
	} else if (last == SEP_DOT) {
		/* "1.234" and "1.234.567" are grouping; "1.5", "0.125",
		 * "1234.567", "1 234.567" or "1,234.567" decimals. */
		int grp = gwidth(r, b) == 3 && gwidth(r, a) <= 3 && s[r->gs[a]] != '0';
		for (int k = a + 1; k <= b && grp; k++)
			grp = r->sep[k] == SEP_DOT;
		dec = grp ? 0 : b;
	}
	int tend = dec ? b - 1 : b;
	if (tend > a) {
		int cls = r->sep[a + 1];
		if (gwidth(r, a) > 3 || s[r->gs[a]] == '0')
			return 0;
		for (int k = a + 1; k <= tend; k++)
			if (r->sep[k] != cls || gwidth(r, k) != 3)
				return 0;
		if (dec && r->sep[dec] == cls)
			return 0;
		v->grouped = 1;
	}
	for (int k = a; k <= tend; k++) {
		for (size_t i = r->gs[k]; i < r->ge[k]; i++) {
			v->ipart = v->ipart * 10 + (uint64_t)(s[i] - '0');
			if (v->ipart > INT_MAX_PART)
				return 0;
			v->idigits++;
		}
	}
	if (dec) {
		size_t w = gwidth(r, dec);
		v->ndec = w > 1000 ? 1000 : (int)w;
		for (size_t k = 0; k < 4 && k < w; k++)
			v->dec[k] = s[r->gs[dec] + k] - '0';
	}
	return 1;
}

/* The value in units of 10^-scale (scale <= 3), rounded half away from
 * zero on the magnitude; -1 beyond the limit. */
static int64_t scaled(const numval *v, int scale)
{
	uint64_t x = v->ipart;
	for (int k = 0; k < scale; k++)
		x = x * 10 + (uint64_t)v->dec[k];
	if (v->dec[scale] >= 5)
		x++;
	uint64_t lim = INT_MAX_PART;
	for (int k = 0; k < scale; k++)
		lim *= 10;
	return x > lim ? -1 : (int64_t)x;
}

/* ------------------------------------------------------------------ */

int sons__amount_parse(const char *str, size_t len, int64_t *cents, unsigned *flags)
{
	uchar *s = (uchar *)str;
	unsigned f = 0, tf;
	int paren = 0, sign = 0;
	size_t i, k;
	run r;
	numval v;

	if (!s)
		return 0;
	i = skip_ws(s, len, 0);
	/* Prefix: '(', a sign, a currency, in any order, each once. */
	for (;;) {
		if (i < len && s[i] == '(' && !paren && !sign) {
			paren = 1;
			i++;
		} else if (!sign && (k = minus_at(s, len, i)) != 0) {
			sign = 1;
			f |= SONS_AMT_NEGATIVE;
			i += k;
		} else if (!sign && i < len && s[i] == '+') {
			sign = 1;
			i++;
		} else if (!(f & SONS_AMT_CURRENCY) && (k = currency_at(s, len, i)) != 0) {
			f |= SONS_AMT_CURRENCY;
			i += k;
		} else {
			break;
		}
		i = skip_ws(s, len, i);
	}
	if (i >= len || !is_digit(s[i]))
		return 0;
	scan_run(s, len, i, &r);
	if (r.dropped || !interpret(s, &r, 0, &v))
		return 0;
	i = r.end;
	/* Suffix: a currency, a tax mark, the closing parenthesis. */
	for (;;) {
		i = skip_ws(s, len, i);
		if (i >= len)
			break;
		if (!(f & SONS_AMT_CURRENCY) && (k = currency_at(s, len, i)) != 0) {
			f |= SONS_AMT_CURRENCY;
			i += k;
		} else if (!(f & (SONS_AMT_HT | SONS_AMT_TTC)) && (k = tax_at(s, len, i, &tf))) {
			f |= tf;
			i += k;
		} else if (paren == 1 && s[i] == ')') {
			paren = 2;
			i++;
		} else {
			return 0;
		}
	}
	if (paren == 1)
		return 0;
	if (paren)
		f |= SONS_AMT_NEGATIVE;
	if (v.ndec)
		f |= SONS_AMT_DECIMALS;
	int64_t c = scaled(&v, 2);
	if (c < 0)
		return 0;
	if (cents)
		*cents = (f & SONS_AMT_NEGATIVE) ? -c : c;
	if (flags)
		*flags = f;
	return 1;
}

/* Decodes the code point ending just before byte q (q > 0); -1 if broken. */
static int32_t cp_before(uchar *s, size_t q)
{
	size_t k = 1;
	while (k < 4 && k < q && (s[q - k] & 0xC0) == 0x80)
		k++;
	uchar *p = s + q - k;
	if (k == 1)
		return p[0] < 0x80 ? p[0] : -1;
	if (k == 2 && (p[0] & 0xE0) == 0xC0)
		return (int32_t)((p[0] & 0x1Fu) << 6 | (p[1] & 0x3Fu));
	if (k == 3 && (p[0] & 0xF0) == 0xE0)
		return (int32_t)((p[0] & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu));
	if (k == 4 && (p[0] & 0xF8) == 0xF0)
		return (int32_t)((p[0] & 0x07u) << 18 | (p[1] & 0x3Fu) << 12 | (p[2] & 0x3Fu) << 6 |
		                 (p[3] & 0x3Fu));
	return -1;
}

/* Letters, digits and marks such as "°" glued to a number make it a code,
 * a reference or an ordinal rather than an amount. */
static int is_wordish(int32_t cp)
{
	if (cp < 0)
		return 1;
	if (cp < 0x80)
		return is_alpha((unsigned)cp) || is_digit((unsigned)cp) || cp == '_';
	if (cp == 0xB0 || cp == 0xBA || cp == 0xAA || cp == 0xB2 || cp == 0xB3 || cp == 0xB9)
		return 1;
	return cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 && cp < 0x2000;
}

/* One candidate for sons__amount_find_last(). */
typedef struct cand {
	int64_t cents;
	unsigned flags;
	size_t start, end;
	int tier; /* 3: currency; 2: two decimals; 1: bare last integer; 0: none */
} cand;

/* Evaluates groups a.. of run r as an amount in its context. */
static void evaluate(uchar *s, size_t len, const run *r, int a, cand *c)
{
	numval v;
	unsigned f = 0, tf;
	size_t st = r->gs[a], e = r->end, k;
	int paren = 0;

	c->tier = 0;
	if (!interpret(s, r, a, &v))
		return;
	/* What touches the number on the left (a tail "… 3 12 500,00"
	 * starts after a space, nothing to check). */
	if (a == 0 && st > 0) {
		int32_t cp = cp_before(s, st);
		if (is_wordish(cp) || cp == '/' || cp == '%')
			return;
		if ((cp == '.' || cp == ',' || cp == ':' || cp == '-' || cp == '+') && st >= 2 &&
		    is_digit(s[st - 2]))
			return;
	}
	/* What touches it on the right. */
	if (e < len) {
		unsigned ch = s[e];
		if (ch == '/' || ch == '%')
			return;
		if ((ch == ':' || ch == '-') && e + 1 < len && is_digit(s[e + 1]))
			return;
		if (minus_at(s, len, e) == 3 && e + 3 < len && is_digit(s[e + 3]))
			return;
		if (!currency_at(s, len, e) && !tax_at(s, len, e, &tf)) {
			size_t q = e + 1;
			while (ch >= 0x80 && q < len && q < e + 4 && (s[q] & 0xC0) == 0x80)
				q++;
			if (is_wordish(ch < 0x80 ? (int32_t)ch : cp_before(s, q)))
				return;
		}
	}
	/* Then a currency, a tax mark. */
	size_t i = skip_ws(s, len, e);
	if (i < len && s[i] == '%')
		return;
	if ((k = currency_at(s, len, i)) != 0) {
		f |= SONS_AMT_CURRENCY;
		e = i + k;
		i = skip_ws(s, len, e);
	}
	if ((k = tax_at(s, len, i, &tf)) != 0) {
		f |= tf;
		e = i + k;
		i = skip_ws(s, len, e);
	}
	/* Before it: a currency (unless one follows: that one would be the
	 * previous amount's), a sign, an opening parenthesis. A '-' or '–'
	 * set apart by spaces is a separator ("Licence - 1 200,00 €"); the
	 * true minus sign U+2212 counts either way. */
	if (a == 0) {
		size_t q = st, p = back_ws(s, st);
		for (int round = 0; round < 2; round++) {
			if (!(f & SONS_AMT_CURRENCY) && (k = currency_before(s, p)) != 0) {
				f |= SONS_AMT_CURRENCY;
				q = p - k;
				p = back_ws(s, q);
			}
			k = f & SONS_AMT_NEGATIVE ? 0 : minus_before(s, p);
			int glued = p == q, true_minus = k == 3 && s[p - 2] == 0x88;
			if (k && (glued || true_minus) &&
			    (p == k || !is_wordish(cp_before(s, p - k)))) {
				f |= SONS_AMT_NEGATIVE;
				q = p - k;
				p = back_ws(s, q);
			}
		}
		if (p > 0 && s[p - 1] == '(' && i < len && s[i] == ')') {
			f |= SONS_AMT_NEGATIVE;
			q = p - 1;
			e = i + 1;
			paren = 1;
		}
		st = q;
	}
	if (v.ndec)
		f |= SONS_AMT_DECIMALS;
	int64_t cents = scaled(&v, 2);
	if (cents < 0)
		return;
	if (f & SONS_AMT_CURRENCY) {
		c->tier = 3;
	} else if (v.ndec) {
		/* Money has two decimals; "5,5" is a rate, "5.2" a version. */
		c->tier = v.ndec == 2 ? 2 : 0;
	} else if (a == 0 && !paren) {
		/* A bare integer: only as the last token of the line, and
		 * neither a year, a postcode, a long code nor "(2)". */
		size_t j = e;
		while (j < len && (ws_at(s, len, j) || (s[j] && strchr(".;,:!)", s[j]))))
			j += ws_at(s, len, j) ? ws_at(s, len, j) : 1;
		int year = !v.grouped && v.idigits == 4 && v.ipart >= 1900 && v.ipart <= 2100;
		if (j >= len && (v.grouped || (v.idigits <= 4 && !year)))
			c->tier = 1;
	}
	c->cents = (f & SONS_AMT_NEGATIVE) ? -cents : cents;
	c->flags = f;
	c->start = st;
	c->end = e;
}

int sons__amount_find_last(const char *str, size_t len, int64_t *cents, unsigned *flags,
                           size_t *start, size_t *end)
{
	uchar *s = (uchar *)str;
	cand best = { 0, 0, 0, 0, 0 }, c;
	run r;
	size_t i = 0;

	if (!s)
		return 0;
	while (i < len) {
		if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1]))) {
			i++;
			continue;
		}
		scan_run(s, len, i, &r);
		c.tier = 0;
		if (!r.dropped)
			evaluate(s, len, &r, 0, &c);
		if (!c.tier) {
			/* The longest well-formed tail after a space, if it is
			 * clearly money: "Lot 3 12 500,00 €". */
			for (int a = 1; a < r.n && !c.tier; a++) {
				if (r.sep[a] != SEP_SPACE)
					continue;
				evaluate(s, len, &r, a, &c);
			}
		}
		if (c.tier && c.tier >= best.tier)
			best = c;
		i = r.end;
	}
	if (!best.tier)
		return 0;
	if (cents)
		*cents = best.cents;
	if (flags)
		*flags = best.flags;
	if (start)
		*start = best.start;
	if (end)
		*end = best.end;
	return 1;
}

/* ------------------------------------------------------------------ */

/* Optional sign, then a well-grouped number; *neg, *v and the end. */
static int lead_number(uchar *s, size_t len, size_t *pi, int *neg, numval *v)
{
	size_t i = skip_ws(s, len, *pi), k;
	run r;

	*neg = 0;
	if ((k = minus_at(s, len, i)) != 0) {
		*neg = 1;
		i = skip_ws(s, len, i + k);
	} else if (i < len && s[i] == '+') {
		i = skip_ws(s, len, i + 1);
	}
	if (i >= len || !is_digit(s[i]))
		return 0;
	scan_run(s, len, i, &r);
	if (r.dropped || !interpret(s, &r, 0, v))
		return 0;
	*pi = r.end;
	return 1;
}

int sons__quantity_parse(const char *str, size_t len, int64_t *milli)
{
	uchar *s = (uchar *)str;
	size_t i = 0;
	int neg;
	unsigned tf;
	numval v;

	if (!s || !lead_number(s, len, &i, &neg, &v))
		return 0;
	if (i < len && (s[i] == '/' || s[i] == '%'))
		return 0;
	i = skip_ws(s, len, i);
	if (i < len) {
		/* A unit may follow ("licences", "mois", "u"), not money. */
		if (currency_at(s, len, i) || tax_at(s, len, i, &tf))
			return 0;
		if (!is_alpha(s[i]) && !(s[i] >= 0xC3 && s[i] <= 0xC5))
			return 0;
	}
	int64_t x = scaled(&v, 3);
	if (x < 0)
		return 0;
	if (milli)
		*milli = neg ? -x : x;
	return 1;
}

int sons__percent_parse(const char *str, size_t len, int *basis_points)
{
	uchar *s = (uchar *)str;
	size_t i = 0;
	int neg;
	numval v;

	if (!s || !lead_number(s, len, &i, &neg, &v))
		return 0;
	i = skip_ws(s, len, i);
	if (i >= len || s[i] != '%')
		return 0;
	if (skip_ws(s, len, i + 1) != len)
		return 0;
	if (v.ipart > 1000000)
		return 0;
	int64_t x = scaled(&v, 2);
	if (basis_points)
		*basis_points = (int)(neg ? -x : x);
	return 1;
}

void sons__amount_format(char *out, size_t outsz, int64_t cents, sons_lang lang)
{
	char tmp[64], digits[24];
	size_t n = 0, nd = 0;
	uint64_t mag = cents < 0 ? (uint64_t)(-(cents + 1)) + 1 : (uint64_t)cents;
	uint64_t ip = mag / 100;
	unsigned fr = (unsigned)(mag % 100);
	int en = lang == SONS_LANG_EN;

	if (!out || !outsz)
		return;
	do {
		digits[nd++] = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip);
	if (cents < 0)
		tmp[n++] = '-';
	while (nd) {
		tmp[n++] = digits[--nd];
		if (nd && nd % 3 == 0)
			tmp[n++] = en ? ',' : ' ';
	}
	tmp[n++] = en ? '.' : ',';
	tmp[n++] = (char)('0' + fr / 10);
	tmp[n++] = (char)('0' + fr % 10);
	if (en) {
		memcpy(tmp + n, " EUR", 4);
		n += 4;
	} else {
		memcpy(tmp + n, " \xE2\x82\xAC", 4);
		n += 4;
	}
	if (n >= outsz) {
		n = outsz - 1;
		/* Do not cut a character in two. */
		while (n > 0 && ((unsigned char)tmp[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(out, tmp, n);
	out[n] = '\0';
}
