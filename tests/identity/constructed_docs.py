"""Building parsed Docs by hand, as spaCy's own tests do: no model, every attribute given."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

# "The mayor said that taxes will rise." (a cue, its clause and its source)
SAID_THAT = [
    ("The", 1, "det", "DET", "the", "O"),
    ("mayor", 2, "nsubj", "NOUN", "mayor", "O"),
    ("said", 2, "ROOT", "VERB", "say", "O"),
    ("that", 6, "mark", "SCONJ", "that", "O"),
    ("taxes", 6, "nsubj", "NOUN", "tax", "O"),
    ("will", 6, "aux", "AUX", "will", "O"),
    ("rise", 2, "ccomp", "VERB", "rise", "O"),
    (".", 2, "punct", "PUNCT", ".", "O"),
]
# Fine-grained tags by part of speech, unless a row's word needs another.
_TAGS = {"PROPN": "NNP", "NOUN": "NN", "VERB": "VBD", "PRON": "PRP", "PUNCT": "."}
# English lexical attributes (lower case, punctuation), no trained model.
_VOCAB = spacy.blank("en").vocab


def make_doc(
    rows: list[tuple[str, int, str, str, str, str]],
    spaces: list[bool] | None = None,
    tags: dict[str, str] | None = None,
) -> Doc:
    """rows: (word, head index, dep, pos, lemma, entity IOB tag like "B-PERSON" or "O").

    Unless `spaces` says otherwise, a word is followed by a space unless the next word is
    punctuation; an opening quotation mark sticks to the word after it, a closing one to the
    word before. `tags` gives the fine-grained tag of the words it names ("VBG").
    """
    words = [r[0] for r in rows]
    if spaces is None:
        spaces = _spaces(rows)
    return Doc(
        _VOCAB,
        words=words,
        spaces=spaces,
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        tags=[(tags or {}).get(r[0]) or _tag(r) or _TAGS.get(r[3], "XX") for r in rows],
        lemmas=[r[4] for r in rows],
        ents=[r[5] for r in rows],
    )


def _spaces(rows: list[tuple[str, int, str, str, str, str]]) -> list[bool]:
    """Whether each word is followed by a space, as English prints it."""
    straight = [i for i, row in enumerate(rows) if row[0] == '"']
    opening = {i for i, row in enumerate(rows) if row[0] == "“"} | set(straight[::2])
    spaces = []
    for i in range(len(rows)):
        following = i + 1
        if following == len(rows) or i in opening:
            spaces.append(False)
        else:
            spaces.append(rows[following][3] != "PUNCT" or following in opening)
    return spaces


def _tag(row: tuple[str, int, str, str, str, str]) -> str | None:
    """Plural nouns need NNS / NNPS: the resolver reads number from the tag."""
    word, _, _, pos, lemma, _ = row
    if pos in ("NOUN", "PROPN") and word.lower() != lemma.lower() and word.endswith("s"):
        return "NNS" if pos == "NOUN" else "NNPS"
    return None


def only_cue(doc: Doc, word: str):
    """The one cue of `doc` whose text is `word` (the shipped rules find it)."""
    from quotes.cues import find_cues
    from quotes.rules import load_rules

    (cue,) = [c for sent in doc.sents for c in find_cues(sent, load_rules()) if c.text == word]
    return cue
