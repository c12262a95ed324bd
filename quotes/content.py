"""Stage 2: the content a cue introduces, as a character range of the sentence."""

from __future__ import annotations

from spacy.tokens import Token

from .cues import Cue

# Punctuation trimmed from the edges of a content span (quotation marks stay: they are evidence).
_EDGE_PUNCT = set(",;:—–-()[]")
# Dependents of a cue that carry its content, and the verbs that take each.
_OBJECT_PREPS = {"as": None, "of": {"accuse", "convict", "warn", "suspect"}, "for": {"call"}}
_PREDICATIVE = ("oprd", "attr")


def _token_range(tokens: list[Token]) -> tuple[int, int] | None:
    """Offsets of tokens trimmed of edge punctuation."""
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].text in _EDGE_PUNCT or tokens[0].is_space):
        tokens.pop(0)
    while tokens and (tokens[-1].text in _EDGE_PUNCT or tokens[-1].is_space):
        tokens.pop()
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _span_tokens(first: Token, last: Token) -> list[Token]:
    return list(first.doc[first.i : last.i + 1])


def _clause_complement(cue: Token, infinitives: frozenset[str]) -> list[Token] | None:
    """'said (that) …', 'wants to …': the clausal complement's subtree."""
    takes_infinitive = cue.lemma_.lower() in infinitives
    for child in cue.children:
        if child.dep_ == "xcomp" and not takes_infinitive:
            continue
        if child.dep_ in ("ccomp", "xcomp") and child.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            subtree = list(child.subtree)
            # "urged Congress to act": the object belongs to the content.
            objects = [c for c in cue.children if c.dep_ == "dobj" and c.i < child.i]
            if objects and child.dep_ == "xcomp":
                return _span_tokens(objects[0].left_edge, subtree[-1])
            return _span_tokens(subtree[0], subtree[-1])
    return None


def _object_complement(cue: Token) -> list[Token] | None:
    """'called the strike a "blatant assassination"', 'denounced X as Y', 'accused X of Y'."""
    lemma = cue.lemma_.lower()
    objects = [c for c in cue.children if c.dep_ == "dobj"]
    for child in cue.children:
        if child.dep_ in _PREDICATIVE and objects:
            return _span_tokens(objects[0].left_edge, child.right_edge)
        if child.dep_ == "prep" and child.lower_ in _OBJECT_PREPS:
            verbs = _OBJECT_PREPS[child.lower_]
            if verbs is not None and lemma not in verbs:
                continue
            if not any(c.dep_ in ("pobj", "pcomp") for c in child.children):
                continue
            if objects:
                return _span_tokens(objects[0].left_edge, child.right_edge)
            if child.lower_ == "for":
                return _span_tokens(next(child.children), child.right_edge)
    return None


def _that_clause(cue: Token) -> list[Token] | None:
    """A misparsed 'said … that X': everything from the complementizer to the sentence end."""
    sentence = cue.sent
    for token in cue.doc[cue.i + 1 : min(cue.i + 8, sentence.end)]:
        if token.lower_ == "that" and token.dep_ in ("dobj", "mark", "nsubj", "punct"):
            rest = list(cue.doc[token.i : sentence.end])
            return rest if len(rest) > 3 else None
        if (token.is_punct and token.text not in ",") or token.pos_ == "VERB":
            return None  # another clause, with a cue of its own
    return None


def _host_clause(cue: Token, exclude: Token) -> list[Token] | None:
    """'The coalition, Rasool said, had …', '…, according to AP': the clause the cue sits in."""
    host = exclude.head
    if host is exclude:
        return None
    inner = {t.i for t in exclude.subtree}
    tokens = [t for t in host.subtree if t.i not in inner]
    return tokens or None


def _is_parenthetical(token: Token) -> bool:
    """'…, Rasool said, …' / '…, as he put it': a cue set into the clause it reports."""
    if token.head is token or token.head.pos_ not in ("VERB", "AUX"):
        return False
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
    if token.dep_ == "parataxis":
        return has_subject
    return token.dep_ == "advcl" and has_subject and any(c.lower_ == "as" for c in token.children)


def content_tokens(cue: Cue, infinitives: frozenset[str]) -> list[Token] | None:
    """The tokens of the content, or None when the cue introduces none in its sentence."""
    token = cue.token
    if cue.form == "according":
        # The prepositional phrase hangs on the clause it attributes.
        return _host_clause(token, token)
    if cue.form == "adjective":
        return _clause_complement(token, infinitives)
    found = _clause_complement(token, infinitives) or _object_complement(token)
    if found:
        return found
    if _is_parenthetical(token):
        return _host_clause(token, token)
    return _that_clause(token)


def content_range(cue: Cue, infinitives: frozenset[str]) -> tuple[int, int] | None:
    """Character offsets of the content, trimmed of edge punctuation."""
    tokens = content_tokens(cue, infinitives)
    if not tokens:
        return None
    found = _token_range(tokens)
    if found is None:
        return None
    start, end = found
    # A content must hold more than a word or two to be speech.
    if end - start < 3:
        return None
    return found
