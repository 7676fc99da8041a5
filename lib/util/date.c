/* SPDX-License-Identifier: MIT */
/* French, English and ISO dates found in text; spreadsheet serials. */
#include <string.h>

#include "internal.h"

typedef const unsigned char uchar;

#define YEAR_MIN 1990
#define YEAR_MAX 2100

static int is_digit(unsigned c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int mdays(int64_t y, int m)
{
	static const unsigned char n[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap(y) ? 29 : n[m - 1];
}

static int valid_ymd(int y, int m, int d)
{
	return m >= 1 && m <= 12 && d >= 1 && d <= mdays(y, m);
}

/* Days since 1970-01-01 (proleptic Gregorian), after H. Hinnant. */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t mm = mp < 10 ? mp + 3 : mp - 9;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)mm;
	*y = (int)(yoe + era * 400 + (mm <= 2));
}

/* ------------------------------------------------------------------ */
/* Reading pieces.                                                      */

/* Up to `max` digits at i; the count read (0 if none) and the value.
 * Fails (returns 0) when more than `max` digits follow. */
static size_t digits(uchar *s, size_t len, size_t i, size_t max, int *val)
{
	size_t n = 0;
	int v = 0;
	while (i + n < len && is_digit(s[i + n])) {
		if (n == max)
			return 0;
		v = v * 10 + (s[i + n] - '0');
		n++;
	}
	*val = v;
	return n;
}

/* Length of a space (ASCII space or tab, NBSP, narrow NBSP, thin) at i. */
static size_t space_at(uchar *s, size_t len, size_t i)
{
	if (i >= len)
		return 0;
	if (s[i] == ' ' || s[i] == '\t')
		return 1;
	if (s[i] == 0xC2 && i + 1 < len && s[i + 1] == 0xA0)
		return 2;
	if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 &&
	    (s[i + 2] == 0xAF || s[i + 2] == 0x89))
		return 3;
	return 0;
}

static size_t skip_spaces(uchar *s, size_t len, size_t i)
{
	size_t k;
	while ((k = space_at(s, len, i)) != 0)
		i += k;
	return i;
}

/* Folds the letter at i (ASCII or Latin-1 two-byte) to one lower-case
 * ASCII byte in *c ('#' for a letter without a plain form). Returns its
 * length in bytes, 0 when s[i] does not start a letter. */
static size_t letter_at(uchar *s, size_t len, size_t i, char *c)
{
	/* U+00C0..U+00FF; '#' for letters that cannot occur in a month name. */
	static const char latin1[65] = "aaaaaa#ceeeeiiiidnooooo#ouuuuy##"
	                               "aaaaaa#ceeeeiiiidnooooo#ouuuuy#y";
	if (i >= len)
		return 0;
	if (is_alpha(s[i])) {
		*c = (char)(s[i] | 0x20);
		return 1;
	}
	if (i + 1 >= len || (s[i + 1] & 0xC0) != 0x80)
		return 0;
	if (s[i] == 0xC3 && s[i + 1] != 0x97 && s[i + 1] != 0xB7) {
		*c = latin1[s[i + 1] - 0x80];
		return 2;
	}
	if (s[i] >= 0xC4 && s[i] <= 0xC9) { /* Latin Extended-A and -B */
		*c = '#';
		return 2;
	}
	return 0;
}

static int is_letter_before(uchar *s, size_t i)
{
	char c;
	if (i == 0)
		return 0;
	if (is_alpha(s[i - 1]))
		return 1;
	if (i >= 2 && (s[i - 1] & 0xC0) == 0x80)
		return letter_at(s, i, i - 2, &c) == 2;
	return 0;
}

