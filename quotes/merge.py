"""One speaker row per described source across articles, once statements are known.

Unnamed sources are written per article (quotes.speakers): "a lawmaker" in one story
and "a member of Iraq's Parliament" in another may be two people. They are one when
the articles describe them alike (quotes.identity.described_alike) AND render at least
one common statement (quotes.drift). This pass runs after drift and merges such rows,
keeping every description as an alias; sources that merely share a description stay
apart.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import sqlite_utils

from .identity import described_alike, name_key

# Kinds of speaker rows that describe rather than name a source.
DESCRIBED_KINDS = ("anonymous", "group")
# The columns besides speaker_id of the tables keyed by speaker.
_KEYED_COLUMNS = {"speaker_aliases": "alias, article_id", "speaker_titles": "article_id, title"}


@dataclass(frozen=True)
class DescribedSource:
    """A described speaker row and the statements its quotes render."""

    id: str
    name: str
    kind: str
    description: str | None
    statements: frozenset[str]
    n_quotes: int


def _described_sources(db: sqlite_utils.Database) -> list[DescribedSource]:
    statements: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    for row in db.query("SELECT speaker_id, statement_id FROM quotes WHERE speaker_id IS NOT NULL"):
        counts[row["speaker_id"]] += 1
        if row["statement_id"]:
            statements[row["speaker_id"]].add(row["statement_id"])
    marks = ", ".join("?" * len(DESCRIBED_KINDS))
    rows = db.query(
        f"SELECT id, name, kind, description FROM speakers WHERE kind IN ({marks}) ORDER BY rowid",
        DESCRIBED_KINDS,
    )
    return [
        DescribedSource(
            r["id"],
            r["name"],
            r["kind"],
            r["description"],
            frozenset(statements[r["id"]]),
            counts[r["id"]],
        )
        for r in rows
    ]


def same_source(a: DescribedSource, b: DescribedSource) -> bool:
    """Named or described alike, of one kind, rendering at least one common statement."""
    return (
        a.kind == b.kind
        and bool(a.statements & b.statements)
        and (name_key(a.name) == name_key(b.name) or described_alike(a.name, b.name))
    )


def group_sources(sources: list[DescribedSource]) -> list[list[DescribedSource]]:
    """Sets of rows that are one source (union of pairwise matches), each of two or more,
    the row with most quotes first."""
    parent = list(range(len(sources)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Only rows rendering a common statement can be one source: each row meets those.
    rendering: dict[str, list[int]] = defaultdict(list)
    for i, source in enumerate(sources):
        for statement in source.statements:
            rendering[statement].append(i)
    for i, a in enumerate(sources):
        partners = {j for s in a.statements for j in rendering[s] if j > i}
        for j in sorted(partners):
            if find(i) != find(j) and same_source(a, sources[j]):
                parent[find(j)] = find(i)
    groups: dict[int, list[DescribedSource]] = defaultdict(list)
    for i, source in enumerate(sources):
        groups[find(i)].append(source)
    return [sorted(group, key=lambda s: -s.n_quotes) for group in groups.values() if len(group) > 1]


def _merge_rows(
    db: sqlite_utils.Database, keeper: DescribedSource, others: list[DescribedSource]
) -> None:
    """Point everything of `others` at `keeper`; their names stay as aliases."""
    for other in others:
        articles = [
            r["article_id"]
            for r in db.query(
                "SELECT DISTINCT article_id FROM quotes WHERE speaker_id = ?", [other.id]
            )
        ]
        db["speaker_aliases"].insert_all(
            (
                {"speaker_id": keeper.id, "alias": other.name, "article_id": article}
                for article in articles
            ),
            ignore=True,
        )
        for table in ("speaker_aliases", "speaker_titles"):
            columns = _KEYED_COLUMNS[table]
            db.execute(
                f"INSERT OR IGNORE INTO [{table}] (speaker_id, {columns}) "
                f"SELECT ?, {columns} FROM [{table}] WHERE speaker_id = ?",
                [keeper.id, other.id],
            )
            db[table].delete_where("speaker_id = ?", [other.id])
        for table in ("quotes", "statements"):
            db.execute(
                f"UPDATE [{table}] SET speaker_id = ? WHERE speaker_id = ?", [keeper.id, other.id]
            )
        db["speakers"].delete_where("id = ?", [other.id])
    db["speakers"].update(keeper.id, {"description": merged_description(keeper, others)})


# How quotes.speakers words an article-scoped row's description, before the article's name.
_DESCRIPTION_PREFIXES = ("Unnamed source in ", "Described, not named, in ")


def merged_description(keeper: DescribedSource, others: list[DescribedSource]) -> str | None:
    """ "Unnamed source in VisionFunds, CBS News": one phrase for the merged row."""
    descriptions = list(dict.fromkeys(s.description for s in (keeper, *others) if s.description))
    if not descriptions:
        return None
    prefix = next((p for p in _DESCRIPTION_PREFIXES if descriptions[0].startswith(p)), None)
    if prefix and all(d.startswith(prefix) for d in descriptions):
        return prefix + ", ".join(d[len(prefix) :] for d in descriptions)
    return "; ".join(descriptions)


def merge_described_sources(
    db: sqlite_utils.Database, *, model: str | None = None, max_rounds: int = 3, reuse: bool = True
) -> list[str]:
    """Merge described sources that are one source; returns the ids merged away.

    Statements are grouped by speaker, so drift runs again after a merge (until nothing
    more merges): the database then reads as if the merged rows had been one all along.
    `reuse` False leaves rewritten articles to `quotes.drift.apply_reuse`.
    """
    from .drift import apply_drift

    removed: list[str] = []
    for _ in range(max_rounds):
        merged = merge_round(db)
        if not merged:
            break
        removed += merged
        apply_drift(db, model, reuse=reuse)
    return removed


def merge_round(db: sqlite_utils.Database) -> list[str]:
    """One merge over the statements as they stand (no drift run); returns the ids merged away."""
    removed: list[str] = []
    with db.atomic():
        for group in group_sources(_described_sources(db)):
            _merge_rows(db, group[0], group[1:])
            removed += [source.id for source in group[1:]]
    return removed
