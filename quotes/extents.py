"""Stage 2b: how far a content reaches, and whether it sits inside another content.

The parse gives each content one extent, and it often stops short of what the source said:
'pointed out that one shooting may have more than one victim, so thousands of …' hangs the
second clause on the sentence, not on the reported one. So a content that a cue introduces
ahead of it may also run on to the end of its sentence when no other cue speaks there, and an
object may run on to the complements the parse hangs on its verb ('demanded an apology
from …'), and a content after its cue may end at any comma, dash or semicolon of its
sentence instead ('said [X], a plan …'). Each extent carries features of how it differs
from the parse's and of its edges; the scorer's choice weights (learned on PolNeAR train)
pick one. A content inside another content ('says she hopes …, but she knows that …') is
flagged, for the scorer too: often it is part of the outer speech, not speech of its own.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from .cues import Cue

# Clauses reported ahead of their cue; an object ('condemned the strike') names a thing and
# ends where its noun phrase does.
_CLAUSAL = ("ccomp", "xcomp", "that-clause")
# Trailing characters left out of a content run on to the sentence end.
_TRAILING = ".!?,;: \n\t\"”’'"
_DASHES = ("—", "–", "--", "―", "-")
# Dashes that never join words; a hyphen joins them unless spaced ('out-of-touch').
_LONG_DASHES = ("—", "–", "―")
_RELATIVES = ("which", "who", "whose")
# Words opening the rest of a sentence that the scorer tells apart.
_OPENERS = frozenset(
    "and but so or because as while after before when since although though which who "
    "including with to in for than saying adding".split()
)


def _is_dash(token: Token) -> bool:
    """A dash setting words apart, not the hyphen of 'out-of-touch'."""
    if token.text in _LONG_DASHES:
        return True
    spaced = bool(token.whitespace_) or (token.i > 0 and bool(token.nbor(-1).whitespace_))
    return token.text in _DASHES and spaced


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


def _first_at(sentence: Span, offset: int) -> int:
    """Index in `sentence` of its first token starting at or after character `offset`."""
    return bisect_left(sentence, offset, key=lambda t: t.idx)


def _rest_opener(after: list[Token]) -> str:
    """The first word after the content ('but', 'so', a comma then 'who' …), or its part of
    speech; `after`: the sentence's tokens from the content's end, spaces left out."""
    comma = bool(after) and after[0].text == ","
    words = [t for t in after if not t.is_punct]
    if not words:
        return "none"
    first = words[0]
    word = first.lower_ if first.lower_ in _OPENERS else first.pos_
    return f",{word}" if comma else word


def _longer(
    short: str, long: str, after: list[Token], words: int, relation: str, extent: Extent
) -> tuple[tuple[str, ...], Extent]:
    """The features of the parse's extent (named `short`) and of the longer `extent` (named
    `long`): what opens the words the longer one adds (`after`), how many, and the relation."""
    opener, size = _rest_opener(after), _bucket(words)
    longer = (f"extent={long}", f"extent={long}|{opener}", f"extent={long}|{size}")
    named = (f"extent={short}", f"extent={short}|{opener}", f"extent={short}|{size}")
    return named, replace(extent, features=(*longer, f"extent={long}|{relation}"))


def _run_on(
    text: str, sentence: Span, cue: Cue, start: int, end: int, relation: str, cues: Sequence[Cue]
) -> tuple[tuple[str, ...], Extent | None]:
    """The extent to the sentence end when a clause ahead of its cue may run on, with the
    features the parse's extent gets beside it."""
    if relation not in _CLAUSAL or start < cue.end:
        return (), None
    # Another cue after the content speaks for the rest of the sentence.
    if any(other.start >= end for other in cues):
        return (), None
    last = sentence.end_char
    while last > end and text[last - 1] in _TRAILING:
        last -= 1
    after = [t for t in sentence[_first_at(sentence, end) :] if not t.is_space]
    rest = [t for t in after if t.idx < last and not t.is_punct]
    if not rest:
        return (), None
    return _longer("parse", "sentence_end", after, len(rest), relation, Extent(start, last))


def _opened(word: Token) -> str:
    """How the phrase that `word` opens hangs on the sentence ('appos', 'relcl', 'advcl' …)."""
    phrase = word
    while phrase.head.i != phrase.i and phrase.head.left_edge.i == word.i:
        phrase = phrase.head
    return phrase.dep_


def _cut(sentence: Span, start: int, end: int) -> tuple[int, str] | None:
    """Where a content's own words may end: before a dash, or before a comma opening an
    apposition or a 'which'/'who' clause ('… Mr. Trump, the presumed Putin favorite')."""
    tokens = list(sentence[_first_at(sentence, start) : _first_at(sentence, end)])
    for index, token in enumerate(tokens[2:-1], start=2):
        after = tokens[index + 1]
        if _is_dash(token):
            return token.idx, "dash"
        if token.text != ",":
            continue
        if after.lower_ in _RELATIVES:
            return token.idx, after.lower_
        opened = _opened(after)  # the phrase the comma opens: 'the party favorite' (appos)
        if opened in ("appos", "relcl"):
            return token.idx, opened
    return None


