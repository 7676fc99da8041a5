/* SPDX-License-Identifier: MIT */
/* The spreadsheet readers (lib/read/xlsx.c, lib/read/ods.c) through
 * sons__read_document(): real files written by openpyxl and odfpy
 * (data/make_spreadsheets.py), then small archives built here for the edge
 * cases and the limits. Asserts the document model: sheets, row numbers,
 * cell references, texts, spans, typed values and dates, skipped parts. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "harness.h"
#include "internal.h"

#ifndef SONS_TEST_DATA
#define SONS_TEST_DATA "tests/unit/data"
#endif

static void bail(const char *why)
{
	printf("Bail out! %s\n", why);
	exit(2);
}

static unsigned char *slurp(const char *name, size_t *len)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", SONS_TEST_DATA, name);
	FILE *f = fopen(path, "rb");
	if (!f)
		bail(path);
	size_t cap = 1 << 16, n = 0;
	unsigned char *p = malloc(cap);
	size_t k;
	while (p && (k = fread(p + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap) {
			cap *= 2;
			p = realloc(p, cap);
		}
	}
	fclose(f);
	if (!p)
		bail("out of memory");
	*len = n;
	return p;
}

/* An archive entry: its name and its text. */
typedef struct entry {
	const char *name;
	const char *text;
} entry;

/* An archive in memory (a NULL name ends the entries). */
static unsigned char *make_zip(const entry *entries, size_t *len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!src)
		bail("zip_source_buffer_create");
	zip_source_keep(src);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	if (!za)
		bail("zip_open_from_source");
	for (const entry *e = entries; e->name; e++) {
		zip_source_t *s = zip_source_buffer(za, e->text, strlen(e->text), 0);
		if (!s || zip_file_add(za, e->name, s, ZIP_FL_ENC_UTF_8) < 0)
			bail("zip_file_add");
	}
	if (zip_close(za) < 0)
		bail("zip_close");
	if (zip_source_open(src) < 0 || zip_source_seek(src, 0, SEEK_END) < 0)
		bail("zip_source_open");
	zip_int64_t n = zip_source_tell(src);
	unsigned char *p = malloc(n > 0 ? (size_t)n : 1);
	if (!p || zip_source_seek(src, 0, SEEK_SET) < 0 ||
	    zip_source_read(src, p, (zip_uint64_t)n) != n)
		bail("zip_source_read");
	zip_source_close(src);
	zip_source_free(src);
	*len = (size_t)n;
	return p;
}

typedef struct result {
	sons_doc *doc;
	sons_status st;
	sons_error err;
} result;

static void run(result *res, const unsigned char *data, size_t len, const sons_limits *lim)
{
	sons_limits dflt = SONS_LIMITS_INIT;
	memset(res, 0, sizeof(*res));
	res->doc = sons__doc_new();
	if (!res->doc)
		bail("out of memory");
	sons_rctx r = { res->doc, lim ? lim : &dflt, SONS_LANG_FR, "test", &res->err };
	res->st = sons__read_document(&r, data, len);
}

static void run_zip(result *res, const entry *entries, const sons_limits *lim)
{
	size_t len;
	unsigned char *data = make_zip(entries, &len);
	run(res, data, len, lim);
	free(data);
}

static void done(result *res)
{
	sons__doc_free(res->doc);
	res->doc = NULL;
}

static const sons_block *sheet(const result *res, const char *name)
{
	for (size_t i = 0; i < sons__doc_block_count(res->doc); i++) {
		const sons_block *b = sons__doc_block(res->doc, i);
		if (b->type == SONS_BLOCK_TABLE && b->sheet && strcmp(b->sheet, name) == 0)
			return b;
	}
	return NULL;
}

static const sons_row *row_of(const sons_block *b, int index)
{
	for (size_t i = 0; b && i < b->nrows; i++)
		if (b->rows[i].index == index)
			return &b->rows[i];
	return NULL;
}

/* The cell with this reference, checked against its row and column. */
static const sons_cell *at(const sons_block *b, const char *ref)
{
	for (size_t i = 0; b && i < b->nrows; i++)
		for (size_t j = 0; j < b->rows[i].ncells; j++) {
			const sons_cell *c = &b->rows[i].cells[j];
			if (strcmp(c->ref, ref) == 0) {
				char again[16];
				sons__sheet_ref(again, c->col, b->rows[i].index);
				return strcmp(again, ref) == 0 ? c : NULL;
			}
		}
	return NULL;
}

static const char *text_at(const sons_block *b, const char *ref)
{
	const sons_cell *c = at(b, ref);
	return c ? c->text : NULL;
}

static void is_value(const sons_block *b, const char *ref, double v)
{
	const sons_cell *c = at(b, ref);
	ok(c && c->has_value && c->value == v && !c->has_date, "%s: value %.17g", ref, v);
}

static void no_value(const sons_block *b, const char *ref)
{
	const sons_cell *c = at(b, ref);
	ok(c && !c->has_value, "%s: no typed value", ref);
}

static void is_date(const sons_block *b, const char *ref, int y, int m, int d, int h, int mi)
{
	const sons_cell *c = at(b, ref);
	ok(c && c->has_date && !c->has_value && c->date.y == y && c->date.m == m &&
	           c->date.d == d && c->date.hour == h && c->date.minute == mi,
	   "%s: date %04d-%02d-%02d %d:%d", ref, y, m, d, h, mi);
}

