"""Writing the SQLite database newsroom tools query: opening it, one article at a time.

The schema is quotes.schema's. Ids come from content, so building the same files
twice gives the same rows: an article's id is a hash of its text, outlet and URL
(`Article.id`), a quote's a hash of its article and span, a speaker's a slug of the
name first seen ("yehia-rasool").
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from .articles import Article
from .errors import QuotesError
from .identity import Speaker
from .model import Quote
from .schema import LEMMA_TABLE, ensure_schema
from .speakers import SpeakerRegistry, quote_names

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

# How long a write waits for another connection's write to finish.
BUSY_TIMEOUT_MS = 10_000

__all__ = ["ensure_schema"]  # quotes.drift imports it from here; quotes.schema owns it


class DatabaseError(QuotesError):
    """The database file cannot be opened or written: ``str(error)`` is "PATH: reason"."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class BuildInProgress(DatabaseError):
    """Another build holds the database."""


def quote_id(article_key: str, start: int, end: int) -> str:
    """A quote's id: its article's identity (`Article.key`) and its span."""
    return hashlib.sha256(f"{article_key}:{start}:{end}".encode()).hexdigest()[:16]


def _check_writable(path: str) -> None:
    """Refuse, before SQLite does with a traceback, a database that cannot be written."""
    file = Path(path)
    folder = file.parent
    if file.is_dir():
        raise DatabaseError(path, "is a folder, not a database file")
    if not folder.is_dir():
        raise DatabaseError(path, f"folder {folder} does not exist")
    if file.exists() and not _writable(file):
        raise DatabaseError(path, "is read-only")
    # SQLite writes its journal beside the database, so the folder must be writable too.
    if not _writable(folder):
        raise DatabaseError(path, f"folder {folder} is read-only")


def _writable(path: Path) -> bool:
    # Write permission bits, not only access(2): root may write anything, but a file
    # or folder marked read-only for everyone is meant to stay as it is.
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)


def describe(error: sqlite3.Error) -> str:
    """The reason an SQLite error gives, in a reporter's words."""
    message = str(error)
    if "locked" in message or "busy" in message:
        return "locked by another program (database is locked)"
    if "readonly" in message:
        return "is read-only"
    return f"cannot be written ({message})"


def open_database(path: str) -> sqlite_utils.Database:
    """Open (creating if needed) the database at `path` with every table, index and view.

    The journal is a write-ahead log: a server reading the database while a build
    writes it sees the data before or after each article's transaction, never half
    of one. Raises DatabaseError naming the reason when the file cannot be used.
    """
    _check_writable(path)
    try:
        db = sqlite_utils.Database(path)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if db.journal_mode != "wal":
            db.enable_wal()
        db.execute("PRAGMA synchronous = NORMAL")
        ensure_schema(db)
    except sqlite3.OperationalError as error:
        raise DatabaseError(path, describe(error)) from None
    except sqlite3.DatabaseError as error:
        raise DatabaseError(path, f"not a usable SQLite database ({error})") from None
    return db


@contextmanager
def build_lock(path: str) -> Iterator[None]:
    """Hold the database for one build: a second build into it stops with BuildInProgress.

    An advisory lock (flock) on the database file itself: SQLite's own locks are
    fcntl locks, which flock does not touch, and the kernel drops it when the build
    dies, even by kill -9. Close the SQLite connection before leaving the block.
    """
    _check_writable(path)
    if fcntl is None:  # Windows: SQLite's busy timeout is the only guard
        yield
        return
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise DatabaseError(path, error.strerror or "cannot be opened") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BuildInProgress(path, "another build is writing to it") from None
        yield
    finally:
        os.close(fd)


