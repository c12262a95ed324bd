"""Reading drift inputs from the build's SQLite database and writing drift results back.

The build creates the tables (quotes.db); this module fills `statements`,
`article_reuse` and the drift columns of `quotes`, replacing what an earlier run wrote.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict
from typing import TYPE_CHECKING

from ..model import STATEMENT_KINDS
from .records import ArticleRecord, DriftResult, QuoteRecord, SpeakerRef

if TYPE_CHECKING:
    from sqlite_utils import Database

# The quote columns drift fills, in the order write_result passes them; the schema
# itself (these columns, statements, article_reuse) is quotes.db's.
DRIFT_COLUMNS = (
    "statement_id",
    "drift_class",
    "similarity",
    "diff_json",
    "diff_html",
    "misquote",
    "attribution_changed",
)


def read_articles(db: Database) -> list[ArticleRecord]:
    """Every article, in id order."""
    rows = db.query("SELECT id, text, outlet, published, title FROM articles ORDER BY id")
    return [
        ArticleRecord(r["id"], r["text"] or "", r["outlet"], r["published"], r["title"])
        for r in rows
    ]


def read_quotes(db: Database) -> list[QuoteRecord]:
    """Every quote of speech or belief with its speaker's name, kind and aliases, in (article,
    start) order."""
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in db.query("SELECT speaker_id, alias FROM speaker_aliases"):
        aliases[row["speaker_id"]].add(row["alias"])
    speakers = {
        row["id"]: SpeakerRef(
            row["id"], row["name"], row["kind"], tuple(sorted(aliases[row["id"]]))
        )
        for row in db.query("SELECT id, name, kind FROM speakers")
    }
    # Reactions name what a source reacted to, not what it said: no statement, no drift.
    rows = db.query(
        "SELECT id, article_id, speaker_id, type, text, start FROM quotes "
        f"WHERE kind IN ({', '.join('?' for _ in STATEMENT_KINDS)}) "
        "ORDER BY article_id, start, id",
        STATEMENT_KINDS,
    )
    return [
        QuoteRecord(
            id=r["id"],
            article_id=r["article_id"],
            type=r["type"],
            text=r["text"] or "",
            speaker=speakers.get(r["speaker_id"], SpeakerRef(r["speaker_id"])),
            start=r["start"] or 0,
        )
        for r in rows
    ]


def read_titles(db: Database) -> list[tuple[str, str | None, str]]:
    """(speaker id, outlet, title) for every title an article gives a speaker."""
    if not db["speaker_titles"].exists():
        return []
    sql = (
        "SELECT t.speaker_id, a.outlet, t.title FROM speaker_titles t "
        "LEFT JOIN articles a ON a.id = t.article_id"
    )
    return [(r["speaker_id"], r["outlet"], r["title"]) for r in db.query(sql)]


def write_result(db: Database, result: DriftResult) -> None:
    """Replace the statements, the quotes' drift columns and article reuse in one transaction."""
    clear = ", ".join(f"[{name}] = NULL" for name in DRIFT_COLUMNS)
    assign = ", ".join(f"[{name}] = ?" for name in DRIFT_COLUMNS)
    with db.atomic():
        db.execute(f"UPDATE quotes SET {clear}")
        db.execute("DELETE FROM statements")
        db.execute("DELETE FROM article_reuse")
        db["statements"].insert_all(
            (
                {
                    "id": s.id,
                    "speaker_id": s.speaker_id,
                    "text": s.text,
                    "reference_quote_id": s.reference_quote_id,
                    "n_quotes": s.n_quotes,
                    "n_outlets": s.n_outlets,
                    "first_published": s.first_published,
                    "last_published": s.last_published,
                }
                for s in result.statements
            ),
            batch_size=500,
        )
        db.conn.executemany(
            f"UPDATE quotes SET {assign} WHERE id = ?",
            [
                (
                    d.statement_id,
                    d.drift_class,
                    d.similarity,
                    json.dumps(d.diff, ensure_ascii=False),
                    d.diff_html,
                    int(d.misquote),
                    int(d.attribution_changed),
                    d.quote_id,
                )
                for d in result.quotes.values()
            ],
        )
        # Reuse records are the table's rows, field for field.
        db["article_reuse"].insert_all((asdict(r) for r in result.reuse), batch_size=500)
