"""What the reporter's pages show: a speaker's dossier and every version of one statement.

Each function takes a read-only SQLite connection (Datasette's `execute_fn`) and returns
plain dicts for a template; None when the id is unknown. Quotes of kind `reaction`
(noun-phrase reactions such as "condemned the strike") are not shown.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import Any

from .identity import PRONOUNS, name_key

Row = dict[str, Any]
SHOWN_KINDS = "q.kind IS NOT 'reaction'"
# Undated articles come last; then by outlet, unknown outlets last, then position.
TIME_ORDER = "a.published IS NULL, a.published, a.outlet IS NULL, a.outlet, q.start"

_VERSION_COLUMNS = f"""
  q.id, q.text, q.type, q.kind, q.context, q.start, q."end", q.context_start,
  q.speaker_id, q.speaker_mention, q.speaker_title, q.statement_id, q.drift_class,
  q.similarity, q.diff_html, q.misquote, q.attribution_changed,
  s.name AS speaker_name, s.kind AS speaker_kind,
  q.article_id, a.outlet, a.credited_source, a.title AS article_title, a.published, a.url
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN speakers s ON s.id = q.speaker_id
WHERE {SHOWN_KINDS}"""


def _rows(conn: sqlite3.Connection, sql: str, params: list[Any]) -> list[Row]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _by_article(aliases: list[Row], titles: list[Row]) -> list[Row]:
    """One row per article: its outlet and headline, the names and titles it gives."""
    grouped: dict[str, Row] = {}
    for field, rows in (("aliases", aliases), ("titles", titles)):
        for row in rows:
            entry = grouped.setdefault(
                row["article_id"],
                {
                    "outlet": row["outlet"],
                    "article_id": row["article_id"],
                    "article_title": row["article_title"],
                    "published": row["published"],
                    "aliases": [],
                    "titles": [],
                },
            )
            if row["value"] not in entry[field]:
                entry[field].append(row["value"])
    return sorted(
        grouped.values(),
        key=lambda e: (
            e["published"] is None,
            e["published"] or "",
            e["outlet"] is None,
            e["outlet"] or "",
            e["article_id"],
        ),
    )


STATEMENTS_PER_PAGE = 50  # a speaker page shows this many statements, then a "next" link
UNGROUPED_SHOWN = 200  # quotes not grouped into a statement shown on a speaker's last page


def speaker_page(conn: sqlite3.Connection, speaker_id: str, page: str | None = None) -> Row | None:
    """The speaker, their aliases and titles by outlet, and their quotes by statement.

    A busy speaker's statements come STATEMENTS_PER_PAGE at a time (`page`: a number from
    1, or "last"); None when the speaker or the page does not exist.
    """
    found = _rows(
        conn, "SELECT id, name, kind, description FROM speakers WHERE id = ?", [speaker_id]
    )
    if not found:
        return None
    order = _statement_order(conn, speaker_id)
    n_pages = max(1, -(-len(order) // STATEMENTS_PER_PAGE))
    page = page or "1"
    number = n_pages if page == "last" else int(page) if page.isascii() and page.isdigit() else 0
    if not 1 <= number <= n_pages:
        return None
    shown = order[(number - 1) * STATEMENTS_PER_PAGE : number * STATEMENTS_PER_PAGE]
    by_article = """SELECT x.{field} AS value, x.article_id, a.outlet, a.title AS article_title, a.published
        FROM {table} x JOIN articles a ON a.id = x.article_id WHERE x.speaker_id = ?
        ORDER BY a.published IS NULL, a.published, a.outlet IS NULL, a.outlet, x.rowid"""
    aliases = _rows(conn, by_article.format(field="alias", table="speaker_aliases"), [speaker_id])
    titles = _rows(conn, by_article.format(field="title", table="speaker_titles"), [speaker_id])
    statements = _statements_of(conn, speaker_id, shown)
    outlets = _by_article(aliases, titles)
    if found[0]["kind"] == "anonymous":
        outlets = _described(conn, speaker_id, [g["id"] for g in statements if g["id"]])
    return {
        "speaker": found[0],
        "outlets": outlets,
        "statements": statements,
        "n_quotes": sum(g["n"] for g in order),
        "paging": {
            "page": number,
            "n_pages": n_pages,
            "n_statements": len(order),
            "first": (number - 1) * STATEMENTS_PER_PAGE + 1,
            "last": (number - 1) * STATEMENTS_PER_PAGE + len(shown),
        },
    }


def _statement_order(conn: sqlite3.Connection, speaker_id: str) -> list[Row]:
    """The speaker's statements as the page lists them: those quoted by most outlets first,
    then by how often the speaker said it, then by the time of its first version; quotes
    not grouped into a known statement last. Reads ids and dates only, not the quotes."""
    groups: dict[str | None, Row] = {}
    for sid, known, n_outlets in conn.execute(
        f"""SELECT q.statement_id, st.id IS NOT NULL, coalesce(st.n_outlets, 0)
            FROM quotes q JOIN articles a ON a.id = q.article_id
            LEFT JOIN statements st ON st.id = q.statement_id
            WHERE {SHOWN_KINDS} AND q.speaker_id = ? ORDER BY {TIME_ORDER}""",
        [speaker_id],
    ):
        group = groups.setdefault(sid, {"id": sid, "known": bool(known), "n_outlets": n_outlets})
        group["n"] = group.get("n", 0) + 1
    return sorted(groups.values(), key=lambda g: (not g["known"], -g["n_outlets"], -g["n"]))


def _described(conn: sqlite3.Connection, speaker_id: str, statement_ids: list[str]) -> list[Row]:
    """How each article describes an unnamed source: its own words, and other outlets' words
    for the sources of the same statements."""
    marks = ", ".join("?" * len(statement_ids))
    where = (
        f"q.speaker_id = ? OR q.statement_id IN ({marks})" if statement_ids else "q.speaker_id = ?"
    )
    rows = _rows(
        conn,
        f"""SELECT coalesce(q.speaker_mention, s.name) AS value, q.speaker_title AS title,
              q.article_id, a.outlet, a.title AS article_title, a.published
            FROM quotes q JOIN articles a ON a.id = q.article_id
            LEFT JOIN speakers s ON s.id = q.speaker_id
            WHERE ({where}) AND {SHOWN_KINDS} AND coalesce(q.speaker_mention, s.name) IS NOT NULL
            ORDER BY q.start""",
        [speaker_id, *statement_ids],
    )
    titles = [{**r, "value": r["title"]} for r in rows if r["title"]]
    # 'he', 'who': the words point at the source without describing it.
    named = [r for r in rows if name_key(r["value"]) not in PRONOUNS]
    return _by_article(named, titles)


def _statements_of(conn: sqlite3.Connection, speaker_id: str, shown: list[Row]) -> list[Row]:
    """The speaker's quotes of these statements (in this order), each group in time order."""
    ids = [g["id"] for g in shown if g["id"] is not None]
    marks = ", ".join("?" * len(ids))
    quotes = _rows(
        conn,
        f"""SELECT {_VERSION_COLUMNS} AND q.speaker_id = ? AND q.statement_id IN ({marks})
            ORDER BY {TIME_ORDER}""",
        [speaker_id, *ids],
    )
    if any(g["id"] is None for g in shown):
        quotes += _rows(
            conn,
            f"""SELECT {_VERSION_COLUMNS} AND q.speaker_id = ? AND q.statement_id IS NULL
                ORDER BY {TIME_ORDER} LIMIT ?""",
            [speaker_id, UNGROUPED_SHOWN],
        )
    by_statement: dict[str | None, list[Row]] = defaultdict(list)
    for quote in quotes:
        by_statement[quote["statement_id"]].append(quote)
    known = {
        row["id"]: row
        for row in _rows(
            conn,
            f"SELECT id, text, n_quotes, n_outlets, speaker_id FROM statements WHERE id IN ({marks})",
            ids,
        )
    }
    return [
        {
            "statement": known.get(g["id"]) if g["id"] else None,
            "id": g["id"],
            "quotes": by_statement[g["id"]],
            "n_more": g["n"] - len(by_statement[g["id"]]),
        }
        for g in shown
    ]


