"""Pairing quotation marks into quoted spans, one paragraph at a time.

Pairing is local to a paragraph so that one stray mark or apostrophe can never
shift the pairing of the rest of the document. A paragraph that opens a quote
and does not close it, followed by a paragraph that opens with a mark, is the
news convention for a quote that runs on: the span ends at the paragraph end.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .rules import load_rules

_PARAGRAPH = re.compile(r"[^\n]+")
# Characters after which a straight double quote opens rather than closes.
_OPEN_CONTEXT = set(" \t([{—–-/:;") | {"\u00a0"}


@dataclass(frozen=True)
class QuotedSpan:
    """Words between a pair of marks: text[start:end]; marks at open_at and close_at."""

    start: int
    end: int
    open_at: int
    close_at: int | None  # None: the quote runs on into the next paragraph
    close_width: int = 1  # two for a closing ''

    @property
    def outer_end(self) -> int:
        return self.close_at + self.close_width if self.close_at is not None else self.end


def _is_word_char(char: str) -> bool:
    return char.isalnum()


def _direction(text: str, i: int, start: int, end: int, width: int = 1) -> str:
    """'open', 'close' or 'either' for a symmetric mark, from the characters around it."""
    before = text[i - 1] if i > start else " "
    after = text[i + width] if i + width < end else " "
    if before in _OPEN_CONTEXT or i == start:
        return "close" if after.isspace() else "open"
    if after.isspace() or not _is_word_char(after):
        return "close"
    return "either"


def _single_role(text: str, i: int, start: int, end: int) -> str | None:
    """'open', 'close' or None (an apostrophe) for a single quotation mark."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if _is_word_char(before) and _is_word_char(after):
        return None  # Kata'ib, Iran's, don't
    if not _is_word_char(before) and after.isdigit():
        return None  # the '90s
    if not _is_word_char(before) and _is_word_char(after):
        return "open"
    if _is_word_char(before) or before in ".,!?":
        return "close" if not _is_word_char(after) else None
    return None


def _marks(
    text: str, start: int, end: int, pattern: re.Pattern[str]
) -> Iterator[tuple[int, str, int]]:
    """Each quotation mark of a paragraph with its position and width, a doubled straight
    apostrophe ('') read as one straight double quote, as some papers print it."""
    for found in pattern.finditer(text, start, end):
        mark = found.group()
        yield found.start(), '"' if mark == "''" else mark, len(mark)


@lru_cache(maxsize=4)
def _mark_pattern(pairs: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """Every mark of the rules' pairs, and the doubled apostrophe before the single one."""
    marks = sorted({char for pair in pairs for char in pair} | set("'‘’"))
    return re.compile("''|[" + re.escape("".join(marks)) + "]")


def _pair_paragraph(text: str, start: int, end: int, runs_on: bool) -> list[QuotedSpan]:
    """Quoted spans of one paragraph; `runs_on` when the next paragraph opens with a mark."""
    pairs = load_rules().quote_pairs
    doubles: dict[str, str] = {}
    for open_, close in pairs:
        if open_ not in "'‘’":
            doubles[open_] = doubles.get(open_, "") + close  # an opener may have several closers
    double_closers = set("".join(doubles.values()))
    spans: list[QuotedSpan] = []
    opened: tuple[int, str, int] | None = None  # an open double: words' start, closers, width
    single_open: int | None = None
    for i, char, width in _marks(text, start, end, _mark_pattern(pairs)):
        if char == '"' or (char in doubles and char in double_closers):
            role = _direction(text, i, start, end, width)
            if opened and (role in ("close", "either")) and char in opened[1]:
                spans.append(QuotedSpan(opened[0], i, opened[0] - opened[2], i, width))
                opened = None
            elif role in ("open", "either") and not opened:
                opened = (i + width, doubles.get(char, char), width)
            elif opened and role == "open":
                opened = (i + width, doubles.get(char, char), width)  # the earlier was stray
        elif char in doubles:
            if opened is None or text[opened[0] - 1] == char:
                opened = (i + 1, doubles[char], 1)
        elif char in double_closers:
            if opened and char in opened[1]:
                spans.append(QuotedSpan(opened[0], i, opened[0] - opened[2], i))
                opened = None
        elif char in "'‘’" and opened is None:
            role = _single_role(text, i, start, end)
            if role == "open" and char != "’" and single_open is None:
                single_open = i
            elif role == "close" and single_open is not None and char != "‘":
                if i - single_open > 2:
                    spans.append(QuotedSpan(single_open + 1, i, single_open, i))
                single_open = None
    if opened and runs_on and end - opened[0] > 1:
        spans.append(QuotedSpan(opened[0], end, opened[0] - opened[2], None))
    return spans


def _opens_with_mark(text: str, start: int, end: int) -> bool:
    stripped = text[start:end].lstrip()
    return stripped.startswith(("''", '"', "“", "«", "„"))


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every quoted span in `text`, in order. Never raises on unbalanced marks."""
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    spans: list[QuotedSpan] = []
    for index, (start, end) in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        runs_on = following is not None and _opens_with_mark(text, *following)
        spans.extend(_pair_paragraph(text, start, end, runs_on))
    return [span for span in spans if text[span.start : span.end].strip()]
