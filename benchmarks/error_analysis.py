"""Error analysis of `quotes` on PolNeAR: misses and false predictions by category, with counts.

    python benchmarks/error_analysis.py dev [--cache DIR] [--out docs/error_analysis.md]
                                            [--examples FILE]

Scored strictly (benchmarks/polnear_strict.py): a gold attribution is missed when no
prediction is paired with it, a prediction is false when no gold is paired with it. Each is
put in the first category that fits, in the order listed. The Markdown written to --out
holds counts and cue words only (no article text); --examples writes a few sentences per
category for reading, from the local data.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.polnear import (  # noqa: E402
    DEFAULT_POLNEAR,
    SYSTEMS,
    TRIM_CHARS,
    Gold,
    Pred,
    bench_article,
    is_match,
    load_nlp,
    overlap,
    select_articles,
    sentence_around,
    show,
)
from benchmarks.polnear_strict import align_strict, fragments  # noqa: E402

MISS_ORDER = (
    "taken: a matching prediction was paired with another gold",
    "boundary: a prediction overlaps, too short",
    "boundary: a prediction overlaps, too long",
    "cue found, content elsewhere",
    "no cue: verb the rules know",
    "no cue: verb the rules lack",
    "no cue: noun",
    "no cue: 'according to' / preposition",
    "no cue: other (adjective, punctuation, none)",
)
FALSE_ORDER = (
    "duplicate: matches a gold paired with another prediction",
    "boundary: overlaps a gold, too long",
    "boundary: overlaps a gold, too short",
    "no gold: direct quote",
    "no gold: mixed quote",
    "no gold: indirect, speech",
    "no gold: indirect, belief",
    "no gold: reaction",
)


def _cue_tokens(doc: Any, spans: Sequence[tuple[int, int]]) -> list[Any]:
    return [t for t in doc if any(s <= t.idx < e for s, e in spans)]


def miss_category(doc: Any, rules: Any, g: Gold, preds: Sequence[Pred], taken: bool) -> str:
    if taken:
        return MISS_ORDER[0]
    touching = [p for p in preds if overlap(g.content, p.spans) > 0]
    if touching:
        best = max(touching, key=lambda p: overlap(g.content, p.spans))
        longer = sum(e - s for s, e in best.spans) > sum(e - s for s, e in g.content)
        return MISS_ORDER[2] if longer else MISS_ORDER[1]
    if g.cue and any(overlap(g.cue, p.cue) > 0 for p in preds):
        return MISS_ORDER[3]
    tokens = _cue_tokens(doc, g.cue)
    heads = [t for t in tokens if t.pos_ in ("VERB", "AUX")] or [
        t for t in tokens if t.pos_ == "NOUN"
    ]
    if heads and heads[0].pos_ in ("VERB", "AUX"):
        lemma = heads[0].lemma_.lower()
        known = lemma in rules.speech_verbs or lemma in rules.belief_verbs
        return MISS_ORDER[4] if known or lemma in rules.cue_frames else MISS_ORDER[5]
    if heads:
        return MISS_ORDER[6]
    if any(t.pos_ == "ADP" or t.lower_ == "according" for t in tokens):
        return MISS_ORDER[7]
    return MISS_ORDER[8]


def false_category(golds: Sequence[Gold], p: Pred, paired_golds: set[int], text: str) -> str:
    if any(is_match(g.content, p.spans) for g in golds):
        return FALSE_ORDER[0]
    touching = [g for g in golds if overlap(g.content, p.spans) > 0]
    if touching:
        best = max(touching, key=lambda g: overlap(g.content, p.spans))
        longer = sum(e - s for s, e in p.spans) > sum(e - s for s, e in best.content)
        return FALSE_ORDER[1] if longer else FALSE_ORDER[2]
    if p.kind == "reaction":
        return FALSE_ORDER[7]
    if p.type in ("direct", "mixed"):
        return FALSE_ORDER[3] if p.type == "direct" else FALSE_ORDER[4]
    return FALSE_ORDER[6] if p.kind == "belief" else FALSE_ORDER[5]


def analyse(args: argparse.Namespace) -> tuple[str, str]:
    nlp = load_nlp(args.model)
    from quotes.rules import load_rules

    # The component's own rules when it exposes them, else the shipped ones.
    rules = getattr(nlp.get_pipe("quotes"), "rules", None) or load_rules()
    cache = args.cache / f"{nlp.meta.get('name')}-{nlp.meta.get('version')}" if args.cache else None
    misses: Counter[str] = Counter()
    falses: Counter[str] = Counter()
    missed_cues: dict[str, Counter[str]] = defaultdict(Counter)
    false_cues: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    totals = Counter()
    speed = {"parse_s": 0.0, "quotes_s": 0.0, "textacy_s": 0.0, "chars": 0}
    articles = select_articles(args.polnear / args.split, args.limit)
    for name, txt, ann in articles:
        cached = cache / args.split / f"{name}.spacy" if cache else None
        run = bench_article(nlp, txt, ann, speed, cached)
        doc, golds, preds, text = run.doc, run.golds, run.preds[SYSTEMS[0]], run.text
        al = align_strict(golds, preds, text)
        paired_g = {g for g, _ in al.pairs}
        paired_p = {p for _, p in al.pairs}
        totals.update(gold=len(golds), preds=len(preds), pairs=len(al.pairs))
        for gi, g in enumerate(golds):
            if gi in paired_g:
                continue
            taken = any(is_match(fragments(text, g.content, TRIM_CHARS), p.spans) for p in preds)
            cat = miss_category(doc, rules, g, preds, taken)
            misses[cat] += 1
            cue = " ".join(t.lemma_.lower() for t in _cue_tokens(doc, g.cue)) or "-"
            missed_cues[cat][cue] += 1
            if len(examples[cat]) < args.per_category:
                context = sentence_around(text, run.sents, g.content + g.cue + g.source)
                examples[cat].append(
                    f"{name}\n  gold: {show(text, g.content)}\n  cue: {show(text, g.cue)}"
                    f" | source: {show(text, g.source)}\n  sentence: {context}"
                )
        for pi, p in enumerate(preds):
            if pi in paired_p:
                continue
            cat = false_category(golds, p, paired_g, text)
            falses[cat] += 1
            false_cues[cat][" ".join(text[s:e].lower() for s, e in p.cue) or "-"] += 1
            if len(examples[cat]) < args.per_category:
                near = max(golds, key=lambda g: overlap(g.content, p.spans), default=None)
                gold = show(text, near.content) if near and overlap(near.content, p.spans) else "-"
                examples[cat].append(
                    f"{name}\n  predicted: {show(text, p.spans)}\n  cue: {show(text, p.cue)}"
                    f" | speaker: {show(text, p.source)} | {p.kind} {p.type}\n  gold: {gold}"
                )
        wrong = sum(ok is False for ok in al.source_ok)
        totals.update(wrong_source=wrong, sourced=sum(ok is not None for ok in al.source_ok))
    report = _markdown(args.split, len(articles), totals, misses, falses, missed_cues, false_cues)
    dump = "".join(
        f"### {cat}\n\n" + "\n\n".join(ex) + "\n\n" for cat, ex in sorted(examples.items())
    )
    return report, dump


def _table(title: str, counts: Counter[str], order: Sequence[str], cues: dict) -> list[str]:
    total = sum(counts.values())
    lines = [f"## {title} ({total})", "", "| category | count | share | most frequent cues |"]
    lines.append("|---|---:|---:|---|")
    for cat in sorted(order, key=lambda c: -counts[c]):
        top = ", ".join(f"{w} {n}" for w, n in cues[cat].most_common(6))
        share = counts[cat] / total if total else 0.0
        lines.append(f"| {cat} | {counts[cat]} | {share:.1%} | {top} |")
    return lines + [""]


def _markdown(
    split: str,
    articles: int,
    totals: Counter,
    misses: Counter,
    falses: Counter,
    missed_cues: dict,
    false_cues: dict,
) -> str:
    lines = [
        f"# Error analysis: `quotes` on PolNeAR {split}",
        "",
        "Generated by `python benchmarks/error_analysis.py "
        f"{split}`; do not edit by hand. Strict scoring: each prediction is paired with at most "
        "one gold attribution (greedy by overlap, gold contents as their fragments). Each error "
        "is counted once, in the first category of the list that fits.",
        "",
        f"- articles: {articles}; gold attributions: {totals['gold']}; predictions: "
        f"{totals['preds']}; pairs: {totals['pairs']}",
        f"- wrong source among paired golds with a source: {totals['wrong_source']} of "
        f"{totals['sourced']}",
        "",
    ]
    lines += _table("Missed gold attributions", misses, MISS_ORDER, missed_cues)
    lines += _table("False predictions", falses, FALSE_ORDER, false_cues)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("split", choices=["train", "dev"])
    default = Path(os.environ.get("QUOTES_POLNEAR", DEFAULT_POLNEAR))
    ap.add_argument("--polnear", type=Path, default=default)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--model")
    ap.add_argument("--cache", type=Path, help="parses kept between runs (see polnear.py)")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "error_analysis.md")
    ap.add_argument("--examples", type=Path, help="write a few sentences per category here")
    ap.add_argument("--per-category", type=int, default=8)
    args = ap.parse_args(argv)
    report, dump = analyse(args)
    args.out.write_text(report, encoding="utf-8")
    print(report)
    if args.examples:
        args.examples.write_text(dump, encoding="utf-8")


if __name__ == "__main__":
    main()