def statement_page(conn: sqlite3.Connection, statement_id: str) -> Row | None:
    """The reference wording, each version in time order, and which articles copy which."""
    found = _rows(
        conn,
        """SELECT st.id, st.text, st.speaker_id, st.n_quotes, st.n_outlets, st.first_published,
             st.last_published, st.reference_quote_id, s.name AS speaker_name,
             s.kind AS speaker_kind, a.outlet AS reference_outlet,
             a.credited_source AS reference_credited_source, a.id AS reference_article_id,
             a.title AS reference_article_title
           FROM statements st
           LEFT JOIN speakers s ON s.id = st.speaker_id
           LEFT JOIN quotes r ON r.id = st.reference_quote_id
           LEFT JOIN articles a ON a.id = r.article_id
           WHERE st.id = ?""",
        [statement_id],
    )
    if not found:
        return None
    versions = _rows(
        conn,
        f"SELECT {_VERSION_COLUMNS} AND q.statement_id = ? ORDER BY {TIME_ORDER}",
        [statement_id],
    )
    article_ids = sorted({v["article_id"] for v in versions})
    return {
        "statement": found[0],
        "versions": versions,
        "changed": sorted(
            (v for v in versions if v["misquote"] or v["attribution_changed"]),
            key=lambda v: not v["misquote"],
        ),
        "reuse": reuse_among(conn, article_ids),
    }


