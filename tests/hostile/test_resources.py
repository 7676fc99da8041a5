#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The bombs and the deep documents of fixtures/hostile are refused within
bounded memory: each goes through the library driver in a process of its
own, whose peak resident size (getrusage, a resource count, not a clock)
must stay within 64 MiB of the same driver checking the clean quote the
hostile ones are made from. The undeclared zip bomb would need more than
150 MB to inflate: the bound is what shows that the limits stop it.

Usage: test_resources.py LIB_DRIVER FIXTURES_DIR   (prints TAP)"""
import os
import subprocess
import sys

from common import Tap, documents

MARGIN_KB = 64 * 1024


def peak_kb(cmd):
    env = dict(os.environ, LANG='C.UTF-8')
    # Under AddressSanitizer freed blocks wait in a quarantine, which would
    # count every buffer an entry grew through; keep the count comparable.
    env['ASAN_OPTIONS'] = ':'.join(x for x in (env.get('ASAN_OPTIONS'), 'quarantine_size_mb=0')
                                   if x)
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    out = p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return ru.ru_maxrss, p.returncode, out


def main():
    driver, root = sys.argv[1:3]
    tap = Tap()
    clean = os.path.join(root, 'conforme', 'axiome-ehpad-tilleuls-docx',
                         'devis-AX-2023-0142.docx')
    base, rc, out = peak_kb([driver, clean])
    tap.ok(rc == 0 and b'"conforme"' in out, 'baseline: the clean quote, %d KB' % base)
    for doc in documents(root, groups={'hostile'}):
        name = os.path.basename(os.path.dirname(doc))
        kb, rc, out = peak_kb([driver, doc])
        tap.ok(rc == 0 and b'"verdict"' in out and kb <= base + MARGIN_KB,
               '%s: %d KB (baseline + %d KB)' % (name, kb, kb - base))
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
