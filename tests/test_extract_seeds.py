"""Extraction on the seed articles in seeds/: the quotes each must yield, and none from page debris.

Quotes are matched by a fragment of their text and by speaker, never by exact offsets.
"""

from pathlib import Path

import pytest
from invariants import check_quote

import quotes
from quotes.inputs import read_inputs

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
SEED_IDS = ["000", "001", "002", "003", "004"]
OPENING_MARKS = "\"'“‘«„"


@pytest.fixture(scope="module")
def seeds():
    """{seed id: (article text, quotes)}, each seed read and extracted once."""
    loaded = {}
    for seed_id in SEED_IDS:
        (path,) = SEEDS_DIR.glob(f"{seed_id}_*.txt")
        (article,) = read_inputs([str(path)])
        text = article.text
        loaded[seed_id] = (text, quotes.extract(text))
    return loaded


def describe(found):
    return "\n".join(
        f"  {q.type} | {q.speaker!r} ({q.speaker_kind}) | {q.text[:70]!r}" for q in found
    )


def having(found, fragment, type_=None):
    return [q for q in found if fragment in q.text and (type_ is None or q.type == type_)]


def the_quote(seeds, seed_id, fragment, type_=None):
    """The first quote of the seed whose text contains `fragment` (and has the type)."""
    found = seeds[seed_id][1]
    matching = having(found, fragment, type_)
    assert matching, (
        f"{seed_id}: no {type_ or ''} quote containing {fragment!r}; found:\n{describe(found)}"
    )
    return matching[0]


def mention_text(quote):
    return quote.speaker_mention.text if quote.speaker_mention else None


# --- invariants on every quote of every seed


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_every_quote_is_well_formed(seeds, seed_id):
    text, found = seeds[seed_id]
    assert found, f"{seed_id}: no quotes at all"
    for q in found:
        check_quote(q, text)


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_direct_quotes_are_the_words_inside_the_marks(seeds, seed_id):
    text, found = seeds[seed_id]
    for q in found:
        if q.type == "direct":
            assert text[: q.start].rstrip(" ")[-1:] in OPENING_MARKS, q.text


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_quotes_are_in_document_order(seeds, seed_id):
    starts = [q.start for q in seeds[seed_id][1]]
    assert starts == sorted(starts)


# --- 004: direct quotes, split quotes, follow-on quotes, "according to AP"


@pytest.mark.parametrize(
    "fragment",
    [
        "conducted a blatant assassination through an airstrike",
        "By this act, the American forces jeopardize civil peace",
        "Even more concerning is that the coalition",
        "This trajectory compels the Iraqi government",
    ],
)
def test_004_rasool_direct_quotes(seeds, fragment):
    quote = the_quote(seeds, "004", fragment, "direct")
    assert quote.speaker == "Yehia Rasool"
    assert quote.speaker_kind == "person"


@pytest.mark.parametrize(
    "fragment",
    [
        "There are no indications of collateral damage or civilian casualties",
        "The United States will continue to take necessary action",
    ],
)
def test_004_centcom_direct_quotes(seeds, fragment):
    quote = the_quote(seeds, "004", fragment, "direct")
    assert quote.speaker == "U.S. Central Command"
    assert quote.speaker_kind == "organization"


@pytest.mark.parametrize(
    "fragment",
    [
        "But it’s not clear what Biden’s endgame is",
        "This is likely to backfire",
    ],
)
def test_004_toossi_direct_quotes(seeds, fragment):
    quote = the_quote(seeds, "004", fragment, "direct")
    assert quote.speaker is not None and "Toossi" in quote.speaker


@pytest.mark.parametrize(
    "fragment",
    [
        "But it’s not clear what Biden’s endgame is",
        "This is likely to backfire",
    ],
)
def test_004_toossi_resolves_to_the_named_person(seeds, fragment):
    # "Sina Toossi, a senior fellow …" then "Toossi added": a person, by full name
    quote = the_quote(seeds, "004", fragment, "direct")
    assert quote.speaker == "Sina Toossi"
    assert quote.speaker_kind == "person"


