/* SPDX-License-Identifier: MIT */
/* Zip archives held in memory, read with libzip under the safety limits.
 * Input is untrusted: the entry count is checked before libzip builds its
 * directory, and entries are inflated in chunks while the real inflated
 * bytes are counted (declared sizes are only used to fail early). The
 * archive is opened read-only and discarded, never written. */
#include <stdio.h>
#include <string.h>

#include <zip.h>

#include "internal.h"

#define MIB   (1024ull * 1024ull)
#define CHUNK ((size_t)64 * 1024)
/* The ratio limit applies once an entry has inflated past this size, so
 * that small, highly compressible XML parts do not trip it. */
#define RATIO_FLOOR MIB

struct sons_zip {
	zip_t *za;
	sons_rctx *r;
	size_t count;
	size_t len;            /* bytes of the archive */
	uint64_t total;        /* inflated bytes read so far, all entries */
	uint64_t max_inflated; /* limits, defaults filled in */
	uint64_t max_entry;
	uint64_t max_ratio;
};

/* A limit in force: zero (or no limits at all) means the default. */
static uint64_t limit_or(uint64_t v, uint64_t dflt)
{
	return v ? v : dflt;
}

#define LIMIT(lim, field, dflt) limit_or((lim) ? (uint64_t)(lim)->field : 0, (dflt))

/* "64 Mio" / "64 MiB", "512 Kio", or a plain byte count. */
static void fmt_size(char *out, size_t outsz, uint64_t n, sons_lang lang)
{
	int en = lang == SONS_LANG_EN;
	if (n >= MIB && n % MIB == 0)
		snprintf(out, outsz, "%llu %s", (unsigned long long)(n / MIB), en ? "MiB" : "Mio");
	else if (n >= 1024 && n % 1024 == 0)
		snprintf(out, outsz, "%llu %s", (unsigned long long)(n / 1024), en ? "KiB" : "Kio");
	else
		snprintf(out, outsz, "%llu %s", (unsigned long long)n, en ? "bytes" : "octets");
}

