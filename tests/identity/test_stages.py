"""Cues, contents and sources on constructed Docs (no model): each stage alone."""

from __future__ import annotations

import pytest
from constructed_docs import SAID_THAT, make_doc

from quotes.content import content_range
from quotes.cues import find_cues
from quotes.rules import load_rules
from quotes.sources import noun_phrase, source_head

ACCORDING_TO = [
    ("According", 6, "prep", "VERB", "accord", "O"),
    ("to", 0, "prep", "ADP", "to", "O"),
    ("officials", 1, "pobj", "NOUN", "official", "O"),
    (",", 6, "punct", "PUNCT", ",", "O"),
    ("taxes", 6, "nsubj", "NOUN", "tax", "O"),
    ("will", 6, "aux", "AUX", "will", "O"),
    ("rise", 6, "ROOT", "VERB", "rise", "O"),
    (".", 6, "punct", "PUNCT", ".", "O"),
]
BELIEVE = [
    ("Analysts", 1, "nsubj", "NOUN", "analyst", "O"),
    ("believe", 1, "ROOT", "VERB", "believe", "O"),
    ("taxes", 4, "nsubj", "NOUN", "tax", "O"),
    ("will", 4, "aux", "AUX", "will", "O"),
    ("rise", 1, "ccomp", "VERB", "rise", "O"),
    (".", 1, "punct", "PUNCT", ".", "O"),
]
TOLD = [
    ("Yehia", 1, "compound", "PROPN", "Yehia", "B-PERSON"),
    ("Rasool", 2, "nsubj", "PROPN", "Rasool", "I-PERSON"),
    ("told", 2, "ROOT", "VERB", "tell", "O"),
    ("reporters", 2, "dobj", "NOUN", "reporter", "O"),
    ("the", 5, "det", "DET", "the", "O"),
    ("strike", 6, "nsubj", "NOUN", "strike", "O"),
    ("broke", 2, "ccomp", "VERB", "break", "O"),
    ("laws", 6, "dobj", "NOUN", "law", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]
ATE = [
    ("The", 1, "det", "DET", "the", "O"),
    ("mayor", 2, "nsubj", "NOUN", "mayor", "O"),
    ("ate", 2, "ROOT", "VERB", "eat", "O"),
    ("lunch", 2, "dobj", "NOUN", "lunch", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]
# "said" as an adjective ("the said document") is no cue
SAID_ADJ = [
    ("The", 2, "det", "DET", "the", "O"),
    ("said", 2, "amod", "VERB", "say", "O"),
    ("document", 3, "nsubj", "NOUN", "document", "O"),
    ("vanished", 3, "ROOT", "VERB", "vanish", "O"),
    (".", 3, "punct", "PUNCT", ".", "O"),
]


@pytest.mark.parametrize(
    ("rows", "cues"),
    [
        (SAID_THAT, [("said", "speech", "verb")]),
        (ACCORDING_TO, [("According to", "speech", "according")]),
        (BELIEVE, [("believe", "belief", "verb")]),
        (TOLD, [("told", "speech", "verb")]),
        (ATE, []),
        (SAID_ADJ, []),
    ],
)
def test_cues(rows, cues):
    doc = make_doc(rows)
    found = [c for sent in doc.sents for c in find_cues(sent, load_rules())]
    assert [(c.text, c.kind, c.form) for c in found] == cues


@pytest.mark.parametrize(
    ("rows", "content", "source"),
    [
        (SAID_THAT, "that taxes will rise", "The mayor"),
        (ACCORDING_TO, "taxes will rise.", "officials"),
        (BELIEVE, "taxes will rise", "Analysts"),
        (TOLD, "the strike broke laws", "Yehia Rasool"),
    ],
)
def test_content_and_source(rows, content, source):
    doc = make_doc(rows)
    (cue,) = [c for sent in doc.sents for c in find_cues(sent, load_rules())]
    start, end, _relation = content_range(cue, load_rules())
    assert doc.text[start:end] == content
    assert noun_phrase(source_head(cue)).text == source
