"""Article metadata read from the text and the sidecar, and cross-article speaker matching."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.errors import InputError
from quotes.metadata import ArticleMetadata, MetadataResolver, infer_metadata, load_sidecar
from quotes.model import Mention, Quote
from quotes.speakers import SpeakerRegistry, is_acronym_of, name_key

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "000_e6aac28a3ace6f8c.txt",
            ArticleMetadata(
                title="U.S. Military Conducts Drone Strike in Iraq, Killing Senior Commander of Iran-Backed Militia"
            ),
        ),
        (
            "001_069f4c2e8d9fbc17.txt",
            ArticleMetadata(
                title="An official from the Iraq army denounces the U.S. drone attack in Baghdad that killed an Iran-backed militia commander as a “clear act of assassination.”",
                credited_source="CBS News",
            ),
        ),
        (
            "002_ab57a92e2d5baa27.txt",
            ArticleMetadata(
                outlet="Gulan Media",
                title="Iraq Criticizes U.S. Drone Strike, Calls for End to Coalition Presence",
                published="2024-02-08",
            ),
        ),
        (
            "003_fe990feb682e3f65.txt",
            ArticleMetadata(
                outlet="VisionFunds",
                title='Iraq army official condemns U.S. drone strike in Baghdad on Iran-backed militia commander: "Blatant assassination"',
                published="2025-04-06",
                credited_source="CBS News",
            ),
        ),
        (
            "004_e4782c04c093bb79.txt",
            ArticleMetadata(
                outlet="Truthout",
                title="Iraq Condemns US for Drone Assassination of Militia Group Commander",
            ),
        ),
    ],
)
def test_metadata_inferred_from_seed_texts(name, expected):
    assert infer_metadata((SEEDS / name).read_text(encoding="utf-8")) == expected


def test_source_line_is_the_credited_source_not_the_outlet():
    text = "Headline Of The Story Goes Here\n\nBody text.\n\nSource: cbsnews.com\n"
    assert infer_metadata(text).outlet is None
    assert infer_metadata(text).credited_source == "CBS News"
    other = infer_metadata(text.replace("cbsnews.com", "example.org"))
    assert (other.outlet, other.credited_source) == (None, "example.org")


@pytest.mark.parametrize(
    ("text", "outlet", "credited"),
    [
        (
            "A Headline About The Strike Today\n\nA lawmaker told CBS News that it was over.",
            None,
            "CBS News",
        ),
        (
            "A Headline About The Strike Today\n\nAn official told Reuters on Monday.",
            None,
            "Reuters",
        ),
        (
            "A Headline About The Strike Today\n\nText.\n\nReporting was provided by Margaret Brennan.",
            None,
            "Margaret Brennan",
        ),
        # An outlet's own reporting credits no one else.
        (
            "Gulan Media February 8, 2024 News\nA Headline About The Strike\n\nHe told Gulan Media News it was over.",
            "Gulan Media",
            "Gulan Media News",
        ),
        # Not outlets: people and pronouns.
        (
            "A Headline About The Strike Today\n\nHe told reporters that he told Smith nothing.",
            None,
            None,
        ),
    ],
)
def test_credited_source_kept_apart_from_the_outlet(text, outlet, credited):
    meta = infer_metadata(text)
    assert (meta.outlet, meta.credited_source) == (outlet, credited)


def test_an_outlet_reporting_itself_credits_no_one():
    text = "Reuters March 3, 2023\nA Headline About Something Big\n\nAn aide told Reuters so."
    meta = infer_metadata(text)
    assert (meta.outlet, meta.credited_source) == ("Reuters", None)


def test_labelled_dates_win_over_page_clutter():
    text = "• Friday, 22 November 2024\nA Headline About Something Big\nPublished: March 3, 2023\n"
    assert infer_metadata(text).published == "2023-03-03"


def test_seed_sidecar_overrides_inference():
    resolver = MetadataResolver()
    path = SEEDS / "001_069f4c2e8d9fbc17.txt"
    meta = resolver.resolve(str(path), path.read_text(encoding="utf-8"))
    assert meta.outlet is None
    assert meta.credited_source == "CBS News"
    assert meta.title.endswith('"clear act of assassination."')
    assert resolver.errors == []


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("- a\n- b\n", "must map article file names to their metadata"),
        (
            "a.txt: outlet\n",
            "a.txt: must be a mapping of outlet, url, published, title, credited_source",
        ),
        ("a.txt:\n  author: X\n", "a.txt: unknown field 'author'"),
        ("a.txt:\n  published: last week\n", "a.txt: published is not a date: 'last week'"),
    ],
)
def test_bad_sidecars_are_named_with_their_reason(tmp_path, content, reason):
    sidecar = tmp_path / "articles.yml"
    sidecar.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_sidecar(sidecar)
    assert str(raised.value) == f"{sidecar}: {reason}"


def quote(speaker, kind="person", aliases=(), mention=None, title=None):
    return Quote(
        type="direct",
        text="x",
        start=0,
        end=1,
        speaker=speaker,
        speaker_kind=kind,
        speaker_aliases=list(aliases),
        speaker_mention=Mention(mention or speaker, 0, 1),
        speaker_title=title,
    )


def test_surname_and_full_name_are_one_person_in_any_order():
    registry = SpeakerRegistry()
    first = registry.resolve(quote("Rasool"), "a" * 16, "A")
    second = registry.resolve(quote("Yehia Rasool", title="spokesperson"), "b" * 16, "B")
    third = registry.resolve(quote("Yehia Rasool", mention="he"), "c" * 16, "C")
    assert first is second is third
    assert (first.id, first.name, first.description) == ("rasool", "Yehia Rasool", "spokesperson")


def test_different_people_with_one_surname_stay_apart():
    registry = SpeakerRegistry()
    jane = registry.resolve(quote("Jane Smith"), "a" * 16, "A")
    john = registry.resolve(quote("John Smith"), "b" * 16, "B")
    assert jane is not john
    # A bare surname that could be either is not guessed.
    assert registry.resolve(quote("Smith"), "c" * 16, "C") not in (jane, john)


def test_organisation_aliases_and_acronyms_are_one_speaker():
    registry = SpeakerRegistry()
    centcom = registry.resolve(quote("CENTCOM", "organization"), "a" * 16, "A")
    full = registry.resolve(quote("U.S. Central Command", "organization"), "b" * 16, "B")
    long = registry.resolve(
        quote("The Central Command of the United States military", "organization"), "c" * 16, "C"
    )
    assert centcom is full is long
    assert centcom.name == "U.S. Central Command"
    assert is_acronym_of("IRGC", "Islamic Revolutionary Guard Corps")
    assert not is_acronym_of("NATO", "Central Command")


def test_unnamed_sources_are_one_row_per_article():
    registry = SpeakerRegistry()
    a = registry.resolve(quote("a lawmaker", "anonymous"), "a" * 16, "CBS News")
    b = registry.resolve(quote("a lawmaker", "anonymous"), "b" * 16, "Truthout")
    again = registry.resolve(quote("a lawmaker", "anonymous"), "a" * 16, "CBS News")
    assert a.id != b.id and a.id == again.id
    assert a.description == "Unnamed source in CBS News"
    assert registry.resolve(quote(None, "unknown"), "a" * 16, "A") is None


def test_name_keys_ignore_case_accents_and_punctuation():
    assert name_key("The U.S. Central Command") == name_key("us central command")
    assert name_key("Kata’ib Hezbollah") == name_key("Kataib Hezbollah")
