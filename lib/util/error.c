/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "internal.h"

sons_status sons__error_set(sons_error *err, sons_lang lang, sons_status code, const char *path,
                            const char *fmt_fr, const char *fmt_en, ...)
{
	if (!err)
		return code;
	err->code = code;
	snprintf(err->path, sizeof(err->path), "%s", path ? path : "");
	va_list ap;
	va_start(ap, fmt_en);
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
	vsnprintf(err->message, sizeof(err->message), lang == SONS_LANG_EN ? fmt_en : fmt_fr, ap);
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
	va_end(ap);
	return code;
}

const char *sons_status_name(sons_status status)
{
	switch (status) {
	case SONS_OK:
		return "ok";
	case SONS_EIO:
		return "io";
	case SONS_EFORMAT:
		return "format";
	case SONS_EUNSUPPORTED:
		return "unsupported";
	case SONS_ELIMIT:
		return "limit";
	case SONS_ENOMEM:
		return "nomem";
	case SONS_EINVALID:
		return "invalid";
	}
	return "unknown";
}
