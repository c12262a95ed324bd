"""Finding web debris around an article: link lists, breadcrumbs, appeals, repeated lines.

Scraped pages keep menus, "Related" link lists and fundraising appeals next to the
story. Speech found there is not the article's, so the extractor skips these ranges.
Photo captions are not debris: their quotes are kept, marked as from a caption.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .marks import find_quoted_spans
from .model import Quote
from .rules import Rules, load_rules

_LINE = re.compile(r"[^\n]*")
_SENTENCE_END = tuple(".!?\"”’')")
_BREADCRUMB = re.compile(r"\bHome\s*[>»/]")
_READER = re.compile(r"\b(we|our|us|you|your)\b", re.IGNORECASE)
_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_PICTURE = r"(?:Photo|PHOTO|Photograph|Picture|Image|IMAGE|Video)s?"
# A caption line carries a picture credit: "(AP Photo/Hadi Mizban)", "(Photo by Jo Li)",
# "Photo: Reuters", "Image caption, …", "… | Getty Images", "… Photograph: Jo Li/AFP".
_CAPTION = re.compile(
    rf"\((?:[^()\n]*\s)?{_PICTURE}\b[^()\n]*\)\W*$"
    rf"|^\W*(?:{_PICTURE}|Caption|Image caption|Credit)(?: credit| caption)?\s*[:|,]"
    rf"|(?:\||\s/)\s*[^|/\n]*\b(?:Getty Images|{_PICTURE}|Images)\s*$"
    rf"|\b(?:{_PICTURE}|Credit)(?: credit)?\s*:\s*[^.!?\n]*$",
    re.MULTILINE,
)


def _lines(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _LINE.finditer(text) if m.end() > m.start()]


def _is_header(line: str, headers: frozenset[str]) -> bool:
    return line.strip().rstrip(":").strip().lower() in headers


def _is_link_like(line: str) -> bool:
    """A list item or bare headline: no sentence end, or a bullet."""
    stripped = line.strip()
    return stripped.startswith(("- ", "• ", "* ")) or not stripped.endswith(_SENTENCE_END)


def _is_appeal(line: str, words: tuple[str, ...]) -> bool:
    """A line with an appeal word that addresses the reader in its own words: a "we" inside
    quotation marks is a source's ('"We need …," the fundraising email said')."""
    lowered = line.lower()
    if not any(word in lowered for word in words):
        return False
    unquoted = list(line)
    for span in find_quoted_spans(line):
        unquoted[span.start : span.end] = " " * (span.end - span.start)
    return bool(_READER.search("".join(unquoted)))


def _normalised(line: str) -> str:
    return " ".join(line.translate(_MARKS).split()).lower()


def find_debris(text: str, rules: Rules | None = None) -> list[tuple[int, int]]:
    """Character ranges of `text` that are not article prose (`rules`: the shipped ones)."""
    rules = rules or load_rules()
    debris: list[tuple[int, int]] = []
    in_list = False
    seen: set[str] = set()
    for start, end in _lines(text):
        line = text[start:end]
        if _is_header(line, rules.boilerplate_headers):
            in_list = True
            debris.append((start, end))
            continue
        if in_list and _is_link_like(line) and not _CAPTION.search(line):
            debris.append((start, end))
            continue
        in_list = False
        key = _normalised(line)
        if (
            _BREADCRUMB.search(line)
            or _is_appeal(line, rules.appeal_words)
            or (len(key) > 30 and key in seen)
        ):
            debris.append((start, end))
        seen.add(key)
    return debris


def in_ranges(position: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether `position` lies inside one of `ranges`."""
    return any(start <= position < end for start, end in ranges)


def find_captions(text: str) -> list[tuple[int, int]]:
    """Character ranges of `text` that are photo captions (lines carrying a picture credit)."""
    return [(start, end) for start, end in _lines(text) if _CAPTION.search(text[start:end])]


def mark_captions(quotes: Iterable[Quote], ranges: list[tuple[int, int]]) -> None:
    """Mark each quote that starts inside one of `ranges` as from a caption."""
    for quote in quotes:
        if in_ranges(quote.start, ranges):
            quote.caption = True
