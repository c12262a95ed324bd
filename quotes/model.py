"""The data model: what `quotes` says about one piece of attributed speech.

Every span is given as character offsets into the text that was analysed
(for a file, its decoded text), so that ``text[start:end]`` is the span.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

QUOTE_TYPES = ("direct", "indirect", "mixed")
QUOTE_KINDS = ("speech", "belief")
SPEAKER_KINDS = ("person", "organization", "group", "anonymous", "unknown")


@dataclass(frozen=True)
class Mention:
    """A span of the article text: ``article_text[start:end] == text``."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Quote:
    """One attributed statement found in an article.

    type
        ``direct``: the whole content stands in quotation marks;
        ``indirect``: reported speech without marks;
        ``mixed``: reported speech carrying quoted fragments.
    kind
        ``speech`` (said, told, announced …) or ``belief`` (believes, wants,
        fears …): attributed thoughts and intentions, which users may filter out.
    text, start, end
        The content exactly as it stands in the article; for direct quotes
        the words inside the quotation marks.
    cue, cue_start, cue_end
        The words that introduce the speech ("said", "told CBS News",
        "according to"); empty when a quote continues an earlier one.
    speaker
        Resolved display name ("Yehia Rasool", "U.S. Central Command",
        "anonymous member of Iraq's Parliament"), or None when unknown.
    speaker_kind
        One of person, organization, group, anonymous, unknown.
    speaker_mention
        The grammatical source in the text ("he", "Rasool", "the statement").
    speaker_title
        The speaker's title as this article gives it, if any.
    speaker_aliases
        Every surface form this article uses for the resolved speaker.
    via
        The intermediary when a source "told CBS News", else None.
    confidence
        How sure the extractor is of the content and speaker, in [0, 1].
    context_start, context_end
        The sentence (or paragraph, for multi-sentence quotes) it stands in.
    attribution
        Quotes with the same number share one cue: the halves of a split quote
        ('"…," said Rasool. "…"') and quoted sentences that continue it.
    caption
        The quote stands in a photo caption, not in the story's prose.
    """

    type: str
    text: str
    start: int
    end: int
    kind: str = "speech"
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None
    speaker_kind: str = "unknown"
    speaker_mention: Mention | None = None
    speaker_title: str | None = None
    speaker_aliases: list[str] = field(default_factory=list)
    via: str | None = None
    confidence: float = 0.5
    context_start: int | None = None
    context_end: int | None = None
    attribution: int | None = None
    caption: bool = False

    def to_json(self, article: str | None = None) -> dict[str, Any]:
        """The public JSON shape of `quotes extract --format jsonl`."""
        return {
            "article": article,
            "type": self.type,
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "cue": self.cue,
            "cue_start": self.cue_start,
            "cue_end": self.cue_end,
            "speaker": self.speaker,
            "speaker_kind": self.speaker_kind,
            "speaker_mention": self.speaker_mention.to_dict() if self.speaker_mention else None,
            "speaker_title": self.speaker_title,
            "via": self.via,
            "confidence": round(self.confidence, 3),
            "caption": self.caption,
        }

    def to_dict(self) -> dict[str, Any]:
        """Every field, for library users who want more than the JSON shape."""
        return asdict(self)
