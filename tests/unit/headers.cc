/* SPDX-License-Identifier: MIT */
/* The public header compiles alone, strictly (see tests/unit/meson.build). */
#include <sons/sons.h>

int main(void)
{
	sons_check_options o = SONS_CHECK_OPTIONS_INIT;
	sons_limits l = SONS_LIMITS_INIT;
	sons_render_options r = SONS_RENDER_OPTIONS_INIT;
	(void)o;
	(void)l;
	(void)r;
	return sons_version() == SONS_VERSION_HEX ? 0 : 1;
}
