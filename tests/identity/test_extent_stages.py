"""Content extents, nested contents, relative-pronoun sources, reactions and glosses, each
stage alone on constructed Docs (no model)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from constructed_docs import SAID_THAT, make_doc

from quotes.content import content_range
from quotes.cues import Cue, find_cues
from quotes.extents import content_extents, nested_flags
from quotes.reactions import is_reaction
from quotes.rules import load_rules
from quotes.sources import relative_subject, source_head

RULES = load_rules()

# "The mayor said that taxes will rise, but fees will fall." ('fall' hangs on 'said')
RUN_ON = SAID_THAT[:-1] + [
    (",", 2, "punct", "PUNCT", ",", "O"),
    ("but", 2, "cc", "CCONJ", "but", "O"),
    ("fees", 12, "nsubj", "NOUN", "fee", "O"),
    ("will", 12, "aux", "AUX", "will", "O"),
    ("fall", 2, "conj", "VERB", "fall", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]
# "The mayor said that taxes will rise, the aide added." (another cue speaks after it)
OTHER_CUE_AFTER = [
    ("The", 1, "det", "DET", "the", "O"),
    ("mayor", 2, "nsubj", "NOUN", "mayor", "O"),
    ("said", 10, "ccomp", "VERB", "say", "O"),
    ("that", 6, "mark", "SCONJ", "that", "O"),
    ("taxes", 6, "nsubj", "NOUN", "tax", "O"),
    ("will", 6, "aux", "AUX", "will", "O"),
    ("rise", 2, "ccomp", "VERB", "rise", "O"),
    (",", 10, "punct", "PUNCT", ",", "O"),
    ("the", 9, "det", "DET", "the", "O"),
    ("aide", 10, "nsubj", "NOUN", "aide", "O"),
    ("added", 10, "ROOT", "VERB", "add", "O"),
    (".", 10, "punct", "PUNCT", ".", "O"),
]
# "The mayor denounced the strike on Tuesday." (an object ends with its noun phrase)
OBJECT = [
    ("The", 1, "det", "DET", "the", "O"),
    ("mayor", 2, "nsubj", "NOUN", "mayor", "O"),
    ("denounced", 2, "ROOT", "VERB", "denounce", "O"),
    ("the", 4, "det", "DET", "the", "O"),
    ("strike", 2, "dobj", "NOUN", "strike", "O"),
    ("on", 2, "prep", "ADP", "on", "O"),
    ("Tuesday", 5, "pobj", "PROPN", "Tuesday", "B-DATE"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]
# "The mayor demanded an apology from the council in May." ('from …' hangs on 'demanded')
OBJECT_FROM = [
    ("The", 1, "det", "DET", "the", "O"),
    ("mayor", 2, "nsubj", "NOUN", "mayor", "O"),
    ("demanded", 2, "ROOT", "VERB", "demand", "O"),
    ("an", 4, "det", "DET", "an", "O"),
    ("apology", 2, "dobj", "NOUN", "apology", "O"),
    ("from", 2, "prep", "ADP", "from", "O"),
    ("the", 7, "det", "DET", "the", "O"),
    ("council", 5, "pobj", "NOUN", "council", "O"),
    ("in", 2, "prep", "ADP", "in", "O"),
    ("May", 8, "pobj", "PROPN", "May", "B-DATE"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]
# "Officials, who said that taxes will rise, met." (the source is named by 'who')
RELATIVE = [
    ("Officials", 8, "nsubj", "NOUN", "official", "O"),
    (",", 0, "punct", "PUNCT", ",", "O"),
    ("who", 3, "nsubj", "PRON", "who", "O"),
    ("said", 0, "relcl", "VERB", "say", "O"),
    ("that", 7, "mark", "SCONJ", "that", "O"),
    ("taxes", 7, "nsubj", "NOUN", "tax", "O"),
    ("will", 7, "aux", "AUX", "will", "O"),
    ("rise", 3, "ccomp", "VERB", "rise", "O"),
    ("met", 8, "ROOT", "VERB", "meet", "O"),
    (".", 8, "punct", "PUNCT", ".", "O"),
]
# "Hamas's attack on Israel" (a noun cue whose content names a place)
NOUN_ATTACK = [
    ("Hamas", 2, "poss", "PROPN", "Hamas", "B-ORG"),
    ("'s", 0, "case", "PART", "'s", "O"),
    ("attack", 2, "ROOT", "NOUN", "attack", "O"),
    ("on", 2, "prep", "ADP", "on", "O"),
    ("Israel", 3, "pobj", "PROPN", "Israel", "B-GPE"),
]
# "Berg talked about the economy." / "Berg talked about how taxes rise."
TALKED_ABOUT_THING = [
    ("Berg", 1, "nsubj", "PROPN", "Berg", "B-PERSON"),
    ("talked", 1, "ROOT", "VERB", "talk", "O"),
    ("about", 1, "prep", "ADP", "about", "O"),
    ("the", 4, "det", "DET", "the", "O"),
    ("economy", 2, "pobj", "NOUN", "economy", "O"),
    (".", 1, "punct", "PUNCT", ".", "O"),
]
TALKED_ABOUT_CLAUSE = [
    ("Berg", 1, "nsubj", "PROPN", "Berg", "B-PERSON"),
    ("talked", 1, "ROOT", "VERB", "talk", "O"),
    ("about", 1, "prep", "ADP", "about", "O"),
    ("how", 5, "advmod", "SCONJ", "how", "O"),
    ("taxes", 5, "nsubj", "NOUN", "tax", "O"),
    ("rise", 2, "pcomp", "VERB", "rise", "O"),
    (".", 1, "punct", "PUNCT", ".", "O"),
]
# "Berg wants to sign voters, focusing on youth." ('focusing' glosses the clause)
GLOSS = [
    ("Berg", 1, "nsubj", "PROPN", "Berg", "B-PERSON"),
    ("wants", 1, "ROOT", "VERB", "want", "O"),
    ("to", 3, "aux", "PART", "to", "O"),
    ("sign", 1, "xcomp", "VERB", "sign", "O"),
    ("voters", 3, "dobj", "NOUN", "voter", "O"),
    (",", 3, "punct", "PUNCT", ",", "O"),
    ("focusing", 3, "advcl", "VERB", "focus", "O"),
    ("on", 6, "prep", "ADP", "on", "O"),
    ("youth", 7, "pobj", "NOUN", "youth", "O"),
    (".", 1, "punct", "PUNCT", ".", "O"),
]

# "Berg spoke, referring to the budget." ('refer to' carried content in 38 of its 99 PolNeAR
# train occurrences, above GLOSS_FRAME_SHARE, so the participle still reports it)
GLOSS_THAT_REPORTS = [
    ("Berg", 1, "nsubj", "PROPN", "Berg", "B-PERSON"),
    ("spoke", 1, "ROOT", "VERB", "speak", "O"),
    (",", 1, "punct", "PUNCT", ",", "O"),
    ("referring", 1, "advcl", "VERB", "refer", "O"),
    ("to", 3, "prep", "ADP", "to", "O"),
    ("the", 6, "det", "DET", "the", "O"),
    ("budget", 4, "pobj", "NOUN", "budget", "O"),
    (".", 1, "punct", "PUNCT", ".", "O"),
]


# "The mayor said that taxes will rise sharply, a plan critics oppose, in May." (the parse
# hangs all of it on 'rise'; either comma may end what the mayor said)
BREAKS = SAID_THAT[:-1] + [
    ("sharply", 6, "advmod", "ADV", "sharply", "O"),
    (",", 6, "punct", "PUNCT", ",", "O"),
    ("a", 10, "det", "DET", "a", "O"),
    ("plan", 6, "npadvmod", "NOUN", "plan", "O"),
    ("critics", 12, "nsubj", "NOUN", "critic", "O"),
    ("oppose", 10, "relcl", "VERB", "oppose", "O"),
    (",", 6, "punct", "PUNCT", ",", "O"),
    ("in", 6, "prep", "ADP", "in", "O"),
    ("May", 14, "pobj", "PROPN", "May", "B-DATE"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]
# "Taxes will rise sharply, a plan critics oppose, the mayor said." (before its cue: the
# cue bounds it, no break does)
BREAKS_BEFORE_CUE = [
    ("Taxes", 2, "nsubj", "NOUN", "tax", "O"),
    ("will", 2, "aux", "AUX", "will", "O"),
    ("rise", 12, "ccomp", "VERB", "rise", "O"),
    ("sharply", 2, "advmod", "ADV", "sharply", "O"),
    (",", 2, "punct", "PUNCT", ",", "O"),
    ("a", 6, "det", "DET", "a", "O"),
    ("plan", 2, "npadvmod", "NOUN", "plan", "O"),
    ("critics", 8, "nsubj", "NOUN", "critic", "O"),
    ("oppose", 6, "relcl", "VERB", "oppose", "O"),
    (",", 12, "punct", "PUNCT", ",", "O"),
    ("the", 11, "det", "DET", "the", "O"),
    ("mayor", 12, "nsubj", "NOUN", "mayor", "O"),
    ("said", 12, "ROOT", "VERB", "say", "O"),
    (".", 12, "punct", "PUNCT", ".", "O"),
]


def _cue(doc, word: str) -> Cue:
    return next(c for c in find_cues(doc[:], RULES) if c.token.text == word)


def _extents(rows, word: str, spaces: list[bool] | None = None) -> list[str]:
    doc = make_doc(rows, spaces)
    cue = _cue(doc, word)
    start, end, relation = content_range(cue, RULES)
    cues = find_cues(doc[:], RULES)
    found = content_extents(doc.text, doc[:], cue, start, end, relation, cues)
    return [doc.text[e.start : e.end] for e in found]


@pytest.mark.parametrize(
    ("rows", "word", "expected"),
    [
        pytest.param(
            RUN_ON,
            "said",
            ["that taxes will rise", "that taxes will rise, but fees will fall"],
            id="clause-may-run-on-to-the-sentence-end",
        ),
        pytest.param(
            OTHER_CUE_AFTER,
            "said",
            ["that taxes will rise"],
            id="not-past-another-cue",
        ),
        pytest.param(
            OBJECT, "denounced", ["the strike"], id="an-object-does-not-run-on-to-time-or-place"
        ),
        pytest.param(
            BREAKS,
            "said",
            [
                "that taxes will rise sharply, a plan critics oppose, in May",
                "that taxes will rise sharply",
                "that taxes will rise sharply, a plan critics oppose",
            ],
            id="a-content-after-its-cue-may-end-at-each-break",
        ),
        pytest.param(
            BREAKS_BEFORE_CUE,
            "said",
            ["Taxes will rise sharply, a plan critics oppose"],
            id="not-a-content-before-its-cue",
        ),
        pytest.param(
            OBJECT_FROM,
            "demanded",
            ["an apology", "an apology from the council"],
            id="an-object-may-run-on-to-its-complement",
        ),
    ],
)
def test_content_extents(rows, word, expected):
    assert _extents(rows, word) == expected


@pytest.mark.parametrize(
    ("rows", "word", "short", "long", "opener", "relation", "lemma"),
    [
        pytest.param(RUN_ON, "said", "parse", "sentence_end", ",but", "ccomp", "say", id="run-on"),
        pytest.param(
            OBJECT_FROM, "demanded", "object", "verb_phrase", "ADP", "dobj", "demand", id="object"
        ),
    ],
)
def test_a_longer_extent_says_what_follows_the_parse(
    rows, word, short, long, opener, relation, lemma
):
    doc = make_doc(rows)
    cue = _cue(doc, word)
    start, end, found = content_range(cue, RULES)
    assert found == relation
    parsed, longer = [
        replace(e, features=tuple(f for f in e.features if f.startswith("extent=")))
        for e in content_extents(doc.text, doc[:], cue, start, end, found, [cue])
    ]
    assert parsed.features == (
        f"extent={short}",
        f"extent={short}|{opener}",
        f"extent={short}|<=5",
        f"extent={short}|lemma={lemma}",
    )
    assert longer.features == (
        f"extent={long}",
        f"extent={long}|{opener}",
        f"extent={long}|<=5",
        f"extent={long}|{relation}",
        f"extent={long}|lemma={lemma}",
    )


def test_extents_ended_at_breaks_say_where_they_end_and_start():
    doc = make_doc(BREAKS)
    cue = _cue(doc, "said")
    start, end, relation = content_range(cue, RULES)
    parsed, first_break, _ = content_extents(doc.text, doc[:], cue, start, end, relation, [cue])
    assert first_break.features == (
        # how it differs from the parse's extent: a comma opening 'a plan …', 6 words dropped
        "break=in",
        "break=in|,|DET",
        "break=in|,|npadvmod",
        "break=in|<=10",
        "break=in|cue_crossed=False",
        "break=in|ccomp",
        # its edges, described as every extent's are
        "end=,",
        "end=,|DET",
        "end=,|npadvmod",
        "end=,|DET|ccomp",
        "end=,|npadvmod|after_cue=True",
        "end_last=ADV",
        "end_cue_inside=False",
        "start=none|after_cue=True",
        "start=none|SCONJ",
        "start=none|ccomp",
        "break=in|lemma=say",
    )
    assert [f for f in parsed.features if f.startswith("extent=") or f.startswith("end=")] == [
        "extent=parse",
        "end=.",
        "end=.|end",
        "end=.|end",
        "end=.|end|ccomp",
        "end=.|end|after_cue=True",
        "extent=parse|lemma=say",
    ]


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        pytest.param([(0, 40), (10, 20)], [False, True], id="inside-another"),
        pytest.param([(0, 10), (10, 20)], [False, False], id="side-by-side"),
        pytest.param([(0, 10), (0, 10)], [False, False], id="the-same-span-is-not-nested"),
        pytest.param([(5, 30), (0, 20)], [False, False], id="overlapping-only"),
        pytest.param([], [], id="none"),
    ],
)
def test_nested_flags(spans, expected):
    assert nested_flags(spans) == expected


def test_a_relative_pronoun_names_the_source_its_noun_is():
    doc = make_doc(RELATIVE)
    cue = _cue(doc, "said")
    assert relative_subject(cue).text == "who"
    assert source_head(cue).text == "Officials"


def test_a_plain_subject_is_no_relative_pronoun():
    doc = make_doc(RUN_ON)
    assert relative_subject(_cue(doc, "said")) is None


@pytest.mark.parametrize(
    ("rows", "word", "relation", "reaction"),
    [
        pytest.param(NOUN_ATTACK, "attack", "prep:on", True, id="noun-cue-naming-a-place"),
        pytest.param(TALKED_ABOUT_THING, "talked", "prep:about", True, id="talked-about-a-thing"),
        pytest.param(
            TALKED_ABOUT_CLAUSE, "talked", "prep:about", False, id="talked-about-a-clause"
        ),
    ],
)
def test_reactions_by_preposition(rows, word, relation, reaction):
    doc = make_doc(rows)
    token = next(t for t in doc if t.text == word)
    form = "noun" if token.pos_ == "NOUN" else "verb"
    cue = Cue(token, token.idx, token.idx + len(token), "speech", form)
    assert is_reaction(cue, relation, RULES) is reaction


def test_a_participle_glossing_the_clause_carries_no_content():
    doc = make_doc(GLOSS)
    token = doc[6]
    token.tag_ = "VBG"
    gloss = Cue(token, token.idx, token.idx + len(token), "speech", "verb")
    assert content_range(gloss, RULES) is None
    wants = _cue(doc, "wants")
    assert doc.text[slice(*content_range(wants, RULES)[:2])] == "to sign voters"


def test_a_glossing_participle_whose_frame_often_reports_keeps_its_content():
    doc = make_doc(GLOSS_THAT_REPORTS, tags={"referring": "VBG"})
    cue = _cue(doc, "referring")
    start, end, relation = content_range(cue, RULES)
    assert (doc.text[start:end], relation) == ("the budget", "prep:to")


# "The issue was reported by the Post." / "Taxes were described by aides as unfair."
PASSIVE = [
    ("The", 1, "det", "DET", "the", "O"),
    ("issue", 3, "nsubjpass", "NOUN", "issue", "O"),
    ("was", 3, "auxpass", "AUX", "be", "O"),
    ("reported", 3, "ROOT", "VERB", "report", "O"),
    ("by", 3, "agent", "ADP", "by", "O"),
    ("the", 6, "det", "DET", "the", "O"),
    ("Post", 4, "pobj", "PROPN", "Post", "B-ORG"),
    (".", 3, "punct", "PUNCT", ".", "O"),
]
PASSIVE_AS = [
    ("Taxes", 2, "nsubjpass", "NOUN", "tax", "O"),
    ("were", 2, "auxpass", "AUX", "be", "O"),
    ("described", 2, "ROOT", "VERB", "describe", "O"),
    ("by", 2, "agent", "ADP", "by", "O"),
    ("aides", 3, "pobj", "NOUN", "aide", "O"),
    ("as", 2, "prep", "ADP", "as", "O"),
    ("unfair", 5, "pobj", "ADJ", "unfair", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_a_passive_cue_reports_its_subject_by_its_agent():
    doc = make_doc(PASSIVE)
    cue = _cue(doc, "reported")
    start, end, relation = content_range(cue, RULES)
    assert (doc.text[start:end], relation) == ("The issue", "nsubjpass")
    assert source_head(cue).text == "Post"
    assert is_reaction(cue, relation, RULES)  # it names a thing, not what was said


def test_a_passive_with_a_complement_is_not_its_subject_alone():
    doc = make_doc(PASSIVE_AS)
    found = content_range(_cue(doc, "described"), RULES)
    assert found is None or found[2] != "nsubjpass"


# "The mayor said he backed Smith, the party favorite." (an apposition may end the content)
APPOSITION = [
    ("The", 1, "det", "DET", "the", "O"),
    ("mayor", 2, "nsubj", "NOUN", "mayor", "O"),
    ("said", 2, "ROOT", "VERB", "say", "O"),
    ("he", 4, "nsubj", "PRON", "he", "O"),
    ("backed", 2, "ccomp", "VERB", "back", "O"),
    ("Smith", 4, "dobj", "PROPN", "Smith", "B-PERSON"),
    (",", 5, "punct", "PUNCT", ",", "O"),
    ("the", 9, "det", "DET", "the", "O"),
    ("party", 9, "compound", "NOUN", "party", "O"),
    ("favorite", 5, "appos", "NOUN", "favorite", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]
# "The mayor said out-of-town fees rise." (a hyphen is no dash)
HYPHEN = [
    ("The", 1, "det", "DET", "the", "O"),
    ("mayor", 2, "nsubj", "NOUN", "mayor", "O"),
    ("said", 2, "ROOT", "VERB", "say", "O"),
    ("out", 7, "amod", "ADJ", "out", "O"),
    ("-", 7, "punct", "PUNCT", "-", "O"),
    ("of", 7, "prep", "ADP", "of", "O"),
    ("-", 7, "punct", "PUNCT", "-", "O"),
    ("town", 8, "compound", "NOUN", "town", "O"),
    ("fees", 9, "nsubj", "NOUN", "fee", "O"),
    ("rise", 2, "ccomp", "VERB", "rise", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_an_apposition_offers_a_trimmed_extent():
    assert _extents(APPOSITION, "said") == [
        "he backed Smith, the party favorite",
        "he backed Smith",
    ]


def test_a_hyphen_offers_no_trimmed_extent():
    spaces = [True, True, True, False, False, False, False, True, True, False, False]
    assert _extents(HYPHEN, "said", spaces) == ["out-of-town fees rise"]
