# SPDX-License-Identifier: MIT
# Type stub of the private extension module (bindings/python/sons/_sons.c).
from typing import List, Literal, Optional, Sequence, Tuple, Union

_Kind = Literal["devis", "bdc", "mom", "va", "unknown"]
_Verdict = Literal["conforme", "non-conforme", "indetermine"]
_Severity = Literal["error", "warning", "info"]
_Status = Literal["ok", "io", "format", "unsupported", "limit", "nomem", "invalid", "unknown"]

__version__: str
KINDS: Tuple[str, str, str, str, str]

# (page, sheet, cell, line, table, row, column); None where it does not apply.
LocationTuple = Tuple[
    Optional[int], Optional[str], Optional[str], Optional[int], Optional[int], Optional[int],
    Optional[int]
]
# (rule, severity, message, evidence, location, related paths)
FindingTuple = Tuple[str, _Severity, str, Optional[str], LocationTuple, Tuple[str, ...]]
# (id, family, severity, title_fr, title_en, implemented)
RuleTuple = Tuple[str, str, _Severity, str, str, bool]

class Report:
    @property
    def path(self) -> str: ...
    @property
    def kind(self) -> _Kind: ...
    @property
    def verdict(self) -> _Verdict: ...
    @property
    def status(self) -> _Status: ...
    @property
    def error(self) -> Optional[str]: ...
    @property
    def findings(self) -> List[FindingTuple]: ...

class Context:
    def __init__(self, lang: str = ...) -> None: ...
    @property
    def lang(self) -> Literal["fr", "en"]: ...
    @property
    def referential_id(self) -> str: ...
    def load_referential(self, path: str) -> None: ...
    def check_file(
        self, path: str, kind: Optional[str] = ..., today: Optional[str] = ..., strict: bool = ...
    ) -> Report: ...
    def check_memory(
        self,
        data: Union[bytes, bytearray, memoryview],
        name: str,
        kind: Optional[str] = ...,
        today: Optional[str] = ...,
    ) -> Report: ...
    def cross(self, reports: Sequence[Report], audit: bool = ...) -> None: ...
    def render(
        self,
        reports: Sequence[Report],
        format: str = ...,
        extract: bool = ...,
        color: bool = ...,
    ) -> str: ...

def rules() -> List[RuleTuple]: ...
