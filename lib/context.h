/* SPDX-License-Identifier: MIT */
#ifndef SONS_CONTEXT_H
#define SONS_CONTEXT_H

#include "referential.h"

struct sons_context {
	sons_lang lang;
	sons_limits limits; /* with defaults filled in */
	sons_ref *ref;
	sons_matcher *md;
};

#endif
