/* SPDX-License-Identifier: MIT */
/* Fuzz target: bytes checked through the public API as an Excel (.xlsx) file
 * would be, then rendered as JSON. Bytes that do not start like a zip are
 * taken as its main part, xl/worksheets/sheet1.xml, and packed with fixed companion
 * parts into a stored zip: a mutated archive mostly fails its CRC check,
 * this way the XML readers are reached too. */
static const char MAIN[] = "xl/worksheets/sheet1.xml";
static const char *const FIXED[][2] = {
	{ "xl/workbook.xml",
	  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
	  "<sheets><sheet name=\"Devis\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>" },
	{ "xl/_rels/workbook.xml.rels",
	  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
	  "2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>" },
	{ "xl/sharedStrings.xml",
	  "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	  "<si><t>Total HT</t></si><si><t>SIRET 732 829 320 00074</t></si></sst>" },
};
#define FUZZ_NAME "fuzz.xlsx"

#include "fuzz_office.h"
