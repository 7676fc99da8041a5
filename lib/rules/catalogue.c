/* SPDX-License-Identifier: MIT */
/* Public access to the rule catalogue generated from data/rules.json. */
#include <string.h>

#include "internal.h"

extern const sons_rule_info sons__rule_table[];
extern const size_t sons__rule_table_len;

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
