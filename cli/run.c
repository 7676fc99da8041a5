/* SPDX-License-Identifier: MIT */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE /* O_TMPFILE, linkat() through /proc */
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pthread.h>

#include "batch.h"
#include "run.h"

/* The temporary file being written, removed if a signal ends the
 * process before the rename. The only file-static state of the CLI. */
static char tmp_path[4096];
static volatile sig_atomic_t tmp_live;

static void on_signal(int sig)
{
	if (tmp_live)
		unlink(tmp_path);
	signal(sig, SIG_DFL);
	raise(sig);
}

static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NSIGNALS (sizeof(cleanup_signals) / sizeof(cleanup_signals[0]))

static void guard_signals(struct sigaction *saved)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < NSIGNALS; i++)
		sigaction(cleanup_signals[i], &sa, &saved[i]);
}

static void restore_signals(const struct sigaction *saved)
{
	for (size_t i = 0; i < NSIGNALS; i++)
		sigaction(cleanup_signals[i], &saved[i], NULL);
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd); /* best effort: some file systems refuse it */
		close(fd);
	}
}

/* Writes what the producer makes, sets the mode a new file would get,
 * syncs. */
static int fill(int fd, cli_produce_fn produce, void *user, mode_t mask, const char **step)
{
	*step = "write";
	int rc = produce(user, fd);
	if (rc == -2)
		*step = "produce";
	if (rc != 0)
		return -1;
	*step = "chmod";
	if (fchmod(fd, 0666 & ~mask) != 0)
		return -1;
	*step = "fsync";
	return fsync(fd);
}

/* The classic way: a named temporary file (tmp_path holds its
 * "dir/.name.XXXXXX" template) renamed over the target. A SIGKILL while it
 * is written leaves it behind. Returns 0, or -1 with errno and *step. */
static int write_named(const char *path, cli_produce_fn produce, void *user, mode_t mask,
                       const char **step)
{
	*step = "create";
	tmp_live = 1;
	int fd = mkstemp(tmp_path);
	if (fd < 0) {
		tmp_live = 0;
		return -1;
	}
	int ok = fill(fd, produce, user, mask, step) == 0;
	int e = ok ? 0 : errno;
	if (close(fd) != 0 && ok) {
		ok = 0;
		e = errno;
		*step = "close";
	}
	if (ok) {
		*step = "rename";
		ok = rename(tmp_path, path) == 0;
		e = ok ? 0 : errno;
	}
	if (!ok)
		unlink(tmp_path);
	tmp_live = 0;
	errno = e;
	return ok ? 0 : -1;
}

/* An unnamed file in the target's directory (Linux O_TMPFILE): a process
 * killed while writing, even by SIGKILL, leaves nothing behind. The file
 * gets a name (through /proc/self/fd) only once complete and synced, just
 * before the rename. Returns 1 when written, 0 when this way is not
 * available here (no O_TMPFILE, a file system without it, no /proc) and
 * nothing was done, -1 on an error (errno and *step set). */
static int write_unnamed(const char *path, const char *dir, cli_produce_fn produce, void *user,
                         mode_t mask, const char **step)
{
#if defined(O_TMPFILE) && defined(AT_SYMLINK_FOLLOW)
	int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666 & ~mask);
	if (fd < 0)
		return 0;
	if (fill(fd, produce, user, mask, step) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	char proc[64];
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	/* "dir/.name.<pid>.<k>": tmp_path holds "dir/.name.XXXXXX" */
	size_t cut = strlen(tmp_path) - 6;
	int linked = 0, e = 0;
	for (unsigned k = 0; k < 100 && !linked; k++) {
		snprintf(tmp_path + cut, sizeof(tmp_path) - cut, "%ld.%u", (long)getpid(), k);
		tmp_live = 1; /* from now on a signal removes the name */
		linked = linkat(AT_FDCWD, proc, AT_FDCWD, tmp_path, AT_SYMLINK_FOLLOW) == 0;
		e = linked ? 0 : errno;
		if (!linked)
			tmp_live = 0;
		if (!linked && e != EEXIST)
			break;
	}
	close(fd);
	if (!linked) {
		/* no /proc, or a file system refusing links: start again */
		memcpy(tmp_path + cut, "XXXXXX", 7);
		return 0;
	}
	return 1;
#else
	(void)path;
	(void)dir;
	(void)produce;
	(void)user;
	(void)mask;
	(void)step;
	return 0;
#endif
}

