"""The drift classifier on pairs of renderings: one reference, one other version."""

from __future__ import annotations

import pytest

from quotes.drift.features import SimpleLemmatizer, SpacyLemmatizer
from quotes.drift.pipeline import track_drift
from quotes.drift.records import ArticleRecord, QuoteRecord, SpeakerRef

CENTCOM = SpeakerRef("centcom", "U.S. Central Command", "organization")
CENTCOM_AGAIN = SpeakerRef(
    "central-command", "Central Command of the United States military", "organization"
)
PENTAGON_OFFICIALS = SpeakerRef("pentagon-officials", "Pentagon officials", "group")
ANOTHER_ORG = SpeakerRef("houthis", "Houthi movement", "organization")
RASOOL = SpeakerRef("yehia-rasool", "Yehia Rasool", "person")
KANAANI = SpeakerRef("nasser-kanaani", "Nasser Kanaani", "person")

FULL = (
    "There are no indications of collateral damage or civilian casualties at this time. "
    "We will not hesitate to hold responsible all those who threaten our forces' safety."
)
TRAJECTORY = (
    "This trajectory compels the Iraqi government more than ever to terminate the mission of "
    "this coalition, which has become a factor for instability and threatens to entangle Iraq "
    "in the cycle of conflict"
)


@pytest.fixture(scope="module")
def lemmatizer() -> SpacyLemmatizer:
    return SpacyLemmatizer()


def run_pair(lemmatizer, reference, other):
    """Track drift over two articles holding one quote each; the drift of the second."""
    articles = [
        ArticleRecord("a1", "", "Outlet One", "2024-02-07"),
        ArticleRecord("a2", "", "Outlet Two", "2024-02-08"),
    ]
    quotes = [
        QuoteRecord("q1", "a1", reference[0], reference[1], reference[2]),
        QuoteRecord("q2", "a2", other[0], other[1], other[2]),
    ]
    result = track_drift(articles, quotes, lemmatizer)
    return result, result.quotes["q1"], result.quotes["q2"]


# (reference, other version, drift class of the other, misquote)
SAME_STATEMENT = [
    pytest.param(
        ("direct", FULL, CENTCOM), ("direct", FULL, CENTCOM), "verbatim", False, id="verbatim"
    ),
    pytest.param(
        ("direct", FULL, CENTCOM),
        ("direct", FULL.upper().replace("'", "’").replace(",", ""), CENTCOM_AGAIN),
        "verbatim",
        False,
        id="verbatim-despite-case-punctuation-marks-and-speaker-spelling",
    ),
    pytest.param(
        ("direct", FULL, CENTCOM),
        ("direct", "no indications of collateral damage", CENTCOM),
        "excerpt",
        False,
        id="excerpt",
    ),
    pytest.param(
        ("direct", FULL, CENTCOM),
        ("direct", "There are no indications … at this time. We will not hesitate", CENTCOM),
        "excerpt",
        False,
        id="excerpt-with-ellipsis",
    ),
    pytest.param(
        ("direct", FULL, CENTCOM),
        (
            "direct",
            "[The U.S.] will not hesitate to hold responsible all those who threaten",
            CENTCOM,
        ),
        "excerpt",
        False,
        id="excerpt-with-editorial-brackets",
    ),
    pytest.param(
        ("direct", FULL, CENTCOM),
        (
            "mixed",
            'The command said it would "hold responsible all those who threaten" its troops',
            CENTCOM,
        ),
        "excerpt",
        False,
        id="excerpt-in-mixed-quote",
    ),
    pytest.param(
        ("direct", TRAJECTORY, RASOOL),
        ("direct", "become a factor of instability", RASOOL),
        "altered",
        True,
        id="altered-one-word-in-excerpt",
    ),
    pytest.param(
        ("direct", FULL, CENTCOM),
        (
            "direct",
            "We will not hesitate to punish all those who threaten our forces' safety",
            CENTCOM,
        ),
        "altered",
        True,
        id="altered-substituted-word",
    ),
    pytest.param(
        ("direct", FULL, CENTCOM),
        ("mixed", 'The command said there were "no signs of collateral damage"', CENTCOM),
        "altered",
        True,
        id="altered-fragment-in-mixed-quote",
    ),
    pytest.param(
        ("direct", FULL, CENTCOM),
        (
            "indirect",
            "that there was no evidence of collateral harm or civilian casualties",
            CENTCOM,
        ),
        "paraphrase",
        False,
        id="paraphrase-with-synonyms",
    ),
    pytest.param(
        (
            "direct",
            "Regional resistance factions do not receive orders from Iran, and Iran does not "
            "interfere in the decisions of the resistance to support Palestine or defend itself",
            KANAANI,
        ),
        (
            "indirect",
            "that regional resistance factions are not instructed by Iran and that Iran does not "
            "meddle in their choices to back Palestine or protect themselves",
            KANAANI,
        ),
        "paraphrase",
        False,
        id="paraphrase-reworded-throughout",
    ),
    pytest.param(
        ("direct", FULL, CENTCOM),
        (
            "direct",
            "no indications of collateral damage or civilian casualties",
            PENTAGON_OFFICIALS,
        ),
        "reattributed",
        False,
        id="reattributed-to-vaguer-speaker",
    ),
    pytest.param(
        ("direct", FULL, CENTCOM),
        ("direct", "We will not hesitate to hold responsible all those who threaten", ANOTHER_ORG),
        "reattributed",
        False,
        id="reattributed-to-other-speaker",
    ),
]


