#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`sons check --format sarif` against the official SARIF 2.1.0 JSON schema
(draft 4), with Debian's python3-jsonschema: every fixture at once in both
languages, each group of fixtures, an absolute path, a hostile file name,
and an unreadable file.

Exit 77 (skipped, for meson) only when the schema file is absent: it lives
in shared/ beside the source tree, which a bare clone may not have. A
missing jsonschema module is a failure (tools/setup.sh installs it).

Usage: validate_sarif.py SONS_EXE FIXTURES_DIR SCHEMA"""
import json
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    exe, root, schema_path = (os.path.abspath(a) for a in sys.argv[1:4])
    if not os.path.isfile(schema_path):
        print('SARIF schema not found: %s (skipped)' % schema_path)
        return 77
    try:
        import jsonschema
    except ImportError:
        print('%s has no jsonschema module: apt-get install python3-jsonschema' %
              sys.executable)
        return 1
    schema = json.load(open(schema_path, encoding='utf-8'))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())

    docs, groups = [], {}
    for dirpath, dirnames, filenames in sorted(os.walk(root)):
        dirnames.sort()
        if 'intent.json' not in filenames:
            continue
        for f in sorted(filenames):
            if f not in ('intent.json', 'expected.json') and not f.startswith('.'):
                rel = os.path.relpath(os.path.join(dirpath, f), root)
                docs.append(rel)
                groups.setdefault(rel.split(os.sep)[0], []).append(rel)
    if not docs:
        print('no fixtures under %s' % root)
        return 1

    with tempfile.TemporaryDirectory(prefix='sons-sarif-') as tmp:
        hostile = os.path.join(tmp, 'devis "n°1" & <b> #2; été.docx')
        shutil.copy(os.path.join(root, docs[0]), hostile)
        with open(os.path.join(tmp, 'not-a-quote.xlsx'), 'wb') as f:
            f.write(b'plain text, not a zip\n')
        runs = [('all fixtures (fr)', ['--lang', 'fr'] + docs, root),
                ('all fixtures (en)', ['--lang', 'en'] + docs, root),
                ('absolute path', [os.path.join(root, docs[0])], root),
                ('hostile file name and an unreadable file',
                 [os.path.basename(hostile), 'not-a-quote.xlsx'], tmp)]
        runs += [('group %s' % g, files, root) for g, files in sorted(groups.items())]
        failed = 0
        for name, args, cwd in runs:
            p = subprocess.run([exe, 'check', '--format', 'sarif'] + args, cwd=cwd,
                               capture_output=True, timeout=300)
            try:
                log = json.loads(p.stdout.decode('utf-8'))
                errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
            except ValueError as e:
                errors = [e]
            if p.returncode not in (0, 1, 2) or errors:
                failed += 1
                print('FAIL %s: exit %d' % (name, p.returncode))
                for e in errors[:10]:
                    where = '/'.join(str(x) for x in getattr(e, 'path', []))
                    print('  %s: %s' % (where, getattr(e, 'message', e)))
            else:
                print('ok   %s: %d results' % (name, len(log['runs'][0]['results'])))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
