/* SPDX-License-Identifier: MIT */
/* The benchmark: checks the corpus written by make_corpus.py through the
 * public API with 1 and 2 threads (one sons_context per thread, a shared
 * atomic index), and in the same run measures the floor — merely inflating
 * the same files' XML parts with libzip and walking every node with
 * libxml2's streaming reader — then an audit-sized batch (the corpus cycled
 * to 10 000 documents, each report also rendered as JSON) and the growth of
 * the cost with the number of priced lines. With PDF input (built with
 * poppler) and a pdf.list in the corpus, the PDFs are checked the same way
 * and measured against poppler's own text extraction of the same files, in
 * the same run: poppler_page_get_text() on every page and nothing else (as
 * tests/bench/pdf_speed.c does), in pages per second.
 *
 * Each measurement runs in a child process of its own, so that the peak
 * RSS it reports (getrusage) is that measurement's alone.
 *
 * Usage: bench CORPUS_DIR [--audit=N] [--repeat=N] [--min-seconds=S]
 *   --audit=N        documents of the audit-sized batch (10000)
 *   --repeat=N       run each measurement N times and keep the fastest (1):
 *                    on a shared machine, the others' load only slows down
 *   --min-seconds=S  growth: repeat each document at least S seconds (0.3)
 *   --check-only     only the check with 1 and 2 threads (to compare builds)
 *   --pdf-only       only the PDFs against poppler's text extraction
 * CORPUS_DIR holds mixed.list and scale.list ("path<TAB>format<TAB>lines"),
 * and optionally pdf.list ("path<TAB>pdf<TAB>pages"). */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <zip.h>

#ifdef SONS_BENCH_PDF
#include <poppler.h>
#endif

#include <sons/sons.h>

enum { FMT_DOCX, FMT_XLSX, FMT_ODT, FMT_ODS, NOFFICE, FMT_PDF = NOFFICE, NFMT };
static const char *const fmt_names[NFMT] = { "docx", "xlsx", "odt", "ods", "pdf" };

typedef struct doc {
	char *path;
	int fmt;
	int lines; /* a PDF: its pages */
} doc;

typedef struct list {
	doc *v;
	size_t n;
} list;

typedef enum mode {
	MODE_CHECK,      /* sons_check_file */
	MODE_AUDIT,      /* sons_check_file + JSON rendering of the report */
	MODE_FLOOR_READ, /* inflate + parse the XML parts the readers read */
	MODE_FLOOR_ALL,  /* inflate + parse every XML part of the archive */
	MODE_FLOOR_PDF   /* poppler_page_get_text() on every page */
} mode;

static const char *const mode_names[] = { "sons check", "sons check + JSON",
	                                  "floor: parts sons reads", "floor: every XML part",
	                                  "floor: poppler text" };

/* What a child sends back through its pipe. */
typedef struct result {
	double seconds;
	double fmt_seconds[NFMT];
	size_t fmt_docs[NFMT];
	size_t verdicts[3];
	size_t failures; /* documents the library or the floor could not process */
	size_t docs;
	unsigned long long nodes; /* floor: XML nodes walked */
	unsigned long long pages; /* PDF pages checked or extracted */
	long maxrss_kb;
	double cpu_seconds; /* user + system, of the whole child */
} result;

typedef struct job {
	const list *docs;
	size_t total; /* documents to process; the list is cycled */
	mode m;
	atomic_size_t next;
} job;

typedef struct worker {
	job *j;
	pthread_t tid;
	result r;
} worker;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int fmt_of(const char *s)
{
	for (int i = 0; i < NFMT; i++)
		if (!strcmp(s, fmt_names[i]))
			return i;
	return -1;
}