@pytest.mark.parametrize(("reference", "other", "expected", "misquote"), SAME_STATEMENT)
def test_renderings_of_one_statement(lemmatizer, reference, other, expected, misquote):
    result, ref, drift = run_pair(lemmatizer, reference, other)
    assert len(result.statements) == 1
    assert ref.drift_class == "reference"
    assert drift.statement_id == ref.statement_id
    assert drift.drift_class == expected
    assert drift.misquote is misquote
    assert drift.attribution_changed is (expected == "reattributed")


# Quotes that share words but are not renderings of one utterance.
DIFFERENT_STATEMENTS = [
    pytest.param(
        (
            "direct",
            "By this act, the American forces jeopardize civil peace and violate Iraqi sovereignty",
            RASOOL,
        ),
        (
            "direct",
            "Even more concerning is that the coalition consistently deviates from its objectives",
            RASOOL,
        ),
        id="same-speaker-same-topic",
    ),
    pytest.param(
        ("direct", TRAJECTORY, RASOOL),
        ("indirect", "that the coalition had failed its mission in Iraq", RASOOL),
        id="same-speaker-few-shared-words",
    ),
    pytest.param(
        ("direct", FULL, CENTCOM),
        (
            "indirect",
            "that there were no indications of collateral damage or civilian casualties",
            ANOTHER_ORG,
        ),
        id="paraphrase-given-to-another-named-speaker",
    ),
    pytest.param(
        ("direct", "It is a tragedy for everyone", RASOOL),
        ("direct", "a tragedy", KANAANI),
        id="one-shared-content-word",
    ),
    pytest.param(
        ("direct", "Iran needs this war to spread, so they can embarrass the U.S.", RASOOL),
        ("indirect", "that Israel needed the war to spread in order to embarrass Egypt", RASOOL),
        id="same-speaker-other-entities",
    ),
    pytest.param(
        ("direct", "We will not hesitate to act", RASOOL),
        ("direct", "We will not hesitate to respond if we are attacked again", KANAANI),
        id="common-phrase-two-speakers",
    ),
]


@pytest.mark.parametrize(("reference", "other"), DIFFERENT_STATEMENTS)
def test_similar_quotes_of_other_statements_stay_apart(lemmatizer, reference, other):
    result, ref, drift = run_pair(lemmatizer, reference, other)
    assert len(result.statements) == 2
    assert drift.statement_id != ref.statement_id
    assert (ref.drift_class, drift.drift_class) == ("reference", "reference")
    assert not drift.misquote


def test_reference_is_the_fullest_direct_version(lemmatizer):
    _, first, second = run_pair(
        lemmatizer,
        ("direct", "no indications of collateral damage", CENTCOM),
        ("direct", FULL, CENTCOM),
    )
    assert (first.drift_class, second.drift_class) == ("excerpt", "reference")


def test_diff_of_an_altered_excerpt_marks_the_substitution(lemmatizer):
    _, _, drift = run_pair(
        lemmatizer,
        ("direct", TRAJECTORY, RASOOL),
        ("direct", "become a factor of instability", RASOOL),
    )
    assert {"op": "substitute", "ref": "for", "quote": "of"} in drift.diff
    assert [op["op"] for op in drift.diff if op.get("trimmed")] == ["drop", "drop"]
    assert "<del>for</del> <ins>of</ins>" in drift.diff_html
    assert drift.similarity == pytest.approx(0.8)


def test_statement_counts_outlets_and_dates(lemmatizer):
    result, _, _ = run_pair(lemmatizer, ("direct", FULL, CENTCOM), ("direct", FULL, CENTCOM))
    (statement,) = result.statements
    assert (statement.n_quotes, statement.n_outlets) == (2, 2)
    assert (statement.first_published, statement.last_published) == ("2024-02-07", "2024-02-08")
    assert statement.speaker_id == "centcom"


def test_simple_lemmatizer_gives_the_same_classes_for_surface_variants():
    result, _, drift = run_pair(
        SimpleLemmatizer(),
        ("direct", FULL, CENTCOM),
        ("direct", "hold responsible all those", CENTCOM),
    )
    assert drift.drift_class == "excerpt"
    assert len(result.statements) == 1
