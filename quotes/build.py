"""`quotes build`: read articles, extract and attribute their quotes, publish them to SQLite.

A build survives what real inputs and machines do to it:

- every input and record gets an ingest_log row: `stored`, `unchanged` (same path,
  record and content as stored: not extracted again), `skipped` (a duplicate of an
  earlier input, named in the reason) or `failed` (the reason; rows already stored
  for it stay as they were);
- each article is written in one transaction with its log row, so a build killed at
  any moment leaves a sound database, and the next build picks up where it stopped;
- the build records itself in `builds`: `incomplete` until it ends, then `complete`
  (or `failed` when the database itself stopped it).
"""

from __future__ import annotations

import gc
import importlib
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from time import perf_counter

import sqlite_utils
from tqdm import tqdm

from .articles import Article
from .db import (
    DatabaseError,
    build_lock,
    delete_article,
    describe,
    load_registry,
    open_database,
    prune_speakers,
    remove_input,
    write_article,
)
from .drift import shared_work
from .drift.features import DriftMemo, model_name
from .drift.lemmas import text_key
from .errors import InputError, InputSkipped, QuotesError
from .inputs import DEFAULT_MAX_BYTES, read_inputs
from .merge import merge_described_sources
from .nlp import load_pipeline
from .runner import Analysis, analyse_articles
from .schema import LEMMA_TABLE
from .speakers import SpeakerRegistry

# The article fields an input must match to be `unchanged`.
STORED_FIELDS = ("id", "sha256", "outlet", "title", "published", "url")


@dataclass(frozen=True)
class Skipped:
    """An input not stored because an earlier one of this build holds it already."""

    path: str
    record: int | None
    reason: str

    def __str__(self) -> str:
        return f"{_where(self.path, self.record)}: {self.reason}"


@dataclass
class BuildSummary:
    """What one build did with its inputs, and what the database holds after it."""

    stored: int = 0
    unchanged: int = 0
    pruned: int | None = None
    articles: int = 0
    quotes: int = 0
    speakers: int = 0
    seconds: float = 0.0
    errors: list[QuotesError] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def __str__(self) -> str:
        counts = {name: getattr(self, name) for name in ("stored", "unchanged", "pruned")}
        counts |= {"skipped": len(self.skipped), "failed": len(self.errors)}
        counts |= {name: getattr(self, name) for name in ("articles", "quotes", "speakers")}
        return summary_line(counts, self.seconds)


