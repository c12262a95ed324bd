"""Coreference on constructed Docs: gender, role nouns, and what names no speaker (issue 8)."""

from __future__ import annotations

import pytest
from constructed_docs import make_doc

from quotes.coref import SpeakerResolver
from quotes.rules import load_rules

# "Maria Lopez met John Smith. She said so."
MARIA_MET_JOHN = [
    ("Maria", 1, "compound", "PROPN", "Maria", "B-PERSON"),
    ("Lopez", 2, "nsubj", "PROPN", "Lopez", "I-PERSON"),
    ("met", 2, "ROOT", "VERB", "meet", "O"),
    ("John", 4, "compound", "PROPN", "John", "B-PERSON"),
    ("Smith", 2, "dobj", "PROPN", "Smith", "I-PERSON"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def _said(subject: list[tuple], offset: int) -> list[tuple]:
    """`subject` (heads relative to its own first word, -1 for the verb) + "said so ."."""
    verb = offset + len(subject)
    rows = [
        (w, verb if h == -1 else offset + h, d, p, lemma, e) for w, h, d, p, lemma, e in subject
    ]
    return rows + [
        ("said", verb, "ROOT", "VERB", "say", "O"),
        ("so", verb, "advmod", "ADV", "so", "O"),
        (".", verb, "punct", "PUNCT", ".", "O"),
    ]


def _resolve(rows: list[tuple], word: str, spoke: list[str] = ()) -> tuple[str | None, str]:
    """The speaker of the last `word` in the Doc; `spoke`: names quoted before, in order."""
    doc = make_doc(rows)
    resolver = SpeakerResolver(doc, load_rules())
    for name in spoke:
        token = next(t for t in doc if t.text == name.split()[-1])
        resolver.remember(token.sent.start_char, resolver.resolve_head(token).speaker)
    head = [t for t in doc if t.text == word][-1]
    speaker = resolver.resolve_head(head).speaker
    return speaker.name, speaker.kind


def _pronoun(word: str) -> list[tuple]:
    return [(word, -1, "nsubj", "PRON", word.lower(), "O")]


@pytest.mark.parametrize(
    ("pronoun", "spoke", "speaker"),
    [
        ("She", [], "Maria Lopez"),  # not the nearest person, a man
        ("He", [], "John Smith"),
        ("She", ["John Smith"], "Maria Lopez"),  # the last speaker is a man
        ("He", ["Maria Lopez"], "John Smith"),
    ],
)
def test_pronouns_agree_in_gender(pronoun, spoke, speaker):
    rows = MARIA_MET_JOHN + _said(_pronoun(pronoun), len(MARIA_MET_JOHN))
    assert _resolve(rows, pronoun, spoke) == (speaker, "person")


def test_gender_unknown_from_the_name_is_learned_from_a_pronoun():
    # "Kim Park met Lee Chan. He said so. She said so." - no name tells; the first "he"
    # goes to the nearest person, who then is not "she".
    rows = [
        ("Kim", 1, "compound", "PROPN", "Kim", "B-PERSON"),
        ("Park", 2, "nsubj", "PROPN", "Park", "I-PERSON"),
        ("met", 2, "ROOT", "VERB", "meet", "O"),
        ("Lee", 4, "compound", "PROPN", "Lee", "B-PERSON"),
        ("Chan", 2, "dobj", "PROPN", "Chan", "I-PERSON"),
        (".", 2, "punct", "PUNCT", ".", "O"),
    ]
    rows += _said(_pronoun("He"), len(rows))
    rows += _said(_pronoun("She"), len(rows))
    doc = make_doc(rows)
    resolver = SpeakerResolver(doc, load_rules())
    he, she = [t for t in doc if t.lower_ in ("he", "she")]
    first = resolver.resolve_head(he).speaker
    resolver.remember(he.sent.start_char, first)
    assert (first.name, first.gender) == ("Lee Chan", "m")
    assert resolver.resolve_head(she).speaker.name == "Kim Park"


# "John Smith, a spokesman for the city, arrived."
SPOKESMAN = [
    ("John", 1, "compound", "PROPN", "John", "B-PERSON"),
    ("Smith", 9, "nsubj", "PROPN", "Smith", "I-PERSON"),
    (",", 1, "punct", "PUNCT", ",", "O"),
    ("a", 4, "det", "DET", "a", "O"),
    ("spokesman", 1, "appos", "NOUN", "spokesman", "O"),
    ("for", 4, "prep", "ADP", "for", "O"),
    ("the", 7, "det", "DET", "the", "O"),
    ("city", 5, "pobj", "NOUN", "city", "O"),
    (",", 1, "punct", "PUNCT", ",", "O"),
    ("arrived", 9, "ROOT", "VERB", "arrive", "O"),
    (".", 9, "punct", "PUNCT", ".", "O"),
]
# "Amy Jones won."
AMY_WON = [
    ("Amy", 1, "compound", "PROPN", "Amy", "B-PERSON"),
    ("Jones", 2, "nsubj", "PROPN", "Jones", "I-PERSON"),
    ("won", 2, "ROOT", "VERB", "win", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def _the(noun: str) -> list[tuple]:
    return [("The", 1, "det", "DET", "the", "O"), (noun, -1, "nsubj", "NOUN", noun, "O")]


@pytest.mark.parametrize(
    ("before", "noun", "speaker"),
    [
        (SPOKESMAN, "spokesman", ("John Smith", "person")),  # introduced with the role
        (SPOKESMAN, "spokesperson", ("John Smith", "person")),  # a synonym of it
        (AMY_WON, "girl", ("Amy Jones", "person")),  # the person of that gender
        (MARIA_MET_JOHN, "woman", ("Maria Lopez", "person")),
        (MARIA_MET_JOHN, "man", ("John Smith", "person")),
        # no one introduced as such: a new described source, or nobody
        (AMY_WON, "spokesman", ("spokesman", "anonymous")),
        (AMY_WON, "boy", (None, "unknown")),
    ],
)
def test_role_nouns_resolve_to_the_person_introduced_earlier(before, noun, speaker):
    rows = before + _said(_the(noun), len(before))
    assert _resolve(rows, noun) == speaker


@pytest.mark.parametrize(
    ("subject", "word", "speaker"),
    [
        # pronouns with nobody to stand for: no speaker row
        (_pronoun("It"), "It", (None, "unknown")),
        (_pronoun("They"), "They", (None, "unknown")),
        (_pronoun("He"), "He", (None, "unknown")),  # the only person named is a woman
        # a bare common noun (a thing, or a fragment of the quote) names nobody
        (_the("strike"), "strike", (None, "unknown")),
        (
            [
                ("a", 2, "det", "DET", "a", "O"),
                ("blatant", 2, "amod", "ADJ", "blatant", "O"),
                ("assassination", -1, "nsubj", "NOUN", "assassination", "O"),
            ],
            "assassination",
            (None, "unknown"),
        ),
        # countries speak as their governments, tagged or not
        ([("Iraq", -1, "nsubj", "PROPN", "Iraq", "B-GPE")], "Iraq", ("Iraq", "organization")),
        ([("Yemen", -1, "nsubj", "PROPN", "Yemen", "O")], "Yemen", ("Yemen", "organization")),
        # armed groups: a group or organisation, never a person; names keep apostrophes
        (
            [
                ("Kata'ib", 1, "compound", "PROPN", "Kata'ib", "B-PERSON"),
                ("Hezbollah", -1, "nsubj", "PROPN", "Hezbollah", "I-PERSON"),
            ],
            "Hezbollah",
            ("Kata'ib Hezbollah", "organization"),
        ),
        (
            [
                ("The", 1, "det", "DET", "the", "O"),
                ("militias", -1, "nsubj", "NOUN", "militia", "O"),
                ("and", 1, "cc", "CCONJ", "and", "O"),
                ("the", 4, "det", "DET", "the", "O"),
                ("Houthis", 1, "conj", "PROPN", "Houthi", "B-PERSON"),
            ],
            "militias",
            ("militias and the Houthis", "group"),
        ),
        # "one of the commanders": a described source
        (
            [
                ("one", -1, "nsubj", "NUM", "one", "O"),
                ("of", 0, "prep", "ADP", "of", "O"),
                ("the", 3, "det", "DET", "the", "O"),
                ("commanders", 1, "pobj", "NOUN", "commander", "O"),
            ],
            "one",
            ("one of the commanders", "anonymous"),
        ),
    ],
)
def test_what_a_mention_names(subject, word, speaker):
    rows = AMY_WON + _said(subject, len(AMY_WON))
    assert _resolve(rows, word) == speaker


def test_words_inside_quotation_marks_are_not_the_speaker_of_the_clause_outside():
    # 'Iraq condemned it as "a blatant assassination" that disregarded laws.'
    rows = [
        ("Iraq", 1, "nsubj", "PROPN", "Iraq", "B-GPE"),
        ("condemned", 1, "ROOT", "VERB", "condemn", "O"),
        ("it", 1, "dobj", "PRON", "it", "O"),
        ("as", 1, "prep", "ADP", "as", "O"),
        ('"', 7, "punct", "PUNCT", '"', "O"),
        ("a", 7, "det", "DET", "a", "O"),
        ("blatant", 7, "amod", "ADJ", "blatant", "O"),
        ("Assassination", 3, "pobj", "PROPN", "Assassination", "O"),
        ('"', 7, "punct", "PUNCT", '"', "O"),
        ("that", 10, "nsubj", "PRON", "that", "O"),
        ("disregarded", 7, "relcl", "VERB", "disregard", "O"),
        ("laws", 10, "dobj", "NOUN", "law", "O"),
        (".", 1, "punct", "PUNCT", ".", "O"),
    ]
    doc = make_doc(rows)
    assert doc.text == 'Iraq condemned it as "a blatant Assassination" that disregarded laws.'
    resolver = SpeakerResolver(doc, load_rules())
    # even a proper noun (the tagger's mistake) inside the marks names nobody
    assert resolver.resolve_head(doc[7]).speaker.name is None
    assert resolver.resolve_head(doc[0]).speaker.name == "Iraq"


# "A member of Parliament said so."
MEMBER_SAID = [
    ("A", 1, "det", "DET", "a", "O"),
    ("member", 4, "nsubj", "NOUN", "member", "O"),
    ("of", 1, "prep", "ADP", "of", "O"),
    ("Parliament", 2, "pobj", "PROPN", "Parliament", "B-ORG"),
    ("said", 4, "ROOT", "VERB", "say", "O"),
    ("so", 4, "advmod", "ADV", "so", "O"),
    (".", 4, "punct", "PUNCT", ".", "O"),
]
# "The ministry said so."
MINISTRY_SAID = [
    ("The", 1, "det", "DET", "the", "O"),
    ("ministry", 2, "nsubj", "NOUN", "ministry", "O"),
    ("said", 2, "ROOT", "VERB", "say", "O"),
    ("so", 2, "advmod", "ADV", "so", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


@pytest.mark.parametrize(
    ("before", "noun", "same"),
    [
        (MEMBER_SAID, "lawmaker", True),  # a synonym of the role already quoted
        (MEMBER_SAID, "legislator", True),
        (MEMBER_SAID, "official", False),  # another role: someone else
        (MINISTRY_SAID, "statement", True),  # documents speak for their issuer
    ],
)
def test_nominal_mentions_resolve_to_the_source_introduced_earlier(before, noun, same):
    rows = before + _said(_the(noun), len(before))
    doc = make_doc(rows)
    resolver = SpeakerResolver(doc, load_rules())
    first = resolver.resolve_head(doc[1])
    resolver.remember(0, first.speaker)
    later = resolver.resolve_head([t for t in doc if t.text == noun][-1]).speaker
    assert (later is first.speaker) is same
    if not same:
        assert later.name == noun and later.kind == "anonymous"
