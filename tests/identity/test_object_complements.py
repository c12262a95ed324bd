"""Object complements on constructed Docs: 'deems X a Y' says something about X however the
parser hangs Y (a second object, a noun with X as its subject); an object set off by a colon
is a quotation, not a complement."""

from __future__ import annotations

import pytest
from constructed_docs import make_doc, only_cue

from quotes.content import content_range, is_predicative
from quotes.reactions import is_reaction
from quotes.rules import load_rules

RULES = load_rules()

# "Obama deems the releases a trade." (two objects side by side)
TWO_OBJECTS = [
    ("Obama", 1, "nsubj", "PROPN", "Obama", "B-PERSON"),
    ("deems", 1, "ROOT", "VERB", "deem", "O"),
    ("the", 3, "det", "DET", "the", "O"),
    ("releases", 1, "dobj", "NOUN", "release", "O"),
    ("a", 5, "det", "DET", "a", "O"),
    ("trade", 1, "dobj", "NOUN", "trade", "O"),
    (".", 1, "punct", "PUNCT", ".", "O"),
]
# "Reyes deems the strike a violation." (the first noun parsed as the second's subject)
SMALL_CLAUSE = [
    ("Reyes", 1, "nsubj", "PROPN", "Reyes", "B-PERSON"),
    ("deems", 1, "ROOT", "VERB", "deem", "O"),
    ("the", 3, "det", "DET", "the", "O"),
    ("strike", 5, "nsubj", "NOUN", "strike", "O"),
    ("a", 5, "det", "DET", "a", "O"),
    ("violation", 1, "dobj", "NOUN", "violation", "O"),
    (".", 1, "punct", "PUNCT", ".", "O"),
]
# 'Reyes condemns the strike: "assassination"' (a headline: the second object is a quotation)
COLON_OBJECT = [
    ("Reyes", 1, "nsubj", "PROPN", "Reyes", "B-PERSON"),
    ("condemns", 1, "ROOT", "VERB", "condemn", "O"),
    ("the", 3, "det", "DET", "the", "O"),
    ("strike", 1, "dobj", "NOUN", "strike", "O"),
    (":", 1, "punct", "PUNCT", ":", "O"),
    ('"', 6, "punct", "PUNCT", '"', "O"),
    ("assassination", 1, "dobj", "NOUN", "assassination", "O"),
    ('"', 6, "punct", "PUNCT", '"', "O"),
]


def _content(doc, cue):
    start, end, relation = content_range(cue, RULES)
    return doc.text[start:end], relation


@pytest.mark.parametrize(
    ("rows", "word", "content", "relation", "reaction"),
    [
        (TWO_OBJECTS, "deems", "the releases a trade", "object+complement", False),
        (SMALL_CLAUSE, "deems", "the strike a violation", "dobj", False),
        (COLON_OBJECT, "condemns", "the strike", "dobj", True),
    ],
    ids=["second-object-is-a-complement", "small-clause", "colon-object-is-no-complement"],
)
def test_an_object_complement_makes_the_content_speech(rows, word, content, relation, reaction):
    doc = make_doc(rows)
    cue = only_cue(doc, word)
    assert _content(doc, cue) == (content, relation)
    assert is_reaction(cue, relation, RULES) is reaction


@pytest.mark.parametrize(
    ("rows", "word", "expected"),
    [
        (TWO_OBJECTS, "trade", True),
        (TWO_OBJECTS, "releases", False),
        (SMALL_CLAUSE, "violation", False),
        (COLON_OBJECT, "assassination", False),
        (COLON_OBJECT, "strike", False),
    ],
)
def test_only_the_later_of_two_adjacent_objects_is_predicative(rows, word, expected):
    doc = make_doc(rows)
    (token,) = [t for t in doc if t.text == word]
    assert is_predicative(token) is expected
