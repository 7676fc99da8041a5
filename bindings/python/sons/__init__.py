# SPDX-License-Identifier: MIT
"""Checks SONS (Ségur numérique, « achat pour compte ») quotes against the
rule catalogue — Python bindings of libsons.

>>> import sons
>>> report = sons.check("devis.docx", today="2023-06-01")
>>> report.verdict
'non-conforme'
>>> for f in report.findings:
...     print(f.rule, f.location.to_dict(), f.message)

``check()`` reads one document (a path, or its bytes), ``audit()`` every
document under files and folders in parallel, ``rules()`` lists the
catalogue. Results are frozen dataclasses (:mod:`sons.report`); errors are
described in :mod:`sons.errors`.
"""

from __future__ import annotations

import datetime
import json
import os
import queue
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Iterable, Iterator, List, Optional, Union

from . import _sons
from .errors import Error, ReferentialError, UsageError
from .report import Finding, Kind, Location, Report, Rule, Severity, Verdict

__all__ = [
    "check",
    "audit",
    "dossier",
    "rules",
    "Report",
    "Finding",
    "Location",
    "Rule",
    "Kind",
    "Verdict",
    "Severity",
    "Error",
    "UsageError",
    "ReferentialError",
    "SUFFIXES",
    "__version__",
]

__version__: str = _sons.__version__

#: Extensions of the files ``audit()`` picks up in a folder (any case).
SUFFIXES = (".docx", ".xlsx", ".odt", ".ods", ".pdf")

StrPath = Union[str, "os.PathLike[str]"]
Today = Union[str, datetime.date, None]

_LANGS = ("fr", "en")


def _lang(lang: str) -> str:
    if lang not in _LANGS:
        raise UsageError("unknown language %r (expected 'fr' or 'en')" % (lang,))
    return lang


def _kind(kind: Optional[str]) -> Optional[str]:
    if kind is not None and kind not in _sons.KINDS:
        raise UsageError(
            "unknown document kind %r (expected one of %s)" % (kind, ", ".join(_sons.KINDS[1:]))
        )
    return kind


def _today(today: Today) -> Optional[str]:
    if today is None or isinstance(today, str):
        return today
    if isinstance(today, datetime.datetime):
        today = today.date()
    if isinstance(today, datetime.date):
        return today.isoformat()
    raise UsageError("today must be 'YYYY-MM-DD', a datetime.date or None, not %r" % (today,))


def _path(p: Union[StrPath, "os.PathLike[bytes]"]) -> str:
    s = os.fspath(p)
    return os.fsdecode(s) if isinstance(s, bytes) else s


def _context(lang: str, referentiel: Optional[StrPath]) -> _sons.Context:
    ctx = _sons.Context(lang)
    if referentiel is not None:
        ctx.load_referential(_path(referentiel))
    return ctx


def _report(ctx: _sons.Context, handle: _sons.Report) -> Report:
    """Builds the dataclass from a C report: findings through the getters,
    the JSON report and the extracted model through sons_render()."""
    text = ctx.render([handle], "json")
    whole = json.loads(text)
    doc = whole["documents"][0]
    extracted = json.loads(ctx.render([handle], "json", extract=True))["documents"][0]
    findings = [
        Finding(rule, severity, message, Location(*location), evidence, related)
        for rule, severity, message, evidence, location, related in handle.findings
    ]
    return Report(
        path=handle.path,
        kind=handle.kind,
        format=doc["format"],
        verdict=handle.verdict,
        findings=findings,
        extract=extracted.get("extract"),
        referentiel=whole["tool"]["referentiel"],
        _json=text,
    )


def check(
    path_or_bytes: Union[StrPath, bytes, bytearray, memoryview],
    kind: Optional[str] = None,
    lang: str = "fr",
    today: Today = None,
    referentiel: Optional[StrPath] = None,
    *,
    name: str = "-",
) -> Report:
    """Reads and checks one document.

    ``path_or_bytes`` is a path (str or path-like) or the document's bytes
    (``bytes``, ``bytearray``, ``memoryview``); with bytes, ``name`` is the
    path shown in the report ("-" like the command line's standard input).
    The format is decided from the content, never from the name.

    ``kind`` forces the document kind ("devis", "bdc", "mom", "va"; None
    detects it), ``lang`` is the language of messages ("fr" or "en"),
    ``today`` the date deadlines are judged against ("YYYY-MM-DD" or a
    ``datetime.date``; None: today), ``referentiel`` a JSON file replacing
    the embedded referential.

    A document that can be opened but not understood (corrupt, encrypted,
    unsupported, over a safety limit) gives a report with the verdict
    "indetermine" and a SONS-D001 finding. A file that cannot be opened or
    read at all raises :class:`OSError` (:class:`FileNotFoundError`,
    :class:`PermissionError`, :class:`IsADirectoryError`…) — unlike
    ``audit()`` and the C function, which report it as an indetermine
    document. Bad arguments raise :class:`sons.UsageError`, a malformed
    referential :class:`sons.ReferentialError` (both ValueError).
    """
    ctx = _context(_lang(lang), referentiel)
    k, t = _kind(kind), _today(today)
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        handle = ctx.check_memory(path_or_bytes, name, k, t)
    else:
        handle = ctx.check_file(_path(path_or_bytes), k, t, True)
    return _report(ctx, handle)