static int span_at(const sons_block *b, const char *ref)
{
	const sons_cell *c = at(b, ref);
	return c ? c->span : -1;
}

static int has_skip(const result *res, const char *fr)
{
	for (size_t i = 0; i < sons__doc_skip_count(res->doc); i++)
		if (strcmp(sons__doc_skip(res->doc, i)->what_fr, fr) == 0)
			return 1;
	return 0;
}

/* ------------------------------------------------------------------ */
/* sheets.xlsx, written by openpyxl.                                   */

static void test_xlsx_file(void)
{
	size_t len;
	unsigned char *data = slurp("sheets.xlsx", &len);
	result res;
	run(&res, data, len, NULL);
	free(data);
	is_int(res.st, SONS_OK, "sheets.xlsx reads (%s)", res.err.message);
	is_str(sons__doc_format(res.doc), "xlsx", "format xlsx");
	is_str(sons__doc_meta(res.doc, "title"), "Devis SONS", "title from docProps/core.xml");
	is_int(sons__doc_block_count(res.doc), 2, "two worksheets, the chart sheet skipped");

	const sons_block *b = sheet(&res, "Devis");
	ok(b && b->index == 1, "sheet Devis is table 1");
	is_int(b ? b->nrows : 0, 10, "Devis: 10 rows with content (row 17 is empty)");
	static const int rows[] = { 1, 3, 4, 6, 10, 12, 13, 14, 15, 16 };
	for (size_t i = 0; b && i < b->nrows && i < 10; i++)
		is_int(b->rows[i].index, rows[i], "Devis: row %zu is row %d", i + 1, rows[i]);

	is_str(text_at(b, "A1"), "Devis n° 2023-001", "A1: shared string");
	is_int(span_at(b, "A1"), 4, "A1: merged over A1:D1");
	is_int(at(b, "A1") ? at(b, "A1")->col : 0, 1, "A1: column 1");
	is_int(row_of(b, 1) ? row_of(b, 1)->ncells : 0, 1, "row 1: one cell");
	is_str(text_at(b, "A3"), "Désignation", "A3: accented shared string");
	is_str(text_at(b, "D3"), "Total HT", "D3");
	is_str(text_at(b, "B4"), "2", "B4: integer");
	is_value(b, "B4", 2);
	is_str(text_at(b, "C4"), "1234.5", "C4: currency-formatted number, plain");
	is_value(b, "C4", 1234.5);
	is_str(text_at(b, "D4"), "2469", "D4: cached value of a formula");
	is_value(b, "D4", 2469);
	is_int(span_at(b, "D4"), 1, "D4: no span");
	is_str(text_at(b, "A6"), "2023-03-15", "A6: date cell as ISO");
	is_date(b, "A6", 2023, 3, 15, -1, -1);
	is_str(text_at(b, "B6"), "2023-03-15 14:30", "B6: date and time");
	is_date(b, "B6", 2023, 3, 15, 14, 30);
	is_str(text_at(b, "C6"), "12:30", "C6: a time, not a date");
	no_value(b, "C6");
	is_str(text_at(b, "A10"), "Total", "A10: sparse row");
	is_int(at(b, "D10") ? at(b, "D10")->col : 0, 4, "D10: column 4");
	is_str(text_at(b, "E12"), "0.2", "E12: percentage as its value");
	is_value(b, "E12", 0.2);
	is_str(text_at(b, "A13"), "VRAI", "A13: boolean");
	no_value(b, "A13");
	is_str(text_at(b, "C13"), "0.00000015", "C13: 1.5e-07 without exponent");
	is_value(b, "C13", 1.5e-7);
	is_str(text_at(b, "D13"), "-42", "D13: negative");
	is_value(b, "D13", -42);
	is_str(text_at(b, "B14"), "en ligne", "B14: inline string with a run");
	is_str(text_at(b, "C14"), "ab", "C14: formula string");
	is_str(text_at(b, "D14"), "#DIV/0!", "D14: error");
	no_value(b, "D14");
	is_str(text_at(b, "A15"), "Prix ferme", "A15: rich text, phonetic run left out");
	is_str(text_at(b, "B16"), "fusion", "B16");
	is_int(span_at(b, "B16"), 2, "B16: merged B16:C17 spans 2 columns");

	b = sheet(&res, "Annexe");
	ok(b && b->index == 2, "sheet Annexe is table 2");
	is_int(b ? b->nrows : 0, 4, "Annexe: 4 rows");
	is_str(text_at(b, "B2"), "annexe", "Annexe B2");
	is_value(b, "A7", 3);

	is_int(sons__doc_skip_count(res.doc), 2, "two parts skipped");
	ok(has_skip(&res, "graphique de la feuille « Annexe » ignoré"), "chart in Annexe");
	ok(has_skip(&res, "feuille graphique « Graphique » ignorée"), "chart sheet Graphique");
	const sons_skip *sk = sons__doc_skip(res.doc, 1);
	is_str(sk ? sk->what_en : NULL, "chart sheet “Graphique” skipped", "in English too");
	done(&res);
}

/* ------------------------------------------------------------------ */
/* sheets.ods, written by odfpy.                                       */

