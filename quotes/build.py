"""`quotes build`: read articles, extract and attribute their quotes, publish them to SQLite.

A bad input (unreadable file, broken sidecar, an article the extractor chokes on) is
reported and skipped; everything else is still built, and rows already stored for a
skipped article stay as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from time import perf_counter

from tqdm import tqdm

from .articles import Article
from .db import load_registry, open_database, prune_speakers, write_article
from .errors import InputError, QuotesError
from .inputs import read_inputs
from .nlp import load_pipeline
from .runner import extract_articles


@dataclass
class BuildSummary:
    """What one build wrote, and what it could not."""

    articles: int = 0
    quotes: int = 0
    speakers: int = 0
    seconds: float = 0.0
    errors: list[QuotesError] = field(default_factory=list)

    def __str__(self) -> str:
        def count(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        return (
            f"{count(self.articles, 'article')}, {count(self.quotes, 'quote')}, "
            f"{count(self.speakers, 'speaker')} in {self.seconds:.1f} s"
        )


def _apply_drift(db: object, model: str | None = None) -> None:
    from .drift import apply_drift

    apply_drift(db, model)


def build_database(
    paths: list[str],
    db_path: str,
    *,
    model: str | None = None,
    jobs: int = 1,
    progress: bool = False,
    on_error: Callable[[QuotesError], None] | None = None,
) -> BuildSummary:
    """Build (or update) the database at `db_path` from article files and folders.

    Raises ModelError when no pipeline can be loaded and DatabaseError when `db_path`
    is not a usable database; per-article problems are collected in the summary (and
    passed to `on_error` as they happen).
    """
    started = perf_counter()
    summary = BuildSummary()

    def report(error: QuotesError) -> None:
        summary.errors.append(error)
        if on_error is not None:
            on_error(error)

    nlp = load_pipeline(model)
    db = open_database(db_path)
    # Read everything first: the articles read are rebuilt from scratch, while an
    # unreadable one keeps its stored rows (and its speakers stay matchable).
    articles: list[Article] = []
    for item in read_inputs(paths):
        if isinstance(item, InputError):
            report(item)
        else:
            articles.append(item)
    registry = load_registry(db, [a.path for a in articles] + [a.id for a in articles])
    speaker_ids: set[str] = set()
    bar = tqdm(total=len(articles), unit="article", disable=not progress, leave=False)
    for article, found in extract_articles(nlp, articles, jobs=jobs):
        bar.update()
        if isinstance(found, InputError):
            report(found)
            continue
        n_quotes, ids = write_article(db, article, found, registry)
        summary.articles += 1
        summary.quotes += n_quotes
        speaker_ids |= ids
    bar.close()
    prune_speakers(db)
    _apply_drift(db, model)
    summary.speakers = len(speaker_ids)
    summary.seconds = perf_counter() - started
    db.close()
    return summary