static uint16_t rd16(const unsigned char *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static uint64_t rd64(const unsigned char *p)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

/* The entry count the end of central directory record declares (Zip64
 * included), or 0 when the record cannot be found (libzip then says why). */
static uint64_t declared_entries(const unsigned char *data, size_t len)
{
	if (len < 22)
		return 0;
	size_t stop = len - 22 > 0xFFFF ? len - 22 - 0xFFFF : 0;
	for (size_t i = len - 22 + 1; i-- > stop;) {
		const unsigned char *e = data + i;
		if (e[0] != 'P' || e[1] != 'K' || e[2] != 5 || e[3] != 6)
			continue;
		uint64_t n = rd16(e + 10);
		if (n != 0xFFFF || i < 20)
			return n;
		/* Zip64: the locator sits just before, pointing at the record. */
		const unsigned char *loc = e - 20;
		if (loc[0] != 'P' || loc[1] != 'K' || loc[2] != 6 || loc[3] != 7)
			return n;
		uint64_t off = rd64(loc + 8);
		if (off > len || len - off < 56)
			return n;
		const unsigned char *z64 = data + off;
		if (z64[0] != 'P' || z64[1] != 'K' || z64[2] != 6 || z64[3] != 6)
			return n;
		return rd64(z64 + 32);
	}
	return 0;
}

static sons_status open_error(sons_rctx *r, zip_error_t *ze)
{
	switch (zip_error_code_zip(ze)) {
	case ZIP_ER_MEMORY:
		return sons__error_set(r->err, r->lang, SONS_ENOMEM, r->path,
		                       "mémoire insuffisante pour ouvrir l'archive zip",
		                       "out of memory opening the zip archive");
	case ZIP_ER_NOZIP:
		return sons__error_set(
		        r->err, r->lang, SONS_EFORMAT, r->path,
		        "archive zip illisible : sommaire de fin d'archive introuvable "
		        "(fichier tronqué ou qui n'est pas un zip)",
		        "unreadable zip archive: end of central directory not found "
		        "(truncated file, or not a zip)");
	case ZIP_ER_MULTIDISK:
		return sons__error_set(r->err, r->lang, SONS_EUNSUPPORTED, r->path,
		                       "archive zip en plusieurs volumes non prise en charge",
		                       "multi-volume zip archives are not supported");
	case ZIP_ER_INCONS:
	case ZIP_ER_EOF:
	case ZIP_ER_READ:
	case ZIP_ER_SEEK:
		return sons__error_set(r->err, r->lang, SONS_EFORMAT, r->path,
		                       "archive zip incohérente ou tronquée (%s)",
		                       "inconsistent or truncated zip archive (%s)",
		                       zip_error_strerror(ze));
	default:
		return sons__error_set(r->err, r->lang, SONS_EFORMAT, r->path,
		                       "archive zip illisible (%s)", "unreadable zip archive (%s)",
		                       zip_error_strerror(ze));
	}
}

static sons_status too_many_entries(sons_rctx *r, uint64_t n, uint64_t max)
{
	return sons__error_set(r->err, r->lang, SONS_ELIMIT, r->path,
	                       "archive zip de %llu fichiers, au-delà de la limite de %llu",
	                       "zip archive of %llu files, beyond the limit of %llu",
	                       (unsigned long long)n, (unsigned long long)max);
}

sons_status sons__zip_open(sons_zip **out, sons_rctx *r, const unsigned char *data, size_t len)
{
	*out = NULL;
	sons_status st = SONS_OK;
	uint64_t max_file = LIMIT(r->lim, max_file_bytes, 64 * MIB);
	if (len > max_file) {
		char lim[32];
		fmt_size(lim, sizeof(lim), max_file, r->lang);
		return sons__error_set(r->err, r->lang, SONS_ELIMIT, r->path,
		                       "archive zip de %zu octets, au-delà de la limite de %s",
		                       "zip archive of %zu bytes, beyond the %s limit", len, lim);
	}
	uint64_t max_entries = LIMIT(r->lim, max_entries, 10000);
	uint64_t declared = declared_entries(data, len);
	if (declared > max_entries)
		return too_many_entries(r, declared, max_entries);

	sons_zip *z = sons__calloc(1, sizeof(*z));
	if (!z)
		return sons__error_set(r->err, r->lang, SONS_ENOMEM, r->path,
		                       "mémoire insuffisante", "out of memory");
	z->r = r;
	z->len = len;
	z->max_inflated = LIMIT(r->lim, max_inflated, 256 * MIB);
	z->max_entry = LIMIT(r->lim, max_entry_bytes, 64 * MIB);
	z->max_ratio = LIMIT(r->lim, max_ratio, 200);

	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	if (!src) {
		st = open_error(r, &ze);
		goto fail_error;
	}
	z->za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!z->za) {
		st = open_error(r, &ze);
		goto fail_source;
	}
	zip_int64_t n = zip_get_num_entries(z->za, 0);
	if (n < 0)
		n = 0;
	if ((uint64_t)n > max_entries) {
		st = too_many_entries(r, (uint64_t)n, max_entries);
		goto fail_archive;
	}
	z->count = (size_t)n;
	zip_error_fini(&ze);
	*out = z;
	return SONS_OK;

fail_archive:
	zip_discard(z->za); /* also frees the source */
	goto fail_error;
fail_source:
	zip_source_free(src);
fail_error:
	zip_error_fini(&ze);
	sons__free(z);
	return st;
}

void sons__zip_close(sons_zip *z)
{
	if (!z)
		return;
	if (z->za)
		zip_discard(z->za);
	sons__free(z);
}

int sons__zip_has(sons_zip *z, const char *name)
{
	return z && name && zip_name_locate(z->za, name, 0) >= 0;
}

size_t sons__zip_count(sons_zip *z)
{
	return z ? z->count : 0;
}

const char *sons__zip_name(sons_zip *z, size_t i)
{
	if (!z || i >= z->count)
		return NULL;
	return zip_get_name(z->za, (zip_uint64_t)i, 0);
}