static void test_ods_file(void)
{
	size_t len;
	unsigned char *data = slurp("sheets.ods", &len);
	result res;
	run(&res, data, len, NULL);
	free(data);
	is_int(res.st, SONS_OK, "sheets.ods reads (%s)", res.err.message);
	is_str(sons__doc_format(res.doc), "ods", "format ods");
	is_str(sons__doc_meta(res.doc, "title"), "Devis SONS ODS", "title from meta.xml");
	is_int(sons__doc_block_count(res.doc), 2, "two sheets");

	const sons_block *b = sheet(&res, "Devis");
	ok(b && b->index == 1, "sheet Devis is table 1");
	is_int(b ? b->nrows : 0, 8, "Devis: 8 rows with content");
	static const int rows[] = { 1, 5, 6, 7, 8, 9, 10, 11 };
	for (size_t i = 0; b && i < b->nrows && i < 8; i++)
		is_int(b->rows[i].index, rows[i], "Devis: row %zu is row %d", i + 1, rows[i]);
	is_str(text_at(b, "A1"), "Devis n° 2023-001", "A1");
	is_int(span_at(b, "A1"), 3, "A1: spans 3 columns");
	is_int(row_of(b, 1) ? row_of(b, 1)->ncells : 0, 1, "row 1: covered cells add nothing");
	is_str(text_at(b, "A5"), "Licence logiciel", "A5: string");
	no_value(b, "A5");
	is_str(text_at(b, "B5"), "2", "B5: float");
	is_value(b, "B5", 2);
	is_str(text_at(b, "C5"), "1 234,50 €", "C5: currency as displayed");
	is_value(b, "C5", 1234.5);
	is_str(text_at(b, "D5"), "20 %", "D5: percentage as displayed");
	is_value(b, "D5", 0.2);
	is_str(text_at(b, "E5"), "2469", "E5: float without text:p, from its value");
	is_value(b, "E5", 2469);
	is_str(text_at(b, "A6"), "15/03/2023", "A6: date as displayed");
	is_date(b, "A6", 2023, 3, 15, -1, -1);
	is_date(b, "B6", 2023, 3, 15, 14, 30);
	is_str(text_at(b, "C6"), "VRAI", "C6: boolean");
	is_str(text_at(b, "A7"), "Ligne   un\tfin\nlien\nsuite",
	       "A7: paragraphs, text:s, tab, span, link, line break; no annotation");
	ok(!at(b, "A8"), "A8: empty");
	is_str(text_at(b, "B8"), "x", "B8: repeated cell, first copy");
	is_str(text_at(b, "C8"), "x", "C8: second copy");
	is_str(text_at(b, "D8"), "x", "D8: third copy");
	is_int(row_of(b, 8) ? row_of(b, 8)->ncells : 0, 3, "row 8: three cells");
	is_str(text_at(b, "A9"), "y", "A9: repeated row, first copy");
	is_str(text_at(b, "A10"), "y", "A10: second copy");
	is_str(text_at(b, "ALM11"), "loin", "ALM11: column 1001 after an empty repeat");
	is_int(at(b, "ALM11") ? at(b, "ALM11")->col : 0, 1001, "ALM11: column 1001");

	b = sheet(&res, "Annexe");
	ok(b && b->index == 2, "sheet Annexe is table 2");
	is_str(text_at(b, "A1"), "annexe", "Annexe A1");

	is_int(sons__doc_skip_count(res.doc), 1, "one part skipped");
	ok(has_skip(&res, "graphique ou objet incorporé de la feuille « Devis » ignoré"),
	   "chart object in Devis");
	done(&res);
}

/* ------------------------------------------------------------------ */
/* Hand-made workbooks.                                                */

#define NS_MAIN "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define NS_R    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL_T   "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char WB_RELS[] =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"" REL_T "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        "<Relationship Id=\"rId2\" Type=\"" REL_T "worksheet\" Target=\"../xl/worksheets/s2.xml\"/>"
        "<Relationship Id=\"rId3\" Type=\"" REL_T "worksheet\" Target=\"worksheets/absent.xml\"/>"
        "<Relationship Id=\"rId4\" Type=\"" REL_T "xlMacrosheet\" Target=\"macrosheets/m.xml\"/>"
        "<Relationship Id=\"rId5\" Type=\"" REL_T "styles\" Target=\"styles.xml\"/>"
        "<Relationship Id=\"rId6\" Type=\"" REL_T "sharedStrings\" Target=\"sharedStrings.xml\"/>"
        "</Relationships>";

static const char WB[] = "<workbook " NS_MAIN " " NS_R "><workbookPr date1904=\"1\"/><sheets>"
                         "<sheet name=\"Un\" sheetId=\"1\" r:id=\"rId1\"/>"
                         "<sheet name=\"Cachée\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/>"
                         "<sheet name=\"Perdue\" sheetId=\"3\" r:id=\"rId3\"/>"
                         "<sheet name=\"Macro\" sheetId=\"4\" r:id=\"rId4\"/>"
                         "</sheets></workbook>";

/* cellXfs: 0 general, 1 "[Red]0.00", 2 "[h]:mm", 3 "mmm yyyy", 4 "0.00E+00",
 * 5 quoted "jour" 0, 6 [$-40C]d mmmm yyyy, 7 built-in 14, 8 built-in 46. */
