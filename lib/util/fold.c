/* SPDX-License-Identifier: MIT */
/* Text normalisation: folding for matching, UTF-8 cleaning, UTF-16.
 * Everything works on (pointer, length) and never reads past the length. */
#include <string.h>

#include "internal.h"

/* Decodes one UTF-8 sequence from s[0..n), n >= 1. Returns the code point
 * and sets *used; on an invalid or truncated sequence returns -1 and sets
 * *used to the length of the maximal invalid subpart (at least 1), so that
 * one replacement stands for it. Overlong forms, surrogates and code
 * points beyond U+10FFFF are invalid. */
static int32_t utf8_decode(const unsigned char *s, size_t n, size_t *used)
{
	unsigned c = s[0];
	unsigned lo = 0x80, hi = 0xBF;
	size_t need;
	uint32_t cp;

	if (c < 0x80) {
		*used = 1;
		return (int32_t)c;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		cp = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		cp = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		*used = 1;
		return -1;
	}
	for (size_t i = 1; i <= need; i++) {
		if (i >= n || s[i] < lo || s[i] > hi) {
			*used = i;
			return -1;
		}
		cp = (cp << 6) | (s[i] & 0x3Fu);
		lo = 0x80;
		hi = 0xBF;
	}
	*used = need + 1;
	return (int32_t)cp;
}

