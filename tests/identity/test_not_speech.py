"""Words that look like cues or contents and report nothing, on constructed Docs: a participle
naming a thing ('a group called Kata'ib Hezbollah'), the pronoun 'that' ('is that of a hawk')
and a finite clause with no subject ('Everything Trump says is a lie') or across a colon."""

from __future__ import annotations

import pytest
from constructed_docs import make_doc, only_cue

from quotes.content import content_range
from quotes.cues import find_cues
from quotes.rules import load_rules

RULES = load_rules()

# "His group, called the Fund, will own land." (the parse makes "group" the participle's subject)
CALLED_SET_OFF = [
    ("His", 1, "poss", "PRON", "his", "O"),
    ("group", 3, "nsubj", "NOUN", "group", "O"),
    (",", 1, "punct", "PUNCT", ",", "O"),
    ("called", 9, "parataxis", "VERB", "call", "O"),
    ("the", 5, "det", "DET", "the", "O"),
    ("Fund", 3, "oprd", "PROPN", "Fund", "B-ORG"),
    (",", 3, "punct", "PUNCT", ",", "O"),
    ("will", 9, "aux", "AUX", "will", "O"),
    ("still", 9, "advmod", "ADV", "still", "O"),
    ("own", 9, "ROOT", "VERB", "own", "O"),
    ("land", 9, "dobj", "NOUN", "land", "O"),
    (".", 9, "punct", "PUNCT", ".", "O"),
]
# "A group called Hezbollah claimed the base." (a participle with no subject)
CALLED_PARTICIPLE = [
    ("A", 1, "det", "DET", "a", "O"),
    ("group", 4, "nsubj", "NOUN", "group", "O"),
    ("called", 1, "acl", "VERB", "call", "O"),
    ("Hezbollah", 2, "oprd", "PROPN", "Hezbollah", "B-ORG"),
    ("claimed", 4, "ROOT", "VERB", "claim", "O"),
    ("the", 6, "det", "DET", "the", "O"),
    ("base", 4, "dobj", "NOUN", "base", "O"),
    (".", 4, "punct", "PUNCT", ".", "O"),
]
# "Rasool called the strike a breach." (an object: what Rasool said of the strike)
CALLED_OBJECT = [
    ("Rasool", 1, "nsubj", "PROPN", "Rasool", "B-PERSON"),
    ("called", 1, "ROOT", "VERB", "call", "O"),
    ("the", 3, "det", "DET", "the", "O"),
    ("strike", 1, "dobj", "NOUN", "strike", "O"),
    ("a", 5, "det", "DET", "a", "O"),
    ("breach", 1, "oprd", "NOUN", "breach", "O"),
    (".", 1, "punct", "PUNCT", ".", "O"),
]
# "Ryan runs what he calls Confident America." (a subject, no comma: his words for it)
CALLS_WITH_SUBJECT = [
    ("Ryan", 1, "nsubj", "PROPN", "Ryan", "B-PERSON"),
    ("runs", 1, "ROOT", "VERB", "run", "O"),
    ("what", 1, "dobj", "PRON", "what", "O"),
    ("he", 4, "nsubj", "PRON", "he", "O"),
    ("calls", 2, "relcl", "VERB", "call", "O"),
    ("Confident", 6, "compound", "PROPN", "Confident", "B-ORG"),
    ("America", 4, "oprd", "PROPN", "America", "I-ORG"),
    (".", 1, "punct", "PUNCT", ".", "O"),
]
# "The bill was called a disaster." (passive: somebody called it that)
CALLED_PASSIVE = [
    ("The", 1, "det", "DET", "the", "O"),
    ("bill", 3, "nsubjpass", "NOUN", "bill", "O"),
    ("was", 3, "auxpass", "AUX", "be", "O"),
    ("called", 3, "ROOT", "VERB", "call", "O"),
    ("a", 5, "det", "DET", "a", "O"),
    ("disaster", 3, "oprd", "NOUN", "disaster", "O"),
    (".", 3, "punct", "PUNCT", ".", "O"),
]


@pytest.mark.parametrize(
    ("rows", "cues"),
    [
        (CALLED_SET_OFF, []),
        (CALLED_PARTICIPLE, ["claimed"]),
        (CALLED_OBJECT, ["called"]),
        (CALLS_WITH_SUBJECT, ["calls"]),
        (CALLED_PASSIVE, ["called"]),
    ],
    ids=["set-off-participle", "participle", "object", "subject", "passive"],
)
def test_a_participle_naming_a_thing_is_no_cue(rows, cues):
    doc = make_doc(rows, tags={"called": "VBN"})
    assert [c.text for sent in doc.sents for c in find_cues(sent, RULES)] == cues


