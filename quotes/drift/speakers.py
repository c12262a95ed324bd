"""Whether two quotes are given to the same speaker, a vaguer one, or a different one."""

from __future__ import annotations

from ..identity import is_pronoun, name_key, same_person_name
from .lexicon import Lexicon, load_lexicon
from .records import SpeakerRef

SAME, VAGUER, DIFFERENT = "same", "vaguer", "different"
VAGUE_KINDS = frozenset({"anonymous", "unknown", "group"})


def name_tokens(name: str, lexicon: Lexicon | None = None) -> frozenset[str]:
    """The words of a name that identify it: lower case, variants unified, stop words out."""
    lexicon = lexicon or load_lexicon()
    text = f" {name_key(name)} "
    for variant, form in lexicon.name_variants:
        text = text.replace(f" {variant} ", f" {form} ")
    return frozenset(w for w in text.split() if w not in lexicon.stop_words or w == "us")


def is_vague(speaker: SpeakerRef, lexicon: Lexicon | None = None) -> bool:
    """An attribution that could stand for many people ("Iraqi officials", a spokesperson)."""
    lexicon = lexicon or load_lexicon()
    if not speaker.name or speaker.kind in VAGUE_KINDS:
        return True
    return bool(name_tokens(speaker.name, lexicon) & lexicon.vague_speaker_words)


def _names(speaker: SpeakerRef, lexicon: Lexicon) -> list[frozenset[str]]:
    """Token sets of the speaker's name and aliases."""
    names = [speaker.name, *speaker.aliases] if speaker.name else list(speaker.aliases)
    names = [name for name in names if not is_pronoun(name)]
    return [tokens for tokens in (name_tokens(n, lexicon) for n in names) if tokens]


def same_description(a: SpeakerRef, b: SpeakerRef, lexicon: Lexicon | None = None) -> bool:
    """Two vague speakers described alike but for the role noun ("Iraqi government official" /
    "Iraqi government representative"): one source as two articles word it."""
    lexicon = lexicon or load_lexicon()
    if not a.name or not b.name:
        return False
    left = name_tokens(a.name, lexicon) - lexicon.vague_speaker_words
    right = name_tokens(b.name, lexicon) - lexicon.vague_speaker_words
    return bool(left) and left == right


def same_speaker(a: SpeakerRef, b: SpeakerRef, lexicon: Lexicon | None = None) -> bool:
    """Same id, or one name's words within the other's ("Rasool" / "Yehia Rasool")."""
    lexicon = lexicon or load_lexicon()
    if a.id is not None and a.id == b.id:
        return True
    if is_vague(a, lexicon) or is_vague(b, lexicon):
        return same_description(a, b, lexicon)
    if a.kind == b.kind == "person" and a.name and b.name and same_person_name(a.name, b.name):
        return True
    return any(x <= y or y <= x for x in _names(a, lexicon) for y in _names(b, lexicon))


def relation(a: SpeakerRef, b: SpeakerRef, lexicon: Lexicon | None = None) -> str:
    """same, vaguer (one side could stand for the other) or different."""
    lexicon = lexicon or load_lexicon()
    if same_speaker(a, b, lexicon):
        return SAME
    if is_vague(a, lexicon) or is_vague(b, lexicon) or a.kind != b.kind:
        return VAGUER
    return DIFFERENT


def specificity(speaker: SpeakerRef, lexicon: Lexicon | None = None) -> int:
    """How precisely a speaker is named: a named person 3, organisation 2, vague 0-1."""
    lexicon = lexicon or load_lexicon()
    if is_vague(speaker, lexicon):
        return 1 if speaker.id else 0
    return 3 if speaker.kind == "person" else 2
