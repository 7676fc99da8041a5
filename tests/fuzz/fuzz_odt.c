/* SPDX-License-Identifier: MIT */
/* Fuzz target: bytes checked through the public API as an OpenDocument text (.odt)
 * would be, then rendered as JSON. Bytes that do not start like a zip are
 * taken as its main part, content.xml, and packed with fixed companion
 * parts into a stored zip: a mutated archive mostly fails its CRC check,
 * this way the XML readers are reached too. */
static const char MAIN[] = "content.xml";
static const char *const FIXED[][2] = {
	{ "mimetype", "application/vnd.oasis.opendocument.text" },
};
#define FUZZ_NAME "fuzz.odt"

#include "fuzz_office.h"
