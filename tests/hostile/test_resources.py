#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The bombs and the deep documents of fixtures/hostile are refused within
bounded memory and time: each goes through the library driver in a process
of its own, whose peak resident size (getrusage, a resource count, not a
clock) must stay within 64 MiB of the same driver checking the clean quote
the hostile ones are made from, and whose CPU time (user + system, counted
by the kernel, not a wall clock: a loaded machine does not change it) must
stay under CPU_LIMIT_S. The undeclared zip bomb would need more than 150 MB
to inflate: the bound is what shows that the limits stop it. A loop that
never ends (a PDF page tree that lists itself, a stream without end) would
be killed by RLIMIT_CPU and fail the test rather than hang it.

Usage: test_resources.py LIB_DRIVER FIXTURES_DIR   (prints TAP)"""
import os
import resource
import subprocess
import sys

from common import Tap, documents

MARGIN_KB = 64 * 1024
# CPU seconds one hostile document may take: the slowest here takes about
# 0.4 s in a plain build (the 64 MB flate bomb), a few seconds under ASan.
CPU_LIMIT_S = 10


def limit_cpu():
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT_S + 5, CPU_LIMIT_S + 5))


def peak_kb(cmd):
    env = dict(os.environ, LANG='C.UTF-8')
    # Under AddressSanitizer freed blocks wait in a quarantine, which would
    # count every buffer an entry grew through; keep the count comparable.
    env['ASAN_OPTIONS'] = ':'.join(x for x in (env.get('ASAN_OPTIONS'), 'quarantine_size_mb=0')
                                   if x)
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                         preexec_fn=limit_cpu)
    out = p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return ru.ru_maxrss, ru.ru_utime + ru.ru_stime, p.returncode, out


def main():
    driver, root = sys.argv[1:3]
    tap = Tap()
    clean = os.path.join(root, 'conforme', 'axiome-ehpad-tilleuls-docx',
                         'devis-AX-2023-0142.docx')
    base, bcpu, rc, out = peak_kb([driver, clean])
    tap.ok(rc == 0 and b'"conforme"' in out,
           'baseline: the clean quote, %d KB, %.2f s CPU' % (base, bcpu))
    for doc in documents(root, groups={'hostile'}):
        name = os.path.basename(os.path.dirname(doc))
        kb, cpu, rc, out = peak_kb([driver, doc])
        tap.ok(rc == 0 and b'"verdict"' in out and kb <= base + MARGIN_KB
               and cpu <= CPU_LIMIT_S,
               '%s: %d KB (baseline + %d KB), %.2f s CPU (limit %d s)'
               % (name, kb, kb - base, cpu, CPU_LIMIT_S),
               'exit status %d' % rc)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
