#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Input files are never modified: every file of fixtures/ (documents,
intents, expected reports) is fingerprinted — SHA-256, size, mode,
modification time — then every document goes through `sons check` (text and
JSON, and -o into another directory), `sons extract` and the library
driver, and the fingerprints must be the same, with no file added.

Usage: test_untouched.py SONS_EXE LIB_DRIVER FIXTURES_DIR   (prints TAP)"""
import hashlib
import os
import subprocess
import sys
import tempfile

from common import Tap, documents


def fingerprints(root):
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for f in filenames:
            p = os.path.join(dirpath, f)
            st = os.lstat(p)
            with open(p, 'rb') as fh:
                digest = hashlib.sha256(fh.read()).hexdigest()
            out[os.path.relpath(p, root)] = (digest, st.st_size, st.st_mode, st.st_mtime_ns)
    return out


def main():
    sons, driver, root = sys.argv[1:4]
    tap = Tap()
    docs = documents(root)
    before = fingerprints(root)
    tap.ok(len(docs) > 80 and len(before) > 3 * 80,
           'fingerprinted %d files, %d documents' % (len(before), len(docs)))
    env = dict(os.environ, LANG='C.UTF-8')
    runs = [
        [sons, 'check'] + docs,
        [sons, 'check', '--format', 'json'] + docs,
        [sons, 'extract', '--format', 'json'] + docs,
        [driver] + docs,
    ]
    with tempfile.TemporaryDirectory(prefix='sons-untouched-') as tmp:
        runs.append([sons, 'check', '--format', 'json', '-o', os.path.join(tmp, 'r.json')] +
                    docs)
        for cmd in runs:
            p = subprocess.run(cmd, capture_output=True, env=env, timeout=540)
            # 2: some documents are indeterminate on purpose (hostile, D001);
            # the library driver always exits 0 once it has printed
            want = 0 if cmd[0] == driver else 2
            tap.ok(p.returncode == want and (len(p.stdout) > 0 or '-o' in cmd),
                   '%s ran over every document (exit %d)' % (
                       ' '.join([os.path.basename(cmd[0])] +
                                [a for a in cmd[1:4] if a.startswith('-') or a in (
                                    'check', 'extract')]), p.returncode),
                   p.stderr.decode('utf-8', 'replace')[-2000:])
        tap.ok(os.path.getsize(os.path.join(tmp, 'r.json')) > 10000, '-o wrote its report')
    after = fingerprints(root)
    changed = sorted(k for k in before if k in after and before[k] != after[k])
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    tap.ok(not changed, 'no file changed', *changed[:20])
    tap.ok(not added, 'no file added next to the inputs', *added[:20])
    tap.ok(not removed, 'no file removed', *removed[:20])
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
