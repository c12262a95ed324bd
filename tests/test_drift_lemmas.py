"""Drift's lemmas come from the extraction parse: a fresh build parses nothing twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlite_utils

from quotes.articles import Article
from quotes.drift import apply_drift
from quotes.drift import lemmas as drift_lemmas
from quotes.drift.features import SpacyLemmatizer, build_features, model_name
from quotes.drift.lemmas import TABLE, _key
from quotes.drift.lexicon import load_lexicon
from quotes.drift.text import sentence_ranges, tokenize
from quotes.nlp import load_pipeline
from quotes.runner import Analysis, analyse, analyse_articles

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ONE_SENTENCE = 'Rasool said the strikes were "a blatant assassination" of two commanders.'
PARAGRAPHS = (
    "The ministry condemned the raid on Tuesday.\n"
    'Rasool told reporters that the strikes were "a blatant assassination".'
)


def standalone(text: str) -> list[list]:
    """What drift computes for `text` when it tags it on its own (as JSON gives it back)."""
    [note] = SpacyLemmatizer().annotate([text], [tokenize(text)])
    return json.loads(json.dumps(note))


def rows_by_text(text: str, analysis: Analysis) -> dict[str, list]:
    """The annotation of each quote and sentence of `text`, by the text annotated."""
    spans = [(q.start, q.end) for q in analysis.quotes] + sentence_ranges(text)
    model = model_name(load_pipeline())
    stored = {row["key"]: json.loads(row["annotations"]) for row in analysis.lemmas}
    return {text[a:b]: stored[_key(text[a:b], model)] for a, b in spans}


def test_an_article_comes_with_the_annotations_of_its_quotes_and_sentences():
    [analysis] = analyse(load_pipeline(), [ONE_SENTENCE], lemmas=True)
    assert isinstance(analysis, Analysis)
    quoted = [q.text for q in analysis.quotes]
    assert "a blatant assassination" in " ".join(quoted)
    notes = rows_by_text(ONE_SENTENCE, analysis)
    assert set(notes) == {ONE_SENTENCE, *quoted}
    assert len(analysis.lemmas) == len(notes)  # one row per distinct text
    # The sentence is the whole text: the parse is the one drift would make on its own.
    assert notes[ONE_SENTENCE] == standalone(ONE_SENTENCE)
    lemmas = [lemma for lemma, _, _ in notes[ONE_SENTENCE]]
    assert lemmas[:5] == ["rasool", "say", "the", "strike", "be"]
    for quote in quoted:
        assert len(notes[quote]) == len(tokenize(quote))


def test_without_lemmas_nothing_is_annotated():
    [analysis] = analyse(load_pipeline(), [ONE_SENTENCE])
    assert isinstance(analysis, Analysis)
    assert analysis.quotes
    assert analysis.lemmas == []


def test_a_long_text_is_annotated_piece_by_piece_at_the_right_offsets(monkeypatch):
    nlp = load_pipeline()
    monkeypatch.setattr(nlp, "max_length", len(PARAGRAPHS) - 1)  # two pieces
    [analysis] = analyse(nlp, [PARAGRAPHS], lemmas=True)
    assert isinstance(analysis, Analysis)
    notes = rows_by_text(PARAGRAPHS, analysis)
    second = PARAGRAPHS.split("\n")[1]
    # The second piece is exactly the second paragraph, parsed on its own.
    assert notes[second] == standalone(second)
    assert [lemma for lemma, _, _ in notes[second]][:3] == ["rasool", "tell", "reporter"]


def test_worker_processes_give_the_same_annotations():
    articles = [
        Article(text=text, path=f"{k}.txt") for k, text in enumerate([ONE_SENTENCE, PARAGRAPHS])
    ]
    one = [found for _, found in analyse_articles(load_pipeline(), articles, lemmas=True)]
    two = [found for _, found in analyse_articles(load_pipeline(), articles, jobs=2, lemmas=True)]
    assert one == two
    assert all(isinstance(found, Analysis) and found.lemmas for found in one)


@pytest.fixture(scope="module")
def fresh_build(tmp_path_factory):
    """The seeds built into a new database, with the `tagged` count of every drift run."""
    from quotes.build import build_database

    tagged: list[int] = []
    prune = drift_lemmas.CachedLemmatizer.prune

    def counting(self):
        tagged.append(self.tagged)
        prune(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(drift_lemmas.CachedLemmatizer, "prune", counting)
        path = tmp_path_factory.mktemp("lemmas") / "q.db"
        build_database([str(SEEDS)], str(path))
    return sqlite_utils.Database(path), tagged


def test_a_fresh_build_tags_no_text_for_drift(fresh_build):
    db, tagged = fresh_build
    assert tagged and set(tagged) == {0}
    # reactions are no statements: drift never reads them, so their rows are pruned
    texts = {row["text"] for row in db.query("SELECT text FROM quotes WHERE kind != 'reaction'")}
    for row in db.query("SELECT text FROM articles"):
        texts |= {row["text"][a:b] for a, b in sentence_ranges(row["text"])}
    model = model_name(load_pipeline())
    assert {row["key"] for row in db[TABLE].rows} == {_key(text, model) for text in texts}


def test_drift_from_the_parse_matches_drift_from_tagging_each_text_alone(fresh_build, tmp_path):
    """Tags given in the article's context differ from tagging a text alone only for a word
    here and there: no statement, class or rewrite changes, similarities by at most 0.01."""
    db, _ = fresh_build
    copy = sqlite_utils.Database(tmp_path / "alone.db")
    db.conn.backup(copy.conn)
    copy.execute(f"DELETE FROM [{TABLE}]")
    copy.conn.commit()
    apply_drift(copy)
    sql = (
        "SELECT id, statement_id, drift_class, misquote, attribution_changed, similarity "
        "FROM quotes ORDER BY id"
    )
    parsed, alone = list(db.execute(sql).fetchall()), list(copy.execute(sql).fetchall())
    assert [row[:5] for row in parsed] == [row[:5] for row in alone]
    assert all(
        (a[5] is None and b[5] is None) or abs(a[5] - b[5]) <= 0.01
        for a, b in zip(parsed, alone, strict=True)
    )
    reuse = "SELECT * FROM article_reuse ORDER BY article_id, source_article_id"
    assert db.execute(reuse).fetchall() == copy.execute(reuse).fetchall()


def test_a_changed_article_brings_its_annotations_and_stale_ones_go(tmp_path, monkeypatch):
    from quotes.build import build_database

    tagged: list[int] = []
    prune = drift_lemmas.CachedLemmatizer.prune

    def counting(self):
        tagged.append(self.tagged)
        prune(self)

    monkeypatch.setattr(drift_lemmas.CachedLemmatizer, "prune", counting)
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(PARAGRAPHS, encoding="utf-8")
    (folder / "b.txt").write_text(ONE_SENTENCE, encoding="utf-8")
    path = str(tmp_path / "q.db")
    build_database([str(folder)], path)
    changed = "The embassy said it was studying the report.\n" + PARAGRAPHS.split("\n")[1]
    (folder / "a.txt").write_text(changed, encoding="utf-8")
    build_database([str(folder)], path)
    assert tagged and set(tagged) == {0}
    model = model_name(load_pipeline())
    db = sqlite_utils.Database(path)
    # reactions are no statements: drift never reads them, so their rows are pruned
    texts = {row["text"] for row in db.query("SELECT text FROM quotes WHERE kind != 'reaction'")}
    texts |= {*changed.split("\n"), ONE_SENTENCE}
    assert {row["key"] for row in db[TABLE].rows} == {_key(text, model) for text in texts}


class _StoredRows:
    """A lemmatizer that answers from an analysis' rows, as drift reads them from the table."""

    def __init__(self, analysis: Analysis) -> None:
        self.model = model_name(load_pipeline())
        self.rows = {row["key"]: json.loads(row["annotations"]) for row in analysis.lemmas}

    def annotate(self, texts, tokens):
        return [
            [(lemma, bool(c), bool(e)) for lemma, c, e in self.rows[_key(text, self.model)]]
            for text in texts
        ]


