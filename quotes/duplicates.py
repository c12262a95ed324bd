"""Stage 5: one attribution per content, when several cues claim the same words."""

from __future__ import annotations

from .model import Quote


def deduplicate(quotes: list[Quote]) -> list[Quote]:
    """One quote per content: two cues may claim the same words ('plans to …' and '… to …'),
    or mostly the same words; the likelier attribution stays."""
    seen: set[tuple[int, int]] = set()
    kept: list[Quote] = []
    for quote in quotes:
        if (quote.start, quote.end) not in seen:
            seen.add((quote.start, quote.end))
            kept.append(quote)
    dropped = set()
    for i, a in enumerate(kept):
        for b in kept[i + 1 :]:
            if b.start >= a.end:
                break
            if id(a) in dropped or id(b) in dropped or not _same_content(a, b):
                continue
            dropped.add(id(_weaker(a, b)))
    return [q for q in kept if id(q) not in dropped]


def _weaker(a: Quote, b: Quote) -> Quote:
    """Of two attributions of one content, a cue inside the other's content is the weaker
    ('plans to put to use the $18 million he says he raised'), then the less confident."""

    def inside(q: Quote, other: Quote) -> bool:
        return q.cue_start is not None and other.start <= q.cue_start < other.end

    key_a = (not inside(a, b), a.confidence)
    key_b = (not inside(b, a), b.confidence)
    return b if key_a >= key_b else a


def _same_content(a: Quote, b: Quote) -> bool:
    """Two attributions of mostly the same words: each covers at least half of the other."""
    if a.attribution is not None and a.attribution == b.attribution:
        return False  # the halves of one split quote
    if a.type == "direct" and b.type == "direct":
        return False
    shared = max(0, min(a.end, b.end) - max(a.start, b.start))
    return 2 * shared >= a.end - a.start and 2 * shared >= b.end - b.start
