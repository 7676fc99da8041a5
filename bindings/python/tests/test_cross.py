# SPDX-License-Identifier: MIT
"""sons.dossier() and sons.audit() on the dossier and batch fixtures: the
same documents, verdicts and findings (with their related documents) as
`sons dossier` / `sons audit` wrote in expected.json."""
import json
import os
from typing import Any, Dict, List

import pytest

import sons
from conftest import CROSS_CASES, Case


def findings(doc: Dict[str, Any]) -> List[Any]:
    return [(f["rule"], f["severity"], f["message"], f.get("related", []))
            for f in doc["findings"]]


@pytest.mark.parametrize("case", CROSS_CASES, ids=[c.name for c in CROSS_CASES])
def test_same_as_the_command_line(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case.dir)
    opts = case.options
    expected = json.loads(case.expected_json)
    if "documents" in case.intent:
        files = sorted(f for f in os.listdir(".")
                       if f not in ("intent.json", "expected.json"))
        reports = sons.dossier(files, **opts)
    else:
        reports = sons.audit(".", jobs=2, **opts)
    want = {os.path.normpath(d["path"]): d for d in expected["documents"]}
    got = {os.path.normpath(r.path): r for r in reports}
    assert sorted(got) == sorted(want)
    for path, r in got.items():
        d = want[path]
        assert r.verdict == d["verdict"], path
        mine = [(f.rule, f.severity, f.message, [os.path.normpath(p) for p in f.related])
                for f in r.findings]
        theirs = [(a, b, c, [os.path.normpath(p) for p in rel])
                  for a, b, c, rel in findings(d)]
        assert mine == theirs, path


def test_dossier_related_in_to_dict() -> None:
    case = next(c for c in CROSS_CASES if c.name.endswith("x002-mom-other-order"))
    files = [os.path.join(case.dir, f) for f in sorted(os.listdir(case.dir))
             if f.endswith(".docx")]
    reports = sons.dossier(files, **case.options)
    x002 = [f for r in reports for f in r.findings if f.rule == "SONS-X002"]
    assert x002 and all(len(f.related) == 1 for f in x002)
    assert x002[0].to_dict()["related"] == list(x002[0].related)
