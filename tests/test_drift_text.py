"""Words as drift tracking compares them, quoted spans, speakers, titles, diffs."""

from __future__ import annotations

import pytest

from quotes.drift.align import diff_html, diff_ops, edits, faithful
from quotes.drift.records import SpeakerRef
from quotes.drift.speakers import DIFFERENT, SAME, VAGUER, relation
from quotes.drift.text import quoted_spans, sentence_ranges, tokenize
from quotes.drift.titles import normalize_title, speakers_with_title_drift


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Kata’ib Hezbollah", "Kata'ib Hezbollah"),
        ("U.S. forces", "US forces"),
        ("No regard, for LIVES.", "no regard for lives"),
        ("2,500 troops", "2500 troops"),
        ("U.S.-led coalition", "U.S. led coalition"),
    ],
)
def test_spelling_differences_are_not_word_differences(left, right):
    assert [t.norm for t in tokenize(left)] == [t.norm for t in tokenize(right)]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Iran's forces", "Iran forces"),
        ("a factor for", "a factor of"),
        ("non-military", "military"),
    ],
)
def test_real_word_differences_stay(left, right):
    assert [t.norm for t in tokenize(left)] != [t.norm for t in tokenize(right)]


def fragments(text: str, direct: bool = False) -> list[str]:
    tokens = tokenize(text)
    return [" ".join(t.norm for t in tokens[a:b]) for a, b in quoted_spans(text, tokens, direct)]


@pytest.mark.parametrize(
    ("text", "direct", "expected"),
    [
        (
            'it as "a blatant assassination" that disregarded laws',
            False,
            ["a blatant assassination"],
        ),
        (
            "“conducted a blatant assassination” in Baghdad with “no regard”",
            False,
            ["conducted a blatant assassination", "no regard"],
        ),
        ("called it ‘a disgrace’ and said it’s over", False, ["a disgrace"]),
        ("that it was over", False, []),
        ("[U.S.] attacks like the one yesterday", True, ["attacks like the one yesterday"]),
        (
            "We will not hesitate … to hold responsible",
            True,
            ["we will not hesitate", "to hold responsible"],
        ),
        ("We will ... hold them", True, ["we will", "hold them"]),
    ],
)
def test_quoted_fragments(text, direct, expected):
    assert fragments(text, direct) == expected


def test_sentences_split_at_ends_and_lines():
    text = 'He said "no." Then she left.\nA new line'
    assert [text[a:b] for a, b in sentence_ranges(text)] == [
        'He said "no."',
        "Then she left.",
        "A new line",
    ]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            ("U.S. Central Command", "organization"),
            ("Central Command of the United States military", "organization"),
            SAME,
        ),
        (
            ("Iraqi government official", "anonymous"),
            ("Iraqi government representative", "anonymous"),
            SAME,
        ),
        (("Iraqi officials", "group"), ("Iraq army official", "anonymous"), VAGUER),
        (("Pentagon", "organization"), ("State Department", "organization"), DIFFERENT),
    ],
)
def test_organisations_and_vague_descriptions(a, b, expected):
    assert relation(SpeakerRef("a", *a), SpeakerRef("b", *b)) == expected


def test_titles_compare_without_article_case_or_punctuation():
    assert normalize_title("The spokesperson for the Iraqi Armed Forces,") == normalize_title(
        "a Spokesperson for the Iraqi armed forces"
    )
    rows = [
        (
            "rasool",
            "CBS News",
            "the spokesperson for the commander in chief of the Iraqi Armed Forces",
        ),
        ("rasool", "Truthout", "a spokesperson for the Iraqi military"),
        ("kanaani", "CBS News", "Iranian Foreign Ministry spokesperson"),
        ("kanaani", "Other", "the Iranian Foreign Ministry spokesperson"),
    ]
    assert speakers_with_title_drift(rows) == ["rasool"]


REF = "no regard for civilian lives or international laws".split()


@pytest.mark.parametrize(
    ("quote", "overhang", "expected"),
    [
        ("civilian lives or international laws", False, True),
        ("no regard for civilian lives", False, True),
        ("no regard for civilian life", False, False),
        ("regard for civilians lives", False, False),
        ("international laws and norms", True, True),
        ("international laws and norms", False, False),
        ("showing no regard for civilian lives", True, True),
    ],
)
def test_faithful_allows_trimming_and_overhang_only(quote, overhang, expected):
    assert faithful(REF, quote.split(), overhang=overhang) is expected


def test_diff_operations_and_escaped_html():
    ref = "they <b>will</b> not hesitate to act".split()
    quote = "they <b>will</b> never hesitate".split()
    steps = edits(ref, quote)
    ops = diff_ops(steps, ref, quote)
    assert [op["op"] for op in ops] == ["keep", "substitute", "keep", "drop"]
    assert ops[-1] == {"op": "drop", "ref": "to act", "trimmed": True}
    html = diff_html(steps, ref, quote)
    assert "<b>" not in html and "&lt;b&gt;will&lt;/b&gt;" in html
    assert "<del>not</del> <ins>never</ins>" in html
    assert html.endswith('<span class="trim">…</span>')


def test_diff_of_a_verbatim_copy_keeps_everything():
    steps = edits(REF, REF)
    assert [s.op for s in steps] == ["keep"]
    assert diff_html(steps, REF, REF) == " ".join(REF)