/* Maps a libzip error met while reading entry `name` to a status. */
static sons_status read_error(sons_zip *z, const char *name, zip_error_t *ze)
{
	sons_rctx *r = z->r;
	switch (zip_error_code_zip(ze)) {
	case ZIP_ER_MEMORY:
		return sons__error_set(r->err, r->lang, SONS_ENOMEM, r->path,
		                       "%s : mémoire insuffisante pour décompresser",
		                       "%s: out of memory while inflating", name);
	case ZIP_ER_CRC:
		return sons__error_set(
		        r->err, r->lang, SONS_EFORMAT, r->path,
		        "%s : somme de contrôle (CRC) incorrecte, l'archive est corrompue",
		        "%s: CRC mismatch, the archive is corrupt", name);
	case ZIP_ER_ZLIB:
	case ZIP_ER_COMPRESSED_DATA:
		return sons__error_set(r->err, r->lang, SONS_EFORMAT, r->path,
		                       "%s : données compressées corrompues",
		                       "%s: corrupt compressed data", name);
	case ZIP_ER_ENCRNOTSUPP:
	case ZIP_ER_NOPASSWD:
	case ZIP_ER_WRONGPASSWD:
		return sons__error_set(r->err, r->lang, SONS_EUNSUPPORTED, r->path,
		                       "%s : contenu chiffré (protégé par mot de passe), illisible",
		                       "%s: encrypted (password-protected) content, unreadable",
		                       name);
	case ZIP_ER_COMPNOTSUPP:
		return sons__error_set(r->err, r->lang, SONS_EUNSUPPORTED, r->path,
		                       "%s : méthode de compression non prise en charge",
		                       "%s: unsupported compression method", name);
	case ZIP_ER_EOF:
	case ZIP_ER_READ:
	case ZIP_ER_SEEK:
	case ZIP_ER_INCONS:
		return sons__error_set(r->err, r->lang, SONS_EFORMAT, r->path,
		                       "%s : archive zip tronquée ou incohérente (%s)",
		                       "%s: truncated or inconsistent zip archive (%s)", name,
		                       zip_error_strerror(ze));
	default:
		return sons__error_set(r->err, r->lang, SONS_EFORMAT, r->path,
		                       "%s : décompression impossible (%s)",
		                       "%s: cannot inflate (%s)", name, zip_error_strerror(ze));
	}
}

static sons_status entry_too_big(sons_zip *z, const char *name, int declared)
{
	sons_rctx *r = z->r;
	char lim[32];
	fmt_size(lim, sizeof(lim), z->max_entry, r->lang);
	if (declared)
		return sons__error_set(
		        r->err, r->lang, SONS_ELIMIT, r->path,
		        "%s : taille décompressée annoncée au-delà de la limite de %s",
		        "%s: declared inflated size beyond the %s limit", name, lim);
	return sons__error_set(r->err, r->lang, SONS_ELIMIT, r->path,
	                       "%s : taille décompressée au-delà de la limite de %s (bombe zip ?)",
	                       "%s: inflated size beyond the %s limit (zip bomb?)", name, lim);
}

/* Checks the entry's metadata before inflating it. */
static sons_status check_stat(sons_zip *z, const char *name, const zip_stat_t *st)
{
	sons_rctx *r = z->r;
	if ((st->valid & ZIP_STAT_ENCRYPTION_METHOD) && st->encryption_method != ZIP_EM_NONE)
		return sons__error_set(
		        r->err, r->lang, SONS_EUNSUPPORTED, r->path,
		        "%s : partie chiffrée (document protégé par mot de passe), illisible",
		        "%s: encrypted part (password-protected document), unreadable", name);
	if ((st->valid & ZIP_STAT_COMP_METHOD) && st->comp_method != ZIP_CM_STORE &&
	    st->comp_method != ZIP_CM_DEFLATE)
		return sons__error_set(
		        r->err, r->lang, SONS_EUNSUPPORTED, r->path,
		        "%s : méthode de compression n° %d non prise en charge (seules "
		        "« stocké » et « deflate » le sont)",
		        "%s: compression method %d not supported (only stored and deflate are)",
		        name, (int)st->comp_method);
	if ((st->valid & ZIP_STAT_SIZE) && st->size > z->max_entry)
		return entry_too_big(z, name, 1);
	return SONS_OK;
}

/* Counts n more inflated bytes of entry `name` (len of them so far) and
 * checks the limits: the entry's size, the archive's total, the ratio. */
static sons_status count_inflated(sons_zip *z, const char *name, size_t *lenp, size_t n,
                                  uint64_t comp)
{
	sons_rctx *r = z->r;
	size_t len = *lenp += n;
	z->total += (uint64_t)n;
	if (len > z->max_entry)
		return entry_too_big(z, name, 0);
	if (z->total > z->max_inflated) {
		char lim[32];
		fmt_size(lim, sizeof(lim), z->max_inflated, r->lang);
		return sons__error_set(r->err, r->lang, SONS_ELIMIT, r->path,
		                       "%s : le total décompressé de l'archive dépasse la "
		                       "limite de %s (bombe zip ?)",
		                       "%s: the archive's total inflated size exceeds the %s "
		                       "limit (zip bomb?)",
		                       name, lim);
	}
	if (len > RATIO_FLOOR && len / z->max_ratio > comp)
		return sons__error_set(r->err, r->lang, SONS_ELIMIT, r->path,
		                       "%s : taux de compression anormal (plus de %llu pour "
		                       "1, bombe zip ?)",
		                       "%s: abnormal compression ratio (over %llu to 1, zip "
		                       "bomb?)",
		                       name, (unsigned long long)z->max_ratio);
	return SONS_OK;
}

