# SPDX-License-Identifier: MIT
"""Exceptions raised by sons.

I/O errors on a single document are the built-in :class:`OSError` family
(:class:`FileNotFoundError`, :class:`PermissionError`,
:class:`IsADirectoryError`…) with the library's message as ``strerror`` and
the path as ``filename``; running out of memory is :class:`MemoryError`.
Everything else sons refuses is a :class:`sons.Error`: bad arguments are
:class:`UsageError` and a malformed referential :class:`ReferentialError`,
both also :class:`ValueError`.

A document that cannot be read is not an exception: it is a report whose
verdict is ``indetermine`` with a SONS-D001 finding (``sons.check`` raises
only when the file itself cannot be opened or read).
"""

from __future__ import annotations

__all__ = ["Error", "UsageError", "ReferentialError"]


class Error(Exception):
    """Base class of the errors sons defines."""


class UsageError(Error, ValueError):
    """An invalid argument: unknown kind or language, a date that is not
    YYYY-MM-DD, a bad number of jobs."""


class ReferentialError(UsageError):
    """The referential file given with ``referentiel=`` is malformed; the
    message gives the JSON path and the reason."""