def load_registry(db: sqlite_utils.Database, rebuilt: Iterable[str] = ()) -> SpeakerRegistry:
    """The stored speakers, to match new quotes against, as if `rebuilt` were not stored.

    `rebuilt` lists the paths and article ids this build writes again: their speakers
    are resolved afresh, so rebuilding the same files gives the same rows as a new
    database would.
    """
    skip = set(rebuilt)
    kept = {
        row["id"]
        for row in db.query("SELECT id, path FROM articles")
        if row["id"] not in skip and row["path"] not in skip
    }
    aliases: dict[str, set[str]] = {}
    for row in db.query("SELECT speaker_id, alias, article_id FROM speaker_aliases"):
        if row["article_id"] in kept:
            aliases.setdefault(row["speaker_id"], set()).add(row["alias"])
    quoted = {
        row["speaker_id"]
        for row in db.query("SELECT DISTINCT speaker_id, article_id FROM quotes")
        if row["article_id"] in kept
    }
    known = [
        Speaker(
            row["name"],
            row["kind"],
            id=row["id"],
            description=row["description"],
            aliases=sorted(aliases.get(row["id"], set())),
        )
        for row in db.query("SELECT id, name, kind, description FROM speakers ORDER BY rowid")
        if row["id"] in quoted
    ]
    return SpeakerRegistry(known)


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph around a span, for quotes the extractor gave no context for."""
    begin = text.rfind("\n", 0, start) + 1
    stop = text.find("\n", end)
    return begin, len(text) if stop == -1 else stop


def delete_article(db: sqlite_utils.Database, article_id: str) -> None:
    """Remove one article and every row that belongs to it (call inside a transaction)."""
    for table in ("quotes", "speaker_aliases", "speaker_titles"):
        db[table].delete_where("article_id = ?", [article_id])
    db["article_reuse"].delete_where(
        "article_id = ? OR source_article_id = ?", [article_id, article_id]
    )
    db["articles"].delete_where("id = ?", [article_id])


def write_article(
    db: sqlite_utils.Database,
    article: Article,
    quotes: Iterable[Quote],
    registry: SpeakerRegistry,
    log: dict | None = None,
    lemmas: Iterable[dict[str, str]] = (),
) -> tuple[int, set[str]]:
    """Store one article and its quotes in one transaction, replacing what it replaces.

    An earlier version of the same input (same path and record, other id) is removed
    with its rows; `log`, its ingest_log row, is written in the same transaction, and so
    are `lemmas`, drift's annotations from the extraction parse (quotes.drift.lemmas;
    a text already annotated keeps its annotation).
    Returns the number of quotes written and the ids of their speakers.
    """
    quotes = sorted(quotes, key=lambda q: (q.start, q.end))
    article.mark_captions(quotes)
    meta = article.metadata
    key = article.key
    article_id = key[:16]
    # An unnamed source is described by where it appeared: the outlet, else the headline.
    where = meta.outlet or (f"“{meta.title}”" if meta.title else Path(article.path).name)
    speakers: dict[str, Speaker] = {}
    quote_rows, alias_rows, title_rows = [], {}, {}
    for quote in quotes:
        speaker = registry.resolve(quote, article_id, where)
        if speaker is not None:
            speakers[speaker.id] = speaker
            for alias in quote_names(quote):
                alias_rows[(speaker.id, alias)] = {
                    "speaker_id": speaker.id,
                    "alias": alias,
                    "article_id": article_id,
                }
            if quote.speaker_title:
                title_rows[(speaker.id, quote.speaker_title)] = {
                    "speaker_id": speaker.id,
                    "article_id": article_id,
                    "title": quote.speaker_title,
                }
        context_start, context_end = quote.context_start, quote.context_end
        if context_start is None or context_end is None:
            context_start, context_end = _paragraph(article.text, quote.start, quote.end)
        quote_rows.append(
            {
                "id": quote_id(key, quote.start, quote.end),
                "article_id": article_id,
                "speaker_id": speaker.id if speaker else None,
                "type": quote.type,
                "kind": quote.kind,
                "cue": quote.cue,
                "text": quote.text,
                "start": quote.start,
                "end": quote.end,
                "context": article.text[context_start:context_end],
                "context_start": context_start,
                "context_end": context_end,
                "cue_start": quote.cue_start,
                "cue_end": quote.cue_end,
                "speaker_mention": quote.speaker_mention.text if quote.speaker_mention else None,
                "speaker_title": quote.speaker_title,
                "via": quote.via,
                "confidence": round(quote.confidence, 3),
                "outlet": meta.outlet,
                "published": meta.published,
                "in_caption": int(quote.caption),
            }
        )
    with db.atomic():
        remove_input(db, article.path, article.record, keep=article_id)
        db["articles"].upsert(
            {
                "id": article_id,
                "path": article.path,
                "record": article.record,
                "outlet": meta.outlet,
                "title": meta.title,
                "published": meta.published,
                "url": meta.url,
                "credited_source": meta.credited_source,
                "text": article.text,
                "sha256": article.sha256,
                "n_quotes": len(quote_rows),
            },
            pk="id",
        )
        db["speakers"].upsert_all([s.row() for s in speakers.values()], pk="id")
        for table in ("speaker_aliases", "speaker_titles"):
            db[table].delete_where("article_id = ?", [article_id])
        db["speaker_aliases"].insert_all(alias_rows.values(), ignore=True)
        db["speaker_titles"].insert_all(title_rows.values(), ignore=True)
        keep = [row["id"] for row in quote_rows]
        db.execute(
            f"DELETE FROM quotes WHERE article_id = ? AND id NOT IN ({', '.join('?' * len(keep))})",
            [article_id, *keep],
        )
        db["quotes"].upsert_all(quote_rows, pk="id")
        db[LEMMA_TABLE].insert_all(lemmas, ignore=True)
        if log is not None:
            db["ingest_log"].insert(log)
    return len(quote_rows), set(speakers)


def remove_input(
    db: sqlite_utils.Database, path: str, record: int | None, keep: str | None = None
) -> int:
    """Remove the articles stored for one input (path and record) except `keep`; how many."""
    stale = [
        row["id"]
        for row in db.query(
            "SELECT id FROM articles WHERE path = ? AND record IS ? AND id IS NOT ?",
            [path, record, keep],
        )
    ]
    with db.atomic():
        for article_id in stale:
            delete_article(db, article_id)
    return len(stale)


def prune_speakers(db: sqlite_utils.Database) -> int:
    """Remove speakers no quote refers to any more (an article changed); returns how many."""
    orphans = [
        row["id"]
        for row in db.query(
            "SELECT id FROM speakers WHERE id NOT IN "
            "(SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL)"
        )
    ]
    with db.atomic():
        for speaker_id in orphans:
            for table in ("speaker_aliases", "speaker_titles"):
                db[table].delete_where("speaker_id = ?", [speaker_id])
            db["speakers"].delete_where("id = ?", [speaker_id])
    return len(orphans)
