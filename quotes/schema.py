"""The database schema, in one place: tables, keys, indexes, full-text search, the view.

Table and column names are a public API (documented column by column in
metadata.yml). `ensure_schema` creates what is missing and migrates an older database
forward (new tables and columns are added; nothing stored is dropped), stamping the
schema version in `PRAGMA user_version`. quotes.db writes articles, quotes.drift.store
the drift columns, quotes.build the builds and ingest_log rows.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.db import DescIndex

SCHEMA_VERSION = 2
BUILD_STATUSES = ("complete", "incomplete", "failed")
INGEST_STATUSES = ("stored", "unchanged", "skipped", "failed")

# The quote columns drift fills (quotes.drift.store writes them in this order).
DRIFT_QUOTE_COLUMNS: dict[str, str] = {
    "statement_id": "TEXT REFERENCES statements(id)",
    "drift_class": "TEXT",
    "similarity": "REAL",
    "diff_json": "TEXT",
    "diff_html": "TEXT",
    "misquote": "INTEGER",
    "attribution_changed": "INTEGER",
}
DRIFT_COLUMNS = tuple(DRIFT_QUOTE_COLUMNS)

# Drift's lemmas of quotes and sentences, written with each article by quotes.db and read
# (then pruned) by quotes.drift.lemmas: internal, hidden in Datasette.
LEMMA_TABLE = "drift_lemmas"

# Column name -> declaration, in the order a reporter reads them. The drift columns
# and the statements / article_reuse tables are filled by quotes.drift.apply_drift;
# builds and ingest_log by quotes.build.
TABLES: dict[str, dict[str, str]] = {
    "articles": {
        "id": "TEXT PRIMARY KEY",
        "path": "TEXT NOT NULL",
        "record": "INTEGER",
        "outlet": "TEXT",
        "title": "TEXT",
        "published": "TEXT",
        "url": "TEXT",
        "credited_source": "TEXT",
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
        **DRIFT_QUOTE_COLUMNS,
        "in_caption": "INTEGER NOT NULL DEFAULT 0",
    },
    "article_reuse": {
        "article_id": "TEXT NOT NULL REFERENCES articles(id)",
        "source_article_id": "TEXT NOT NULL REFERENCES articles(id)",
        "score": "REAL",
        "shared_statements": "INTEGER",
        "direction": "TEXT",
    },
    "builds": {
        "id": "INTEGER PRIMARY KEY",
        "started": "TEXT NOT NULL",
        "ended": "TEXT",
        "status": "TEXT NOT NULL",
        "stored": "INTEGER",
        "unchanged": "INTEGER",
        "skipped": "INTEGER",
        "failed": "INTEGER",
        "pruned": "INTEGER",
        "articles": "INTEGER",
        "quotes": "INTEGER",
        "speakers": "INTEGER",
        "error": "TEXT",
    },
    "ingest_log": {
        "id": "INTEGER PRIMARY KEY",
        "build_id": "INTEGER NOT NULL REFERENCES builds(id)",
        "path": "TEXT NOT NULL",
        "record": "INTEGER",
        "status": "TEXT NOT NULL",
        "reason": "TEXT",
        "sha256": "TEXT",
        "article_id": "TEXT",
        "time": "TEXT NOT NULL",
    },
    LEMMA_TABLE: {
        # sha256 of the pipeline's name and the text; JSON [[lemma, is_content, is_entity], ...]
        "key": "TEXT PRIMARY KEY",
        "annotations": "TEXT NOT NULL",
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
    "articles": ["path", "record", "outlet", "published"],
    "builds": ["status"],
    "ingest_log": ["build_id", "path", "status"],
    "speakers": ["kind", "name"],
    "speaker_aliases": ["speaker_id", "article_id", "alias"],
    "speaker_titles": ["speaker_id", "article_id"],
    # Statements by reach, ties by id (the home page): read in order, no sort.
    "statements": [
        "speaker_id",
        "reference_quote_id",
        (DescIndex("n_outlets"), DescIndex("n_quotes"), "id"),
    ],
    "quotes": [
        "article_id",
        # A speaker's quotes; the home page counts quotes and outlets per speaker from it.
        ("speaker_id", "kind", "outlet", "article_id"),
        # Anonymous sources by outlet: its sort keys, so the sort reads no quote row.
        ("speaker_id", "kind", "outlet", "published", "start"),
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
    LEMMA_TABLE: [],
}
FTS = {"quotes": ["text"], "articles": ["title", "text"]}
VIEW_NAME = "quotes_view"
# The reading view: no offsets or JSON, the context beside the quote, reactions left out.
# Names and headlines come from subqueries, not joins, so counting or paging the view
# reads only quotes and its indexes; the outlet is the indexed copy in quotes.
VIEW_SQL = """SELECT
  q.id,
  (SELECT s.name FROM speakers s WHERE s.id = q.speaker_id) AS speaker,
  q.text AS quote,
  q.context,
  coalesce(q.outlet, '(unknown outlet)') AS outlet,
  (SELECT a.credited_source FROM articles a WHERE a.id = q.article_id) AS credited_source,
  q.published,
  q.type,
  q.drift_class,
  q.diff_html,
  q.misquote,
  q.attribution_changed,
  q.speaker_title,
  (SELECT a.title FROM articles a WHERE a.id = q.article_id) AS article_title,
  q.speaker_id,
  q.statement_id,
  q.article_id,
  q.rowid AS quote_rowid
FROM quotes q
WHERE q.kind IS NOT 'reaction'"""


def _create_sql(table: str, columns: dict[str, str]) -> str:
    lines = [f"  [{name}] {decl}" for name, decl in columns.items()]
    if table in COMPOSITE_KEYS:
        lines.append(f"  PRIMARY KEY ({', '.join(f'[{c}]' for c in COMPOSITE_KEYS[table])})")
    return f"CREATE TABLE IF NOT EXISTS [{table}] (\n" + ",\n".join(lines) + "\n)"


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create what is missing; add the tables and columns a newer schema has to an older database.

    Writes nothing when the schema is current, so opening a database changes no row
    and does not make a server reading it reload its schema.
    """
    with db.atomic():
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
            # Triggers keep an existing index current; rebuilding it costs a full scan.
            if db[table].detect_fts() is None:
                db[table].enable_fts(columns, tokenize="porter", create_triggers=True)
        view = f"CREATE VIEW [{VIEW_NAME}] AS {VIEW_SQL}"
        if db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [VIEW_NAME]).fetchone() != (
            view,
        ):
            db.execute(f"DROP VIEW IF EXISTS [{VIEW_NAME}]")
            db.execute(view)
        if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
