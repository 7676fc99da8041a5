#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""No socket is opened and no external entity is read, even when a document
asks for it: the documents of fixtures/hostile that carry a remote DTD, an
external entity to /etc/passwd, an external parameter entity and a billion
laughs go through `sons check`, `sons extract` and the library driver under
`strace -f`, which must show no socket(), connect() or other network call,
no opening of /etc/passwd, and the documents opened read-only. A self-check
first proves that the trace would show a socket. Skipped without strace or
when ptrace is not allowed.

Usage: test_no_network.py SONS_EXE LIB_DRIVER FIXTURES_DIR   (prints TAP)"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

from common import Tap

CASES = ['remote-dtd-docx', 'xxe-local-file-docx', 'xxe-parameter-entity-ods',
         'billion-laughs-docx']
NETWORK = re.compile(r'\b(socket|connect|bind|sendto|sendmsg|socketpair)\(')
OPEN = re.compile(r'\b(open|openat|openat2|creat)\((?:AT_FDCWD|\d+)?,?\s*"([^"]*)"(?:,\s*([^,)]*))?')


def env():
    # LeakSanitizer cannot run under ptrace: an ASan build would fail its
    # exit; leaks are looked for by the other tests.
    e = dict(os.environ, LANG='C.UTF-8')
    e['ASAN_OPTIONS'] = ':'.join(x for x in (e.get('ASAN_OPTIONS'), 'detect_leaks=0') if x)
    return e


def trace(cmd, log):
    strace = shutil.which('strace')
    p = subprocess.run([strace, '-f', '-qq', '-s', '512', '-o', log, '-e',
                        'trace=socket,connect,bind,sendto,sendmsg,socketpair,open,openat,'
                        'openat2,creat'] + cmd, capture_output=True, timeout=240,
                       env=env())
    text = open(log, encoding='utf-8', errors='replace').read() if os.path.exists(log) else ''
    return p, text


def main():
    sons, driver, root = sys.argv[1:4]
    if not shutil.which('strace'):
        return Tap.skip_all('strace not found')
    tap = Tap()
    docs = []
    for c in CASES:
        d = os.path.join(root, 'hostile', c)
        docs += [os.path.join(d, f) for f in sorted(os.listdir(d))
                 if f not in ('intent.json', 'expected.json')]
    with tempfile.TemporaryDirectory(prefix='sons-strace-') as tmp:
        log = os.path.join(tmp, 'self.log')
        p, text = trace([sys.executable, '-c',
                         'import socket; socket.socket(socket.AF_INET, socket.SOCK_STREAM)'],
                        log)
        if p.returncode != 0 or not text:
            return Tap.skip_all('strace cannot trace here: %s' %
                                p.stderr.decode('utf-8', 'replace').strip()[:200])
        tap.ok(NETWORK.search(text), 'self-check: the trace shows a socket when one is opened',
               text[-1000:])
        for name, cmd in (('check', [sons, 'check', '--format', 'json'] + docs),
                          ('extract', [sons, 'extract', '--format', 'json'] + docs),
                          ('library', [driver] + docs)):
            log = os.path.join(tmp, name + '.log')
            p, text = trace(cmd, log)
            out = p.stdout.decode('utf-8', 'replace')
            refused = out.count('"verdict": "indetermine"') if name == 'extract' else \
                out.count('"SONS-D001"')
            tap.ok(p.returncode == (0 if name == 'library' else 2) and
                   refused == len(docs) and text,
                   '%s: every document refused' % name,
                   out[-2000:], p.stderr.decode('utf-8', 'replace')[-1000:])
            net = [l for l in text.splitlines() if NETWORK.search(l)]
            tap.ok(not net, '%s: no network system call' % name, *net[:10])
            opened = [(m.group(2), m.group(3) or '') for m in OPEN.finditer(text)]
            tap.ok(not [o for o in opened if o[0] == '/etc/passwd'],
                   '%s: /etc/passwd never opened' % name)
            mine = [o for o in opened if o[0] in docs]
            writable = [o for o in mine if re.search(r'O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND',
                                                    o[1])]
            tap.ok(len(mine) >= len(docs) and not writable,
                   '%s: the documents are opened read-only (%d opens)' % (name, len(mine)),
                   *['%s %s' % o for o in writable[:10]])
            leaked = [t for t in ('root:x:', 'root:*:') if t in out]
            tap.ok(not leaked, '%s: nothing of /etc/passwd in the report' % name)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
