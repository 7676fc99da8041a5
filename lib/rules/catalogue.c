/* SPDX-License-Identifier: MIT */
/* Public access to the rule catalogue generated from data/rules.json. */
#include <string.h>

#include "internal.h"

extern const sons_rule_info sons__rule_table[];
extern const size_t sons__rule_table_len;
extern const char *const sons__rule_ask_table[][2];

size_t sons_rule_count(void)
{
	return sons__rule_table_len;
}

const sons_rule_info *sons_rule_at(size_t index)
{
	return index < sons__rule_table_len ? &sons__rule_table[index] : NULL;
}

const sons_rule_info *sons_rule_find(const char *id)
{
	if (!id)
		return NULL;
	for (size_t i = 0; i < sons__rule_table_len; i++)
		if (strcmp(sons__rule_table[i].id, id) == 0)
			return &sons__rule_table[i];
	return NULL;
}

const char *sons__rule_ask(const char *id, sons_lang lang)
{
	const sons_rule_info *r = sons_rule_find(id);
	if (!r)
		return NULL;
	return sons__rule_ask_table[r - sons__rule_table][lang == SONS_LANG_EN ? 1 : 0];
}
