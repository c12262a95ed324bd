"""Rewrite the generated blocks of docs/*.md from a build of seeds/.

    .venv/bin/python docs/figures.py

Each generated block sits between `<!-- figures:NAME -->` and `<!-- /figures:NAME -->`;
everything else in the docs is left alone. tests/publishing/test_publish_docs.py fails
when a block differs from what a fresh build gives.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCS = [REPO / "docs" / "publishing.md", REPO / "docs" / "drift.md"]
BLOCK = re.compile(
    r"(<!-- figures:(?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- /figures:(?P=name) -->)", re.S
)
EXTRACT_EXAMPLE = '"We will rebuild the bridge," Mayor Jane Smith said on Monday.'


def _rows(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
    conn.row_factory = sqlite3.Row
    return conn.execute(sql, params).fetchall()


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def build_output(conn: sqlite3.Connection) -> str:
    from quotes.build import summary_line

    last = dict(_rows(conn, "SELECT * FROM builds ORDER BY id DESC LIMIT 1")[0])
    return (
        "```\n$ quotes build seeds --db quotes.db\n"
        f"{summary_line(last, None)}\n"
        "$ quotes serve --db quotes.db\n"
        "Serving quotes.db at http://127.0.0.1:8001/ (Ctrl+C to stop)\n```\n"
    )


def extract_response(conn: sqlite3.Connection) -> str:
    from quotes import extract

    body = {"quotes": [q.to_json(None) for q in extract(EXTRACT_EXAMPLE)]}
    request = json.dumps({"text": EXTRACT_EXAMPLE}).replace("'", "'\\''")
    return (
        "```sh\ncurl -s http://127.0.0.1:8001/-/quotes/extract \\\n"
        "  -H 'Content-Type: application/json' \\\n"
        f"  -d '{request}'\n```\n\n```json\n{json.dumps(body, ensure_ascii=False)}\n```\n"
    )


def seed_articles(conn: sqlite3.Connection) -> str:
    lines = [
        "| file | outlet (publisher) | credited source | published | quotes |",
        "| --- | --- | --- | --- | ---: |",
    ]
    for r in _rows(
        conn,
        "SELECT path, outlet, credited_source, published, n_quotes FROM articles ORDER BY path",
    ):
        name = Path(r["path"]).name
        lines.append(
            f"| `{name}` | {r['outlet'] or '(unknown outlet)'} | {r['credited_source'] or '—'} "
            f"| {r['published'] or '—'} | {r['n_quotes']} |"
        )
    return "\n".join(lines) + "\n"


def _article_label(conn: sqlite3.Connection, article_id: str) -> str:
    r = _rows(
        conn, "SELECT path, outlet, credited_source FROM articles WHERE id = ?", (article_id,)
    )[0]
    credits = f"; credits {r['credited_source']}" if r["credited_source"] else ""
    return f"`{Path(r['path']).name[:3]}` ({r['outlet'] or 'outlet unknown'}{credits})"


def seed_drift(conn: sqlite3.Connection) -> str:
    statement = _rows(
        conn,
        "SELECT id, n_quotes, n_outlets FROM statements WHERE speaker_id = 'yehia-rasool' "
        "AND text LIKE 'conducted a blatant assassination%'",
    )[0]
    classes = Counter(
        r["drift_class"]
        for r in _rows(
            conn, "SELECT drift_class FROM quotes WHERE statement_id = ?", (statement["id"],)
        )
    )
    totals = _rows(
        conn,
        "SELECT (SELECT count(*) FROM statements) n, "
        "(SELECT count(*) FROM statements WHERE n_quotes > 1) shared",
    )[0]
    misquotes = [
        f"{_article_label(conn, r['article_id'])}: “{r['text']}”, given to "
        f"{r['speaker_mention']}{' (attribution changed)' if r['attribution_changed'] else ''}"
        for r in _rows(
            conn,
            "SELECT article_id, text, speaker_mention, attribution_changed FROM quotes "
            "WHERE misquote = 1 ORDER BY (SELECT path FROM articles a WHERE a.id = article_id), start",
        )
    ]
    reuse = [
        f"{_article_label(conn, r['article_id'])} rewrites {_article_label(conn, r['source_article_id'])} "
        f"(score {r['score']}, direction `{r['direction']}`)"
        for r in _rows(
            conn,
            "SELECT r.* FROM article_reuse r JOIN articles a ON a.id = r.article_id ORDER BY a.path",
        )
    ]
    by_class = ", ".join(
        f"{n} {c}" for c, n in sorted(classes.items(), key=lambda x: (-x[1], x[0]))
    )
    return (
        f"On the seeds: {_plural(totals['n'], 'statement')}, {totals['shared']} of them quoted more "
        f'than once. Rasool\'s "blatant assassination" statement gathers '
        f"{_plural(statement['n_quotes'], 'quote')} from {statement['n_outlets']} outlets "
        f"({by_class}).\n\nMisquotes:\n\n"
        + "".join(f"- {m}\n" for m in misquotes)
        + "\n`article_reuse`:\n\n"
        + "".join(f"- {r}\n" for r in reuse)
    )


GENERATORS: dict[str, Callable[[sqlite3.Connection], str]] = {
    "build-output": build_output,
    "extract-response": extract_response,
    "seed-articles": seed_articles,
    "seed-drift": seed_drift,
}


def blocks(db_path: str | Path) -> dict[str, str]:
    """Every generated block's text, from the database a build of seeds/ wrote."""
    with closing(sqlite3.connect(db_path)) as conn:
        return {name: make(conn) for name, make in GENERATORS.items()}


def rewrite(text: str, generated: dict[str, str]) -> str:
    """`text` with each marked block replaced by its generated text."""
    return BLOCK.sub(lambda m: m.group(1) + generated[m.group("name")] + m.group(4), text)


def main() -> int:
    from quotes.build import build_database

    with tempfile.TemporaryDirectory() as work:
        shutil.copytree(REPO / "seeds", Path(work) / "seeds")
        db_path = Path(work) / "quotes.db"
        build_database([str(Path(work) / "seeds")], str(db_path))
        generated = blocks(db_path)
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        new = rewrite(text, generated)
        if new != text:
            doc.write_text(new, encoding="utf-8")
            print(f"rewrote {doc.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