typedef struct bytes {
	const char *data;
	size_t len;
} bytes;

static int produce_bytes(void *user, int fd)
{
	const bytes *b = user;
	return write_all(fd, b->data, b->len);
}

int cli_write_output(const char *path, const char *data, size_t len, sons_lang lang)
{
	bytes b = { data, len };
	return cli_write_stream(path, produce_bytes, &b, lang);
}

int cli_write_stream(const char *path, cli_produce_fn produce, void *user, sons_lang lang)
{
	if (!path || strcmp(path, "-") == 0) {
		fflush(stdout);
		int rc = produce(user, STDOUT_FILENO);
		if (rc == -1)
			cli_error(lang, "écriture sur la sortie standard impossible : %s",
			          "cannot write to standard output: %s", strerror(errno));
		return rc ? -1 : 0;
	}

	/* "dir/.name.XXXXXX" next to the target, so that rename() is atomic. */
	const char *slash = strrchr(path, '/');
	char dir[4096];
	const char *base = slash ? slash + 1 : path;
	size_t dlen = slash ? (size_t)(slash - path) : 1;
	if (slash && dlen == 0)
		dlen = 1; /* "/name" */
	int n = -1;
	if (dlen < sizeof(dir)) {
		memcpy(dir, slash ? path : ".", dlen);
		dir[dlen] = '\0';
		n = snprintf(tmp_path, sizeof(tmp_path), "%s/.%s.XXXXXX",
		             strcmp(dir, "/") == 0 ? "" : dir, base);
	}
	if (!base[0] || n < 0 || (size_t)n + 16 >= sizeof(tmp_path)) {
		cli_error(lang, "nom de fichier de sortie invalide : « %s »",
		          "invalid output file name: '%s'", path);
		return -1;
	}

	mode_t mask = umask(0);
	umask(mask);
	struct sigaction saved[NSIGNALS];
	guard_signals(saved);
	const char *step = "write";
	int rc = write_unnamed(path, dir, produce, user, mask, &step);
	int e = errno;
	if (rc == 1) {
		step = "rename";
		rc = rename(tmp_path, path) == 0 ? 0 : -1;
		e = errno;
		if (rc != 0)
			unlink(tmp_path);
		tmp_live = 0;
	} else if (rc == 0) {
		rc = write_named(path, produce, user, mask, &step);
		e = errno;
	}
	restore_signals(saved);
	if (rc != 0 && strcmp(step, "produce") == 0)
		return -1; /* the producer said why; nothing was left behind */
	if (rc != 0 && strcmp(step, "create") == 0) {
		cli_error(lang, "impossible de créer « %s » : %s", "cannot create '%s': %s", path,
		          strerror(e));
		return -1;
	}
	if (rc != 0) {
		cli_error(lang, "impossible d'écrire « %s » (%s) : %s",
		          "cannot write '%s' (%s): %s", path, step, strerror(e));
		return -1;
	}
	sync_dir(dir);
	return 0;
}

/* ------------------------------------------------------------------ */

static int exit_for(sons_verdict v)
{
	switch (v) {
	case SONS_VERDICT_CONFORME:
		return CLI_EXIT_CONFORME;
	case SONS_VERDICT_NON_CONFORME:
		return CLI_EXIT_NON_CONFORME;
	case SONS_VERDICT_INDETERMINE:
		break;
	}
	return CLI_EXIT_INDETERMINE;
}

static int worse(int a, int b)
{
	return a > b ? a : b;
}

static int use_color(const cli_options *o)
{
	if (o->format != SONS_FORMAT_TEXT || o->color == 0)
		return 0;
	if (o->color == 1)
		return 1;
	if (o->output && strcmp(o->output, "-") != 0)
		return 0;
	const char *no = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	if ((no && no[0]) || (term && strcmp(term, "dumb") == 0))
		return 0;
	return isatty(STDOUT_FILENO);
}

