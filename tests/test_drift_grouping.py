"""Grouping many quotes: candidates without comparing every pair, statements kept apart."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from quotes.drift import blocking, classify, statements
from quotes.drift.blocking import Blocker
from quotes.drift.features import SimpleLemmatizer, build_features
from quotes.drift.records import QuoteRecord, SpeakerRef
from quotes.drift.statements import Item, group_statements

SPEAKER = SpeakerRef("rasool", "Yehia Rasool", "person")
OFFICIALS = SpeakerRef("officials", "Iraqi officials", "group")


def items(rows):
    """Items from (type, text, speaker) rows."""
    feats = build_features([(text, kind == "direct") for kind, text, _ in rows], SimpleLemmatizer())
    return [
        Item(QuoteRecord(f"q{k}", f"a{k}", kind, text, speaker), f)
        for k, ((kind, text, speaker), f) in enumerate(zip(rows, feats, strict=True))
    ]


def grouped(rows) -> list[list[int]]:
    return sorted(sorted(g) for g in group_statements(items(rows)))


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            [
                (
                    "direct",
                    "By this act, the American forces jeopardize civil peace, violate Iraqi sovereignty",
                    SPEAKER,
                ),
                (
                    "direct",
                    "Even more concerning is that the coalition deviates from its objectives",
                    SPEAKER,
                ),
                ("direct", "the American forces jeopardize civil peace", SPEAKER),
                ("direct", "the coalition deviates from its objectives", OFFICIALS),
            ],
            [[0, 2], [1, 3]],
            id="excerpts-find-their-own-statement",
        ),
        pytest.param(
            [
                (
                    "direct",
                    "a blatant assassination through an airstrike showing no regard for civilian lives",
                    SPEAKER,
                ),
                ("direct", "blatant assassination", OFFICIALS),
                ("direct", "clear act of assassination", OFFICIALS),
            ],
            [[0, 1, 2]],
            id="altered-quote-meets-the-short-pieces",
        ),
        pytest.param(
            [
                (
                    "indirect",
                    "that the strike destabilized the region and threatened to embroil Iraq in conflict",
                    SPEAKER,
                ),
                (
                    "indirect",
                    "that the strike destabilised the region and threatens to embroil Iraq in conflict",
                    SPEAKER,
                ),
            ],
            [[0, 1]],
            id="two-paraphrases-without-a-direct-quote",
        ),
        pytest.param(
            [
                ("direct", "It is a tragedy", SPEAKER),
                ("direct", "It is a tragedy", SPEAKER),
            ],
            [[0], [1]],
            id="too-little-content-to-link",
        ),
        pytest.param(
            [
                ("direct", "We reject these strikes on our sovereign territory", SPEAKER),
                ("direct", "We reject these strikes on our sovereign territory", SPEAKER),
                ("direct", "We reject these strikes on our sovereign territory", OFFICIALS),
            ],
            [[0, 1, 2]],
            id="copies-grouped-once",
        ),
    ],
)
def test_grouping(rows, expected):
    assert grouped(rows) == expected


def synthetic(n: int, seed: int = 3) -> list[Item]:
    """`n` quotes over n/4 statements of random words, four renderings each."""
    rng = random.Random(seed)
    vocab = [f"w{k}x" for k in range(4000)]
    rows = []
    for s in range(n // 4):
        words = rng.sample(vocab, 12)
        speaker = SpeakerRef(f"s{s % 50}", f"Speaker Number{s % 50}", "person")
        rows += [
            ("direct", " ".join(words), speaker),
            ("direct", " ".join(words[2:8]), speaker),
            ("direct", " ".join(words[:5] + ["changed"] + words[6:]), speaker),
            ("indirect", " ".join(words[6:] + words[:4]), speaker),
        ]
    return items(rows)


def test_blocker_proposes_a_bounded_number_of_candidates():
    found = synthetic(400)
    feats = [i.features for i in found]
    blocker = Blocker(feats, [i.record.speaker.id for i in found], max_candidates=20)
    sizes = [len(blocker.candidates(k)) for k in range(len(found))]
    assert max(sizes) <= 20
    assert sum(sizes) < len(found) * 10  # nowhere near the 400 x 399 pairs
    # each rendering's siblings are among its candidates
    for k in range(0, len(found), 4):
        assert {k + 1, k + 2, k + 3} <= set(blocker.candidates(k))


def test_synthetic_statements_are_recovered():
    found = synthetic(400)
    groups = group_statements(found)
    assert sorted(sorted(g) for g in groups) == [[k, k + 1, k + 2, k + 3] for k in range(0, 400, 4)]


@pytest.mark.parametrize(("copies", "expected"), [(3, [1, 2]), (5, [2, 4])])
def test_an_lsh_band_held_by_too_many_quotes_proposes_nothing(copies, expected):
    # Odd ones are reworded (no word pair in order in common with 0): only an LSH band
    # links them to 0, and with five quotes every band is held by more than three.
    texts = ["ministers rejected tax plans badly", "badly plans tax rejected ministers"]
    found = items([("indirect", texts[k % 2], None) for k in range(copies)])
    blocker = Blocker([i.features for i in found], [None] * copies, max_postings=3)
    assert sorted(blocker.candidates(0)) == expected


def test_band_keys_are_hashed_once_per_content_set(monkeypatch):
    found = synthetic(80)
    feats, keys = [i.features for i in found], [i.record.speaker.id for i in found]
    bands: dict = {}
    first = Blocker(feats, keys, bands=bands)
    assert len(bands) == len({f.content_set for f in feats if len(f.content_set) >= 2})

    def no_hashing(*args, **kwargs):
        raise AssertionError("hashed again")

    monkeypatch.setattr(blocking.MinHash, "bulk", no_hashing)
    again = Blocker(feats, keys, bands=bands, remember=True)
    for k in range(len(found)):
        assert again.candidates(k) == first.candidates(k) == again.candidates(k)


def test_a_grouping_memo_gives_a_fresh_runs_groups_after_speakers_change(monkeypatch):
    """As after a merge of described sources: the same texts, some speakers now one."""
    found = synthetic(200)
    memo: dict = {}
    assert group_statements(found, memo=memo) == group_statements(found)
    merged = found[0].record.speaker
    renamed = [
        Item(replace(i.record, speaker=merged), i.features) if k % 8 == 5 else i
        for k, i in enumerate(found)
    ]
    scored: list[int] = []
    real = classify.surfaces

    def counted(a, others):
        scored.append(len(others))
        return real(a, others)

    checked: list[int] = []
    real_links = statements.links

    def counted_links(a, others, *args):
        checked.append(len(others))
        return real_links(a, others, *args)

    monkeypatch.setattr(classify, "surfaces", counted)
    monkeypatch.setattr(statements, "links", counted_links)
    expected = group_statements(renamed)
    fresh, scored[:] = sum(scored), []
    fresh_links, checked[:] = sum(checked), []
    assert group_statements(renamed, memo=memo) == expected
    # Only pairs the new speakers bring together are scored: a score depends on words alone;
    # and only links between quotes whose speakers now relate otherwise are checked again.
    assert 0 < sum(scored) < fresh / 10
    assert 0 < sum(checked) < fresh_links / 2
    assert group_statements(renamed, memo=memo) == expected
