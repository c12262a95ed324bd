"""Stage 2a: a cue's object and what completes it: 'called the strike a …' (a predicative),
'denounced X as Y' (a complement preposition, quotes/rules/object_complements.tsv), and what
follows the adjective of 'made (it) clear that …'."""

from __future__ import annotations

from spacy.tokens import Token

from .rules import Rules

PREDICATIVE = ("oprd",)


def between(first: Token, last: Token) -> list[Token]:
    """The tokens from `first` to `last`, both included."""
    return list(first.doc[first.i : last.i + 1])


def takes_complement(cue: Token, prep: Token, rules: Rules) -> bool:
    """'denounced X as Y', 'accused X of Y', 'praised X for Y' (quotes/rules/object_complements.tsv)."""
    verbs = rules.object_complements.get(prep.lower_)
    return verbs is not None and ("*" in verbs or cue.lemma_.lower() in verbs)


def is_predicative(child: Token) -> bool:
    """An object complement: 'deemed the law unconstitutional', and the later of two objects
    right after the other or the verb ('deems the releases a trade-off', 'which it deems a
    breach'), the parser's reading of a noun complement; not one set off by punctuation
    ('condemns the strike: "assassination"')."""
    if child.dep_ in PREDICATIVE:
        return True
    before = child.left_edge.i - 1
    return child.dep_ == "dobj" and any(
        c.dep_ == "dobj" and c.i < child.i and before in (c.right_edge.i, child.head.i)
        for c in child.head.children
    )


# Set off by a comma, these describe an object rather than belong to what was said.
_DESCRIPTIVE = ("appos", "relcl", "acl")
_DESCRIPTIVE_PREPS = ("including", "like", "such")


def _restrictive_end(obj: Token) -> Token:
    """The object up to a comma that opens an apposition or a non-restrictive clause
    ('its defense of Planned Parenthood, the abortion business that …')."""
    doc = obj.doc
    end = obj.right_edge
    for token in obj.subtree:
        opens = token.dep_ in _DESCRIPTIVE or (
            token.dep_ == "prep" and token.lower_ in _DESCRIPTIVE_PREPS
        )
        before = token.left_edge.i - 1
        if opens and before > obj.i and doc[before].text == "," and before - 1 < end.i:
            end = doc[before - 1]
    return end


def object_phrase(cue: Token, obj: Token, rules: Rules) -> list[Token]:
    """A direct object, with its complement when there is one ('called the strike a …')."""
    end = _restrictive_end(obj)
    for child in cue.children:
        if child.i <= obj.i:
            continue
        if is_predicative(child) or (child.dep_ == "prep" and takes_complement(cue, child, rules)):
            end = max(end, child.right_edge, key=lambda t: t.i)
    return between(obj.left_edge, end)


# How a parse hangs what follows "made (it) clear" on the adjective or on the verb.
_AFTER_ADJECTIVE = ("ccomp", "csubj", "advcl", "nsubj", "dobj", "xcomp")


def after_adjective(verb: Token, adjective: Token) -> tuple[list[Token], str] | None:
    """'made (it) clear that …', 'made clear its opposition': the words after the adjective,
    wherever the parse hangs them; a clause is a ccomp, a noun phrase an object."""
    heads = [
        c
        for c in (*adjective.children, *verb.children)
        if c.i > adjective.i and c.dep_ in _AFTER_ADJECTIVE
    ]
    if not heads:
        return None
    last = max((h.right_edge for h in heads), key=lambda t: t.i)
    clausal = any(h.pos_ in ("VERB", "AUX") for h in heads)
    return between(verb.doc[adjective.i + 1], last), "ccomp" if clausal else "dobj"
