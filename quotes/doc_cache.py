"""Values one extraction looks up again and again, built once while an article is analysed:
what spaCy rebuilds on every access (`doc.text`, `doc.ents`, sentences, noun chunks) and
an index of the quoted spans by position.

Rebuilding them per cue or per quotation, or walking every quoted span per candidate,
made extraction time grow with the square of the article's length. `analysing(doc)`
keeps them for the duration of one extraction; outside it the accessors compute afresh.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property, wraps
from typing import Any, TypeVar

from spacy.attrs import IDS
from spacy.tokens import Doc, Span, Token

_T = TypeVar("_T")
_S = TypeVar("_S")


class _SpanIndex:
    """Items with `start` and `end` offsets, sorted by start, for overlap queries."""

    def __init__(self, items: Sequence[Any]) -> None:
        self.order = sorted(range(len(items)), key=lambda k: items[k].start)
        self.starts = [items[k].start for k in self.order]
        self.longest = max((item.end - item.start for item in items), default=0)

    def overlapping(self, items: Sequence[_S], start: int, end: int) -> list[_S]:
        """Items with item.start < end and item.end > start, in their order in `items`."""
        first = bisect_right(self.starts, start - self.longest)
        last = bisect_left(self.starts, end)
        found = sorted(k for k in self.order[first:last] if items[k].end > start)
        return [items[k] for k in found]


class _DocValues:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.span_indexes: dict[int, tuple[Sequence[Any], _SpanIndex]] = {}
        self.positions: dict[tuple[str, Callable[[str], bool] | str], list[int]] = {}

    @cached_property
    def text(self) -> str:
        return self.doc.text

    @cached_property
    def ents(self) -> tuple[Span, ...]:
        return tuple(self.doc.ents)

    @cached_property
    def ent_starts(self) -> list[int]:
        return [ent.start for ent in self.ents]

    @cached_property
    def ent_end_chars(self) -> list[int]:
        return [ent.end_char for ent in self.ents]

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [sentence.start_char for sentence in self.doc.sents]

    @cached_property
    def noun_chunks(self) -> tuple[Span, ...]:
        return tuple(self.doc.noun_chunks)

    @cached_property
    def noun_chunk_starts(self) -> list[int]:
        return [chunk.start for chunk in self.noun_chunks]


_current: list[_DocValues] = []


@contextmanager
def analysing(doc: Doc) -> Iterator[None]:
    """Keep `doc`'s text, entities, sentences and noun chunks while it is being analysed."""
    if _current and _current[-1].doc is doc:  # already kept by an outer block
        yield
        return
    _current.append(_DocValues(doc))
    try:
        yield
    finally:
        _current.pop()


def analyses_doc(function: Callable[..., _T]) -> Callable[..., _T]:
    """Decorator: run `function(doc, ...)` inside `analysing(doc)`."""

    @wraps(function)
    def wrapper(doc: Doc, *args: object, **kwargs: object) -> _T:
        with analysing(doc):
            return function(doc, *args, **kwargs)

    return wrapper


def _values(doc: Doc) -> _DocValues:
    if _current and _current[-1].doc is doc:
        return _current[-1]
    return _DocValues(doc)


def doc_text(doc: Doc) -> str:
    """`doc.text`."""
    return _values(doc).text


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`."""
    return _values(doc).ents


def span_ents(span: Span) -> list[Span]:
    """`span.ents`, found by bisection instead of a walk over every entity of the Doc."""
    values = _values(span.doc)
    ents = values.ents
    found = []
    for k in range(bisect_left(values.ent_starts, span.start), len(ents)):
        if ents[k].end > span.end:
            break
        found.append(ents[k])
    return found


def ents_ending_by(doc: Doc, position: int) -> tuple[Span, ...]:
    """The entities ending at or before character `position`, in document order."""
    values = _values(doc)
    return values.ents[: bisect_right(values.ent_end_chars, position)]


def sentence_starts(doc: Doc) -> list[int]:
    """Character offsets of the sentence starts, in order."""
    return _values(doc).sentence_starts


def _as_test(accept: Callable[[str], bool] | str) -> Callable[[str], bool]:
    return accept.__eq__ if isinstance(accept, str) else accept


def positions_where(doc: Doc, attr: str, accept: Callable[[str], bool] | str) -> list[int]:
    """Positions, in order, of the tokens whose `attr` ("LEMMA", "LOWER", "DEP", ...) string
    passes `accept` (or equals it): tested once per distinct value, not once per token, since
    making a Token object for every word of every article cost as much as a parse stage."""
    positions = _values(doc).positions
    if (attr, accept) not in positions:
        strings = doc.vocab.strings
        test = _as_test(accept)
        wanted = {value for value in doc.count_by(IDS[attr]) if test(strings[value])}
        column = doc.to_array(attr).tolist() if wanted else []
        positions[(attr, accept)] = [i for i, value in enumerate(column) if value in wanted]
    return positions[(attr, accept)]


# Token attributes holding the strings of positions_where's attribute names.
_TOKEN_STRINGS = {"LEMMA": "lemma_", "LOWER": "lower_", "ORTH": "text", "DEP": "dep_"}


def tokens_where(span: Span, attr: str, accept: Callable[[str], bool] | str) -> list[Token]:
    """The tokens of `span` that `positions_where` finds, in order. Outside `analysing`,
    a walk of the span's own tokens: the whole Doc's positions would be found anew per span."""
    if not (_current and _current[-1].doc is span.doc):
        test = _as_test(accept)
        return [t for t in span if test(getattr(t, _TOKEN_STRINGS[attr]))]
    positions = positions_where(span.doc, attr, accept)
    first, last = bisect_left(positions, span.start), bisect_left(positions, span.end)
    return [span.doc[i] for i in positions[first:last]]


def span_noun_chunks(span: Span) -> Iterator[Span]:
    """`span.noun_chunks`, starting from the first chunk that can lie inside `span`."""
    values = _values(span.doc)
    chunks = values.noun_chunks
    for k in range(bisect_left(values.noun_chunk_starts, span.start), len(chunks)):
        chunk = chunks[k]
        if chunk.start >= span.end:
            break
        if chunk.end <= span.end:
            yield chunk


def overlapping(items: Sequence[_S], start: int, end: int) -> list[_S]:
    """The items (with `start`, `end`) that overlap [start, end), in their order in `items`.

    Within `analysing(doc)` the index of one list is built once; `items` must not change.
    """
    if not _current:
        return _SpanIndex(items).overlapping(items, start, end)
    indexes = _current[-1].span_indexes
    if id(items) not in indexes or indexes[id(items)][0] is not items:
        indexes[id(items)] = (items, _SpanIndex(items))
    return indexes[id(items)][1].overlapping(items, start, end)
