#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generates the C rule table from lib/data/rules.json: gen_rules.py IN OUT.

The catalogue is data: IDs, severities, titles. Its C form is generated so
that `sons rules`, the reporters and the docs read one source."""
import json
import re
import sys

src, dst = sys.argv[1:3]
cat = json.load(open(src, encoding='utf-8'))
seen = set()
sev = {'error': 'SONS_SEVERITY_ERROR', 'warning': 'SONS_SEVERITY_WARNING',
       'info': 'SONS_SEVERITY_INFO'}


def cstr(s):
    out = []
    for b in s.encode('utf-8'):
        if b in (0x22, 0x5c):
            out.append('\\' + chr(b))
        elif 0x20 <= b < 0x7f and b != 0x3f:
            out.append(chr(b))
        else:
            out.append('\\%03o' % b)
    return '"' + ''.join(out) + '"'


rows = []
asks = []
for r in sorted(cat['rules'], key=lambda r: r['id']):
    rid = r['id']
    if not re.fullmatch(r'SONS-[A-Z]\d{3}', rid) or rid in seen:
        sys.exit('bad or duplicate rule id: %s' % rid)
    seen.add(rid)
    rows.append('\t{%s, %s, %s, %s, %s, %d},' % (
        cstr(rid), cstr(rid[5]), sev[r['severity']], cstr(r['fr']), cstr(r['en']),
        1 if r.get('implemented') else 0))
    if not r.get('ask_fr') or not r.get('ask_en'):
        sys.exit('rule %s: ask_fr and ask_en (what to ask the editor) are required' % rid)
    asks.append('\t{%s, %s},' % (cstr(r['ask_fr']), cstr(r['ask_en'])))
with open(dst, 'w', encoding='ascii') as out:
    out.write('/* Generated from rules.json by tools/gen_rules.py. Do not edit. */\n')
    out.write('#include <sons/sons.h>\n#include <stddef.h>\n')
    out.write('extern const sons_rule_info sons__rule_table[];\n')
    out.write('extern const size_t sons__rule_table_len;\n')
    out.write('const sons_rule_info sons__rule_table[] = {\n')
    out.write('\n'.join(rows) + '\n};\n')
    out.write('const size_t sons__rule_table_len = %d;\n' % len(rows))
    out.write('/* What to ask the editor, French then English, in the same order. */\n')
    out.write('extern const char *const sons__rule_ask_table[][2];\n')
    out.write('const char *const sons__rule_ask_table[][2] = {\n')
    out.write('\n'.join(asks) + '\n};\n')
