# SPDX-License-Identifier: MIT
"""check(), audit(), rules(), errors, threads and packaging of `sons`."""

from __future__ import annotations

import ctypes
import dataclasses
import datetime
import errno
import faulthandler
import gc
import os
import shutil
import sys
import threading
import time
import tracemalloc
from pathlib import Path
from typing import List

import pytest

import sons
from sons import _sons
from conftest import ALL_CASES, Case, path_of, read

UNDER_ASAN = "libasan" in os.environ.get("LD_PRELOAD", "")


# ---------------------------------------------------------------- check()


def test_check_path_and_pathlike(conforme_case: Case) -> None:
    today = conforme_case.options["today"]
    r1 = sons.check(path_of(conforme_case), today=today)
    r2 = sons.check(Path(path_of(conforme_case)), today=datetime.date.fromisoformat(today))
    assert r1 == r2
    assert r1.verdict == "conforme" and r1.conforme
    assert not [f for f in r1.findings if f.severity == "error"]
    assert r1.path == path_of(conforme_case)
    assert r1.kind == "devis" and r1.format == "docx"
    assert r1.extract is not None and r1.extract["lines"]


def test_check_bytes(non_conforme_case: Case) -> None:
    data = read(non_conforme_case)
    opts = non_conforme_case.options
    r = sons.check(data, **opts)
    assert r.path == "-"
    assert r.verdict == "non-conforme"
    assert any(f.severity == "error" for f in r.findings)
    for buf in (bytearray(data), memoryview(data)):
        assert sons.check(buf, name="x", **opts).findings == r.findings
    named = sons.check(data, name="devis.docx", **opts)
    assert named.path == "devis.docx"
    assert named.to_dict()["documents"][0]["path"] == "devis.docx"


def test_check_unreadable_content_is_a_report() -> None:
    r = sons.check(b"this is not a quote", name="notes.docx")
    assert r.verdict == "indetermine"
    assert [f.rule for f in r.findings] == ["SONS-D001"]
    assert r.findings[0].severity == "error"
    assert r.extract is None
    assert sons.check(b"").verdict == "indetermine"


def test_check_english(non_conforme_case: Case) -> None:
    fr = sons.check(path_of(non_conforme_case), **non_conforme_case.options)
    en = sons.check(path_of(non_conforme_case), lang="en", **non_conforme_case.options)
    assert [f.rule for f in fr.findings] == [f.rule for f in en.findings]
    assert [f.message for f in fr.findings] != [f.message for f in en.findings]


def test_check_kind_forced(conforme_case: Case) -> None:
    r = sons.check(path_of(conforme_case), kind="bdc", **conforme_case.options)
    assert r.kind == "bdc"


