"""Contents around their cue, on constructed Docs: a speech verb set off by commas inside the
sentence it reports, an agentless passive, a raising verb, and "according to" made the root."""

from __future__ import annotations

import pytest
from constructed_docs import SAID_THAT, make_doc, only_cue

from quotes.content import content_range, cue_phrase, raised_subject
from quotes.extractor import extract_quotes
from quotes.rules import load_rules
from quotes.scoring import CandidateScorer

RULES = load_rules()

# "Taxes rose, the agency said in a report, and fees fell." (the parse hangs the first
# clause on the cue as its ccomp and the second as its conj)
AGENCY_SAID = [
    ("Taxes", 1, "nsubj", "NOUN", "tax", "O"),
    ("rose", 5, "ccomp", "VERB", "rise", "O"),
    (",", 5, "punct", "PUNCT", ",", "O"),
    ("the", 4, "det", "DET", "the", "O"),
    ("agency", 5, "nsubj", "NOUN", "agency", "O"),
    ("said", 5, "ROOT", "VERB", "say", "O"),
    ("in", 5, "prep", "ADP", "in", "O"),
    ("a", 8, "det", "DET", "a", "O"),
    ("report", 6, "pobj", "NOUN", "report", "O"),
    (",", 5, "punct", "PUNCT", ",", "O"),
    ("and", 5, "cc", "CCONJ", "and", "O"),
    ("fees", 12, "nsubj", "NOUN", "fee", "O"),
    ("fell", 5, "conj", "VERB", "fall", "O"),
    (".", 5, "punct", "PUNCT", ".", "O"),
]
# "Though rents were high, Ana Diaz said, prices would fall." (the cue as parataxis of the
# second clause, with the first hung on the cue)
THOUGH_SHE_SAID = [
    ("Though", 2, "mark", "SCONJ", "though", "O"),
    ("rents", 2, "nsubj", "NOUN", "rent", "O"),
    ("were", 7, "advcl", "AUX", "be", "O"),
    ("high", 2, "acomp", "ADJ", "high", "O"),
    (",", 7, "punct", "PUNCT", ",", "O"),
    ("Ana", 6, "compound", "PROPN", "Ana", "B-PERSON"),
    ("Diaz", 7, "nsubj", "PROPN", "Diaz", "I-PERSON"),
    ("said", 11, "parataxis", "VERB", "say", "O"),
    (",", 7, "punct", "PUNCT", ",", "O"),
    ("prices", 11, "nsubj", "NOUN", "price", "O"),
    ("would", 11, "aux", "AUX", "would", "O"),
    ("fall", 11, "ROOT", "VERB", "fall", "O"),
    (".", 11, "punct", "PUNCT", ".", "O"),
]
# "Rents rose, but prices, he said, would fall." (the cue is set into the second clause)
BUT_HE_SAID = [
    ("Rents", 1, "nsubj", "NOUN", "rent", "O"),
    ("rose", 1, "ROOT", "VERB", "rise", "O"),
    (",", 1, "punct", "PUNCT", ",", "O"),
    ("but", 1, "cc", "CCONJ", "but", "O"),
    ("prices", 10, "nsubj", "NOUN", "price", "O"),
    (",", 7, "punct", "PUNCT", ",", "O"),
    ("he", 7, "nsubj", "PRON", "he", "O"),
    ("said", 10, "parataxis", "VERB", "say", "O"),
    (",", 7, "punct", "PUNCT", ",", "O"),
    ("would", 10, "aux", "AUX", "would", "O"),
    ("fall", 1, "conj", "VERB", "fall", "O"),
    (".", 1, "punct", "PUNCT", ".", "O"),
]
# "Rents, said the mayor, would fall." (the subject after the verb)
SAID_THE_MAYOR = [
    ("Rents", 7, "nsubj", "NOUN", "rent", "O"),
    (",", 2, "punct", "PUNCT", ",", "O"),
    ("said", 7, "parataxis", "VERB", "say", "O"),
    ("the", 4, "det", "DET", "the", "O"),
    ("mayor", 2, "nsubj", "NOUN", "mayor", "O"),
    (",", 2, "punct", "PUNCT", ",", "O"),
    ("would", 7, "aux", "AUX", "would", "O"),
    ("fall", 7, "ROOT", "VERB", "fall", "O"),
    (".", 7, "punct", "PUNCT", ".", "O"),
]
# "Prices, he told reporters, would fall." (the object of 'told' is the listener)
TOLD_REPORTERS = [
    ("Prices", 7, "nsubj", "NOUN", "price", "O"),
    (",", 3, "punct", "PUNCT", ",", "O"),
    ("he", 3, "nsubj", "PRON", "he", "O"),
    ("told", 7, "parataxis", "VERB", "tell", "O"),
    ("reporters", 3, "dobj", "NOUN", "reporter", "O"),
    (",", 3, "punct", "PUNCT", ",", "O"),
    ("would", 7, "aux", "AUX", "would", "O"),
    ("fall", 7, "ROOT", "VERB", "fall", "O"),
    (".", 7, "punct", "PUNCT", ".", "O"),
]
# "Taxes rose, the agency said, adding that fees fell." (a participle glosses the cue)
SAID_ADDING = [
    ("Taxes", 1, "nsubj", "NOUN", "tax", "O"),
    ("rose", 5, "ccomp", "VERB", "rise", "O"),
    (",", 5, "punct", "PUNCT", ",", "O"),
    ("the", 4, "det", "DET", "the", "O"),
    ("agency", 5, "nsubj", "NOUN", "agency", "O"),
    ("said", 5, "ROOT", "VERB", "say", "O"),
    (",", 5, "punct", "PUNCT", ",", "O"),
    ("adding", 5, "advcl", "VERB", "add", "O"),
    ("that", 10, "mark", "SCONJ", "that", "O"),
    ("fees", 10, "nsubj", "NOUN", "fee", "O"),
    ("fell", 7, "ccomp", "VERB", "fall", "O"),
    (".", 5, "punct", "PUNCT", ".", "O"),
]
# "A critic of the plan, the mayor likened it to a tax." (a verb that is not
# speech, with its own object, is no cue set into the sentence)
MAYOR_LIKENED = [
    ("A", 1, "det", "DET", "a", "O"),
    ("critic", 7, "npadvmod", "NOUN", "critic", "O"),
    ("of", 1, "prep", "ADP", "of", "O"),
    ("the", 4, "det", "DET", "the", "O"),
    ("plan", 2, "pobj", "NOUN", "plan", "O"),
    (",", 7, "punct", "PUNCT", ",", "O"),
    ("the", 7, "det", "DET", "the", "O"),
    ("mayor", 8, "nsubj", "NOUN", "mayor", "O"),
    ("likened", 8, "ROOT", "VERB", "liken", "O"),
    ("it", 8, "dobj", "PRON", "it", "O"),
    ("to", 8, "prep", "ADP", "to", "O"),
    ("a", 12, "det", "DET", "a", "O"),
    ("tax", 10, "pobj", "NOUN", "tax", "O"),
    (".", 8, "punct", "PUNCT", ".", "O"),
]


