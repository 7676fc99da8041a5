/* SPDX-License-Identifier: MIT */
/* The zip and XML layers under their safety limits, and the .docx and .odt
 * readers: documents are built in memory (libzip) and read through
 * sons__read_document(), then the model is checked block by block.
 * Optional argument: the fuzz corpus directory (tests/fuzz/corpus). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <zip.h>

#include "internal.h"

#include "harness.h"

/* ------------------------------------------------------------------ */
/* Building archives                                                   */

typedef struct entry {
	const char *name;
	const char *data;
	size_t len; /* 0: strlen(data) */
	int store;  /* no compression */
} entry;

static unsigned char *zip_build(const entry *e, size_t n, size_t *outlen)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	unsigned char *buf = NULL;
	*outlen = 0;
	if (!src)
		goto out;
	zip_source_keep(src);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!za)
		goto out_src;
	for (size_t i = 0; i < n; i++) {
		size_t len = e[i].len ? e[i].len : strlen(e[i].data);
		zip_source_t *s = zip_source_buffer(za, e[i].data, len, 0);
		zip_int64_t idx = s ? zip_file_add(za, e[i].name, s, ZIP_FL_ENC_UTF_8) : -1;
		if (idx < 0) {
			zip_source_free(s);
			zip_discard(za);
			goto out_src;
		}
		zip_set_file_compression(za, (zip_uint64_t)idx,
		                         e[i].store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
	}
	if (zip_close(za) != 0) {
		zip_discard(za);
		goto out_src;
	}
	if (zip_source_open(src) != 0)
		goto out_src;
	zip_source_seek(src, 0, SEEK_END);
	zip_int64_t size = zip_source_tell(src);
	zip_source_seek(src, 0, SEEK_SET);
	if (size > 0 && (buf = malloc((size_t)size)) != NULL) {
		if (zip_source_read(src, buf, (zip_uint64_t)size) == size) {
			*outlen = (size_t)size;
		} else {
			free(buf);
			buf = NULL;
		}
	}
	zip_source_close(src);
out_src:
	zip_source_free(src);
out:
	zip_error_fini(&ze);
	return buf;
}

static unsigned rd16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static unsigned long rd32(const unsigned char *p)
{
	return (unsigned long)rd16(p) | (unsigned long)rd16(p + 2) << 16;
}

static void wr16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void wr32(unsigned char *p, unsigned long v)
{
	wr16(p, (unsigned)(v & 0xFFFF));
	wr16(p + 2, (unsigned)(v >> 16));
}

enum field { F_FLAGS, F_METHOD, F_CRC, F_USIZE };

/* Rewrites a field of entry `name` in both its central directory record
 * and its local header, as a forger would. Returns 1 when patched. */
