"""Small, specific exceptions. Only the CLI turns them into user-facing errors."""

from __future__ import annotations


class QuotesError(Exception):
    """Base class for every error `quotes` raises on purpose."""


class InputError(QuotesError):
    """An input cannot be read as an article.

    ``str(error)`` is "PATH: reason", or "PATH: RECORD: reason" for one record of an
    export ("feed.jsonl: line 2: not valid JSON").
    """

    def __init__(self, path: str, reason: str, record: str | None = None) -> None:
        where = f"{path}: {record}" if record else path
        super().__init__(f"{where}: {reason}")
        self.path = path
        self.reason = reason
        self.record = record

    #: How a build logs it: "failed" (bad input) or "skipped" (not an input at all).
    status = "failed"


class InputSkipped(InputError):
    """Something that is not an article file (a FIFO or device named `*.txt`): never opened."""

    status = "skipped"


class ModelError(QuotesError):
    """The spaCy pipeline asked for is not installed."""