def test_an_article_comes_with_the_features_drift_makes_of_its_rows():
    [analysis] = analyse(load_pipeline(), [PARAGRAPHS], lemmas=True)
    assert isinstance(analysis, Analysis)
    direct = {q.text: q.type == "direct" for q in analysis.quotes}
    sentences = [PARAGRAPHS[a:b] for a, b in sentence_ranges(PARAGRAPHS)]
    expected = [*direct.items(), *((s, False) for s in sentences)]
    assert sorted(analysis.features) == sorted(expected)
    lexicon = load_lexicon()
    rebuilt = build_features(list(analysis.features), _StoredRows(analysis), lexicon)
    assert list(analysis.features.values()) == rebuilt


def test_a_build_gives_drift_only_features_of_rows_it_stored(tmp_path):
    """A text the table held before keeps that annotation: its features are drift's to make."""
    from quotes.build import _unstored_lemmas

    db = sqlite_utils.Database(tmp_path / "q.db")
    [analysis] = analyse(load_pipeline(), [ONE_SENTENCE], lemmas=True)
    assert isinstance(analysis, Analysis)
    assert _unstored_lemmas(db, analysis.lemmas) == {r["key"] for r in analysis.lemmas}
    db[TABLE].insert_all(analysis.lemmas[:1], pk="key")
    assert _unstored_lemmas(db, analysis.lemmas) == {r["key"] for r in analysis.lemmas[1:]}
