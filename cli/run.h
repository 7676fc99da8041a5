/* SPDX-License-Identifier: MIT */
/* The per-file loop and the output: read each file with the library, say
 * "FILE: reason" on stderr for those that fail and go on, render all the
 * reports as one document, write it to stdout or atomically to -o FILE. */
#ifndef SONS_CLI_RUN_H
#define SONS_CLI_RUN_H

#include <stddef.h>

#include "options.h"

/* Checks o->files in turn and writes the report (what was read when
 * `extract` is set). Returns the exit status: the worst verdict (extract:
 * 0 when every file could be read), or 2 when a file could not be read or
 * the report could not be written. */
enum { CLI_RUN_CHECK = 0, CLI_RUN_EXTRACT = 1, CLI_RUN_DOSSIER = 2, CLI_RUN_AUDIT = 3 };
int cli_run_files(const cli_options *o, int mode);

/* Writes `len` bytes to `path`, or to stdout when path is NULL or "-".
 * A file is written to a temporary file in the same directory, synced,
 * then renamed over `path`, so that it is either absent, left as it was,
 * or complete. Returns 0, or prints the reason and returns -1. */
int cli_write_output(const char *path, const char *data, size_t len, sons_lang lang);

/* The same with the bytes made by `produce`, which writes them to fd and
 * returns 0, -1 on a write error (errno set), or -2 after saying itself
 * why it failed. Nothing is left at `path` unless it succeeded whole. */
typedef int (*cli_produce_fn)(void *user, int fd);
int cli_write_stream(const char *path, cli_produce_fn produce, void *user, sons_lang lang);

#endif
