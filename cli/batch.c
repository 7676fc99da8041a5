/* SPDX-License-Identifier: MIT */
/* What a batch needs around the library: the files under the folders
 * given, and the run manifest (each input's size and SHA-256, the tool
 * and referential versions, the verdicts) that lets an audit be
 * reproduced. */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "batch.h"

static const char *const doc_ext[] = { "docx", "xlsx", "odt", "ods", "pdf", "doc", "xls", "rtf" };

/* A document by its name: the formats sons reads, and the office formats
 * it refuses with a reason (better said than silently skipped). */
static int is_document(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot)
		return 0;
	for (size_t i = 0; i < sizeof(doc_ext) / sizeof(doc_ext[0]); i++)
		if (strcasecmp(dot + 1, doc_ext[i]) == 0)
			return 1;
	return 0;
}

static int push(cli_filelist *l, char *path)
{
	if (l->n == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 256;
		char **p = realloc(l->paths, nc * sizeof(*p));
		if (!p) {
			free(path);
			return -1;
		}
		l->paths = p;
		l->cap = nc;
	}
	l->paths[l->n++] = path;
	return 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends the documents under dir, sorted by name at each level, not
 * following symbolic links to folders (no loops). */
static int walk(cli_filelist *l, const char *dir, int depth, sons_lang lang)
{
	if (depth > 64) {
		fprintf(stderr, "%s: %s\n", dir,
		        lang == SONS_LANG_EN ? "folders nested too deep, skipped"
		                             : "dossiers trop imbriqués, ignorés");
		l->skipped++;
		return 0;
	}
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "%s: %s\n", dir, strerror(errno));
		l->unreadable++;
		return 0;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	int rc = 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue; /* hidden files, ".", ".." and editors' lock files */
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 64;
			char **p = realloc(names, nc * sizeof(*p));
			if (!p) {
				rc = -1;
				break;
			}
			names = p;
			cap = nc;
		}
		names[n] = strdup(e->d_name);
		if (!names[n]) {
			rc = -1;
			break;
		}
		n++;
	}
	closedir(d);
	if (rc == 0 && n)
		qsort(names, n, sizeof(*names), cmp_name);
	size_t dl = strlen(dir);
	for (size_t i = 0; i < n && rc == 0; i++) {
		size_t len = dl + 1 + strlen(names[i]) + 1;
		char *path = malloc(len);
		if (!path) {
			rc = -1;
			break;
		}
		snprintf(path, len, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", names[i]);
		struct stat st;
		if (lstat(path, &st) != 0) {
			fprintf(stderr, "%s: %s\n", path, strerror(errno));
			l->unreadable++;
			free(path);
		} else if (S_ISDIR(st.st_mode)) {
			rc = walk(l, path, depth + 1, lang);
			free(path);
		} else if (is_document(names[i]) && !S_ISLNK(st.st_mode)) {
			rc = push(l, path);
		} else if (is_document(names[i]) && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			rc = push(l, path); /* a link to a document, not to a folder */
		} else {
			l->skipped++;
			free(path);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int cli_collect(cli_filelist *l, char **args, int nargs, sons_lang lang)
{
	memset(l, 0, sizeof(*l));
	for (int i = 0; i < nargs; i++) {
		struct stat st;
		if (strcmp(args[i], "-") != 0 && stat(args[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (walk(l, args[i], 0, lang) != 0)
				return -1;
			continue;
		}
		/* A file named on the command line is always checked: if it
		 * cannot be read, the report says why. */
		char *p = strdup(args[i]);
		if (!p || push(l, p) != 0)
			return -1;
	}
	return 0;
}

void cli_filelist_free(cli_filelist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
	memset(l, 0, sizeof(*l));
}

int cli_file_digest(const char *path, cli_digest *out)
{
	memset(out, 0, sizeof(*out));
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	struct sha256_ctx c;
	sha256_init(&c);
	unsigned char buf[1 << 16];
	unsigned long long size = 0;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		sha256_update(&c, (size_t)n, buf);
		size += (unsigned long long)n;
	}
	close(fd);
	unsigned char d[SHA256_DIGEST_SIZE];
	sha256_digest(&c, sizeof(d), d);
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < sizeof(d); i++) {
		out->sha256[2 * i] = hex[d[i] >> 4];
		out->sha256[2 * i + 1] = hex[d[i] & 15];
	}
	out->sha256[64] = '\0';
	out->size = size;
	out->ok = 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* The manifest, written by hand: paths are bytes, written as JSON
 * strings with invalid UTF-8 replaced by U+FFFD. */

typedef struct sbuf {
	char *p;
	size_t n, cap;
	int oom;
} sbuf;

static void put(sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t nc = b->cap ? b->cap : 4096;
		while (b->n + n + 1 > nc)
			nc *= 2;
		char *p = realloc(b->p, nc);
		if (!p) {
			b->oom = 1;
			return;
		}
		b->p = p;
		b->cap = nc;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void puts_(sbuf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* Length of a valid UTF-8 sequence at s, or 0. */
static size_t utf8_len(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	size_t n = (s[0] & 0xE0) == 0xC0   ? 2
	           : (s[0] & 0xF0) == 0xE0 ? 3
	           : (s[0] & 0xF8) == 0xF0 ? 4
	                                   : 0;
	if (!n || (n == 2 && s[0] < 0xC2) || (s[0] > 0xF4))
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	if (n == 3 && s[0] == 0xE0 && s[1] < 0xA0)
		return 0;
	if (n == 3 && s[0] == 0xED && s[1] >= 0xA0)
		return 0;
	if (n == 4 && s[0] == 0xF0 && s[1] < 0x90)
		return 0;
	if (n == 4 && s[0] == 0xF4 && s[1] >= 0x90)
		return 0;
	return n;
}

static void jstr(sbuf *b, const char *s)
{
	puts_(b, "\"");
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		char esc[8];
		if (*p == '"' || *p == '\\') {
			esc[0] = '\\';
			esc[1] = (char)*p;
			put(b, esc, 2);
			p++;
		} else if (*p < 0x20) {
			snprintf(esc, sizeof(esc), "\\u%04x", *p);
			puts_(b, esc);
			p++;
		} else {
			size_t n = utf8_len(p);
			if (n) {
				put(b, (const char *)p, n);
				p += n;
			} else {
				puts_(b, "\xEF\xBF\xBD");
				p++;
			}
		}
	}
	puts_(b, "\"");
}

int cli_manifest_render(char **out, size_t *outlen, const cli_manifest *m)
{
	sbuf b = { 0 };
	char num[64];
	puts_(&b, "{\n  \"tool\": {\"name\": \"sons\", \"version\": ");
	jstr(&b, sons_version_string());
	puts_(&b, ", \"referentiel\": ");
	jstr(&b, m->referential);
	puts_(&b, "},\n  \"command\": ");
	jstr(&b, m->command);
	puts_(&b, ",\n  \"today\": ");
	if (m->today)
		jstr(&b, m->today);
	else
		puts_(&b, "null");
	puts_(&b, ",\n  \"referentiel_file\": ");
	if (m->referential_file) {
		puts_(&b, "{\"path\": ");
		jstr(&b, m->referential_file);
		if (m->referential_digest.ok) {
			snprintf(num, sizeof(num), "%llu", m->referential_digest.size);
			puts_(&b, ", \"size\": ");
			puts_(&b, num);
			puts_(&b, ", \"sha256\": ");
			jstr(&b, m->referential_digest.sha256);
		}
		puts_(&b, "}");
	} else {
		puts_(&b, "null");
	}
	puts_(&b, ",\n  \"inputs\": [");
	for (size_t i = 0; i < m->n; i++) {
		const cli_manifest_entry *e = &m->entries[i];
		puts_(&b, i ? ",\n    {\"path\": " : "\n    {\"path\": ");
		jstr(&b, e->path);
		if (e->digest.ok) {
			snprintf(num, sizeof(num), "%llu", e->digest.size);
			puts_(&b, ", \"size\": ");
			puts_(&b, num);
			puts_(&b, ", \"sha256\": ");
			jstr(&b, e->digest.sha256);
		} else {
			puts_(&b, ", \"size\": null, \"sha256\": null");
		}
		puts_(&b, ", \"kind\": ");
		jstr(&b, e->kind);
		puts_(&b, ", \"verdict\": ");
		jstr(&b, e->verdict);
		puts_(&b, "}");
	}
	puts_(&b, m->n ? "\n  ]\n}\n" : "]\n}\n");
	if (b.oom) {
		free(b.p);
		return -1;
	}
	*out = b.p;
	*outlen = b.n;
	return 0;
}
