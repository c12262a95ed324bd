"""Whether two quotes render one statement (a link), and how a quote renders its reference.

Two kinds of evidence link quotes:
- surface: the shorter side's quoted words are (nearly) a stretch of the other's quoted words
  (rapidfuzz `partial_ratio` over word lists), so verbatim copies, excerpts and lightly altered
  quotations match whoever they are given to;
- paraphrase: the two share most of their content words once lemmas and synonym sets are
  unified (weighted by rarity), and named entities agree; only for the same or a vaguer speaker.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .align import faithful
from .features import Features
from .speakers import DIFFERENT, SAME, VAGUER

SEPARATOR = "\x00"  # between quoted fragments, so that no window matches across them

# relation -> (least surface similarity, least content words in the shorter side)
SURFACE_NEEDS = {SAME: (0.75, 2), VAGUER: (0.8, 2), DIFFERENT: (0.9, 2)}
# relation -> alternatives of (least shared content words, least containment, least Jaccard);
# a paraphrase is never linked across two different named speakers
PARAPHRASE_NEEDS = {
    SAME: ((2, 0.6, 0.25), (3, 0.5, 0.25)),
    VAGUER: ((2, 0.75, 0.4),),
}
ENTITY_CONFLICT_CONTAINMENT = 0.85
# The most a version whose words differ from the reference's can score: shared content
# words alone never make a changed quotation look identical ("not" is not a content word).
CHANGED_CEILING = 0.99

Weight = Callable[[str], float]


@dataclass(frozen=True)
class Link:
    """Evidence that two quotes render one statement; stronger links sort later."""

    kind: str  # surface or paraphrase
    score: float

    @property
    def rank(self) -> tuple[int, float]:
        return (self.kind == "surface", self.score)


class IdfWeights:
    """A `Weight` from a table, which also remembers each lemma set's total weight."""

    def __init__(self, table: dict[str, float], default: float) -> None:
        self.table, self.default = table, default
        self._totals: dict[int, tuple[frozenset[str], float]] = {}

    def __call__(self, lemma: str) -> float:
        return self.table.get(lemma, self.default)

    def total(self, lemmas: frozenset[str]) -> float:
        """sum(map(self, lemmas)), summed once per set object (so in the same order)."""
        found = self._totals.get(id(lemmas))
        if found is None or found[0] is not lemmas:
            found = self._totals[id(lemmas)] = (lemmas, sum(map(self, lemmas)))
        return found[1]


def idf_weights(features: Iterable[Features]) -> IdfWeights:
    """Smoothed inverse document frequency of content lemmas: rare words weigh more."""
    counts: Counter[str] = Counter()
    n = 0
    for f in features:
        counts.update(f.content_set)
        n += 1
    default = math.log(n + 1) + 1
    table = {lemma: math.log((n + 1) / (df + 1)) + 1 for lemma, df in counts.items()}
    return IdfWeights(table, default)


def quoted_sequence(f: Features) -> list[str]:
    """All quoted words, fragments separated so no window spans two of them."""
    out: list[str] = []
    for a, b in f.quoted:
        if out:
            out.append(SEPARATOR)
        out.extend(f.words[a:b])
    return out


def _content_spans(f: Features) -> list[tuple[int, int]]:
    """The quoted fragments that hold a content word."""
    return [(a, b) for a, b in f.quoted if f.content_count(a, b)]


def _content_lemmas(f: Features, spans: Sequence[tuple[int, int]]) -> set[str]:
    """Canonical lemmas of the content words within `spans`."""
    return {f.lemmas[k] for a, b in spans for k in range(a, b) if f.content[k]}


def surfaces(a: Features, others: Sequence[Features]) -> list[tuple[float, int]]:
    """For each b of `others`: how nearly the side with fewer quoted words is a stretch of
    the other's quoted words.

    Each value is the length-weighted similarity of that side's fragments (1.0: all found
    verbatim) and how many of their content lemmas the other side holds, the weight of the
    evidence. All fragment pairs are scored by two rapidfuzz `process.cdist` calls.
    """
    out = [(0.0, 0)] * len(others)
    mine = _content_spans(a)
    quoted = [k for k, b in enumerate(others) if b.quoted]
    if not mine or not quoted:
        return out
    forward = process.cdist(
        [a.words[x:y] for x, y in mine],
        [quoted_sequence(others[k]) for k in quoted],
        scorer=fuzz.partial_ratio,
    )
    theirs = {k: _content_spans(others[k]) for k in quoted}
    flat = [(k, x, y) for k in quoted for x, y in theirs[k]]
    backward = process.cdist(
        [others[k].words[x:y] for k, x, y in flat], [quoted_sequence(a)], scorer=fuzz.partial_ratio
    )
    rows: dict[int, list[float]] = {}
    for (k, _, _), row in zip(flat, backward, strict=True):
        rows.setdefault(k, []).append(float(row[0]))
    for column, k in enumerate(quoted):
        b = others[k]
        if a.n_quoted <= b.n_quoted:
            short, spans, scores, long = a, mine, [float(r[column]) for r in forward], b
        else:
            short, spans, scores, long = b, theirs[k], rows.get(k, []), a
        if not spans:
            continue
        lengths = [y - x for x, y in spans]
        score = sum(s * n for s, n in zip(scores, lengths, strict=True)) / (100 * sum(lengths))
        out[k] = (score, len(_content_lemmas(short, spans) & long.content_set))
    return out


# Surface scores of (a, b) by identity of the pair's Features, which the entry keeps alive.
KnownSurfaces = dict[tuple[int, int], tuple[Features, Features, tuple[float, int]]]