def reuse_among(conn: sqlite3.Connection, article_ids: list[str]) -> list[Row]:
    """Which of these articles rewrite which, strongest first."""
    if len(article_ids) < 2:
        return []
    marks = ", ".join("?" * len(article_ids))
    return _rows(
        conn,
        f"""SELECT r.article_id, a.outlet, a.credited_source, a.title AS article_title,
              r.source_article_id, src.outlet AS source_outlet,
              src.credited_source AS source_credited_source, src.title AS source_title,
              r.score, r.shared_statements, r.direction
            FROM article_reuse r
            JOIN articles a ON a.id = r.article_id
            JOIN articles src ON src.id = r.source_article_id
            WHERE r.article_id IN ({marks}) AND r.source_article_id IN ({marks})
            ORDER BY r.score DESC""",
        [*article_ids, *article_ids],
    )


def home_page(conn: sqlite3.Connection, limit: int = 8) -> Row:
    """Entry points: the most quoted speakers, the statements most outlets carry, misquotes."""
    # Counted on the index quotes(speaker_id, kind, outlet, article_id) alone, outlets
    # only for the speakers shown, not by joining every quote to its article.
    speakers = _rows(
        conn,
        f"""SELECT top.*, (SELECT count(DISTINCT coalesce(q.outlet, q.article_id)) FROM quotes q
              WHERE q.speaker_id = top.id AND {SHOWN_KINDS}) AS n_outlets
            FROM (SELECT s.id, s.name, s.kind, c.n_quotes
              FROM (SELECT q.speaker_id, count(*) AS n_quotes FROM quotes q
                WHERE {SHOWN_KINDS} AND q.speaker_id IS NOT NULL GROUP BY q.speaker_id) c
              JOIN speakers s ON s.id = c.speaker_id
              WHERE s.kind IN ('person', 'organization')
              ORDER BY c.n_quotes DESC, s.name LIMIT ?) top""",
        [limit],
    )
    statements = _rows(
        conn,
        """SELECT st.id, st.text, st.n_outlets, st.n_quotes, s.name AS speaker_name, st.speaker_id
           FROM statements st LEFT JOIN speakers s ON s.id = st.speaker_id
           WHERE st.n_quotes > 1
           ORDER BY st.n_outlets DESC, st.n_quotes DESC, st.id LIMIT ?""",
        [limit],
    )
    misquotes = _rows(
        conn,
        f"SELECT {_VERSION_COLUMNS} AND q.misquote = 1 ORDER BY q.similarity, {TIME_ORDER} LIMIT ?",
        [limit],
    )
    counts = _rows(
        conn,
        f"""SELECT (SELECT count(*) FROM articles) AS articles,
              (SELECT count(*) FROM quotes q WHERE {SHOWN_KINDS}) AS quotes,
              (SELECT count(*) FROM speakers) AS speakers,
              (SELECT count(*) FROM statements) AS statements""",
        [],
    )[0]
    return {
        "speakers": speakers,
        "statements": statements,
        "misquotes": misquotes,
        "counts": counts,
    }
