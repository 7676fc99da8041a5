#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The SARIF, JUnit and CSV reports are views of the JSON report: the same
documents, findings and order, read back here with the standard library
(json, xml.etree, csv) and compared with `sons check --format json` on the
same files. Also: deterministic bytes, the CSV dialect (BOM, ';', CRLF,
quoting), CSV injection neutralised and XML escaping, on a quote crafted
from a fixture whose label starts with '=' and whose file name holds
markup characters.

Usage: test_formats.py SONS_EXE FIXTURES_DIR RULES_JSON
Prints TAP. Standard library only."""
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import traceback
import xml.etree.ElementTree as ET
import zipfile

SEVERITY_WORD = {'fr': {'error': 'erreur', 'warning': 'avertissement', 'info': 'info'},
                 'en': {'error': 'error', 'warning': 'warning', 'info': 'info'}}
LEVEL = {'error': 'error', 'warning': 'warning', 'info': 'note'}
HEADER = {
    'fr': ['fichier', 'nature', 'verdict', 'règle', 'gravité', 'message', 'feuille', 'cellule',
           'page', 'ligne', 'tableau', 'rangée', 'colonne', 'extrait', 'documents liés'],
    'en': ['file', 'kind', 'verdict', 'rule', 'severity', 'message', 'sheet', 'cell', 'page',
           'line', 'table', 'row', 'column', 'evidence', 'related'],
}
SUMMARY_HEADER = {
    'fr': ['fichier', 'nature', 'verdict', 'erreurs', 'avertissements', 'infos', 'règles'],
    'en': ['file', 'kind', 'verdict', 'errors', 'warnings', 'info', 'rules'],
}
PAYLOAD = '=HYPERLINK("http://x.invalid/?a=1&b=<2>";\'Formation\')'


def env():
    e = {k: v for k, v in os.environ.items()
         if k not in ('LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE')}
    e['NO_COLOR'] = '1'
    return e


def documents(root):
    """Every single-document fixture: paths relative to root, sorted."""
    out = []
    for dirpath, dirnames, filenames in sorted(os.walk(root)):
        dirnames.sort()
        if 'intent.json' not in filenames:
            continue
        docs = [f for f in sorted(filenames)
                if f not in ('intent.json', 'expected.json') and not f.startswith('.')]
        if len(docs) == 1:
            out.append(os.path.relpath(os.path.join(dirpath, docs[0]), root))
    return out


def spreadsheet_text(s):
    """What the CSV writer makes of a JSON string: invalid controls as
    spaces, then a leading apostrophe before = + - @ tab CR."""
    s = ''.join(' ' if (ord(c) < 0x20 and c not in '\t\r\n') or 0x7f <= ord(c) < 0xa0 else c
                for c in s)
    return "'" + s if s[:1] in ('=', '+', '-', '@', '\t', '\r') else s


def num(v):
    return str(v) if v else ''


class Suite:
    def __init__(self, exe, root, rules_json, tmp):
        self.exe, self.root, self.tmp = exe, root, tmp
        cat = json.load(open(rules_json, encoding='utf-8'))['rules']
        self.catalogue = sorted(cat, key=lambda r: r['id'])
        self.implemented = [r['id'] for r in self.catalogue if r.get('implemented')]
        self.docs = documents(root)
        self.n = self.failed = 0

    def run(self, args, cwd=None):
        p = subprocess.run([self.exe, 'check'] + args, cwd=cwd or self.root, env=env(),
                           capture_output=True, timeout=300)
        if p.returncode not in (0, 1, 2) or (p.returncode == 2 and not p.stdout):
            raise AssertionError('sons check %s: exit %d\n%s' % (
                ' '.join(args), p.returncode, p.stderr.decode('utf-8', 'replace')))
        return p.returncode, p.stdout

    def both(self, fmt, files, lang='fr', extra=(), cwd=None):
        """(JSON report, exit code, raw bytes of the view) on the same files."""
        rc_j, j = self.run(['--lang', lang, '--format', 'json', '--'] + files, cwd)
        rc_v, v = self.run(['--lang', lang, '--format', fmt] + list(extra) + ['--'] + files,
                           cwd)
        assert rc_j == rc_v, 'exit %d with json, %d with %s' % (rc_j, rc_v, fmt)
        return json.loads(j.decode('utf-8')), v

    # -- SARIF ----------------------------------------------------------
    def check_sarif(self, report, raw, lang):
        log = json.loads(raw.decode('utf-8'))
        assert log['version'] == '2.1.0' and len(log['runs']) == 1, 'one SARIF 2.1.0 run'
        run = log['runs'][0]
        driver = run['tool']['driver']
        assert driver['name'] == 'sons' and driver['version'] == report['tool']['version']
        assert run['language'] == lang
        rules = driver['rules']
        assert [r['id'] for r in rules] == [r['id'] for r in self.catalogue], 'whole catalogue'
        for r, c in zip(rules, self.catalogue):
            assert r['shortDescription']['text'] == c[lang], r['id']
            assert r['defaultConfiguration']['level'] == LEVEL[c['severity']], r['id']
            assert r['properties'] == {'family': c['id'][5],
                                       'implemented': bool(c.get('implemented'))}, r['id']
            assert r['help']['text'].startswith(c[lang]), r['id']
        assert run['properties']['referentiel'] == report['tool']['referentiel']
        docs = report['documents']
        assert len(run['artifacts']) == len(docs)
        for a, d in zip(run['artifacts'], docs):
            assert a['properties']['verdict'] == d['verdict'], d['path']
            assert a['properties']['kind'] == d['kind'], d['path']
        results = run['results']
        findings = [(i, d, f) for i, d in enumerate(docs) for f in d['findings']]
        assert len(results) == len(findings), '%d results for %d findings' % (
            len(results), len(findings))
        for res, (i, d, f) in zip(results, findings):
            where = '%s %s' % (d['path'], f['rule'])
            assert res['ruleId'] == f['rule'], where
            assert rules[res['ruleIndex']]['id'] == f['rule'], where
            assert res['level'] == LEVEL[f['severity']], where
            assert res['message']['text'] == f['message'], where
            assert res['properties']['location'] == f['location'], where
            assert res['properties'].get('evidence') == f.get('evidence'), where
            loc = res['locations'][0]
            art = loc['physicalLocation']['artifactLocation']
            assert art['index'] == i, where
            assert art == dict(run['artifacts'][i]['location'], index=i), where
            fl = f['location']
            if 'line' in fl and not {'sheet', 'table', 'page'} & set(fl):
                assert loc['physicalLocation']['region'] == {'startLine': fl['line']}, where
            else:
                assert 'region' not in loc['physicalLocation'], where
            if {'sheet', 'table', 'page'} & set(fl):
                ll = loc['logicalLocations'][0]
                assert ll['kind'] == 'element', where
                assert ll['fullyQualifiedName'] == d['path'] + '#' + ll['name'], where
                if 'cell' in fl:
                    assert ll['name'] == '%s!%s' % (fl['sheet'], fl['cell']), where
                if 'table' in fl:
                    word = {'fr': 'tableau %d, ligne %d', 'en': 'table %d, row %d'}[lang]
                    assert ll['name'].startswith(word % (fl['table'], fl.get('row', 0))), where
            fp = res['partialFingerprints']['sonsFinding/v1']
            assert re.fullmatch(r'[0-9a-f]{16}', fp), where
        unreadable = [(i, d) for i, d in enumerate(docs)
                      if any(f['rule'] == 'SONS-D001' for f in d['findings'])]
        inv = run['invocations'][0]
        assert inv['executionSuccessful'] == (not unreadable)
        notes = inv.get('toolExecutionNotifications', [])
        assert len(notes) == len(unreadable), 'one notification per unreadable document'
        for n, (i, d) in zip(notes, unreadable):
            assert n['locations'][0]['physicalLocation']['artifactLocation']['index'] == i
            assert n['message']['text'] == [f['message'] for f in d['findings']
                                            if f['rule'] == 'SONS-D001'][0]
        return [r['partialFingerprints']['sonsFinding/v1'] for r in results]

    # -- JUnit ----------------------------------------------------------
    def check_junit(self, report, raw, lang):
        root = ET.fromstring(raw)
        assert root.tag == 'testsuites'
        suites = root.findall('testsuite')
        docs = report['documents']
        assert [s.get('name') for s in suites] == [d['path'] for d in docs]
        total = {'tests': 0, 'failures': 0, 'errors': 0}
        for s, d in zip(suites, docs):
            props = {p.get('name'): p.get('value') for p in s.find('properties')}
            assert props['verdict'] == d['verdict'] and props['kind'] == d['kind'], d['path']
            spoke = []
            for f in d['findings']:
                if f['rule'] not in spoke:
                    spoke.append(f['rule'])
            unreadable = 'SONS-D001' in spoke
            want = spoke if unreadable else self.implemented + [
                r for r in spoke if r not in self.implemented]
            # indetermine through warnings only: one more case, an <error>
            by_warnings = d['verdict'] == 'indetermine' and not any(
                f['severity'] == 'error' for f in d['findings'])
            if by_warnings:
                want = want + ['verdict']
            cases = s.findall('testcase')
            assert [c.get('name').split(' ')[0] for c in cases] == want, d['path']
            titles = {r['id']: r[lang] for r in self.catalogue}
            failures = errors = 0
            for c in cases:
                rule = c.get('name').split(' ')[0]
                assert c.get('classname') == d['path']
                if rule == 'verdict':
                    err = c.find('error')
                    assert err is not None and err.get('type') == 'indetermine', d['path']
                    errors += 1
                    continue
                if rule in titles:
                    assert c.get('name') == rule + ' ' + titles[rule], c.get('name')
                errs = [f for f in d['findings'] if f['rule'] == rule
                        and f['severity'] == 'error']
                others = [f for f in d['findings'] if f['rule'] == rule
                          and f['severity'] != 'error']
                fail, err = c.find('failure'), c.find('error')
                el = err if rule == 'SONS-D001' else fail
                assert (fail if rule == 'SONS-D001' else err) is None, rule
                if errs:
                    assert el is not None, '%s %s: no failure' % (d['path'], rule)
                    assert el.get('type') == rule
                    assert el.get('message').startswith(errs[0]['message'])
                    for f in errs:
                        assert f['message'] in el.text, (rule, f['message'])
                        if f.get('evidence'):
                            assert f['evidence'] in el.text, (rule, f['evidence'])
                    if rule == 'SONS-D001':
                        errors += 1
                    else:
                        failures += 1
                else:
                    assert el is None, '%s %s: failure without error' % (d['path'], rule)
                out = c.find('system-out')
                if others:
                    for f in others:
                        assert f['message'] in out.text, (rule, f['message'])
                else:
                    assert out is None, rule
            assert int(s.get('tests')) == len(cases), d['path']
            assert int(s.get('failures')) == failures, d['path']
            assert int(s.get('errors')) == errors, d['path']
            assert s.get('skipped') == '0'
            total['tests'] += len(cases)
            total['failures'] += failures
            total['errors'] += errors
        for k, v in total.items():
            assert int(root.get(k)) == v, (k, root.get(k), v)

    # -- CSV ------------------------------------------------------------
    @staticmethod
    def csv_rows(raw):
        assert raw.startswith(b'\xef\xbb\xbf'), 'UTF-8 BOM'
        text = raw.decode('utf-8-sig')
        assert text.endswith('\r\n'), 'CRLF at the end'
        bare = re.sub(r'"(?:[^"]|"")*"', '', text)
        assert '\n' not in bare.replace('\r\n', ''), 'LF outside quotes without CR'
        assert '\r' not in bare.replace('\r\n', ''), 'CR outside quotes without LF'
        return list(csv.reader(io.StringIO(text, newline=''), delimiter=';'))

    def check_csv(self, report, raw, lang):
        rows = self.csv_rows(raw)
        assert rows[0] == HEADER[lang], rows[0]
        want = []
        for d in report['documents']:
            head = [spreadsheet_text(d['path']), d['kind'], d['verdict']]
            if not d['findings']:
                want.append(head + [''] * 12)
            for f in d['findings']:
                l = f['location']
                want.append(head + [
                    f['rule'], SEVERITY_WORD[lang][f['severity']], spreadsheet_text(f['message']),
                    spreadsheet_text(l.get('sheet', '')), spreadsheet_text(l.get('cell', '')),
                    num(l.get('page')), num(l.get('line')), num(l.get('table')),
                    num(l.get('row')), num(l.get('column')),
                    spreadsheet_text(f.get('evidence') or ''),
                    spreadsheet_text(' | '.join(f.get('related', [])))])
        got = rows[1:]
        assert len(got) == len(want), '%d rows, %d expected' % (len(got), len(want))
        for g, w in zip(got, want):
            assert g == w, '\n got  %r\n want %r' % (g, w)

    def check_csv_summary(self, report, raw, lang):
        rows = self.csv_rows(raw)
        assert rows[0] == SUMMARY_HEADER[lang], rows[0]
        assert len(rows) == 1 + len(report['documents'])
        for g, d in zip(rows[1:], report['documents']):
            sev = [f['severity'] for f in d['findings']]
            rules = []
            for f in d['findings']:
                if f['rule'] not in rules:
                    rules.append(f['rule'])
            assert g == [spreadsheet_text(d['path']), d['kind'], d['verdict'],
                         str(sev.count('error')), str(sev.count('warning')),
                         str(sev.count('info')), ', '.join(rules)], g

    # -- crafted input ----------------------------------------------------
    def crafted(self):
        """A fixture whose evidence we can find in its XML, copied under
        hostile names with PAYLOAD put before that text."""
        _, j = self.run(['--format', 'json'] + self.docs)
        for d in json.loads(j.decode('utf-8'))['documents']:
            if not d['path'].endswith('.docx'):
                continue
            for f in d['findings']:
                ev = f.get('evidence')
                if not ev or len(ev) < 8 or '&' in ev or '<' in ev:
                    continue
                src = os.path.join(self.root, d['path'])
                with zipfile.ZipFile(src) as z:
                    try:
                        parts = [(i, z.read(i.filename)) for i in z.infolist()]
                    except (zipfile.BadZipFile, OSError):
                        continue
                    docxml = [p for i, p in parts if i.filename == 'word/document.xml']
                    if len(docxml) != 1:
                        continue
                    xml = docxml[0].decode('utf-8')
                    if xml.count('>' + ev + '<') != 1:
                        continue
                    esc = PAYLOAD.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
                    names = '=calc; "q" & <b> \'s\' #1.docx', '-2+3.docx'
                    for name in names:
                        with zipfile.ZipFile(os.path.join(self.tmp, name), 'w',
                                             zipfile.ZIP_DEFLATED) as out:
                            for item, data in parts:
                                if item.filename == 'word/document.xml':
                                    data = xml.replace('>' + ev + '<', '>' + esc + ' ' + ev +
                                                       '<').encode('utf-8')
                                out.writestr(item, data)
                    return list(names)
        raise AssertionError('no fixture with a docx evidence to replace')

    # -- TAP ------------------------------------------------------------
    def test(self, name, fn):
        self.n += 1
        try:
            fn()
            print('ok %d - %s' % (self.n, name))
        except Exception:
            self.failed += 1
            print('not ok %d - %s' % (self.n, name))
            for line in traceback.format_exc().splitlines():
                print('# ' + line)
        sys.stdout.flush()

    def main(self):
        assert self.docs, 'no fixtures under %s' % self.root
        for lang in ('fr', 'en'):
            for fmt, check in (('sarif', self.check_sarif), ('junit', self.check_junit),
                               ('csv', self.check_csv)):
                self.test('%s (%s) on %d documents matches the JSON report' % (
                    fmt, lang, len(self.docs)),
                    lambda fmt=fmt, check=check, lang=lang: check(
                        *self.both(fmt, self.docs, lang), lang))
            self.test('csv --summary (%s) matches the JSON report' % lang,
                      lambda lang=lang: self.check_csv_summary(
                          *self.both('csv', self.docs, lang, ['--summary']), lang))

        def one_by_one():
            # Each document alone, with its own verdict, in every view.
            for doc in self.docs[::7]:
                for fmt, check in (('sarif', self.check_sarif), ('junit', self.check_junit),
                                   ('csv', self.check_csv)):
                    check(*self.both(fmt, [doc]), 'fr')
        self.test('every view of single documents', one_by_one)

        def deterministic():
            for fmt in ('sarif', 'junit', 'csv'):
                a = self.run(['--format', fmt] + self.docs)[1]
                b = self.run(['--format', fmt] + self.docs)[1]
                assert a == b, '%s differs between two runs' % fmt
        self.test('same bytes twice', deterministic)

        def fingerprints():
            fr = self.check_sarif(*self.both('sarif', self.docs, 'fr'), 'fr')
            en = self.check_sarif(*self.both('sarif', self.docs, 'en'), 'en')
            assert fr == en, 'fingerprints depend on the language'
        self.test('SARIF fingerprints do not depend on the language', fingerprints)

        def absolute_paths():
            doc = os.path.join(self.root, self.docs[0])
            log = json.loads(self.run(['--format', 'sarif', doc])[1].decode('utf-8'))
            loc = log['runs'][0]['artifacts'][0]['location']
            assert loc['uri'].startswith('file:///') and 'uriBaseId' not in loc, loc
            rel = json.loads(self.run(['--format', 'sarif', self.docs[0]])[1].decode('utf-8'))
            loc = rel['runs'][0]['artifacts'][0]['location']
            assert loc['uriBaseId'] == '%SRCROOT%' and not loc['uri'].startswith('/'), loc
            assert ' ' not in loc['uri']
        self.test('SARIF: relative paths under %SRCROOT%, absolute ones as file URIs',
                  absolute_paths)

        state = {}

        def crafted_csv():
            names = state['crafted'] = self.crafted()
            report, raw = self.both('csv', names, cwd=self.tmp)
            self.check_csv(report, raw, 'fr')
            rows = self.csv_rows(raw)[1:]
            evid = [r[13] for r in rows if r[13].startswith("'" + PAYLOAD + ' ')]
            assert len(evid) == 2, 'payload not neutralised: %r' % [r[13] for r in rows]
            assert all(r[0] in ("'" + names[0], "'" + names[1]) for r in rows), [
                r[0] for r in rows]
            assert all(not c[:1] in '=+-@' or not c for r in rows for c in r), rows
            # The quoted field survives a strict reader: ';' and '"' inside.
            assert b'"\'=HYPERLINK(""http' in raw, raw[:400]
        self.test('CSV neutralises formulas and quotes ; and " (crafted quote)', crafted_csv)

        def crafted_xml():
            names = state.get('crafted') or self.crafted()
            report, raw = self.both('junit', names, cwd=self.tmp)
            self.check_junit(report, raw, 'fr')
            root = ET.fromstring(raw)
            assert [s.get('name') for s in root.findall('testsuite')] == names
            texts = [e.text for e in root.iter('failure')] + [
                e.text for e in root.iter('system-out')]
            assert any(PAYLOAD in t for t in texts if t), 'payload lost in JUnit'
            report, raw = self.both('sarif', names, cwd=self.tmp)
            self.check_sarif(report, raw, 'fr')
            uris = [a['location']['uri'] for a in json.loads(raw)['runs'][0]['artifacts']]
            assert all(re.fullmatch(r"[A-Za-z0-9\-._~/!$&'()*+,;=@%]+", u) for u in uris), uris
            assert '%23' in uris[0] and '%22' in uris[0] and '%20' in uris[0], uris
        self.test('JUnit and SARIF escape a hostile file name and text (crafted quote)',
                  crafted_xml)

        print('1..%d' % self.n)
        return 1 if self.failed else 0


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    exe, root, rules = (os.path.abspath(a) for a in sys.argv[1:4])
    with tempfile.TemporaryDirectory(prefix='sons-report-') as tmp:
        return Suite(exe, root, rules, tmp).main()


if __name__ == '__main__':
    sys.exit(main())
