/* SPDX-License-Identifier: MIT */
/* Unit tests of lib/util: fold.c, frnum.c, date.c, ident.c.
 * Every (pointer, length) input is handed over in a heap block of exactly
 * that length, without a terminating NUL, so that AddressSanitizer catches
 * any read past the end. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "internal.h"

/* ------------------------------------------------------------------ */
/* Helpers.                                                             */

static char *exact(const char *s, size_t n)
{
	char *p = malloc(n ? n : 1);
	if (!p) {
		printf("Bail out! out of memory\n");
		exit(2);
	}
	if (n)
		memcpy(p, s, n);
	return p;
}

/* A printable, single-line copy of s for test descriptions. */
static const char *esc(const char *s, size_t n, char *out, size_t outsz)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;
	for (size_t i = 0; i < n && o + 5 < outsz; i++) {
		size_t need = 0;
		if (p[i] >= 0xC2 && p[i] <= 0xDF)
			need = 1;
		else if (p[i] >= 0xE0 && p[i] <= 0xEF)
			need = 2;
		else if (p[i] >= 0xF0 && p[i] <= 0xF4)
			need = 3;
		int good = need > 0 && i + need < n && o + need + 1 < outsz;
		for (size_t k = 1; good && k <= need; k++)
			good = (p[i + k] & 0xC0) == 0x80;
		if (good) {
			memcpy(out + o, p + i, need + 1);
			o += need + 1;
			i += need;
		} else if (p[i] < 0x20 || p[i] >= 0x7F || p[i] == '#' || p[i] == '\\') {
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[p[i] >> 4];
			out[o++] = hex[p[i] & 15];
		} else {
			out[o++] = (char)p[i];
		}
	}
	out[o] = '\0';
	return out;
}

#define ESC(s, n) esc((s), (n), descbuf, sizeof(descbuf))

static void t_fold_n(const char *in, size_t n, const char *want, size_t want_len)
{
	char descbuf[256];
	char *p = exact(in, n);
	sons_buf b = SONS_BUF_INIT;
	int r = sons__fold(&b, p, n);
	ok(r == 0 && b.data && b.len == want_len && memcmp(b.data, want, want_len) == 0 &&
	           b.data[b.len] == '\0',
	   "fold '%s'", ESC(in, n));
	if (b.data && (b.len != want_len || memcmp(b.data, want, want_len)))
		printf("#        got: '%s'\n", ESC(b.data, b.len));
	sons__buf_free(&b);
	free(p);
}

static void t_fold(const char *in, const char *want)
{
	t_fold_n(in, strlen(in), want, strlen(want));
}

static void t_clean_n(const char *in, size_t n, const char *want)
{
	char descbuf[256];
	char *p = exact(in, n);
	sons_buf b = SONS_BUF_INIT;
	int r = sons__utf8_clean(&b, p, n);
	ok(r == 0 && b.data && b.len == strlen(want) && strcmp(b.data, want) == 0,
	   "utf8_clean '%s'", ESC(in, n));
	if (b.data && strcmp(b.data, want))
		printf("#        got: '%s'\n", ESC(b.data, b.len));
	sons__buf_free(&b);
	free(p);
}

static void t_clean(const char *in, const char *want)
{
	t_clean_n(in, strlen(in), want);
}

static void t_utf16(const char *in, size_t n, int be, const char *want, const char *what)
{
	char *p = exact(in, n);
	sons_buf b = SONS_BUF_INIT;
	int r = sons__utf16_to_utf8(&b, (const unsigned char *)p, n, be);
	ok(r == 0 && b.data && b.len == strlen(want) && strcmp(b.data, want) == 0, "utf16 %s",
	   what);
	sons__buf_free(&b);
	free(p);
}

static void t_amount(const char *in, int64_t want, unsigned want_flags)
{
	char descbuf[256];
	char *p = exact(in, strlen(in));
	int64_t c = 0x5555;
	unsigned f = 0x5555;
	int r = sons__amount_parse(p, strlen(in), &c, &f);
	ok(r == 1 && c == want && f == want_flags, "amount '%s' = %lld flags %u",
	   ESC(in, strlen(in)), (long long)want, want_flags);
	if (!(r == 1 && c == want && f == want_flags))
		printf("#   got r=%d cents=%lld flags=%u\n", r, (long long)c, f);
	free(p);
}

static void t_not_amount_n(const char *in, size_t n)
{
	char descbuf[256];
	char *p = exact(in, n);
	int64_t c = 0;
	unsigned f = 0;
	int r = sons__amount_parse(p, n, &c, &f);
	ok(r == 0, "not an amount: '%s'", ESC(in, n));
	if (r)
		printf("#   got cents=%lld flags=%u\n", (long long)c, f);
	free(p);
}

static void t_not_amount(const char *in)
{
	t_not_amount_n(in, strlen(in));
}

/* want_span NULL: expects no amount found. */
static void t_find(const char *in, int64_t want, unsigned want_flags, const char *want_span)
{
	char descbuf[256];
	size_t n = strlen(in);
	char *p = exact(in, n);
	int64_t c = 0;
	unsigned f = 0;
	size_t st = 0, en = 0;
	int r = sons__amount_find_last(p, n, &c, &f, &st, &en);
	if (!want_span) {
		ok(r == 0, "find_last nothing in '%s'", ESC(in, n));
		if (r)
			printf("#   got cents=%lld span '%s'\n", (long long)c,
			       ESC(in + st, en - st));
	} else {
		int good = r == 1 && c == want && f == want_flags && st <= en && en <= n &&
		           en - st == strlen(want_span) && memcmp(in + st, want_span, en - st) == 0;
		ok(good, "find_last '%s' = %lld", ESC(in, n), (long long)want);
		if (!good && r && st <= en && en <= n)
			printf("#   got r=%d cents=%lld flags=%u span '%s'\n", r, (long long)c, f,
			       ESC(in + st, en - st));
		else if (!good)
			printf("#   got r=%d\n", r);
	}
	free(p);
}

static void t_qty(const char *in, int ok_want, int64_t want)
{
	char descbuf[256];
	char *p = exact(in, strlen(in));
	int64_t m = -7;
	int r = sons__quantity_parse(p, strlen(in), &m);
	if (ok_want)
		ok(r == 1 && m == want, "quantity '%s' = %lld", ESC(in, strlen(in)),
		   (long long)want);
	else
		ok(r == 0, "not a quantity: '%s'", ESC(in, strlen(in)));
	free(p);
}

static void t_pct(const char *in, int ok_want, int want)
{
	char descbuf[256];
	char *p = exact(in, strlen(in));
	int bp = -7;
	int r = sons__percent_parse(p, strlen(in), &bp);
	if (ok_want)
		ok(r == 1 && bp == want, "percent '%s' = %d", ESC(in, strlen(in)), want);
	else
		ok(r == 0, "not a percentage: '%s'", ESC(in, strlen(in)));
	free(p);
}

static void t_fmt(int64_t cents, sons_lang lang, const char *want)
{
	char out[64];
	memset(out, 'Z', sizeof(out));
	sons__amount_format(out, sizeof(out), cents, lang);
	is_str(out, want, "format %lld %s", (long long)cents, lang == SONS_LANG_EN ? "en" : "fr");
}