/* Reads all of a stream, up to `max` bytes. */
static int read_stream(FILE *in, unsigned char **out, size_t *outlen, uint64_t max)
{
	size_t cap = 1 << 16, len = 0;
	unsigned char *buf = malloc(cap);
	if (!buf)
		return -1;
	for (;;) {
		if (len == cap) {
			if (cap > max) {
				free(buf);
				errno = EFBIG;
				return -1;
			}
			unsigned char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				return -1;
			}
			buf = nb;
			cap *= 2;
		}
		size_t n = fread(buf + len, 1, cap - len, in);
		len += n;
		if (n == 0) {
			if (ferror(in)) {
				free(buf);
				return -1;
			}
			break;
		}
	}
	if (len > max) {
		free(buf);
		errno = EFBIG;
		return -1;
	}
	*out = buf;
	*outlen = len;
	return 0;
}

/* "FILE: reason" on stderr. */
static void file_error(const char *path, sons_status st, const sons_error *err)
{
	const char *msg = err->message[0] ? err->message : sons_status_name(st);
	fprintf(stderr, "%s: %s\n", path, msg);
}

/* Standard input ("-") and pipes (<(…)) are read here and checked from
 * memory; the library reads regular files itself and refuses the rest
 * (directories…) with a report of its own. */
static int is_stream(const char *path)
{
	struct stat st;
	if (strcmp(path, "-") == 0)
		return 1;
	return stat(path, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode));
}

static sons_status check_one(sons_report **r, sons_context *ctx, const char *path,
                             const sons_check_options *co, sons_error *err, sons_lang lang)
{
	if (!is_stream(path))
		return sons_check_file(r, ctx, path, co, err);
	sons_limits lim;
	sons_context_get_limits(ctx, &lim);
	unsigned char *data = NULL;
	size_t len = 0;
	int is_stdin = strcmp(path, "-") == 0;
	FILE *in = is_stdin ? stdin : fopen(path, "rb");
	int rc = in ? read_stream(in, &data, &len,
	                          lim.max_file_bytes ? lim.max_file_bytes : 64u << 20)
	            : -1;
	int e = errno;
	if (in && !is_stdin)
		fclose(in);
	if (rc != 0) {
		if (lang == SONS_LANG_EN)
			snprintf(err->message, sizeof(err->message), "cannot read: %s",
			         strerror(e));
		else
			snprintf(err->message, sizeof(err->message), "lecture impossible : %s",
			         strerror(e));
		err->code = SONS_EIO;
		return SONS_EIO;
	}
	sons_status st = sons_check_memory(r, ctx, data, len, path, co, err);
	free(data);
	return st;
}

/* sons_render_to() into the output file (cli_write_stream()). */
typedef struct render_job {
	sons_context *ctx;
	sons_report **reports;
	size_t n;
	const sons_render_options *ro;
	sons_status status;
	sons_lang lang;
} render_job;

static int write_fd(void *user, const char *data, size_t len)
{
	return write_all(*(int *)user, data, len);
}

static int produce_report(void *user, int fd)
{
	render_job *j = user;
	sons_error err;
	memset(&err, 0, sizeof(err));
	int e = 0;
	errno = 0;
	j->status = sons_render_to(write_fd, &fd, j->ctx, j->reports, j->n, j->ro, &err);
	e = errno;
	if (j->status == SONS_EIO) {
		errno = e;
		return -1; /* the write failed: errno says why */
	}
	if (j->status != SONS_OK) {
		cli_error(j->lang, "rapport impossible : %s", "cannot render the report: %s",
		          err.message[0] ? err.message : sons_status_name(j->status));
		return -2;
	}
	return 0;
}

/* Renders the reports; with --quiet (text), each document without its
 * verdict line, which is always the last line of its rendering. *mine
 * tells whether *out is to be released with free() (else sons_free()). */
static sons_status render(char **out, size_t *outlen, int *mine, sons_context *ctx,
                          sons_report **reports, size_t n, const sons_render_options *ro, int quiet,
                          sons_error *err)
{
	*mine = 0;
	if (!quiet || ro->format != SONS_FORMAT_TEXT || ro->extract)
		return sons_render(out, outlen, ctx, reports, n, ro, err);
	size_t len = 0, cap = 1;
	char *all = malloc(cap);
	if (!all)
		return SONS_ENOMEM;
	all[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		char *one = NULL;
		size_t l = 0;
		sons_status st = sons_render(&one, &l, ctx, &reports[i], 1, ro, err);
		if (st != SONS_OK) {
			free(all);
			return st;
		}
		if (l && one[l - 1] == '\n')
			l--;
		while (l && one[l - 1] != '\n')
			l--;
		if (len + l + 1 > cap) {
			while (len + l + 1 > cap)
				cap *= 2;
			char *na = realloc(all, cap);
			if (!na) {
				sons_free(one);
				free(all);
				return SONS_ENOMEM;
			}
			all = na;
		}
		memcpy(all + len, one, l);
		len += l;
		all[len] = '\0';
		sons_free(one);
	}
	*out = all;
	*outlen = len;
	*mine = 1;
	return SONS_OK;
}

