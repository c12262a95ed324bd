"""apply_drift on a database: reads what the build wrote, fills the drift parts, twice alike."""

from __future__ import annotations

import json
import re

import sqlite_utils

from quotes.drift import apply_drift

ARTICLES = [
    {
        "id": "a1",
        "path": "a1.txt",
        "outlet": "One",
        "title": "t",
        "published": "2024-02-07",
        "url": None,
        "text": "x",
        "sha256": "1",
        "n_quotes": 1,
    },
    {
        "id": "a2",
        "path": "a2.txt",
        "outlet": "Two",
        "title": "t",
        "published": "2024-02-08",
        "url": None,
        "text": "y",
        "sha256": "2",
        "n_quotes": 2,
    },
]
SPEAKERS = [
    {"id": "rasool", "name": "Yehia Rasool", "kind": "person", "description": None},
    {"id": "officials", "name": "Iraqi officials", "kind": "group", "description": None},
]
QUOTES = [
    {
        "id": "q1",
        "article_id": "a1",
        "speaker_id": "rasool",
        "type": "direct",
        "kind": "speech",
        "start": 0,
        "end": 1,
        "text": "This trajectory compels the government to terminate the mission of this coalition, which has become a factor for instability",
    },
    {
        "id": "q2",
        "article_id": "a2",
        "speaker_id": "rasool",
        "type": "direct",
        "kind": "speech",
        "start": 0,
        "end": 1,
        "text": "become a factor of <instability>",
    },
    {
        "id": "q3",
        "article_id": "a2",
        "speaker_id": "officials",
        "type": "direct",
        "kind": "speech",
        "start": 5,
        "end": 6,
        "text": "terminate the mission of this coalition",
    },
]


def make_db(with_drift_tables: bool) -> sqlite_utils.Database:
    """A database as an older build left it: no drift tables or columns unless asked."""
    db = sqlite_utils.Database(memory=True)
    db["articles"].insert_all(ARTICLES, pk="id")
    db["speakers"].insert_all(SPEAKERS, pk="id")
    db["speaker_aliases"].insert_all(
        [{"speaker_id": "rasool", "alias": "Rasool", "article_id": "a2"}]
    )
    db["speaker_titles"].insert_all(
        [
            {
                "speaker_id": "rasool",
                "article_id": "a1",
                "title": "a spokesperson for the Iraqi military",
            },
            {
                "speaker_id": "rasool",
                "article_id": "a2",
                "title": "spokesperson for the Iraqi Prime Minister",
            },
        ]
    )
    db["quotes"].insert_all(QUOTES, pk="id")
    if with_drift_tables:
        apply_drift(db)
    return db


def snapshot(db):
    return [
        list(db.query(f"SELECT * FROM {t} ORDER BY 1, 2"))
        for t in ("statements", "quotes", "article_reuse")
    ]


def test_fills_statements_and_quote_columns():
    db = make_db(with_drift_tables=False)
    summary = apply_drift(db)
    rows = {r["id"]: r for r in db.query("SELECT * FROM quotes")}
    assert {r["statement_id"] for r in rows.values()} == {
        db.execute("SELECT id FROM statements").fetchone()[0]
    }
    assert [rows[q]["drift_class"] for q in ("q1", "q2", "q3")] == [
        "reference",
        "altered",
        "reattributed",
    ]
    assert [rows[q]["misquote"] for q in ("q1", "q2", "q3")] == [0, 1, 0]
    assert [rows[q]["attribution_changed"] for q in ("q1", "q2", "q3")] == [0, 0, 1]
    markup = re.sub(r'</?(del|ins)>|<span class="trim">|</span>', "", rows["q2"]["diff_html"])
    assert "<" not in markup and "&gt;" in markup
    assert {"op": "substitute", "ref": "for", "quote": "of"} in json.loads(rows["q2"]["diff_json"])
    (statement,) = db.query("SELECT * FROM statements")
    assert statement["speaker_id"] == "rasool" and statement["reference_quote_id"] == "q1"
    assert (statement["n_quotes"], statement["n_outlets"]) == (3, 2)
    assert (statement["first_published"], statement["last_published"]) == (
        "2024-02-07",
        "2024-02-08",
    )
    assert (summary.statements, summary.misquotes, summary.attribution_changes) == (1, 1, 1)
    assert summary.speakers_with_title_drift == 1


def test_running_twice_changes_nothing():
    db = make_db(with_drift_tables=True)
    before = snapshot(db)
    apply_drift(db)
    assert snapshot(db) == before


def test_a_quote_removed_takes_its_drift_with_it():
    db = make_db(with_drift_tables=True)
    db["quotes"].delete("q1")
    apply_drift(db)
    statements = {r["reference_quote_id"]: r for r in db.query("SELECT * FROM statements")}
    assert sorted(statements) == ["q2", "q3"]
    for quote in ("q2", "q3"):
        row = db["quotes"].get(quote)
        assert row["statement_id"] == statements[quote]["id"]
        assert (row["drift_class"], row["misquote"]) == ("reference", 0)


def test_an_empty_database_gives_an_empty_summary():
    db = make_db(with_drift_tables=True)
    for table in ("quotes", "speaker_titles", "speaker_aliases", "speakers", "articles"):
        db[table].delete_where()
    summary = apply_drift(db)
    assert (summary.statements, summary.quotes, summary.reuse_pairs) == (0, 0, 0)
    assert db["statements"].count == 0 and db["article_reuse"].count == 0