static void t_date_n(const char *in, size_t n, int want_r, int y, int m, int d, int h, int mi,
                     size_t want_st, size_t want_en)
{
	char descbuf[256];
	char *p = exact(in, n);
	sons_date dt = { -9, -9, -9, -9, -9 };
	size_t st = 99, en = 99;
	int r = sons__date_find(p, n, &dt, &st, &en);
	int good;
	if (want_r == SONS_DATE_NONE)
		good = r == SONS_DATE_NONE;
	else
		good = r == want_r && dt.y == y && dt.m == m && dt.d == d && dt.hour == h &&
		       dt.minute == mi && st == want_st && en == want_en;
	ok(good, "date_find '%s' -> %d", ESC(in, n), want_r);
	if (!good)
		printf("#   got r=%d %d-%d-%d %d:%d span %zu..%zu\n", r, dt.y, dt.m, dt.d, dt.hour,
		       dt.minute, st, en);
	free(p);
}

static void t_date(const char *in, int want_r, int y, int m, int d, int h, int mi, size_t st,
                   size_t en)
{
	t_date_n(in, strlen(in), want_r, y, m, d, h, mi, st, en);
}

/* A date found where the whole input is the date, no time. */
static void t_date_whole(const char *in, int y, int m, int d)
{
	t_date(in, SONS_DATE_OK, y, m, d, -1, -1, 0, strlen(in));
}

static void t_no_date(const char *in)
{
	t_date(in, SONS_DATE_NONE, 0, 0, 0, 0, 0, 0, 0);
}

static void t_serial(double serial, int y, int m, int d, int h, int mi)
{
	sons_date dt = { 0, 0, 0, 0, 0 };
	int r = sons__date_from_serial(serial, &dt);
	ok(r == 1 && dt.y == y && dt.m == m && dt.d == d && dt.hour == h && dt.minute == mi,
	   "serial %.6f -> %04d-%02d-%02d %d:%d", serial, y, m, d, h, mi);
	if (!(r == 1 && dt.y == y && dt.m == m && dt.d == d && dt.hour == h && dt.minute == mi))
		printf("#   got r=%d %d-%d-%d %d:%d\n", r, dt.y, dt.m, dt.d, dt.hour, dt.minute);
}

static void t_compact(const char *in, size_t outsz, int want_r, const char *want)
{
	char descbuf[256];
	char out[64];
	char *p = exact(in, strlen(in));
	memset(out, 'Z', sizeof(out));
	int r = sons__ident_compact(out, outsz, p, strlen(in));
	ok(r == want_r && (r < 0 || strcmp(out, want) == 0), "compact '%s' (size %zu)",
	   ESC(in, strlen(in)), outsz);
	free(p);
}

/* ------------------------------------------------------------------ */

static void test_fold(void)
{
	t_fold("", "");
	t_fold("   ", "");
	t_fold(" \t\n\r ", "");
	t_fold("\xC2\xA0\xE2\x80\xAF \xE2\x80\x89", "");
	t_fold("ABC xyz 123", "abc xyz 123");
	t_fold("Élève À l'ÉCOLE", "eleve a l'ecole");
	t_fold("é è ê ë à â ä î ï ô ö ù û ü ç ÿ", "e e e e a a a i i o o u u u c y");
	t_fold("É È Ê Ë À Â Ä Ç Ô Ö Î Ï Ù Û Ü Ÿ", "e e e e a a a c o o i i u u u y");
	t_fold("Œuvre cœur Æ æ ß", "oeuvre coeur ae ae ss");
	t_fold("ñ Ñ ø Ø å Å ð þ", "n n o o a a d th");
	t_fold("Ł ł Š š Ž ž Ő ő Ĳ ĳ ſ", "l l s s z z o o ij ij s");
	t_fold("a\xC2\xA0"
	       "b\xE2\x80\xAF"
	       "c\xE2\x80\x89"
	       "d\xE2\x80\x87"
	       "e\tf\ng\rh",
	       "a b c d e f g h");
	t_fold("  a   \t\n b  ", "a b");
	t_fold("a \xC2\xA0 \xE2\x80\xAF b", "a b");
	t_fold("Ségur   numérique", "segur numerique");
	t_fold("l\xE2\x80\x99\xC3\x89tat l\xE2\x80\x98x l\xCA\xBCy 5\xE2\x80\xB2",
	       "l'etat l'x l'y 5'");
	t_fold("\xC2\xAB devis \xC2\xBB \xE2\x80\x9Cx\xE2\x80\x9D", "\" devis \" \"x\"");
	t_fold("a\xE2\x80\x93"
	       "b\xE2\x80\x94"
	       "c\xE2\x88\x92"
	       "d\xE2\x80\x91"
	       "e",
	       "a-b-c-d-e");
	t_fold("Ω € 日本 😀", "Ω € 日本 😀");
	t_fold("2×3 ÷ 4", "2×3 ÷ 4");
	t_fold("pro\xC2\xADgramme", "programme");
	t_fold("\xEF\xBB\xBFTitre", "titre");
	t_fold("a\xFF"
	       "b",
	       "a?b");
	t_fold("a\x80"
	       "b",
	       "a?b");
	t_fold("\xC3", "?");
	t_fold("ab\xE2\x80", "ab?");
	t_fold("ab\xF0\x9F\x98", "ab?");
	t_fold("\xC0\xAF", "??");
	t_fold("\xED\xA0\x80", "???");
	t_fold("\xF4\x90\x80\x80", "????");
	t_fold("\xE0\x80\x80", "???");
	t_fold("x \xC3 y", "x ? y");
	t_fold_n("a\0B", 3, "a\0b", 3);
	/* Truncated in the middle of the buffer: only len bytes are read. */
	t_fold_n("caf\xC3\xA9", 4, "caf?", 4);
	t_fold_n("a\xC2\xA0", 2, "a?", 2);

	/* Appends to what is there already. */
	sons_buf b = SONS_BUF_INIT;
	sons__buf_puts(&b, "x:");
	char *p = exact(" ÉTÉ ", strlen(" ÉTÉ "));
	int r = sons__fold(&b, p, strlen(" ÉTÉ "));
	free(p);
	is_str(r == 0 ? b.data : NULL, "x:ete", "fold appends");
	sons__buf_free(&b);

	/* Longer than the internal chunk. */
	size_t n = 3000;
	char *big = malloc(n * 3);
	char *want = malloc(n * 3 + 1);
	size_t wn = 0;
	for (size_t i = 0; i < n; i++) {
		memcpy(big + 3 * i, i % 2 ? "\xC3\x89 " : "OE ", 3);
		want[wn++] = i % 2 ? 'e' : 'o';
		if (i % 2 == 0)
			want[wn++] = 'e';
		if (i + 1 < n)
			want[wn++] = ' ';
	}
	t_fold_n(big, n * 3, want, wn);
	for (size_t i = 0; i < n * 3; i++)
		big[i] = (char)(i % 7 == 0 ? 0xFF : 'A' + i % 26);
	sons__buf_init(&b);
	r = sons__fold(&b, big, n * 3);
	size_t q = 0;
	for (size_t i = 0; i < b.len; i++)
		q += b.data[i] == '?';
	ok(r == 0 && b.len == n * 3 && q == (n * 3 + 6) / 7, "fold long text with invalid bytes");
	sons__buf_free(&b);
	free(big);
	free(want);
}

