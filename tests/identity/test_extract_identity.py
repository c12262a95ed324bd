"""End to end through the pipeline: gender, role nouns, unresolved mentions (issue 8)."""

from __future__ import annotations

import pytest

import quotes


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Maria Lopez, the mayor, met John Smith on Monday. Smith said the plan would fail. "
            '"We will win anyway," she said.',
            [
                ("the plan would fail", "John Smith", "person", "Smith"),
                ("We will win anyway", "Maria Lopez", "person", "she"),
            ],
        ),
        (
            "John Smith, a spokesman for the city, met reporters on Monday. Maria Lopez was "
            'also there. "The budget is balanced," the spokesman said.',
            [("The budget is balanced", "John Smith", "person", "the spokesman")],
        ),
        (
            'Amy Jones, 12, won the spelling contest on Friday. "I studied every night," the '
            "girl said.",
            [("I studied every night", "Amy Jones", "person", "the girl")],
        ),
        (
            'Officials met on Monday. "We are ready," it said.',
            [("We are ready", None, "unknown", "it")],
        ),
    ],
)
def test_speakers(text, found):
    got = [
        (q.text, q.speaker, q.speaker_kind, q.speaker_mention.text if q.speaker_mention else None)
        for q in quotes.extract(text)
    ]
    assert got == found