static const struct {
	const char *name;
	int month;
} month_names[] = {
	{ "janvier", 1 },   { "janv", 1 },      { "jan", 1 },       { "january", 1 },
	{ "fevrier", 2 },   { "fevr", 2 },      { "fev", 2 },       { "february", 2 },
	{ "feb", 2 },       { "mars", 3 },      { "mar", 3 },       { "march", 3 },
	{ "avril", 4 },     { "avr", 4 },       { "april", 4 },     { "apr", 4 },
	{ "mai", 5 },       { "may", 5 },       { "juin", 6 },      { "june", 6 },
	{ "jun", 6 },       { "juillet", 7 },   { "juil", 7 },      { "july", 7 },
	{ "jul", 7 },       { "aout", 8 },      { "august", 8 },    { "aug", 8 },
	{ "septembre", 9 }, { "sept", 9 },      { "sep", 9 },       { "september", 9 },
	{ "octobre", 10 },  { "oct", 10 },      { "october", 10 },  { "novembre", 11 },
	{ "nov", 11 },      { "november", 11 }, { "decembre", 12 }, { "dec", 12 },
	{ "december", 12 },
};

/* A whole word at i naming a month, with an optional '.'. Returns the
 * month and sets *end; 0 when the word is not a month. */
static int month_at(uchar *s, size_t len, size_t i, size_t *end)
{
	char w[12];
	size_t n = 0, k;
	char c;

	while ((k = letter_at(s, len, i, &c)) != 0) {
		if (n < sizeof(w) - 1)
			w[n] = c;
		n++;
		i += k;
	}
	if (n == 0 || n >= sizeof(w) || (i < len && is_digit(s[i])))
		return 0;
	w[n] = '\0';
	for (size_t m = 0; m < sizeof(month_names) / sizeof(month_names[0]); m++) {
		if (strcmp(w, month_names[m].name) == 0) {
			if (i < len && s[i] == '.')
				i++;
			*end = i;
			return month_names[m].month;
		}
	}
	return 0;
}

/* A four-digit year at i not followed by a digit; in range. */
static size_t year4_at(uchar *s, size_t len, size_t i, int *y)
{
	size_t n = digits(s, len, i, 4, y);
	if (n != 4 || *y < YEAR_MIN || *y > YEAR_MAX)
		return 0;
	return 4;
}

/* A time right after a date: " 14:00", " à 14h", " 14h30", "T14:00",
 * ", 14 h 30". Sets hour and minute and returns the end, or returns i. */
static size_t time_after(uchar *s, size_t len, size_t i, sons_date *dt)
{
	size_t j = i, k;
	int h, mi = 0, sec;

	if (j < len && s[j] == 'T') {
		j++;
	} else {
		k = skip_spaces(s, len, j);
		if (k < len && (s[k] == ',' || s[k] == '-' || s[k] == '@'))
			k = skip_spaces(s, len, k + 1);
		if (k == j)
			return i;
		j = k;
		/* "à", "a", "at" as a word. */
		size_t w = 0;
		if (j + 1 < len && s[j] == 0xC3 && (s[j + 1] == 0xA0 || s[j + 1] == 0x80))
			w = 2;
		else if (j < len && (s[j] == 'a' || s[j] == 'A'))
			w = j + 1 < len && (s[j + 1] == 't' || s[j + 1] == 'T') ? 2 : 1;
		if (w) {
			k = skip_spaces(s, len, j + w);
			if (k == j + w)
				return i;
			j = k;
		}
	}
	k = digits(s, len, j, 2, &h);
	if (!k)
		return i;
	j += k;
	size_t sp = skip_spaces(s, len, j);
	if (sp < len && (s[sp] == 'h' || s[sp] == 'H')) {
		j = sp + 1;
		sp = skip_spaces(s, len, j);
		k = digits(s, len, sp, 2, &mi);
		if (k == 2)
			j = sp + 2;
		else
			mi = 0;
		if (k == 1)
			return i;
	} else if (j < len && s[j] == ':') {
		if (digits(s, len, j + 1, 2, &mi) != 2)
			return i;
		j += 3;
		if (j < len && s[j] == ':' && digits(s, len, j + 1, 2, &sec) == 2)
			j += 3;
	} else {
		return i;
	}
	if (j < len && (is_alpha(s[j]) || is_digit(s[j])))
		return i;
	if (h > 23 || mi > 59)
		return i;
	dt->hour = h;
	dt->minute = mi;
	return j;
}

