"""Drift tracking: how one statement's wording changes between outlets.

`apply_drift(db)` is what `quotes build` calls once it has written the articles,
speakers and quotes: it groups quotes into statements, classifies how each quote
renders its statement, finds rewritten articles, and writes all of it back. Every run
recomputes everything, with ids derived from content, so running it twice changes nothing.

The work itself is done on plain records by `track_drift` (quotes.drift.pipeline), which
tests and the scale benchmark call without a database or a spaCy model.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .records import (
    DRIFT_CLASSES,
    ArticleRecord,
    DriftResult,
    QuoteDrift,
    QuoteRecord,
    Reuse,
    SpeakerRef,
    Statement,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

    from .features import DriftMemo, SpacyLemmatizer
    from .lemmas import CachedLemmatizer

# The memo of the drift runs of one `shared_work()` block, if any.
_memo: ContextVar[DriftMemo | None] = ContextVar("quotes_drift_memo", default=None)


@dataclass
class DriftSummary:
    """What one `apply_drift` run wrote."""

    statements: int = 0
    multi_outlet_statements: int = 0
    quotes: int = 0
    misquotes: int = 0
    attribution_changes: int = 0
    reuse_pairs: int = 0
    speakers_with_title_drift: int = 0

    def __str__(self) -> str:
        return (
            f"{self.statements} statements ({self.multi_outlet_statements} in several outlets), "
            f"{self.misquotes} misquotes, {self.attribution_changes} changed attributions, "
            f"{self.reuse_pairs} rewritten articles"
        )


@lru_cache(maxsize=2)
def spacy_lemmatizer(model: str | None = None) -> SpacyLemmatizer:
    """The extraction pipeline's lemmatizer (the pipeline is loaded once per process)."""
    from .features import SpacyLemmatizer

    return SpacyLemmatizer(model)


def summarize(
    result: DriftResult, titles: Sequence[tuple[str, str | None, str]] = ()
) -> DriftSummary:
    """Counts for the build's log line."""
    from .titles import speakers_with_title_drift

    drifts = result.quotes.values()
    return DriftSummary(
        statements=len(result.statements),
        multi_outlet_statements=sum(1 for s in result.statements if s.n_outlets > 1),
        quotes=len(result.quotes),
        misquotes=sum(d.misquote for d in drifts),
        attribution_changes=sum(d.attribution_changed for d in drifts),
        reuse_pairs=len(result.reuse or ()),
        speakers_with_title_drift=len(speakers_with_title_drift(titles)),
    )


@contextmanager
def shared_work(memo: DriftMemo | None = None) -> Iterator[None]:
    """Drift runs inside the block share their work on unchanged texts (features, sentence
    matches, cached lemmas, grouping's MinHash bands, surface scores and links whose speakers
    relate as before): a build runs drift, then again when described sources merge.
    The database must not change in between except for speakers. `memo` may hold features
    known beforehand (quotes.build's, from the extraction parse)."""
    from .features import DriftMemo

    token = _memo.set(memo if memo is not None else DriftMemo())
    try:
        yield
    finally:
        _memo.reset(token)


def _lemmatizer(db: Database, model: str | None, memo: DriftMemo | None) -> CachedLemmatizer:
    """The lemmatizer of `db`'s stored annotations, kept in `memo` for the next run."""
    from .lemmas import CachedLemmatizer

    lemmatizer = memo.lemmatizer if memo is not None else None
    if not isinstance(lemmatizer, CachedLemmatizer) or lemmatizer.db is not db:
        tagger = spacy_lemmatizer(model)
        lemmatizer = CachedLemmatizer(db, tagger, tagger.model_name)
        if memo is not None:
            if memo.lemmatizer is not None:  # what it holds came from another one
                memo.forget()
            memo.lemmatizer = lemmatizer
    return lemmatizer


def apply_drift(db: Database, model: str | None = None, *, reuse: bool = True) -> DriftSummary:
    """Recompute statements, every quote's drift and article reuse in `db` (idempotent).

    Lemmas come from the database (`drift_lemmas`) for every text an earlier run tagged,
    so a build tags only its new quotes and articles; only the statements and quotes
    whose drift changed are rewritten. The result is the same as computing it afresh.
    With `reuse` False, rewritten articles are left as stored, for `apply_reuse` to find
    once the statements are final (a build merges described sources first).
    """
    from ..db import ensure_schema
    from .pipeline import track_drift
    from .store import read_articles, read_quotes, read_titles, write_changes

    ensure_schema(db)
    articles, quotes = read_articles(db), read_quotes(db)
    memo = _memo.get()
    if quotes:
        lemmatizer = _lemmatizer(db, model, memo)
        result = track_drift(articles, quotes, lemmatizer, memo=memo, reuse=reuse)
    else:
        result = DriftResult(statements=[], quotes={}, reuse=[] if reuse else None)
    write_changes(db, result)
    if quotes and reuse:  # the articles' sentences were asked about only when reuse was
        lemmatizer.prune()
    return summarize(result, read_titles(db))


def apply_reuse(db: Database, model: str | None = None) -> int:
    """Find and store the rewritten articles, from each quote's statement as stored: the
    last step of `apply_drift`, on its own. Returns the number of pairs."""
    from ..db import ensure_schema
    from .pipeline import find_rewrites
    from .store import read_articles, read_quotes, read_statement_ids, write_reuse

    ensure_schema(db)
    articles, quotes = read_articles(db), read_quotes(db)
    memo = _memo.get()
    found: list[Reuse] = []
    if quotes:
        lemmatizer = _lemmatizer(db, model, memo)
        found = find_rewrites(articles, quotes, read_statement_ids(db), lemmatizer, memo=memo)
    write_reuse(db, found)
    if quotes:
        lemmatizer.prune()
    return len(found)


__all__ = [
    "DRIFT_CLASSES",
    "ArticleRecord",
    "DriftResult",
    "DriftSummary",
    "QuoteDrift",
    "QuoteRecord",
    "Reuse",
    "SpeakerRef",
    "Statement",
    "apply_drift",
    "apply_reuse",
    "shared_work",
]