def _walk(top: str) -> Iterator[str]:
    try:
        with os.scandir(top) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        # A folder that cannot be listed is checked as a file: the library
        # then reports why it cannot be read (SONS-D001), nothing is lost.
        yield top
        return
    for e in entries:
        if e.name.startswith("."):
            continue
        try:
            is_dir = e.is_dir(follow_symlinks=False)
            is_file = e.is_file()
        except OSError:
            is_dir, is_file = False, True
        if is_dir:
            yield from _walk(e.path)
        elif is_file and e.name.lower().endswith(SUFFIXES):
            yield e.path


def _documents(paths: Union[StrPath, Iterable[StrPath]]) -> List[str]:
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    out: List[str] = []
    for p in paths:
        s = _path(p)
        if os.path.isdir(s):
            out.extend(_walk(s))
        else:
            out.append(s)
    return out


def audit(
    paths: Union[StrPath, Iterable[StrPath]],
    jobs: Optional[int] = None,
    kind: Optional[str] = None,
    lang: str = "fr",
    today: Today = None,
    referentiel: Optional[StrPath] = None,
) -> List[Report]:
    """Checks every document under the given files and folders, in parallel,
    then the rules across documents, as ``sons audit`` does.

    Folders are walked recursively (sorted, hidden entries and symbolic
    links to folders skipped) for files ending in .docx, .xlsx, .odt, .ods
    or .pdf; a file named explicitly is checked whatever its name. Reports
    come back in that order, one per document. A document that cannot be
    read — missing, unreadable, corrupt — is a report with the verdict
    "indetermine" and its SONS-D001 finding, and the batch goes on.

    Documents that share an order number are checked together as a dossier
    (SONS-X001, X002, T002, T004), and the same establishment for the same
    DSR in two different orders is a double financing (SONS-X004); such
    findings are on every document concerned, with the others in
    ``Finding.related``.

    ``jobs`` threads (default: the number of CPUs) each use a context of
    their own; the checks run without the GIL. Other arguments as for
    :func:`check`. Only bad arguments (:class:`sons.UsageError`), a
    malformed referential and :class:`MemoryError` stop the batch.
    """
    return _batch(paths, jobs, kind, lang, today, referentiel, audit=True)


def dossier(
    paths: Iterable[StrPath],
    kind: Optional[str] = None,
    lang: str = "fr",
    today: Today = None,
    referentiel: Optional[StrPath] = None,
) -> List[Report]:
    """Checks the documents of one order together (the quote, the BDC, the
    MOM, the VA, in any order), as ``sons dossier`` does: each document on
    its own, then SONS-X001, X002, T002 and T004 across them. Arguments as
    for :func:`check`; a file that cannot be read is an indetermine report.
    """
    return _batch(paths, 1, kind, lang, today, referentiel, audit=False)


def _batch(
    paths: Union[StrPath, Iterable[StrPath]],
    jobs: Optional[int],
    kind: Optional[str],
    lang: str,
    today: Today,
    referentiel: Optional[StrPath],
    audit: bool,
) -> List[Report]:
    _lang(lang)
    k, t = _kind(kind), _today(today)
    if jobs is None:
        jobs = os.cpu_count() or 1
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise UsageError("jobs must be a positive integer, not %r" % (jobs,))
    files = _documents(paths) if audit else [_path(p) for p in _paths_list(paths)]
    if not files:
        return []

    # One context per running check: a sons_context is used by one thread
    # at a time. The first one, made here, checks the arguments once
    # (language, referential, kind, date) before any thread starts.
    first = _context(lang, referentiel)
    first.check_memory(b"", "-", k, t)
    contexts: "queue.SimpleQueue[_sons.Context]" = queue.SimpleQueue()
    contexts.put(first)

    def one(path: str) -> _sons.Report:
        try:
            ctx = contexts.get_nowait()
        except queue.Empty:
            ctx = _context(lang, referentiel)
        try:
            return ctx.check_file(path, k, t, False)
        finally:
            contexts.put(ctx)

    workers = min(jobs, len(files))
    if workers == 1:
        handles = [one(p) for p in files]
    else:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sons-audit") as pool:
            futures: List[Future[_sons.Report]] = [pool.submit(one, p) for p in files]
            try:
                handles = [f.result() for f in futures]
            except BaseException:
                for f in futures:
                    f.cancel()
                raise
    first.cross(handles, audit)
    return [_report(first, h) for h in handles]


def _paths_list(paths: Union[StrPath, Iterable[StrPath]]) -> List[StrPath]:
    if isinstance(paths, (str, bytes, os.PathLike)):
        return [paths]
    return list(paths)


def rules() -> List[Rule]:
    """The rule catalogue, in ID order (implemented or not yet)."""
    return [
        Rule(rid, family, severity, title_fr, title_en, implemented)
        for rid, family, severity, title_fr, title_en, implemented in _sons.rules()
    ]