/* True when a number may start at i: not glued to a word or to the end
 * of another number ("1.5.2", "2023-03"). */
static int num_start_ok(uchar *s, size_t i)
{
	if (i == 0)
		return 1;
	unsigned p = s[i - 1];
	if (is_digit(p) || is_letter_before(s, i))
		return 0;
	if ((p == '.' || p == ',' || p == '/' || p == '-' || p == ':') && i >= 2 &&
	    is_digit(s[i - 2]))
		return 0;
	return 1;
}

/* After a numeric date: not followed by a digit or by the same separator
 * and a digit (a longer dotted number, a phone number). */
static int num_end_ok(uchar *s, size_t len, size_t j, unsigned sep)
{
	if (j < len && is_digit(s[j]))
		return 0;
	if (j + 1 < len && s[j] == sep && is_digit(s[j + 1]))
		return 0;
	return 1;
}

static int is_sep(unsigned c)
{
	return c == '/' || c == '-' || c == '.';
}

/* Tries the numeric and day-first forms at the digit s[i]. */
static int date_at_digit(uchar *s, size_t len, size_t i, sons_date *out, size_t *end)
{
	int a, b, c;
	size_t na, nb, nc, j;

	na = digits(s, len, i, 4, &a);
	if (!na)
		return SONS_DATE_NONE;
	j = i + na;
	/* YYYY-MM-DD */
	if (na == 4 && j < len && is_sep(s[j])) {
		unsigned sep = s[j];
		nb = digits(s, len, j + 1, 2, &b);
		if (nb && j + 1 + nb < len && s[j + 1 + nb] == sep) {
			size_t k = j + 2 + nb;
			nc = digits(s, len, k, 2, &c);
			if (nc && num_end_ok(s, len, k + nc, sep) && a >= YEAR_MIN &&
			    a <= YEAR_MAX) {
				out->y = a;
				out->m = b;
				out->d = c;
				*end = k + nc;
				return valid_ymd(a, b, c) ? SONS_DATE_OK : SONS_DATE_INVALID;
			}
		}
		return SONS_DATE_NONE;
	}
	if (na > 2)
		return SONS_DATE_NONE;
	/* DD/MM/YYYY, DD-MM-YY, DD.MM.YYYY */
	if (j < len && is_sep(s[j]) && j + 1 < len && is_digit(s[j + 1])) {
		unsigned sep = s[j];
		nb = digits(s, len, j + 1, 2, &b);
		if (nb && j + 1 + nb < len && s[j + 1 + nb] == sep) {
			size_t k = j + 2 + nb;
			nc = digits(s, len, k, 4, &c);
			if (nc == 2 && na == 2 && nb == 2)
				c += 2000;
			else if (nc != 4)
				return SONS_DATE_NONE;
			if (!num_end_ok(s, len, k + nc, sep) || c < YEAR_MIN || c > YEAR_MAX)
				return SONS_DATE_NONE;
			out->y = c;
			out->m = b;
			out->d = a;
			*end = k + nc;
			return valid_ymd(c, b, a) ? SONS_DATE_OK : SONS_DATE_INVALID;
		}
		/* MM/YYYY */
		if (sep == '/' && nb == 0) {
			int y;
			if (year4_at(s, len, j + 1, &y) && num_end_ok(s, len, j + 5, '/') &&
			    a >= 1 && a <= 12) {
				out->y = y;
				out->m = a;
				out->d = 0;
				*end = j + 5;
				return SONS_DATE_OK;
			}
		}
		return SONS_DATE_NONE;
	}
	/* 15 mars 2023, 1er mars 2023, 15-mars-2023, 15th March 2023 */
	static const char *const ordinals[] = { "er", "st", "nd", "rd", "th", "e" };
	for (size_t o = 0; o < sizeof(ordinals) / sizeof(ordinals[0]); o++) {
		size_t n = strlen(ordinals[o]);
		if (j + n <= len && (s[j] | 0x20) == ordinals[o][0] &&
		    (n == 1 || (s[j + 1] | 0x20) == ordinals[o][1]) &&
		    (j + n == len || !is_alpha(s[j + n]))) {
			j += n;
			break;
		}
	}
	size_t k = skip_spaces(s, len, j);
	if (k == j && j < len && s[j] == '-')
		k = j + 1;
	if (k == j)
		return SONS_DATE_NONE;
	size_t me;
	int m = month_at(s, len, k, &me);
	if (!m)
		return SONS_DATE_NONE;
	k = skip_spaces(s, len, me);
	if (k == me && me < len && s[me] == '-')
		k = me + 1;
	if (k == me)
		return SONS_DATE_NONE;
	int y;
	if (!year4_at(s, len, k, &y))
		return SONS_DATE_NONE;
	out->y = y;
	out->m = m;
	out->d = a;
	*end = k + 4;
	return valid_ymd(y, m, a) ? SONS_DATE_OK : SONS_DATE_INVALID;
}

