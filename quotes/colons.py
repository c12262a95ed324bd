"""Colon attributions: 'Pence: Flowers won't be at debate', 'WALLACE: Let's start …',
'Caddell continued: "…"'. The colon is the cue; the rest of the paragraph is the content."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .cues import Cue
from .doc_cache import doc_text, tokens_where
from .rules import Rules

# A speaker label is a short name: more words make it a sentence with a colon in it.
MAX_LABEL_TOKENS = 4


def _paragraph_end(doc: Doc, token: Token) -> int:
    text = doc_text(doc)
    end = text.find("\n", token.idx)
    return len(text) if end < 0 else end


def _label_head(tokens: list[Token], rules: Rules) -> Token | None:
    """The head of a speaker label: a few capitalised words ("Pence", "WALLACE", "Poll"),
    not page furniture ("Source", "Update")."""
    words = [t for t in tokens if not t.is_punct]
    if not words or len(words) > MAX_LABEL_TOKENS:
        return None
    if " ".join(t.lower_ for t in words) in rules.page_labels:
        return None
    if not all(t.text[:1].isupper() or t.ent_type_ in ("PERSON", "ORG") for t in words):
        return None
    return max(words, key=lambda t: (t.ent_type_ == "PERSON", t.pos_ == "PROPN", t.i))


def _cue_head(tokens: list[Token], rules: Rules) -> Token | None:
    """'Caddell continued:' / 'the statement said:': a speech verb right before the colon."""
    if not tokens:
        return None
    verb = tokens[-1]
    if verb.pos_ == "VERB" and verb.lemma_.lower() in rules.speech_verbs | {"continue"}:
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return None


def _content_after(doc: Doc, colon: Token) -> tuple[int, int] | None:
    """The rest of the paragraph after the colon, or the next paragraph when it is empty."""
    text = doc_text(doc)
    start = colon.idx + 1
    end = _paragraph_end(doc, colon)
    if not text[start:end].strip():
        start = end + 1
        while start < len(text) and text[start] == "\n":
            start += 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
    while start < end and text[start] in ' "“\t':
        start += 1
    while end > start and text[end - 1] in ' "”\t':
        end -= 1
    return (start, end) if end - start > 10 else None


def colon_attributions(doc: Doc, rules: Rules) -> list[tuple[Cue, int, int, Token]]:
    """(cue, content start, content end, source head) for each colon attribution."""
    found = []
    for token in tokens_where(doc[:], "ORTH", ":"):
        paragraph_start = doc_text(doc).rfind("\n", 0, token.idx) + 1
        before = [t for t in doc[token.sent.start : token.i] if t.idx >= paragraph_start]
        before = [t for t in before if t.text not in '"“']
        head = _cue_head(before, rules) or _label_head(before, rules)
        if head is None:
            continue
        content = _content_after(doc, token)
        if content is None:
            continue
        cue = Cue(token, token.idx, token.idx + 1, "speech", "colon")
        found.append((cue, content[0], content[1], head))
    return found
