"""Strict PolNeAR scoring: each prediction matches at most one gold attribution.

The lenient scorer in benchmarks/polnear.py lets one prediction find several gold
attributions and counts a prediction correct when it overlaps any gold. Here gold and
predictions are paired one to one, greedily by shared characters (largest first), so an
overlapping duplicate is a false positive and one long prediction finds one gold only.
Gold contents are taken as their fragments: a split quote's gold is its quoted pieces, not
the reporter's words between them; fragments separated only by spaces or punctuation (a
paragraph break inside one quotation) are one fragment. Pure Python, no spaCy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

Span = tuple[int, int]


@dataclass
class StrictCounts:
    gold: int = 0
    preds: int = 0
    matched: int = 0  # one-to-one pairs by content overlap
    exact: int = 0  # one-to-one pairs with the same trimmed fragments
    sourced: int = 0  # matched pairs whose gold has a source
    source_ok: int = 0

    def __iadd__(self, other: StrictCounts) -> StrictCounts:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self


@dataclass
class StrictAlignment:
    pairs: list[tuple[int, int]]  # (gold index, prediction index), one to one
    exact_pairs: list[tuple[int, int]]
    source_ok: list[bool | None]  # per pair; None when the gold has no source


def fragments(text: str, spans: Sequence[Span], trim_chars: str) -> list[Span]:
    """Trimmed, non-empty fragments in order; a gap of only `trim_chars` joins two of them."""
    joined: list[list[int]] = []
    for s, e in sorted(spans):
        if joined and all(c in trim_chars for c in text[joined[-1][1] : s]):
            joined[-1][1] = max(joined[-1][1], e)
        else:
            joined.append([s, e])
    out = []
    for s, e in joined:
        while s < e and text[s] in trim_chars:
            s += 1
        while e > s and text[e - 1] in trim_chars:
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def greedy_pairs(scored: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """(score, gold, pred) triples to one-to-one pairs, highest score first (ties: document order)."""
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, g, p in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            pairs.append((g, p))
    return sorted(pairs)


def align_strict(golds: Sequence[Any], preds: Sequence[Any], text: str) -> StrictAlignment:
    """Pair `golds` (with .content/.source) and `preds` (with .spans/.source) one to one."""
    from benchmarks.polnear import TRIM_CHARS, is_match, overlap

    gfrags = [fragments(text, g.content, TRIM_CHARS) for g in golds]
    pfrags = [fragments(text, p.spans, TRIM_CHARS) for p in preds]
    scored, exact = [], []
    for gi, gf in enumerate(gfrags):
        for pi, pf in enumerate(pfrags):
            if gf and pf and is_match(gf, pf):
                shared = overlap(gf, pf)
                scored.append((shared, gi, pi))
                if gf == pf:
                    exact.append((shared, gi, pi))
    pairs = greedy_pairs(scored)
    source_ok = [
        overlap(golds[g].source, preds[p].source) > 0 if golds[g].source else None for g, p in pairs
    ]
    return StrictAlignment(pairs, greedy_pairs(exact), source_ok)


def count_strict(golds: Sequence[Any], preds: Sequence[Any], text: str) -> StrictCounts:
    al = align_strict(golds, preds, text)
    return StrictCounts(
        gold=len(golds),
        preds=len(preds),
        matched=len(al.pairs),
        exact=len(al.exact_pairs),
        sourced=sum(ok is not None for ok in al.source_ok),
        source_ok=sum(ok is True for ok in al.source_ok),
    )


def ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def scores(
    correct: int,
    found: int,
    exact_correct: int,
    exact_found: int,
    preds: int,
    gold: int,
    source_ok: int,
    sourced: int,
) -> dict[str, float]:
    """Precision, recall and F1 (overlap and exact) and source accuracy from counts."""
    p, r = ratio(correct, preds), ratio(found, gold)
    ep, er = ratio(exact_correct, preds), ratio(exact_found, gold)
    return {
        "precision": p,
        "recall": r,
        "f1": f1(p, r),
        "exact_precision": ep,
        "exact_recall": er,
        "exact_f1": f1(ep, er),
        "source_accuracy": ratio(source_ok, sourced),
    }


def strict_metrics(c: StrictCounts) -> dict[str, float]:
    # one-to-one pairing: a matched pair is both a correct prediction and a found gold
    return scores(c.matched, c.matched, c.exact, c.exact, c.preds, c.gold, c.source_ok, c.sourced)