static const char STYLES[] =
        "<styleSheet " NS_MAIN "><numFmts>"
        "<numFmt numFmtId=\"164\" formatCode=\"[Red]0.00\"/>"
        "<numFmt numFmtId=\"165\" formatCode=\"[h]:mm\"/>"
        "<numFmt numFmtId=\"166\" formatCode=\"mmm yyyy\"/>"
        "<numFmt numFmtId=\"167\" formatCode=\"0.00E+00\"/>"
        "<numFmt numFmtId=\"168\" formatCode=\"&quot;jour&quot; 0\"/>"
        "<numFmt numFmtId=\"169\" formatCode=\"[$-40C]d\\ mmmm\\ yyyy\"/>"
        "</numFmts><cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs>"
        "<xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"166\"/>"
        "<xf numFmtId=\"167\"/><xf numFmtId=\"168\"/><xf numFmtId=\"169\"/><xf numFmtId=\"14\"/>"
        "<xf numFmtId=\"46\"/></cellXfs></styleSheet>";

static const char SST[] = "<sst " NS_MAIN "><si><t>zéro</t></si><si><t/></si>"
                          "<si><t xml:space=\"preserve\"> un  deux </t></si>"
                          "<si><t>a_x000D__x000A_b_x005F_x0041_ _x00e9_ _x20AC_</t></si></sst>";

static const char SHEET1[] =
        "<worksheet " NS_MAIN " " NS_R "><sheetData>"
        /* References: garbage, beyond XFD, out of order, missing. */
        "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"ZZZZ2\"><v>1</v></c>"
        "<c r=\"XFE2\"><v>1</v></c><c r=\"B2\" t=\"s\"><v>2</v></c><c r=\"A2\"><v>9</v></c>"
        "<c><v>3</v></c><c r=\"D2\" t=\"s\"><v>3</v></c><c r=\"E2\" t=\"s\"><v>7</v></c>"
        "<c r=\"F2\" t=\"s\"><v>1</v></c><c r=\"G2\"/><c r=\"H2\"><f>1+1</f></c></row>"
        "<row><c r=\"A3\"><v>4</v></c></row>"
        "<row r=\"0\"><c r=\"A4\"><v>1</v></c></row>"
        "<row r=\"x\"><c r=\"A4\"><v>1</v></c></row>"
        "<row r=\"1048577\"><c r=\"A4\"><v>1</v></c></row>"
        /* Numbers. */
        "<row r=\"5\"><c r=\"A5\"><v>0.30000000000000004</v></c>"
        "<c r=\"B5\"><v>1.0000000000000001E-2</v></c><c r=\"C5\"><v>1E+25</v></c>"
        "<c r=\"D5\"><v>123456789012345678901234</v></c><c r=\"E5\"><v>-0</v></c>"
        "<c r=\"F5\"><v> 12.50 </v></c><c r=\"G5\"><v>1e999</v></c><c r=\"H5\"><v>0012</v></c>"
        "<c r=\"I5\"><v>.5</v></c><c r=\"J5\"><v>3.14159265358979</v></c></row>"
        /* Formats, in the 1904 date system. */
        "<row r=\"6\"><c r=\"A6\" s=\"1\"><v>43538</v></c><c r=\"B6\" s=\"2\"><v>0.5</v></c>"
        "<c r=\"C6\" s=\"3\"><v>43538</v></c><c r=\"D6\" s=\"4\"><v>43538</v></c>"
        "<c r=\"E6\" s=\"5\"><v>43538</v></c><c r=\"F6\" s=\"6\"><v>43538</v></c>"
        "<c r=\"G6\" s=\"7\"><v>43538</v></c><c r=\"H6\" s=\"8\"><v>0.25</v></c>"
        "<c r=\"I6\" s=\"99\"><v>43538</v></c><c r=\"J6\" t=\"d\"><v>2023-03-15T00:00:00</v></c>"
        "</row>"
        /* Merges: one runs into a filled cell, one is given backwards. */
        "<row r=\"8\"><c r=\"A8\"><v>1</v></c><c r=\"C8\"><v>2</v></c>"
        "<c r=\"E8\"><v>3</v></c></row>"
        "</sheetData><mergeCells><mergeCell ref=\"A8:D8\"/><mergeCell ref=\"G8:E8\"/>"
        "<mergeCell ref=\"junk\"/><mergeCell ref=\"A9:C9\"/></mergeCells>"
        "<drawing r:id=\"rId1\"/>"
        "<oleObjects><oleObject progId=\"Word.Document.12\" shapeId=\"1\" r:id=\"rId2\"/>"
        "</oleObjects></worksheet>";

static const char SHEET1_RELS[] =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"" REL_T "drawing\" Target=\"../drawings/d1.xml\"/>"
        "</Relationships>";

static const char DRAWING[] =
        "<xdr:wsDr "
        "xmlns:xdr=\"http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing\""
        " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
        "<xdr:twoCellAnchor><xdr:sp><xdr:txBody><a:p><a:r><a:t>Montant pris en charge</a:t>"
        "</a:r></a:p></xdr:txBody></xdr:sp></xdr:twoCellAnchor>"
        "<xdr:twoCellAnchor><xdr:pic><xdr:nvPicPr><xdr:cNvPr id=\"2\" name=\"Logo\"/>"
        "</xdr:nvPicPr></xdr:pic></xdr:twoCellAnchor></xdr:wsDr>";

