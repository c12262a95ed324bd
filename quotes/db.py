"""The SQLite database newsroom tools query: its schema, and writing one article into it.

Table and column names are a public API (documented column by column in
metadata.yml). Ids come from content, so building the same files twice gives the
same rows: an article's id is a hash of its text, a quote's a hash of its article and
span, a speaker's a slug of the name first seen ("yehia-rasool").
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import sqlite_utils

from .articles import Article
from .errors import QuotesError
from .model import Quote
from .speakers import Speaker, SpeakerRegistry, quote_names

# Column name -> declaration, in the order a reporter reads them. The drift columns
# and the statements / article_reuse tables are filled by quotes.drift.apply_drift.
TABLES: dict[str, dict[str, str]] = {
    "articles": {
        "id": "TEXT PRIMARY KEY",
        "path": "TEXT NOT NULL",
        "outlet": "TEXT",
        "title": "TEXT",
        "published": "TEXT",
        "url": "TEXT",
        "text": "TEXT NOT NULL",
        "sha256": "TEXT NOT NULL",
        "n_quotes": "INTEGER NOT NULL DEFAULT 0",
    },
    "speakers": {
        "id": "TEXT PRIMARY KEY",
        "name": "TEXT NOT NULL",
        "kind": "TEXT NOT NULL",
        "description": "TEXT",
    },
    "speaker_aliases": {
        "speaker_id": "TEXT NOT NULL REFERENCES speakers(id)",
        "alias": "TEXT NOT NULL",
        "article_id": "TEXT NOT NULL REFERENCES articles(id)",
    },
    "speaker_titles": {
        "speaker_id": "TEXT NOT NULL REFERENCES speakers(id)",
        "article_id": "TEXT NOT NULL REFERENCES articles(id)",
        "title": "TEXT NOT NULL",
    },
    "statements": {
        "id": "TEXT PRIMARY KEY",
        "speaker_id": "TEXT REFERENCES speakers(id)",
        "text": "TEXT",
        "reference_quote_id": "TEXT REFERENCES quotes(id)",
        "n_quotes": "INTEGER",
        "n_outlets": "INTEGER",
        "first_published": "TEXT",
        "last_published": "TEXT",
    },
    "quotes": {
        "id": "TEXT PRIMARY KEY",
        "article_id": "TEXT NOT NULL REFERENCES articles(id)",
        "speaker_id": "TEXT REFERENCES speakers(id)",
        "type": "TEXT NOT NULL",
        "kind": "TEXT NOT NULL",
        "cue": "TEXT",
        "text": "TEXT NOT NULL",
        "start": "INTEGER NOT NULL",
        "end": "INTEGER NOT NULL",
        "context": "TEXT",
        "context_start": "INTEGER",
        "context_end": "INTEGER",
        "cue_start": "INTEGER",
        "cue_end": "INTEGER",
        "speaker_mention": "TEXT",
        "speaker_title": "TEXT",
        "via": "TEXT",
        "confidence": "REAL",
        "outlet": "TEXT",
        "published": "TEXT",
        "statement_id": "TEXT REFERENCES statements(id)",
        "drift_class": "TEXT",
        "similarity": "REAL",
        "diff_json": "TEXT",
        "diff_html": "TEXT",
        "misquote": "INTEGER",
        "attribution_changed": "INTEGER",
    },
    "article_reuse": {
        "article_id": "TEXT NOT NULL REFERENCES articles(id)",
        "source_article_id": "TEXT NOT NULL REFERENCES articles(id)",
        "score": "REAL",
        "shared_statements": "INTEGER",
        "direction": "TEXT",
    },
}
COMPOSITE_KEYS = {
    "speaker_aliases": ("speaker_id", "alias", "article_id"),
    "speaker_titles": ("speaker_id", "article_id", "title"),
    "article_reuse": ("article_id", "source_article_id"),
}
# Every foreign key and every column Datasette facets on gets an index; a tuple is one
# index over several columns (a canned query's filter and order, measured at 1M quotes).
INDEXES: dict[str, list[str | tuple[str, ...]]] = {
    "articles": ["path", "outlet", "published"],
    "speakers": ["kind", "name"],
    "speaker_aliases": ["speaker_id", "article_id", "alias"],
    "speaker_titles": ["speaker_id", "article_id"],
    "statements": ["speaker_id", "reference_quote_id", ("n_outlets", "n_quotes")],
    "quotes": [
        "article_id",
        "speaker_id",
        "statement_id",
        "type",
        "kind",
        "outlet",
        "published",
        "drift_class",
        "misquote",
        "attribution_changed",
        ("misquote", "similarity"),  # the Misquotes query, least similar first
    ],
    "article_reuse": ["article_id", "source_article_id", "direction", "score"],
}
FTS = {"quotes": ["text"], "articles": ["title", "text"]}
VIEW_NAME = "quotes_view"
VIEW_SQL = """SELECT
  q.id,
  q.text AS quote,
  s.name AS speaker,
  s.kind AS speaker_kind,
  q.speaker_title,
  q.type,
  q.kind,
  q.cue,
  a.outlet,
  a.title AS article_title,
  q.published,
  q.drift_class,
  q.context,
  q.start,
  q."end",
  q.context_start,
  q.speaker_id,
  q.article_id,
  q.statement_id,
  q.rowid AS quote_rowid
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN speakers s ON s.id = q.speaker_id"""


class DatabaseError(QuotesError):
    """The database file cannot be opened or written: ``str(error)`` is "PATH: reason"."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def quote_id(article_sha256: str, start: int, end: int) -> str:
    """A quote's id: its article's content hash and its span."""
    return hashlib.sha256(f"{article_sha256}:{start}:{end}".encode()).hexdigest()[:16]


