#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""--referentiel replaces the embedded referential: the report names the
one used, a pattern changed in the file changes the reading, and a
malformed file is refused with exit 2 and a reason naming the JSON path.
Usage: test_referentiel.py SONS REFERENTIEL_JSON FIXTURES_DIR (prints TAP)"""
import json
import os
import subprocess
import sys
import tempfile

sons, ref_path, fixtures = (os.path.abspath(a) for a in sys.argv[1:4])
case = os.path.join(fixtures, 'R', 'fires-r001-training-client-share-docx')
doc = [f for f in os.listdir(case) if f.endswith('.docx')][0]
env = dict(os.environ, LANG='fr_FR.UTF-8')
env.pop('LC_ALL', None)
results = []


def run(*args):
    p = subprocess.run([sons, 'check', '--format', 'json'] + list(args) + [doc], cwd=case,
                       env=env, capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def check(ok, what):
    results.append((ok, what))


ref = json.load(open(ref_path, encoding='utf-8'))
with tempfile.TemporaryDirectory() as tmp:
    # Same content, another version: the report says which one was used.
    ref['version'] = '9999.1'
    same = os.path.join(tmp, 'same.json')
    json.dump(ref, open(same, 'w', encoding='utf-8'), ensure_ascii=False)
    rc0, out0, _ = run()
    rc1, out1, _ = run('--referentiel', same)
    r0, r1 = json.loads(out0), json.loads(out1)
    check(r1['tool']['referentiel'].startswith('sons-ref 9999.1'), 'report names the file used')
    check(r0['documents'] == r1['documents'] and rc0 == rc1, 'same data, same findings')

    # Training taken out of the perimeter: the R001 on it disappears.
    ref['patterns']['perimeter_in'] = [f for f in ref['patterns']['perimeter_in']
                                       if f['name'] != 'formation']
    changed = os.path.join(tmp, 'changed.json')
    json.dump(ref, open(changed, 'w', encoding='utf-8'), ensure_ascii=False)
    rc2, out2, _ = run('--referentiel', changed)
    rules = {f['rule'] for f in json.loads(out2)['documents'][0]['findings']}
    check('SONS-R001' in {f['rule'] for f in r0['documents'][0]['findings']}
          and 'SONS-R001' not in rules, 'patterns come from the file (R001 follows them)')

    # Malformed files: exit 2, a reason, no crash.
    bad = os.path.join(tmp, 'bad.json')
    for content, needle in (('{"format": 1, ', 'JSON'),
                            ('{"format": 1, "id": "x", "version": "1", "date": "d", '
                             '"patterns": {"state_loose": "(["}}', 'state_loose'),
                            ('[]', 'objet')):
        open(bad, 'w').write(content)
        rc, out, err = run('--referentiel', bad)
        check(rc == 2 and needle in err, 'malformed referential refused (%s): %s' % (
            needle, err.strip()[:100]))
    rc, out, err = run('--referentiel', os.path.join(tmp, 'missing.json'))
    check(rc == 2 and 'missing.json' in err, 'missing referential file: exit 2')

print('1..%d' % len(results))
for i, (ok, what) in enumerate(results, 1):
    print('%sok %d - %s' % ('' if ok else 'not ', i, what))
sys.exit(0 if all(ok for ok, _ in results) else 1)