static const char SHEET2[] = "<worksheet " NS_MAIN "><sheetData><row r=\"1\">"
                             "<c r=\"A1\" t=\"inlineStr\"><is><t>cachée</t></is></c>"
                             "</row></sheetData></worksheet>";

static void test_xlsx_edges(void)
{
	static const entry entries[] = {
		{ "xl/workbook.xml", WB },
		{ "xl/_rels/workbook.xml.rels", WB_RELS },
		{ "xl/styles.xml", STYLES },
		{ "xl/sharedStrings.xml", SST },
		{ "xl/worksheets/sheet1.xml", SHEET1 },
		{ "xl/worksheets/_rels/sheet1.xml.rels", SHEET1_RELS },
		{ "xl/drawings/d1.xml", DRAWING },
		{ "xl/worksheets/s2.xml", SHEET2 },
		{ "xl/macrosheets/m.xml", "<xm:macrosheet xmlns:xm=\"urn:x\"/>" },
		{ NULL, NULL },
	};
	result res;
	run_zip(&res, entries, NULL);
	is_int(res.st, SONS_OK, "hand-made workbook reads (%s)", res.err.message);
	const sons_block *b = sheet(&res, "Un");
	const sons_row *r2 = row_of(b, 2);
	is_int(r2 ? r2->ncells : 0, 4,
	       "row 2: garbage, beyond-XFD, out-of-order, empty cells dropped");
	is_str(text_at(b, "A2"), "zéro", "A2");
	is_str(text_at(b, "B2"), "un  deux", "B2: shared string, trimmed by the model");
	is_str(text_at(b, "C2"), "3", "C2: a cell without r follows B2");
	is_str(text_at(b, "D2"), "a \nb_x0041_ é €", "D2: _xHHHH_ escapes decoded");
	ok(!at(b, "E2"), "E2: shared string index out of range dropped");
	ok(!at(b, "F2"), "F2: empty shared string dropped");
	ok(!at(b, "G2") && !at(b, "H2"), "G2, H2: no value, dropped");
	is_str(text_at(b, "A3"), "4", "a row without r follows row 2");
	ok(!row_of(b, 0) && !row_of(b, 4) && !row_of(b, 1048577), "rows 0, x, 1048577 dropped");

	is_str(text_at(b, "A5"), "0.30000000000000004", "17 significant digits kept");
	is_value(b, "A5", 0.1 + 0.2);
	is_str(text_at(b, "B5"), "0.01", "shortest form of 1.0000000000000001E-2");
	is_value(b, "B5", 0.01);
	is_str(text_at(b, "C5"), "1E+25", "1E+25");
	is_value(b, "C5", 1e25);
	is_str(text_at(b, "D5"), "1.2345678901234569E+23", "24 digits");
	is_value(b, "D5", 123456789012345678901234.0);
	is_str(text_at(b, "E5"), "0", "-0 reads 0");
	is_str(text_at(b, "F5"), "12.5", "spaces around, trailing zero");
	is_value(b, "F5", 12.5);
	is_str(text_at(b, "G5"), "1e999", "overflow: the text as written");
	no_value(b, "G5");
	is_str(text_at(b, "H5"), "12", "leading zeros");
	is_str(text_at(b, "I5"), "0.5", ".5");
	is_str(text_at(b, "J5"), "3.14159265358979", "15 digits");
	is_value(b, "J5", 3.14159265358979);

	is_str(text_at(b, "A6"), "43538", "[Red]0.00 is a number");
	is_value(b, "A6", 43538);
	is_str(text_at(b, "B6"), "12:00", "[h]:mm is a time");
	is_str(text_at(b, "C6"), "2023-03-15", "mmm yyyy is a date (1904 system)");
	is_date(b, "C6", 2023, 3, 15, -1, -1);
	is_value(b, "D6", 43538);
	is_value(b, "E6", 43538);
	is_date(b, "F6", 2023, 3, 15, -1, -1);
	is_date(b, "G6", 2023, 3, 15, -1, -1);
	is_str(text_at(b, "H6"), "06:00", "built-in 46 is a time");
	is_value(b, "I6", 43538);
	is_str(text_at(b, "J6"), "2023-03-15", "t=\"d\": ISO date");
	is_date(b, "J6", 2023, 3, 15, 0, 0);

	is_int(span_at(b, "A8"), 2, "A8:D8 stops before C8");
	is_int(span_at(b, "C8"), 1, "C8 keeps 1");
	is_int(span_at(b, "E8"), 3, "G8:E8 given backwards spans E8:G8");

	is_str(text_at(sheet(&res, "Cachée"), "A1"), "cachée",
	       "hidden sheet read, relative ../ target");
	ok(!sheet(&res, "Perdue") && !sheet(&res, "Macro"), "missing and macro sheets not tables");
	ok(has_skip(&res, "feuille « Perdue » ignorée : sa partie manque dans l'archive"),
	   "missing part reported");
	ok(has_skip(&res, "feuille « Macro » ignorée : feuille de macros ou de boîte de dialogue, "
	                  "non lue"),
	   "macro sheet reported");
	ok(has_skip(&res, "zone de texte de la feuille « Un » ignorée"), "text box reported");
	ok(!has_skip(&res, "graphique de la feuille « Un » ignoré"), "a picture is not reported");
	ok(has_skip(&res, "objet incorporé de la feuille « Un » ignoré"), "OLE object reported");
	is_int(sons__doc_skip_count(res.doc), 4, "four skipped parts");
	done(&res);
}