/* ------------------------------------------------------------------ */
/* The run: files checked by `jobs` threads, each with its own context
 * (contexts are not shared between threads), reports kept in input
 * order; a batch keeps each report compacted. */

typedef struct run_state {
	const cli_options *o;
	int mode;
	char **files;
	size_t nfiles;
	sons_report **reports;
	sons_status *status;
	cli_manifest_entry *manifest; /* NULL without --manifest */
	sons_check_options co;
	pthread_mutex_t lock; /* next, done, stderr */
	size_t next, done;
	int progress;
	sons_context *main_ctx; /* used by the only worker when jobs == 1 */
	int failed;             /* a worker could not start (context, memory) */
	char why[sizeof(((sons_error *)0)->message)];
} run_state;

static void progress_line(run_state *s, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	fprintf(stderr, "\r\033[K[%zu/%zu] %.60s", s->done, s->nfiles, base);
	if (s->done == s->nfiles)
		fputc('\n', stderr);
	fflush(stderr);
}

static sons_status context_for(sons_context **ctx, const cli_options *o, sons_error *err)
{
	sons_status st = sons_context_new(ctx, err);
	if (st != SONS_OK)
		return st;
	sons_context_set_lang(*ctx, o->lang);
	if (o->referentiel && (st = sons_context_load_referential(*ctx, o->referentiel, err))) {
		sons_context_free(*ctx);
		*ctx = NULL;
	}
	return st;
}

static void *worker(void *arg)
{
	run_state *s = arg;
	sons_context *ctx = s->main_ctx;
	sons_error err;
	memset(&err, 0, sizeof(err));
	if (!ctx && context_for(&ctx, s->o, &err) != SONS_OK) {
		pthread_mutex_lock(&s->lock);
		s->failed = 1;
		memcpy(s->why, err.message, sizeof(s->why));
		pthread_mutex_unlock(&s->lock);
		return NULL;
	}
	for (;;) {
		pthread_mutex_lock(&s->lock);
		size_t i = s->next < s->nfiles && !s->failed ? s->next++ : s->nfiles;
		pthread_mutex_unlock(&s->lock);
		if (i == s->nfiles)
			break;
		const char *path = s->files[i];
		sons_report *r = NULL;
		memset(&err, 0, sizeof(err));
		sons_status st = check_one(&r, ctx, path, &s->co, &err, s->o->lang);
		if (r && s->mode == CLI_RUN_AUDIT && sons_report_compact(r) != SONS_OK) {
			sons_report_free(r);
			r = NULL;
			st = SONS_ENOMEM;
		}
		if (s->manifest) {
			cli_manifest_entry *e = &s->manifest[i];
			e->path = path;
			cli_file_digest(path, &e->digest);
			e->kind = sons_kind_name(r ? sons_report_kind(r) : SONS_KIND_UNKNOWN);
			e->verdict = sons_verdict_name(r ? sons_report_verdict(r)
			                                 : SONS_VERDICT_INDETERMINE);
		}
		s->reports[i] = r;
		s->status[i] = st;
		pthread_mutex_lock(&s->lock);
		s->done++;
		if (st != SONS_OK) {
			if (s->progress)
				fputs("\r\033[K", stderr);
			file_error(path, st, &err);
		}
		if (s->progress)
			progress_line(s, path);
		pthread_mutex_unlock(&s->lock);
	}
	if (ctx != s->main_ctx)
		sons_context_free(ctx);
	return NULL;
}

static long default_jobs(const cli_options *o, int mode, size_t nfiles)
{
	long n = o->jobs;
	if (n <= 0) {
		n = 1;
		if (mode == CLI_RUN_AUDIT) {
			long cores = sysconf(_SC_NPROCESSORS_ONLN);
			n = cores > 0 ? cores : 1;
		}
	}
	if ((size_t)n > nfiles)
		n = nfiles ? (long)nfiles : 1;
	return n;
}

