"""Colon attributions: speaker labels in headlines and transcripts, not page furniture."""

import pytest

import quotes


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Pence: Flowers Won't Be at the Debate.\n\nBody.", [("Pence", "Flowers Won't B")]),
        (
            "WALLACE: Let's start with the breaking news on the debate story tonight.\n\nBody.",
            [("WALLACE", "Let's start wit")],
        ),
        # a bare common noun names no speaker (issue 8): the speaker is unknown
        ("Poll: Wealthy Voters Abandon the Party.\n\nBody.", [(None, "Wealthy Voters ")]),
        # page furniture and ordinary colons are not speech
        ("Source: cbsnews.com\n\nUpdate: This story was updated on Monday.", []),
        ("The Latest: Cruz to give away engraved shotgun.\n\nBody.", []),
        ("Two questions remain: who paid, and when did they pay it?", []),
        ("Countdown is on: We have 2 days to raise $28,000 for the newsroom.", []),
    ],
)
def test_colon_labels(text, expected):
    found = quotes.extract(text)
    assert [(q.speaker, q.text[:15]) for q in found] == expected