/* Tries "mars 2023" and "March 15, 2023" at a word start. */
static int date_at_word(uchar *s, size_t len, size_t i, sons_date *out, size_t *end)
{
	size_t me, k, n;
	int m = month_at(s, len, i, &me), y, d;

	if (!m)
		return SONS_DATE_NONE;
	k = skip_spaces(s, len, me);
	if (k == me)
		return SONS_DATE_NONE;
	if (year4_at(s, len, k, &y)) {
		out->y = y;
		out->m = m;
		out->d = 0;
		*end = k + 4;
		return SONS_DATE_OK;
	}
	n = digits(s, len, k, 2, &d);
	if (!n)
		return SONS_DATE_NONE;
	k += n;
	if (k + 1 < len && is_alpha(s[k]) && is_alpha(s[k + 1]) &&
	    (k + 2 == len || !is_alpha(s[k + 2])))
		k += 2; /* 1st, 2nd, 15th */
	if (k < len && s[k] == ',')
		k++;
	size_t ys = skip_spaces(s, len, k);
	if (ys == k || !year4_at(s, len, ys, &y))
		return SONS_DATE_NONE;
	out->y = y;
	out->m = m;
	out->d = d;
	*end = ys + 4;
	return valid_ymd(y, m, d) ? SONS_DATE_OK : SONS_DATE_INVALID;
}

int sons__date_find(const char *str, size_t len, sons_date *out, size_t *start, size_t *end)
{
	uchar *s = (uchar *)str;
	size_t i = 0, e = 0;
	sons_date dt;
	char c;

	if (!s)
		return SONS_DATE_NONE;
	while (i < len) {
		int r = SONS_DATE_NONE;
		size_t k;
		dt.hour = dt.minute = -1;
		if (is_digit(s[i])) {
			if (num_start_ok(s, i))
				r = date_at_digit(s, len, i, &dt, &e);
			if (r == SONS_DATE_NONE) {
				while (i < len && is_digit(s[i]))
					i++;
				continue;
			}
		} else if ((k = letter_at(s, len, i, &c)) != 0) {
			if (!is_letter_before(s, i))
				r = date_at_word(s, len, i, &dt, &e);
			if (r == SONS_DATE_NONE) {
				while ((k = letter_at(s, len, i, &c)) != 0)
					i += k;
				continue;
			}
		} else {
			i++;
			continue;
		}
		if (r == SONS_DATE_OK)
			e = time_after(s, len, e, &dt);
		if (out)
			*out = dt;
		if (start)
			*start = i;
		if (end)
			*end = e;
		return r;
	}
	return SONS_DATE_NONE;
}