def summary_line(counts: Mapping[str, int | None], seconds: float | None) -> str:
    """The line `quotes build` prints (also from a `builds` row; None seconds shows "…")."""

    def count(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    done = (
        f"{counts['stored']} stored, {counts['unchanged']} unchanged, "
        f"{counts['skipped']} skipped, {counts['failed']} failed"
    )
    if counts["pruned"] is not None:
        done += f", {counts['pruned']} pruned"
    took = "…" if seconds is None else f"{seconds:.1f}"
    return (
        f"{done} in {took} s; the database holds {count(counts['articles'], 'article')}, "
        f"{count(counts['quotes'], 'quote')}, {count(counts['speakers'], 'speaker')}"
    )


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _where(path: str, record: int | None) -> str:
    return path if record is None else f"{path}#{record}"


def _relative(shown: str, paths: list[str]) -> str:
    """A failed input's path relative to what was given, as articles.path stores it."""
    file = Path(shown)
    for given in map(Path, paths):
        if file == given:
            return given.name or shown
        if file.is_relative_to(given):
            return file.relative_to(given).as_posix()
    # A file beside the one given (its folder's sidecar): never the builder's layout.
    return file.name or shown


def _record_number(record: str | None) -> int | None:
    """2 for "line 2" or "record 2": InputError names records in words."""
    found = re.search(r"\d+", record or "")
    return int(found.group()) if found else None


def _unstored_lemmas(db: sqlite_utils.Database, rows: list[dict[str, str]]) -> set[str]:
    """The keys of drift lemma `rows` the table does not hold yet (it keeps the first)."""
    keys = {row["key"] for row in rows}
    if not keys or not db[LEMMA_TABLE].exists():
        return keys
    listed = sorted(keys)
    for k in range(0, len(listed), 500):
        chunk = listed[k : k + 500]
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT key FROM [{LEMMA_TABLE}] WHERE key IN ({marks})"
        keys.difference_update(key for (key,) in db.execute(sql, chunk).fetchall())
    return keys


def _import_quietly(name: str) -> None:
    try:
        importlib.import_module(name)
    except Exception:  # noqa: BLE001 - drift imports it again, and reports what fails then
        pass


def _import_drift() -> threading.Thread:
    """Import drift's libraries (datasketch brings in scipy: about half a second) in a
    thread while articles are analysed, rather than after the last one. Started once the
    workers are forked, so no child inherits an import half done."""
    thread = threading.Thread(
        target=_import_quietly, args=("quotes.drift.pipeline",), name="import drift", daemon=True
    )
    thread.start()
    return thread


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Drift makes and drops many small objects, freed by reference counting (it leaves a
    few hundred in cycles); the cycle collector would walk the whole heap, every parse
    result kept, many times over for them. Resumed (if it ran) when the block ends."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def _apply_drift(db: object, model: str | None = None) -> None:
    """Statements and each quote's drift; rewritten articles wait for `_apply_reuse`."""
    from .drift import apply_drift

    apply_drift(db, model, reuse=False)


def _apply_reuse(db: object, model: str | None = None) -> None:
    from .drift import apply_reuse

    apply_reuse(db, model)


class _Build:
    """One build into an open database: its builds row, its log, its plan."""

    def __init__(self, db: sqlite_utils.Database, summary: BuildSummary) -> None:
        self.db = db
        self.summary = summary
        self.changed = 0  # rows replaced or removed besides stored articles
        previous = db.execute("SELECT status FROM builds ORDER BY id DESC LIMIT 1").fetchone()
        self.previous_complete = previous is not None and previous[0] == "complete"
        with db.atomic():
            self.id = db["builds"].insert({"started": _now(), "status": "incomplete"}).last_pk

    def log(self, path: str, record: int | None, status: str, **fields: object) -> dict:
        return {
            "build_id": self.id,
            "path": path,
            "record": record,
            "status": status,
            "reason": fields.get("reason"),
            "sha256": fields.get("sha256"),
            "article_id": fields.get("article_id"),
            "time": _now(),
        }

    def stored_as(self, article: Article) -> dict | None:
        columns = ", ".join(STORED_FIELDS)
        rows = list(
            self.db.query(
                f"SELECT {columns} FROM articles WHERE path = ? AND record IS ?",
                [article.path, article.record],
            )
        )
        return rows[0] if len(rows) == 1 else None

    def finish(self, status: str, error: str | None = None) -> None:
        s = self.summary
        with self.db.atomic():
            self.db["builds"].update(
                self.id,
                {
                    "ended": _now(),
                    "status": status,
                    "stored": s.stored,
                    "unchanged": s.unchanged,
                    "skipped": len(s.skipped),
                    "failed": len(s.errors),
                    "pruned": s.pruned,
                    "articles": s.articles,
                    "quotes": s.quotes,
                    "speakers": s.speakers,
                    "error": error,
                },
            )


def _unchanged(stored: dict | None, article: Article) -> bool:
    if stored is None:
        return False
    meta = article.metadata
    now = (article.id, article.sha256, meta.outlet, meta.title, meta.published, meta.url)
    return tuple(stored[name] for name in STORED_FIELDS) == now


def _duplicate(article: Article, first: Article, same_input: bool) -> str:
    """Why `article` is skipped, naming the input stored instead."""
    name = _where(first.path, first.record)
    if not same_input:
        return f"same text, outlet and URL as {name}"
    if Path(article.source).resolve() == Path(first.source).resolve():
        return f"same input as {name}"
    # Two folders given, one file name in both: the paths stored would collide.
    return f"same path as {name} in another folder given"


def _plan(
    build: _Build,
    paths: list[str],
    max_bytes: int,
    report: Callable[[QuotesError, dict], None],
    skip: Callable[[Skipped, dict], None],
) -> tuple[list[Article], set[tuple[str, int | None]], set[str]]:
    """Read every input; log the unchanged ones; return those to extract.

    Also returns the (path, record) of every input read and the paths of inputs that
    failed as a whole, for --prune (a failed input keeps its stored rows).
    """
    db = build.db
    to_extract: list[Article] = []
    read: set[tuple[str, int | None]] = set()
    seen_inputs: dict[tuple[str, int | None], Article] = {}
    seen_ids: dict[str, Article] = {}
    failed_paths: set[str] = set()
    for item in read_inputs(paths, max_bytes=max_bytes):
        if isinstance(item, InputSkipped):  # not an article file: logged, never a failure
            path = _relative(item.path, paths)
            read.add((path, None))
            skip(
                Skipped(path, None, item.reason),
                build.log(path, None, "skipped", reason=item.reason),
            )
            continue
        if isinstance(item, InputError):
            path, record = _relative(item.path, paths), _record_number(item.record)
            if record is None:
                failed_paths.add(path)
            read.add((path, record))
            report(item, build.log(path, record, "failed", reason=item.reason))
            continue
        where = (item.path, item.record)
        read.add(where)
        first = seen_inputs.get(where) or seen_ids.get(item.id)
        if first is not None:
            notice = Skipped(item.path, item.record, _duplicate(item, first, where in seen_inputs))
            row = build.log(*where, "skipped", reason=notice.reason, sha256=item.sha256)
            with db.atomic():  # a duplicate's earlier rows are stale, as in a clean build
                build.changed += remove_input(db, item.path, item.record, keep=first.id)
            skip(notice, row)
            continue
        seen_inputs[where] = seen_ids[item.id] = item
        if _unchanged(build.stored_as(item), item):
            build.summary.unchanged += 1
            with db.atomic():
                db["ingest_log"].insert(
                    build.log(*where, "unchanged", sha256=item.sha256, article_id=item.id)
                )
        else:
            to_extract.append(item)
    return to_extract, read, failed_paths


def _prune(build: _Build, read: set[tuple[str, int | None]], failed_paths: set[str]) -> int:
    """Remove the articles whose inputs this build did not read (deleted files)."""
    gone = [
        row["id"]
        for row in build.db.query("SELECT id, path, record FROM articles")
        if (row["path"], row["record"]) not in read and row["path"] not in failed_paths
    ]
    with build.db.atomic():
        for article_id in gone:
            delete_article(build.db, article_id)
    return len(gone)


def _count(db: sqlite_utils.Database, summary: BuildSummary) -> None:
    summary.articles = db["articles"].count
    summary.quotes = db["quotes"].count
    summary.speakers = db["speakers"].count


def build_database(
    paths: list[str],
    db_path: str,
    *,
    model: str | None = None,
    progress: bool = False,
    on_error: Callable[[QuotesError], None] | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
    jobs: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
    prune: bool = False,
) -> BuildSummary:
    """Build (or bring up to date) the database at `db_path` from article files and folders.

    Raises ModelError when no pipeline can be loaded, BuildInProgress when another
    build holds the database and DatabaseError when `db_path` is not a usable,
    writable database; per-input problems are collected in the summary (and passed to
    `on_error` / `on_skip` as they happen). `prune` removes the articles whose inputs
    are no longer among `paths`.
    """
    started = perf_counter()
    nlp = load_pipeline(model)
    summary = BuildSummary(pruned=0 if prune else None)
    with build_lock(db_path):
        db = open_database(db_path)
        try:
            _run(
                db, paths, nlp, model, summary, on_error, on_skip, jobs, max_bytes, prune, progress
            )
        except sqlite3.Error as error:
            raise DatabaseError(db_path, describe(error)) from None
        finally:
            db.close()
    summary.seconds = perf_counter() - started
    return summary


def _registry(db: sqlite_utils.Database, articles: list[Article]) -> SpeakerRegistry:
    """The speakers of the articles to store and of the rows they replace."""
    replaced = [
        row["id"]
        for a in articles
        for row in db.query(
            "SELECT id FROM articles WHERE path = ? AND record IS ?", [a.path, a.record]
        )
    ]
    return load_registry(db, [a.id for a in articles] + replaced)


def _store(
    db: sqlite_utils.Database,
    article: Article,
    found: Analysis,
    registry: SpeakerRegistry,
    log: dict,
    drift: tuple[DriftMemo, str],
) -> None:
    """Write one analysed article; keep for drift (memo, tagging model) the features of the
    lemma rows the table takes from it (a text it holds already keeps its first rows)."""
    memo, tagged_by = drift
    fresh = _unstored_lemmas(db, found.lemmas)
    write_article(db, article, found.quotes, registry, log=log, lemmas=found.lemmas)
    for (text, direct), features in found.features.items():
        if text_key(text, tagged_by) in fresh:  # drift will read the rows just stored
            memo.features.setdefault((text, direct), features)


def _run(
    db: sqlite_utils.Database,
    paths: list[str],
    nlp: object,
    model: str | None,
    summary: BuildSummary,
    on_error: Callable[[QuotesError], None] | None,
    on_skip: Callable[[Skipped], None] | None,
    jobs: int,
    max_bytes: int,
    prune: bool,
    progress: bool,
) -> None:
    build = _Build(db, summary)

    def report(error: QuotesError, row: dict) -> None:
        with db.atomic():
            db["ingest_log"].insert(row)
        summary.errors.append(error)
        if on_error is not None:
            on_error(error)

    def skip(notice: Skipped, row: dict) -> None:
        with db.atomic():
            db["ingest_log"].insert(row)
        summary.skipped.append(notice)
        if on_skip is not None:
            on_skip(notice)

    try:
        articles, read, failed_paths = _plan(build, paths, max_bytes, report, skip)
        registry = _registry(db, articles)
        bar = tqdm(total=len(articles), unit="article", disable=not progress, leave=False)
        memo, tagged_by = DriftMemo(jobs=jobs), model_name(nlp)
        importing: threading.Thread | None = None
        # Drift's lemmas and features come with each article, read off the extraction parse.
        for article, found in analyse_articles(nlp, articles, jobs=jobs, lemmas=True):
            importing = importing or _import_drift()
            bar.update()
            if isinstance(found, InputError):
                row = build.log(article.path, article.record, "failed", reason=found.reason)
                report(found, row)
                continue
            row = build.log(
                article.path, article.record, "stored", sha256=article.sha256, article_id=article.id
            )
            _store(db, article, found, registry, row, (memo, tagged_by))
            summary.stored += 1
        bar.close()
        if importing is not None:
            importing.join()
        if prune:
            summary.pruned = _prune(build, read, failed_paths)
        if summary.stored or summary.pruned or build.changed or not build.previous_complete:
            prune_speakers(db)
            # Drift runs again when sources merge: on the same texts.
            with shared_work(memo), _collector_paused():
                _apply_drift(db, model)
                merge_described_sources(db, model=model, reuse=False)
                # Last, on the final statements; with several jobs the sentence matching it
                # needs has run in a second process meanwhile.
                _apply_reuse(db, model)
        _count(db, summary)
        build.finish("complete")
    except sqlite3.Error as error:
        try:
            build.finish("failed", describe(error))
        except sqlite3.Error:
            pass  # the database refuses even that: the row stays `incomplete`
        raise