static size_t utf8_encode(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Unicode spaces folded to ' ' (ASCII ones are handled apart). */
static int is_uspace(int32_t cp)
{
	return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
	       cp == 0x3000 || cp == 0x1680;
}

/* Folded forms of U+00C0..U+017F; "" means "copy as it is" (× and ÷). */
/* clang-format off */
static const char fold_latin[192][3] = {
	/* U+00C0 */
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00D0 */
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
	/* U+00E0 */
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* U+00F0 */
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
	/* U+0100 */
	"a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
	/* U+0110 */
	"d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
	/* U+0120 */
	"g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
	/* U+0130 */
	"i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
	/* U+0140 */
	"l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
	/* U+0150 */
	"o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
	/* U+0160 */
	"s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
	/* U+0170 */
	"u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};
/* clang-format on */

enum { F_COPY, F_SPACE, F_DROP, F_REPL };

/* Classifies a non-ASCII code point for sons__fold(); for F_REPL *repl is
 * the ASCII replacement. */
static int fold_class(int32_t cp, const char **repl)
{
	if (cp >= 0xC0 && cp <= 0x17F) {
		const char *r = fold_latin[cp - 0xC0];
		if (!r[0])
			return F_COPY;
		*repl = r;
		return F_REPL;
	}
	if (is_uspace(cp))
		return F_SPACE;
	switch (cp) {
	case 0xAD:   /* soft hyphen */
	case 0x200B: /* zero-width space */
	case 0x2060: /* word joiner */
	case 0xFEFF: /* BOM / zero-width no-break space */
		return F_DROP;
	case 0x2018:
	case 0x2019:
	case 0x201B:
	case 0x02BC:
	case 0x2032:
	case 0xB4:
		*repl = "'";
		return F_REPL;
	case 0xAB:
	case 0xBB:
	case 0x201C:
	case 0x201D:
	case 0x201E:
		*repl = "\"";
		return F_REPL;
	case 0x2010:
	case 0x2011:
	case 0x2012:
	case 0x2013:
	case 0x2014:
	case 0x2015:
	case 0x2212:
		*repl = "-";
		return F_REPL;
	default:
		return F_COPY;
	}
}

#define CHUNK 512

int sons__fold(sons_buf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	char tmp[CHUNK];
	size_t n = 0, i = 0;
	int space = 0, any = 0;

	if (out->oom)
		return -1;
	while (i < len) {
		/* Room for a pending space and the longest output of one step. */
		if (n > CHUNK - 8) {
			if (sons__buf_append(out, tmp, n))
				return -1;
			n = 0;
		}
		unsigned c = p[i];
		if (c < 0x80) {
			i++;
			if (c == ' ' || (c >= 0x09 && c <= 0x0D)) {
				space = any;
				continue;
			}
			if (space) {
				tmp[n++] = ' ';
				space = 0;
			}
			tmp[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			any = 1;
			continue;
		}
		size_t used;
		int32_t cp = utf8_decode(p + i, len - i, &used);
		const char *repl = "?";
		int cls = cp < 0 ? F_REPL : fold_class(cp, &repl);
		if (cls == F_SPACE) {
			space = any;
			i += used;
			continue;
		}
		if (cls == F_DROP) {
			i += used;
			continue;
		}
		if (space) {
			tmp[n++] = ' ';
			space = 0;
		}
		if (cls == F_REPL) {
			while (*repl)
				tmp[n++] = *repl++;
		} else {
			memcpy(tmp + n, p + i, used);
			n += used;
		}
		any = 1;
		i += used;
	}
	if (sons__buf_append(out, tmp, n))
		return -1;
	return 0;
}

/* Whitespace trimmed by sons__utf8_clean() (after control characters have
 * become spaces). */
static int is_trim_space(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || is_uspace(cp);
}

int sons__utf8_clean(sons_buf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	char tmp[CHUNK];
	size_t n = 0, i = 0, total = 0, keep = 0;
	size_t base;
	int any = 0;

	if (out->oom || sons__buf_append(out, "", 0))
		return -1;
	base = out->len;
	/* A leading byte order mark says nothing. */
	if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		i = 3;
	while (i < len) {
		if (n > CHUNK - 8) {
			if (sons__buf_append(out, tmp, n))
				return -1;
			n = 0;
		}
		unsigned c = p[i];
		if (c >= 0x20 && c < 0x7F) {
			/* Printable ASCII, most of any text: kept as is. */
			i++;
			if (c == ' ' && !any)
				continue;
			tmp[n++] = (char)c;
			total++;
			if (c != ' ') {
				any = 1;
				keep = total;
			}
			continue;
		}
		size_t used;
		int32_t cp = utf8_decode(p + i, len - i, &used);
		const char *bytes = (const char *)p + i;
		size_t nb = used;
		if (cp < 0) {
			bytes = "\xEF\xBF\xBD";
			nb = 3;
			cp = 0xFFFD;
		} else if ((cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp <= 0x9F)) {
			bytes = " ";
			nb = 1;
			cp = ' ';
		}
		i += used;
		int ws = is_trim_space(cp);
		if (ws && !any)
			continue;
		memcpy(tmp + n, bytes, nb);
		n += nb;
		total += nb;
		if (!ws) {
			any = 1;
			keep = total;
		}
	}
	if (sons__buf_append(out, tmp, n))
		return -1;
	out->len = base + keep;
	out->data[out->len] = '\0';
	return 0;
}

int sons__utf16_to_utf8(sons_buf *out, const unsigned char *s, size_t len, int big_endian)
{
	char tmp[CHUNK];
	size_t n = 0, i = 0;

	if (out->oom || sons__buf_append(out, "", 0))
		return -1;
	/* A byte order mark wins over the caller's guess. */
	if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
		big_endian = 0;
		i = 2;
	} else if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
		big_endian = 1;
		i = 2;
	}
	while (i < len) {
		if (n > CHUNK - 8) {
			if (sons__buf_append(out, tmp, n))
				return -1;
			n = 0;
		}
		uint32_t cp;
		if (i + 1 >= len) {
			cp = 0xFFFD; /* odd trailing byte */
			i++;
		} else {
			cp = big_endian ? (uint32_t)s[i] << 8 | s[i + 1]
			                : (uint32_t)s[i + 1] << 8 | s[i];
			i += 2;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				uint32_t lo = 0;
				if (i + 1 < len)
					lo = big_endian ? (uint32_t)s[i] << 8 | s[i + 1]
					                : (uint32_t)s[i + 1] << 8 | s[i];
				if (lo >= 0xDC00 && lo <= 0xDFFF) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					i += 2;
				} else {
					cp = 0xFFFD;
				}
			} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
				cp = 0xFFFD;
			}
		}
		n += utf8_encode(tmp + n, cp);
	}
	if (sons__buf_append(out, tmp, n))
		return -1;
	return 0;
}
