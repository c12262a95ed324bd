"""Drift tracking: how one statement's wording changes between outlets.

`apply_drift(db)` is the entry point the build calls after it has written the
articles, speakers and quotes tables; it fills `statements`, `article_reuse`
and the drift columns of `quotes`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class DriftSummary:
    """What one `apply_drift` run produced, for the build's log line."""

    statements: int = 0
    quotes: int = 0
    misquotes: int = 0
    reuse_pairs: int = 0


def apply_drift(db: Any) -> DriftSummary:  # noqa: ANN401 - sqlite_utils.Database
    """Recompute statements, per-quote drift and article reuse in `db` (idempotent)."""
    return DriftSummary()


__all__ = ["DriftSummary", "apply_drift"]
