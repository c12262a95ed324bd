"""Finding tokens by attribute value (quotes.doc_cache), on constructed Docs."""

from __future__ import annotations

import pytest
from constructed_docs import SAID_THAT, make_doc

from quotes.doc_cache import analysing, positions_where, tokens_where
from quotes.rules import load_rules

RULES = load_rules()


@pytest.mark.parametrize(
    ("attr", "accept", "positions"),
    [
        ("LEMMA", RULES.may_cue, [2]),  # "said", by its lemma "say"
        ("LEMMA", "tax", [4]),
        ("ORTH", ".", [7]),
        ("LOWER", "the", [0]),
        ("DEP", "ccomp", [6]),
        ("DEP", "appos", []),  # none in the sentence
        ("ORTH", "The mayor", []),  # one token's word, never a phrase
    ],
)
def test_positions_where_finds_exactly_the_matching_tokens(attr, accept, positions):
    doc = make_doc(SAID_THAT)
    assert positions_where(doc, attr, accept) == positions
    with analysing(doc):
        assert positions_where(doc, attr, accept) == positions


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [(0, 8, ["The", "taxes"]), (1, 5, ["taxes"]), (5, 8, []), (0, 1, ["The"])],
)
def test_tokens_where_keeps_to_the_span_inside_and_outside_an_analysis(start, end, words):
    doc = make_doc(SAID_THAT)

    def found() -> list[str]:
        return [t.text for t in tokens_where(doc[start:end], "LEMMA", {"the", "tax"}.__contains__)]

    assert found() == words
    with analysing(doc):
        assert found() == words


def test_an_inner_analysis_of_the_same_doc_reuses_the_outer_one():
    doc = make_doc(SAID_THAT)
    with analysing(doc):
        first = positions_where(doc, "ORTH", ".")
        with analysing(doc):
            assert positions_where(doc, "ORTH", ".") is first


@pytest.mark.parametrize(
    ("lemma", "may_cue"),
    [
        ("say", True),  # a speech verb
        ("Say", True),  # lemmas compare in lower case
        ("point", True),  # only in a phrasal verb ("point out")
        ("criticism", True),  # a learned noun frame ("noun:criticism")
        ("confident", True),  # a belief adjective
        ("table", False),
        ("according", False),  # found by its word, not its lemma (quotes.cues)
    ],
)
def test_may_cue_names_every_word_a_cue_rule_can_take(lemma, may_cue):
    assert RULES.may_cue(lemma) is may_cue
