#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""sons audit on a generated batch: the batch goes on past broken files,
memory per document stays constant, the manifest holds each input's size
and SHA-256, progress goes to stderr only when asked (or on a terminal).

The batch is made of the office fixtures copied many times over, with
broken files in the middle (a truncated zip, a "PDF" that is text). Memory
is judged by the peak RSS of two runs, one with four times the documents of
the other: the difference divided by the extra documents is the cost of a
document that stays in memory (its compacted report), which must be small
and independent of the batch size. No wall-clock time is asserted.

Usage: test_audit.py SONS_EXE FIXTURES_DIR     (prints TAP)"""
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile

SONS, FIXTURES = sys.argv[1], sys.argv[2]
SMALL, LARGE = 150, 600
# bytes a compacted report may keep per document (findings, digest)
PER_DOCUMENT = 16 * 1024


def sources():
    out = []
    for group in ('conforme', 'C', 'L', 'M', 'R'):
        base = os.path.join(FIXTURES, group)
        for case in sorted(os.listdir(base)):
            for f in sorted(os.listdir(os.path.join(base, case))):
                if f.endswith(('.docx', '.xlsx', '.odt', '.ods')):
                    out.append(os.path.join(base, case, f))
    return out


def make_batch(root, n, src):
    os.makedirs(root)
    for i in range(n):
        s = src[i % len(src)]
        sub = os.path.join(root, 'lot%02d' % (i % 7))
        os.makedirs(sub, exist_ok=True)
        ext = os.path.splitext(s)[1]
        shutil.copyfile(s, os.path.join(sub, 'doc%05d%s' % (i, ext)))
        if i == n // 2:
            with open(s, 'rb') as f:
                data = f.read()
            with open(os.path.join(sub, 'doc%05d-tronque%s' % (i, ext)), 'wb') as f:
                f.write(data[: len(data) // 3])
            with open(os.path.join(sub, 'doc%05d-faux.pdf' % i), 'w') as f:
                f.write('ceci n\'est pas un PDF\n')
    with open(os.path.join(root, 'LISEZMOI.txt'), 'w') as f:
        f.write('notes de l\'auditeur\n')


def run(args, env=None):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    p = subprocess.run([SONS] + args, capture_output=True, env=env, timeout=1800)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return p, max(before, after)


def peak_rss(args):
    """Peak RSS (KiB) of one run, measured in a fresh child so that the
    children's maximum does not carry over from the previous run."""
    code = ('import resource,subprocess,sys;'
            'p=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);'
            'print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)')
    p = subprocess.run([sys.executable, '-c', code, SONS] + args, capture_output=True,
                       text=True, timeout=1800)
    rc, rss = p.stdout.split()
    return int(rc), int(rss)


