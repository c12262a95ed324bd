"""Stage 2b: how far a content reaches, and whether it sits inside another content.

The parse gives each content one extent, and it often stops short of what the source said:
'pointed out that one shooting may have more than one victim, so thousands of …' hangs the
second clause on the sentence, not on the reported one. So a content that a cue introduces
ahead of it may also run on to the end of its sentence when no other cue speaks there. The
candidate scorer weighs each extent by its features (learned on PolNeAR train) and keeps the
likelier one. A content inside another content ('says she hopes …, but she knows that …')
is flagged, for the scorer too: often it is part of the outer speech, not speech of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span

from .cues import Cue

# Clauses reported ahead of their cue; an object ('condemned the strike') names a thing and
# ends where its noun phrase does.
_CLAUSAL = ("ccomp", "xcomp", "that-clause")
# Trailing characters left out of a content run on to the sentence end.
_TRAILING = ".!?,;: \n\t\"”’'"
# Words opening the rest of a sentence that the scorer tells apart.
_OPENERS = frozenset(
    "and but so or because as while after before when since although though which who "
    "including with to in for than saying adding".split()
)


@dataclass(frozen=True)
class Extent:
    """One way to bound a content: character offsets and the scorer features it brings."""

    start: int
    end: int
    features: tuple[str, ...] = ()


def _bucket(words: int) -> str:
    for limit in (2, 5, 10, 20):
        if words <= limit:
            return f"<={limit}"
    return ">20"


def _rest_opener(sentence: Span, end: int) -> str:
    """The first word after the content ('but', 'so', a comma then 'who' …), or its part of speech."""
    after = [t for t in sentence if t.idx >= end and not t.is_space]
    comma = bool(after) and after[0].text == ","
    words = [t for t in after if not t.is_punct]
    if not words:
        return "none"
    first = words[0]
    word = first.lower_ if first.lower_ in _OPENERS else first.pos_
    return f",{word}" if comma else word


def content_extents(
    text: str, sentence: Span, cue: Cue, start: int, end: int, relation: str, cues: Sequence[Cue]
) -> list[Extent]:
    """The parse's extent of a content and, when it may run on, the extent to the sentence end."""
    parsed = Extent(start, end)
    if relation not in _CLAUSAL or start < cue.end:
        return [parsed]
    # Another cue after the content speaks for the rest of the sentence.
    if any(other.start >= end for other in cues):
        return [parsed]
    last = sentence.end_char
    while last > end and text[last - 1] in _TRAILING:
        last -= 1
    rest = [t for t in sentence if end <= t.idx < last and not t.is_punct and not t.is_space]
    if not rest:
        return [parsed]
    opener = _rest_opener(sentence, end)
    size = _bucket(len(rest))
    named = ("extent=parse", f"extent=parse|{opener}", f"extent=parse|{size}")
    longer = (
        "extent=sentence_end",
        f"extent=sentence_end|{opener}",
        f"extent=sentence_end|{size}",
        f"extent=sentence_end|{relation}",
    )
    return [Extent(start, end, named), Extent(start, last, longer)]


def nested_flags(spans: Sequence[tuple[int, int]]) -> list[bool]:
    """For each span of one sentence, whether it lies inside a longer span of the others."""
    return [
        any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans)
        for start, end in spans
    ]