/* Checks every file; returns 0, or -1 after saying why. */
static int check_all(run_state *s, sons_context *ctx)
{
	long jobs = default_jobs(s->o, s->mode, s->nfiles);
	if (jobs == 1) {
		s->main_ctx = ctx; /* no second referential to compile */
		worker(s);
	} else {
		pthread_t *th = calloc((size_t)jobs, sizeof(*th));
		if (!th)
			return -1;
		long started = 0;
		for (; started < jobs; started++)
			if (pthread_create(&th[started], NULL, worker, s) != 0)
				break;
		if (!started) {
			s->main_ctx = ctx;
			worker(s);
		}
		for (long i = 0; i < started; i++)
			pthread_join(th[i], NULL);
		free(th);
	}
	if (s->failed) {
		cli_error(s->o->lang, "%s", "%s", s->why);
		return -1;
	}
	return 0;
}

static int write_manifest(const cli_options *o, run_state *s, sons_context *ctx)
{
	cli_manifest m;
	memset(&m, 0, sizeof(m));
	m.command = o->command;
	m.referential = sons_context_referential_id(ctx);
	m.referential_file = o->referentiel;
	if (o->referentiel)
		cli_file_digest(o->referentiel, &m.referential_digest);
	m.today = o->today;
	m.entries = s->manifest;
	m.n = s->nfiles;
	char *out = NULL;
	size_t len = 0;
	if (cli_manifest_render(&out, &len, &m) != 0) {
		cli_error(o->lang, "mémoire insuffisante", "out of memory");
		return -1;
	}
	int rc = cli_write_output(o->manifest, out, len, o->lang);
	free(out);
	return rc;
}

