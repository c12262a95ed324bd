"""Object complements on constructed Docs: 'deems X a Y' says something about X however the
parser hangs Y (a second object, a noun with X as its subject); an object set off by a colon
is a quotation, not a complement."""

from __future__ import annotations

import pytest
from constructed_docs import make_doc, only_cue

from quotes.content import content_range
from quotes.objects import is_predicative
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


# "Kanaani made it clear that Iran would respond." (the clause hung on the adjective)
MADE_IT_CLEAR = [
    ("Kanaani", 1, "nsubj", "PROPN", "Kanaani", "B-PERSON"),
    ("made", 1, "ROOT", "VERB", "make", "O"),
    ("it", 3, "nsubj", "PRON", "it", "O"),
    ("clear", 1, "ccomp", "ADJ", "clear", "O"),
    ("that", 7, "mark", "SCONJ", "that", "O"),
    ("Iran", 7, "nsubj", "PROPN", "Iran", "B-GPE"),
    ("would", 7, "aux", "AUX", "would", "O"),
    ("respond", 3, "advcl", "VERB", "respond", "O"),
    (".", 1, "punct", "PUNCT", ".", "O"),
]
# "Kanaani made clear that Iran would respond." (the clause hung on the verb)
MADE_CLEAR = [
    ("Kanaani", 1, "nsubj", "PROPN", "Kanaani", "B-PERSON"),
    ("made", 1, "ROOT", "VERB", "make", "O"),
    ("clear", 1, "ccomp", "ADJ", "clear", "O"),
    ("that", 6, "mark", "SCONJ", "that", "O"),
    ("Iran", 6, "nsubj", "PROPN", "Iran", "B-GPE"),
    ("would", 6, "aux", "AUX", "would", "O"),
    ("respond", 1, "csubj", "VERB", "respond", "O"),
    (".", 1, "punct", "PUNCT", ".", "O"),
]
# "The storm made the road clear." (an object between: no cue)
MADE_THE_ROAD_CLEAR = [
    ("The", 1, "det", "DET", "the", "O"),
    ("storm", 2, "nsubj", "NOUN", "storm", "O"),
    ("made", 2, "ROOT", "VERB", "make", "O"),
    ("the", 4, "det", "DET", "the", "O"),
    ("road", 5, "nsubj", "NOUN", "road", "O"),
    ("clear", 2, "ccomp", "ADJ", "clear", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


@pytest.mark.parametrize(
    ("rows", "cue"), [(MADE_IT_CLEAR, "made it clear"), (MADE_CLEAR, "made clear")]
)
def test_made_clear_is_a_cue_whose_content_follows_the_adjective(rows, cue):
    doc = make_doc(rows)
    assert _content(doc, only_cue(doc, cue)) == ("that Iran would respond", "ccomp")


def test_made_with_an_adjective_far_after_it_is_no_cue():
    from quotes.cues import find_cues

    doc = make_doc(MADE_THE_ROAD_CLEAR)
    assert find_cues(doc[:], RULES) == []