static void test_clean(void)
{
	t_clean("", "");
	t_clean("  \t\n ", "");
	t_clean("Hello", "Hello");
	t_clean("  Hello\x01World\x7F  ", "Hello World");
	t_clean("a\tb\nc", "a\tb\nc");
	t_clean("\n\ta  b\t\n", "a  b");
	t_clean("a\r\nb", "a \nb");
	t_clean("a\xFF"
	        "b",
	        "a\xEF\xBF\xBD"
	        "b");
	t_clean("ab\xE2\x82", "ab\xEF\xBF\xBD");
	t_clean("\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD");
	t_clean("\xED\xA0\x80x", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDx");
	t_clean("a\xC2\x85"
	        "b",
	        "a b");
	t_clean("\xEF\xBB\xBFTitre", "Titre");
	t_clean("\xC2\xA0x\xE2\x80\xAF", "x");
	t_clean("Ségur € 😀", "Ségur € 😀");
	t_clean_n("a\0b", 3, "a b");
	t_clean_n("caf\xC3\xA9", 4, "caf\xEF\xBF\xBD");

	sons_buf b = SONS_BUF_INIT;
	sons__buf_puts(&b, "  keep ");
	int r = sons__utf8_clean(&b, " x ", 3);
	is_str(r == 0 ? b.data : NULL, "  keep x", "utf8_clean appends, trims only its own part");
	sons__buf_free(&b);

	size_t n = 5000;
	char *big = malloc(n);
	for (size_t i = 0; i < n; i++)
		big[i] = i < 10 || i >= n - 10 ? ' ' : (char)(i % 3 ? 'a' : '\x02');
	size_t first = 0, last = n;
	while (big[first] != 'a')
		first++;
	while (big[last - 1] != 'a')
		last--;
	sons__buf_init(&b);
	r = sons__utf8_clean(&b, big, n);
	ok(r == 0 && b.len == last - first && b.data[0] == 'a' && b.data[b.len - 1] == 'a' &&
	           b.data[2] == ' ',
	   "utf8_clean long text");
	sons__buf_free(&b);
	free(big);
}

static void test_utf16(void)
{
	t_utf16("", 0, 0, "", "empty");
	t_utf16("h\0i\0", 4, 0, "hi", "LE");
	t_utf16("\0h\0i", 4, 1, "hi", "BE");
	t_utf16("\xFF\xFEh\0i\0", 6, 1, "hi", "LE BOM wins over the flag");
	t_utf16("\xFE\xFF\0h\0i", 6, 0, "hi", "BE BOM wins over the flag");
	t_utf16("\xE9\0\xAC\x20", 4, 0, "\xC3\xA9\xE2\x82\xAC", "LE e-acute and euro");
	t_utf16("\x3D\xD8\x00\xDE", 4, 0, "\xF0\x9F\x98\x80", "LE surrogate pair");
	t_utf16("\xD8\x3D\xDE\x00", 4, 1, "\xF0\x9F\x98\x80", "BE surrogate pair");
	t_utf16("a\0\x3D\xD8", 4, 0, "a\xEF\xBF\xBD", "high surrogate at the end");
	t_utf16("\x3D\xD8"
	        "a\0",
	        4, 0,
	        "\xEF\xBF\xBD"
	        "a",
	        "high surrogate then a letter");
	t_utf16("\x00\xDE"
	        "a\0",
	        4, 0,
	        "\xEF\xBF\xBD"
	        "a",
	        "lone low surrogate");
	t_utf16("a\0b", 3, 0, "a\xEF\xBF\xBD", "odd trailing byte");
	t_utf16("\xFF", 1, 0, "\xEF\xBF\xBD", "one byte");
	t_utf16("\xFF\xFE", 2, 0, "", "BOM only");

	size_t n = 4000;
	char *big = malloc(n * 2);
	for (size_t i = 0; i < n; i++) {
		big[2 * i] = (char)0xE9;
		big[2 * i + 1] = 0;
	}
	sons_buf b = SONS_BUF_INIT;
	int r = sons__utf16_to_utf8(&b, (unsigned char *)big, n * 2, 0);
	ok(r == 0 && b.len == n * 2 && memcmp(b.data, "\xC3\xA9", 2) == 0, "utf16 long text");
	sons__buf_free(&b);
	free(big);
}

enum {
	CUR = SONS_AMT_CURRENCY,
	HT = SONS_AMT_HT,
	TTC = SONS_AMT_TTC,
	NEG = SONS_AMT_NEGATIVE,
	DEC = SONS_AMT_DECIMALS
};

static void test_amount_parse(void)
{
	t_amount("1 234,56 €", 123456, CUR | DEC);
	t_amount("1234.56", 123456, DEC);
	t_amount("1234,56", 123456, DEC);
	t_amount("1 234,56 EUR HT", 123456, CUR | HT | DEC);
	t_amount("12 500,00 € TTC", 1250000, CUR | TTC | DEC);
	t_amount("-12 500,00 €", -1250000, CUR | NEG | DEC);
	t_amount("\xE2\x88\x92 8 000,00 €", -800000, CUR | NEG | DEC);
	t_amount("\xE2\x80\x93"
	         "50,00 €",
	         -5000, CUR | NEG | DEC);
	t_amount("(1 234,56)", -123456, NEG | DEC);
	t_amount("(1 234,56 €)", -123456, CUR | NEG | DEC);
	t_amount("(1 234,56) €", -123456, CUR | NEG | DEC);
	t_amount("1.234,56 €", 123456, CUR | DEC);
	t_amount("1'234.56", 123456, DEC);
	t_amount("1\xE2\x80\x99"
	         "234.56",
	         123456, DEC);
	t_amount("1 234 €", 123400, CUR);
	t_amount("1\xC2\xA0"
	         "234 €",
	         123400, CUR);
	t_amount("1\xE2\x80\xAF"
	         "234\xE2\x80\xAF€",
	         123400, CUR);
	t_amount("1\xE2\x80\x89"
	         "234,5\xC2\xA0€",
	         123450, CUR | DEC);
	t_amount("0,00 €", 0, CUR | DEC);
	t_amount("€ 1 234,56", 123456, CUR | DEC);
	t_amount("€1234", 123400, CUR);
	t_amount("EUR 1 234,56", 123456, CUR | DEC);
	t_amount("-€ 12", -1200, CUR | NEG);
	t_amount("€ -12", -1200, CUR | NEG);
	t_amount("1 234,56€ HT", 123456, CUR | HT | DEC);
	t_amount("1 234,56 €HT", 123456, CUR | HT | DEC);
	t_amount("1 234,56 H.T.", 123456, HT | DEC);
	t_amount("1 234,56 € T.T.C.", 123456, CUR | TTC | DEC);
	t_amount("1 234,56 ttc", 123456, TTC | DEC);
	t_amount("3", 300, 0);
	t_amount("  3  ", 300, 0);
	t_amount("+12", 1200, 0);
	t_amount("12 euros", 1200, CUR);
	t_amount("12 Euros HT", 1200, CUR | HT);
	t_amount("1 euro", 100, CUR);
	t_amount("12euros", 1200, CUR);
	t_amount("12EUR", 1200, CUR);
	t_amount("12.5", 1250, DEC);
	t_amount("1,234.56", 123456, DEC);
	t_amount("1,234,567", 123456700, 0);
	t_amount("1.234", 123400, 0);
	t_amount("1.234.567,89", 123456789, DEC);
	t_amount("0.125", 13, DEC);
	t_amount("1,005", 101, DEC);
	t_amount("-1,005", -101, NEG | DEC);
	t_amount("0,004", 0, DEC);
	t_amount("0,0049999", 0, DEC);
	t_amount("2,675", 268, DEC);
	t_amount("-0,00 €", 0, CUR | NEG | DEC);
	t_amount("1 000 000 000 000 000 €", 100000000000000000LL, CUR);
	t_amount("-1 000 000 000 000 000,00 €", -100000000000000000LL, CUR | NEG | DEC);
	t_amount("999999999999999,994", 99999999999999999LL, DEC);
	t_amount("999999999999999,995", 100000000000000000LL, DEC);
	t_amount("000012", 1200, 0);
	t_not_amount("12,");
	t_not_amount("1000000000000000000000000000000 €");
	t_not_amount("1000000000000000000000000000000000000000000000000000000000000000000");
	t_not_amount("1 000 000 000 000 001 €");
	t_not_amount("1000000000000000,005");
	t_not_amount("-9223372036854775808");
	t_not_amount("99999999999999999999999999,99 €");
	t_not_amount("Licence DUI");
	t_not_amount("2 licences");
	t_not_amount("15/03/2023");
	t_not_amount("v5.2");
	t_not_amount("5.2.1");
	t_not_amount("20 %");
	t_not_amount("20%");
	t_not_amount("");
	t_not_amount("   ");
	t_not_amount("\xC2\xA0");
	t_not_amount("€");
	t_not_amount("-");
	t_not_amount("()");
	t_not_amount("1 234,");
	t_not_amount(",50");
	t_not_amount("12 34");
	t_not_amount("1  234");
	t_not_amount("1,234,56");
	t_not_amount("1.234.56");
	t_not_amount("1 234.567.890");
	t_not_amount("0 500");
	t_not_amount("1234 567");
	t_not_amount("(12");
	t_not_amount("12)");
	t_not_amount("((12))");
	t_not_amount("--12");
	t_not_amount("1 234,56 € €");
	t_not_amount("1 234,56 HT HT");
	t_not_amount("abc 12");
	t_not_amount("12 abc");
	t_not_amount("12 eurosx");
	t_not_amount("12 EURO2");
	t_not_amount("12 HTT");
	t_not_amount("01 23 45 67 89");
	t_not_amount("732 829 320 00074");
	t_not_amount("1e5");
	t_not_amount("12h30");
	t_not_amount("2023-03-15");
	t_not_amount("1 234,56 \xE2\x82");
	t_not_amount("1 234\xC2");
	t_not_amount("\xE2\x88");
	t_not_amount("12\xFF");
	t_not_amount_n("12 €", 4); /* "12 " and the first byte of the euro sign */
	t_not_amount_n("12 EUR", 5);

	/* NULL outputs are allowed; the exact-length copy has no NUL. */
	char *p = exact("42,00", 5);
	ok(sons__amount_parse(p, 5, NULL, NULL) == 1, "amount with NULL outputs");
	ok(sons__amount_parse(p, 3, NULL, NULL) == 0, "amount '42,' (prefix of the buffer)");
	int64_t c = 0;
	ok(sons__amount_parse(p, 2, &c, NULL) == 1 && c == 4200, "amount '42' (prefix)");
	free(p);
}

static void test_amount_find(void)
{
	t_find("Montant pris en charge par l'\xC3\x89tat au titre du S\xC3\xA9gur : 12 500,00 "
	       "\xE2\x82\xAC HT",
	       1250000, CUR | HT | DEC, "12 500,00 € HT");
	t_find("Total TTC 15 000,00", 1500000, DEC, "15 000,00");
	t_find("Total HT : 1 234,56 €", 123456, CUR | DEC, "1 234,56 €");
	t_find("Total HT : 1\xC2\xA0"
	       "234,56\xC2\xA0€",
	       123456, CUR | DEC,
	       "1\xC2\xA0"
	       "234,56\xC2\xA0€");
	t_find("Total : 1 234,56 EUR", 123456, CUR | DEC, "1 234,56 EUR");
	t_find("Total 1 234,56 HT", 123456, HT | DEC, "1 234,56 HT");
	t_find("prix 500EUR", 50000, CUR, "500EUR");
	t_find("Total: 15 000,00.", 1500000, DEC, "15 000,00");
	t_find("Total 1500", 150000, 0, "1500");
	t_find("Total 15 000", 1500000, 0, "15 000");
	t_find("Total 1500 ;", 150000, 0, "1500");
	t_find("Le 15/03/2023, total 1 500 € TTC", 150000, CUR | TTC, "1 500 € TTC");
	t_find("15/03/2023 1 234,56 €", 123456, CUR | DEC, "1 234,56 €");
	t_find("Remise -500,00 €", -50000, CUR | NEG | DEC, "-500,00 €");
	t_find("Remise \xE2\x80\x93"
	       "500,00 €",
	       -50000, CUR | NEG | DEC,
	       "\xE2\x80\x93"
	       "500,00 €");
	t_find("Remise -€ 500", -50000, CUR | NEG, "-€ 500");
	t_find("Remise € -500", -50000, CUR | NEG, "€ -500");
	t_find("Remise (€ 500)", -50000, CUR | NEG, "(€ 500)");
	t_find("Licence DUI - 1 200,00 €", 120000, CUR | DEC, "1 200,00 €");
	t_find("Licence DUI \xE2\x80\x93 1 200,00 €", 120000, CUR | DEC, "1 200,00 €");
	t_find("Licence DUI-500 €", 50000, CUR, "500 €");
	t_find("100,00 € 200,00 €", 20000, CUR | DEC, "200,00 €");
	t_find("100,00 EUR 200,00 EUR", 20000, CUR | DEC, "200,00 EUR");
	t_find("Total 100,00 € -20,00 €", -2000, CUR | NEG | DEC, "-20,00 €");
	t_find("Licence (2 postes) 300,00", 30000, DEC, "300,00");
	t_find("Licence (2) ", 0, 0, NULL);
	t_find("Total 1 234,56 € HT 2023", 123456, CUR | HT | DEC, "1 234,56 € HT");
	t_find("2 x 1 500,00 €", 150000, CUR | DEC, "1 500,00 €");
	t_find("Page 1/2", 0, 0, NULL);
	t_find("Devis 2023-0042", 0, 0, NULL);
	t_find("Total 12€", 1200, CUR, "12€");
	t_find("EUR 12", 1200, CUR, "EUR 12");
	t_find("FEUR 12", 1200, 0, "12");
	t_find("Remise : \xE2\x88\x92 8 000,00 €", -800000, CUR | NEG | DEC,
	       "\xE2\x88\x92 8 000,00 €");
	t_find("Avoir (1 234,56 €)", -123456, CUR | NEG | DEC, "(1 234,56 €)");
	t_find("Avoir ( 1 234,56 )", -123456, NEG | DEC, "( 1 234,56 )");
	t_find("€ 1 234,56 à payer", 123456, CUR | DEC, "€ 1 234,56");
	t_find("Lot 3 12 500,00 €", 1250000, CUR | DEC, "12 500,00 €");
	t_find("Total 1 234,56 € dont TVA 205,76", 123456, CUR | DEC, "1 234,56 €");
	t_find("Sous-total 100,00 € ; Total 120,00 €", 12000, CUR | DEC, "120,00 €");
	t_find("Total 100,00 puis 120,00 et 3", 12000, DEC, "120,00");
	t_find("TVA (20 %) : 2 000,00 €", 200000, CUR | DEC, "2 000,00 €");
	t_find("Quantité 2 - prix 1 500,00 €", 150000, CUR | DEC, "1 500,00 €");
	t_find("Prix : 12,50", 1250, DEC, "12,50");
	t_find("12,50", 1250, DEC, "12,50");
	t_find("3", 300, 0, "3");
	t_find("Total 1 234,56 \xE2", 123456, DEC, "1 234,56");
	t_find("", 0, 0, NULL);
	t_find("   ", 0, 0, NULL);
	t_find("Licence DUI", 0, 0, NULL);
	t_find("Devis du 15/03/2023", 0, 0, NULL);
	t_find("Devis du 15.03.2023", 0, 0, NULL);
	t_find("Devis du 15-03-2023", 0, 0, NULL);
	t_find("le 2023-03-15", 0, 0, NULL);
	t_find("Tél. 01 23 45 67 89", 0, 0, NULL);
	t_find("Tél. 01.23.45.67.89", 0, 0, NULL);
	t_find("Tél. 0123456789", 0, 0, NULL);
	t_find("Tél. +33 1 23 45 67 89", 0, 0, NULL);
	t_find("SIRET 732 829 320 00074", 0, 0, NULL);
	t_find("SIRET : 73282932000074", 0, 0, NULL);
	t_find("75012 Paris", 0, 0, NULL);
	t_find("Paris 75012", 0, 0, NULL);
	t_find("12 rue de la Paix, 75002 Paris", 0, 0, NULL);
	t_find("Version 5.2.1", 0, 0, NULL);
	t_find("version 5.2", 0, 0, NULL);
	t_find("v5.2", 0, 0, NULL);
	t_find("Année 2023", 0, 0, NULL);
	t_find("TVA 20 %", 0, 0, NULL);
	t_find("TVA 20%", 0, 0, NULL);
	t_find("TVA 5,5", 0, 0, NULL);
	t_find("Quantité 1,5", 0, 0, NULL);
	t_find("Total 1500 licences", 0, 0, NULL);
	t_find("Rendez-vous à 14:30", 0, 0, NULL);
	t_find("Ouvert de 9h à 12h", 0, 0, NULL);
	t_find("Formation 2 jours", 0, 0, NULL);
	t_find("Article 12b", 0, 0, NULL);
	t_find("n°12", 0, 0, NULL);
	t_find("FINESS 750712184", 0, 0, NULL);
	t_find("Prix : 1000000000000000000000000000000 €", 0, 0, NULL);
	t_find("Total 12 \xE2\x82", 0, 0, NULL);

	/* Span and flags with NULL outputs; the scan stays within len. */
	char *p = exact("Total 12,00 € HT", 16);
	ok(sons__amount_find_last(p, 16, NULL, NULL, NULL, NULL) == 1, "find_last NULL outputs");
	int64_t c = 0;
	ok(sons__amount_find_last(p, 8, &c, NULL, NULL, NULL) == 1 && c == 1200,
	   "find_last reads only len bytes ('Total 12')");
	c = 0;
	ok(sons__amount_find_last(p, 9, &c, NULL, NULL, NULL) == 1 && c == 1200,
	   "find_last 'Total 12,' takes 12");
	free(p);
}

static void test_quantity(void)
{
	t_qty("2", 1, 2000);
	t_qty("1,5", 1, 1500);
	t_qty("1.5", 1, 1500);
	t_qty("3 licences", 1, 3000);
	t_qty("1 forfait", 1, 1000);
	t_qty("12 mois", 1, 12000);
	t_qty("1 u", 1, 1000);
	t_qty("  2  ", 1, 2000);
	t_qty("0,25", 1, 250);
	t_qty("1,0005", 1, 1001);
	t_qty("1,0004", 1, 1000);
	t_qty("-1", 1, -1000);
	t_qty("1 000 licences", 1, 1000000);
	t_qty("12mois", 1, 12000);
	t_qty("2 équipes", 1, 2000);
	t_qty("2\xC2\xA0jours", 1, 2000);
	t_qty("", 0, 0);
	t_qty("   ", 0, 0);
	t_qty("licence", 0, 0);
	t_qty("2 €", 0, 0);
	t_qty("2 EUR", 0, 0);
	t_qty("2 500,00 €", 0, 0);
	t_qty("15/03/2023", 0, 0);
	t_qty("20 %", 0, 0);
	t_qty("3 HT", 0, 0);
	t_qty("2-3", 0, 0);
	t_qty("1,5,", 0, 0);
	t_qty("(2)", 0, 0);
	t_qty("100000000000000000000", 0, 0);
	t_qty("1000000000000000000000000000000 licences", 0, 0);

	char *p = exact("2 \xC3", 3);
	int64_t m = 0;
	int r = sons__quantity_parse(p, 3, &m);
	ok(r == 0 || m == 2000, "quantity with truncated UTF-8 at the end");
	free(p);
}

static void test_percent(void)
{
	t_pct("20 %", 1, 2000);
	t_pct("20,0%", 1, 2000);
	t_pct("5,5 %", 1, 550);
	t_pct("5.5 %", 1, 550);
	t_pct("0,2 %", 1, 20);
	t_pct("100%", 1, 10000);
	t_pct("20\xC2\xA0%", 1, 2000);
	t_pct("20\xE2\x80\xAF%", 1, 2000);
	t_pct(" 20 % ", 1, 2000);
	t_pct("-5 %", 1, -500);
	t_pct("12,345 %", 1, 1235);
	t_pct("0%", 1, 0);
	t_pct("0,2", 0, 0);
	t_pct("20", 0, 0);
	t_pct("%", 0, 0);
	t_pct("", 0, 0);
	t_pct("20 % TTC", 0, 0);
	t_pct("20 %%", 0, 0);
	t_pct("abc", 0, 0);
	t_pct("1000000000 %", 0, 0);
	t_pct("99999999999999999999999 %", 0, 0);
	t_pct("20 \xE2\x80", 0, 0);
}

static void test_format(void)
{
	t_fmt(123456, SONS_LANG_FR, "1 234,56 €");
	t_fmt(123456, SONS_LANG_EN, "1,234.56 EUR");
	t_fmt(0, SONS_LANG_FR, "0,00 €");
	t_fmt(5, SONS_LANG_FR, "0,05 €");
	t_fmt(-5, SONS_LANG_FR, "-0,05 €");
	t_fmt(-123456, SONS_LANG_FR, "-1 234,56 €");
	t_fmt(-123456, SONS_LANG_EN, "-1,234.56 EUR");
	t_fmt(99, SONS_LANG_EN, "0.99 EUR");
	t_fmt(100000, SONS_LANG_EN, "1,000.00 EUR");
	t_fmt(12345600, SONS_LANG_FR, "123 456,00 €");
	t_fmt(100000000, SONS_LANG_FR, "1 000 000,00 €");
	t_fmt(INT64_MAX, SONS_LANG_FR, "92 233 720 368 547 758,07 €");
	t_fmt(INT64_MIN, SONS_LANG_FR, "-92 233 720 368 547 758,08 €");
	t_fmt(INT64_MIN, SONS_LANG_EN, "-92,233,720,368,547,758.08 EUR");

	char out[16];
	sons__amount_format(out, 5, 123456, SONS_LANG_FR);
	is_str(out, "1 23", "format truncated to 4 bytes");
	sons__amount_format(out, 1, 123456, SONS_LANG_FR);
	is_str(out, "", "format into 1 byte");
	memcpy(out, "keep", 5);
	sons__amount_format(out, 0, 123456, SONS_LANG_FR);
	is_str(out, "keep", "format into 0 bytes writes nothing");
	sons__amount_format(out, 8, 0, SONS_LANG_FR);
	is_str(out, "0,00 ", "format does not cut the euro sign in two");
	sons__amount_format(out, 9, 0, SONS_LANG_FR);
	is_str(out, "0,00 €", "format exact fit");

	/* Round trip through the parser. */
	static const int64_t vals[] = {
		0, 1, -1, 99, 100, 123456, -987654321, 100000000000000000LL
	};
	for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		char buf[64];
		int64_t c1 = -1, c2 = -1;
		sons__amount_format(buf, sizeof(buf), vals[i], SONS_LANG_FR);
		int r1 = sons__amount_parse(buf, strlen(buf), &c1, NULL);
		sons__amount_format(buf, sizeof(buf), vals[i], SONS_LANG_EN);
		int r2 = sons__amount_parse(buf, strlen(buf), &c2, NULL);
		ok(r1 && r2 && c1 == vals[i] && c2 == vals[i], "format/parse round trip %lld",
		   (long long)vals[i]);
	}
}

