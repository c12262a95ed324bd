"""Who a source spoke to, and whether a mention introduces another source.

An article that names an unnamed source twice ("An anonymous member of Parliament
informed CBS News …", later "according to a lawmaker who spoke with CBS News") ties the
two mentions by the outlet both spoke to; "another lawmaker" is never the same source.
Coreference (quotes.coref) uses these on the parse.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .identity import name_key

# "another lawmaker", "a second official": a source besides those already quoted.
_OTHER_SOURCE = frozenset(
    "another other second third fourth fifth separate different additional fellow".split()
)
# Verbs by which a source speaks to someone ("told CBS News", "spoke with Reuters").
_TOLD_VERBS = frozenset("tell inform speak talk say explain confirm describe".split())
# Verbs whose object is the listener ("told CBS News"), never what was said.
ADDRESSEE_VERBS = frozenset({"tell", "inform"})


def _proper_name(token: Token) -> str | None:
    """ "CBS News" for the token "News": a proper noun with its compound words, keyed."""
    if token.pos_ != "PROPN" and token.ent_type_ != "ORG":
        return None
    parts = [c for c in token.lefts if c.dep_ == "compound"]
    start = parts[0].i if parts else token.i
    return name_key(token.doc[start : token.i + 1].text) or None


def told_whom(head: Token) -> str | None:
    """The outlet or person a source mention spoke to, when the text names one: "X told
    CBS News", "X informed Reuters", "a lawmaker who spoke with CBS News", "X said to the AP"."""
    verbs = [c for c in head.children if c.dep_ == "relcl"]
    if head.dep_ == "nsubj":
        verbs.append(head.head)
    for verb in verbs:
        lemma = verb.lemma_.lower()
        if lemma not in _TOLD_VERBS:
            continue
        for child in verb.children:
            if child.dep_ in ("dobj", "dative") and lemma in ADDRESSEE_VERBS:
                found = _proper_name(child)
            elif child.dep_ == "prep" and child.lower_ in ("to", "with"):
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                found = _proper_name(obj) if obj is not None else None
            else:
                continue
            if found:
                return found
    return None


def introduces_another(phrase: Span) -> bool:
    """ "another lawmaker", "a second official", "other officials": someone besides the
    sources already quoted."""
    return any(t.lower_ in _OTHER_SOURCE or t.ent_type_ == "ORDINAL" for t in phrase)
