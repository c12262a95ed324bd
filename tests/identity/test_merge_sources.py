"""Cross-article merging of described sources (issue 8, item 3), on hand-built rows."""

from __future__ import annotations

import pytest

from quotes import merge
from quotes.db import open_database
from quotes.identity import described_alike
from quotes.merge import DescribedSource, merge_round, same_source


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [
        ("anonymous member of Iraq's Parliament", "lawmaker", True),
        ("member of Iraq's Parliament", "legislator", True),
        ("Iraqi government official", "Iraqi government representative", True),
        ("Iraq army official", "official from the Iraq army", True),
        (
            "representative from the Iraqi Armed Forces",
            "spokesperson for the Iraqi Armed Forces",
            True,
        ),
        # different roles, or qualifiers that exclude each other
        ("Iraq army official", "spokesperson for the Iraqi Armed Forces", False),
        ("member of Iraq's Parliament", "member of Iran's Parliament", False),
        ("Iraqi government official", "lawmaker", False),
        ("crowd in attendance", "crowd in attendance", False),
    ],
)
def test_descriptions_alike(a, b, alike):
    assert described_alike(a, b) is alike
    assert described_alike(b, a) is alike


def _db(tmp_path, speakers, quotes):
    """speakers: (id, name, kind, description); quotes: (id, article, speaker, statement)."""
    db = open_database(str(tmp_path / "t.db"))
    for article in sorted({q[1] for q in quotes}):
        db["articles"].insert(
            {"id": article, "path": f"{article}.txt", "text": "x", "sha256": article}
        )
    db["statements"].insert_all(
        [{"id": s, "text": s} for s in sorted({q[3] for q in quotes if q[3]})], pk="id"
    )
    db["speakers"].insert_all(
        [{"id": i, "name": n, "kind": k, "description": d} for i, n, k, d in speakers], pk="id"
    )
    for quote_id, article, speaker, statement in quotes:
        db["quotes"].insert(
            {
                "id": quote_id,
                "article_id": article,
                "speaker_id": speaker,
                "type": "direct",
                "kind": "speech",
                "text": quote_id,
                "start": 0,
                "end": 1,
                "statement_id": statement,
            }
        )
        db["speaker_aliases"].insert(
            {"speaker_id": speaker, "alias": f"alias of {speaker}", "article_id": article},
            ignore=True,
        )
    return db


MP_A = ("mp-a", "anonymous member of Iraq's Parliament", "anonymous", "Unnamed source in A")
MP_B = ("mp-b", "anonymous member of Iraq's Parliament", "anonymous", "Unnamed source in B")
LAWMAKER_B = ("lawmaker-b", "lawmaker", "anonymous", "Unnamed source in B")
OFFICIAL_B = ("official-b", "Iraqi government official", "anonymous", "Unnamed source in B")


@pytest.mark.parametrize(
    ("speakers", "quotes", "rows"),
    [
        # two articles render one statement: one source
        (
            [MP_A, LAWMAKER_B],
            [("q1", "a", "mp-a", "s1"), ("q2", "b", "lawmaker-b", "s1")],
            {"mp-a": "Unnamed source in A, B"},
        ),
        # the same description but no common statement: two sources
        (
            [MP_A, MP_B],
            [("q1", "a", "mp-a", "s1"), ("q2", "b", "mp-b", "s2")],
            {"mp-a": "Unnamed source in A", "mp-b": "Unnamed source in B"},
        ),
        # a common statement but unlike descriptions: two sources
        (
            [MP_A, OFFICIAL_B],
            [("q1", "a", "mp-a", "s1"), ("q2", "b", "official-b", "s1")],
            {"mp-a": "Unnamed source in A", "official-b": "Unnamed source in B"},
        ),
        # chains: A~B by one statement, B~B' by another
        (
            [MP_A, MP_B, LAWMAKER_B],
            [
                ("q1", "a", "mp-a", "s1"),
                ("q2", "b", "mp-b", "s1"),
                ("q3", "a", "mp-a", "s2"),
                ("q4", "b", "lawmaker-b", "s2"),
                ("q5", "a", "mp-a", "s3"),
            ],
            {"mp-a": "Unnamed source in A, B"},
        ),
    ],
)
def test_merging_needs_a_shared_statement_and_a_like_description(tmp_path, speakers, quotes, rows):
    db = _db(tmp_path, speakers, quotes)
    merged = merge_round(db)
    assert sorted(merged) == sorted(s[0] for s in speakers if s[0] not in rows)
    assert {r["id"]: r["description"] for r in db["speakers"].rows} == rows
    assert {r["speaker_id"] for r in db["quotes"].rows} == set(rows)
    assert {r["speaker_id"] for r in db["speaker_aliases"].rows} == set(rows)
    if merged:
        aliases = {r["alias"] for r in db["speaker_aliases"].rows}
        assert {s[1] for s in speakers if s[0] not in rows} <= aliases
        assert merge_round(db) == []


def test_only_rows_rendering_a_common_statement_are_compared(monkeypatch):
    # 60 rows described alike; row k renders statements k and k + 1 (a chain), and the
    # last 20 render statements of their own: two groups, from 59 + 0 comparisons.
    sources = [
        DescribedSource(f"r{k}", "a lawmaker", "anonymous", None, frozenset({k, k + 1}), k % 3)
        for k in range(40)
    ]
    sources += [
        DescribedSource(f"r{k}", "a lawmaker", "anonymous", None, frozenset({100 + k}), 1)
        for k in range(40, 60)
    ]
    compared = []

    def counted(a, b):
        compared.append((a.id, b.id))
        return same_source(a, b)

    monkeypatch.setattr(merge, "same_source", counted)
    groups = merge.group_sources(sources)
    assert [[s.id for s in g] for g in groups] == [
        [f"r{k}" for k in range(40) if k % 3 == 2]
        + [f"r{k}" for k in range(40) if k % 3 == 1]
        + [f"r{k}" for k in range(40) if k % 3 == 0]
    ]
    assert sorted(compared) == sorted((f"r{k}", f"r{k + 1}") for k in range(39))
