/* SPDX-License-Identifier: MIT */
/* Files under folders, and the run manifest (batch.c). */
#ifndef SONS_CLI_BATCH_H
#define SONS_CLI_BATCH_H

#include <stddef.h>

#include <sons/sons.h>

typedef struct cli_filelist {
	char **paths;
	size_t n, cap;
	size_t skipped;    /* files under the folders that are not documents */
	size_t unreadable; /* folders or entries that could not be listed */
} cli_filelist;

/* The files to check: each folder among args replaced by the documents
 * under it (.docx .xlsx .odt .ods .pdf, and .doc .xls .rtf, which get
 * their reason), sorted, hidden files left out; files named on the command
 * line kept as they are. Says on stderr what cannot be listed. Returns 0,
 * or -1 when out of memory. */
int cli_collect(cli_filelist *l, char **args, int nargs, sons_lang lang);
void cli_filelist_free(cli_filelist *l);

typedef struct cli_digest {
	int ok;
	unsigned long long size;
	char sha256[65];
} cli_digest;

/* Size and SHA-256 of a regular file (read-only). Returns 0 or -1. */
int cli_file_digest(const char *path, cli_digest *out);

typedef struct cli_manifest_entry {
	const char *path;
	cli_digest digest;
	const char *kind;
	const char *verdict;
} cli_manifest_entry;

typedef struct cli_manifest {
	const char *command;
	const char *referential; /* id */
	const char *referential_file;
	cli_digest referential_digest;
	const char *today; /* as given, or NULL */
	const cli_manifest_entry *entries;
	size_t n;
} cli_manifest;

/* The manifest as JSON (malloc'd). Returns 0, or -1 when out of memory. */
int cli_manifest_render(char **out, size_t *outlen, const cli_manifest *m);

#endif
