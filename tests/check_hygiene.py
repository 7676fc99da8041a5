#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Footguns banned from lib/ (the library never prints, never exits, never
depends on the locale), every source file has its SPDX line, and the rule
catalogue's IDs are those of shared/spec/rules.md when it is beside us.
Usage: check_hygiene.py SOURCE_ROOT"""
import json
import os
import re
import sys

root = sys.argv[1]
banned = re.compile(r'\b(sprintf|vsprintf|strcpy|strcat|strtok|atoi|atof|atol|strtod|gets|'
                    r'printf|fprintf|puts|exit|abort|setlocale|perror)\s*\(')
problems = []
for dirpath, _, files in os.walk(os.path.join(root, 'lib')):
    for f in files:
        if not f.endswith(('.c', '.h')):
            continue
        path = os.path.join(dirpath, f)
        text = open(path, encoding='utf-8').read()
        if 'SPDX-License-Identifier' not in text.split('\n', 2)[0]:
            problems.append('%s: no SPDX line first' % path)
        for n, line in enumerate(text.splitlines(), 1):
            code = re.sub(r'"([^"\\]|\\.)*"', '""', line.split('//')[0])
            m = banned.search(code)
            if m and not re.search(r'\b(sn|vsn)printf\s*\(', code[m.start() - 2:m.end()]):
                problems.append('%s:%d: banned call %s' % (path, n, m.group(1)))
cat = json.load(open(os.path.join(root, 'lib/data/rules.json'), encoding='utf-8'))
ids = [r['id'] for r in cat['rules']]
spec = os.path.join(root, '..', 'shared', 'spec', 'rules.md')
if os.path.exists(spec):
    spec_ids = set(re.findall(r'^\| (SONS-[A-Z]\d{3}) \|', open(spec, encoding='utf-8').read(),
                              re.M))
    if spec_ids != set(ids):
        problems.append('rules.json vs rules.md: missing %s, extra %s' % (
            sorted(spec_ids - set(ids)), sorted(set(ids) - spec_ids)))
for p in problems:
    print(p)
print('hygiene: %d problem(s)' % len(problems))
sys.exit(1 if problems else 0)
