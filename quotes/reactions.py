"""Speech or reaction: whether a content says something or only names what the source acted
on ('condemned the strike' is a reaction; 'denied any role in the attacks' is speech)."""

from __future__ import annotations

from spacy.tokens import Token

from .content import relation_name
from .cues import Cue
from .objects import is_predicative, takes_complement
from .rules import Rules

_NOMINAL = ("NOUN", "PROPN", "PRON", "NUM")


def is_reaction(cue: Cue, relation: str, rules: Rules) -> bool:
    """A content that only names what the source acted on: 'condemned the strike', 'rejected a
    proposal', 'criticized the U.S. for its actions'. Not speech: 'denied any role in …'
    (quotes/rules/proposition_objects.txt), 'described X as Y', 'accused X of Y', 'deems X a
    Y', clauses."""
    token = cue.token
    if cue.form == "noun" and cue.kind == "speech" and relation.startswith("prep:"):
        return _names_a_thing(token, relation)
    if cue.form == "verb" and cue.kind == "speech" and relation in _TOPIC_PREPS:
        return _names_a_thing(token, relation)  # 'talked about the economy', 'focused on voters'
    if cue.form != "verb" or cue.kind != "speech":
        return False
    if token.lemma_.lower() in rules.proposition_objects:
        return False
    if relation == "nsubjpass":  # 'Trump is supported by few papers': the passive's object
        subject = next(c for c in token.children if c.dep_ == "nsubjpass")
        return subject.pos_ in _NOMINAL and not any(t.pos_ == "VERB" for t in subject.subtree)
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    if obj is None or obj.pos_ not in _NOMINAL:
        return False
    if relation not in ("dobj", "object+complement") or _carries_a_clause(obj):
        return False
    # 'deems the strike a violation', parsed as a noun with a subject: a small clause.
    if any(c.dep_ == "nsubj" for c in obj.children):
        return False
    # 'as', 'of', 'to' complements and predicatives say something about the object ('described
    # X as Y', 'accused X of Y', 'called it Z'), wherever the parser hangs them; praise and
    # blame 'for' a reason only name the target.
    hung = [c for c in token.children if c.i > obj.i] + list(obj.children)
    return not any(
        is_predicative(c)
        or (c.dep_ == "prep" and c.lower_ != "for" and takes_complement(token, c, rules))
        for c in hung
    )


def _carries_a_clause(noun: Token) -> bool:
    """'his support for restarting talks', 'plans to cut jobs', 'the claim that …': a noun
    whose complement is a clause states a position; a relative clause ('the strike that
    killed …') only describes the thing."""
    described = {t.i for r in noun.subtree if r.dep_ == "relcl" for t in r.subtree}
    for token in noun.subtree:
        if token.pos_ not in ("VERB", "AUX") or token.i in described:
            continue
        if token.dep_ == "pcomp" or any(c.dep_ == "mark" for c in token.children):
            return True
        if token.dep_ == "acl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in token.children
        ):
            return True
    return False


# Prepositions that name what was spoken about, not what was said.
_TOPIC_PREPS = ("prep:about", "prep:on", "prep:over")


def _names_a_thing(noun: Token, relation: str) -> bool:
    """'Hamas' attack on Israel', 'her criticism of the plan': a noun cue whose content is a
    noun phrase with no clause in it."""
    prep = next((c for c in noun.children if relation_name(c) == relation), None)
    objects = [c for c in prep.children if c.dep_ == "pobj"] if prep is not None else []
    return bool(objects) and all(
        o.pos_ in _NOMINAL and not any(t.pos_ in ("VERB", "AUX") for t in o.subtree)
        for o in objects
    )
