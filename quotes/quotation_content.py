"""Stage 2, for quotations: a quotation right after its cue ('said, "…"'), or opening its
sentence before it ('"…," said X, who …'), is the cue's content whatever else the parse
hangs on the cue. Token-level marks, as the tokenizer splits them."""

from __future__ import annotations

from spacy.tokens import Token

OPENING_MARKS = ('"', "“", "''", "``")
CLOSING_MARKS = ('"', "”", "''")
_SENTENCE_ENDS = (".", "!", "?", '"', "”", "''")
_FINITE = ("VBD", "VBZ", "VBP")


def quotation_after(cue: Token) -> list[Token] | None:
    """'Trump said, "When people …"': a quotation right after the cue and a comma or colon."""
    doc = cue.doc
    index = cue.i + 1
    while (
        index < len(doc)
        and doc[index].text in (",", ":")
        or (index < len(doc) and doc[index].dep_ == "npadvmod" and index == cue.i + 1)
    ):
        index += 1
    if index >= len(doc) or doc[index].text not in OPENING_MARKS:
        return None
    close = next((t.i for t in doc[index + 1 :] if t.text in CLOSING_MARKS or "\n" in t.text), None)
    end = close if close is not None else len(doc)
    return list(doc[index : end + 1]) if end - index > 2 else None


def quotation_before(cue: Token) -> list[Token] | None:
    """'"…," said Hany Farid, who …' / '"…," he said, alluding to …': a quotation opening its
    sentence and closing on a comma, '?' or '!' right before a finite cue (and its subject)
    is what the cue reports, whatever else the parser hangs on the cue."""
    doc = cue.doc
    if cue.tag_ not in _FINITE:
        return None
    subject = next((c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i), None)
    close = (subject.left_edge.i if subject is not None else cue.i) - 1
    if close < 1 or doc[close].text not in CLOSING_MARKS or doc[close - 1].text not in ",?!":
        return None
    opening = next(
        (t.i for t in reversed(doc[:close]) if t.text in OPENING_MARKS or "\n" in t.text), None
    )
    if opening is None or "\n" in doc[opening].text or close - opening <= 2:
        return None
    before = doc[opening - 1] if opening > 0 else None
    if before is not None and "\n" not in before.text and before.text not in _SENTENCE_ENDS:
        return None  # a title or scare quote inside the reporter's sentence
    return list(doc[opening : _second_half_end(cue, close) + 1])


def _second_half_end(cue: Token, close: int) -> int:
    """Where a quotation split by its cue ends: '"…," Tester said, referring to …, "…"'."""
    doc = cue.doc
    after = doc[cue.i + 1 : cue.sent.end]
    opening = next(
        (t.i for t in after if t.text in OPENING_MARKS and doc[t.i - 1].text == ","), None
    )
    if opening is None:
        return close
    end = next((t.i for t in doc[opening + 1 : cue.sent.end] if t.text in CLOSING_MARKS), None)
    return end if end is not None else close