# "His view is that of a hawk." ('that' a pronoun with 'of' hung on it)
THAT_OF = [
    ("His", 1, "poss", "PRON", "his", "O"),
    ("view", 2, "nsubj", "NOUN", "view", "O"),
    ("is", 2, "ROOT", "AUX", "be", "O"),
    ("that", 2, "attr", "PRON", "that", "O"),
    ("of", 3, "prep", "ADP", "of", "O"),
    ("a", 6, "det", "DET", "a", "O"),
    ("hawk", 4, "pobj", "NOUN", "hawk", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]
# "His view is that taxes rise." (the complementizer misparsed as the verb's own word)
THAT_CLAUSE = [
    ("His", 1, "poss", "PRON", "his", "O"),
    ("view", 2, "nsubj", "NOUN", "view", "O"),
    ("is", 2, "ROOT", "AUX", "be", "O"),
    ("that", 2, "attr", "PRON", "that", "O"),
    ("taxes", 5, "nsubj", "NOUN", "tax", "O"),
    ("rise", 2, "dep", "VERB", "rise", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


@pytest.mark.parametrize(
    ("rows", "content"),
    [(THAT_OF, None), (THAT_CLAUSE, ("that taxes rise.", "that-clause"))],
    ids=["pronoun", "complementizer"],
)
def test_the_pronoun_that_opens_no_clause(rows, content):
    doc = make_doc(rows)
    found = content_range(only_cue(doc, "is"), RULES)
    assert (found and (doc.text[found[0] : found[1]], found[2])) == content


# "Everything Trump says is a lie." (the parse makes 'is a lie' what Trump says)
EVERYTHING_SAYS = [
    ("Everything", 1, "compound", "PRON", "everything", "O"),
    ("Trump", 2, "nsubj", "PROPN", "Trump", "B-PERSON"),
    ("says", 2, "ROOT", "VERB", "say", "O"),
    ("is", 2, "ccomp", "AUX", "be", "O"),
    ("a", 5, "det", "DET", "a", "O"),
    ("lie", 3, "attr", "NOUN", "lie", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]
# "Rasool said go home now." (an imperative has no subject and is still what was said)
SAID_GO_HOME = [
    ("Rasool", 1, "nsubj", "PROPN", "Rasool", "B-PERSON"),
    ("said", 1, "ROOT", "VERB", "say", "O"),
    ("go", 1, "ccomp", "VERB", "go", "O"),
    ("home", 2, "advmod", "ADV", "home", "O"),
    ("now", 2, "advmod", "ADV", "now", "O"),
    (".", 1, "punct", "PUNCT", ".", "O"),
]

# "Lou said the government was facing up." (the subject hung on the auxiliary)
SUBJECT_ON_AUXILIARY = [
    ("Lou", 1, "nsubj", "PROPN", "Lou", "B-PERSON"),
    ("said", 1, "ROOT", "VERB", "say", "O"),
    ("the", 3, "det", "DET", "the", "O"),
    ("government", 4, "nsubj", "NOUN", "government", "O"),
    ("was", 5, "aux", "AUX", "be", "O"),
    ("facing", 1, "ccomp", "VERB", "face", "O"),
    ("up", 5, "prt", "ADP", "up", "O"),
    (".", 1, "punct", "PUNCT", ".", "O"),
]


@pytest.mark.parametrize(
    ("rows", "cue", "content"),
    [
        (EVERYTHING_SAYS, "says", None),
        (SAID_GO_HOME, "said", ("go home now", "ccomp")),
        (SUBJECT_ON_AUXILIARY, "said", ("the government was facing up", "ccomp")),
    ],
    ids=["finite-clause-without-subject", "imperative", "subject-on-the-auxiliary"],
)
def test_a_finite_clause_without_a_subject_is_not_reported(rows, cue, content):
    doc = make_doc(
        rows, tags={"is": "VBZ", "says": "VBZ", "go": "VB", "was": "VBD", "facing": "VBG"}
    )
    found = content_range(only_cue(doc, cue), RULES)
    assert (found and (doc.text[found[0] : found[1]], found[2])) == content


def _clause_before(separator: str) -> list[tuple[str, int, str, str, str, str]]:
    """'Taxes rose<separator> the mayor said.' with the first clause hung on the cue."""
    return [
        ("Taxes", 1, "nsubj", "NOUN", "tax", "O"),
        ("rose", 5, "ccomp", "VERB", "rise", "O"),
        (separator, 5, "punct", "PUNCT", separator, "O"),
        ("the", 4, "det", "DET", "the", "O"),
        ("mayor", 5, "nsubj", "NOUN", "mayor", "O"),
        ("said", 5, "ROOT", "VERB", "say", "O"),
        (".", 5, "punct", "PUNCT", ".", "O"),
    ]


@pytest.mark.parametrize(
    ("separator", "content"),
    [(",", ("Taxes rose", "ccomp")), (";", None), (":", None)],
    ids=["comma", "semicolon", "colon"],
)
def test_a_clause_across_a_colon_is_not_what_the_cue_after_it_reports(separator, content):
    doc = make_doc(_clause_before(separator))
    found = content_range(only_cue(doc, "said"), RULES)
    assert (found and (doc.text[found[0] : found[1]], found[2])) == content