def main():
    results = []

    def check(name, ok, detail=''):
        results.append((ok, name, detail))

    src = sources()
    tmp = tempfile.mkdtemp(prefix='sons-audit-')
    env = dict(os.environ, LANG='fr_FR.UTF-8')
    env.pop('LC_ALL', None)
    try:
        small, large = os.path.join(tmp, 'petit'), os.path.join(tmp, 'grand')
        make_batch(small, SMALL, src)
        make_batch(large, LARGE, src)
        man = os.path.join(tmp, 'manifeste.json')
        p, _ = run(['audit', '--jobs', '2', '--format', 'json', '--today', '2023-06-01',
                    '--manifest', man, small], env)
        report = json.loads(p.stdout.decode('utf-8'))
        docs = report['documents']
        check('every document of the batch is reported', len(docs) == SMALL + 2,
              '%d documents' % len(docs))
        broken = [d for d in docs if 'tronque' in d['path'] or 'faux' in d['path']]
        check('broken files are indetermine with a reason',
              len(broken) == 2 and all(d['verdict'] == 'indetermine' and
                                       d['findings'][0]['rule'] == 'SONS-D001'
                                       for d in broken), repr(broken)[:300])
        after = [d for d in docs if d['path'] > broken[0]['path']] if broken else []
        check('the batch goes on after them',
              len([d for d in after if d['verdict'] != 'indetermine']) > SMALL // 10)
        check('exit status 2 (some documents indetermine)', p.returncode == 2,
              'exit %d' % p.returncode)
        check('a non-document file is left out and said so',
              all('LISEZMOI' not in d['path'] for d in docs) and
              'laissé' in p.stderr.decode('utf-8'), p.stderr.decode('utf-8')[-300:])
        s = report['summary']
        check('summary counts per rule and per editor',
              s['documents'] == len(docs) and 'rules' in s and 'editors' in s and
              sum(e['documents'] for e in s['editors']) == len(docs), repr(s)[:300])
        order = [d['path'] for d in docs]
        check('documents in path order whatever the jobs', order == sorted(order))
        m = json.load(open(man, encoding='utf-8'))
        ok = len(m['inputs']) == len(docs)
        for e in m['inputs'][:40]:
            data = open(e['path'], 'rb').read()
            ok = ok and e['size'] == len(data) and \
                e['sha256'] == hashlib.sha256(data).hexdigest()
        byverdict = {d['path']: d['verdict'] for d in docs}
        ok = ok and all(byverdict[e['path']] == e['verdict'] for e in m['inputs'])
        check('manifest: size, SHA-256 and verdict of each input', ok)
        check('manifest: tool and referential versions',
              m['tool']['name'] == 'sons' and m['tool']['referentiel'] and
              m['today'] == '2023-06-01')
        # Same batch, one job: same bytes.
        p1, _ = run(['audit', '--jobs', '1', '--format', 'json', '--today', '2023-06-01',
                     small], env)
        check('--jobs 1 and --jobs 2 print the same report', p1.stdout == p.stdout)
        # Progress: on stderr only when asked, never on stdout.
        pp, _ = run(['audit', '--progress', '--jobs', '2', '--today', '2023-06-01', small],
                    env)
        err = pp.stderr.decode('utf-8')
        check('--progress writes [n/N] to stderr',
              '[%d/%d]' % (SMALL + 2, SMALL + 2) in err and '[' not in
              pp.stdout.decode('utf-8').split('\n')[0])
        check('no progress without a terminal', '/%d]' % (SMALL + 2) not in
              p.stderr.decode('utf-8'))
        # An empty folder is a usage error, not a silent success.
        empty = os.path.join(tmp, 'vide')
        os.makedirs(empty)
        pe, _ = run(['audit', empty], env)
        check('a folder without documents: exit 2 with the reason',
              pe.returncode == 2 and 'aucun document' in pe.stderr.decode('utf-8'))
        # Memory: constant per document (not measurable under ASan, whose
        # quarantine keeps freed memory on purpose).
        if 'ASAN_OPTIONS' in os.environ:
            results.append((True, 'memory per document # SKIP under AddressSanitizer', ''))
            return finish(results)
        rc_s, rss_s = peak_rss(['audit', '--jobs', '2', '--format', 'json', '--today',
                                '2023-06-01', small])
        rc_l, rss_l = peak_rss(['audit', '--jobs', '2', '--format', 'json', '--today',
                                '2023-06-01', large])
        per_doc = (rss_l - rss_s) * 1024 / (LARGE - SMALL)
        check('memory per document stays small (%d bytes/document; peak %d KiB for %d, '
              '%d KiB for %d)' % (per_doc, rss_s, SMALL, rss_l, LARGE),
              rc_s == 2 and rc_l == 2 and per_doc < PER_DOCUMENT)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish(results)


def finish(results):
    print('1..%d' % len(results))
    for i, (ok, name, detail) in enumerate(results, 1):
        print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
        if not ok and detail:
            print('# ' + detail.replace('\n', '\n# '))
    sys.exit(0 if all(r[0] for r in results) else 1)


if __name__ == '__main__':
    main()
