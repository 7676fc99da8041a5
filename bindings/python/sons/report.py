# SPDX-License-Identifier: MIT
"""Results of sons: frozen dataclasses built from the library's report.

A :class:`Report` is one checked document. Its findings come from the C
report (``sons_report_finding()``); ``to_json()`` is the JSON report the
command line prints for that document (``sons check --format json``), and
``extract`` is what was read, as ``sons extract --format json`` shows it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Literal, Optional, Tuple, Union

__all__ = ["Location", "Finding", "Report", "Rule", "Kind", "Verdict", "Severity"]

Kind = Literal["devis", "bdc", "mom", "va", "unknown"]
Verdict = Literal["conforme", "non-conforme", "indetermine"]
Severity = Literal["error", "warning", "info"]

_LOCATION_KEYS = ("page", "sheet", "cell", "line", "table", "row", "column")


@dataclass(frozen=True, repr=False)
class Location:
    """Where a finding is. Only the parts that apply to the format are set:
    ``sheet``/``cell``/``row``/``column`` in a spreadsheet,
    ``table``/``row``/``column`` in a table of a text document, ``line``
    for a paragraph, ``page`` in a paged document. Numbers are 1-based."""

    page: Optional[int] = None
    sheet: Optional[str] = None
    cell: Optional[str] = None
    line: Optional[int] = None
    table: Optional[int] = None
    row: Optional[int] = None
    column: Optional[int] = None

    def to_dict(self) -> Dict[str, Union[int, str]]:
        """The keys that apply, as in the JSON report's ``location``."""
        out: Dict[str, Union[int, str]] = {}
        for key in _LOCATION_KEYS:
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out

    def __bool__(self) -> bool:
        return any(getattr(self, key) is not None for key in _LOCATION_KEYS)

    def __repr__(self) -> str:
        parts = ", ".join("%s=%r" % kv for kv in self.to_dict().items())
        return "Location(%s)" % parts


@dataclass(frozen=True)
class Finding:
    """One problem found in a document."""

    rule: str
    """Rule ID, "SONS-R001"."""
    severity: Severity
    message: str
    """A full sentence in the language of the check."""
    location: Location
    evidence: Optional[str] = None
    """The text as read, when there is one."""
    related: Tuple[str, ...] = ()
    """Rules across documents (dossier, audit): the other documents
    concerned."""

    def to_dict(self) -> Dict[str, Any]:
        """The finding as in the JSON report."""
        out: Dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "location": self.location.to_dict(),
        }
        if self.evidence is not None:
            out["evidence"] = self.evidence
        if self.related:
            out["related"] = list(self.related)
        return out


@dataclass(frozen=True)
class Report:
    """One checked document."""

    path: str
    """The path as given (or the name given with bytes)."""
    kind: Kind
    """Detected or forced kind."""
    format: str
    """docx, xlsx, odt, ods… or "unknown" when the format was not recognised."""
    verdict: Verdict
    findings: List[Finding]
    """Sorted by rule ID, then position."""
    extract: Optional[Dict[str, Any]]
    """What was read (parties, identifiers, DSR, lines…); None when the
    document could not be read."""
    referentiel: str
    """Identifier and version of the referential the check used."""
    _json: str = field(repr=False)

    @property
    def conforme(self) -> bool:
        """True when the verdict is "conforme"."""
        return self.verdict == "conforme"

    def to_json(self) -> str:
        """The JSON report of this document, byte for byte what
        ``sons check --format json`` prints for it."""
        return self._json

    def to_dict(self) -> Dict[str, Any]:
        """The JSON report as Python objects."""
        out: Dict[str, Any] = json.loads(self._json)
        return out


@dataclass(frozen=True)
class Rule:
    """One rule of the catalogue."""

    id: str
    """"SONS-R001"; IDs are never reused."""
    family: str
    """"D", "M", "R", "L", "C", "I", "P", "T" or "X"."""
    severity: Severity
    title_fr: str
    title_en: str
    implemented: bool
    """False for the rules this version lists but does not evaluate yet."""

    def title(self, lang: str = "fr") -> str:
        """The title in ``lang`` ("fr" or "en")."""
        return self.title_en if lang == "en" else self.title_fr
