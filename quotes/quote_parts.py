"""Parts every extracted quote is built from: trimmed spans, paragraphs, source mentions."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .coref import Resolution
from .cues import Cue
from .model import Mention, Quote
from .sources import noun_phrase


def count_words(text: str) -> int:
    return len(text.split())


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces and a trailing comma from a quoted span's inside."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end


def paragraph_bounds(text: str, position: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, (len(text) if end < 0 else end)


def mention_of(head: Token) -> Mention:
    phrase = noun_phrase(head) if head.pos_ != "PRON" else head.doc[head.i : head.i + 1]
    return Mention(phrase.text, phrase.start_char, phrase.end_char)


def make_quote(
    kind: str,
    start: int,
    end: int,
    text: str,
    cue: Cue | None,
    resolution: Resolution | None,
    mention: Mention | None,
    via: str | None,
    sentence: Span,
    confidence: float,
    attribution: int | None = None,
    quote_kind: str | None = None,
) -> Quote:
    speaker = resolution.speaker if resolution else None
    return Quote(
        type=kind,
        text=text[start:end],
        start=start,
        end=end,
        kind=quote_kind or (cue.kind if cue else "speech"),
        cue=cue.text if cue else None,
        cue_start=cue.start if cue else None,
        cue_end=cue.end if cue else None,
        speaker=speaker.name if speaker else None,
        speaker_kind=speaker.kind if speaker else "unknown",
        speaker_mention=mention,
        speaker_title=resolution.title if resolution else None,
        speaker_aliases=list(speaker.aliases) if speaker else [],
        via=via,
        confidence=confidence,
        context_start=sentence.start_char,
        context_end=sentence.end_char,
        attribution=attribution,
    )