/* A manifest that names one of the inputs is refused like -o. */
static int names_input(const char *path, char **files, size_t n)
{
	struct stat so, si;
	if (!path || strcmp(path, "-") == 0 || stat(path, &so) != 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (stat(files[i], &si) == 0 && si.st_dev == so.st_dev && si.st_ino == so.st_ino)
			return 1;
	return 0;
}

int cli_run_files(const cli_options *o, int mode)
{
	sons_lang lang = o->lang;
	sons_error err;
	memset(&err, 0, sizeof(err));
	int extract = mode == CLI_RUN_EXTRACT;
	cli_filelist fl;
	memset(&fl, 0, sizeof(fl));
	if (mode == CLI_RUN_AUDIT) {
		if (cli_collect(&fl, o->files, o->nfiles, lang) != 0) {
			cli_filelist_free(&fl);
			cli_error(lang, "mémoire insuffisante", "out of memory");
			return CLI_EXIT_USAGE;
		}
	} else {
		fl.paths = o->files;
		fl.n = (size_t)o->nfiles;
	}
	int status = CLI_EXIT_CONFORME;
	sons_context *ctx = NULL;
	sons_report **reports = NULL;
	sons_status *sts = NULL;
	cli_manifest_entry *man = NULL;
	run_state s;
	memset(&s, 0, sizeof(s));
	pthread_mutex_init(&s.lock, NULL);
	if (names_input(o->output, fl.paths, fl.n) || names_input(o->manifest, fl.paths, fl.n)) {
		status = cli_usage_error(lang, o->command,
		                         "-o ou --manifest désigne un des fichiers à vérifier",
		                         "-o or --manifest names one of the files to check");
		goto out;
	}
	if (context_for(&ctx, o, &err) != SONS_OK) {
		cli_error(lang, "%s", "%s", err.message); /* the message names the file */
		status = CLI_EXIT_USAGE;
		goto out;
	}
	if (mode == CLI_RUN_AUDIT && fl.skipped && !o->quiet)
		fprintf(stderr,
		        lang == SONS_LANG_EN ? "sons: %zu file(s) that are not documents left out\n"
		                             : "sons: %zu fichier(s) qui ne sont pas des documents "
		                               "laissé(s) de côté\n",
		        fl.skipped);
	if (mode == CLI_RUN_AUDIT && fl.unreadable)
		status = CLI_EXIT_INDETERMINE;
	if (mode == CLI_RUN_AUDIT && !fl.n) {
		status =
		        cli_usage_error(lang, o->command,
		                        "aucun document (.docx, .xlsx, .odt, .ods, .pdf) à auditer",
		                        "no document (.docx, .xlsx, .odt, .ods, .pdf) to audit");
		goto out;
	}
	reports = calloc(fl.n ? fl.n : 1, sizeof(*reports));
	sts = calloc(fl.n ? fl.n : 1, sizeof(*sts));
	man = o->manifest ? calloc(fl.n ? fl.n : 1, sizeof(*man)) : NULL;
	if (!reports || !sts || (o->manifest && !man)) {
		cli_error(lang, "mémoire insuffisante", "out of memory");
		status = CLI_EXIT_USAGE;
		goto out;
	}
	s.o = o;
	s.mode = mode;
	s.files = fl.paths;
	s.nfiles = fl.n;
	s.reports = reports;
	s.status = sts;
	s.manifest = man;
	s.co.version = SONS_CHECK_OPTIONS_VERSION;
	s.co.kind = o->kind;
	s.co.today = o->today;
	s.progress = mode == CLI_RUN_AUDIT && !o->quiet &&
	             (o->progress == 1 || (o->progress == -1 && isatty(STDERR_FILENO)));
	if (check_all(&s, ctx) != 0) {
		status = CLI_EXIT_USAGE;
		goto out;
	}
	/* Reports in input order, without the gaps of documents the library
	 * could not even report on (out of memory). */
	size_t n = 0;
	for (size_t i = 0; i < fl.n; i++) {
		if (sts[i] != SONS_OK)
			status = worse(status, CLI_EXIT_INDETERMINE);
		if (reports[i])
			reports[n++] = reports[i];
	}
	memset(&err, 0, sizeof(err));
	sons_status st = SONS_OK;
	if (mode == CLI_RUN_DOSSIER)
		st = sons_check_dossier(ctx, reports, n, &err);
	else if (mode == CLI_RUN_AUDIT)
		st = sons_check_audit(ctx, reports, n, &err);
	if (st != SONS_OK) {
		cli_error(lang, "%s", "%s", err.message);
		status = CLI_EXIT_USAGE;
	}
	for (size_t i = 0; i < n && !extract; i++)
		status = worse(status, exit_for(sons_report_verdict(reports[i])));
	if (man) {
		/* verdicts after the rules across documents */
		for (size_t i = 0, k = 0; i < fl.n && k < n; i++)
			if (man[i].path && sons_report_path(reports[k]) &&
			    strcmp(sons_report_path(reports[k]), man[i].path) == 0)
				man[i].verdict =
				        sons_verdict_name(sons_report_verdict(reports[k++]));
	}

	sons_render_options ro = SONS_RENDER_OPTIONS_INIT;
	ro.format = o->format;
	ro.extract = extract;
	ro.color = use_color(o);
	ro.summary = o->summary || (mode == CLI_RUN_AUDIT && o->format != SONS_FORMAT_CSV);
	if (o->quiet && o->format == SONS_FORMAT_TEXT && !extract) {
		char *out = NULL;
		size_t len = 0;
		int mine = 0;
		memset(&err, 0, sizeof(err));
		st = render(&out, &len, &mine, ctx, reports, n, &ro, o->quiet, &err);
		if (st != SONS_OK) {
			cli_error(lang, "rapport impossible : %s", "cannot render the report: %s",
			          err.message[0] ? err.message : sons_status_name(st));
			status = CLI_EXIT_USAGE;
		} else if (cli_write_output(o->output, out, len, lang) != 0) {
			status = CLI_EXIT_USAGE;
		}
		if (mine)
			free(out);
		else
			sons_free(out);
	} else {
		/* Streamed: a batch's report is never whole in memory. */
		render_job job = { ctx, reports, n, &ro, SONS_OK, lang };
		if (cli_write_stream(o->output, produce_report, &job, lang) != 0)
			status = CLI_EXIT_USAGE;
	}
	if (man && write_manifest(o, &s, ctx) != 0)
		status = CLI_EXIT_USAGE;
	for (size_t i = 0; i < n; i++)
		sons_report_free(reports[i]);
out:
	pthread_mutex_destroy(&s.lock);
	free(reports);
	free(sts);
	free(man);
	if (mode == CLI_RUN_AUDIT)
		cli_filelist_free(&fl);
	sons_context_free(ctx);
	return status;
}
