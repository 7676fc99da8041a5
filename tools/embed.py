#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Embeds a file as a NUL-terminated C byte array: embed.py IN OUT SYMBOL."""
import sys

src, dst, sym = sys.argv[1:4]
data = open(src, 'rb').read()
with open(dst, 'w', encoding='ascii') as out:
    out.write('/* Generated from %s by tools/embed.py. Do not edit. */\n' % src.split('/')[-1])
    out.write('#include <stddef.h>\n')
    out.write('extern const char %s[];\nextern const size_t %s_len;\n' % (sym, sym))
    out.write('const char %s[] = {\n' % sym)
    for i in range(0, len(data), 16):
        out.write('  ' + ', '.join('%d' % b for b in data[i:i + 16]) + ',\n')
    out.write('  0\n};\n')
    out.write('const size_t %s_len = %d;\n' % (sym, len(data)))
