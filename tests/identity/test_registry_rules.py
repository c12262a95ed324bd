"""Speaker registry rules (issue 8, item 2): what becomes a speakers row, of what kind."""

from __future__ import annotations

import pytest

from quotes.identity import slug
from quotes.model import Mention, Quote
from quotes.speakers import SpeakerRegistry

TEXT = 'Iraq condemned it as "a blatant assassination," the official said.'


def _quote(speaker, kind, mention=None, aliases=(), start=20, end=44, type="direct"):
    where = TEXT.find(mention) if mention and mention in TEXT else 100
    return Quote(
        type=type,
        text=TEXT[start:end],
        start=start,
        end=end,
        speaker=speaker,
        speaker_kind=kind,
        speaker_mention=Mention(mention, where, where + len(mention)) if mention else None,
        speaker_aliases=list(aliases or ([speaker] if speaker else [])),
    )


@pytest.mark.parametrize(
    ("quote", "row"),
    [
        # pronouns and bare common nouns name no speaker
        (_quote("it", "unknown", "it"), None),
        (_quote("they", "group", "they"), None),
        (_quote("He", "person", "He"), None),
        (_quote("strike", "unknown", "the strike"), None),
        (_quote(None, "unknown", "the strike"), None),
        # words of the quote itself are not its speaker
        (
            _quote(
                "blatant assassination",
                "anonymous",
                "a blatant assassination",
                start=TEXT.index("a blatant"),
                end=TEXT.index(',"'),
            ),
            None,
        ),
        # reported speech may hold its own cue: "Iraq condemned it, the official said, …"
        (
            _quote(
                "the official", "anonymous", "the official", start=0, end=len(TEXT), type="mixed"
            ),
            ("official-a1b2c3d4", "the official", "anonymous"),
        ),
        # countries and listed organisations are organisations, whatever the tagger said
        (_quote("Iraq", "person", "Iraq"), ("iraq", "Iraq", "organization")),
        (_quote("Yemen", "person", "Yemen"), ("yemen", "Yemen", "organization")),
        (
            _quote("Kata’ib Hezbollah", "person", "Kata’ib Hezbollah"),
            ("kataib-hezbollah", "Kata'ib Hezbollah", "organization"),
        ),
        # armed groups described by the article stay groups
        (
            _quote("militias and the Houthis", "group", "The militias and the Houthis"),
            ("militias-and-the-houthis-a1b2c3d4", "militias and the Houthis", "group"),
        ),
        # names keep their apostrophes and prefixes
        (
            _quote("Kata'ib Hezbollah", "organization", "Kata'ib Hezbollah"),
            ("kataib-hezbollah", "Kata'ib Hezbollah", "organization"),
        ),
        (
            _quote("Conan O'Brien", "person", "Conan O'Brien"),
            ("conan-obrien", "Conan O'Brien", "person"),
        ),
        (
            _quote("the official", "anonymous", "the official"),
            ("official-a1b2c3d4", "the official", "anonymous"),
        ),
    ],
)
def test_registry_rows(quote, row):
    speaker = SpeakerRegistry().resolve(quote, "a1b2c3d4e5f6", "Example News")
    assert (None if speaker is None else (speaker.id, speaker.name, speaker.kind)) == row


def test_one_row_for_one_organisation_however_spelled():
    registry = SpeakerRegistry()
    first = registry.resolve(_quote("Kata’ib Hezbollah", "organization", "x"), "a" * 16, "A")
    second = registry.resolve(_quote("Kataib Hezbollah", "organization", "x"), "b" * 16, "B")
    assert first is second and first.name == "Kata'ib Hezbollah"


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        # a country as a speaker is its government, however the article puts it
        ("government of Iran", "Iran's government", True),
        ("The government of Iran", "Iran", True),
        ("Iran’s government", "the Iranian government", False),  # no demonyms: two rows
        ("government of Iran", "government of Iraq", False),
        ("Iran's government", "Iran's foreign ministry", False),
        ("government of the Philippines", "Philippines", True),
    ],
)
def test_a_country_and_its_government_are_one_organisation(first, second, same):
    registry = SpeakerRegistry()
    a = registry.resolve(_quote(first, "organization", "x"), "a" * 16, "A")
    b = registry.resolve(_quote(second, "organization", "x"), "b" * 16, "B")
    assert (a is b) is same
    assert a.id == slug(first) and a.kind == b.kind == "organization"


@pytest.mark.parametrize(
    ("name", "government_of"),
    [
        ("Iraq", "Iraq"),
        ("Iraq's government", "Iraq"),
        ("the government of Iraq", "Iraq"),
        ("Iraqi government", None),
        ("government", None),
        ("the government of Iraq's Kurdistan region", None),
        ("Iraq army official", None),
    ],
)
def test_government_of_names_the_country(name, government_of):
    from quotes.identity import government_of as country_of

    assert country_of(name) == government_of


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("U.S. Central Command", "us-central-command"),
        ("Yehia Rasool", "yehia-rasool"),
        ("Kata’ib Hezbollah", "kataib-hezbollah"),
        ("Iran's government", "iran-government"),
    ],
)
def test_one_slug_rule_for_database_and_drift(name, expected):
    from quotes.drift.records import from_extracted

    assert slug(name) == expected
    record = from_extracted("a", [_quote(name, "person", name)])[0]
    assert record.speaker.id == expected
