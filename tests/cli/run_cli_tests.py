#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Contract tests of the `sons` command: exit codes, a batch that goes on
past bad files, atomic -o, languages, deterministic JSON, the rule list,
usage errors, and inputs left untouched.

The documents come from fixtures/<group>/<case>/ (one document plus
intent.json: verdict, fires, silent, args); cases are chosen by reading the
intents, not by name. Standard library only.

Usage: run_cli_tests.py SONS_EXE FIXTURES_DIR
Prints TAP."""
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

EXIT = {'conforme': 0, 'non-conforme': 1, 'indetermine': 2}
SAMPLE = 3  # cases per verdict checked for the exit code


class Skip(Exception):
    pass


def base_env(lang=None):
    env = {k: v for k, v in os.environ.items()
           if k not in ('LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE', 'NO_COLOR')}
    if lang:
        env['LANG'] = lang
    return env


class Sons:
    def __init__(self, exe):
        self.exe = exe

    def run(self, args, cwd=None, env=None, stdin=None):
        p = subprocess.run([self.exe] + args, cwd=cwd, env=env or base_env(),
                           input=stdin, capture_output=True, timeout=120)
        return p.returncode, p.stdout, p.stderr.decode('utf-8', 'replace')


def load_cases(root):
    """Single-document fixture cases: (name, dir, document, intent)."""
    out = []
    if not os.path.isdir(root):
        return out
    for dirpath, dirnames, filenames in sorted(os.walk(root)):
        dirnames.sort()
        if 'intent.json' not in filenames:
            continue
        try:
            intent = json.load(open(os.path.join(dirpath, 'intent.json'), encoding='utf-8'))
        except (OSError, ValueError):
            continue
        docs = [f for f in sorted(filenames)
                if f not in ('intent.json', 'expected.json') and not f.startswith('.')]
        if len(docs) != 1 or intent.get('verdict') not in EXIT:
            continue
        args = intent.get('args', [])
        if isinstance(args, str):
            args = args.split()
        intent['args'] = args
        out.append((os.path.relpath(dirpath, root), dirpath, docs[0], intent))
    return out


def by_verdict(cases, verdict, prefer_group=None):
    sel = [c for c in cases if c[3]['verdict'] == verdict]
    if prefer_group:
        first = [c for c in sel if c[0].split(os.sep)[0] == prefer_group]
        sel = first + [c for c in sel if c not in first]
    return sel


def sha256(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def minimal_docx(path, paragraphs):
    """A small valid .docx, used when the fixtures have no readable document."""
    body = ''.join('<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % p
                   for p in paragraphs)
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml',
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/'
                   'vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                   '</Types>')
        z.writestr('_rels/.rels',
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'relationships"><Relationship Id="rId1" Type="http://schemas.'
                   'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                   'Target="word/document.xml"/></Relationships>')
        z.writestr('word/document.xml',
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<w:document xmlns:w="http://schemas.openxmlformats.org/'
                   'wordprocessingml/2006/main"><w:body>%s</w:body></w:document>' % body)


class Suite:
    def __init__(self, sons, root, tmp):
        self.sons = sons
        self.root = root
        self.tmp = tmp
        self.cases = load_cases(root)
        self.n = 0
        self.failed = 0
        self.rules_json = os.path.join(os.path.dirname(os.path.abspath(root)), 'lib', 'data',
                                       'rules.json')
        self._good = None

    # -- helpers --------------------------------------------------------

    def good_documents(self):
        """Two readable documents (absolute paths) with their extra args."""
        if self._good is None:
            good = []
            for name, d, doc, intent in self.cases:
                # Readable documents; their --today does not matter here.
                if intent['verdict'] != 'indetermine':
                    good.append(os.path.join(d, doc))
                if len(good) == 2:
                    break
            if len(good) < 2:
                d = os.path.join(self.tmp, 'synthetic')
                os.makedirs(d, exist_ok=True)
                for i in range(2 - len(good)):
                    p = os.path.join(d, 'devis%d.docx' % i)
                    minimal_docx(p, ['Devis n° %d' % (i + 1), 'Total HT : 100,00 €'])
                    good.append(p)
            self._good = good
        return self._good

    def check_json(self, args, **kw):
        rc, out, err = self.sons.run(['check', '--format', 'json'] + args, **kw)
        try:
            report = json.loads(out.decode('utf-8'))
        except ValueError as e:
            raise AssertionError('stdout is not JSON (%s); rc %d, stderr %r' % (e, rc, err))
        return rc, report, err, out

    # -- TAP ------------------------------------------------------------

    def test(self, name, fn):
        self.n += 1
        try:
            fn()
            print('ok %d - %s' % (self.n, name))
        except Skip as s:
            print('ok %d - %s # SKIP %s' % (self.n, name, s))
        except AssertionError as e:
            self.failed += 1
            print('not ok %d - %s' % (self.n, name))
            for line in str(e).splitlines() or ['(assertion failed)']:
                print('#   ' + line)
        except Exception as e:  # a crash of the test itself
            self.failed += 1
            print('not ok %d - %s' % (self.n, name))
            print('#   %s: %s' % (type(e).__name__, e))
        sys.stdout.flush()

    # -- tests ----------------------------------------------------------

    def exit_code_for(self, verdict, prefer):
        def t():
            sel = by_verdict(self.cases, verdict, prefer)[:SAMPLE]
            if not sel:
                raise Skip('no fixture with intent verdict %s' % verdict)
            problems = []
            for name, d, doc, intent in sel:
                rc, out, err = self.sons.run(['check'] + intent['args'] + [doc], cwd=d)
                if rc != EXIT[verdict]:
                    problems.append('%s: exit %d, want %d (%s)\n%s%s' % (
                        name, rc, EXIT[verdict], verdict,
                        out.decode('utf-8', 'replace')[-400:], err[-400:]))
            assert not problems, '\n'.join(problems)
        return t

    def test_exit_matches_report(self):
        """For every fixture the exit code is that of the verdict printed."""
        if not self.cases:
            raise Skip('no fixtures')
        problems = []
        for name, d, doc, intent in self.cases:
            rc, report, err, _ = self.check_json(intent['args'] + [doc], cwd=d)
            v = report['documents'][0]['verdict']
            if rc != EXIT[v]:
                problems.append('%s: exit %d for verdict %s' % (name, rc, v))
        assert not problems, '\n'.join(problems)

    def test_highest_wins(self):
        sel = {v: by_verdict(self.cases, v) for v in EXIT}
        paths = [os.path.join(c[1], c[2]) for v in EXIT for c in sel[v][:1]]
        if len(paths) < 2:
            raise Skip('needs fixtures of two verdicts')
        rc, report, err, _ = self.check_json(paths)
        want = max(EXIT[d['verdict']] for d in report['documents'])
        assert rc == want, 'exit %d, the worst verdict gives %d' % (rc, want)
        s = report['summary']
        assert s['documents'] == len(paths) == len(report['documents']), s
        assert s['conforme'] + s['non-conforme'] + s['indetermine'] == len(paths), s

    def test_batch_goes_on(self):
        good = self.good_documents()
        missing = os.path.join(self.tmp, 'absent-devis.docx')
        corrupt = os.path.join(self.tmp, 'corrompu.docx')
        with open(corrupt, 'wb') as f:
            f.write(b'PK\x03\x04 this is not really a zip archive' + bytes(range(256)))
        files = [good[0], missing, corrupt, good[1]]
        rc, report, err, _ = self.check_json(files)
        assert rc == 2, 'exit %d, want 2; stderr %r' % (rc, err)
        lines = err.splitlines()
        for bad in (missing, corrupt):
            assert any(l.startswith(bad + ': ') for l in lines), \
                'no "%s: reason" line on stderr:\n%s' % (bad, err)
        for g in good:
            assert not any(l.startswith(g + ':') for l in lines), \
                'a good file is reported as failing:\n%s' % err
        docs = report['documents']
        assert [d['path'] for d in docs] == files, [d['path'] for d in docs]
        for d in (docs[0], docs[3]):
            assert 'SONS-D001' not in {f['rule'] for f in d['findings']}, d
        for d in (docs[1], docs[2]):
            assert d['verdict'] == 'indetermine', d
            assert 'SONS-D001' in {f['rule'] for f in d['findings']}, d
        # The text view lists them too.
        rc, out, err = self.sons.run(['check'] + files)
        text = out.decode('utf-8')
        assert rc == 2, rc
        for f in files:
            assert (f + ':') in text, '%s missing from the text report' % f

    def test_output_atomic(self):
        good = self.good_documents()
        outdir = os.path.join(self.tmp, 'out')
        os.mkdir(outdir)
        target = os.path.join(outdir, 'rapport.json')
        with open(target, 'w') as f:
            f.write('old content, much longer than nothing ' * 1000)
        rc0, _, _, stdout = self.check_json([good[0]])
        rc, out, err = self.sons.run(['check', '--format', 'json', '-o', target, good[0]])
        assert rc == rc0, 'exit %d with -o, %d without' % (rc, rc0)
        assert out == b'', 'stdout not empty with -o: %r' % out[:200]
        data = open(target, 'rb').read()
        json.loads(data.decode('utf-8'))
        assert data == stdout, 'the -o file differs from what stdout gets'
        assert os.listdir(outdir) == ['rapport.json'], os.listdir(outdir)
        # Into a directory that does not exist: a clean failure, nothing left.
        before = sorted(os.listdir(self.tmp))
        bad = os.path.join(self.tmp, 'nowhere', 'rapport.json')
        rc, out, err = self.sons.run(['check', '--format', 'json', '-o', bad, good[0]])
        assert rc == 2, 'exit %d, want 2' % rc
        assert err.strip(), 'no reason on stderr'
        assert not os.path.exists(os.path.dirname(bad)), 'directory created'
        assert sorted(os.listdir(self.tmp)) == before, 'stray files: %r' % (
            set(os.listdir(self.tmp)) - set(before))
        # Over a directory: refused, the directory left alone.
        rc, out, err = self.sons.run(['check', '-o', outdir, good[0]])
        assert rc == 2 and os.path.isdir(outdir), rc
        assert os.listdir(outdir) == ['rapport.json'], os.listdir(outdir)

    def test_lang(self):
        good = self.good_documents()
        missing = os.path.join(self.tmp, 'absent.docx')
        args = ['check', good[0], missing]
        rc, out, err = self.sons.run(['check', '--lang', 'en', good[0], missing])
        text = out.decode('utf-8')
        assert re.search(r': (compliant|non-compliant|undetermined)\b', text), text[-500:]
        assert re.search(r'^\S+: error SONS-D001: ', text, re.M), text[-500:]
        assert not re.search(r': (erreur|avertissement) SONS-|: (conforme|non conforme|'
                             r'indéterminé)( \(|$)', text, re.M), text[-500:]
        rc, out, err = self.sons.run(args, env=base_env('en_US.UTF-8'))
        assert ' error SONS-D001' in out.decode('utf-8'), 'LANG=en_US is not English'
        rc, out, err = self.sons.run(args, env=base_env('fr_FR.UTF-8'))
        assert ' erreur SONS-D001' in out.decode('utf-8'), 'LANG=fr_FR is not French'
        rc, out, err = self.sons.run(args, env=base_env())
        assert ' erreur SONS-D001' in out.decode('utf-8'), 'no locale is not French'
        env = base_env('en_US.UTF-8')
        env['LC_ALL'] = 'fr_FR.UTF-8'
        rc, out, err = self.sons.run(args, env=env)
        assert ' erreur SONS-D001' in out.decode('utf-8'), 'LC_ALL does not come first'
        rc, out, err = self.sons.run(['check', '--bogus'], env=base_env('en_US.UTF-8'))
        assert rc == 2 and "Try 'sons check --help'." in err, err
        rc, out, err = self.sons.run(['rules', '--lang', 'en'])
        assert rc == 0 and 'The file cannot be read' in out.decode('utf-8'), out[:300]

    def test_json_deterministic(self):
        files = [os.path.join(c[1], c[2]) for c in self.cases][:8]
        files = files or self.good_documents()
        files = files + [os.path.join(self.tmp, 'absent.docx')]
        rc1, r1, _, out1 = self.check_json(files)
        rc2, r2, _, out2 = self.check_json(files)
        assert out1 == out2 and rc1 == rc2, 'two runs differ'
        assert list(r1) == ['tool', 'documents', 'summary'], list(r1)
        assert list(r1['tool']) == ['name', 'version', 'referentiel'], list(r1['tool'])
        assert r1['tool']['name'] == 'sons'
        assert list(r1['summary']) == ['documents', 'conforme', 'non-conforme',
                                       'indetermine'], list(r1['summary'])
        for d in r1['documents']:
            assert list(d)[:2] == ['path', 'kind'] and 'verdict' in d and 'findings' in d, d
            for f in d['findings']:
                assert list(f)[:4] == ['rule', 'severity', 'message', 'location'], f
                assert f['severity'] in ('error', 'warning', 'info'), f
                for k, v in f['location'].items():
                    assert k in ('page', 'sheet', 'cell', 'line', 'table', 'row',
                                 'column'), k
                    assert v not in (0, None, ''), f
            rules = [f['rule'] for f in d['findings']]
            assert rules == sorted(rules), 'findings not sorted by rule: %s' % rules
        rc, out, err = self.sons.run(['--version'])
        assert rc == 0 and r1['tool']['version'] in out.decode('utf-8'), out

    def test_rules(self):
        cat = json.load(open(self.rules_json, encoding='utf-8'))['rules']
        ids = sorted(r['id'] for r in cat)
        rc, out, err = self.sons.run(['rules'])
        assert rc == 0, (rc, err)
        listed = re.findall(r'^(SONS-[A-Z]\d{3})\s', out.decode('utf-8'), re.M)
        assert sorted(listed) == ids, 'missing %s, extra %s' % (
            sorted(set(ids) - set(listed)), sorted(set(listed) - set(ids)))
        rc, out, err = self.sons.run(['rules', '--format', 'json'])
        assert rc == 0, (rc, err)
        rules = json.loads(out.decode('utf-8'))['rules']
        assert sorted(r['id'] for r in rules) == ids
        want = {r['id']: r for r in cat}
        for r in rules:
            assert r['severity'] == want[r['id']]['severity'], r
            assert r['title'] == want[r['id']]['fr'], r
            assert r['implemented'] == bool(want[r['id']].get('implemented')), r

    def test_usage_errors(self):
        good = self.good_documents()[0]
        bad = [[], ['frobnicate'], ['--bogus'], ['check'], ['check', '--bogus', good],
               ['check', '--format', 'xml', good], ['extract', '--format', 'html', good],
               ['extract', '--format', 'csv', good], ['rules', '--format', 'sarif'],
               ['check', '--summary', good], ['check', '--summary', '--format', 'json', good],
               ['check', '--lang', 'de', good], ['check', '--today', '2023-02-30', good],
               ['check', '--today', 'demain', good], ['check', '--kind', 'facture', good],
               ['check', '-o'], ['check', '--quiet=yes', good], ['rules', 'extra'],
               ['rules', '--today', '2024-01-01'], ['extract'], ['dossier'], ['audit'],
               ['audit', '--progress=yes', self.tmp], ['check', '--jobs', '0', good],
               ['audit', '--manifest', '', self.tmp],
               ['check', '--referentiel', os.path.join(self.tmp, 'absent.json'), good]]
        problems = []
        for args in bad:
            rc, out, err = self.sons.run(args)
            if rc != 2 or not err.strip():
                problems.append('sons %s: exit %d, stderr %r' % (' '.join(args), rc, err))
            if '--referentiel' not in args and 'Essayez « sons' not in err:
                problems.append('sons %s: no "Essayez « sons … --help »": %r' % (
                    ' '.join(args), err))
        for args in (['--help'], ['check', '--help'], ['rules', '-h'], ['--version']):
            rc, out, err = self.sons.run(args)
            if rc != 0 or not out:
                problems.append('sons %s: exit %d' % (' '.join(args), rc))
        assert not problems, '\n'.join(problems)

    def test_quiet(self):
        files = self.good_documents()
        rc, out, err = self.sons.run(['check'] + files)
        rcq, outq, errq = self.sons.run(['check', '--quiet'] + files)
        assert rc == rcq, 'exit %d with --quiet, %d without' % (rcq, rc)
        full = out.decode('utf-8').splitlines()
        quiet = outq.decode('utf-8').splitlines()
        verdict = re.compile(r'^(%s): (conforme|non conforme|indéterminé)( \(.*\))?$'
                             % '|'.join(re.escape(f) for f in files))
        kept = [l for l in full if not verdict.match(l) and not re.match(r'^\d+ documents', l)]
        assert quiet == kept, 'quiet output:\n%s\nexpected:\n%s' % ('\n'.join(quiet),
                                                                      '\n'.join(kept))

    def test_extract(self):
        good = self.good_documents()[0]
        rc, out, err = self.sons.run(['extract', '--format', 'json', good])
        assert rc == 0, (rc, err)
        d = json.loads(out.decode('utf-8'))['documents'][0]
        assert d['path'] == good and isinstance(d['extract'], dict), d
        for k in ('kind', 'identifiers', 'lines'):
            assert k in d['extract'], k
        rc, out, err = self.sons.run(['extract', good])
        assert rc == 0 and out.decode('utf-8').startswith(good), out[:200]
        missing = os.path.join(self.tmp, 'absent.docx')
        rc, out, err = self.sons.run(['extract', '--format', 'json', missing])
        assert rc == 2, rc
        assert json.loads(out.decode('utf-8'))['documents'][0]['extract'] is None

    def test_inputs_untouched(self):
        files = [os.path.join(c[1], c[2]) for c in self.cases][:20] or self.good_documents()
        before = {f: (sha256(f), os.stat(f).st_mtime_ns) for f in files}
        listing = {os.path.dirname(f): sorted(os.listdir(os.path.dirname(f))) for f in files}
        outdir = os.path.join(self.tmp, 'untouched')
        os.mkdir(outdir)
        for args in (['check'], ['check', '--format', 'json'], ['extract'],
                     ['check', '-o', os.path.join(outdir, 'r.txt')]):
            self.sons.run(args + files)
        rc, out, err = self.sons.run(['check', '-o', files[0], files[0]])
        assert rc == 2, 'an -o naming an input was accepted'
        after = {f: (sha256(f), os.stat(f).st_mtime_ns) for f in files}
        changed = [f for f in files if before[f] != after[f]]
        assert not changed, 'modified: %s' % changed
        for d, names in listing.items():
            assert sorted(os.listdir(d)) == names, 'files appeared in %s' % d

    def main(self):
        print('# sons: %s, fixtures: %s (%d single-document cases)' % (
            self.sons.exe, self.root, len(self.cases)))
        self.test('exit 0 for conforme documents', self.exit_code_for('conforme', 'conforme'))
        self.test('exit 1 for non-conforme documents',
                  self.exit_code_for('non-conforme', None))
        self.test('exit 2 for unreadable documents', self.exit_code_for('indetermine', 'D'))
        self.test('exit code follows the reported verdict', self.test_exit_matches_report)
        self.test('the highest exit code wins', self.test_highest_wins)
        self.test('the batch goes on past a missing and a corrupt file',
                  self.test_batch_goes_on)
        self.test('-o is written atomically', self.test_output_atomic)
        self.test('--lang and the locale choose the language', self.test_lang)
        self.test('JSON is deterministic and shaped as documented',
                  self.test_json_deterministic)
        self.test('sons rules lists the catalogue', self.test_rules)
        self.test('usage errors exit 2 with a reason', self.test_usage_errors)
        self.test('--quiet drops the verdict lines only', self.test_quiet)
        self.test('sons extract', self.test_extract)
        self.test('input files are never modified', self.test_inputs_untouched)
        print('1..%d' % self.n)
        return 1 if self.failed else 0


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    exe, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory(prefix='sons-cli-') as tmp:
        return Suite(Sons(exe), root, tmp).main()


if __name__ == '__main__':
    sys.exit(main())
