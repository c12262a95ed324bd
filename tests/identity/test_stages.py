"""Cues, contents and sources on constructed Docs (no model): each stage alone."""

from __future__ import annotations

import pytest
from constructed_docs import SAID_THAT, make_doc, only_cue

from quotes.content import content_range
from quotes.cues import find_cues
from quotes.extractor import extract_quotes
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

# "A statement accusing Washington of aggression appeared.": a participle describing its source
ACCUSING = [
    ("A", 1, "det", "DET", "a", "O"),
    ("statement", 6, "nsubj", "NOUN", "statement", "O"),
    ("accusing", 1, "acl", "VERB", "accuse", "O"),
    ("Washington", 2, "dobj", "PROPN", "Washington", "B-GPE"),
    ("of", 2, "prep", "ADP", "of", "O"),
    ("aggression", 4, "pobj", "NOUN", "aggression", "O"),
    ("appeared", 6, "ROOT", "VERB", "appear", "O"),
    (".", 6, "punct", "PUNCT", ".", "O"),
]
# "The mayor was quick to say that taxes will rise.": the cue hangs on an adjective
QUICK_TO_SAY = [
    ("The", 1, "det", "DET", "the", "O"),
    ("mayor", 2, "nsubj", "NOUN", "mayor", "O"),
    ("was", 2, "ROOT", "AUX", "be", "O"),
    ("quick", 2, "acomp", "ADJ", "quick", "O"),
    ("to", 5, "aux", "PART", "to", "O"),
    ("say", 3, "xcomp", "VERB", "say", "O"),
    ("that", 9, "mark", "SCONJ", "that", "O"),
    ("taxes", 9, "nsubj", "NOUN", "tax", "O"),
    ("will", 9, "aux", "AUX", "will", "O"),
    ("rise", 5, "ccomp", "VERB", "rise", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]
# "The mayor tweeted in the morning that taxes will rise.", with "that" misparsed as a
# modifier and its clause as an adverbial one
TWEETED_THAT = [
    ("The", 1, "det", "DET", "the", "O"),
    ("mayor", 2, "nsubj", "NOUN", "mayor", "O"),
    ("tweeted", 2, "ROOT", "VERB", "tweet", "O"),
    ("in", 2, "prep", "ADP", "in", "O"),
    ("the", 5, "det", "DET", "the", "O"),
    ("morning", 3, "pobj", "NOUN", "morning", "O"),
    ("that", 9, "advmod", "SCONJ", "that", "O"),
    ("taxes", 9, "nsubj", "NOUN", "tax", "O"),
    ("will", 9, "aux", "AUX", "will", "O"),
    ("rise", 2, "advcl", "VERB", "rise", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]
# "The mayor tweeted, that was a mistake.": "that" as a subject opens no reported clause
TWEETED_THAT_WAS = [
    ("The", 1, "det", "DET", "the", "O"),
    ("mayor", 2, "nsubj", "NOUN", "mayor", "O"),
    ("tweeted", 2, "ROOT", "VERB", "tweet", "O"),
    (",", 2, "punct", "PUNCT", ",", "O"),
    ("that", 5, "nsubj", "PRON", "that", "O"),
    ("was", 2, "parataxis", "AUX", "be", "O"),
    ("a", 7, "det", "DET", "a", "O"),
    ("mistake", 5, "attr", "NOUN", "mistake", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]
# "A claim denied Friday appeared.": the noun a past participle describes is what was
# denied, not who denied it
DENIED = [
    ("A", 1, "det", "DET", "a", "O"),
    ("claim", 4, "nsubj", "NOUN", "claim", "O"),
    ("denied", 1, "acl", "VERB", "deny", "O"),
    ("Friday", 2, "npadvmod", "PROPN", "Friday", "B-DATE"),
    ("appeared", 4, "ROOT", "VERB", "appear", "O"),
    (".", 4, "punct", "PUNCT", ".", "O"),
]

# '"Taxes will rise," she said, alluding to the budget.' with the quotation hung on the verb
# as parataxis and the gloss after it as its clause: the quotation is still what she said
QUOTE_THEN_GLOSS = [
    ('"', 3, "punct", "PUNCT", '"', "O"),
    ("Taxes", 3, "nsubj", "NOUN", "tax", "O"),
    ("will", 3, "aux", "AUX", "will", "O"),
    ("rise", 7, "parataxis", "VERB", "rise", "O"),
    (",", 3, "punct", "PUNCT", ",", "O"),
    ('"', 3, "punct", "PUNCT", '"', "O"),
    ("she", 7, "nsubj", "PRON", "she", "O"),
    ("said", 7, "ROOT", "VERB", "say", "O"),
    (",", 7, "punct", "PUNCT", ",", "O"),
    ("alluding", 7, "ccomp", "VERB", "allude", "O"),
    ("to", 9, "prep", "ADP", "to", "O"),
    ("the", 12, "det", "DET", "the", "O"),
    ("budget", 10, "pobj", "NOUN", "budget", "O"),
    (".", 7, "punct", "PUNCT", ".", "O"),
]
# 'On "Face the Nation," Ryan said taxes will rise.': a title in quotation marks before the
# source is not what he said
TITLE_THEN_SAID = [
    ("On", 8, "prep", "ADP", "on", "O"),
    ('"', 4, "punct", "PUNCT", '"', "O"),
    ("Face", 4, "compound", "PROPN", "Face", "O"),
    ("the", 4, "det", "DET", "the", "O"),
    ("Nation", 0, "pobj", "PROPN", "Nation", "O"),
    (",", 8, "punct", "PUNCT", ",", "O"),
    ('"', 8, "punct", "PUNCT", '"', "O"),
    ("Ryan", 8, "nsubj", "PROPN", "Ryan", "B-PERSON"),
    ("said", 8, "ROOT", "VERB", "say", "O"),
    ("taxes", 11, "nsubj", "NOUN", "tax", "O"),
    ("will", 11, "aux", "AUX", "will", "O"),
    ("rise", 8, "ccomp", "VERB", "rise", "O"),
    (".", 8, "punct", "PUNCT", ".", "O"),
]

# '"We will win," Tulsa police Chief Ann Moreno said.' with "Tulsa" tagged a verb taking the
# title as its object, and "said" left with no subject
NAME_TAGGED_VERB = [
    ('"', 3, "punct", "PUNCT", '"', "O"),
    ("We", 3, "nsubj", "PRON", "we", "O"),
    ("will", 3, "aux", "AUX", "will", "O"),
    ("win", 3, "ROOT", "VERB", "win", "O"),
    (",", 3, "punct", "PUNCT", ",", "O"),
    ('"', 3, "punct", "PUNCT", '"', "O"),
    ("Tulsa", 3, "dep", "VERB", "tulsa", "O"),
    ("police", 8, "compound", "NOUN", "police", "O"),
    ("Chief", 6, "dobj", "PROPN", "Chief", "O"),
    ("Ann", 10, "compound", "PROPN", "Ann", "B-PERSON"),
    ("Moreno", 8, "appos", "PROPN", "Moreno", "I-PERSON"),
    ("said", 3, "conj", "VERB", "say", "O"),
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


@pytest.mark.parametrize(
    ("doc", "cue", "content", "source"),
    [
        (
            make_doc(ACCUSING, tags={"accusing": "VBG"}),
            "accusing",
            "Washington of aggression",
            "A statement",
        ),
        (make_doc(QUICK_TO_SAY), "say", "that taxes will rise", "The mayor"),
        (make_doc(TWEETED_THAT), "tweeted", "that taxes will rise.", "The mayor"),
    ],
    ids=["participle-describing-source", "cue-on-adjective", "misparsed-that"],
)
def test_sources_reached_by_climbing(doc, cue, content, source):
    found = only_cue(doc, cue)
    start, end, _relation = content_range(found, load_rules())
    assert doc.text[start:end] == content
    assert noun_phrase(source_head(found)).text == source


def test_a_past_participle_describes_no_source():
    assert source_head(only_cue(make_doc(DENIED, tags={"denied": "VBN"}), "denied")) is None


def test_that_as_a_subject_opens_no_content():
    assert content_range(only_cue(make_doc(TWEETED_THAT_WAS), "tweeted"), load_rules()) is None


@pytest.mark.parametrize(
    ("doc", "content", "relation"),
    [
        (
            make_doc(QUOTE_THEN_GLOSS, tags={"alluding": "VBG"}),
            '"Taxes will rise,"',
            "quotation-before",
        ),
        (make_doc(TITLE_THEN_SAID), "taxes will rise", "ccomp"),
    ],
    ids=["quotation-before-the-cue", "title-before-the-source"],
)
def test_a_quotation_opening_the_sentence_is_what_the_cue_after_it_reports(doc, content, relation):
    start, end, found = content_range(only_cue(doc, "said"), load_rules())
    assert (doc.text[start:end], found) == (content, relation)


def test_a_capitalised_word_after_the_closing_mark_opens_the_source():
    doc = make_doc(NAME_TAGGED_VERB, tags={"Tulsa": "VB"})
    found = extract_quotes(doc, load_rules())
    assert [(q.type, q.text, q.speaker) for q in found] == [("direct", "We will win", "Ann Moreno")]