static void test_xlsx_limits(void)
{
	static const char WB1[] = "<workbook " NS_MAIN " " NS_R "><sheets>"
	                          "<sheet name=\"S\" r:id=\"rId1\"/></sheets></workbook>";
	static const char WB1_RELS[] =
	        "<Relationships "
	        "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	        "<Relationship Id=\"rId1\" Type=\"" REL_T "worksheet\""
	        " Target=\"/xl/worksheets/sheet1.xml\"/>"
	        "<Relationship Id=\"rId2\" Type=\"" REL_T "sharedStrings\""
	        " Target=\"sharedStrings.xml\"/></Relationships>";
	char *sheet_xml = malloc(1 << 20), *sst = malloc(4096);
	if (!sheet_xml || !sst)
		bail("out of memory");

	/* Ten cells, five allowed. */
	size_t n = (size_t)snprintf(sheet_xml, 1 << 20, "<worksheet " NS_MAIN "><sheetData>");
	for (int i = 1; i <= 10; i++)
		n += (size_t)snprintf(sheet_xml + n, (1 << 20) - n,
		                      "<row r=\"%d\"><c r=\"A%d\"><v>%d</v></c></row>", i, i, i);
	snprintf(sheet_xml + n, (1 << 20) - n, "</sheetData></worksheet>");
	entry entries[] = {
		{ "xl/workbook.xml", WB1 },
		{ "xl/_rels/workbook.xml.rels", WB1_RELS },
		{ "xl/worksheets/sheet1.xml", sheet_xml },
		{ NULL, NULL },
	};
	sons_limits lim = SONS_LIMITS_INIT;
	lim.max_cells = 5;
	result res;
	run_zip(&res, entries, &lim);
	is_int(res.st, SONS_ELIMIT, "more cells than max_cells: SONS_ELIMIT");
	is_str(res.err.message,
	       "classeur de plus de 5 cellules : limite de sécurité atteinte dans la feuille « S »",
	       "the message names the limit and the sheet");
	done(&res);

	/* A 1000-byte shared string repeated: the text is bounded too. */
	n = (size_t)snprintf(sst, 4096, "<sst " NS_MAIN "><si><t>");
	memset(sst + n, 'a', 1000);
	snprintf(sst + n + 1000, 4096 - n - 1000, "</t></si></sst>");
	n = (size_t)snprintf(sheet_xml, 1 << 20, "<worksheet " NS_MAIN "><sheetData><row r=\"1\">");
	for (int i = 1; i <= 200; i++)
		n += (size_t)snprintf(sheet_xml + n, (1 << 20) - n, "<c t=\"s\"><v>0</v></c>");
	snprintf(sheet_xml + n, (1 << 20) - n, "</row></sheetData></worksheet>");
	entry entries2[] = {
		{ "xl/workbook.xml", WB1 },
		{ "xl/_rels/workbook.xml.rels", WB1_RELS },
		{ "xl/worksheets/sheet1.xml", sheet_xml },
		{ "xl/sharedStrings.xml", sst },
		{ NULL, NULL },
	};
	lim = (sons_limits)SONS_LIMITS_INIT;
	lim.max_inflated = 100000;
	run_zip(&res, entries2, &lim);
	is_int(res.st, SONS_ELIMIT, "200 kB of text from 1 kB of shared string: SONS_ELIMIT");
	ok(strstr(res.err.message, "texte des cellules") != NULL, "message: %s", res.err.message);
	done(&res);

	/* Malformed XML names the part. */
	static const entry entries3[] = {
		{ "xl/workbook.xml", WB1 },
		{ "xl/_rels/workbook.xml.rels", WB1_RELS },
		{ "xl/worksheets/sheet1.xml", "<worksheet><sheetData><row></worksheet>" },
		{ NULL, NULL },
	};
	run_zip(&res, entries3, NULL);
	is_int(res.st, SONS_EFORMAT, "malformed sheet: SONS_EFORMAT");
	ok(strstr(res.err.message, "xl/worksheets/sheet1.xml") != NULL, "message: %s",
	   res.err.message);
	done(&res);
	free(sheet_xml);
	free(sst);
}

/* ------------------------------------------------------------------ */
/* Hand-made OpenDocument spreadsheets.                                */

#define ODS_MIME "application/vnd.oasis.opendocument.spreadsheet"
#define ODS_HEAD                                                                                   \
	"<office:document-content"                                                                 \
	" xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""                       \
	" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""                         \
	" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""                           \
	" xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\""                        \
	" xmlns:calcext=\"urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0\""  \
	"><office:body><office:spreadsheet>"
#define ODS_TAIL "</office:spreadsheet></office:body></office:document-content>"

