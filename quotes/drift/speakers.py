"""Whether two quotes are given to the same speaker, a vaguer one, or a different one."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class _Profile:
    """What relating a speaker to others needs, computed once per speaker."""

    vague: bool
    description: frozenset[str]  # the name's words but vague ones ("Iraqi" of "Iraqi officials")
    names: tuple[frozenset[str], ...]  # word sets of the name and aliases, pronouns out


class SpeakerRelations:
    """Relations between speakers, each speaker's name words worked out once: relating two
    speakers is then a few set comparisons, however often a pair of quotes asks."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self._tokens: dict[str, frozenset[str]] = {}
        self._profiles: dict[SpeakerRef, _Profile] = {}

    def tokens(self, name: str) -> frozenset[str]:
        """`name_tokens`, once per name."""
        found = self._tokens.get(name)
        if found is None:
            found = self._tokens[name] = name_tokens(name, self.lexicon)
        return found

    def size(self) -> int:
        """How many speakers and names are held."""
        return len(self._profiles) + len(self._tokens)

    def profile(self, speaker: SpeakerRef) -> _Profile:
        found = self._profiles.get(speaker)
        if found is None:
            found = self._profiles[speaker] = self._make_profile(speaker)
        return found

    def _make_profile(self, speaker: SpeakerRef) -> _Profile:
        vague_words = self.lexicon.vague_speaker_words
        own = self.tokens(speaker.name) if speaker.name else frozenset()
        vague = not speaker.name or speaker.kind in VAGUE_KINDS or bool(own & vague_words)
        names = [speaker.name, *speaker.aliases] if speaker.name else list(speaker.aliases)
        sets = [self.tokens(n) for n in names if not is_pronoun(n)]
        return _Profile(vague, own - vague_words, tuple(tokens for tokens in sets if tokens))

    def is_vague(self, speaker: SpeakerRef) -> bool:
        """An attribution that could stand for many people ("Iraqi officials", a spokesperson)."""
        return self.profile(speaker).vague

    def same_description(self, a: SpeakerRef, b: SpeakerRef) -> bool:
        """Two vague speakers described alike but for the role noun ("Iraqi government
        official" / "Iraqi government representative"): one source as two articles word it."""
        if not a.name or not b.name:
            return False
        left, right = self.profile(a).description, self.profile(b).description
        return bool(left) and left == right

    def same_speaker(self, a: SpeakerRef, b: SpeakerRef) -> bool:
        """Same id, or one name's words within the other's ("Rasool" / "Yehia Rasool")."""
        if a.id is not None and a.id == b.id:
            return True
        left, right = self.profile(a), self.profile(b)
        if left.vague or right.vague:
            return self.same_description(a, b)
        if a.kind == b.kind == "person" and a.name and b.name and same_person_name(a.name, b.name):
            return True
        return any(x <= y or y <= x for x in left.names for y in right.names)

    def relation(self, a: SpeakerRef, b: SpeakerRef) -> str:
        """same, vaguer (one side could stand for the other) or different (symmetric)."""
        if self.same_speaker(a, b):
            return SAME
        if self.is_vague(a) or self.is_vague(b) or a.kind != b.kind:
            return VAGUER
        return DIFFERENT

    def specificity(self, speaker: SpeakerRef) -> int:
        """How precisely a speaker is named: a named person 3, organisation 2, vague 0-1."""
        if self.is_vague(speaker):
            return 1 if speaker.id else 0
        return 3 if speaker.kind == "person" else 2


_shared: list[SpeakerRelations] = []
MAX_SHARED_SPEAKERS = 100_000


def _relations_for(lexicon: Lexicon | None) -> SpeakerRelations:
    """One `SpeakerRelations` for the lexicon of the last call, so that the functions below
    (called once per quote) work out each speaker's names once; started afresh when the
    lexicon changes or it holds too many speakers."""
    lexicon = lexicon or load_lexicon()
    if not _shared or _shared[0].lexicon is not lexicon or _shared[0].size() > MAX_SHARED_SPEAKERS:
        _shared[:] = [SpeakerRelations(lexicon)]
    return _shared[0]


def is_vague(speaker: SpeakerRef, lexicon: Lexicon | None = None) -> bool:
    """An attribution that could stand for many people ("Iraqi officials", a spokesperson)."""
    return _relations_for(lexicon).is_vague(speaker)


def same_description(a: SpeakerRef, b: SpeakerRef, lexicon: Lexicon | None = None) -> bool:
    """`SpeakerRelations.same_description` for one pair."""
    return _relations_for(lexicon).same_description(a, b)


def same_speaker(a: SpeakerRef, b: SpeakerRef, lexicon: Lexicon | None = None) -> bool:
    """Same id, or one name's words within the other's ("Rasool" / "Yehia Rasool")."""
    return _relations_for(lexicon).same_speaker(a, b)


def relation(a: SpeakerRef, b: SpeakerRef, lexicon: Lexicon | None = None) -> str:
    """same, vaguer (one side could stand for the other) or different."""
    return _relations_for(lexicon).relation(a, b)


def specificity(speaker: SpeakerRef, lexicon: Lexicon | None = None) -> int:
    """How precisely a speaker is named: a named person 3, organisation 2, vague 0-1."""
    return _relations_for(lexicon).specificity(speaker)
