"""Small, specific exceptions. Only the CLI turns them into user-facing errors."""

from __future__ import annotations


class QuotesError(Exception):
    """Base class for every error `quotes` raises on purpose."""


class InputError(QuotesError):
    """An input path cannot be read as an article: ``str(error)`` is "PATH: reason"."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ModelError(QuotesError):
    """The spaCy pipeline asked for is not installed."""
