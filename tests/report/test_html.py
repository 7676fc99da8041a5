#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The HTML report, rendered in headless Chromium.

Reports of fixtures (a compliant quote, a non-compliant one, an unreadable
file, a dossier with a cross-document finding, one document named with
markup and quotes) are written by `sons --format html`, loaded by Chromium
from file:// with the network off, and the page's text (the DOM after
parsing, tags stripped) is checked: the verdict in plain words, each rule
ID with « Que faire », the hostile file name shown as text and no script
element, nothing fetched from outside. A screenshot of one report is kept
in the build directory (html-report.png).

Usage: test_html.py SONS_EXE FIXTURES_DIR OUT_DIR     (prints TAP; skips
when Chromium is not installed)"""
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile

SONS, FIXTURES, OUT = (os.path.abspath(a) for a in sys.argv[1:4])
CHROMIUM = shutil.which('chromium') or shutil.which('chromium-browser')


class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self.tags, self.skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ('style', 'script'):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ('style', 'script'):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)

    def text(self):
        return ' '.join(' '.join(self.parts).split())


def chromium(args, tmp):
    base = [CHROMIUM, '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
            '--no-default-browser-check', '--disable-extensions', '--disable-sync',
            '--disable-background-networking', '--disable-component-update',
            '--disable-default-apps', '--mute-audio', '--hide-scrollbars',
            '--proxy-server=127.0.0.1:9', '--proxy-bypass-list=<-loopback>',
            '--user-data-dir=' + os.path.join(tmp, 'profile')]
    env = dict(os.environ, HOME=tmp, XDG_CONFIG_HOME=tmp, XDG_CACHE_HOME=tmp)
    return subprocess.run(base + args, capture_output=True, env=env, timeout=120)


def render(args, out, cwd=None):
    p = subprocess.run([SONS] + args + ['--format', 'html', '-o', out], capture_output=True,
                       cwd=cwd, timeout=120)
    return p.returncode


def dom_text(path, tmp):
    p = chromium(['--dump-dom', 'file://' + path], tmp)
    t = Text()
    t.feed(p.stdout.decode('utf-8', 'replace'))
    return t


def case_doc(group, name):
    d = os.path.join(FIXTURES, group, name)
    doc = [f for f in sorted(os.listdir(d)) if f not in ('intent.json', 'expected.json')][0]
    intent = json.load(open(os.path.join(d, 'intent.json'), encoding='utf-8'))
    return os.path.join(d, doc), intent.get('args', [])


def main():
    if not CHROMIUM:
        print('1..0 # SKIP chromium is not installed (apt-get install chromium)')
        return
    results = []

    def check(name, ok, detail=''):
        results.append((ok, name, detail))

    tmp = tempfile.mkdtemp(prefix='sons-html-')
    try:
        # A compliant quote, a non-compliant one, an unreadable file.
        good, gargs = case_doc('conforme', 'axiome-ehpad-tilleuls-docx')
        bad, bargs = case_doc('R', 'fires-r001-training-client-share-docx')
        broken = os.path.join(tmp, 'illisible.docx')
        with open(broken, 'w') as f:
            f.write('pas un document')
        page = os.path.join(tmp, 'rapport.html')
        rc = render(['check'] + bargs + [good, bad, broken], page)
        check('three documents: exit 2 (one indetermine)', rc == 2, 'exit %d' % rc)
        raw = open(page, encoding='utf-8').read()
        check('self-contained: no external resource, no script',
              'http://' not in raw and 'https://' not in raw and '<script' not in raw.lower()
              and 'src=' not in raw and '<link' not in raw)
        t = dom_text(page, tmp)
        text = t.text()
        check('Chromium rendered the page', 'Contrôle des documents SONS' in text,
              text[:200])
        check('summary: 3 documents with their verdicts',
              '3 documents : 1 conforme, 1 non conforme, 1 indéterminé.' in text, text[:400])
        check('plain-French verdicts',
              'Ce devis respecte les règles SONS' in text and
              'Ce devis ne respecte pas les règles SONS : 1 problème à faire corriger par '
              "l'éditeur avant de le signer" in text and
              "n'a pas pu être entièrement vérifié" in text, text[:1500])
        check('each problem with its rule, its place and what to do',
              'SONS-R001' in text and 'Que faire : Demandez que cette prestation soit prise '
              "en charge par l'État" in text and 'tableau 2, ligne 7' in text)
        check('what was read: parties, lines, State amount',
              'Ce qui a été lu' in text and 'Formation des utilisateurs' in text and
              "Pris en charge par l'État" in text and 'FINESS géographique' in text)
        check('the referential used is named', 'référentiel sons-ref' in text)
        # English
        page_en = os.path.join(tmp, 'report-en.html')
        render(['check', '--lang', 'en'] + bargs + [bad], page_en)
        te = dom_text(page_en, tmp).text()
        check('English with --lang en', 'This quote does not follow the SONS rules' in te and
              'What to do: Ask that this service be paid by the State' in te, te[:600])
        # A hostile file name: markup and quotes shown as text, never run.
        name = 'devis <script>alert(1)<img src=x onerror=alert(2)> & "x" \'y\'.docx'
        hostile = os.path.join(tmp, name)
        shutil.copyfile(good, hostile)
        page_h = os.path.join(tmp, 'hostile.html')
        render(['check'] + gargs + [hostile], page_h)
        th = dom_text(page_h, tmp)
        check('a file name with markup is escaped text',
              name in th.text() and
              not any(tag in ('script', 'img') for tag, _ in th.tags), th.text()[:300])
        # A dossier: findings across documents with the other documents.
        dd = os.path.join(FIXTURES, 'dossier', 'x002-mom-other-order')
        files = sorted(f for f in os.listdir(dd) if f.endswith('.docx'))
        page_d = os.path.join(tmp, 'dossier.html')
        render(['dossier', '--today', '2023-10-01'] + files, page_d, cwd=dd)
        td = dom_text(page_d, tmp).text()
        check('dossier: cross-document finding with « Voir aussi »',
              'SONS-X002' in td and 'Voir aussi : MOM_BC-2023-0475.docx' in td, td[:600])
        # Deterministic bytes.
        page2 = os.path.join(tmp, 'rapport2.html')
        render(['check'] + bargs + [good, bad, broken], page2)
        check('same bytes twice', open(page2, 'rb').read() == open(page, 'rb').read())
        # The screenshot, kept as an artefact of the test run.
        shot = os.path.join(OUT, 'html-report.png')
        p = chromium(['--screenshot=' + shot, '--window-size=1100,1600', 'file://' + page],
                     tmp)
        check('screenshot kept: %s' % shot,
              os.path.exists(shot) and os.path.getsize(shot) > 10000,
              p.stderr.decode('utf-8', 'replace')[-300:])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print('1..%d' % len(results))
    for i, (ok, name, detail) in enumerate(results, 1):
        print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
        if not ok and detail:
            print('# ' + detail.replace('\n', '\n# '))
    sys.exit(0 if all(r[0] for r in results) else 1)


if __name__ == '__main__':
    main()
