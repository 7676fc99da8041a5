/* SPDX-License-Identifier: MIT */
/* French identifiers: FINESS, SIREN, SIRET, intra-community VAT number. */
#include <string.h>

#include "internal.h"

static int is_digit(unsigned c)
{
	return c >= '0' && c <= '9';
}

int sons__ident_compact(char *out, size_t outsz, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0, i = 0;

	if (!out || !outsz)
		return -1;
	out[0] = '\0';
	if (!s)
		return 0;
	while (i < len) {
		unsigned c = p[i];
		if (c == ' ' || c == '.' || c == '-' || c == '\t' || c == '\n' || c == '\r') {
			i++;
			continue;
		}
		if (c == 0xC2 && i + 1 < len && p[i + 1] == 0xA0) {
			i += 2; /* NBSP */
			continue;
		}
		if (c == 0xE2 && i + 2 < len && p[i + 1] == 0x80 &&
		    (p[i + 2] == 0xAF || p[i + 2] == 0x89 || p[i + 2] == 0x91)) {
			i += 3; /* narrow NBSP, thin space, non-breaking hyphen */
			continue;
		}
		if (n + 1 >= outsz) {
			out[0] = '\0';
			return -1;
		}
		out[n++] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
		i++;
	}
	out[n] = '\0';
	return n > 0x7FFFFFFF ? -1 : (int)n;
}

/* Luhn over n digits: 1 when the sum is a multiple of 10. */
static int luhn_ok(const char *d, size_t n)
{
	unsigned sum = 0;
	for (size_t k = 0; k < n; k++) {
		unsigned v = (unsigned)(d[n - 1 - k] - '0');
		if (k % 2 == 1) {
			v *= 2;
			if (v > 9)
				v -= 9;
		}
		sum += v;
	}
	return sum % 10 == 0;
}

/* Length when every character is a digit; 0 otherwise (or if empty). */
static size_t all_digits(const char *s)
{
	size_t n = 0;
	while (s[n]) {
		if (!is_digit((unsigned char)s[n]))
			return 0;
		n++;
	}
	return n;
}

int sons__finess_check(const char *c)
{
	if (!c || !c[0])
		return SONS_ID_BAD_LENGTH;
	size_t n = strlen(c);
	/* Corsica: 2A / 2B and seven digits, no usable key. */
	if (c[0] == '2' && (c[1] == 'A' || c[1] == 'B' || c[1] == 'a' || c[1] == 'b')) {
		if (!all_digits(c + 2))
			return c[2] ? SONS_ID_BAD_CHAR : SONS_ID_BAD_LENGTH;
		return n == 9 ? SONS_ID_SHAPE_ONLY : SONS_ID_BAD_LENGTH;
	}
	if (!all_digits(c))
		return SONS_ID_BAD_CHAR;
	if (n == 8)
		return SONS_ID_EIGHT;
	if (n != 9)
		return SONS_ID_BAD_LENGTH;
	return luhn_ok(c, 9) ? SONS_ID_OK : SONS_ID_BAD_KEY;
}

int sons__siren_check(const char *c)
{
	if (!c || !c[0])
		return SONS_ID_BAD_LENGTH;
	if (!all_digits(c))
		return SONS_ID_BAD_CHAR;
	if (strlen(c) != 9)
		return SONS_ID_BAD_LENGTH;
	return luhn_ok(c, 9) ? SONS_ID_OK : SONS_ID_BAD_KEY;
}

int sons__siret_check(const char *c)
{
	if (!c || !c[0])
		return SONS_ID_BAD_LENGTH;
	if (!all_digits(c))
		return SONS_ID_BAD_CHAR;
	if (strlen(c) != 14)
		return SONS_ID_BAD_LENGTH;
	/* La Poste's establishments share SIREN 356000000; their NIC does not
	 * follow Luhn, the sum of the digits is a multiple of 5 instead. The
	 * head office (35600000000048) follows the general rule. */
	if (memcmp(c, "356000000", 9) == 0 && strcmp(c, "35600000000048") != 0) {
		unsigned sum = 0;
		for (size_t k = 0; k < 14; k++)
			sum += (unsigned)(c[k] - '0');
		return sum % 5 == 0 ? SONS_ID_OK : SONS_ID_BAD_KEY;
	}
	return luhn_ok(c, 14) && luhn_ok(c, 9) ? SONS_ID_OK : SONS_ID_BAD_KEY;
}

int sons__tva_check(const char *c, int *expected_key)
{
	if (!c || !c[0])
		return SONS_ID_BAD_LENGTH;
	size_t n = strlen(c);
	if ((c[0] != 'F' && c[0] != 'f') || (n > 1 && c[1] != 'R' && c[1] != 'r'))
		return SONS_ID_BAD_CHAR;
	if (n != 13)
		return SONS_ID_BAD_LENGTH;
	if (!all_digits(c + 4))
		return SONS_ID_BAD_CHAR;
	uint64_t siren = 0;
	for (size_t k = 4; k < 13; k++)
		siren = siren * 10 + (uint64_t)(c[k] - '0');
	int key = (int)((siren * 100 + 12) % 97);
	if (expected_key)
		*expected_key = key;
	unsigned k0 = (unsigned char)c[2], k1 = (unsigned char)c[3];
	if (is_digit(k0) && is_digit(k1))
		return (int)((k0 - '0') * 10 + (k1 - '0')) == key ? SONS_ID_OK : SONS_ID_BAD_KEY;
	int alnum0 = is_digit(k0) || (k0 >= 'A' && k0 <= 'Z') || (k0 >= 'a' && k0 <= 'z');
	int alnum1 = is_digit(k1) || (k1 >= 'A' && k1 <= 'Z') || (k1 >= 'a' && k1 <= 'z');
	return alnum0 && alnum1 ? SONS_ID_SHAPE_ONLY : SONS_ID_BAD_CHAR;
}
