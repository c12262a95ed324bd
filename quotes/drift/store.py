"""Reading drift inputs from the build's SQLite database and writing drift results back.

The schema is quotes.schema's; this module fills `statements`, `article_reuse` and
the drift columns of `quotes` (schema.DRIFT_COLUMNS), replacing what an earlier run wrote.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from ..model import STATEMENT_KINDS
from ..schema import DRIFT_COLUMNS
from .records import (
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


def read_statement_ids(db: Database) -> dict[str, str]:
    """Each quote's statement as stored by the last drift run, by quote id."""
    return dict(db.execute("SELECT id, statement_id FROM quotes").fetchall())


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
            [(*_drift_values(d), d.quote_id) for d in result.quotes.values()],
        )
        if result.reuse is not None:
            # Reuse records are the table's rows, field for field.
            db.execute("DELETE FROM article_reuse")
            db["article_reuse"].insert_all((asdict(r) for r in result.reuse), batch_size=500)


STATEMENT_COLUMNS = (
    "id",
    "speaker_id",
    "text",
    "reference_quote_id",
    "n_quotes",
    "n_outlets",
    "first_published",
    "last_published",
)


def _statement_row(s: Statement) -> dict[str, Any]:
    return {name: getattr(s, name) for name in STATEMENT_COLUMNS}


def _rows_key(rows: Iterable[dict[str, Any]]) -> list[tuple]:
    return sorted(tuple(sorted(row.items())) for row in rows)


def _drift_values(d: QuoteDrift) -> tuple[Any, ...]:
    """A quote's DRIFT_COLUMNS, as stored."""
    return (
        d.statement_id,
        d.drift_class,
        d.similarity,
        json.dumps(d.diff, ensure_ascii=False),
        d.diff_html,
        int(d.misquote),
        int(d.attribution_changed),
    )


def write_changes(db: Database, result: DriftResult) -> int:
    """Bring the stored drift up to `result`, rewriting only what differs: the statements
    that new, changed or removed quotes touch and those quotes' drift columns. The database
    ends as `write_result` leaves it. Returns how many statements were written or deleted."""
    wanted = {s.id: _statement_row(s) for s in result.statements}
    with db.atomic():
        listed = ", ".join(f"[{c}]" for c in STATEMENT_COLUMNS)
        stored = {r["id"]: r for r in db.query(f"SELECT {listed} FROM statements")}
        gone = [sid for sid in stored if sid not in wanted]
        changed = [row for sid, row in wanted.items() if stored.get(sid) != row]
        for k in range(0, len(gone), 500):
            chunk = gone[k : k + 500]
            db.execute(
                f"DELETE FROM statements WHERE id IN ({', '.join('?' for _ in chunk)})", chunk
            )
        db["statements"].insert_all(changed, batch_size=500, replace=True)
        blank = (None,) * len(DRIFT_COLUMNS)
        drift = {d.quote_id: _drift_values(d) for d in result.quotes.values()}
        listed = ", ".join(f"[{name}]" for name in DRIFT_COLUMNS)
        updates = []
        for row in db.execute(f"SELECT id, {listed} FROM quotes").fetchall():
            want = drift.get(row[0], blank)
            if tuple(row[1:]) != want:
                updates.append((*want, row[0]))
        assign = ", ".join(f"[{name}] = ?" for name in DRIFT_COLUMNS)
        db.conn.executemany(f"UPDATE quotes SET {assign} WHERE id = ?", updates)
        if result.reuse is not None:
            write_reuse(db, result.reuse)
    return len(gone) + len(changed)


def write_reuse(db: Database, reuse: Iterable[Reuse]) -> None:
    """Store the rewritten articles found (in one transaction)."""
    rows = [asdict(r) for r in reuse]
    with db.atomic():
        # Few rows, and a new article can change any pair's direction: replaced when different.
        if _rows_key(db["article_reuse"].rows) != _rows_key(rows):
            db.execute("DELETE FROM article_reuse")
            db["article_reuse"].insert_all(rows, batch_size=500)