def known_surfaces(
    a: Features, others: Sequence[Features], known: KnownSurfaces
) -> list[tuple[float, int]]:
    """`surfaces`, computing only the pairs `known` lacks (and adding them): a pair's score
    depends on its two texts alone."""
    hits = [known.get((id(a), id(b))) for b in others]
    missing = [
        k for k, hit in enumerate(hits) if hit is None or hit[0] is not a or hit[1] is not others[k]
    ]
    if missing:
        fresh = surfaces(a, [others[k] for k in missing])
        for k, found in zip(missing, fresh, strict=True):
            hits[k] = known[(id(a), id(others[k]))] = (a, others[k], found)
    return [hit[2] for hit in hits]  # type: ignore[index]


def surface(a: Features, b: Features) -> tuple[float, int]:
    """`surfaces` for one pair."""
    return surfaces(a, [b])[0]


def overlap(a: Features, b: Features, weight: Weight) -> tuple[int, float, float]:
    """Shared content lemmas: how many, containment in the smaller side, weighted Jaccard.

    When both sides quote words, only the quoted words are compared: the question is then
    whether the words in quotation marks render the same utterance.
    """
    left, right = a.content_set, b.content_set
    if a.quoted_content_set and b.quoted_content_set:
        left, right = a.quoted_content_set, b.quoted_content_set
    shared = left & right
    if not shared:
        return 0, 0.0, 0.0
    w_shared = sum(map(weight, shared))
    if isinstance(weight, IdfWeights):  # the sides' totals are summed once per set
        w_a, w_b = weight.total(left), weight.total(right)
    else:
        w_a, w_b = sum(map(weight, left)), sum(map(weight, right))
    return len(shared), w_shared / min(w_a, w_b), w_shared / (w_a + w_b - w_shared)


def entities_agree(a: Features, b: Features) -> bool:
    """Named entities and numbers do not contradict (both name some, but none in common)."""
    return not (a.entities and b.entities and not a.entities & b.entities)


def links(
    a: Features,
    others: Sequence[Features],
    relations: Sequence[str],
    weight: Weight,
    surface_only: bool = False,
    known: KnownSurfaces | None = None,
) -> list[Link | None]:
    """`link` of `a` with each of `others`, the surface scores computed in one batch (or
    taken from `known`)."""
    scored = surfaces(a, others) if known is None else known_surfaces(a, others, known)
    return [
        link(a, b, rel, weight, surface_only, found)
        for b, rel, found in zip(others, relations, scored, strict=True)
    ]


def link(
    a: Features,
    b: Features,
    relation: str,
    weight: Weight,
    surface_only: bool = False,
    surface_score: tuple[float, int] | None = None,
) -> Link | None:
    """The evidence that `a` and `b` render one statement, given how their speakers relate."""
    score, content = surface_score if surface_score is not None else surface(a, b)
    least_score, least_content = SURFACE_NEEDS[relation]
    if score >= least_score and content >= least_content:
        return Link("surface", score)
    if surface_only or relation not in PARAPHRASE_NEEDS:
        return None
    shared, containment, jaccard = overlap(a, b, weight)
    # Named entities that do not meet ("Iran" / "Israel") ask for a nearly complete overlap.
    floor = 0.0 if entities_agree(a, b) else ENTITY_CONFLICT_CONTAINMENT
    for least_shared, least_containment, least_jaccard in PARAPHRASE_NEEDS[relation]:
        least_containment = max(least_containment, floor)
        if shared >= least_shared and containment >= least_containment and jaccard >= least_jaccard:
            return Link("paraphrase", (containment + jaccard) / 2)
    return None


def similarity(quote: Features, ref: Features, weight: Weight) -> float:
    """How closely a quote renders the reference: its words (as an excerpt) or its content."""
    if not quote.words or not ref.words:
        return 0.0
    words = fuzz.partial_ratio(list(quote.words), list(ref.words)) / 100
    if quote.quoted and ref.quoted:
        words = max(words, surface(quote, ref)[0])
    _, containment, jaccard = overlap(quote, ref, weight)
    score = round(max(words, (containment + jaccard) / 2), 3)
    return score if words == 1 else min(score, CHANGED_CEILING)


def fragments_faithful(quote: Features, versions: Sequence[Sequence[str]]) -> bool:
    """Every quoted fragment with a content word repeats the words of one of `versions`.

    `versions[0]` is the reference, the fullest: a fragment may run on past its ends.
    The others confirm only words they hold.
    """
    for start, end in quote.quoted:
        if quote.content_count(start, end) == 0:
            continue
        fragment = quote.words[start:end]
        if not any(faithful(v, fragment, overhang=k == 0) for k, v in enumerate(versions)):
            return False
    return True


def drift_class(
    quote: Features,
    ref: Features,
    *,
    is_reference: bool,
    attribution_changed: bool,
    faithful_to: Sequence[Sequence[str]],
) -> tuple[str, bool]:
    """(drift class, misquote) of a quote against its statement's reference wording.

    `faithful_to` holds the quoted words of the reference and of the direct versions that
    repeat it faithfully: quoted words found in none of them are a misquote.
    """
    if is_reference:
        return "reference", False
    if not quote.quoted:
        return "paraphrase", False
    if not fragments_faithful(quote, faithful_to):
        return "altered", True
    if attribution_changed:
        return "reattributed", False
    if quoted_sequence(quote) == quoted_sequence(ref):
        return "verbatim", False
    return "excerpt", False