static void test_ods_edges(void)
{
	static const char content[] = ODS_HEAD
	        "<table:table table:name=\"T\">"
	        "<table:shapes><draw:frame><draw:text-box><text:p>Montant</text:p>"
	        "</draw:text-box></draw:frame></table:shapes>"
	        /* Empty repeats far beyond the sheet: counters only. */
	        "<table:table-row table:number-rows-repeated=\"2147483647\">"
	        "<table:table-cell table:number-columns-repeated=\"2147483647\"/></table:table-row>"
	        "<table:table-row table:number-rows-repeated=\"99999999999\"/>"
	        "</table:table><table:table table:name=\"U\">"
	        "<table:table-row><table:table-cell>"
	        "<text:p>a<text:s text:c=\"999999999\"/>b</text:p></table:table-cell>"
	        "<table:table-cell office:value-type=\"float\" office:value=\"1.5\""
	        " calcext:value-type=\"error\"><text:p>1,5</text:p></table:table-cell>"
	        "<table:table-cell><table:table><table:table-row>"
	        "<table:table-cell><text:p>in</text:p></table:table-cell>"
	        "<table:table-cell><text:p>ner</text:p></table:table-cell>"
	        "</table:table-row></table:table></table:table-cell>"
	        "<table:table-cell><text:p>  espaces   en\ttrop  </text:p></table:table-cell>"
	        "<table:table-cell>"
	        "<text:p>p1 </text:p><text:p/><text:p>p3</text:p></table:table-cell>"
	        "<table:covered-table-cell><text:p>caché</text:p></table:covered-table-cell>"
	        "<table:table-cell table:number-columns-repeated=\"16380\"><text:p>z</text:p>"
	        "</table:table-cell></table:table-row>"
	        /* White space only is empty; a typed value then speaks. */
	        "<table:table-row><table:table-cell><text:p>&#160; </text:p></table:table-cell>"
	        "<table:table-cell office:value-type=\"float\" office:value=\"7\">"
	        "<text:p> </text:p></table:table-cell></table:table-row>"
	        "</table:table>" ODS_TAIL;
	static const entry entries[] = {
		{ "mimetype", ODS_MIME },
		{ "content.xml", content },
		{ NULL, NULL },
	};
	result res;
	run_zip(&res, entries, NULL);
	is_int(res.st, SONS_OK, "hand-made ODS reads (%s)", res.err.message);
	ok(!sheet(&res, "T"), "a sheet with only empty repeats is no table");
	ok(has_skip(&res, "zone de texte ou forme de la feuille « T » ignorée"),
	   "text box reported");
	const sons_block *b = sheet(&res, "U");
	const char *a1 = text_at(b, "A1");
	ok(a1 && strlen(a1) == 1002 && a1[0] == 'a' && a1[1001] == 'b',
	   "text:s c=999999999 capped at 1000 spaces");
	is_str(text_at(b, "B1"), "1,5", "B1: office:value-type wins over calcext:value-type");
	is_value(b, "B1", 1.5);
	is_str(text_at(b, "C1"), "in\nner", "C1: a nested table flattened into the text");
	is_str(text_at(b, "D1"), "espaces en trop", "D1: white space collapsed");
	is_str(text_at(b, "E1"), "p1\n\np3", "E1: empty paragraph kept as a blank line");
	ok(!at(b, "F1"), "F1: covered cell content ignored");
	is_str(text_at(b, "G1"), "z", "G1: repeated cell");
	is_str(text_at(b, "XFD1"), "z", "XFD1: the last column");
	is_int(row_of(b, 1) ? row_of(b, 1)->ncells : 0, 5 + 16378, "repeats stop at XFD");
	ok(!at(b, "A2"), "A2: NBSP and space only, empty");
	is_str(text_at(b, "B2"), "7", "B2: blank text:p, text from office:value");
	is_value(b, "B2", 7);
	done(&res);
}

