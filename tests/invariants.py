"""Checks every extracted quote must pass, whatever the text."""

from quotes.model import QUOTE_KINDS, QUOTE_TYPES, SPEAKER_KINDS


def check_quote(quote, text):
    """Allowed values, and every span is the text it claims to be."""
    assert quote.type in QUOTE_TYPES
    assert quote.kind in QUOTE_KINDS
    assert quote.speaker_kind in SPEAKER_KINDS
    assert 0.0 <= quote.confidence <= 1.0
    assert 0 <= quote.start < quote.end <= len(text)
    assert quote.text == text[quote.start : quote.end]
    if quote.cue is not None:
        assert quote.cue == text[quote.cue_start : quote.cue_end]
    if quote.speaker_mention is not None:
        mention = quote.speaker_mention
        assert mention.text == text[mention.start : mention.end]