def test_004_according_to_ap(seeds):
    quote = the_quote(seeds, "004", "The precision blast hit a main thoroughfare", "direct")
    assert quote.speaker is not None
    assert "Associated Press" in quote.speaker or "AP" in quote.speaker
    assert quote.speaker_kind == "organization"


@pytest.mark.parametrize("word", ["donation", "Truthout", "fundraising", "$28,000"])
def test_004_nothing_from_the_fundraising_text(seeds, word):
    text, found = seeds["004"]
    assert not [q for q in found if word in q.text], describe(found)


def test_004_no_quote_after_the_article_ends(seeds):
    text, found = seeds["004"]
    end = text.index("Countdown is on")
    assert [q for q in found if q.start >= end] == []


# --- 003: anonymous source with via, "the statement said", mixed quotes, headline


@pytest.mark.parametrize(
    "fragment",
    [
        "The Iraqi government is caught in a war between the U.S. and Iranian proxies",
        "Iran needs this war to spread",
    ],
)
def test_003_anonymous_lawmaker_direct_quotes(seeds, fragment):
    quote = the_quote(seeds, "003", fragment, "direct")
    assert quote.speaker_kind == "anonymous"
    assert quote.speaker is not None and "member of Iraq's Parliament" in quote.speaker
    assert quote.via == "CBS News"


def test_003_kanaani_direct_quote(seeds):
    quote = the_quote(seeds, "003", "Regional resistance factions do not receive orders", "direct")
    assert quote.speaker == "Nasser Kanaani"
    assert quote.speaker_kind == "person"


def test_003_the_statement_said(seeds):
    quote = the_quote(seeds, "003", "There are no indications of collateral damage", "direct")
    assert quote.speaker == "U.S. Central Command"
    assert quote.speaker_kind == "organization"
    assert mention_text(quote) == "the statement"


def test_003_central_command_confirmed_in_a_statement(seeds):
    quote = the_quote(seeds, "003", "conducted a unilateral strike in Iraq")
    assert quote.speaker == "U.S. Central Command"


@pytest.mark.parametrize(
    "fragment",
    [
        "conducted a blatant assassination",
        "no regard for civilian lives or international laws",
        "become a factor of instability",
    ],
)
def test_003_rasool_quoted_fragments(seeds, fragment):
    quote = the_quote(seeds, "003", fragment)
    assert quote.speaker == "Yehia Rasool"
    assert quote.speaker_kind == "person"


@pytest.mark.parametrize(
    "fragments",
    [
        # accusing it of having "conducted a blatant assassination" in Baghdad with "no regard …"
        ("conducted a blatant assassination", "no regard for civilian lives"),
        # The … coalition in Iraq, Rasool said, had "become a factor of instability" in the country.
        ("become a factor of instability",),
    ],
)
def test_003_rasool_mixed_quotes(seeds, fragments):
    found = seeds["003"][1]
    mixed = [
        q
        for q in found
        if q.type == "mixed"
        and q.speaker == "Yehia Rasool"
        and all(fragment in q.text for fragment in fragments)
    ]
    assert mixed, f"no mixed quote by Yehia Rasool with {fragments}; found:\n{describe(found)}"


def test_003_headline_quote(seeds):
    text, found = seeds["003"]
    headline = [q for q in found if q.text == "Blatant assassination"]
    assert headline, describe(found)
    assert all(q.type == "direct" and q.speaker is not None for q in headline)


@pytest.mark.parametrize(
    "word", ["Ruby Freeman", "panicked state", "Annie", "reborn", "So You Think", "Asgard"]
)
def test_003_nothing_from_the_link_lists(seeds, word):
    text, found = seeds["003"]
    assert not [q for q in found if word in q.text], describe(found)