/* optional: a missing or empty list is an empty list, not an error. */
static int load_list(list *l, const char *dir, const char *name, int optional)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "r");
	l->v = NULL;
	l->n = 0;
	if (!f && optional)
		return 0;
	if (!f) {
		fprintf(stderr, "bench: cannot open %s: %s (run make_corpus.py first)\n", path,
		        strerror(errno));
		return -1;
	}
	char line[8192];
	size_t cap = 0;
	while (fgets(line, sizeof(line), f)) {
		char *t1 = strchr(line, '\t');
		char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		if (!t2)
			continue;
		*t1 = *t2 = '\0';
		int fmt = fmt_of(t1 + 1);
		if (fmt < 0)
			continue;
		if (l->n == cap) {
			cap = cap ? cap * 2 : 1024;
			doc *nv = realloc(l->v, cap * sizeof(*nv));
			if (!nv) {
				fclose(f);
				return -1;
			}
			l->v = nv;
		}
		l->v[l->n].path = strdup(line);
		l->v[l->n].fmt = fmt;
		l->v[l->n].lines = atoi(t2 + 1);
		if (!l->v[l->n].path) {
			fclose(f);
			return -1;
		}
		l->n++;
	}
	fclose(f);
	if (!l->n && !optional) {
		fprintf(stderr, "bench: %s lists no document\n", path);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* The floor: libzip + libxml2 and nothing else.                       */

static int starts(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

static int ends(const char *s, const char *p)
{
	size_t n = strlen(s), m = strlen(p);
	return n >= m && strcmp(s + n - m, p) == 0;
}

/* The parts the readers open (lib/read/docx.c, xlsx.c, odt.c, ods.c). */
static int part_read(const char *name, int fmt)
{
	switch (fmt) {
	case FMT_DOCX:
		return !strcmp(name, "word/document.xml") || !strcmp(name, "docProps/core.xml") ||
		       ((starts(name, "word/header") || starts(name, "word/footer")) &&
		        ends(name, ".xml"));
	case FMT_XLSX:
		return !strcmp(name, "xl/workbook.xml") ||
		       !strcmp(name, "xl/_rels/workbook.xml.rels") ||
		       !strcmp(name, "xl/sharedStrings.xml") || !strcmp(name, "xl/styles.xml") ||
		       !strcmp(name, "docProps/core.xml") ||
		       (starts(name, "xl/worksheets/") && ends(name, ".xml"));
	case FMT_ODT:
		return !strcmp(name, "content.xml") || !strcmp(name, "styles.xml") ||
		       !strcmp(name, "meta.xml") || !strcmp(name, "META-INF/manifest.xml");
	default:
		return !strcmp(name, "content.xml") || !strcmp(name, "meta.xml") ||
		       !strcmp(name, "META-INF/manifest.xml");
	}
}

static unsigned char *slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	if (fd < 0)
		return NULL;
	if (fstat(fd, &sb) != 0) {
		close(fd);
		return NULL;
	}
	unsigned char *b = malloc((size_t)sb.st_size + 1);
	size_t got = 0;
	while (b && got < (size_t)sb.st_size) {
		ssize_t n = read(fd, b + got, (size_t)sb.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (!b || got != (size_t)sb.st_size) {
		free(b);
		return NULL;
	}
	*len = got;
	return b;
}

/* A buffer a thread reuses for every part it inflates. */
typedef struct scratch {
	char *buf;
	size_t cap;
} scratch;

/* Returns the number of nodes walked, or -1. */
static long long floor_doc(const doc *d, int all, scratch *sc)
{
	size_t len = 0;
	unsigned char *data = slurp(d->path, &len);
	if (!data)
		return -1;
	long long nodes = 0;
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	if (!za) {
		if (src)
			zip_source_free(src);
		zip_error_fini(&ze);
		free(data);
		return -1;
	}
	zip_int64_t n = zip_get_num_entries(za, 0);
	for (zip_int64_t i = 0; i < n && nodes >= 0; i++) {
		const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
		if (!name)
			continue;
		if (all ? !(ends(name, ".xml") || ends(name, ".rels")) : !part_read(name, d->fmt))
			continue;
		zip_stat_t st;
		if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
			continue;
		if (st.size + 1 > sc->cap) {
			char *nb = realloc(sc->buf, (size_t)st.size + 1);
			if (!nb) {
				nodes = -1;
				break;
			}
			sc->buf = nb;
			sc->cap = (size_t)st.size + 1;
		}
		zip_file_t *zf = zip_fopen_index(za, (zip_uint64_t)i, 0);
		zip_int64_t got = zf ? zip_fread(zf, sc->buf, st.size) : -1;
		if (zf)
			zip_fclose(zf);
		if (got < 0 || (zip_uint64_t)got != st.size) {
			nodes = -1;
			break;
		}
		xmlTextReaderPtr x =
		        xmlReaderForMemory(sc->buf, (int)got, name, NULL,
		                           XML_PARSE_NONET | XML_PARSE_NOERROR |
		                                   XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
		int rc = 0;
		while (x && (rc = xmlTextReaderRead(x)) == 1)
			nodes++;
		if (x)
			xmlFreeTextReader(x);
		if (!x || rc < 0)
			nodes = -1;
	}
	zip_discard(za);
	zip_error_fini(&ze);
	free(data);
	return nodes;
}

/* The PDF floor: the pages of one file, or -1. */
static long long floor_pdf(const doc *d)
{
#ifdef SONS_BENCH_PDF
	size_t len = 0;
	unsigned char *data = slurp(d->path, &len);
	if (!data)
		return -1;
	GBytes *bytes = g_bytes_new_take(data, len);
	PopplerDocument *pd = poppler_document_new_from_bytes(bytes, NULL, NULL);
	g_bytes_unref(bytes);
	if (!pd)
		return -1;
	int n = poppler_document_get_n_pages(pd);
	for (int k = 0; k < n; k++) {
		PopplerPage *page = poppler_document_get_page(pd, k);
		g_free(poppler_page_get_text(page));
		g_object_unref(page);
	}
	g_object_unref(pd);
	return n;
#else
	(void)d;
	return -1;
#endif
}

/* ------------------------------------------------------------------ */
/* Workers                                                             */

static void *work(void *arg)
{
	worker *w = arg;
	job *j = w->j;
	sons_context *ctx = NULL;
	sons_error err;
	if ((j->m == MODE_CHECK || j->m == MODE_AUDIT) && sons_context_new(&ctx, &err) != SONS_OK) {
		fprintf(stderr, "bench: %s\n", err.message);
		w->r.failures++;
		return NULL;
	}
	sons_check_options o = SONS_CHECK_OPTIONS_INIT;
	o.today = "2023-06-01";
	sons_render_options ro = SONS_RENDER_OPTIONS_INIT;
	ro.format = SONS_FORMAT_JSON;
	scratch sc = { NULL, 0 };
	for (;;) {
		size_t i = atomic_fetch_add(&j->next, 1);
		if (i >= j->total)
			break;
		const doc *d = &j->docs->v[i % j->docs->n];
		double t0 = now();
		if (j->m == MODE_CHECK || j->m == MODE_AUDIT) {
			sons_report *rep = NULL;
			sons_check_file(&rep, ctx, d->path, &o, &err);
			if (!rep) {
				w->r.failures++;
			} else {
				sons_verdict v = sons_report_verdict(rep);
				w->r.verdicts[v <= 2 ? v : 2]++;
				if (j->m == MODE_AUDIT) {
					char *out = NULL;
					if (sons_render(&out, NULL, ctx, &rep, 1, &ro, &err) !=
					    SONS_OK)
						w->r.failures++;
					sons_free(out);
				}
			}
			sons_report_free(rep);
			if (d->fmt == FMT_PDF)
				w->r.pages += (unsigned long long)d->lines;
		} else if (j->m == MODE_FLOOR_PDF) {
			long long n = floor_pdf(d);
			if (n < 0)
				w->r.failures++;
			else
				w->r.pages += (unsigned long long)n;
		} else {
			long long n = floor_doc(d, j->m == MODE_FLOOR_ALL, &sc);
			if (n < 0)
				w->r.failures++;
			else
				w->r.nodes += (unsigned long long)n;
		}
		w->r.fmt_seconds[d->fmt] += now() - t0;
		w->r.fmt_docs[d->fmt]++;
		w->r.docs++;
	}
	free(sc.buf);
	sons_context_free(ctx);
	return NULL;
}

/* Runs the job with `threads` threads; fills *out. */
static void run_job(job *j, int threads, result *out)
{
	worker w[64];
	memset(w, 0, sizeof(w));
	memset(out, 0, sizeof(*out));
	atomic_store(&j->next, 0);
	double t0 = now();
	for (int i = 0; i < threads; i++) {
		w[i].j = j;
		pthread_create(&w[i].tid, NULL, work, &w[i]);
	}
	for (int i = 0; i < threads; i++) {
		pthread_join(w[i].tid, NULL);
		for (int f = 0; f < NFMT; f++) {
			out->fmt_seconds[f] += w[i].r.fmt_seconds[f];
			out->fmt_docs[f] += w[i].r.fmt_docs[f];
		}
		for (int v = 0; v < 3; v++)
			out->verdicts[v] += w[i].r.verdicts[v];
		out->failures += w[i].r.failures;
		out->docs += w[i].r.docs;
		out->nodes += w[i].r.nodes;
		out->pages += w[i].r.pages;
	}
	out->seconds = now() - t0;
}

/* Runs the job in a child process; the result includes its peak RSS. */
static int measure_once(const list *docs, size_t total, mode m, int threads, result *out)
{
	int fd[2];
	if (pipe(fd) != 0)
		return -1;
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		close(fd[0]);
		job j;
		j.docs = docs;
		j.total = total;
		j.m = m;
		atomic_init(&j.next, 0);
		result r;
		run_job(&j, threads, &r);
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		r.maxrss_kb = ru.ru_maxrss;
		r.cpu_seconds = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
		                (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
		ssize_t n = write(fd[1], &r, sizeof(r));
		_exit(n == (ssize_t)sizeof(r) ? 0 : 1);
	}
	close(fd[1]);
	size_t got = 0;
	while (got < sizeof(*out)) {
		ssize_t n = read(fd[0], (char *)out + got, sizeof(*out) - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd[0]);
	int status = 0;
	waitpid(pid, &status, 0);
	return got == sizeof(*out) && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static int repeat = 1;

/* The fastest of `repeat` runs (the peak RSS is the largest seen). */
static int measure(const list *docs, size_t total, mode m, int threads, result *out)
{
	long rss = 0;
	for (int i = 0; i < repeat; i++) {
		result r;
		if (measure_once(docs, total, m, threads, &r) != 0)
			return -1;
		if (r.maxrss_kb > rss)
			rss = r.maxrss_kb;
		if (i == 0 || r.seconds < out->seconds)
			*out = r;
	}
	out->maxrss_kb = rss;
	return 0;
}

static void print_row(const char *what, int threads, const result *r)
{
	printf("  %-26s %d   %6zu %8.2f %9.0f %7.1f MB", what, threads, r->docs, r->seconds,
	       (double)r->docs / r->seconds, (double)r->maxrss_kb / 1024.0);
	if (r->failures)
		printf("   (%zu failures)", r->failures);
	printf("\n");
}

/* ------------------------------------------------------------------ */
/* Growth with the number of lines                                     */

/* Seconds per check of one document: the best of repeated runs. */
static double time_one(sons_context *ctx, const doc *d, double min_seconds)
{
	sons_check_options o = SONS_CHECK_OPTIONS_INIT;
	o.today = "2023-06-01";
	double best = 1e9, spent = 0;
	for (int rep = 0; rep < 5 || spent < min_seconds; rep++) {
		sons_report *r = NULL;
		sons_error err;
		double t0 = now();
		sons_check_file(&r, ctx, d->path, &o, &err);
		double t = now() - t0;
		sons_report_free(r);
		spent += t;
		if (t < best)
			best = t;
		if (rep > 1000)
			break;
	}
	return best;
}

static void growth(const list *scale, double min_seconds)
{
	sons_context *ctx = NULL;
	sons_error err;
	if (sons_context_new(&ctx, &err) != SONS_OK)
		return;
	printf("\nGrowth with the number of priced lines (1 thread, best of repeated runs):\n");
	printf("  format   lines   ms/doc   µs/line   marginal µs/line\n");
	for (int f = 0; f < NFMT; f++) {
		double prev_t = -1;
		int prev_n = 0;
		for (size_t i = 0; i < scale->n; i++) {
			const doc *d = &scale->v[i];
			if (d->fmt != f)
				continue;
			double t = time_one(ctx, d, min_seconds);
			printf("  %-6s %7d %8.2f %9.1f", fmt_names[f], d->lines, t * 1e3,
			       t * 1e6 / d->lines);
			if (prev_t >= 0 && d->lines > prev_n)
				printf(" %12.1f", (t - prev_t) * 1e6 / (d->lines - prev_n));
			printf("\n");
			prev_t = t;
			prev_n = d->lines;
		}
	}
	sons_context_free(ctx);
}

/* ------------------------------------------------------------------ */

static void free_list(list *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->v[i].path);
	free(a->v);
}

static int free_lists(list *a, list *b, list *c)
{
	free_list(a);
	free_list(b);
	free_list(c);
	return 0;
}

static void print_pdf_row(const char *what, int threads, const result *r)
{
	printf("  %-26s %d   %5zu %5llu %8.2f %8.0f %8.2f %8.0f %6.1f MB", what, threads, r->docs,
	       r->pages, r->seconds, (double)r->pages / r->seconds, r->cpu_seconds,
	       (double)r->pages / r->cpu_seconds, (double)r->maxrss_kb / 1024.0);
	if (r->failures)
		printf("   (%zu failures)", r->failures);
	printf("\n");
}

/* The PDFs: sons against poppler's text extraction, 1 thread, in pages/s.
 * With --repeat, the two measurements alternate (the machine's load then
 * weighs on both alike) and the fastest of each is kept; the CPU time of
 * each child is shown too, steadier than the clock on a shared machine.
 * Returns sons's time over poppler's, or 0 when not measured. */
static double pdf_bench(const list *pdf, result *check, result *floor)
{
#ifndef SONS_BENCH_PDF
	(void)check;
	(void)floor;
	if (pdf->n)
		printf("\nPDF: %zu documents listed, but this benchmark was built without "
		       "PDF input\n",
		       pdf->n);
	return 0;
#else
	if (!pdf->n)
		return 0;
	unsigned long long pages = 0;
	for (size_t i = 0; i < pdf->n; i++)
		pages += (unsigned long long)pdf->v[i].lines;
	printf("\nPDF (%zu office documents of the corpus printed by LibreOffice, %llu pages), "
	       "1 thread:\n",
	       pdf->n, pages);
	printf("\n  %-26s thr  docs pages  seconds  pages/s  CPU (s)  pages/s  peak RSS\n", "");
	for (int i = 0; i < repeat; i++) {
		result c, f;
		if (measure_once(pdf, pdf->n, MODE_CHECK, 1, &c) != 0 ||
		    measure_once(pdf, pdf->n, MODE_FLOOR_PDF, 1, &f) != 0) {
			fprintf(stderr, "bench: the PDF run failed\n");
			return 0;
		}
		if (i == 0 || c.seconds < check->seconds)
			*check = c;
		if (i == 0 || f.seconds < floor->seconds)
			*floor = f;
	}
	print_pdf_row(mode_names[MODE_CHECK], 1, check);
	print_pdf_row(mode_names[MODE_FLOOR_PDF], 1, floor);
	printf("  verdicts: %zu conforme, %zu non-conforme, %zu indetermine\n",
	       check->verdicts[SONS_VERDICT_CONFORME], check->verdicts[SONS_VERDICT_NON_CONFORME],
	       check->verdicts[SONS_VERDICT_INDETERMINE]);
	if (floor->pages != pages)
		printf("  (poppler counted %llu pages, the list %llu)\n", floor->pages, pages);
	double ratio = check->seconds / floor->seconds;
	printf("  sons over poppler's text extraction: %.2fx (CPU time: %.2fx)\n", ratio,
	       check->cpu_seconds / floor->cpu_seconds);
	return ratio;
#endif
}

int main(int argc, char **argv)
{
	const char *dir = NULL;
	size_t audit = 10000;
	double min_seconds = 0.3;
	int check_only = 0, pdf_only = 0;
	for (int i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "--audit=", 8))
			audit = (size_t)strtoul(argv[i] + 8, NULL, 10);
		else if (!strncmp(argv[i], "--min-seconds=", 14))
			min_seconds = strtod(argv[i] + 14, NULL);
		else if (!strcmp(argv[i], "--check-only"))
			check_only = 1;
		else if (!strcmp(argv[i], "--pdf-only"))
			pdf_only = 1;
		else if (!strncmp(argv[i], "--repeat=", 9))
			repeat = atoi(argv[i] + 9) > 0 ? atoi(argv[i] + 9) : 1;
		else
			dir = argv[i];
	}
	if (!dir) {
		fprintf(stderr,
		        "usage: bench CORPUS_DIR [--audit=N] [--repeat=N] [--min-seconds=S] "
		        "[--check-only] [--pdf-only]\n");
		return 2;
	}
	list mixed, scale, pdf;
	if (load_list(&mixed, dir, "mixed.list", 0) || load_list(&scale, dir, "scale.list", 0) ||
	    load_list(&pdf, dir, "pdf.list", 1))
		return 2;
	xmlInitParser();

	size_t per_fmt[NFMT] = { 0 }, lines = 0, maxlines = 0;
	unsigned long long bytes = 0;
	for (size_t i = 0; i < mixed.n; i++) {
		struct stat sb;
		per_fmt[mixed.v[i].fmt]++;
		lines += (size_t)mixed.v[i].lines;
		if ((size_t)mixed.v[i].lines > maxlines)
			maxlines = (size_t)mixed.v[i].lines;
		if (stat(mixed.v[i].path, &sb) == 0)
			bytes += (unsigned long long)sb.st_size;
	}
	printf("sons %s benchmark, %ld CPU(s), library built %s, best of %d run(s)\n",
	       sons_version_string(), sysconf(_SC_NPROCESSORS_ONLN),
#ifdef __OPTIMIZE__
	       "optimised"
#else
	       "WITHOUT optimisation (figures meaningless)"
#endif
	       ,
	       repeat);
	printf("corpus %s: %zu documents (docx %zu, xlsx %zu, odt %zu, ods %zu), %.1f MB, "
	       "%.0f priced lines on average, up to %zu\n",
	       dir, mixed.n, per_fmt[0], per_fmt[1], per_fmt[2], per_fmt[3], (double)bytes / 1e6,
	       (double)lines / (double)mixed.n, maxlines);

	if (pdf_only) {
		result pc, pf;
		double ratio = pdf_bench(&pdf, &pc, &pf);
		free_lists(&mixed, &scale, &pdf);
		return ratio > 0 ? 0 : 2;
	}

	/* Warm the page cache (and catch a broken corpus early). */
	result warm;
	if (measure(&mixed, mixed.n, MODE_FLOOR_ALL, 2, &warm) != 0) {
		fprintf(stderr, "bench: the warm-up run failed\n");
		return 2;
	}

	printf("\n  %-26s thr  docs  seconds    docs/s  peak RSS\n", "");
	result r[4][2];
	const mode modes[] = { MODE_CHECK, MODE_FLOOR_READ, MODE_FLOOR_ALL };
	for (size_t k = 0; k < (check_only ? 1 : sizeof(modes) / sizeof(modes[0])); k++) {
		for (int t = 1; t <= 2; t++) {
			if (measure(&mixed, mixed.n, modes[k], t, &r[modes[k]][t - 1]) != 0) {
				fprintf(stderr, "bench: a measurement failed\n");
				return 2;
			}
			print_row(mode_names[modes[k]], t, &r[modes[k]][t - 1]);
		}
	}
	const result *c1 = &r[MODE_CHECK][0];
	printf("  verdicts: %zu conforme, %zu non-conforme, %zu indetermine\n",
	       c1->verdicts[SONS_VERDICT_CONFORME], c1->verdicts[SONS_VERDICT_NON_CONFORME],
	       c1->verdicts[SONS_VERDICT_INDETERMINE]);
	if (check_only)
		return free_lists(&mixed, &scale, &pdf);

	printf("\nPer format (1 thread): ms per document, and sons over the floor\n");
	printf("  format   docs   sons   floor(read)  ratio   floor(all XML)  ratio\n");
	double worst = 0;
	for (int f = 0; f < NOFFICE; f++) {
		double s = c1->fmt_seconds[f] / (double)c1->fmt_docs[f];
		double fr = r[MODE_FLOOR_READ][0].fmt_seconds[f] /
		            (double)r[MODE_FLOOR_READ][0].fmt_docs[f];
		double fa = r[MODE_FLOOR_ALL][0].fmt_seconds[f] /
		            (double)r[MODE_FLOOR_ALL][0].fmt_docs[f];
		printf("  %-6s %6zu %6.2f %10.2f %8.2fx %12.2f %8.2fx\n", fmt_names[f],
		       c1->fmt_docs[f], s * 1e3, fr * 1e3, s / fr, fa * 1e3, s / fa);
		if (s / fr > worst)
			worst = s / fr;
	}
	double all_ratio = c1->seconds / r[MODE_FLOOR_READ][0].seconds;
	printf("  all    %6zu %6.2f %10.2f %8.2fx\n", c1->docs,
	       c1->seconds * 1e3 / (double)c1->docs,
	       r[MODE_FLOOR_READ][0].seconds * 1e3 / (double)r[MODE_FLOOR_READ][0].docs, all_ratio);

	result au;
	if (measure(&mixed, audit, MODE_AUDIT, 2, &au) != 0) {
		fprintf(stderr, "bench: the audit run failed\n");
		return 2;
	}
	printf("\nAudit-sized batch (corpus cycled, each report rendered as JSON):\n");
	printf("\n  %-26s thr  docs  seconds    docs/s  peak RSS\n", "");
	print_row(mode_names[MODE_AUDIT], 2, &au);

	result pc, pf;
	double pdf_ratio = pdf_bench(&pdf, &pc, &pf);

	growth(&scale, min_seconds);

	long rss = au.maxrss_kb;
	for (int t = 0; t < 2; t++)
		if (r[MODE_CHECK][t].maxrss_kb > rss)
			rss = r[MODE_CHECK][t].maxrss_kb;
	printf("\nTargets (issue 6):\n");
	printf("  office documents within 1.5x of the floor: worst format %.2fx, all %.2fx — %s\n",
	       worst, all_ratio, worst <= 1.5 ? "met" : "MISSED");
	printf("  %zu-document audit under 30 s on 2 threads: %.1f s — %s\n", au.docs, au.seconds,
	       au.seconds < 30 ? "met" : "MISSED");
	printf("  peak RSS under 100 MB: %.1f MB — %s\n", (double)rss / 1024.0,
	       rss < 100 * 1024 ? "met" : "MISSED");
	if (pdf_ratio > 0)
		printf("  PDF within 1.5x of poppler's text extraction: %.0f against %.0f pages/s, "
		       "%.2fx — %s\n",
		       (double)pc.pages / pc.seconds, (double)pf.pages / pf.seconds, pdf_ratio,
		       pdf_ratio <= 1.5 ? "met" : "MISSED");
	return free_lists(&mixed, &scale, &pdf);
}
