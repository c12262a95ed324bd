"""Word-level diffs between a quote and its statement's reference wording.

rapidfuzz does the alignment: `partial_ratio_alignment` finds the stretch of the
reference that a shorter quote renders, `Indel.opcodes` the word edits within it.
Reference words outside that stretch are trimmed, not dropped: an excerpt is faithful.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

SLACK = 3  # reference words around the best window that an aligned quote may still reach


@dataclass(frozen=True)
class Edit:
    """One step of a diff: `ref[a:b]` becomes `quote[c:d]`."""

    op: str  # keep, drop, insert, substitute
    a: int
    b: int
    c: int
    d: int
    trimmed: bool = False


OPS = {"equal": "keep", "delete": "drop", "insert": "insert", "replace": "substitute"}


def contains(words: Sequence[str], part: Sequence[str]) -> bool:
    """Whether `part` occurs in `words` as a contiguous run."""
    n = len(part)
    if n == 0:
        return True
    first = part[0]
    return any(
        words[i] == first and tuple(words[i : i + n]) == tuple(part)
        for i in range(len(words) - n + 1)
    )


def window(ref: Sequence[str], quote: Sequence[str]) -> tuple[int, int]:
    """The stretch of `ref` a shorter quote renders, widened by SLACK words each side."""
    if len(quote) >= len(ref) or not quote:
        return 0, len(ref)
    found = fuzz.partial_ratio_alignment(list(quote), list(ref))
    return max(0, found.dest_start - SLACK), min(len(ref), found.dest_end + SLACK)


def edits(ref: Sequence[str], quote: Sequence[str]) -> list[Edit]:
    """Word edits turning `ref` into `quote`; reference words beyond the quote are trimmed."""
    lo, hi = window(ref, quote)
    steps = _substitutions(
        [
            Edit(OPS[o.tag], o.src_start + lo, o.src_end + lo, o.dest_start, o.dest_end)
            for o in Indel.opcodes(list(ref[lo:hi]), list(quote))
        ]
    )
    if lo > 0:
        steps.insert(0, Edit("drop", 0, lo, 0, 0))
    if hi < len(ref):
        steps.append(Edit("drop", hi, len(ref), len(quote), len(quote)))
    return _mark_trimmed(_merge(steps))


def _substitutions(steps: list[Edit]) -> list[Edit]:
    """A drop and an insert side by side are one substitution.

    The alignment is an LCS (Indel): it keeps every word it can, where a Levenshtein
    alignment may call four changed words one substitution when two of them were kept.
    """
    out: list[Edit] = []
    for step in steps:
        last = out[-1] if out else None
        if last and {last.op, step.op} == {"drop", "insert"}:
            out[-1] = Edit("substitute", last.a, step.b, last.c, step.d)
        else:
            out.append(step)
    return out


def _merge(steps: list[Edit]) -> list[Edit]:
    """Adjacent steps of the same kind as one."""
    merged: list[Edit] = []
    for step in steps:
        if merged and merged[-1].op == step.op and merged[-1].b == step.a:
            last = merged.pop()
            step = Edit(step.op, last.a, step.b, last.c, step.d)
        merged.append(step)
    return merged


def _mark_trimmed(steps: list[Edit]) -> list[Edit]:
    """Drops before the quote's first word and after its last are the quote's trimming."""
    used = [i for i, s in enumerate(steps) if s.op != "drop"]
    if not used:
        return steps
    return [
        Edit(s.op, s.a, s.b, s.c, s.d, trimmed=s.op == "drop" and (i < used[0] or i > used[-1]))
        for i, s in enumerate(steps)
    ]


def interior_changes(steps: list[Edit], ref_len: int, overhang: bool = True) -> int:
    """Words changed inside the stretch the quote renders (trimming excluded).

    With `overhang`, words a quote has before the reference starts or after it ends are
    not changes either: nothing fuller can check them.
    """
    kept = [i for i, s in enumerate(steps) if s.op == "keep"]
    if not kept:
        return sum(max(s.b - s.a, s.d - s.c) for s in steps if s.op != "drop" or not s.trimmed)
    changed = 0
    for i, s in enumerate(steps):
        if s.op == "keep" or s.trimmed:
            continue
        at_edge = i < kept[0] and s.a == 0 or i > kept[-1] and s.a == ref_len
        if s.op == "insert" and overhang and at_edge:
            continue
        changed += max(s.b - s.a, s.d - s.c)
    return changed


def faithful(ref: Sequence[str], fragment: Sequence[str], overhang: bool = True) -> bool:
    """The fragment repeats the reference's words in order, trimmed at most.

    `overhang` lets the fragment run on past either end of `ref` (for the fullest version,
    beyond which nothing can be checked).
    """
    if contains(ref, fragment):
        return True
    return interior_changes(edits(ref, fragment), len(ref), overhang) == 0


def diff_ops(
    steps: list[Edit], ref_shown: Sequence[str], quote_shown: Sequence[str]
) -> list[dict[str, Any]]:
    """The diff as operations for JSON: op, the reference words, the quote's words, trimmed."""
    ops: list[dict[str, Any]] = []
    for s in steps:
        op: dict[str, Any] = {"op": s.op}
        if s.b > s.a:
            op["ref"] = " ".join(ref_shown[s.a : s.b])
        if s.d > s.c:
            op["quote"] = " ".join(quote_shown[s.c : s.d])
        if s.trimmed:
            op["trimmed"] = True
        ops.append(op)
    return ops


def diff_html(steps: list[Edit], ref_shown: Sequence[str], quote_shown: Sequence[str]) -> str:
    """The diff as HTML built from escaped words: <del> reference words, <ins> the quote's."""

    def words(seq: Sequence[str], a: int, b: int) -> str:
        return html.escape(" ".join(seq[a:b]))

    parts = []
    for s in steps:
        if s.trimmed:
            parts.append('<span class="trim">…</span>')
        elif s.op == "keep":
            parts.append(words(quote_shown, s.c, s.d))
        elif s.op == "drop":
            parts.append(f"<del>{words(ref_shown, s.a, s.b)}</del>")
        elif s.op == "insert":
            parts.append(f"<ins>{words(quote_shown, s.c, s.d)}</ins>")
        else:
            parts.append(
                f"<del>{words(ref_shown, s.a, s.b)}</del> <ins>{words(quote_shown, s.c, s.d)}</ins>"
            )
    return " ".join(parts)