def _trimmed(
    text: str, sentence: Span, start: int, end: int, relation: str
) -> tuple[tuple[str, ...], Extent | None]:
    """The extent up to the first cut, with the features the parse's extent gets beside it."""
    if relation in ("colon", "according"):
        return (), None
    found = _cut(sentence, start, end)
    if found is None:
        return (), None
    cut, why = found
    while cut > start and text[cut - 1].isspace():
        cut -= 1
    cut_off = sentence[_first_at(sentence, cut) : _first_at(sentence, end)]
    dropped = _bucket(len([t for t in cut_off if not t.is_punct]))
    shorter = (
        "extent=trimmed",
        f"extent=trimmed|{why}",
        f"extent=trimmed|{relation}",
        f"extent=trimmed|{dropped}",
    )
    return (f"extent=untrimmed|{why}", f"extent=untrimmed|{dropped}"), Extent(start, cut, shorter)


# Dependents of a cue that go on with what was said of its object ('cited X as Y', 'blocked X
# from Y', 'urged X to Y'); time and place ('during …', 'in …') are the reporter's.
_COMPLEMENTS = ("ccomp", "xcomp", "oprd", "acomp")
_COMPLEMENT_PREPS = frozenset(
    "as from to into of for about against with over toward towards like".split()
)


def _verb_phrase(
    text: str, sentence: Span, cue: Cue, start: int, end: int, relation: str
) -> tuple[tuple[str, ...], Extent | None]:
    """The extent of an object content (or a preposition's: 'called for X …') on to the end
    of its cue's verb phrase: the parse hangs 'from the council', 'as examples of …' on the
    verb, but the source said them of the object ('demanded an apology from the council')."""
    takes_object = relation in ("dobj", "object+complement") or relation.startswith("prep:")
    if not takes_object or start < cue.end:
        return (), None
    last = end
    for child in cue.token.children:
        goes_on = child.dep_ in _COMPLEMENTS or (
            child.dep_ == "prep" and child.lower_ in _COMPLEMENT_PREPS
        )
        if child.idx >= end and goes_on:
            edge = child.right_edge
            last = max(last, edge.idx + len(edge.text))
    while last > end and text[last - 1] in _TRAILING:
        last -= 1
    if last <= end:
        return (), None
    added = sentence[_first_at(sentence, end) : _first_at(sentence, last)]
    after = [t for t in added if not t.is_space]
    words = len([t for t in after if not t.is_punct])
    return _longer("object", "verb_phrase", after, words, relation, Extent(start, last))


# Punctuation where a content may end: what follows it often opens the reporter's words.
_BREAKS = (",", ";", ":", "(", *_DASHES)


def _word_class(word: Token) -> str:
    return word.lower_ if word.lower_ in _OPENERS else word.pos_


class _Words:
    """A sentence's tokens (spaces left out) indexed by offset, so each of a candidate's many
    extents is described without walking the sentence again."""

    def __init__(self, sentence: Span) -> None:
        self.tokens = [t for t in sentence if not t.is_space]
        self.starts = [t.idx for t in self.tokens]
        size = len(self.tokens)
        self.counts = [0] * (size + 1)  # words (not punctuation) before each index
        self.next = [size] * (size + 1)  # index of the first word at or after each index
        self.prev = [-1] * (size + 1)  # index of the last word before each index
        for k, token in enumerate(self.tokens):
            self.counts[k + 1] = self.counts[k] + (not token.is_punct)
            self.prev[k + 1] = self.prev[k] if token.is_punct else k
        for k in range(size - 1, -1, -1):
            self.next[k] = self.next[k + 1] if self.tokens[k].is_punct else k

    def at(self, offset: int) -> int:
        """Index of the first token starting at or after character `offset`."""
        return bisect_left(self.starts, offset)

    def word(self, index: int, below: int | None = None) -> Token | None:
        """The token at `index` when it is a word below index `below`."""
        limit = len(self.tokens) if below is None else below
        return self.tokens[index] if 0 <= index < limit else None

    def punct(self, index: int, missing: str) -> str:
        """The punctuation at `index`, 'none' for a word there, `missing` past either end."""
        if not 0 <= index < len(self.tokens):
            return missing
        return self.tokens[index].text if self.tokens[index].is_punct else "none"


