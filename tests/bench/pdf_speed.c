/* SPDX-License-Identifier: MIT */
/* The floor the PDF reader is measured against: poppler's own text
 * extraction, poppler_page_get_text() on every page of every file given,
 * REPS times over, nothing else. Prints "PAGES SECONDS".
 * Usage: sons-pdf-floor REPS FILE... */
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s REPS FILE...\n", argv[0]);
		return 2;
	}
	int reps = atoi(argv[1]);
	long pages = 0;
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int r = 0; r < reps; r++)
		for (int i = 2; i < argc; i++) {
			gchar *data;
			gsize len;
			if (!g_file_get_contents(argv[i], &data, &len, NULL))
				return 1;
			GBytes *bytes = g_bytes_new_take(data, len);
			PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, NULL);
			g_bytes_unref(bytes);
			if (!doc)
				continue; /* a scan or an encrypted file: not in the count */
			int n = poppler_document_get_n_pages(doc);
			for (int k = 0; k < n; k++) {
				PopplerPage *page = poppler_document_get_page(doc, k);
				g_free(poppler_page_get_text(page));
				g_object_unref(page);
				pages++;
			}
			g_object_unref(doc);
		}
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%ld %.3f\n", pages,
	       (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9);
	return 0;
}
