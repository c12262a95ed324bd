"""Incremental drift: a build that adds or changes articles ends as a full recompute would,
tags only texts it has not seen, and rewrites only the drift that changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import sqlite_utils

from quotes.build import build_database
from quotes.drift import apply_drift, apply_reuse
from quotes.drift.features import SimpleLemmatizer
from quotes.drift.lemmas import TABLE, CachedLemmatizer
from quotes.drift.text import tokenize

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def drift_state(path: Path) -> dict[str, list]:
    db = sqlite_utils.Database(path)
    state = {
        "quotes": db.execute(
            "SELECT id, statement_id, drift_class, similarity, diff_json, diff_html, misquote, "
            "attribution_changed FROM quotes ORDER BY id"
        ).fetchall(),
        "statements": db.execute("SELECT * FROM statements ORDER BY id").fetchall(),
        "reuse": db.execute("SELECT * FROM article_reuse ORDER BY 1, 2").fetchall(),
    }
    db.close()
    return state


def test_adding_articles_gives_the_full_recompute(tmp_path):
    files = sorted(str(p) for p in SEEDS.glob("*.txt"))
    full, incremental = tmp_path / "full.db", tmp_path / "incremental.db"
    build_database([str(SEEDS)], str(full))
    build_database(files[:3], str(incremental))
    build_database(files[3:], str(incremental))
    expected = drift_state(full)
    assert len(expected["statements"]) > 20
    kinds = dict(sqlite_utils.Database(full).execute("SELECT id, kind FROM quotes").fetchall())
    # every statement of speech or belief is grouped; reactions never are
    assert [q[0] for q in expected["quotes"] if (q[1] is None) != (kinds[q[0]] == "reaction")] == []
    assert drift_state(incremental) == expected


def test_changing_an_article_gives_the_full_recompute(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    incremental, full = tmp_path / "incremental.db", tmp_path / "full.db"
    build_database([str(folder)], str(incremental))
    changed = sorted(folder.glob("*.txt"))[2]
    paragraphs = changed.read_text(encoding="utf-8").split("\n\n")
    changed.write_text("\n\n".join(paragraphs[: len(paragraphs) // 2]), encoding="utf-8")
    build_database([str(changed)], str(incremental))
    build_database([str(folder)], str(full))
    assert drift_state(incremental) == drift_state(full)


def test_drift_run_again_rewrites_nothing(tmp_path):
    path = tmp_path / "q.db"
    build_database([str(SEEDS)], str(path))
    db = sqlite_utils.Database(path)
    before = db.conn.total_changes
    apply_drift(db)
    assert db.conn.total_changes == before


def test_drift_without_reuse_leaves_rewritten_articles_to_apply_reuse(tmp_path):
    path = tmp_path / "q.db"
    build_database([str(SEEDS)], str(path))
    expected = drift_state(path)
    assert len(expected["reuse"]) >= 2
    db = sqlite_utils.Database(path)
    lemma_rows = db[TABLE].count
    apply_drift(db, reuse=False)
    # the stored rows stay as they are, and so do the articles' sentence lemmas
    assert db["article_reuse"].count == len(expected["reuse"])
    assert db[TABLE].count == lemma_rows
    with db.conn:
        db.execute("DELETE FROM article_reuse")
    assert apply_reuse(db) == len(expected["reuse"])
    db.close()
    assert drift_state(path) == expected


class CountingLemmatizer(SimpleLemmatizer):
    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def annotate(self, texts, tokens):
        self.asked += list(texts)
        return super().annotate(texts, tokens)


def annotate(lemmatizer, texts):
    return lemmatizer.annotate(texts, [tokenize(t) for t in texts])


def test_cached_lemmatizer_tags_each_text_once_and_keeps_only_used_texts():
    db = sqlite_utils.Database(memory=True)
    texts = ["The ministers said so.", "Rasool denied it.", "The ministers said so."]
    inner = CountingLemmatizer()
    first = CachedLemmatizer(db, inner, "m")
    notes = annotate(first, texts)
    assert notes == annotate(SimpleLemmatizer(), texts)
    assert inner.asked == texts[:2]
    first.prune()
    assert db[TABLE].count == 2

    second = CachedLemmatizer(db, inner, "m")
    later = ["Rasool denied it.", "New words here."]
    assert annotate(second, later) == annotate(SimpleLemmatizer(), later)
    assert inner.asked == [*texts[:2], "New words here."]
    assert second.tagged == 1
    second.prune()  # "The ministers said so." was not used by this run
    assert db[TABLE].count == 2

    other_model = CachedLemmatizer(db, inner, "another model")
    annotate(other_model, ["New words here."])
    assert inner.asked[-1] == "New words here."
    assert other_model.tagged == 1
