# SPDX-License-Identifier: MIT
"""Shared helpers: where the fixtures are and how a case is run.

meson test sets SONS_FIXTURES to the source tree's fixtures/ and
PYTHONPATH to the built package; run by hand:
PYTHONPATH=build/bindings/python python3 -m pytest bindings/python/tests
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any, Dict, Iterator, List, Optional

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.environ.get("SONS_FIXTURES") or os.path.normpath(
    os.path.join(HERE, "..", "..", "..", "fixtures")
)


@dataclass
class Case:
    name: str
    dir: str
    document: str  # file name, relative to dir
    intent: Dict[str, Any]
    expected_json: str

    @property
    def options(self) -> Dict[str, Any]:
        """intent.json's "args" (CLI options) as keyword arguments of check()."""
        args: List[str] = list(self.intent.get("args", []))
        out: Dict[str, Any] = {}
        keys = {"--today": "today", "--kind": "kind", "--lang": "lang",
                "--referentiel": "referentiel"}
        while args:
            a = args.pop(0)
            if a not in keys or not args:
                raise ValueError("%s: option %r not understood by the tests" % (self.name, a))
            v = args.pop(0)
            out[keys[a]] = os.path.join(self.dir, v) if a == "--referentiel" else v
        return out


def cases(root: str = FIXTURES, several: bool = False) -> Iterator[Case]:
    """The single-document cases; with several, the dossiers and batches
    (intent with "documents" or "expect"; doc is then "")."""
    for dirpath, dirnames, filenames in sorted(os.walk(root)):
        dirnames.sort()
        if "intent.json" not in filenames:
            continue
        with open(os.path.join(dirpath, "intent.json"), encoding="utf-8") as f:
            intent = json.load(f)
        if ("documents" in intent or "expect" in intent) != several:
            continue
        docs = [f for f in sorted(filenames)
                if f not in ("intent.json", "expected.json") and not f.startswith(".")]
        assert several or len(docs) == 1, dirpath
        with open(os.path.join(dirpath, "expected.json"), encoding="utf-8") as f:
            expected = f.read()
        yield Case(os.path.relpath(dirpath, root), dirpath, "" if several else docs[0],
                   intent, expected)


ALL_CASES = list(cases())
CROSS_CASES = list(cases(several=True))


def case_named(name: str) -> Case:
    for c in ALL_CASES:
        if c.name == name:
            return c
    raise KeyError(name)


@pytest.fixture
def conforme_case() -> Case:
    return case_named(os.path.join("conforme", "axiome-ehpad-tilleuls-docx"))


@pytest.fixture
def non_conforme_case() -> Case:
    return next(c for c in ALL_CASES if c.intent["verdict"] == "non-conforme")


def path_of(case: Case) -> str:
    return os.path.join(case.dir, case.document)


def read(case: Case) -> bytes:
    with open(path_of(case), "rb") as f:
        return f.read()


def today_of(case: Optional[Case]) -> Optional[str]:
    return case.options.get("today") if case else None