def test_003_no_quote_in_the_link_lists(seeds):
    text, found = seeds["003"]
    lists_start = text.index("\nRelated\n")
    assert [q for q in found if q.start >= lists_start] == []


# --- 001: indirect speech, "according to", anonymous sources


def test_001_rasool_claiming_that(seeds):
    quote = the_quote(seeds, "001", "they committed a clear act of murder", "indirect")
    assert quote.speaker == "Yehia Rasool"
    assert quote.speaker_kind == "person"


def test_001_according_to_a_lawmaker(seeds):
    quote = the_quote(seeds, "001", "the Iraqi government is currently involved", "indirect")
    assert quote.speaker_kind == "anonymous"
    assert quote.speaker is not None
    assert "lawmaker" in quote.speaker or "Parliament" in quote.speaker
    assert quote.via == "CBS News"
    assert quote.cue is not None and "according to" in quote.cue.lower()


def test_001_the_lawmaker_also_stated(seeds):
    quote = the_quote(seeds, "001", "Iran benefits from this ongoing war", "indirect")
    assert quote.speaker_kind == "anonymous"
    assert quote.speaker is not None
    assert "lawmaker" in quote.speaker or "Parliament" in quote.speaker
    assert mention_text(quote) == "The lawmaker"


def test_001_according_to_a_government_representative(seeds):
    quote = the_quote(seeds, "001", "Baghdad has not yet reached a conclusive decision", "indirect")
    assert quote.speaker_kind == "anonymous"
    assert quote.speaker is not None and "representative" in quote.speaker
    assert quote.cue is not None and "according to" in quote.cue.lower()


def test_001_according_to_the_statement(seeds):
    quote = the_quote(seeds, "001", "there is currently no evidence of harm", "indirect")
    assert quote.speaker == "U.S. Central Command"
    assert mention_text(quote) == "the statement"


def test_001_kanaani_stated(seeds):
    quote = the_quote(seeds, "001", "regional resistance factions are not instructed", "indirect")
    assert quote.speaker == "Nasser Kanaani"


def test_001_maintaining_that(seeds):
    quote = the_quote(seeds, "001", "they operate autonomously", "indirect")
    assert quote.speaker is not None and "Iran" in quote.speaker


# --- 000: pronoun and "the statement" resolution


def test_000_he_also_stated(seeds):
    quote = the_quote(
        seeds, "000", "the U.S.-led coalition in Iraq had become a source of instability"
    )
    assert quote.type == "indirect"
    assert quote.speaker == "Yehia Rasool"
    assert quote.speaker_kind == "person"
    assert mention_text(quote) == "He"


def test_000_the_statement_also_noted(seeds):
    quote = the_quote(seeds, "000", "there were no indications of collateral damage")
    assert quote.type == "indirect"
    assert quote.speaker == "U.S. Central Command"
    assert quote.speaker_kind == "organization"
    assert mention_text(quote) == "The statement"


def test_000_central_command_stating_that(seeds):
    quote = the_quote(seeds, "000", "it was a response to the attacks on U.S. service members")
    assert quote.speaker == "U.S. Central Command"


def test_000_rasool_accusing(seeds):
    quote = the_quote(seeds, "000", "disregarding civilian lives and international laws")
    assert quote.speaker == "Yehia Rasool"


# --- 002: surname resolution, an organisation by another name


def test_002_rasool_emphasized(seeds):
    quote = the_quote(seeds, "002", "the strike further destabilized the region", "indirect")
    assert quote.speaker == "Yehia Rasool"
    assert mention_text(quote) == "Rasool"


def test_002_the_pentagon_has_indicated(seeds):
    quote = the_quote(
        seeds, "002", "there are no plans for a prolonged military campaign", "indirect"
    )
    assert mention_text(quote) == "the Pentagon"
    assert quote.speaker_kind == "organization"
