#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""PDF reading speed (README, « PDF input »): the text PDFs of fixtures/pdf/
(the scan and the encrypted file left out) REPS times over, first through
one `sons check --format json` (read, rebuild, analyse, all rules, JSON),
then through poppler's bare text extraction (sons-pdf-floor); pages per
second of each, wall clock and CPU time (steadier on a shared machine).

Usage: pdf_speed.py SONS_EXE FLOOR_EXE FIXTURES_DIR [REPS]"""
import glob
import os
import resource
import subprocess
import sys
import time


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd):
    c, t = cpu(), time.monotonic()
    out = subprocess.run(cmd, stdout=subprocess.PIPE, check=False).stdout
    return time.monotonic() - t, cpu() - c, out


def main():
    sons, floor, root = sys.argv[1:4]
    reps = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    files = sorted(f for f in glob.glob(os.path.join(root, 'pdf', '*', '*.pdf'))
                   if os.path.basename(os.path.dirname(f)) not in
                   ('scan-no-text', 'encrypted-password'))
    env = dict(os.environ, LANG='fr_FR.UTF-8')
    env.pop('LC_ALL', None)
    c, t = cpu(), time.monotonic()
    subprocess.run([sons, 'check', '--format', 'json', '--today', '2023-06-01'] + files * reps,
                   stdout=subprocess.DEVNULL, env=env, check=False)
    wall_s, cpu_s = time.monotonic() - t, cpu() - c
    wall_p, cpu_p, out = timed([floor, str(reps)] + files)
    pages = int(out.split()[0])
    print('%d files, %d pages, %d times' % (len(files), pages // reps, reps))
    print('sons check : %4.0f pages/s (CPU time: %4.0f)' % (pages / wall_s, pages / cpu_s))
    print('poppler    : %4.0f pages/s (CPU time: %4.0f)' % (pages / wall_p, pages / cpu_p))


if __name__ == '__main__':
    main()
