#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`sons check -o FILE` is atomic even under SIGKILL: a report already in
FILE stays byte for byte what it was until the new one is complete, and no
temporary file is left beside it.

`sons check --format json -o out.json` runs on a large batch (the fixtures,
repeated); the test watches the process's open files (/proc/PID/fd). Once it
opens a file in the output directory — the write has begun — the process is
stopped (SIGSTOP), the file is checked to be still open (the process is
frozen inside the write), and it is killed (SIGKILL). Then out.json must be
the old report and the directory must hold nothing else. Repeated a bounded
number of times until 3 kills landed inside the write; also one kill while
documents are still being checked, and one run left to finish (out.json is
then the whole new report).

Usage: test_kill_output.py SONS_EXE FIXTURES_DIR   (prints TAP; Linux)"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

from common import Tap, documents

ATTEMPTS = 25
WANTED = 3
OLD = b'{"tool": "the previous report, which must survive"}\n'


def open_in(pid, directory):
    """Files of the process inside `directory` (the report being written)."""
    out = []
    try:
        for fd in os.listdir('/proc/%d/fd' % pid):
            try:
                t = os.readlink('/proc/%d/fd/%s' % (pid, fd))
            except OSError:
                continue
            if t.startswith(directory + '/'):
                out.append(t)
    except OSError:
        pass
    return out


def stopped(pid):
    for _ in range(20000):
        try:
            with open('/proc/%d/stat' % pid) as f:
                state = f.read().rsplit(')', 1)[1].split()[0]
        except OSError:
            return False
        if state in ('T', 't'):
            return True
        time.sleep(0.0001)
    return False


def main():
    sons, root = sys.argv[1:3]
    if not os.path.isdir('/proc/self/fd'):
        return Tap.skip_all('no /proc/PID/fd to watch the process')
    tap = Tap()
    docs = documents(root)
    # long enough (a few seconds) for the poller to see a document open even
    # on a loaded machine
    batch = docs * max(1, 2000 // len(docs))
    env = dict(os.environ, LANG='C.UTF-8')
    with tempfile.TemporaryDirectory(prefix='sons-kill-') as tmp:
        outdir = os.path.join(tmp, 'out')
        os.mkdir(outdir)
        out = os.path.join(outdir, 'out.json')

        def reset():
            with open(out, 'wb') as f:
                f.write(OLD)

        def run():
            return subprocess.Popen([sons, 'check', '--format', 'json', '-o', out] + batch,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                    env=env)

        # Killed while checking (a document open, nothing written yet).
        reset()
        p = run()
        early = False
        fixtures = os.path.realpath(root)
        while p.poll() is None and not early:
            early = bool(open_in(p.pid, fixtures)) and not open_in(p.pid, outdir)
        p.kill()
        p.wait()
        tap.ok(early, 'a kill while documents are being checked (before any write)')
        tap.ok(open(out, 'rb').read() == OLD and os.listdir(outdir) == ['out.json'],
               'then out.json is the old report and nothing else is there',
               os.listdir(outdir))

        landed = late = 0
        problems = []
        for attempt in range(ATTEMPTS):
            if landed >= WANTED:
                break
            reset()
            p = run()
            inside = False
            while p.poll() is None:
                if open_in(p.pid, outdir):
                    os.kill(p.pid, signal.SIGSTOP)
                    frozen = stopped(p.pid)
                    inside = frozen and bool(open_in(p.pid, outdir))
                    os.kill(p.pid, signal.SIGKILL)
                    break
            p.wait()
            left = sorted(os.listdir(outdir))
            data = open(out, 'rb').read()
            if inside:
                landed += 1
                if data != OLD:
                    problems.append('attempt %d: out.json changed by a kill inside the '
                                    'write' % attempt)
            else:
                late += 1
                if data != OLD:
                    try:
                        n = len(json.loads(data)['documents'])
                    except ValueError:
                        n = -1
                    if n != len(batch):
                        problems.append('attempt %d: out.json neither old nor complete' %
                                        attempt)
            if left != ['out.json']:
                problems.append('attempt %d: left %r' % (attempt, left))
                for f in left:
                    if f != 'out.json':
                        os.remove(os.path.join(outdir, f))
        tap.ok(landed >= WANTED, '%d kills landed inside the write (%d attempts missed it)' %
               (landed, late))
        tap.ok(not problems, 'after each kill, out.json is the old report (or, for a late '
               'kill, the whole new one) and no temporary file is left', *problems)

        # Left alone, the run replaces the report.
        reset()
        p = run()
        rc = p.wait()
        data = open(out, 'rb').read()
        try:
            n = len(json.loads(data)['documents'])
        except ValueError:
            n = -1
        tap.ok(rc == 2 and n == len(batch) and os.listdir(outdir) == ['out.json'],
               'a run left to finish writes the whole report (%d documents)' % n)
    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