static void test_date_find(void)
{
	t_date_whole("15/03/2023", 2023, 3, 15);
	t_date_whole("15-03-2023", 2023, 3, 15);
	t_date_whole("15.03.2023", 2023, 3, 15);
	t_date_whole("2023-03-15", 2023, 3, 15);
	t_date_whole("2023/03/15", 2023, 3, 15);
	t_date_whole("5/3/2023", 2023, 3, 5);
	t_date_whole("15 mars 2023", 2023, 3, 15);
	t_date_whole("1er mars 2023", 2023, 3, 1);
	t_date_whole("1ER MARS 2023", 2023, 3, 1);
	t_date_whole("15 MARS 2023", 2023, 3, 15);
	t_date_whole("15 Mars 2023", 2023, 3, 15);
	t_date_whole("15 mar. 2023", 2023, 3, 15);
	t_date_whole("15 févr. 2023", 2023, 2, 15);
	t_date_whole("15 FÉVR. 2023", 2023, 2, 15);
	t_date_whole("15 fevrier 2023", 2023, 2, 15);
	t_date_whole("15 Février 2023", 2023, 2, 15);
	t_date_whole("1 août 2023", 2023, 8, 1);
	t_date_whole("1er AOÛT 2023", 2023, 8, 1);
	t_date_whole("3 décembre 2024", 2024, 12, 3);
	t_date_whole("3 DÉCEMBRE 2024", 2024, 12, 3);
	t_date_whole("3 déc. 2024", 2024, 12, 3);
	t_date_whole("9 juil. 2023", 2023, 7, 9);
	t_date_whole("9 sept. 2023", 2023, 9, 9);
	t_date_whole("15\xC2\xA0mars\xC2\xA0"
	             "2023",
	             2023, 3, 15);
	t_date_whole("15-mars-2023", 2023, 3, 15);
	t_date_whole("15 March 2023", 2023, 3, 15);
	t_date_whole("15th March 2023", 2023, 3, 15);
	t_date_whole("March 15, 2023", 2023, 3, 15);
	t_date_whole("Mar 1st, 2023", 2023, 3, 1);
	t_date_whole("December 31 2023", 2023, 12, 31);
	t_date_whole("mars 2023", 2023, 3, 0);
	t_date_whole("Mars 2023", 2023, 3, 0);
	t_date_whole("June 2023", 2023, 6, 0);
	t_date_whole("déc. 2023", 2023, 12, 0);
	t_date_whole("03/2023", 2023, 3, 0);
	t_date_whole("3/2023", 2023, 3, 0);
	t_date_whole("15/03/23", 2023, 3, 15);
	t_date_whole("15.03.23", 2023, 3, 15);
	t_date_whole("29/02/2024", 2024, 2, 29);
	t_date_whole("29/02/2000", 2000, 2, 29);
	t_date_whole("31/12/1990", 1990, 12, 31);
	t_date_whole("01/01/2100", 2100, 1, 1);
	t_date("Devis du 15/03/2023 à 14h", SONS_DATE_OK, 2023, 3, 15, 14, 0, 9, 26);
	t_date("15/03/2023 14:00", SONS_DATE_OK, 2023, 3, 15, 14, 0, 0, 16);
	t_date("17/12/2025 12h", SONS_DATE_OK, 2025, 12, 17, 12, 0, 0, 14);
	t_date("15/03/2023 à 14h30 !", SONS_DATE_OK, 2023, 3, 15, 14, 30, 0, 19);
	t_date("15/03/2023 À 9 h 05", SONS_DATE_OK, 2023, 3, 15, 9, 5, 0, 20);
	t_date("15/03/2023 at 9:05", SONS_DATE_OK, 2023, 3, 15, 9, 5, 0, 18);
	t_date("2023-03-15T14:05", SONS_DATE_OK, 2023, 3, 15, 14, 5, 0, 16);
	t_date("2023-03-15 14:05:59", SONS_DATE_OK, 2023, 3, 15, 14, 5, 0, 19);
	t_date("15/03/2023, 9:05", SONS_DATE_OK, 2023, 3, 15, 9, 5, 0, 16);
	t_date("15 mars 2023 à 10h", SONS_DATE_OK, 2023, 3, 15, 10, 0, 0, 19);
	t_date("15/03/2023 25:00", SONS_DATE_OK, 2023, 3, 15, -1, -1, 0, 10);
	t_date("15/03/2023 14:75", SONS_DATE_OK, 2023, 3, 15, -1, -1, 0, 10);
	t_date("15/03/2023 12 licences", SONS_DATE_OK, 2023, 3, 15, -1, -1, 0, 10);
	t_date("15/03/2023 14 heures", SONS_DATE_OK, 2023, 3, 15, -1, -1, 0, 10);
	t_date("15/03/2023 au 20/03/2023", SONS_DATE_OK, 2023, 3, 15, -1, -1, 0, 10);
	t_date("15/03/2023-16/03/2023", SONS_DATE_OK, 2023, 3, 15, -1, -1, 0, 10);
	t_date("le 15 mars 2023 et le 16/03/2023", SONS_DATE_OK, 2023, 3, 15, -1, -1, 3, 15);
	t_date("Ref 2023-001 du 15/03/2023", SONS_DATE_OK, 2023, 3, 15, -1, -1, 16, 26);
	t_date("Version 1.5.2 du 15/03/2023", SONS_DATE_OK, 2023, 3, 15, -1, -1, 17, 27);
	t_date("Fait à Paris, le 2 mai 2023.", SONS_DATE_OK, 2023, 5, 2, -1, -1, 18, 28);
	t_date("Période : janvier 2024", SONS_DATE_OK, 2024, 1, 0, -1, -1, 11, 23);
	t_date("Ségur 15/03/2023", SONS_DATE_OK, 2023, 3, 15, -1, -1, 7, 17);
	t_date("31/02/2023", SONS_DATE_INVALID, 2023, 2, 31, -1, -1, 0, 10);
	t_date("29/02/2023", SONS_DATE_INVALID, 2023, 2, 29, -1, -1, 0, 10);
	t_date("29/02/2100", SONS_DATE_INVALID, 2100, 2, 29, -1, -1, 0, 10);
	t_date("le 31/04/2023 à 10h", SONS_DATE_INVALID, 2023, 4, 31, -1, -1, 3, 13);
	t_date("31 avril 2023", SONS_DATE_INVALID, 2023, 4, 31, -1, -1, 0, 13);
	t_date("31 février 2023", SONS_DATE_INVALID, 2023, 2, 31, -1, -1, 0, 16);
	t_date("2023-02-30", SONS_DATE_INVALID, 2023, 2, 30, -1, -1, 0, 10);
	t_date("13/13/2023", SONS_DATE_INVALID, 2023, 13, 13, -1, -1, 0, 10);
	t_date("00/01/2023", SONS_DATE_INVALID, 2023, 1, 0, -1, -1, 0, 10);
	t_date("February 30, 2023", SONS_DATE_INVALID, 2023, 2, 30, -1, -1, 0, 17);
	t_no_date("");
	t_no_date("   ");
	t_no_date("1.5.2");
	t_no_date("version 5.2.1");
	t_no_date("v1.5.2023");
	t_no_date("01 23 45 67 89");
	t_no_date("01.23.45.67.89");
	t_no_date("01/23/45/67/89");
	t_no_date("15/03/1890");
	t_no_date("15/03/2150");
	t_no_date("15/03/0000");
	t_no_date("00/00/0000");
	t_no_date("5/3/23");
	t_no_date("15/03/202");
	t_no_date("15/03/20234");
	t_no_date("15/03-2023");
	t_no_date("marsupial 2023");
	t_no_date("15 marsupial 2023");
	t_no_date("mars");
	t_no_date("15 mars");
	t_no_date("Mars 20234");
	t_no_date("Démars 2023");
	t_no_date("Total 1 234,56 €");
	t_no_date("12/34");
	t_no_date("13/2023");
	t_no_date("2022-2023");
	t_no_date("3.2023");
	t_no_date("SIRET 732 829 320 00074");
	t_no_date("Code 123/2023");
	t_no_date("A15/03/2023");
	t_no_date("15 mars 202");
	t_date_n("15/03/2023", 9, SONS_DATE_NONE, 0, 0, 0, 0, 0, 0, 0);
	t_date_n("15/03/2023 \xC3", 12, SONS_DATE_OK, 2023, 3, 15, -1, -1, 0, 10);
	t_date_n("15/03/2023 1", 12, SONS_DATE_OK, 2023, 3, 15, -1, -1, 0, 10);
	t_date_n("15/03/2023 14:", 14, SONS_DATE_OK, 2023, 3, 15, -1, -1, 0, 10);
	t_date_n("15/03/2023 14h", 14, SONS_DATE_OK, 2023, 3, 15, 14, 0, 0, 14);
	t_date_n("15 f\xC3\xA9vr", 6, SONS_DATE_NONE, 0, 0, 0, 0, 0, 0, 0);
	t_date_n("mars 2023", 8, SONS_DATE_NONE, 0, 0, 0, 0, 0, 0, 0);

	sons_date d;
	ok(sons__date_find("x 1/1/2023", 10, NULL, NULL, NULL) == SONS_DATE_OK,
	   "date_find with NULL outputs");
	ok(sons__date_find(NULL, 0, &d, NULL, NULL) == SONS_DATE_NONE, "date_find NULL text");
}