@pytest.mark.parametrize(
    ("rows", "cue", "phrase", "content"),
    [
        (
            AGENCY_SAID,
            "said",
            "the agency said in a report",
            "Taxes rose, the agency said in a report, and fees fell.",
        ),
        (
            THOUGH_SHE_SAID,
            "said",
            "Ana Diaz said",
            "Though rents were high, Ana Diaz said, prices would fall.",
        ),
        (BUT_HE_SAID, "said", "he said", "prices, he said, would fall."),
        (SAID_THE_MAYOR, "said", "said the mayor", "Rents, said the mayor, would fall."),
        (TOLD_REPORTERS, "told", "he told reporters", "Prices, he told reporters, would fall."),
    ],
    ids=[
        "root-cue-with-conjunct",
        "parataxis-after-subordinate",
        "second-clause-of-two",
        "subject-after-the-verb",
        "told-a-listener",
    ],
)
def test_the_content_is_the_clause_the_cue_is_set_into(rows, cue, phrase, content):
    doc = make_doc(rows)
    cue = only_cue(doc, cue)
    first, last = cue_phrase(cue.token, RULES)
    start, end, relation = content_range(cue, RULES)
    assert (doc[first : last + 1].text, doc.text[start:end], relation) == (
        phrase,
        content,
        "^set-off",
    )


