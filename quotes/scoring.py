"""Scoring candidate attributions: how likely a cue, its content and its source are right.

The parse proposes more candidates than are attributions ("polls show", "the strike
threatened to"). A logistic model over a few symbolic features (cue lemma and relation,
source kind, quote type, length) gives each a probability; weights are data, learned
from PolNeAR train by benchmarks/train_candidate_scorer.py and stored in
quotes/rules/candidate_weights.json. The probability is the quote's confidence, and
candidates under THRESHOLD are dropped. Of a candidate's extents (quotes/extents.py) a second
set of weights, learned on pairs of extents (which of two fits the source's words better),
picks the one to weigh.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Span, Token

from .cues import frame_key
from .doc_cache import doc_text

WEIGHTS_FILE = Path(__file__).parent / "rules" / "candidate_weights.json"
# Below this probability a candidate is dropped (tuned for F1 on PolNeAR dev).
THRESHOLD = 0.4


def _length_bucket(words: int) -> str:
    for limit in (3, 8, 20, 40):
        if words <= limit:
            return f"<={limit}"
    return ">40"


_SENTENCE_ENDS = (".", "!", "?", '"', "”", "’")


def _source_word(source: Token | None) -> str:
    if source is None:
        return "none"
    return source.lower_ if source.pos_ in ("PRON", "NOUN") else source.pos_


def _opening(content: Span) -> str:
    first = content[0].lower_ if len(content) else ""
    if first in ("that", "to", "whether", "if", "how", "why", "what"):
        return first
    return "mark" if first in ('"', "“", "'", "‘", "''", "``") else "other"


def candidate_features(
    cue: Token,
    form: str,
    relation: str,
    quote_type: str,
    kind: str,
    source: Token | None,
    speaker_kind: str,
    content: Span,
) -> list[str]:
    """The symbolic features of one candidate attribution."""
    lemma = frame_key(cue) if form in ("verb", "noun") else form
    sent = cue.sent
    sentence = doc_text(cue.doc)[sent.start_char : sent.end_char].rstrip()
    finite = any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in content)
    return [
        f"lemma={lemma}",
        f"relation={relation}",
        f"lemma+relation={lemma}|{relation}",
        f"lemma+type={lemma}|{quote_type}",
        f"form={form}",
        f"type={quote_type}",
        f"kind={kind}",
        f"cue_tag={cue.tag_}",
        f"cue_dep={cue.dep_}",
        f"cue_negated={any(c.dep_ == 'neg' for c in cue.children)}",
        f"cue_modal={any(c.tag_ == 'MD' for c in cue.children)}",
        f"source_pos={source.pos_ if source is not None else 'none'}",
        f"source_entity={(source.ent_type_ or '-') if source is not None else 'none'}",
        f"source_word={_source_word(source)}",
        f"speaker_kind={speaker_kind}",
        f"length={_length_bucket(len(content))}",
        f"content_first={content.start < cue.i}",
        f"opening={_opening(content)}",
        f"finite_verb={finite}",
        f"question={sentence.endswith('?')}",
        f"headline={not sentence.endswith(_SENTENCE_ENDS)}",
        f"relation+type={relation}|{quote_type}",
    ]


class CandidateScorer:
    """A logistic model over candidate features; without weights every candidate scores 0.5.

    `choice` weighs the features of one candidate's alternative extents against each other;
    without it the likeliest extent is chosen.
    """

    def __init__(
        self, bias: float, weights: dict[str, float], choice: dict[str, float] | None = None
    ) -> None:
        self.bias = bias
        self.weights = weights
        self.choice = choice or {}

    def probability(self, features: list[str]) -> float:
        total = self.bias + sum(self.weights.get(feature, 0.0) for feature in features)
        return 1.0 / (1.0 + math.exp(-total))

    def keep(self, features: list[str]) -> tuple[bool, float]:
        """Whether to keep a candidate, and its probability of being right."""
        _, keep, probability = self.choose([features])
        return keep, probability

    def choose(
        self, options: Sequence[list[str]], spans: Sequence[tuple[int, int]] | None = None
    ) -> tuple[int, bool, float]:
        """Of one candidate's alternative extents (their features; `spans` is for recorders),
        the one the choice weights rank first (without them, the likeliest): its index,
        whether to keep it, and its probability."""
        if self.choice and len(options) > 1:  # only the chosen extent is weighed
            ranks = [sum(self.choice.get(f, 0.0) for f in features) for features in options]
        else:
            ranks = [self.probability(features) for features in options]
        best = max(range(len(options)), key=ranks.__getitem__)  # ties: the parse's, the first
        probability = self.probability(options[best])
        return best, probability >= THRESHOLD, probability


def scorer_from_data(data: dict[str, Any]) -> CandidateScorer:
    """A scorer from the weights file's fields (bias, weights, choice_weights)."""
    return CandidateScorer(
        float(data["bias"]),
        {k: float(v) for k, v in data["weights"].items()},
        {k: float(v) for k, v in data.get("choice_weights", {}).items()},
    )


def scorer_data(scorer: CandidateScorer) -> dict[str, Any]:
    """The fields `scorer_from_data` reads back."""
    return {"bias": scorer.bias, "weights": dict(scorer.weights), "choice_weights": scorer.choice}


@lru_cache(maxsize=1)
def load_scorer() -> CandidateScorer:
    """The shipped model; a neutral one when the weights file is absent (while training)."""
    if not WEIGHTS_FILE.exists():
        return CandidateScorer(0.0, {})
    return scorer_from_data(json.loads(WEIGHTS_FILE.read_text(encoding="utf-8")))