static void test_ods_limits(void)
{
	static const char rows[] = ODS_HEAD
	        "<table:table table:name=\"Bombe\">"
	        "<table:table-row table:number-rows-repeated=\"500\"><table:table-cell"
	        " table:number-columns-repeated=\"16384\"><text:p>x</text:p></table:table-cell>"
	        "</table:table-row></table:table>" ODS_TAIL;
	static const entry entries[] = {
		{ "mimetype", ODS_MIME },
		{ "content.xml", rows },
		{ NULL, NULL },
	};
	sons_limits lim = SONS_LIMITS_INIT;
	lim.max_cells = 100000;
	result res;
	run_zip(&res, entries, &lim);
	is_int(res.st, SONS_ELIMIT, "500 × 16384 repeated cells: SONS_ELIMIT");
	is_str(res.err.message,
	       "classeur de plus de 100000 cellules : limite de sécurité atteinte dans la "
	       "feuille « Bombe »",
	       "the message names the limit and the sheet");
	done(&res);

	/* One non-empty row repeated a million times (found by fuzzing: the
	 * model and the analysis filled for 35 s and 1.5 GB): refused. */
	static const char one_row[] = ODS_HEAD
	        "<table:table table:name=\"Bombe\">"
	        "<table:table-row table:number-rows-repeated=\"1048570\"><table:table-cell>"
	        "<text:p>x</text:p></table:table-cell></table:table-row></table:table>" ODS_TAIL;
	static const entry repeated_row[] = {
		{ "mimetype", ODS_MIME },
		{ "content.xml", one_row },
		{ NULL, NULL },
	};
	run_zip(&res, repeated_row, NULL);
	is_int(res.st, SONS_ELIMIT, "a non-empty row repeated 1048570 times: SONS_ELIMIT");
	is_str(res.err.message,
	       "feuille « Bombe » : une ligne non vide répétée 1048570 fois (limite de sécurité : "
	       "1000)",
	       "the message says which row and the limit");
	done(&res);

	/* Many empty cells, written one by one: the visit cap (50 × max_cells). */
	char *big = malloc(1 << 20);
	if (!big)
		bail("out of memory");
	size_t n = (size_t)snprintf(big, 1 << 20, "%s",
	                            ODS_HEAD "<table:table table:name=\"V\">"
	                                     "<table:table-row>");
	for (int i = 0; i < 150; i++)
		n += (size_t)snprintf(big + n, (1 << 20) - n, "<table:table-cell/>");
	snprintf(big + n, (1 << 20) - n, "%s", "</table:table-row></table:table>" ODS_TAIL);
	entry entries2[] = {
		{ "mimetype", ODS_MIME },
		{ "content.xml", big },
		{ NULL, NULL },
	};
	lim = (sons_limits)SONS_LIMITS_INIT;
	lim.max_cells = 2;
	run_zip(&res, entries2, &lim);
	is_int(res.st, SONS_ELIMIT, "150 empty cells with max_cells 2: SONS_ELIMIT");
	done(&res);
	free(big);

	static const entry entries3[] = {
		{ "mimetype", ODS_MIME },
		{ "content.xml", "garbage" },
		{ "META-INF/manifest.xml",
		  "<manifest:manifest"
		  " xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
		  "<manifest:file-entry manifest:full-path=\"content.xml\">"
		  "<manifest:encryption-data/></manifest:file-entry></manifest:manifest>" },
		{ NULL, NULL },
	};
	run_zip(&res, entries3, NULL);
	is_int(res.st, SONS_EUNSUPPORTED, "password-protected ODS: SONS_EUNSUPPORTED");
	ok(strstr(res.err.message, "mot de passe") != NULL, "message: %s", res.err.message);
	done(&res);

	/* text:s multiplies the text: bounded while the row is read. */
	big = malloc(1 << 20);
	if (!big)
		bail("out of memory");
	n = (size_t)snprintf(big, 1 << 20, "%s",
	                     ODS_HEAD "<table:table table:name=\"W\"><table:table-row>"
	                              "<table:table-cell><text:p>");
	for (int i = 0; i < 100; i++)
		n += (size_t)snprintf(big + n, (1 << 20) - n, "<text:s text:c=\"1000\"/>");
	snprintf(big + n, (1 << 20) - n, "%s",
	         "</text:p></table:table-cell></table:table-row></table:table>" ODS_TAIL);
	entry entries4[] = {
		{ "mimetype", ODS_MIME },
		{ "content.xml", big },
		{ NULL, NULL },
	};
	lim = (sons_limits)SONS_LIMITS_INIT;
	lim.max_inflated = 20000;
	run_zip(&res, entries4, &lim);
	free(big);
	is_int(res.st, SONS_ELIMIT, "100 × text:s c=1000 with 20 kB allowed: SONS_ELIMIT");
	ok(strstr(res.err.message, "texte des cellules") != NULL, "message: %s", res.err.message);
	done(&res);
}

/* ------------------------------------------------------------------ */
/* The number helper, directly.                                        */

static void number_is(const char *in, int want, const char *text, double v)
{
	sons_buf b = SONS_BUF_INIT;
	double got = -1;
	int r = sons__sheet_number(in, strlen(in), &got, &b);
	if (!want) {
		is_int(r, 0, "\"%s\" is not a number", in);
	} else {
		ok(r == 1 && got == v && b.len && strcmp(b.data, text) == 0, "\"%s\" → %s (%s)", in,
		   text, b.len ? b.data : "");
	}
	sons__buf_free(&b);
}

static void test_numbers(const char *locale)
{
	printf("# numbers under %s\n", locale);
	number_is("0", 1, "0", 0);
	number_is("-1234.5600", 1, "-1234.56", -1234.56);
	number_is("1e-7", 1, "0.0000001", 1e-7);
	number_is("1.5e-8", 1, "1.5E-08", 1.5e-8);
	number_is("123456789012345678901", 1, "123456789012345680000", 123456789012345678901.0);
	number_is("1e22", 1, "1E+22", 1e22);
	number_is("0.1", 1, "0.1", 0.1);
	number_is("2.2250738585072014E-308", 1, "2.2250738585072014E-308", 2.2250738585072014e-308);
	number_is("9007199254740993", 1, "9007199254740992", 9007199254740992.0);
	number_is("1.7976931348623157e308", 1, "1.7976931348623157E+308", 1.7976931348623157e308);
	number_is("1,5", 0, NULL, 0);
	number_is("", 0, NULL, 0);
	number_is("-", 0, NULL, 0);
	number_is("1e", 0, NULL, 0);
	number_is("nan", 0, NULL, 0);
	number_is("1.5.2", 0, NULL, 0);
}

int main(void)
{
	test_numbers("C");
	/* The readers must not depend on LC_NUMERIC: run again in French. */
	const char *fr = setlocale(LC_ALL, "fr_FR.UTF-8");
	if (!fr)
		fr = setlocale(LC_ALL, "fr_FR.utf8");
	if (fr)
		test_numbers(fr);
	else
		printf("# fr_FR.UTF-8 not installed: numbers not rerun in French\n");
	test_xlsx_file();
	test_ods_file();
	test_xlsx_edges();
	test_xlsx_limits();
	test_ods_edges();
	test_ods_limits();
	return done_testing();
}