@pytest.mark.parametrize(
    ("rows", "cue"),
    [(SAID_ADDING, "said"), (MAYOR_LIKENED, "likened")],
    ids=["participle-after-the-cue", "not-a-speech-verb"],
)
def test_no_cue_set_off(rows, cue):
    doc = make_doc(rows, tags={"adding": "VBG"})
    assert cue_phrase(only_cue(doc, cue).token, RULES) is None


def test_the_two_halves_are_one_attribution():
    found = extract_quotes(make_doc(AGENCY_SAID), RULES)
    assert [(q.type, q.text, q.speaker_mention.text, q.attribution) for q in found] == [
        ("indirect", "Taxes rose", "the agency", 0),
        ("indirect", "and fees fell.", "the agency", 0),
    ]


def test_a_participle_after_the_cue_stays_its_own_content():
    doc = make_doc(SAID_ADDING, tags={"adding": "VBG"})
    start, end, relation = content_range(only_cue(doc, "said"), RULES)
    assert (doc.text[start:end], relation) == ("Taxes rose", "ccomp")


# "Turnout is widely expected to rise." (an agentless passive cue: its subject is part of
# what is expected)
TURNOUT_EXPECTED = [
    ("Turnout", 3, "nsubjpass", "NOUN", "turnout", "O"),
    ("is", 3, "auxpass", "AUX", "be", "O"),
    ("widely", 3, "advmod", "ADV", "widely", "O"),
    ("expected", 3, "ROOT", "VERB", "expect", "O"),
    ("to", 5, "aux", "PART", "to", "O"),
    ("rise", 3, "xcomp", "VERB", "rise", "O"),
    (".", 3, "punct", "PUNCT", ".", "O"),
]
# "Turnout is expected by analysts to rise." (the agent names the source: the passive-with-agent
# rule reads the subject as what the agent expects)
TURNOUT_EXPECTED_BY = [
    ("Turnout", 2, "nsubjpass", "NOUN", "turnout", "O"),
    ("is", 2, "auxpass", "AUX", "be", "O"),
    ("expected", 2, "ROOT", "VERB", "expect", "O"),
    ("by", 2, "agent", "ADP", "by", "O"),
    ("analysts", 3, "pobj", "NOUN", "analyst", "O"),
    ("to", 6, "aux", "PART", "to", "O"),
    ("rise", 2, "xcomp", "VERB", "rise", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


def test_an_agentless_passive_cue_takes_its_subject_into_the_content():
    doc = make_doc(TURNOUT_EXPECTED, tags={"expected": "VBN"})
    cue = only_cue(doc, "expected")
    start, end, relation = content_range(cue, RULES)
    assert (doc.text[start:end], relation) == ("Turnout is widely expected to rise", "xcomp")
    found = extract_quotes(doc, RULES)
    assert [(q.text, q.speaker) for q in found] == [("Turnout is widely expected to rise", None)]


def test_a_passive_cue_with_an_agent_is_no_agentless_passive():
    doc = make_doc(TURNOUT_EXPECTED_BY, tags={"expected": "VBN"})
    cue = only_cue(doc, "expected")
    assert content_range(cue, RULES)[2] == "nsubjpass"


# "According to Ana Diaz, the plan fails badly." with the clause hung on the source and the
# cue made the sentence's root
ACCORDING_AS_ROOT = [
    ("According", 0, "ROOT", "VERB", "accord", "O"),
    ("to", 0, "prep", "ADP", "to", "O"),
    ("Ana", 3, "compound", "PROPN", "Ana", "B-PERSON"),
    ("Diaz", 1, "pobj", "PROPN", "Diaz", "I-PERSON"),
    (",", 3, "punct", "PUNCT", ",", "O"),
    ("the", 6, "det", "DET", "the", "O"),
    ("plan", 3, "appos", "NOUN", "plan", "O"),
    ("fails", 6, "acl", "VERB", "fail", "O"),
    ("badly", 7, "advmod", "ADV", "badly", "O"),
    (".", 0, "punct", "PUNCT", ".", "O"),
]
# "According to MSNBC, basically." (a trailing word is no clause)
ACCORDING_BASICALLY = [
    ("According", 0, "ROOT", "VERB", "accord", "O"),
    ("to", 0, "prep", "ADP", "to", "O"),
    ("MSNBC", 1, "pobj", "PROPN", "MSNBC", "B-ORG"),
    (",", 0, "punct", "PUNCT", ",", "O"),
    ("basically", 0, "advmod", "ADV", "basically", "O"),
    (".", 0, "punct", "PUNCT", ".", "O"),
]


@pytest.mark.parametrize(
    ("rows", "content"),
    [(ACCORDING_AS_ROOT, "the plan fails badly."), (ACCORDING_BASICALLY, None)],
    ids=["clause-after-the-source", "no-clause"],
)
def test_according_to_as_the_root_reports_the_words_after_its_source(rows, content):
    doc = make_doc(rows, tags={"According": "VBG"})
    found = content_range(only_cue(doc, "According to"), RULES)
    assert (doc.text[found[0] : found[1]] if found else None) == content


# "Claiming taxes rose, the mayor told reporters that fees fell." with the participle's
# clause hung on the cue as a second ccomp, ahead of it
TWO_CLAUSES = [
    ("Claiming", 6, "ccomp", "VERB", "claim", "O"),
    ("taxes", 2, "nsubj", "NOUN", "tax", "O"),
    ("rose", 0, "ccomp", "VERB", "rise", "O"),
    (",", 6, "punct", "PUNCT", ",", "O"),
    ("the", 5, "det", "DET", "the", "O"),
    ("mayor", 6, "nsubj", "NOUN", "mayor", "O"),
    ("told", 6, "ROOT", "VERB", "tell", "O"),
    ("reporters", 6, "dobj", "NOUN", "reporter", "O"),
    ("that", 10, "mark", "SCONJ", "that", "O"),
    ("fees", 10, "nsubj", "NOUN", "fee", "O"),
    ("fell", 6, "ccomp", "VERB", "fall", "O"),
    (".", 6, "punct", "PUNCT", ".", "O"),
]


# "Claiming taxes rose, the mayor urged voters to act." (a clause ahead of the cue and an
# infinitive after it: what he urged is after it)
CLAUSE_THEN_INFINITIVE = [
    ("Claiming", 6, "ccomp", "VERB", "claim", "O"),
    ("taxes", 2, "nsubj", "NOUN", "tax", "O"),
    ("rose", 0, "ccomp", "VERB", "rise", "O"),
    (",", 6, "punct", "PUNCT", ",", "O"),
    ("the", 5, "det", "DET", "the", "O"),
    ("mayor", 6, "nsubj", "NOUN", "mayor", "O"),
    ("urged", 6, "ROOT", "VERB", "urge", "O"),
    ("voters", 6, "dobj", "NOUN", "voter", "O"),
    ("to", 9, "aux", "PART", "to", "O"),
    ("act", 6, "xcomp", "VERB", "act", "O"),
    (".", 6, "punct", "PUNCT", ".", "O"),
]


@pytest.mark.parametrize(
    ("rows", "cue", "content", "relation"),
    [
        (TWO_CLAUSES, "told", "that fees fell", "ccomp"),
        (CLAUSE_THEN_INFINITIVE, "urged", "voters to act", "xcomp"),
    ],
    ids=["two-clauses", "clause-then-infinitive"],
)
def test_a_dependent_after_the_cue_comes_before_one_ahead_of_it(rows, cue, content, relation):
    doc = make_doc(rows, tags={"Claiming": "VBG"})
    start, end, found = content_range(only_cue(doc, cue), RULES)
    assert (doc.text[start:end], found) == (content, relation)


# 'The mayor said that "taxes rose. Fees fell."' (the parse ends the clause at its sentence;
# the quotation it opened goes on)
QUOTATION_RUNS_ON = [
    ("The", 1, "det", "DET", "the", "O"),
    ("mayor", 2, "nsubj", "NOUN", "mayor", "O"),
    ("said", 2, "ROOT", "VERB", "say", "O"),
    ("that", 6, "mark", "SCONJ", "that", "O"),
    ('"', 6, "punct", "PUNCT", '"', "O"),
    ("taxes", 6, "nsubj", "NOUN", "tax", "O"),
    ("rose", 2, "ccomp", "VERB", "rise", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
    ("Fees", 9, "nsubj", "NOUN", "fee", "O"),
    ("fell", 9, "ROOT", "VERB", "fall", "O"),
    (".", 9, "punct", "PUNCT", ".", "O"),
    ('"', 9, "punct", "PUNCT", '"', "O"),
]


def test_a_content_ending_inside_the_quotation_it_opened_runs_on_to_the_close():
    found = extract_quotes(make_doc(QUOTATION_RUNS_ON), RULES)
    assert [(q.type, q.text, q.speaker_mention.text) for q in found] == [
        ("mixed", 'that "taxes rose. Fees fell."', "The mayor")
    ]


# "The plan seems to have failed." (a raising verb: its subject is what the writer reads
# something into, not a source)
PLAN_SEEMS = [
    ("The", 1, "det", "DET", "the", "O"),
    ("plan", 2, "nsubj", "NOUN", "plan", "O"),
    ("seems", 2, "ROOT", "VERB", "seem", "O"),
    ("to", 5, "aux", "PART", "to", "O"),
    ("have", 5, "aux", "AUX", "have", "O"),
    ("failed", 2, "xcomp", "VERB", "fail", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]
# "It seems to be raining." (an expletive subject is nobody's and nothing's)
IT_SEEMS = [
    ("It", 1, "nsubj", "PRON", "it", "O"),
    ("seems", 1, "ROOT", "VERB", "seem", "O"),
    ("to", 4, "aux", "PART", "to", "O"),
    ("be", 4, "aux", "AUX", "be", "O"),
    ("raining", 1, "xcomp", "VERB", "rain", "O"),
    (".", 1, "punct", "PUNCT", ".", "O"),
]


def test_a_raising_verb_takes_its_subject_into_the_content_and_names_no_source():
    doc = make_doc(PLAN_SEEMS, tags={"seems": "VBZ", "failed": "VBN"})
    cue = only_cue(doc, "seems")
    assert raised_subject(cue, "xcomp", RULES).text == "plan"
    start, end, relation = content_range(cue, RULES)
    assert (doc.text[start:end], relation) == ("The plan seems to have failed", "xcomp")
    # a scorer that keeps every candidate: this is about the extent and the source, not the odds
    found = extract_quotes(doc, RULES, CandidateScorer(0.0, {}))
    assert [(q.text, q.speaker, q.speaker_mention) for q in found] == [
        ("The plan seems to have failed", None, None)
    ]


def test_an_expletive_subject_is_not_raised():
    doc = make_doc(IT_SEEMS, tags={"seems": "VBZ", "raining": "VBG"})
    cue = only_cue(doc, "seems")
    assert raised_subject(cue, "xcomp", RULES) is None
    assert raised_subject(cue, "ccomp", RULES) is None


# "The mayor vowed to raise taxes." (an infinitive content)
MAYOR_VOWED = [
    ("The", 1, "det", "DET", "the", "O"),
    ("mayor", 2, "nsubj", "NOUN", "mayor", "O"),
    ("vowed", 2, "ROOT", "VERB", "vow", "O"),
    ("to", 4, "aux", "PART", "to", "O"),
    ("raise", 2, "xcomp", "VERB", "raise", "O"),
    ("taxes", 4, "dobj", "NOUN", "tax", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]


@pytest.mark.parametrize(
    "rows, tags, by_hand",
    [
        (SAID_THAT, {"will": "MD", "rise": "VB"}, [("that taxes will rise", "mayor")]),
        # an infinitive is the scorer's to keep or drop, like any other content
        (MAYOR_VOWED, {"to": "TO", "raise": "VB", "taxes": "NNS"}, []),
    ],
)
def test_the_hand_rules_keep_reported_clauses_not_infinitives(rows, tags, by_hand):
    doc = make_doc(rows, tags=tags)
    dropping_all = CandidateScorer(-50.0, {})
    assert [(q.text, q.speaker) for q in extract_quotes(doc, RULES, dropping_all)] == by_hand
    keeping_all = CandidateScorer(0.0, {})
    assert len(extract_quotes(doc, RULES, keeping_all)) == 1
