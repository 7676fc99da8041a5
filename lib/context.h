/* SPDX-License-Identifier: MIT */
#ifndef SONS_CONTEXT_H
#define SONS_CONTEXT_H

#include "referential.h"

struct sons_context {
	sons_lang lang;
	sons_limits limits; /* with defaults filled in */
	sons_ref *ref;
	pcre2_match_data *md;
};

#endif