def _create_sql(table: str, columns: dict[str, str]) -> str:
    lines = [f"  [{name}] {decl}" for name, decl in columns.items()]
    if table in COMPOSITE_KEYS:
        lines.append(f"  PRIMARY KEY ({', '.join(f'[{c}]' for c in COMPOSITE_KEYS[table])})")
    return f"CREATE TABLE IF NOT EXISTS [{table}] (\n" + ",\n".join(lines) + "\n)"


def open_database(path: str) -> sqlite_utils.Database:
    """Open (creating if needed) the database at `path` with every table, index and view."""
    if Path(path).is_dir():
        raise DatabaseError(path, "is a folder, not a database file")
    try:
        db = sqlite_utils.Database(path)
        ensure_schema(db)
    except sqlite3.DatabaseError as error:
        raise DatabaseError(path, f"not a usable SQLite database ({error})") from None
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create what is missing; add columns a newer schema has to an older database."""
    for table, columns in TABLES.items():
        if not db[table].exists():
            db.execute(_create_sql(table, columns))
            continue
        have = set(db[table].columns_dict)
        for name, decl in columns.items():
            if name not in have:
                # ALTER TABLE cannot add a NOT NULL column without a default.
                db.execute(f"ALTER TABLE [{table}] ADD COLUMN [{name}] {decl.split()[0]}")
    for table, columns in INDEXES.items():
        for column in columns:
            names = list(column) if isinstance(column, tuple) else [column]
            db[table].create_index(names, if_not_exists=True, find_unique_name=True)
    for table, columns in FTS.items():
        # Triggers keep an existing index current; rebuilding it on every open costs a full scan.
        if db[table].detect_fts() is None:
            db[table].enable_fts(columns, tokenize="porter", create_triggers=True)
    db.create_view(VIEW_NAME, VIEW_SQL, replace=True)


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
            row["id"], row["name"], row["kind"], row["description"], aliases.get(row["id"], set())
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


def _delete_article(db: sqlite_utils.Database, article_id: str) -> None:
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
) -> tuple[int, set[str]]:
    """Store one article and its quotes in one transaction, replacing what it replaces.

    An earlier version of the same file (same path, other text) is removed with its
    rows. Returns the number of quotes written and the ids of their speakers.
    """
    quotes = sorted(quotes, key=lambda q: (q.start, q.end))
    meta = article.metadata
    where = meta.outlet or meta.title or Path(article.path).name
    speakers: dict[str, Speaker] = {}
    quote_rows, alias_rows, title_rows = [], {}, {}
    for quote in quotes:
        speaker = registry.resolve(quote, article.id, where)
        if speaker is not None:
            speakers[speaker.id] = speaker
            for alias in quote_names(quote):
                alias_rows[(speaker.id, alias)] = {
                    "speaker_id": speaker.id,
                    "alias": alias,
                    "article_id": article.id,
                }
            if quote.speaker_title:
                title_rows[(speaker.id, quote.speaker_title)] = {
                    "speaker_id": speaker.id,
                    "article_id": article.id,
                    "title": quote.speaker_title,
                }
        context_start, context_end = quote.context_start, quote.context_end
        if context_start is None or context_end is None:
            context_start, context_end = _paragraph(article.text, quote.start, quote.end)
        quote_rows.append(
            {
                "id": quote_id(article.sha256, quote.start, quote.end),
                "article_id": article.id,
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
            }
        )
    with db.atomic():
        for row in db.query(
            "SELECT id FROM articles WHERE path = ? AND id != ?", [article.path, article.id]
        ):
            _delete_article(db, row["id"])
        db["articles"].upsert(
            {
                "id": article.id,
                "path": article.path,
                "outlet": meta.outlet,
                "title": meta.title,
                "published": meta.published,
                "url": meta.url,
                "text": article.text,
                "sha256": article.sha256,
                "n_quotes": len(quote_rows),
            },
            pk="id",
        )
        db["speakers"].upsert_all([s.row() for s in speakers.values()], pk="id")
        for table in ("speaker_aliases", "speaker_titles"):
            db[table].delete_where("article_id = ?", [article.id])
        db["speaker_aliases"].insert_all(alias_rows.values(), ignore=True)
        db["speaker_titles"].insert_all(title_rows.values(), ignore=True)
        keep = [row["id"] for row in quote_rows]
        db.execute(
            f"DELETE FROM quotes WHERE article_id = ? AND id NOT IN ({', '.join('?' * len(keep))})",
            [article.id, *keep],
        )
        db["quotes"].upsert_all(quote_rows, pk="id")
    return len(quote_rows), set(speakers)


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