static void test_date_misc(void)
{
	t_serial(1, 1900, 1, 1, -1, -1);
	t_serial(59, 1900, 2, 28, -1, -1);
	t_serial(60, 1900, 2, 29, -1, -1);
	t_serial(61, 1900, 3, 1, -1, -1);
	t_serial(25569, 1970, 1, 1, -1, -1);
	t_serial(36526, 2000, 1, 1, -1, -1);
	t_serial(45000, 2023, 3, 15, -1, -1);
	t_serial(45000.5, 2023, 3, 15, 12, 0);
	t_serial(45000.25, 2023, 3, 15, 6, 0);
	t_serial(45000.0 + 14.0 / 24 + 30.0 / 1440, 2023, 3, 15, 14, 30);
	t_serial(45000.9999999, 2023, 3, 16, -1, -1);
	t_serial(2958465, 9999, 12, 31, -1, -1);
	sons_date d;
	ok(!sons__date_from_serial(0, &d), "serial 0 rejected");
	ok(!sons__date_from_serial(0.5, &d), "serial 0.5 rejected");
	ok(!sons__date_from_serial(-1, &d), "serial -1 rejected");
	ok(!sons__date_from_serial(2958466, &d), "serial past 9999 rejected");
	ok(!sons__date_from_serial(1e300, &d), "serial 1e300 rejected");
	ok(!sons__date_from_serial(NAN, &d), "serial NaN rejected");
	ok(!sons__date_from_serial(INFINITY, &d), "serial +inf rejected");
	ok(!sons__date_from_serial(-INFINITY, &d), "serial -inf rejected");

	sons_date e1970 = { 1970, 1, 1, -1, -1 }, e69 = { 1969, 12, 31, -1, -1 };
	sons_date d23 = { 2023, 3, 15, -1, -1 }, m23 = { 2023, 3, 0, -1, -1 };
	sons_date f23 = { 2023, 3, 1, -1, -1 }, l2k = { 2000, 3, 1, -1, -1 };
	sons_date leap = { 2024, 2, 29, -1, -1 }, mar24 = { 2024, 3, 1, -1, -1 };
	is_int(sons__date_days(&e1970), 0, "days 1970-01-01");
	is_int(sons__date_days(&e69), -1, "days 1969-12-31");
	is_int(sons__date_days(&d23), 19431, "days 2023-03-15");
	is_int(sons__date_days(&l2k), 11017, "days 2000-03-01");
	is_int(sons__date_days(&m23), sons__date_days(&f23), "days d=0 counts as the 1st");
	is_int(sons__date_days(&mar24) - sons__date_days(&leap), 1, "days across 29 Feb");

	sons_date t1 = { 2023, 3, 15, 9, 0 }, t2 = { 2023, 3, 15, 14, 30 },
	          t3 = { 2023, 3, 15, 14, 31 };
	ok(sons__date_cmp(&e69, &e1970) < 0, "cmp before");
	ok(sons__date_cmp(&d23, &e1970) > 0, "cmp after");
	ok(sons__date_cmp(&d23, &d23) == 0, "cmp equal");
	ok(sons__date_cmp(&m23, &f23) == 0, "cmp month-only equals the 1st");
	ok(sons__date_cmp(&t1, &t2) < 0, "cmp times");
	ok(sons__date_cmp(&t3, &t2) > 0, "cmp minutes");
	ok(sons__date_cmp(&t2, &d23) == 0, "cmp ignores the time when one lacks it");
	ok(sons__date_cmp(&t2, &leap) < 0, "cmp date before time");

	char iso[11];
	sons__date_iso(iso, &d23);
	is_str(iso, "2023-03-15", "iso");
	sons__date_iso(iso, &m23);
	is_str(iso, "2023-03", "iso month only");
	sons_date early = { 812, 1, 2, -1, -1 }, wild = { 123456, 123, 456, -1, -1 };
	sons__date_iso(iso, &early);
	is_str(iso, "0812-01-02", "iso small year");
	sons__date_iso(iso, &wild);
	is_str(iso, "9999-99-99", "iso clamps out-of-range fields");

	ok(sons__date_parse_iso("2023-03-15", &d) && d.y == 2023 && d.m == 3 && d.d == 15 &&
	           d.hour == -1 && d.minute == -1,
	   "parse_iso date");
	ok(sons__date_parse_iso("2023-03-15T14:30", &d) && d.hour == 14 && d.minute == 30,
	   "parse_iso date and time");
	ok(sons__date_parse_iso("2023-03-15T00:00:00", &d) && d.hour == 0 && d.minute == 0,
	   "parse_iso with seconds");
	ok(sons__date_parse_iso("2023-03-15T14:30:00.123Z", &d) && d.hour == 14,
	   "parse_iso with fraction and Z");
	ok(sons__date_parse_iso("2024-02-29", &d), "parse_iso leap day");
	ok(sons__date_parse_iso("1850-06-01", &d) && d.y == 1850, "parse_iso any year");
	ok(sons__date_parse_iso("2023-03-15", NULL), "parse_iso NULL out");
	static const char *const bad[] = {
		"",
		"2023",
		"2023-02-29",
		"2023-3-15",
		"2023-03-15 ",
		" 2023-03-15",
		"2023-03-15T25:00",
		"2023-03-15T14:60",
		"2023-03-15T14",
		"2023-03-15T1430",
		"2023-03-15Z",
		"2023-13-01",
		"2023-00-10",
		"2023-03-00",
		"15/03/2023",
		"2023-03-15T14:30:",
		"2023-03-15T14:30:61",
		"2023-03-15T",
		"2023-03-1x",
		"2023_03_15",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ok(!sons__date_parse_iso(bad[i], &d), "parse_iso rejects '%s'", bad[i]);
	ok(!sons__date_parse_iso(NULL, &d), "parse_iso rejects NULL");
}

static void test_ident(void)
{
	t_compact("750 712 184", 24, 9, "750712184");
	t_compact("fr 44 732.829.320", 24, 13, "FR44732829320");
	t_compact("732-829-320", 24, 9, "732829320");
	t_compact("732\xC2\xA0"
	          "829\xE2\x80\xAF"
	          "320",
	          24, 9, "732829320");
	t_compact(" 2a 12345 67 ", 24, 9, "2A1234567");
	t_compact("", 24, 0, "");
	t_compact(" . - ", 24, 0, "");
	t_compact("123456", 7, 6, "123456");
	t_compact("123456", 6, -1, "");
	t_compact("123456", 1, -1, "");
	t_compact("123\xC2", 24, 4, "123\xC2");
	t_compact("é1", 24, 3, "é1");
	char out[4] = "abc";
	ok(sons__ident_compact(out, 0, "1", 1) == -1 && out[0] == 'a', "compact into 0 bytes");
	char *p = exact("123 456", 7);
	char big[24];
	ok(sons__ident_compact(big, sizeof(big), p, 5) == 4 && strcmp(big, "1234") == 0,
	   "compact reads only len bytes");
	free(p);

	static const char *const finess_ok[] = { "750712184", "750100125", "130786049", "690781810",
		                                 "920000650", "910001973", "330781196" };
	for (size_t i = 0; i < sizeof(finess_ok) / sizeof(finess_ok[0]); i++)
		is_int(sons__finess_check(finess_ok[i]), SONS_ID_OK, "FINESS %s valid",
		       finess_ok[i]);
	is_int(sons__finess_check("750712185"), SONS_ID_BAD_KEY, "FINESS bad key");
	is_int(sons__finess_check("750712148"), SONS_ID_BAD_KEY, "FINESS swapped digits");
	is_int(sons__finess_check("2A0000001"), SONS_ID_SHAPE_ONLY, "FINESS 2A");
	is_int(sons__finess_check("2B1234567"), SONS_ID_SHAPE_ONLY, "FINESS 2B");
	is_int(sons__finess_check("2A12345"), SONS_ID_BAD_LENGTH, "FINESS 2A too short");
	is_int(sons__finess_check("2A"), SONS_ID_BAD_LENGTH, "FINESS 2A alone");
	is_int(sons__finess_check("2A123456789"), SONS_ID_BAD_LENGTH, "FINESS 2A too long");
	is_int(sons__finess_check("2AX234567"), SONS_ID_BAD_CHAR, "FINESS 2A with a letter");
	is_int(sons__finess_check("2C1234567"), SONS_ID_BAD_CHAR, "FINESS 2C");
	is_int(sons__finess_check("75071218"), SONS_ID_EIGHT, "FINESS 8 digits");
	is_int(sons__finess_check("7507121844"), SONS_ID_BAD_LENGTH, "FINESS 10 digits");
	is_int(sons__finess_check("1234567"), SONS_ID_BAD_LENGTH, "FINESS 7 digits");
	is_int(sons__finess_check("75071218X"), SONS_ID_BAD_CHAR, "FINESS letter");
	is_int(sons__finess_check(""), SONS_ID_BAD_LENGTH, "FINESS empty");
	is_int(sons__finess_check(NULL), SONS_ID_BAD_LENGTH, "FINESS NULL");

	is_int(sons__siren_check("732829320"), SONS_ID_OK, "SIREN valid");
	is_int(sons__siren_check("356000000"), SONS_ID_OK, "SIREN La Poste");
	is_int(sons__siren_check("732829321"), SONS_ID_BAD_KEY, "SIREN bad key");
	is_int(sons__siren_check("73282932"), SONS_ID_BAD_LENGTH, "SIREN 8 digits");
	is_int(sons__siren_check("7328293200"), SONS_ID_BAD_LENGTH, "SIREN 10 digits");
	is_int(sons__siren_check("73282932A"), SONS_ID_BAD_CHAR, "SIREN letter");
	is_int(sons__siren_check(""), SONS_ID_BAD_LENGTH, "SIREN empty");

	is_int(sons__siret_check("73282932000074"), SONS_ID_OK, "SIRET valid");
	is_int(sons__siret_check("73282932000075"), SONS_ID_BAD_KEY, "SIRET bad key");
	is_int(sons__siret_check("12345678900007"), SONS_ID_BAD_KEY,
	       "SIRET Luhn right but SIREN wrong");
	is_int(sons__siret_check("35600000049837"), SONS_ID_OK, "SIRET La Poste (sum %% 5)");
	is_int(sons__siret_check("35600000049838"), SONS_ID_BAD_KEY, "SIRET La Poste bad");
	is_int(sons__siret_check("35600000000048"), SONS_ID_OK, "SIRET La Poste head office");
	is_int(sons__siret_check("35600000000049"), SONS_ID_BAD_KEY,
	       "SIRET La Poste: sum %% 5 but Luhn-checked number");
	is_int(sons__siret_check("7328293200007"), SONS_ID_BAD_LENGTH, "SIRET 13 digits");
	is_int(sons__siret_check("732829320000740"), SONS_ID_BAD_LENGTH, "SIRET 15 digits");
	is_int(sons__siret_check("7328293200007A"), SONS_ID_BAD_CHAR, "SIRET letter");
	is_int(sons__siret_check(""), SONS_ID_BAD_LENGTH, "SIRET empty");

	int key = -1;
	is_int(sons__tva_check("FR44732829320", &key), SONS_ID_OK, "TVA valid");
	is_int(key, 44, "TVA key reported");
	key = -1;
	is_int(sons__tva_check("FR45732829320", &key), SONS_ID_BAD_KEY, "TVA bad key");
	is_int(key, 44, "TVA expected key");
	is_int(sons__tva_check("FR45732829320", NULL), SONS_ID_BAD_KEY, "TVA NULL key");
	is_int(sons__tva_check("FR04732829320", NULL), SONS_ID_BAD_KEY, "TVA bad key 04");
	is_int(sons__tva_check("FRAB732829320", NULL), SONS_ID_SHAPE_ONLY, "TVA letter key");
	is_int(sons__tva_check("FR4A732829320", NULL), SONS_ID_SHAPE_ONLY, "TVA mixed key");
	is_int(sons__tva_check("FR!!732829320", NULL), SONS_ID_BAD_CHAR, "TVA bad key chars");
	is_int(sons__tva_check("FR4473282932", NULL), SONS_ID_BAD_LENGTH, "TVA 12 chars");
	is_int(sons__tva_check("FR447328293200", NULL), SONS_ID_BAD_LENGTH, "TVA 14 chars");
	is_int(sons__tva_check("DE123456789", NULL), SONS_ID_BAD_CHAR, "TVA not French");
	is_int(sons__tva_check("FR4473282932X", NULL), SONS_ID_BAD_CHAR, "TVA letter in SIREN");
	is_int(sons__tva_check("", NULL), SONS_ID_BAD_LENGTH, "TVA empty");
	is_int(sons__tva_check("F", NULL), SONS_ID_BAD_LENGTH, "TVA F");

	/* The whole chain, as a rule would use it. */
	char c[24];
	const char *raw = "FR 44 732\xE2\x80\xAF"
	                  "829\xC2\xA0"
	                  "320";
	int n = sons__ident_compact(c, sizeof(c), raw, strlen(raw));
	ok(n == 13 && sons__tva_check(c, NULL) == SONS_ID_OK &&
	           sons__siren_check(c + 4) == SONS_ID_OK,
	   "compact then check a VAT number");
}

int main(void)
{
	test_fold();
	test_clean();
	test_utf16();
	test_amount_parse();
	test_amount_find();
	test_quantity();
	test_percent();
	test_format();
	test_date_find();
	test_date_misc();
	test_ident();
	return done_testing();
}