def _breaks_after(words: _Words, start: int) -> list[tuple[Token, Token]]:
    """Each break after `start` with the word that follows it; a hyphen ('out-of-touch') and a
    break before more punctuation are none."""
    found = []
    for token, after in zip(words.tokens, words.tokens[1:], strict=False):
        if token.idx <= start or token.text not in _BREAKS or after.is_punct:
            continue
        if token.text in _DASHES and not _is_dash(token):
            continue
        found.append((token, after))
    return found


def _at_breaks(
    text: str, words: _Words, cue: Cue, start: int, end: int, relation: str, cues: Sequence[Cue]
) -> list[Extent]:
    """A content after its cue, ended at each break of its sentence instead: the parse often
    ends it a clause too early or too late ('said [X], a plan …', 'said [X, but Y]')."""
    extents = []
    for token, after in _breaks_after(words, start):
        cut = token.idx
        while cut > start and text[cut - 1].isspace():
            cut -= 1
        if cut == end:
            continue
        way = "in" if cut < end else "out"
        low, high = sorted((cut, end))
        crossed = words.counts[words.at(high)] - words.counts[words.at(low)]
        crosses_cue = any(low <= other.start < high for other in cues if other is not cue)
        features = (
            f"break={way}",
            f"break={way}|{token.text}|{_word_class(after)}",
            f"break={way}|{token.text}|{_opened(after)}",
            f"break={way}|{_bucket(crossed)}",
            f"break={way}|cue_crossed={crosses_cue}",
            f"break={way}|{relation}",
        )
        extents.append(Extent(start, cut, features))
    return extents


def _edges(words: _Words, cue: Cue, extent: Extent, relation: str, cues: Sequence[Cue]) -> Extent:
    """The extent with features of how it starts and ends, alike for all of a candidate's
    extents, so the choice between them compares like with like: the break and the word
    after its end, the break before its start, and whether another cue falls inside it."""
    first_in, past = words.at(extent.start), words.at(extent.end)
    after = words.word(words.next[past])
    first = words.word(words.next[first_in], below=past)
    last = words.word(words.prev[past]) if words.prev[past] >= first_in else None
    end_break = words.punct(past, missing="none")
    start_break = words.punct(first_in - 1, missing="start")
    next_word, opened = ("end", "end") if after is None else (_word_class(after), _opened(after))
    ahead = extent.start >= cue.end
    features = (
        f"end={end_break}",
        f"end={end_break}|{next_word}",
        f"end={end_break}|{opened}",
        f"end={end_break}|{next_word}|{relation}",
        f"end={end_break}|{opened}|after_cue={ahead}",
        f"end_last={last.pos_ if last is not None else '-'}",
        f"end_cue_inside={any(extent.start <= o.start < extent.end for o in cues if o is not cue)}",
        f"start={start_break}|after_cue={ahead}",
        f"start={start_break}|{_word_class(first) if first is not None else '-'}",
        f"start={start_break}|{_opened(first) if first is not None else '-'}",
    )
    return replace(extent, features=(*extent.features, *features))


def content_extents(
    text: str, sentence: Span, cue: Cue, start: int, end: int, relation: str, cues: Sequence[Cue]
) -> list[Extent]:
    """The parse's extent of a content, and the extents the scorer may prefer: to the sentence
    end, up to a dash or a descriptive clause, on to the verb phrase's end, or at any break."""
    named, longer = _run_on(text, sentence, cue, start, end, relation, cues)
    untrimmed, shorter = _trimmed(text, sentence, start, end, relation)
    phrase, whole = _verb_phrase(text, sentence, cue, start, end, relation)
    parsed = Extent(start, end, named + untrimmed + phrase)
    extents = [parsed] + [e for e in (longer, shorter, whole) if e is not None]
    breaks = start >= cue.end and relation not in ("colon", "according")
    if not breaks and len(extents) == 1:
        return [_by_lemma(parsed, cue)]
    words = _Words(sentence)
    seen = {(e.start, e.end) for e in extents}
    for extent in _at_breaks(text, words, cue, start, end, relation, cues) if breaks else []:
        if (extent.start, extent.end) not in seen:
            seen.add((extent.start, extent.end))
            extents.append(extent)
    if len(extents) > 1:  # the edges only serve the choice between extents
        extents[0] = replace(parsed, features=parsed.features or ("extent=parse",))
        extents = [_edges(words, cue, extent, relation, cues) for extent in extents]
    return [_by_lemma(extent, cue) for extent in extents]


def _by_lemma(extent: Extent, cue: Cue) -> Extent:
    """The extent's kind once more, by cue word: 'say' runs on where 'cite' stops."""
    if not extent.features:
        return extent
    lemma = cue.token.lemma_.lower()
    return replace(extent, features=(*extent.features, f"{extent.features[0]}|lemma={lemma}"))


def nested_flags(spans: Sequence[tuple[int, int]]) -> list[bool]:
    """For each span of one sentence, whether it lies inside a longer span of the others."""
    return [
        any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans)
        for start, end in spans
    ]
