"""Words of a quote as drift tracking compares them: normalised, with their quoted spans.

Two renderings differ only in what `Token.norm` keeps: case, punctuation, curly versus
straight marks and full stops in abbreviations ("U.S." / "US") are not differences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations with full stops ("U.S."), numbers with separators ("2,500"), then words
# that may hold hyphens or apostrophes ("non-military", "Kata'ib").
TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|\d+(?:[.,:]\d+)*|\w+(?:[-'’]\w+)*")
# Punctuation shown with the word it follows in a rendered diff.
TRAILING_RE = re.compile(r"[^\s\w\"“”‘’«»\[\](<-]*")
# Symbols shown with a word although they are not compared: those just before it ("<", "(")
# and stand-alone runs after it ("&", "—"); quotation marks and brackets are structure.
_SYMBOLS = r"[^\s\w\"'“”‘’«»„\[\]]+"
LEADING_RE = re.compile(rf"{_SYMBOLS}(?:\s+{_SYMBOLS})*\s*$")
STANDALONE_RE = re.compile(rf"(?:\s+{_SYMBOLS}(?=[\s\"'“”‘’«»„\[\]]|$))*")
OPENING = {"“": "”", "«": "»", "‘": "’", "„": "“"}
ELLIPSIS_RE = re.compile(r"…|\.\s?\.\s?\.")
SENTENCE_END_RE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])|\n+")


@dataclass(frozen=True)
class Token:
    """One word: its offsets in the text, its compared form and its shown form."""

    start: int
    end: int
    norm: str
    shown: str


def normalise(word: str) -> str:
    """The form two words are compared in: lower case, one apostrophe, no full stops."""
    return word.lower().replace("’", "'").replace(".", "").replace(",", "")


def tokenize(text: str) -> list[Token]:
    """The words of `text` with their offsets.

    A word's shown form keeps the symbols around it, so that a diff built from shown forms
    loses no character of the quote but spacing, quotation marks and brackets.
    """
    tokens = []
    covered = 0
    for match in TOKEN_RE.finditer(text):
        lead = LEADING_RE.search(text, covered, match.start())
        begin = lead.start() if lead else match.start()
        tail = TRAILING_RE.match(text, match.end())
        end = tail.end() if tail else match.end()
        standalone = STANDALONE_RE.match(text, end)
        if standalone and standalone.end() > end:
            end = standalone.end()
        shown = " ".join(text[begin:end].split())
        tokens.append(Token(match.start(), match.end(), normalise(match.group()), shown))
        covered = end
    return tokens


def _mark_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (curly pairs, or straight marks in turn)."""
    ranges: list[tuple[int, int]] = []
    opened: tuple[str, int] | None = None
    for i, char in enumerate(text):
        if opened is None:
            if (
                char == '"'
                or char in OPENING
                and (char != "‘" or i == 0 or not text[i - 1].isalnum())
            ):
                opened = (char, i + 1)
        elif char == (opened[0] if opened[0] == '"' else OPENING[opened[0]]):
            if char == "’" and i + 1 < len(text) and text[i + 1].isalnum():
                continue  # an apostrophe inside a single-quoted span ("it’s")
            ranges.append((opened[1], i))
            opened = None
    return ranges


def _breaks(text: str) -> list[tuple[int, int]]:
    """Ranges that end a quoted fragment: ellipses and [editorial insertions]."""
    found = [(m.start(), m.end()) for m in ELLIPSIS_RE.finditer(text)]
    found += [(m.start(), m.end()) for m in re.finditer(r"\[[^\]]*\]", text)]
    return sorted(found)


def quoted_spans(text: str, tokens: list[Token], whole: bool) -> tuple[tuple[int, int], ...]:
    """Token index ranges [i, j) of the words inside quotation marks.

    `whole` says the quote is direct: all its words are quoted (its marks were left out).
    Ellipses, brackets and closing marks split fragments, and bracketed words are not quoted,
    so that an editor's trimming or insertion is never read as a change of wording.
    """
    ranges = [(0, len(text))] if whole else _mark_ranges(text)
    breaks = _breaks(text)
    spans: list[tuple[int, int]] = []
    run_start: int | None = None
    previous: tuple[int, int] | None = None  # (range index, token end) of the last quoted word
    for index, token in enumerate(tokens):
        inside = next((r for r, (a, b) in enumerate(ranges) if a <= token.start < b), None)
        bracketed = any(a <= token.start < b and text[a] == "[" for a, b in breaks)
        broken = previous is not None and (
            inside != previous[0] or any(previous[1] <= a < token.start for a, _ in breaks)
        )
        if run_start is not None and (inside is None or bracketed or broken):
            spans.append((run_start, index))
            run_start = None
        if inside is not None and not bracketed:
            run_start = index if run_start is None else run_start
            previous = (inside, token.end)
    if run_start is not None:
        spans.append((run_start, len(tokens)))
    return tuple(spans)


def sentence_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of the sentences (and lines) of an article."""
    ranges, start = [], 0
    for match in SENTENCE_END_RE.finditer(text):
        if text[start : match.start()].strip():
            ranges.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        ranges.append((start, len(text)))
    return ranges
