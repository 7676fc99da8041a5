# SPDX-License-Identifier: MIT
"""What the hostile-input tests share: the fixture documents and TAP."""
import os
import sys


def documents(root, groups=None):
    """Every fixture document under root (fixtures/<group>/<case>/<doc>)."""
    out = []
    for group in sorted(os.listdir(root)):
        gdir = os.path.join(root, group)
        if not os.path.isdir(gdir) or (groups and group not in groups):
            continue
        for case in sorted(os.listdir(gdir)):
            cdir = os.path.join(gdir, case)
            if not os.path.isfile(os.path.join(cdir, 'intent.json')):
                continue
            for f in sorted(os.listdir(cdir)):
                if f not in ('intent.json', 'expected.json') and not f.startswith('.'):
                    out.append(os.path.join(cdir, f))
    return out


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, desc, *diag):
        self.n += 1
        print('%sok %d - %s' % ('' if cond else 'not ', self.n, desc))
        if not cond:
            self.failed += 1
            for d in diag:
                for line in str(d).splitlines():
                    print('# ' + line)
        sys.stdout.flush()
        return cond

    def done(self):
        print('1..%d' % self.n)
        return 1 if self.failed or not self.n else 0

    @staticmethod
    def skip_all(why):
        print('1..0 # SKIP %s' % why)
        return 0