sons_status sons__zip_read(sons_zip *z, const char *name, unsigned char **out, size_t *outlen)
{
	*out = NULL;
	*outlen = 0;
	sons_rctx *r = z->r;
	sons_status st = SONS_OK;
	zip_int64_t idx = zip_name_locate(z->za, name, 0);
	if (idx < 0)
		return sons__error_set(r->err, r->lang, SONS_EFORMAT, r->path,
		                       "%s : partie absente de l'archive",
		                       "%s: part missing from the archive", name);
	zip_stat_t zs;
	zip_stat_init(&zs);
	if (zip_stat_index(z->za, (zip_uint64_t)idx, 0, &zs) != 0)
		return read_error(z, name, zip_get_error(z->za));
	st = check_stat(z, name, &zs);
	if (st != SONS_OK)
		return st;
	/* Compressed bytes cannot exceed the archive, whatever is declared. */
	uint64_t comp = (zs.valid & ZIP_STAT_COMP_SIZE) ? zs.comp_size : 0;
	if (comp > z->len)
		comp = z->len;

	zip_file_t *f = zip_fopen_index(z->za, (zip_uint64_t)idx, 0);
	if (!f)
		return read_error(z, name, zip_get_error(z->za));

	/* The declared size is believed only as far as the limits would let
	 * the entry grow anyway: the entry limit, and past RATIO_FLOOR the
	 * compression ratio times its compressed bytes. A lie costs at most
	 * that much address space (untouched pages of a large allocation
	 * are not even mapped); an honest entry is inflated in place, with
	 * no copy. The buffer grows as bytes come when the size was not
	 * declared or was too small. */
	size_t cap = CHUNK + 1;
	if (zs.valid & ZIP_STAT_SIZE) {
		uint64_t bound =
		        comp > RATIO_FLOOR / z->max_ratio ? comp * z->max_ratio : RATIO_FLOOR;
		if (bound > z->max_entry)
			bound = z->max_entry;
		uint64_t want = zs.size < bound ? zs.size : bound;
		if (want < SIZE_MAX - 1)
			cap = (size_t)want + 1;
	}
	unsigned char *buf = sons__malloc(cap);
	if (!buf) {
		st = sons__error_set(r->err, r->lang, SONS_ENOMEM, r->path,
		                     "%s : mémoire insuffisante pour décompresser",
		                     "%s: out of memory while inflating", name);
		goto out_file;
	}
	size_t len = 0;
	for (;;) {
		/* Ask for at most one byte past the entry limit, so that an
		 * oversized entry is noticed without inflating more; and no
		 * more than the buffer holds, unless it is full. */
		uint64_t left = z->max_entry - len;
		size_t want = left < CHUNK ? (size_t)left + 1 : CHUNK;
		if (cap - len - 1 > 0 && cap - len - 1 < want)
			want = cap - len - 1;
		else if (cap - len - 1 == 0) {
			/* Full: the entry may end here. Look for one more byte
			 * before growing the buffer. */
			unsigned char one;
			zip_int64_t n1 = zip_fread(f, &one, 1);
			if (n1 < 0) {
				st = read_error(z, name, zip_file_get_error(f));
				goto out_buf;
			}
			if (n1 == 0)
				break;
			size_t ncap = cap * 2;
			if (z->max_entry < SIZE_MAX - 2 && ncap > z->max_entry + 2)
				ncap = (size_t)z->max_entry + 2;
			if (ncap < len + 2)
				ncap = len + 2;
			unsigned char *nb = sons__realloc(buf, ncap);
			if (!nb) {
				st = sons__error_set(r->err, r->lang, SONS_ENOMEM, r->path,
				                     "%s : mémoire insuffisante pour décompresser",
				                     "%s: out of memory while inflating", name);
				goto out_buf;
			}
			buf = nb;
			cap = ncap;
			buf[len] = one;
			if ((st = count_inflated(z, name, &len, 1, comp)) != SONS_OK)
				goto out_buf;
			continue;
		}
		zip_int64_t n = zip_fread(f, buf + len, want);
		if (n < 0) {
			st = read_error(z, name, zip_file_get_error(f));
			goto out_buf;
		}
		if (n == 0)
			break;
		if ((st = count_inflated(z, name, &len, (size_t)n, comp)) != SONS_OK)
			goto out_buf;
	}
	buf[len] = '\0';
	zip_fclose(f);
	*out = buf;
	*outlen = len;
	return SONS_OK;

out_buf:
	sons__free(buf);
out_file:
	zip_fclose(f);
	return st;
}
