# SPDX-License-Identifier: MIT
"""Every fixture through the bindings: the same verdicts, findings and JSON
as the command line (expected.json is the CLI's report, reviewed)."""

from __future__ import annotations

import json

import pytest

import sons
from conftest import ALL_CASES, Case, read

assert ALL_CASES, "no fixtures found"


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.name for c in ALL_CASES])
def test_fixture(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = json.loads(case.expected_json)
    doc = expected["documents"][0]

    # The CLI ran in the case's folder on the bare file name: so do we.
    monkeypatch.chdir(case.dir)
    report = sons.check(case.document, **case.options)

    assert report.verdict == case.intent["verdict"]
    assert report.verdict == doc["verdict"]
    assert report.path == doc["path"] == case.document
    assert report.kind == doc["kind"]
    assert report.format == doc["format"]
    assert report.referentiel == expected["tool"]["referentiel"]
    # Findings built from the C getters, compared with the CLI's JSON.
    assert [f.to_dict() for f in report.findings] == doc["findings"]
    found = {f.rule for f in report.findings}
    for rule in case.intent.get("fires", []):
        assert rule in found, "%s should fire" % rule
    for rule in case.intent.get("silent", []):
        assert rule not in found, "%s should stay silent" % rule
    # The whole report, byte for byte.
    assert report.to_json() == case.expected_json
    assert report.to_dict() == expected
    # What was read: a dict when the document could be read.
    if any(f.rule == "SONS-D001" for f in report.findings):
        assert report.extract is None
    else:
        assert isinstance(report.extract, dict)
        assert report.extract["kind"] in ("devis", "bdc", "mom", "va", "unknown")
        assert isinstance(report.extract["lines"], list)

    # The same document given as bytes, under the same name.
    from_bytes = sons.check(read(case), name=case.document, **case.options)
    assert from_bytes.to_json() == case.expected_json
    assert from_bytes == report
