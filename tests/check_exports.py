#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The library exports exactly the SONS_API functions of sons.h, and the
version script lists exactly those. Usage: LIB HEADER MAP NM"""
import re
import subprocess
import sys

lib, header, mapfile, nm = sys.argv[1:5]
declared = set(re.findall(r'^SONS_API\b[^;]*?\b(sons_[a-z0-9_]+)\s*\(',
                          open(header, encoding='utf-8').read(), re.M | re.S))
mapped = set(re.findall(r'^\s*(sons_[a-z0-9_]+);', open(mapfile).read(), re.M))
out = subprocess.run([nm, '-D', '--defined-only', lib], capture_output=True, text=True,
                     check=True).stdout
exported = {l.split()[-1] for l in out.splitlines() if l.split() and l.split()[-2] in 'TDBR'
            and l.split()[-1].startswith('sons')}
ok = True
for name, a, b in (('header vs map', declared, mapped), ('header vs library', declared, exported)):
    if a != b:
        ok = False
        print('%s: only in the first %s, only in the second %s' % (
            name, sorted(a - b), sorted(b - a)))
print('exports: %d symbols, %s' % (len(declared), 'consistent' if ok else 'MISMATCH'))
sys.exit(0 if ok else 1)
