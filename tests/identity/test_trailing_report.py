"""A reporting clause closing its sentence ('…, she said.'), on constructed Docs with the
misparses seen in news: the content is the words before the comma however the parse hangs
them, and the source is the subject beside the verb when the parse gives it two."""

from __future__ import annotations

import pytest
from constructed_docs import make_doc, only_cue

from quotes.content import content_range
from quotes.rules import load_rules
from quotes.sources import source_head

RULES = load_rules()

# "Jobs will come back for people in towns, she said." (the cue hung on the root as an
# advcl, and 'people' given to it as a second subject)
TWO_SUBJECTS = [
    ("Jobs", 2, "nsubj", "NOUN", "job", "O"),
    ("will", 2, "aux", "AUX", "will", "O"),
    ("come", 2, "ROOT", "VERB", "come", "O"),
    ("back", 2, "advmod", "ADV", "back", "O"),
    ("for", 10, "mark", "ADP", "for", "O"),
    ("people", 10, "nsubj", "NOUN", "people", "O"),
    ("in", 5, "prep", "ADP", "in", "O"),
    ("towns", 6, "pobj", "NOUN", "town", "O"),
    (",", 10, "punct", "PUNCT", ",", "O"),
    ("she", 10, "nsubj", "PRON", "she", "O"),
    ("said", 2, "advcl", "VERB", "say", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]
# "Those who borrow struggle, even with a job, he said." (the content's head hung on the
# cue as an unlabelled dependent)
HUNG_AS_DEP = [
    ("Those", 11, "dep", "PRON", "those", "O"),
    ("who", 2, "nsubj", "PRON", "who", "O"),
    ("borrow", 0, "relcl", "VERB", "borrow", "O"),
    ("struggle", 2, "dobj", "NOUN", "struggle", "O"),
    (",", 0, "punct", "PUNCT", ",", "O"),
    ("even", 6, "advmod", "ADV", "even", "O"),
    ("with", 0, "prep", "ADP", "with", "O"),
    ("a", 8, "det", "DET", "a", "O"),
    ("job", 6, "pobj", "NOUN", "job", "O"),
    (",", 11, "punct", "PUNCT", ",", "O"),
    ("he", 11, "nsubj", "PRON", "he", "O"),
    ("said", 11, "ROOT", "VERB", "say", "O"),
    (".", 11, "punct", "PUNCT", ".", "O"),
]
# "Prices rose, she said, and wages fell." (the sentence runs on after the cue: the cue is
# set off inside the content, not closing it)
RUNS_ON = [
    ("Prices", 1, "nsubj", "NOUN", "price", "O"),
    ("rose", 1, "ROOT", "VERB", "rise", "O"),
    (",", 4, "punct", "PUNCT", ",", "O"),
    ("she", 4, "nsubj", "PRON", "she", "O"),
    ("said", 1, "advcl", "VERB", "say", "O"),
    (",", 1, "punct", "PUNCT", ",", "O"),
    ("and", 1, "cc", "CCONJ", "and", "O"),
    ("wages", 8, "nsubj", "NOUN", "wage", "O"),
    ("fell", 1, "conj", "VERB", "fall", "O"),
    (".", 1, "punct", "PUNCT", ".", "O"),
]


@pytest.mark.parametrize(
    ("rows", "content"),
    [
        (TWO_SUBJECTS, "Jobs will come back for people in towns"),
        (HUNG_AS_DEP, "Those who borrow struggle, even with a job"),
    ],
    ids=["advcl-with-two-subjects", "content-hung-as-dep"],
)
def test_a_trailing_report_takes_the_words_before_its_comma(rows, content):
    doc = make_doc(rows)
    start, end, relation = content_range(only_cue(doc, "said"), RULES)
    assert (doc.text[start:end], relation) == (content, "^trailing")


def test_a_cue_the_sentence_runs_on_after_is_no_trailing_report():
    doc = make_doc(RUNS_ON)
    start, end, relation = content_range(only_cue(doc, "said"), RULES)
    assert (doc.text[start:end], relation) == ("Prices rose, she said, and wages fell.", "^set-off")


def test_of_two_subjects_the_source_is_the_one_beside_the_verb():
    doc = make_doc(TWO_SUBJECTS)
    assert source_head(only_cue(doc, "said")).text == "she"
