"""Drift tracking on the five seed articles: one story, two machine rewrites of CBS News' report.

The quotes come from the extractor (`quotes.extract`); the expectations are the issue's.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import quotes
from quotes.drift import apply_drift
from quotes.drift.features import SpacyLemmatizer
from quotes.drift.pipeline import DriftMemo, track_drift
from quotes.drift.records import ArticleRecord, QuoteRecord, from_extracted
from quotes.drift.store import read_titles
from quotes.drift.titles import speakers_with_title_drift

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seeds():
    articles, records = [], []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        article_id = path.name[:3]
        articles.append(ArticleRecord(article_id, text, outlet=article_id))
        found = from_extracted(article_id, quotes.extract(text))
        records += found
    result = track_drift(articles, records, SpacyLemmatizer())
    return records, result


def find(seeds, article: str, words: str) -> QuoteRecord:
    """The one quote of `article` holding `words`."""
    records, _ = seeds
    hits = [q for q in records if q.article_id == article and words.lower() in q.text.lower()]
    assert hits, f"no quote in {article} holds {words!r}"
    return min(hits, key=lambda q: len(q.text))


def drift(seeds, article: str, words: str):
    return seeds[1].quotes[find(seeds, article, words).id]


FULL_ASSASSINATION = ("004", "conducted a blatant assassination through an airstrike")


@pytest.mark.parametrize(
    ("article", "words", "expected", "attribution_changed"),
    [
        ("003", "conducted a blatant assassination", "excerpt", False),
        ("003", "no regard for civilian lives or international laws", "excerpt", False),
        ("001", "clear act of assassination", "altered", True),
        ("000", "disregarding civilian lives and international laws", "paraphrase", False),
        ("002", "a blatant assassination", "reattributed", True),
        ("000", "blatant assassination", "reattributed", True),
    ],
)
def test_renderings_of_the_assassination_statement(
    seeds, article, words, expected, attribution_changed
):
    reference = drift(seeds, *FULL_ASSASSINATION)
    version = drift(seeds, article, words)
    assert reference.drift_class == "reference"
    assert version.statement_id == reference.statement_id
    assert version.drift_class == expected
    assert version.attribution_changed is attribution_changed


@pytest.mark.parametrize(
    ("direct", "indirect"),
    [
        (
            ("003", "Regional resistance factions do not receive orders"),
            ("001", "not instructed by Iran"),
        ),
        (("003", "no indications of collateral damage"), ("001", "no evidence of harm")),
    ],
)
def test_paraphrases_join_the_direct_quote(seeds, direct, indirect):
    reference, paraphrase = drift(seeds, *direct), drift(seeds, *indirect)
    assert paraphrase.statement_id == reference.statement_id
    assert paraphrase.drift_class == "paraphrase"
    assert not paraphrase.misquote


def test_rasools_three_statements_stay_apart(seeds):
    starts = ["By this act", "Even more concerning", "This trajectory compels"]
    ids = {drift(seeds, "004", words).statement_id for words in starts}
    assert len(ids) == 3
    assert drift(seeds, *FULL_ASSASSINATION).statement_id not in ids


def test_misquotes_are_the_two_altered_quotations(seeds):
    records, result = seeds
    flagged = {q.id for q in records if result.quotes[q.id].misquote}
    expected = {
        find(seeds, "003", "become a factor of instability").id,
        find(seeds, "001", "clear act of assassination").id,
    }
    assert flagged == expected
    factor = drift(seeds, "003", "become a factor of instability")
    assert factor.statement_id == drift(seeds, "004", "This trajectory compels").statement_id
    assert "<del>for</del> <ins>of</ins>" in factor.diff_html


def test_no_verbatim_piece_is_a_misquote(seeds):
    for d in seeds[1].quotes.values():
        assert d.misquote == (d.drift_class == "altered")


def test_rewrites_of_the_cbs_report(seeds):
    pairs = {(r.article_id, r.source_article_id) for r in seeds[1].reuse}
    assert pairs == {("000", "003"), ("001", "003")}
    for reuse in seeds[1].reuse:
        assert reuse.direction == "fuller" and reuse.shared_statements >= 2


def test_a_memo_carried_over_after_speakers_merge_changes_nothing(seeds):
    """Drift rerun with the first run's memo (as after a merge of sources) gives what a
    fresh run gives, though the speakers changed in between."""
    records, _ = seeds
    articles = [
        ArticleRecord(p.name[:3], p.read_text(encoding="utf-8"), outlet=p.name[:3])
        for p in sorted(SEEDS.glob("*.txt"))
    ]
    lemmatizer, memo = SpacyLemmatizer(), DriftMemo()
    track_drift(articles, records, lemmatizer, memo=memo)
    assert memo.features and memo.sentences
    merged = records[0].speaker
    renamed = [replace(q, speaker=merged) if q.speaker.kind == "anonymous" else q for q in records]
    assert renamed != records
    assert track_drift(articles, renamed, lemmatizer, memo=memo) == track_drift(
        articles, renamed, lemmatizer
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The seeds built into a database by `quotes build` (which calls apply_drift)."""
    from quotes.build import build_database

    path = str(tmp_path_factory.mktemp("drift") / "seeds.db")
    build_database([str(SEEDS)], path)
    import sqlite_utils

    return sqlite_utils.Database(path)


def _drift_rows(db):
    return (
        list(db.query("SELECT * FROM statements ORDER BY id")),
        list(
            db.query(
                "SELECT id, kind, statement_id, drift_class, similarity, diff_json, diff_html, misquote, attribution_changed FROM quotes ORDER BY id"
            )
        ),
        list(db.query("SELECT * FROM article_reuse ORDER BY article_id, source_article_id")),
    )


def test_build_fills_the_drift_tables(built):
    statements, rows, reuse = _drift_rows(built)
    # Reactions ("condemned the strike") are not statements: no statement, no drift.
    assert statements and all(r["statement_id"] for r in rows if r["kind"] != "reaction")
    reactions = [r for r in rows if r["kind"] == "reaction"]
    assert reactions and not any(r["statement_id"] or r["drift_class"] for r in reactions)
    assert {r["drift_class"] for r in rows} >= {
        "reference",
        "excerpt",
        "paraphrase",
        "reattributed",
        "altered",
    }
    paths = {r["id"]: r["path"] for r in built.query("SELECT id, path FROM articles")}
    pairs = {
        (Path(paths[r["article_id"]]).name[:3], Path(paths[r["source_article_id"]]).name[:3])
        for r in reuse
    }
    assert pairs == {("000", "003"), ("001", "003")}
    misquoted = [r["text"] for r in built.query("SELECT text FROM quotes WHERE misquote = 1")]
    assert any("become a factor of instability" in text for text in misquoted)
    assert any("clear act of assassination" in text for text in misquoted)


def test_apply_drift_is_idempotent(built):
    before = _drift_rows(built)
    summary = apply_drift(built)
    assert _drift_rows(built) == before
    assert summary.statements == len(before[0]) and summary.reuse_pairs == 2


def test_title_drift_is_queryable_per_speaker(built):
    rasool = [r["id"] for r in built.query("SELECT id FROM speakers WHERE name LIKE '%Rasool%'")]
    assert rasool and rasool[0] in speakers_with_title_drift(read_titles(built))