static int zip_patch(unsigned char *z, size_t len, const char *name, enum field f, unsigned long v)
{
	static const int cd_off[] = { 8, 10, 16, 24 }, lh_off[] = { 6, 8, 14, 22 };
	size_t e = len - 22;
	while (e > 0 && memcmp(z + e, "PK\5\6", 4) != 0)
		e--;
	unsigned n = rd16(z + e + 10);
	size_t off = rd32(z + e + 16);
	for (unsigned i = 0; i < n && off + 46 <= len; i++) {
		unsigned nlen = rd16(z + off + 28), elen = rd16(z + off + 30);
		unsigned clen = rd16(z + off + 32);
		size_t lho = rd32(z + off + 42);
		if (nlen == strlen(name) && memcmp(z + off + 46, name, nlen) == 0) {
			int wide = f == F_CRC || f == F_USIZE;
			if (wide) {
				wr32(z + off + cd_off[f], v);
				wr32(z + lho + lh_off[f], v);
			} else {
				wr16(z + off + cd_off[f], (unsigned)v);
				wr16(z + lho + lh_off[f], (unsigned)v);
			}
			return 1;
		}
		off += 46 + nlen + elen + clen;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */

static sons_status read_bytes(const unsigned char *data, size_t len, const sons_limits *lim,
                              sons_lang lang, const char *name, sons_doc **doc, sons_error *err)
{
	*doc = sons__doc_new();
	memset(err, 0, sizeof(*err));
	sons_rctx r = { *doc, lim, lang, name, err };
	return sons__read_document(&r, data, len);
}

static sons_status read_zip(const entry *e, size_t n, const sons_limits *lim, const char *name,
                            sons_doc **doc, sons_error *err)
{
	size_t len;
	unsigned char *z = zip_build(e, n, &len);
	sons_status st = read_bytes(z, len, lim, SONS_LANG_FR, name, doc, err);
	free(z);
	return st;
}

static const sons_block *nth_block(const sons_doc *d, sons_block_type type, size_t k)
{
	for (size_t i = 0; i < sons__doc_block_count(d); i++) {
		const sons_block *b = sons__doc_block(d, i);
		if (b->type == type && k-- == 0)
			return b;
	}
	return NULL;
}

static const char *para(const sons_doc *d, size_t k)
{
	const sons_block *b = nth_block(d, SONS_BLOCK_PARA, k);
	return b ? b->text : NULL;
}

static int heading(const sons_doc *d, size_t k)
{
	const sons_block *b = nth_block(d, SONS_BLOCK_PARA, k);
	return b ? b->heading : -1;
}

static size_t count(const sons_doc *d, sons_block_type type)
{
	size_t n = 0;
	for (size_t i = 0; i < sons__doc_block_count(d); i++)
		n += sons__doc_block(d, i)->type == type;
	return n;
}

static const sons_cell *cell(const sons_block *t, size_t row, size_t c)
{
	if (!t || row >= t->nrows || c >= t->rows[row].ncells)
		return NULL;
	return &t->rows[row].cells[c];
}

/* The text with \n and \t written as such, so that TAP diagnostics stay
 * on one line. Four rotating buffers. */
static const char *esc(const char *s)
{
	static char bufs[4][512];
	static int next;
	if (!s)
		return NULL;
	char *b = bufs[next++ % 4];
	size_t n = 0;
	for (; *s && n + 3 < sizeof(bufs[0]); s++) {
		if (*s == '\n' || *s == '\t') {
			b[n++] = '\\';
			b[n++] = *s == '\n' ? 'n' : 't';
		} else {
			b[n++] = *s;
		}
	}
	b[n] = '\0';
	return b;
}

/* "text@col/span" of a cell (escaped), for compact assertions. */
static const char *cs(const sons_block *t, size_t row, size_t c)
{
	static char buf[600];
	const sons_cell *x = cell(t, row, c);
	if (!x)
		return "(none)";
	snprintf(buf, sizeof(buf), "%s@%d/%d", esc(x->text), x->col, x->span);
	return buf;
}

static int any_text_contains(const sons_doc *d, const char *needle)
{
	for (size_t i = 0; i < sons__doc_block_count(d); i++) {
		const sons_block *b = sons__doc_block(d, i);
		if (b->text && strstr(b->text, needle))
			return 1;
		for (size_t r = 0; r < b->nrows; r++)
			for (size_t c = 0; c < b->rows[r].ncells; c++)
				if (strstr(b->rows[r].cells[c].text, needle))
					return 1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Word                                                                */

#define W_NS                                                                                       \
	"xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "                \
	"xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "                \
	"xmlns:o=\"urn:schemas-microsoft-com:office:office\" "                                     \
	"xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\""
#define XML_DECL      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
#define WDOC(body)    XML_DECL "<w:document " W_NS "><w:body>" body "</w:body></w:document>"
#define WP(text)      "<w:p><w:r><w:t>" text "</w:t></w:r></w:p>"
#define WTC(pr, text) "<w:tc><w:tcPr>" pr "</w:tcPr>" WP(text) "</w:tc>"
#define WHDR(text)    XML_DECL "<w:hdr " W_NS ">" WP(text) "</w:hdr>"
#define WFTR(text)    XML_DECL "<w:ftr " W_NS ">" WP(text) "</w:ftr>"

/* clang-format off */
static const char docx_text[] = WDOC(
	"<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Devis</w:t></w:r></w:p>"
	"<w:p><w:pPr><w:pStyle w:val=\"titre2\"/></w:pPr><w:r><w:t>Détail</w:t></w:r></w:p>"
	"<w:p><w:pPr><w:pStyle w:val=\"Normal\"/><w:outlineLvl w:val=\"2\"/></w:pPr>"
	"<w:r><w:t>Niveau</w:t></w:r></w:p>"
	"<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
	"<w:r><w:t xml:space=\"preserve\">A </w:t><w:tab/><w:t>B</w:t><w:br/><w:t>C</w:t>"
	"<w:noBreakHyphen/><w:t>D</w:t><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/><w:cr/>"
	"<w:t>E</w:t></w:r></w:p>"
	"<w:p><w:r><w:t xml:space=\"preserve\">Prix </w:t></w:r><w:del w:id=\"1\">"
	"<w:r><w:delText>9 999 €</w:delText></w:r></w:del><w:ins w:id=\"2\"><w:r>"
	"<w:t>1 234 €</w:t></w:r></w:ins></w:p>"
	"<w:p><w:r><w:t>Avant</w:t></w:r><w:r><mc:AlternateContent>"
	"<mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>" WP("Boîte")
	"</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
	WP("Boîte") "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
	"<w:r><w:t xml:space=\"preserve\"> après</w:t></w:r></w:p>"
	"<w:sdt><w:sdtPr><w:alias w:val=\"Date\"/></w:sdtPr><w:sdtContent>" WP("Contrôle")
	"</w:sdtContent></w:sdt>"
	"<w:p><w:r><w:object><o:OLEObject ProgID=\"Excel.Sheet\"/></w:object></w:r>"
	"<w:r><w:object/></w:r></w:p>"
	"<w:p><w:r><w:drawing><c:chart/></w:drawing></w:r></w:p>"
	"<w:p/><w:p><w:r><w:t>   </w:t></w:r></w:p>");
/* clang-format on */

static void test_docx_text(void)
{
	/* clang-format off */
	static const char core[] =
		XML_DECL "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/"
		"package/2006/metadata/core-properties\" "
		"xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
		"<dc:title>Mon devis</dc:title></cp:coreProperties>";
	/* clang-format on */
	const entry e[] = {
		{ "word/document.xml", docx_text, 0, 0 },
		{ "word/header10.xml", WHDR("H10"), 0, 0 },
		{ "word/footer1.xml", WFTR("F1"), 0, 0 },
		{ "word/header2.xml", WHDR("H2"), 0, 0 },
		{ "word/header1.xml", WHDR("H1 SIRET 732 829 320 00074"), 0, 0 },
		{ "word/headers/x.xml", WHDR("pas un en-tête"), 0, 0 },
		{ "docProps/core.xml", core, 0, 0 },
	};
	sons_doc *d;
	sons_error err;
	sons_status st = read_zip(e, sizeof(e) / sizeof(e[0]), NULL, "t.docx", &d, &err);
	is_int(st, SONS_OK, "docx: read (%s)", err.message);
	is_str(sons__doc_format(d), "docx", "docx: format");
	is_int(count(d, SONS_BLOCK_PARA), 12, "docx: 8 body paragraphs + 4 header/footer");
	is_str(para(d, 0), "Devis", "docx: Heading1 text");
	is_int(heading(d, 0), 1, "docx: Heading1 is level 1");
	is_int(heading(d, 1), 2, "docx: titre2 is level 2");
	is_int(heading(d, 2), 3, "docx: outlineLvl 2 is level 3");
	is_str(esc(para(d, 3)), "A \\tB\\nC-D\\nE",
	       "docx: tab, br, noBreakHyphen, cr; sym ignored");
	is_int(heading(d, 3), 0, "docx: body text has no level");
	is_str(para(d, 4), "Prix 1 234 €", "docx: insertion read, deletion not");
	is_str(para(d, 5), "Boîte", "docx: text box read once (Fallback skipped)");
	is_str(para(d, 6), "Avant après", "docx: paragraph around the text box");
	is_str(para(d, 7), "Contrôle", "docx: content control read");
	is_str(para(d, 8), "H1 SIRET 732 829 320 00074", "docx: header1 after the body");
	is_str(para(d, 9), "H2", "docx: header2 next");
	is_str(para(d, 10), "H10", "docx: header10 after header2 (number order)");
	is_str(para(d, 11), "F1", "docx: footers after headers");
	ok(!any_text_contains(d, "pas un en-tête"), "docx: word/headers/x.xml not a header");
	is_str(sons__doc_meta(d, "title"), "Mon devis", "docx: dc:title as meta title");
	is_int(sons__doc_skip_count(d), 2, "docx: OLE and chart reported once each");
	const sons_skip *s0 = sons__doc_skip(d, 0), *s1 = sons__doc_skip(d, 1);
	ok(s0 && strstr(s0->what_fr, "OLE") && strstr(s0->what_en, "OLE"),
	   "docx: OLE skip described: %s", s0 ? s0->what_fr : "");
	ok(s1 && strstr(s1->what_fr, "graphique") && strstr(s1->what_en, "chart"),
	   "docx: chart skip described: %s", s1 ? s1->what_fr : "");
	sons__doc_free(d);
}

/* clang-format off */
static const char docx_table[] = WDOC(
	"<w:tbl><w:tblPr/><w:tblGrid/>"
	"<w:tr>" WTC("", "A") WTC("<w:gridSpan w:val=\"2\"/>", "BC") WTC("", "D") "</w:tr>"
	"<w:tr>" WTC("<w:vMerge w:val=\"restart\"/>", "V")
	"<w:tc>" WP("1") WP("2") "</w:tc>" WTC("<w:gridSpan w:val=\"2\"/>", "E") "</w:tr>"
	"<w:tr>" WTC("<w:vMerge/>", "ignoré") WTC("", "F") WTC("", "G") WTC("", "H") "</w:tr>"
	"<w:tr><w:trPr><w:gridBefore w:val=\"2\"/></w:trPr>" WTC("", "Total") WTC("", "9")
	"</w:tr>"
	"<w:tr><w:tc>" WP("dehors") "<w:tbl><w:tr>" WTC("", "a") WTC("", "b") "</w:tr><w:tr>"
	WTC("", "c") WTC("<w:vMerge/>", "x") "</w:tr></w:tbl>" WP("fin") "</w:tc>"
	"<w:tc/></w:tr>"
	"</w:tbl>" WP("Après"));
/* clang-format on */

static void test_docx_table(void)
{
	const entry e[] = { { "word/document.xml", docx_table, 0, 0 } };
	sons_doc *d;
	sons_error err;
	sons_status st = read_zip(e, 1, NULL, "t.docx", &d, &err);
	is_int(st, SONS_OK, "docx table: read (%s)", err.message);
	const sons_block *t = nth_block(d, SONS_BLOCK_TABLE, 0);
	ok(t != NULL, "docx table: one table");
	is_int(count(d, SONS_BLOCK_TABLE), 1, "docx table: nested table not a block");
	is_int(t ? t->nrows : 0, 5, "docx table: five rows");
	is_str(cs(t, 0, 0), "A@1/1", "docx table: first cell");
	is_str(cs(t, 0, 1), "BC@2/2", "docx table: gridSpan 2");
	is_str(cs(t, 0, 2), "D@4/1", "docx table: after the span, column 4");
	is_str(cs(t, 1, 1), "1\\n2@2/1", "docx table: paragraphs of a cell joined by \\n");
	is_str(cs(t, 1, 2), "E@3/2", "docx table: span at the end");
	is_str(cs(t, 2, 0), "@1/1", "docx table: vMerge continue is an empty cell");
	is_str(cs(t, 2, 3), "H@4/1", "docx table: columns aligned after the merge");
	is_str(cs(t, 3, 0), "Total@3/1", "docx table: gridBefore shifts the first cell");
	is_str(cs(t, 3, 1), "9@4/1", "docx table: and the next");
	is_str(cs(t, 4, 0), "dehors\\na | b\\nc | \\nfin@1/1",
	       "docx table: nested table flattened into its cell (merged cell empty)");
	is_str(cs(t, 4, 1), "@2/1", "docx table: empty cell <w:tc/>");
	is_int(t && t->nrows ? t->rows[4].index : 0, 5, "docx table: row numbers");
	is_str(para(d, 0), "Après", "docx table: paragraph after the table");
	sons__doc_free(d);
}

/* A Word body of n tables nested in one another. */
static char *nested_docx(int n)
{
	size_t cap = 512 + (size_t)n * 96;
	char *s = malloc(cap);
	size_t len = (size_t)snprintf(s, cap, XML_DECL "<w:document " W_NS "><w:body>");
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(s + len, cap - len, "<w:tbl><w:tr><w:tc>" WP("L%d"), i + 1);
	len += (size_t)snprintf(s + len, cap - len, WP("cœur"));
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(s + len, cap - len, "</w:tc></w:tr></w:tbl>");
	snprintf(s + len, cap - len, "</w:body></w:document>");
	return s;
}

/* A Word paragraph with runs nested n deep. */
static char *deep_docx(int n)
{
	size_t cap = 512 + (size_t)n * 12;
	char *s = malloc(cap);
	size_t len = (size_t)snprintf(s, cap, XML_DECL "<w:document " W_NS "><w:body><w:p>");
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(s + len, cap - len, "<w:r>");
	len += (size_t)snprintf(s + len, cap - len, "<w:t>fond</w:t>");
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(s + len, cap - len, "</w:r>");
	snprintf(s + len, cap - len, "</w:p></w:body></w:document>");
	return s;
}

static void test_docx_limits(void)
{
	sons_limits lim = SONS_LIMITS_INIT;
	sons_doc *d;
	sons_error err;

	lim.max_table_depth = 3;
	char *s = nested_docx(3);
	entry e = { "word/document.xml", s, 0, 0 };
	sons_status st = read_zip(&e, 1, &lim, "t.docx", &d, &err);
	is_int(st, SONS_OK, "nested tables: 3 levels under a limit of 3 (%s)", err.message);
	is_str(cs(nth_block(d, SONS_BLOCK_TABLE, 0), 0, 0), "L1\\nL2 L3 cœur@1/1",
	       "nested tables: flattened");
	sons__doc_free(d);
	free(s);

	e.data = s = nested_docx(4);
	st = read_zip(&e, 1, &lim, "t.docx", &d, &err);
	is_int(st, SONS_ELIMIT, "nested tables: 4 levels over a limit of 3");
	ok(strstr(err.message, "imbriqués sur plus de 3 niveaux") != NULL, "message: %s",
	   err.message);
	is_str(err.path, "t.docx", "error names the file");
	sons__doc_free(d);
	free(s);

	e.data = s = nested_docx(20);
	st = read_zip(&e, 1, NULL, "t.docx", &d, &err);
	is_int(st, SONS_ELIMIT, "nested tables: 20 levels over the default 16");
	sons__doc_free(d);
	free(s);

	lim.max_xml_depth = 20;
	e.data = s = deep_docx(10);
	st = read_zip(&e, 1, &lim, "t.docx", &d, &err);
	is_int(st, SONS_OK, "XML depth: 14 levels under 20 (%s)", err.message);
	is_str(para(d, 0), "fond", "XML depth: text read");
	sons__doc_free(d);
	free(s);

	e.data = s = deep_docx(30);
	st = read_zip(&e, 1, &lim, "t.docx", &d, &err);
	is_int(st, SONS_ELIMIT, "XML depth: 34 levels over 20");
	ok(strstr(err.message, "word/document.xml") && strstr(err.message, "20 niveaux"),
	   "message: %s", err.message);
	sons__doc_free(d);
	free(s);

	e.data = s = deep_docx(300);
	st = read_zip(&e, 1, NULL, "t.docx", &d, &err);
	is_int(st, SONS_ELIMIT, "XML depth: 300 levels over the default 256");
	sons__doc_free(d);
	free(s);
}

static void test_docx_hostile_xml(void)
{
	sons_doc *d;
	sons_error err;
	sons_status st;

	/* A local file the document points at through an external entity. */
	char path[] = "/tmp/sons-xxe-XXXXXX";
	int fd = mkstemp(path);
	ok(fd >= 0, "xxe: canary file created");
	if (fd >= 0) {
		ssize_t w = write(fd, "SECRET_CANARY_42", 16);
		(void)w;
		close(fd);
	}
	char doc[1024];
	snprintf(doc, sizeof(doc),
	         XML_DECL "<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file://%s\">]>"
	                  "<w:document " W_NS "><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>"
	                  "</w:body></w:document>",
	         path);
	entry e = { "word/document.xml", doc, 0, 0 };
	st = read_zip(&e, 1, NULL, "t.docx", &d, &err);
	is_int(st, SONS_EFORMAT, "xxe: DOCTYPE refused");
	ok(strstr(err.message, "DOCTYPE refusée") != NULL, "message: %s", err.message);
	ok(!any_text_contains(d, "SECRET"), "xxe: nothing of the local file in the model");
	sons__doc_free(d);

	/* Even walking the raw reader past the DOCTYPE, nothing is loaded. */
	xmlTextReaderPtr x = sons__xml_reader_new((const unsigned char *)doc, strlen(doc), "x");
	int leaked = 0, nodes = 0;
	while (x && xmlTextReaderRead(x) == 1) {
		nodes++;
		const xmlChar *v = xmlTextReaderConstValue(x);
		if (v && strstr((const char *)v, "SECRET"))
			leaked = 1;
	}
	ok(x && nodes > 3 && !leaked, "xxe: the parser options load no external entity (%d)",
	   nodes);
	xmlFreeTextReader(x);

	/* In an attribute, the parser stops before the DOCTYPE node. */
	snprintf(doc, sizeof(doc),
	         XML_DECL "<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file://%s\">]>"
	                  "<w:document " W_NS " w:x=\"&xxe;\"><w:body/></w:document>",
	         path);
	st = read_zip(&e, 1, NULL, "t.docx", &d, &err);
	ok(st == SONS_EFORMAT && strstr(err.message, "DOCTYPE refusée"),
	   "xxe in an attribute: DOCTYPE refused: %s", err.message);
	sons__doc_free(d);
	unlink(path);

	static const char lol[] =
	        XML_DECL "<!DOCTYPE w:document [<!ENTITY a \"aaaaaaaaaa\">"
	                 "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
	                 "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
	                 "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
	                 "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
	                 "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">"
	                 "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
	                 "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">"
	                 "<!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">]>"
	                 "<w:document " W_NS "><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p>"
	                 "</w:body></w:document>";
	e.data = lol;
	clock_t t0 = clock();
	st = read_zip(&e, 1, NULL, "t.docx", &d, &err);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	is_int(st, SONS_EFORMAT, "billion laughs: refused");
	ok(strstr(err.message, "DOCTYPE") != NULL, "message: %s", err.message);
	ok(secs < 5.0, "billion laughs: refused at once (%.3f s)", secs);
	sons__doc_free(d);

	static const char bad[] = WDOC(WP("ok") "<w:p><w:r><w:t>oups</w:r></w:p>");
	e.data = bad;
	st = read_zip(&e, 1, NULL, "t.docx", &d, &err);
	is_int(st, SONS_EFORMAT, "malformed XML: EFORMAT");
	ok(strstr(err.message, "word/document.xml : XML mal formé, ligne 1 : ") != NULL,
	   "message names the part and the line: %s", err.message);
	sons__doc_free(d);

	size_t zlen;
	unsigned char *z = zip_build(&e, 1, &zlen);
	st = read_bytes(z, zlen, NULL, SONS_LANG_EN, "t.docx", &d, &err);
	ok(st == SONS_EFORMAT && strstr(err.message, "word/document.xml: malformed XML, line 1"),
	   "message in English: %s", err.message);
	sons__doc_free(d);
	free(z);

	e.data = "";
	e.len = 0;
	st = read_zip(&e, 1, NULL, "t.docx", &d, &err);
	is_int(st, SONS_EFORMAT, "empty document.xml: EFORMAT (%s)", err.message);
	sons__doc_free(d);

	/* Encodings: Latin-1 is converted; bytes that do not follow the declared
	 * encoding are an error, and libxml2 prints nothing (see main). */
	static const char latin1[] =
	        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
	        "<w:document " W_NS "><w:body>" WP("Caf\xe9") "</w:body></w:document>";
	e.data = latin1;
	st = read_zip(&e, 1, NULL, "t.docx", &d, &err);
	ok(st == SONS_OK && para(d, 0) && strcmp(para(d, 0), "Café") == 0,
	   "encoding: ISO-8859-1 converted (%s)", err.message);
	sons__doc_free(d);
	static const char ascii[] =
	        "<?xml version=\"1.0\" encoding=\"US-ASCII\"?>"
	        "<w:document " W_NS "><w:body>" WP("Café") "</w:body></w:document>";
	e.data = ascii;
	st = read_zip(&e, 1, NULL, "t.docx", &d, &err);
	is_int(st, SONS_EFORMAT, "encoding: UTF-8 bytes declared US-ASCII refused: %s",
	       err.message);
	sons__doc_free(d);
	static const char jis[] =
	        "<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?>"
	        "<w:document " W_NS "><w:body>" WP("Café 9 \xff\xfe") "</w:body></w:document>";
	e.data = jis;
	st = read_zip(&e, 1, NULL, "t.docx", &d, &err);
	ok(st == SONS_EFORMAT && strstr(err.message, "ne suivent pas l'encodage déclaré"),
	   "encoding: bytes ISO-2022-JP cannot convert refused: %s", err.message);
	sons__doc_free(d);
	static const char utf16[] = "\xff\xfe<\0a\0/\0>\0\0\xd8";
	xmlTextReaderPtr u =
	        sons__xml_reader_new((const unsigned char *)utf16, sizeof(utf16) - 1, "u");
	sons_rctx r16 = { NULL, NULL, SONS_LANG_FR, "u", &err };
	int ret16;
	while ((ret16 = sons__xml_next(&r16, u, "u.xml")) == 1)
		;
	xmlFreeTextReader(u);
	ok(ret16 <= 0, "encoding: UTF-16 with a lone surrogate handled (%d)", ret16);
}

/* ------------------------------------------------------------------ */
/* Zip under limits                                                    */

static void test_zip(void)
{
	sons_limits lim = SONS_LIMITS_INIT;
	sons_error err;
	sons_rctx r = { NULL, &lim, SONS_LANG_FR, "z.zip", &err };
	sons_zip *z = NULL;
	size_t len, n;
	unsigned char *buf, *out;
	sons_status st;

	/* 50 entries against a limit of 10. */
	entry many[50];
	char names[50][32];
	for (int i = 0; i < 50; i++) {
		snprintf(names[i], sizeof(names[i]), "f%02d.txt", i);
		many[i] = (entry){ names[i], "x", 0, 0 };
	}
	buf = zip_build(many, 50, &len);
	lim.max_entries = 10;
	st = sons__zip_open(&z, &r, buf, len);
	is_int(st, SONS_ELIMIT, "zip: 50 entries over a limit of 10");
	ok(z == NULL && strstr(err.message, "50 fichiers") && strstr(err.message, "10"),
	   "message: %s", err.message);
	lim.max_entries = 0;
	st = sons__zip_open(&z, &r, buf, len);
	is_int(st, SONS_OK, "zip: 50 entries under the default limit");
	is_int(sons__zip_count(z), 50, "zip: count");
	is_str(sons__zip_name(z, 7), "f07.txt", "zip: name of entry 7");
	ok(sons__zip_name(z, 50) == NULL, "zip: no entry 50");
	ok(sons__zip_has(z, "f49.txt") && !sons__zip_has(z, "f50.txt"), "zip: has");
	st = sons__zip_read(z, "f03.txt", &out, &n);
	ok(st == SONS_OK && n == 1 && out[0] == 'x' && out[1] == '\0', "zip: read, NUL-terminated");
	sons__free(out);
	st = sons__zip_read(z, "absent.xml", &out, &n);
	ok(st == SONS_EFORMAT && strstr(err.message, "absent.xml : partie absente"),
	   "zip: missing part: %s", err.message);
	sons__zip_close(z);
	free(buf);

	/* A bomb of zeros: honest sizes are refused before inflating. */
	char *zeros = calloc(1, 3u << 20);
	entry bomb = { "word/document.xml", zeros, 300000, 0 };
	buf = zip_build(&bomb, 1, &len);
	lim.max_entry_bytes = 100000;
	sons__zip_open(&z, &r, buf, len);
	st = sons__zip_read(z, "word/document.xml", &out, &n);
	is_int(st, SONS_ELIMIT, "bomb: declared size over max_entry_bytes");
	ok(strstr(err.message, "annoncée") != NULL, "message: %s", err.message);
	sons__zip_close(z);

	/* The same bomb declaring 1000 bytes: the real bytes are counted. */
	ok(zip_patch(buf, len, "word/document.xml", F_USIZE, 1000), "bomb: size forged");
	sons__zip_open(&z, &r, buf, len);
	st = sons__zip_read(z, "word/document.xml", &out, &n);
	is_int(st, SONS_ELIMIT, "bomb: lying size, stopped by the real count");
	ok(strstr(err.message, "word/document.xml : taille décompressée au-delà de la limite "
	                       "de 100000 octets (bombe zip ?)") != NULL,
	   "message: %s", err.message);
	sons__zip_close(z);
	lim.max_entry_bytes = 0;
	sons__zip_open(&z, &r, buf, len);
	st = sons__zip_read(z, "word/document.xml", &out, &n);
	ok(st == SONS_OK && n == 300000, "bomb: under the default limit, all 300000 bytes read");
	sons__free(out);
	sons__zip_close(z);
	free(buf);

	/* Compression ratio: 2 MiB of zeros is about 1000 to 1. */
	bomb.len = 2u << 20;
	buf = zip_build(&bomb, 1, &len);
	sons__zip_open(&z, &r, buf, len);
	st = sons__zip_read(z, "word/document.xml", &out, &n);
	is_int(st, SONS_ELIMIT, "ratio: 2 MiB of zeros refused");
	ok(strstr(err.message, "taux de compression anormal (plus de 200 pour 1") != NULL,
	   "message: %s", err.message);
	sons__zip_close(z);
	free(buf);
	bomb.len = 900000; /* below the 1 MiB floor of the ratio check */
	buf = zip_build(&bomb, 1, &len);
	sons__zip_open(&z, &r, buf, len);
	st = sons__zip_read(z, "word/document.xml", &out, &n);
	ok(st == SONS_OK && n == 900000, "ratio: not applied below 1 MiB");
	sons__free(out);
	sons__zip_close(z);
	free(buf);

	/* Total inflated bytes of the archive. */
	entry two[2] = { { "a.xml", zeros, 60000, 1 }, { "b.xml", zeros, 60000, 1 } };
	buf = zip_build(two, 2, &len);
	lim.max_inflated = 100000;
	sons__zip_open(&z, &r, buf, len);
	st = sons__zip_read(z, "a.xml", &out, &n);
	is_int(st, SONS_OK, "total: first entry fits");
	sons__free(out);
	st = sons__zip_read(z, "b.xml", &out, &n);
	is_int(st, SONS_ELIMIT, "total: second entry goes over max_inflated");
	ok(strstr(err.message, "b.xml : le total décompressé") != NULL, "message: %s", err.message);
	sons__zip_close(z);
	free(buf);
	lim.max_inflated = 0;
	free(zeros);

	/* Corruption, encryption, methods. */
	entry one = { "word/document.xml", WDOC(WP("ok")), 0, 0 };
	buf = zip_build(&one, 1, &len);
	unsigned char *copy = malloc(len);
	memcpy(copy, buf, len);
	zip_patch(copy, len, "word/document.xml", F_CRC, 0xDEADBEEFul);
	sons__zip_open(&z, &r, copy, len);
	st = sons__zip_read(z, "word/document.xml", &out, &n);
	is_int(st, SONS_EFORMAT, "CRC mismatch: EFORMAT");
	ok(strstr(err.message, "CRC") != NULL, "message: %s", err.message);
	sons__zip_close(z);
	memcpy(copy, buf, len);
	zip_patch(copy, len, "word/document.xml", F_FLAGS, 1);
	sons__zip_open(&z, &r, copy, len);
	st = sons__zip_read(z, "word/document.xml", &out, &n);
	is_int(st, SONS_EUNSUPPORTED, "encrypted entry: EUNSUPPORTED");
	ok(strstr(err.message, "chiffré") != NULL, "message: %s", err.message);
	sons__zip_close(z);
	memcpy(copy, buf, len);
	zip_patch(copy, len, "word/document.xml", F_METHOD, 12);
	sons__zip_open(&z, &r, copy, len);
	st = sons__zip_read(z, "word/document.xml", &out, &n);
	is_int(st, SONS_EUNSUPPORTED, "bzip2 entry: EUNSUPPORTED");
	ok(strstr(err.message, "méthode de compression n° 12") != NULL, "message: %s", err.message);
	sons__zip_close(z);
	st = sons__zip_open(&z, &r, buf, len / 2);
	ok(st == SONS_EFORMAT && z == NULL, "truncated archive: EFORMAT: %s", err.message);
	lim.max_file_bytes = 100;
	st = sons__zip_open(&z, &r, buf, len);
	is_int(st, SONS_ELIMIT, "archive over max_file_bytes");
	lim.max_file_bytes = 0;
	free(copy);
	free(buf);

	sons_doc *d;
	st = read_bytes((const unsigned char *)"", 0, NULL, SONS_LANG_FR, "v.docx", &d, &err);
	is_int(st, SONS_EFORMAT, "empty file: EFORMAT");
	sons__doc_free(d);
	entry other = { "readme.txt", "hello", 0, 0 };
	st = read_zip(&other, 1, NULL, "x.docx", &d, &err);
	is_int(st, SONS_EUNSUPPORTED, "zip of something else: EUNSUPPORTED");
	sons__doc_free(d);
}

/* ------------------------------------------------------------------ */
/* XML layer                                                           */

static void test_xml(void)
{
	sons_limits lim = SONS_LIMITS_INIT;
	sons_error err;
	sons_rctx r = { NULL, &lim, SONS_LANG_FR, "x.xml", &err };
	static const char x3[] = "<a><b><c>t</c></b></a>";
	lim.max_xml_depth = 3;
	xmlTextReaderPtr x = sons__xml_reader_new((const unsigned char *)x3, strlen(x3), "p");
	int ret, nodes = 0;
	while ((ret = sons__xml_next(&r, x, "p.xml")) == 1)
		nodes++;
	ok(ret == 0 && nodes == 7, "xml: 3 levels under a limit of 3 (%d nodes)", nodes);
	xmlFreeTextReader(x);
	lim.max_xml_depth = 2;
	x = sons__xml_reader_new((const unsigned char *)x3, strlen(x3), "p");
	while ((ret = sons__xml_next(&r, x, "p.xml")) == 1)
		;
	ok(ret == -1 && err.code == SONS_ELIMIT, "xml: 3 levels over a limit of 2");
	ok(strstr(err.message, "p.xml : éléments XML imbriqués sur plus de 2 niveaux") != NULL,
	   "message: %s", err.message);
	xmlFreeTextReader(x);

	static const char dt[] = "<!DOCTYPE a><a/>";
	x = sons__xml_reader_new((const unsigned char *)dt, strlen(dt), "p");
	ret = sons__xml_next(&r, x, "p.xml");
	ok(ret == -1 && err.code == SONS_EFORMAT, "xml: a bare DOCTYPE is refused too");
	xmlFreeTextReader(x);

	static const char bad[] = "<a>\n<b>\n</a>";
	x = sons__xml_reader_new((const unsigned char *)bad, strlen(bad), "p");
	while ((ret = sons__xml_next(&r, x, "p.xml")) == 1)
		;
	ok(ret == -1 && err.code == SONS_EFORMAT && strstr(err.message, "ligne 3"),
	   "xml: parse error with its line: %s", err.message);
	xmlFreeTextReader(x);

	x = sons__xml_reader_new((const unsigned char *)"", 0, "p");
	ret = x ? sons__xml_next(&r, x, "p.xml") : 99;
	ok(ret == -1 && err.code == SONS_EFORMAT, "xml: empty part is an error: %s", err.message);
	xmlFreeTextReader(x);
}

/* ------------------------------------------------------------------ */
/* OpenDocument text                                                   */

#define ODT_MIME "application/vnd.oasis.opendocument.text"
#define O_NS                                                                                       \
	"xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "                       \
	"xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "                           \
	"xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "                         \
	"xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "                         \
	"xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" "                        \
	"xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" "                  \
	"xmlns:xlink=\"http://www.w3.org/1999/xlink\" "                                            \
	"xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
#define OCONTENT(body)                                                                             \
	XML_DECL "<office:document-content " O_NS " office:version=\"1.3\">"                       \
	         "<office:automatic-styles><style:style style:name=\"P1\"/>"                       \
	         "</office:automatic-styles><office:body><office:text>" body                       \
	         "</office:text></office:body></office:document-content>"
#define OP(text)        "<text:p>" text "</text:p>"
#define OC(attrs, text) "<table:table-cell" attrs ">" text "</table:table-cell>"

/* clang-format off */
static const char odt_content[] = OCONTENT(
	"<text:sequence-decls><text:sequence-decl text:name=\"Table\"/></text:sequence-decls>"
	"<text:tracked-changes><text:changed-region text:id=\"c1\"><text:deletion>"
	OP("supprimé") "</text:deletion></text:changed-region></text:tracked-changes>"
	"<text:h text:outline-level=\"2\">Titre <text:span>deux</text:span></text:h>"
	"<text:h>Sans niveau</text:h>"
	"<text:p>A<text:s text:c=\"3\"/>B<text:tab/>C<text:line-break/>D   E\n F"
	"<text:note><text:note-citation>1</text:note-citation><text:note-body>" OP("Note")
	"</text:note-body></text:note><office:annotation>" OP("commentaire")
	"</office:annotation></text:p>"
	"<text:list><text:list-item>" OP("item") "</text:list-item></text:list>"
	"<text:p><draw:frame><draw:object xlink:href=\"./Object 1\"/></draw:frame>"
	"<draw:frame><draw:object-ole xlink:href=\"./Object 2\"/></draw:frame>"
	"<draw:frame><draw:object xlink:href=\"./Object 3\"/><svg:title>titre svg</svg:title>"
	"</draw:frame></text:p>"
	"<table:table table:name=\"T\"><table:table-column table:number-columns-repeated=\"5\"/>"
	"<table:table-header-rows><table:table-row>" OC("", OP("H1"))
	OC(" table:number-columns-spanned=\"2\"", OP("H23")) "<table:covered-table-cell/>"
	OC("", OP("H4")) "<table:table-cell table:number-columns-repeated=\"1020\"/>"
	"</table:table-row></table:table-header-rows>"
	"<table:table-row>" OC(" table:number-rows-spanned=\"2\"", OP("V"))
	OC(" table:number-columns-repeated=\"2\"", OP("x")) "<table:table-cell/>"
	OC("", OP("a") OP("b")) "</table:table-row>"
	"<table:table-row><table:covered-table-cell/>" OC("", OP("W")) "</table:table-row>"
	"<table:table-row table:number-rows-repeated=\"2\">" OC("", OP("r")) "</table:table-row>"
	"<table:table-row table:number-rows-repeated=\"1048570\">"
	"<table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>"
	"<table:table-row>" OC("", OP("dehors") "<table:table><table:table-row>" OC("", OP("a"))
	OC("", OP("b")) "</table:table-row><table:table-row>" OC("", OP("c")) OC("", OP("d"))
	"</table:table-row></table:table>" OP("fin")) "</table:table-row>"
	"</table:table>" OP("Après"));

static const char odt_styles[] =
	XML_DECL "<office:document-styles " O_NS "><office:styles><style:default-style/>"
	"</office:styles><office:master-styles><style:master-page style:name=\"S\">"
	"<style:header>" OP("SIRET 732 829 320 00074") "</style:header>"
	"<style:footer>" OP("Pied") "</style:footer></style:master-page>"
	"</office:master-styles></office:document-styles>";

static const char odt_meta[] =
	XML_DECL "<office:document-meta " O_NS "><office:meta><dc:title>Titre ODT</dc:title>"
	"</office:meta></office:document-meta>";
/* clang-format on */

static void test_odt(void)
{
	const entry e[] = {
		{ "mimetype", ODT_MIME, 0, 1 },
		{ "content.xml", odt_content, 0, 0 },
		{ "styles.xml", odt_styles, 0, 0 },
		{ "meta.xml", odt_meta, 0, 0 },
	};
	sons_doc *d;
	sons_error err;
	sons_status st = read_zip(e, 4, NULL, "t.odt", &d, &err);
	is_int(st, SONS_OK, "odt: read (%s)", err.message);
	is_str(sons__doc_format(d), "odt", "odt: format");
	is_str(para(d, 0), "Titre deux", "odt: heading text with a span");
	is_int(heading(d, 0), 2, "odt: outline-level 2");
	is_int(heading(d, 1), 1, "odt: text:h without a level is 1");
	is_str(para(d, 2), "Note", "odt: note body as its own paragraph");
	is_str(esc(para(d, 3)), "A   B\\tC\\nD E F",
	       "odt: text:s c=3, tab, line-break, white space collapsed, no citation");
	is_str(para(d, 4), "item", "odt: list item");
	is_str(para(d, 5), "Après", "odt: paragraph after the table");
	is_str(para(d, 6), "SIRET 732 829 320 00074", "odt: master page header");
	is_str(para(d, 7), "Pied", "odt: master page footer");
	is_int(count(d, SONS_BLOCK_PARA), 8, "odt: eight paragraphs");
	ok(!any_text_contains(d, "supprimé"), "odt: tracked deletion not read");
	ok(!any_text_contains(d, "commentaire"), "odt: annotation not read");
	ok(!any_text_contains(d, "titre svg"), "odt: svg:title not read");
	is_str(sons__doc_meta(d, "title"), "Titre ODT", "odt: meta title");
	is_int(sons__doc_skip_count(d), 2, "odt: draw:object and object-ole, once each");

	const sons_block *t = nth_block(d, SONS_BLOCK_TABLE, 0);
	is_int(count(d, SONS_BLOCK_TABLE), 1, "odt: one table (nested one flattened)");
	is_int(t ? t->nrows : 0, 6, "odt: six rows kept");
	is_int(t && t->nrows ? t->rows[0].ncells : 0, 3, "odt: 1020 empty columns not expanded");
	is_str(cs(t, 0, 0), "H1@1/1", "odt: header row read");
	is_str(cs(t, 0, 1), "H23@2/2", "odt: columns-spanned");
	is_str(cs(t, 0, 2), "H4@4/1", "odt: covered cell after the span moves nothing");
	is_str(cs(t, 1, 1), "x@2/1", "odt: repeated non-empty cell, first copy");
	is_str(cs(t, 1, 2), "x@3/1", "odt: repeated non-empty cell, second copy");
	is_str(cs(t, 1, 3), "@4/1", "odt: a single empty cell kept");
	is_str(cs(t, 1, 4), "a\\nb@5/1", "odt: paragraphs of a cell joined by \\n");
	is_str(cs(t, 2, 0), "W@2/1", "odt: covered cell under a row span moves the column");
	is_str(cs(t, 3, 0), "r@1/1", "odt: rows-repeated, first copy");
	is_int(t && t->nrows > 4 ? t->rows[4].index : 0, 5, "odt: rows-repeated, second copy");
	is_int(t && t->nrows > 5 ? t->rows[5].index : 0, 1048576,
	       "odt: empty repeated rows skipped but counted");
	is_str(cs(t, 5, 0), "dehors\\na | b\\nc | d\\nfin@1/1", "odt: nested table flattened");
	sons__doc_free(d);
}

static void test_odt_limits(void)
{
	sons_limits lim = SONS_LIMITS_INIT;
	sons_doc *d;
	sons_error err;
	/* clang-format off */
	static const char many[] = OCONTENT(
		"<table:table><table:table-row table:number-rows-repeated=\"100\">"
		OC(" table:number-columns-repeated=\"100\"", OP("x")) "</table:table-row>"
		"</table:table>");
	/* clang-format on */
	entry e[] = { { "mimetype", ODT_MIME, 0, 1 }, { "content.xml", many, 0, 0 } };
	sons_status st = read_zip(e, 2, NULL, "t.odt", &d, &err);
	is_int(st, SONS_OK, "odt repeats: 100 x 100 non-empty cells read");
	const sons_block *t = nth_block(d, SONS_BLOCK_TABLE, 0);
	ok(t && t->nrows == 100 && t->rows[99].ncells == 100 && t->rows[99].cells[99].col == 100,
	   "odt repeats: expanded");
	sons__doc_free(d);
	lim.max_cells = 500;
	st = read_zip(e, 2, &lim, "t.odt", &d, &err);
	is_int(st, SONS_ELIMIT, "odt repeats: over max_cells");
	ok(strstr(err.message, "cellules") != NULL, "message: %s", err.message);
	sons__doc_free(d);

	/* clang-format off */
	static const char bomb[] = OCONTENT(
		"<table:table><table:table-row table:number-rows-repeated=\"1000000\">"
		OC(" table:number-columns-repeated=\"1000000\"", OP("bombe")) "</table:table-row>"
		"</table:table>");
	/* clang-format on */
	e[1].data = bomb;
	st = read_zip(e, 2, NULL, "t.odt", &d, &err);
	t = nth_block(d, SONS_BLOCK_TABLE, 0);
	size_t cells = 0;
	for (size_t i = 0; t && i < t->nrows; i++)
		cells += t->rows[i].ncells;
	ok(st == SONS_OK && cells > 1000 && cells < 200000,
	   "odt repeats: 10^12 cells capped (%zu kept)", cells);
	sons__doc_free(d);

	/* clang-format off */
	static const char nested[] = OCONTENT(
		"<table:table><table:table-row><table:table-cell><table:table><table:table-row>"
		"<table:table-cell><table:table><table:table-row>" OC("", OP("x"))
		"</table:table-row></table:table></table:table-cell></table:table-row>"
		"</table:table></table:table-cell></table:table-row></table:table>");
	/* clang-format on */
	e[1].data = nested;
	lim.max_cells = 0;
	lim.max_table_depth = 2;
	st = read_zip(e, 2, &lim, "t.odt", &d, &err);
	is_int(st, SONS_ELIMIT, "odt: 3 nested tables over a limit of 2");
	sons__doc_free(d);
	lim.max_table_depth = 3;
	st = read_zip(e, 2, &lim, "t.odt", &d, &err);
	is_int(st, SONS_OK, "odt: 3 nested tables under a limit of 3");
	sons__doc_free(d);

	/* clang-format off */
	static const char doctype[] = XML_DECL
		"<!DOCTYPE office:document-content [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
		"<office:document-content " O_NS "><office:body><office:text>" OP("&x;")
		"</office:text></office:body></office:document-content>";
	/* clang-format on */
	e[1].data = doctype;
	st = read_zip(e, 2, NULL, "t.odt", &d, &err);
	ok(st == SONS_EFORMAT && strstr(err.message, "content.xml : déclaration DOCTYPE refusée"),
	   "odt: DOCTYPE refused: %s", err.message);
	ok(!any_text_contains(d, "root:"), "odt: /etc/passwd not read");
	sons__doc_free(d);

	static const char manifest[] =
	        "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:"
	        "manifest:1.0\"><manifest:file-entry manifest:full-path=\"content.xml\">"
	        "<manifest:encryption-data/></manifest:file-entry></manifest:manifest>";
	entry enc[] = { { "mimetype", ODT_MIME, 0, 1 },
		        { "content.xml", "\x01\x02 not xml", 0, 0 },
		        { "META-INF/manifest.xml", manifest, 0, 0 } };
	st = read_zip(enc, 3, NULL, "t.odt", &d, &err);
	ok(st == SONS_EUNSUPPORTED && strstr(err.message, "mot de passe"),
	   "odt: password-protected: %s", err.message);
	sons__doc_free(d);

	entry broken_meta[] = { { "mimetype", ODT_MIME, 0, 1 },
		                { "content.xml", OCONTENT(OP("texte")), 0, 0 },
		                { "meta.xml", "<office:document-meta><oups", 0, 0 } };
	st = read_zip(broken_meta, 3, NULL, "t.odt", &d, &err);
	ok(st == SONS_OK && para(d, 0) && strcmp(para(d, 0), "texte") == 0,
	   "odt: a broken meta.xml is ignored");
	sons__doc_free(d);
}

/* ------------------------------------------------------------------ */
/* Seed corpus files                                                   */

static unsigned char *slurp(const char *dir, const char *name, size_t *len)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	unsigned char *buf = malloc(1 << 20);
	*len = buf ? fread(buf, 1, 1 << 20, f) : 0;
	fclose(f);
	return buf;
}

static void test_corpus(const char *dir)
{
	sons_limits lim = SONS_LIMITS_INIT;
	sons_doc *d;
	sons_error err;
	size_t len;
	unsigned char *buf = slurp(dir, "docx/entries50.docx", &len);
	ok(buf != NULL, "corpus: entries50.docx found in %s", dir);
	if (!buf)
		return;
	lim.max_entries = 10;
	sons_status st = read_bytes(buf, len, &lim, SONS_LANG_FR, "e.docx", &d, &err);
	is_int(st, SONS_ELIMIT, "corpus: 50 entries over a limit of 10");
	sons__doc_free(d);
	st = read_bytes(buf, len, NULL, SONS_LANG_FR, "e.docx", &d, &err);
	is_int(st, SONS_OK, "corpus: 50 entries under the default limit");
	sons__doc_free(d);
	free(buf);

	buf = slurp(dir, "docx/devis_simple.docx", &len);
	st = buf ? read_bytes(buf, len, NULL, SONS_LANG_FR, "d.docx", &d, &err) : SONS_EIO;
	is_int(st, SONS_OK, "corpus: devis_simple.docx read");
	if (st == SONS_OK) {
		const sons_block *t = nth_block(d, SONS_BLOCK_TABLE, 0);
		is_str(cs(t, 2, 1), "Installation et paramétrage@2/2", "corpus: docx span");
		is_str(cs(t, 3, 0), "Total HT@3/1", "corpus: docx gridBefore");
		is_str(sons__doc_meta(d, "title"), "Devis SONS D-2026-042", "corpus: docx title");
	}
	sons__doc_free(d);
	free(buf);

	static const struct {
		const char *file;
		sons_status st;
	} hostile[] = {
		{ "docx/bomb_sizelie.docx", SONS_ELIMIT },
		{ "docx/billion_laughs.docx", SONS_EFORMAT },
		{ "docx/doctype_xxe.docx", SONS_EFORMAT },
		{ "docx/deep300.docx", SONS_ELIMIT },
		{ "docx/tables20.docx", SONS_ELIMIT },
		{ "docx/truncated.docx", SONS_EFORMAT },
		{ "docx/crc_error.docx", SONS_EFORMAT },
		{ "docx/encrypted_flag.docx", SONS_EUNSUPPORTED },
		{ "odt/tables20.odt", SONS_ELIMIT },
		{ "odt/deep300.odt", SONS_ELIMIT },
		{ "odt/billion_laughs.odt", SONS_EFORMAT },
		{ "odt/encrypted.odt", SONS_EUNSUPPORTED },
	};
	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		buf = slurp(dir, hostile[i].file, &len);
		st = buf ? read_bytes(buf, len, NULL, SONS_LANG_FR, "h", &d, &err) : SONS_EIO;
		is_int(st, hostile[i].st, "corpus: %s refused (%s)", hostile[i].file, err.message);
		sons__doc_free(d);
		free(buf);
	}
}

int main(int argc, char **argv)
{
	xmlInitParser();
	/* Nothing may be printed by the library: stderr must stay empty. */
	FILE *errlog = tmpfile();
	int saved_stderr = dup(2);
	if (errlog)
		dup2(fileno(errlog), 2);
	test_docx_text();
	test_docx_table();
	test_docx_limits();
	test_docx_hostile_xml();
	test_zip();
	test_xml();
	test_odt();
	test_odt_limits();
	if (argc > 1)
		test_corpus(argv[1]);
	fflush(stderr);
	long printed = errlog ? ftell(errlog) : -1;
	if (errlog && printed == 0) {
		fseek(errlog, 0, SEEK_END);
		printed = ftell(errlog);
	}
	dup2(saved_stderr, 2);
	close(saved_stderr);
	is_int(printed, 0, "nothing printed on stderr");
	if (errlog)
		fclose(errlog);
	return done_testing();
}
