"""Stage 5 on hand-made quotes: one attribution per content."""

import pytest

from quotes.duplicates import deduplicate
from quotes.model import Quote


def q(start, end, type_="indirect", cue_start=None, confidence=0.5, attribution=None):
    return Quote(
        type=type_,
        text="x" * (end - start),
        start=start,
        end=end,
        cue_start=cue_start,
        confidence=confidence,
        attribution=attribution,
    )


@pytest.mark.parametrize(
    ("quotes", "kept"),
    [
        pytest.param([q(0, 10), q(0, 10, confidence=0.9)], [0], id="same-span-first-stays"),
        pytest.param(
            [q(0, 40, cue_start=50, confidence=0.3), q(5, 40, cue_start=20, confidence=0.9)],
            [0],
            id="cue-inside-the-other-content-is-weaker",
        ),
        pytest.param(
            [q(0, 40, cue_start=50, confidence=0.3), q(5, 40, cue_start=60, confidence=0.9)],
            [1],
            id="else-the-more-confident",
        ),
        pytest.param([q(0, 40), q(30, 80)], [0, 1], id="small-overlap-both-stay"),
        pytest.param(
            [q(0, 10, "direct", attribution=1), q(2, 12, "direct", attribution=2)],
            [0, 1],
            id="two-direct-quotes-stay",
        ),
        pytest.param(
            [q(0, 10, attribution=3), q(1, 10, attribution=3)], [0, 1], id="one-attribution"
        ),
    ],
)
def test_deduplicate(quotes, kept):
    assert deduplicate(quotes) == [quotes[i] for i in kept]
