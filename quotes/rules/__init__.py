"""Loading the rule lists in this folder (see README.md for where each came from)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

RULES_DIR = Path(__file__).parent


def _lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a rules file."""
    text = (RULES_DIR / name).read_text(encoding="utf-8")
    return [
        line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


@dataclass(frozen=True)
class Rules:
    """Every list the extractor consults, loaded once."""

    speech_verbs: frozenset[str]
    phrasal_speech_verbs: frozenset[tuple[str, str]]
    belief_verbs: frozenset[str]
    belief_adjectives: frozenset[str]
    quote_pairs: tuple[tuple[str, str], ...]
    appeal_words: tuple[str, ...]
    title_groups: tuple[frozenset[str], ...]
    title_nouns: frozenset[str]
    anonymity_markers: tuple[str, ...]
    document_nouns: frozenset[str]
    boilerplate_headers: frozenset[str]
    org_aliases: dict[str, str]
    honorifics: frozenset[str]
    infinitive_verbs: frozenset[str]
    cue_frames: dict[str, dict[str, float]]
    organization_nouns: frozenset[str]
    object_complements: dict[str, frozenset[str]]
    page_labels: frozenset[str]
    # first names, honorifics and role nouns that tell a person's gender -> "f" or "m"
    gendered_words: dict[str, str] = field(default_factory=dict)
    # country names: a country as a speaker is its government
    countries: frozenset[str] = frozenset()
    # the candidate scorer (quotes.scoring.CandidateScorer) the component passes in with the rules
    scorer: Any = None
    proposition_objects: frozenset[str] = frozenset()
    # verbs whose subject is part of the content and not a source ("the plan seems to …")
    raising_verbs: frozenset[str] = frozenset()

    @cached_property
    def _cue_lemmas(self) -> frozenset[str]:
        """Every lowercased lemma some cue rule names (quotes.cues), to skip all other words."""
        frames = {key.removeprefix("noun:") for key in self.cue_frames}
        phrasal = {verb for verb, _ in self.phrasal_speech_verbs}
        return frozenset(
            self.speech_verbs | self.belief_verbs | self.belief_adjectives | frames | phrasal
        )

    def may_cue(self, lemma: str) -> bool:
        """Whether a word with this lemma can be a cue's head (besides 'according')."""
        return lemma.lower() in self._cue_lemmas

    def title_synonyms(self, noun: str) -> frozenset[str]:
        """Every title noun that can stand for `noun` ("lawmaker" -> member, legislator …)."""
        found = {noun}
        for group in self.title_groups:
            if noun in group:
                found |= group
        return frozenset(found)


# A learned frame proposes candidates when at least this share of its occurrences carried content,
# seen at least MIN_FRAME_HITS times (tuned on PolNeAR dev; see benchmarks/learn_cue_frames.py).
FRAME_SHARE = 0.1
MIN_FRAME_HITS = 2
# A participle glossing its clause ('…, referring to X') reports content only through a frame
# that carried content at least this often (chosen on PolNeAR train: 0.2 to 0.3 alike).
GLOSS_FRAME_SHARE = 0.3


def _cue_frames() -> dict[str, dict[str, float]]:
    return cue_frames_from_lines(_lines("cue_frames.tsv"))


def cue_frames_from_lines(lines: list[str]) -> dict[str, dict[str, float]]:
    """lemma -> relation -> share of occurrences that carried attributed content, from the
    lines of a cue_frames.tsv (comments left out)."""
    frames: dict[str, dict[str, float]] = {}
    for line in lines:
        lemma, relation, hits, seen = line.split("\t")
        share = int(hits) / max(1, int(seen))
        if int(hits) >= MIN_FRAME_HITS and share >= FRAME_SHARE:
            frames.setdefault(lemma, {})[relation] = share
    return frames


def _gendered_words() -> dict[str, str]:
    words: dict[str, str] = {}
    for line in _lines("gendered_words.tsv"):
        gender, *rest = line.split("\t")
        for word in rest:
            words.setdefault(word.strip().lower(), gender.strip())
    return words


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """The rules shipped with the package."""
    speech, phrasal = set(), set()
    for line in _lines("speech_verbs.txt"):
        words = line.split()
        if len(words) == 2:
            phrasal.add((words[0], words[1]))
        else:
            speech.add(line.strip())
    pairs = tuple(
        (cols[0], cols[1]) for cols in (line.split("\t") for line in _lines("quote_marks.tsv"))
    )
    groups = tuple(
        frozenset(word.strip().lower() for word in line.split("|")) for line in _lines("titles.txt")
    )
    aliases: dict[str, str] = {}
    for line in _lines("organizations.tsv"):
        canonical, *rest = line.split("\t")
        for alias in (canonical, *rest):
            aliases[alias.strip()] = canonical.strip()
    return Rules(
        speech_verbs=frozenset(speech),
        phrasal_speech_verbs=frozenset(phrasal),
        belief_verbs=frozenset(_lines("belief_verbs.txt")),
        belief_adjectives=frozenset(_lines("belief_adjectives.txt")),
        quote_pairs=pairs,
        appeal_words=tuple(_lines("appeal_words.txt")),
        title_groups=groups,
        title_nouns=frozenset().union(*groups),
        anonymity_markers=tuple(_lines("anonymity_markers.txt")),
        document_nouns=frozenset(_lines("document_nouns.txt")),
        boilerplate_headers=frozenset(line.lower() for line in _lines("boilerplate_headers.txt")),
        org_aliases=aliases,
        honorifics=frozenset(_lines("honorifics.txt")),
        infinitive_verbs=frozenset(_lines("infinitive_verbs.txt")),
        cue_frames=_cue_frames(),
        organization_nouns=frozenset(_lines("organization_nouns.txt")),
        page_labels=frozenset(_lines("page_labels.txt")),
        proposition_objects=frozenset(_lines("proposition_objects.txt")),
        raising_verbs=frozenset(_lines("raising_verbs.txt")),
        object_complements={
            cols[0]: frozenset(cols[1:])
            for cols in (line.split("\t") for line in _lines("object_complements.tsv"))
        },
        gendered_words=_gendered_words(),
        countries=frozenset(_lines("countries.txt")),
    )
