"""The word lists drift tracking consults (files under quotes/rules/, named drift_*)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"


def _lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a rules file."""
    text = (RULES_DIR / name).read_text(encoding="utf-8")
    return [line.strip("\n") for line in text.splitlines() if line.strip() and line[0] != "#"]


def _spacy_stop_words() -> frozenset[str]:
    """spaCy's English stop words (a plain list: importing it loads no model)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@dataclass(frozen=True)
class Lexicon:
    """Synonym sets, stop words, vague-speaker words and name spellings, loaded once."""

    synonyms: dict[str, str]
    stop_words: frozenset[str]
    vague_speaker_words: frozenset[str]
    name_variants: tuple[tuple[str, str], ...]

    def canonical(self, lemma: str) -> str:
        """The name of the synonym set `lemma` belongs to, or `lemma` itself."""
        return self.synonyms.get(lemma, lemma)


def _synonyms(lines: list[str]) -> dict[str, str]:
    """word -> the first word of its set; a word in two sets keeps the first set."""
    table: dict[str, str] = {}
    for line in lines:
        words = [w.strip().lower() for w in line.split("\t") if w.strip()]
        for word in words:
            table.setdefault(word, words[0])
    return table


def _name_variants(lines: list[str]) -> tuple[tuple[str, str], ...]:
    """(spelling, form compared) pairs, longest spelling first so phrases win over parts."""
    pairs = []
    for line in lines:
        words = [w.strip().lower() for w in line.split("\t") if w.strip()]
        pairs.extend((variant, words[0]) for variant in words[1:])
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The lists shipped with the package."""
    return Lexicon(
        synonyms=_synonyms(_lines("drift_synonyms.tsv")),
        stop_words=_spacy_stop_words() | frozenset(_lines("drift_stopwords.txt")),
        vague_speaker_words=frozenset(w.lower() for w in _lines("drift_vague_speakers.txt")),
        name_variants=_name_variants(_lines("drift_name_variants.tsv")),
    )