def test_results_are_frozen(non_conforme_case: Case) -> None:
    r = sons.check(path_of(non_conforme_case), **non_conforme_case.options)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.verdict = "conforme"  # type: ignore[misc]
    f = r.findings[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.rule = "x"  # type: ignore[misc]
    assert isinstance(f.location, sons.Location)
    assert hash(f) == hash(dataclasses.replace(f))
    assert "Location(" in repr(f.location)


def test_location_keys() -> None:
    loc = sons.Location(sheet="Devis", cell="F12", row=12, column=6)
    assert loc.to_dict() == {"sheet": "Devis", "cell": "F12", "row": 12, "column": 6}
    assert repr(loc) == "Location(sheet='Devis', cell='F12', row=12, column=6)"
    assert not sons.Location()


def test_custom_referential(conforme_case: Case, tmp_path: Path) -> None:
    import json

    src = Path(sons.__file__).resolve()
    # The embedded referential, from the source tree (lib/data/), renamed.
    root = Path(os.environ.get("SONS_FIXTURES", Path(__file__).parents[3] / "fixtures")).parent
    data = json.loads((root / "lib" / "data" / "referentiel.json").read_text(encoding="utf-8"))
    data["id"] = "test-ref"
    ref = tmp_path / "ref.json"
    ref.write_text(json.dumps(data), encoding="utf-8")
    r = sons.check(path_of(conforme_case), referentiel=ref, **conforme_case.options)
    assert r.referentiel.startswith("test-ref")
    assert '"referentiel": "test-ref' in r.to_json()
    assert src.exists()


# ---------------------------------------------------------------- errors


def test_missing_file_raises() -> None:
    with pytest.raises(FileNotFoundError) as ei:
        sons.check("/nonexistent/devis.docx")
    assert ei.value.errno == errno.ENOENT
    assert ei.value.filename == "/nonexistent/devis.docx"
    assert "introuvable" in ei.value.strerror
    with pytest.raises(FileNotFoundError) as ei:
        sons.check("/nonexistent/devis.docx", lang="en")
    assert "no such file" in ei.value.strerror


def test_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        sons.check(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_permission_denied(tmp_path: Path, conforme_case: Case) -> None:
    p = tmp_path / "devis.docx"
    shutil.copy(path_of(conforme_case), p)
    p.chmod(0)
    with pytest.raises(PermissionError):
        sons.check(p)


def test_usage_errors(conforme_case: Case) -> None:
    p = path_of(conforme_case)
    for kwargs in ({"kind": "facture"}, {"lang": "de"}, {"today": "2023-02-31"},
                   {"today": "14/04/2023"}, {"today": 20230414}):
        with pytest.raises(sons.UsageError) as ei:
            sons.check(p, **kwargs)  # type: ignore[arg-type]
        assert isinstance(ei.value, ValueError)
        assert isinstance(ei.value, sons.Error)
    with pytest.raises(sons.UsageError):
        sons.check(b"x", today="2023-13-01")
    for jobs in (0, -1, 1.5, True):
        with pytest.raises(sons.UsageError):
            sons.audit([p], jobs=jobs)  # type: ignore[arg-type]
    with pytest.raises(sons.UsageError):
        sons.audit([p], today="nope")


def test_malformed_referential(tmp_path: Path, conforme_case: Case) -> None:
    bad = tmp_path / "ref.json"
    bad.write_text('{"format": 1, "patterns": {"state_loose": "("}}', encoding="utf-8")
    with pytest.raises(sons.ReferentialError) as ei:
        sons.check(path_of(conforme_case), referentiel=bad)
    assert isinstance(ei.value, ValueError) and isinstance(ei.value, sons.Error)
    assert str(ei.value)
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(sons.ReferentialError, match="JSON"):
        sons.audit([path_of(conforme_case)], referentiel=bad)
    with pytest.raises(FileNotFoundError):
        sons.check(path_of(conforme_case), referentiel=tmp_path / "missing.json")


def test_messages_naming_undecodable_files(tmp_path: Path) -> None:
    """A file name that is not UTF-8 still gives the right exception."""
    name = os.fsdecode(b"r\xe9f\xe9rentiel.json")
    bad = tmp_path / name
    bad.write_bytes(b"{not json")
    with pytest.raises(sons.ReferentialError) as ei:
        sons.check(b"", referentiel=bad)
    assert "JSON" in str(ei.value)
    with pytest.raises(FileNotFoundError) as fi:
        sons.check(tmp_path / os.fsdecode(b"d\xe9vis.docx"))
    assert fi.value.filename == str(tmp_path / os.fsdecode(b"d\xe9vis.docx"))
    reports = sons.audit(tmp_path / os.fsdecode(b"d\xe9vis.docx"))
    assert reports[0].verdict == "indetermine"
    assert reports[0].path == str(tmp_path / os.fsdecode(b"d\xe9vis.docx"))


def test_error_hierarchy() -> None:
    assert issubclass(sons.ReferentialError, sons.UsageError)
    assert issubclass(sons.UsageError, ValueError)
    assert issubclass(sons.Error, Exception)


# ---------------------------------------------------------------- audit()


def _batch(tmp_path: Path) -> List[Path]:
    """Three quotes and, in the middle, a corrupt one and an unreadable one."""
    picks = [c for c in ALL_CASES if c.intent["verdict"] != "indetermine"][:3]
    d = tmp_path / "lot"
    (d / "sub").mkdir(parents=True)
    out = []
    names = ["a-" + picks[0].document, "b-corrupt.docx", "sub/c-" + picks[1].document,
             "d-" + picks[2].document]
    for name, case in zip(names, [picks[0], None, picks[1], picks[2]]):
        p = d / name
        if case is None:
            p.write_bytes(read(picks[0])[:500])  # truncated zip
        else:
            shutil.copy(path_of(case), p)
        out.append(p)
    (d / "notes.txt").write_text("not a document")  # not picked up: extension
    (d / ".hidden.docx").write_bytes(b"x")  # not picked up: hidden
    return out


def test_audit_directory_with_corrupt_file(tmp_path: Path) -> None:
    files = _batch(tmp_path)
    reports = sons.audit(tmp_path / "lot", jobs=2, today="2023-07-01")
    assert [r.path for r in reports] == [str(p) for p in sorted(files)]
    by_name = {os.path.basename(r.path): r for r in reports}
    bad = by_name["b-corrupt.docx"]
    assert bad.verdict == "indetermine"
    assert [f.rule for f in bad.findings] == ["SONS-D001"]
    others = [r for r in reports if r is not bad]
    assert all(r.verdict in ("conforme", "non-conforme") for r in others)
    # The parallel batch equals one check after the other.
    for r in reports:
        assert r == sons.check(r.path, today="2023-07-01")


def test_audit_missing_and_unreadable_files_are_reports(tmp_path: Path,
                                                        conforme_case: Case) -> None:
    missing = tmp_path / "gone.docx"
    (tmp_path / "empty.odt").touch()
    reports = sons.audit([path_of(conforme_case), missing, tmp_path / "empty.odt"],
                         today=conforme_case.options["today"])
    assert [r.verdict for r in reports] == ["conforme", "indetermine", "indetermine"]
    assert reports[1].path == str(missing)
    assert [f.rule for f in reports[1].findings] == ["SONS-D001"]
    assert "introuvable" in reports[1].findings[0].message
    assert "vide" in reports[2].findings[0].message
    # A path given by name that does not exist: a report, not an exception.
    assert sons.audit(tmp_path / "none", jobs=1)[0].verdict == "indetermine"


def test_audit_empty_folder(tmp_path: Path) -> None:
    assert sons.audit(tmp_path) == []
    assert sons.audit([]) == []


def test_audit_all_fixtures_parallel_equals_sequential() -> None:
    root = os.environ.get("SONS_FIXTURES") or os.path.dirname(ALL_CASES[0].dir)
    parallel = sons.audit(root, jobs=4, today="2023-07-01")
    sequential = sons.audit(root, jobs=1, today="2023-07-01")
    documents = sum(len([f for f in files if f.endswith((".docx", ".xlsx", ".odt", ".ods",
                                                         ".pdf"))])
                    for _, _, files in os.walk(root))
    assert len(parallel) == documents > len(ALL_CASES)
    assert parallel == sequential
    assert {r.verdict for r in parallel} == {"conforme", "non-conforme", "indetermine"}


# ---------------------------------------------------------------- rules()


def test_rules() -> None:
    rules = sons.rules()
    assert len(rules) == len(_sons.rules()) > 30
    ids = [r.id for r in rules]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    r001 = next(r for r in rules if r.id == "SONS-R001")
    assert r001.family == "R" and r001.severity == "error" and r001.implemented is True
    assert r001.title("en") == r001.title_en and r001.title() == r001.title_fr
    assert all(r.implemented for r in rules)
    assert {r.family for r in rules} == {"D", "M", "R", "L", "C", "I", "P", "T", "X"}


# ---------------------------------------------------------------- threads


def test_check_runs_without_the_gil(tmp_path: Path) -> None:
    """A check blocked inside the C library (open() of a FIFO waits for a
    writer) lets the main thread run: with the GIL held this would hang."""
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    faulthandler.dump_traceback_later(60, exit=True, file=sys.__stderr__)
    try:
        outcome: List[BaseException] = []

        def worker() -> None:
            try:
                sons.check(fifo)
            except BaseException as e:  # noqa: B902 - reported to the main thread
                outcome.append(e)

        t = threading.Thread(target=worker)
        t.start()
        ticks = 0
        deadline = time.monotonic() + 0.3
        while time.monotonic() < deadline:  # the main thread keeps running
            ticks += 1
            time.sleep(0.01)
        assert t.is_alive()  # still blocked in the C open()
        assert ticks > 5
        fd = os.open(fifo, os.O_WRONLY)  # releases the reader
        os.close(fd)
        t.join(30)
        assert not t.is_alive()
        # A FIFO is not a regular file: refused as an I/O error.
        assert len(outcome) == 1 and isinstance(outcome[0], OSError)
    finally:
        faulthandler.cancel_dump_traceback_later()


def test_threads_each_checking() -> None:
    cases = [c for c in ALL_CASES][:12]
    expected = {c.name: sons.check(path_of(c), **c.options).to_json() for c in cases}
    got = {}
    errors: List[BaseException] = []

    def run(c: Case) -> None:
        try:
            for _ in range(3):
                got[c.name] = sons.check(path_of(c), **c.options).to_json()
        except BaseException as e:  # noqa: B902
            errors.append(e)

    threads = [threading.Thread(target=run, args=(c,)) for c in cases]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert got == expected


def test_context_refuses_a_second_thread(tmp_path: Path) -> None:
    """One sons_context per thread: a Context in use is not shared."""
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    ctx = _sons.Context()
    t = threading.Thread(target=lambda: pytest.raises(OSError, ctx.check_file, str(fifo)))
    t.start()
    time.sleep(0.2)
    with pytest.raises(RuntimeError, match="another thread"):
        ctx.check_memory(b"", "-")
    os.close(os.open(fifo, os.O_WRONLY))
    t.join(30)
    assert ctx.check_memory(b"", "-").verdict == "indetermine"


# ---------------------------------------------------------------- memory


def _heap_in_use() -> int:
    class Mallinfo2(ctypes.Structure):
        _fields_ = [(n, ctypes.c_size_t) for n in (
            "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
            "uordblks", "fordblks", "keepcost")]

    libc = ctypes.CDLL(None)
    libc.mallinfo2.restype = Mallinfo2
    info = libc.mallinfo2()
    return int(info.uordblks + info.hblkhd)


@pytest.mark.skipif(UNDER_ASAN, reason="ASan replaces malloc: mallinfo2 says nothing")
def test_no_leak(non_conforme_case: Case, tmp_path: Path) -> None:
    """Reports, contexts and rendered strings are all freed: the C heap
    does not grow over many checks (a leaked report is tens of KiB)."""
    data = read(non_conforme_case)
    opts = non_conforme_case.options

    def work() -> None:
        sons.check(data, **opts)
        sons.check(path_of(non_conforme_case), **opts)
        with pytest.raises(FileNotFoundError):
            sons.check(tmp_path / "missing.docx")
        with pytest.raises(sons.UsageError):
            sons.check(data, today="bad")
        sons.rules()

    for _ in range(20):
        work()
    gc.collect()
    before = _heap_in_use()
    for _ in range(200):
        work()
    gc.collect()
    grown = _heap_in_use() - before
    assert grown < 256 * 1024, "C heap grew by %d bytes over 200 rounds" % grown


def test_no_reference_leak(non_conforme_case: Case) -> None:
    """The extension gives back every reference it takes: the arguments'
    reference counts are unchanged and Python's own heap (tracemalloc sees
    the objects the extension makes) does not grow."""
    data = read(non_conforme_case)
    path = path_of(non_conforme_case)
    name = "devis.docx"
    today = non_conforme_case.options["today"]
    ctx = _sons.Context()
    counts = [sys.getrefcount(o) for o in (data, path, name, today, ctx)]

    def work() -> None:
        rep = ctx.check_memory(data, name, None, today)
        rep2 = ctx.check_file(path, "devis", today)
        ctx.render([rep, rep2], "json")
        ctx.render([rep], "json", True)
        rep.findings
        rep.error
        with pytest.raises(FileNotFoundError):
            ctx.check_file("/nonexistent/x.docx")
        with pytest.raises(sons.UsageError):
            ctx.check_memory(data, name, "facture")
        _sons.rules()

    for _ in range(20):
        work()
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(200):
            work()
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert [sys.getrefcount(o) for o in (data, path, name, today, ctx)] == counts
    assert grown < 64 * 1024, "Python heap grew by %d bytes over 200 rounds" % grown


# ---------------------------------------------------------------- package


def test_typed_package() -> None:
    pkg = Path(sons.__file__).parent
    assert (pkg / "py.typed").is_file()
    stub = pkg / "_sons.pyi"
    assert stub.is_file()
    text = stub.read_text(encoding="utf-8")
    for name in ("class Context", "class Report", "def rules", "def check_file",
                 "def check_memory", "def render"):
        assert name in text
    assert sons.check.__annotations__["return"] in ("Report", sons.Report)
    assert sons.__version__ == _sons.__version__
    assert sons.__version__.count(".") == 2


def test_private_extension_is_the_c_one() -> None:
    assert _sons.__file__.endswith(".so")
    with pytest.raises(TypeError):
        _sons.Report()  # made by the library only
    assert isinstance(_sons.Context().referential_id, str)
    with pytest.raises(sons.UsageError):
        _sons.Context("de")
    with pytest.raises(TypeError):
        _sons.Context().render([object()])  # type: ignore[list-item]
    ctx = _sons.Context()
    rep = ctx.check_memory(b"junk", "x")
    assert rep.status == "format" and rep.error
    assert ctx.render([rep, rep], "text")
    with pytest.raises(sons.UsageError):
        ctx.render([rep], "pdf")
    assert rep.verdict == "indetermine"
    assert ctx.check_file("/nonexistent", strict=False).status == "io"
