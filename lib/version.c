/* SPDX-License-Identifier: MIT */
#include "internal.h"

const char *sons_version_string(void)
{
	return SONS_VERSION_STRING;
}

unsigned sons_version(void)
{
	return SONS_VERSION_HEX;
}