int sons__date_from_serial(double serial, sons_date *out)
{
	/* 2958465 is 9999-12-31; the test also rejects NaN. */
	if (!(serial >= 1.0 && serial < 2958466.0))
		return 0;
	int64_t day = (int64_t)serial;
	int64_t mins = (int64_t)((serial - (double)day) * 1440.0 + 0.5);
	if (mins >= 1440) {
		day++;
		mins -= 1440;
	}
	sons_date d;
	if (day == 60) {
		/* Excel's 1900-02-29, which never was. */
		d.y = 1900;
		d.m = 2;
		d.d = 29;
	} else {
		civil_from_days(day < 60 ? day - 25568 : day - 25569, &d.y, &d.m, &d.d);
	}
	d.hour = mins ? (int)(mins / 60) : -1;
	d.minute = mins ? (int)(mins % 60) : -1;
	if (out)
		*out = d;
	return 1;
}

int64_t sons__date_days(const sons_date *d)
{
	int m = d->m < 1 ? 1 : d->m > 12 ? 12 : d->m;
	return days_from_civil(d->y, m, d->d ? d->d : 1);
}

int sons__date_cmp(const sons_date *a, const sons_date *b)
{
	int64_t da = sons__date_days(a), db = sons__date_days(b);
	if (da != db)
		return da < db ? -1 : 1;
	if (a->hour >= 0 && b->hour >= 0) {
		int ta = a->hour * 60 + (a->minute > 0 ? a->minute : 0);
		int tb = b->hour * 60 + (b->minute > 0 ? b->minute : 0);
		if (ta != tb)
			return ta < tb ? -1 : 1;
	}
	return 0;
}

static void put_num(char *out, int v, int width)
{
	for (int k = width - 1; k >= 0; k--) {
		out[k] = (char)('0' + v % 10);
		v /= 10;
	}
}

void sons__date_iso(char out[11], const sons_date *d)
{
	int y = d->y < 0 ? 0 : d->y > 9999 ? 9999 : d->y;
	int m = d->m < 0 ? 0 : d->m > 99 ? 99 : d->m;
	int dd = d->d < 0 ? 0 : d->d > 99 ? 99 : d->d;
	put_num(out, y, 4);
	out[4] = '-';
	put_num(out + 5, m, 2);
	if (d->d == 0) {
		out[7] = '\0';
		return;
	}
	out[7] = '-';
	put_num(out + 8, dd, 2);
	out[10] = '\0';
}

/* Exactly n digits at s (a NUL-terminated string). */
static int fixed(const char *s, int n, int *v)
{
	*v = 0;
	for (int k = 0; k < n; k++) {
		if (!is_digit((unsigned char)s[k]))
			return 0;
		*v = *v * 10 + (s[k] - '0');
	}
	return 1;
}

int sons__date_parse_iso(const char *s, sons_date *out)
{
	sons_date d = { 0, 0, 0, -1, -1 };
	int h, mi, sec;

	if (!s || !fixed(s, 4, &d.y) || s[4] != '-' || !fixed(s + 5, 2, &d.m) || s[7] != '-' ||
	    !fixed(s + 8, 2, &d.d) || !valid_ymd(d.y, d.m, d.d))
		return 0;
	s += 10;
	if (*s == 'T') {
		if (!fixed(s + 1, 2, &h) || s[3] != ':' || !fixed(s + 4, 2, &mi) || h > 23 ||
		    mi > 59)
			return 0;
		s += 6;
		/* Seconds and fractions, as ODF writes them, are accepted. */
		if (*s == ':') {
			if (!fixed(s + 1, 2, &sec) || sec > 60)
				return 0;
			s += 3;
			if (*s == '.' && is_digit((unsigned char)s[1])) {
				s++;
				while (is_digit((unsigned char)*s))
					s++;
			}
		}
		if (*s == 'Z')
			s++;
		d.hour = h;
		d.minute = mi;
	}
	if (*s)
		return 0;
	if (out)
		*out = d;
	return 1;
}
