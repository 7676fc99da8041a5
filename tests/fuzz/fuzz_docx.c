/* SPDX-License-Identifier: MIT */
/* Fuzz target: bytes checked through the public API as a Word (.docx) file
 * would be, then rendered as JSON. Bytes that do not start like a zip are
 * taken as its main part, word/document.xml, and packed with fixed companion
 * parts into a stored zip: a mutated archive mostly fails its CRC check,
 * this way the XML readers are reached too. */
static const char MAIN[] = "word/document.xml";
static const char *const FIXED[][2] = {
	{ "word/header1.xml",
	  "<w:hdr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
	  "<w:p><w:r><w:t>SIRET 732 829 320 00074</w:t></w:r></w:p></w:hdr>" },
};
#define FUZZ_NAME "fuzz.docx"

#include "fuzz_office.h"
