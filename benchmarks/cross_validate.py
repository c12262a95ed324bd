"""Cross-validated strict accuracy on PolNeAR train: a steadier check than dev alone.

Dev has 84 articles, and two equivalent versions of the extractor differ there by about
0.2 F1. This splits train's 840 articles into K folds by article; for each fold it fits the
candidate scorer (benchmarks/train_candidate_scorer.py, same settings) on the other folds,
runs the quotes component with it on the fold, and scores the fold strictly
(benchmarks/polnear_strict.py). Reported: the pooled strict figures and each fold's F1.
The cue frames (quotes/rules/cue_frames.tsv) were learned on all of train, so they are seen.

    python benchmarks/cross_validate.py [--folds 5] [--c 0.3] [--cache DIR] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.polnear import DEFAULT_POLNEAR, grouped_preds, load_gold, select_articles  # noqa: E402
from benchmarks.polnear_strict import StrictCounts, count_strict, strict_metrics  # noqa: E402
from benchmarks.train_candidate_scorer import (  # noqa: E402
    article_candidates,
    fit_scorer,
    parsed_articles,
    pooled,
)


def _fold_scorer(articles: list[tuple], c: float) -> Any:
    """The scorer fitted on `articles` (their labelled candidates), as the train script does."""
    from quotes.scoring import scorer_from_data

    return scorer_from_data(fit_scorer(*pooled(articles), c))


def cross_validate(polnear: Path, folds: int, cache: Path | None, c: float = 0.3) -> dict:
    from quotes.component import QuotesComponent
    from quotes.nlp import load_pipeline
    from quotes.rules import load_rules

    nlp, rules = load_pipeline(), load_rules()
    split = polnear / "train"
    loaded = [load_gold(txt, ann)[:2] for _, txt, ann in select_articles(split)]
    docs = list(parsed_articles(nlp, split, cache, 1))
    labelled = [article_candidates(d, g, rules) for d, (_, g) in zip(docs, loaded, strict=True)]
    pooled, per_fold = StrictCounts(), []
    for fold in range(folds):
        rest = [a for i, a in enumerate(labelled) if i % folds != fold]
        component = QuotesComponent(nlp, "quotes", replace(rules, scorer=_fold_scorer(rest, c)))
        counts = StrictCounts()
        for i in range(fold, len(docs), folds):
            doc = component(docs[i])
            text, golds = loaded[i]
            counts += count_strict(golds, grouped_preds(doc), text)
        per_fold.append(round(100 * strict_metrics(counts)["f1"], 2))
        pooled += counts
    return {
        "folds": folds,
        "counts": vars(pooled),
        "metrics": strict_metrics(pooled),
        "fold_f1": per_fold,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--polnear", type=Path, default=Path(os.environ.get("QUOTES_POLNEAR", DEFAULT_POLNEAR))
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cache", type=Path, help="parses kept between runs (see polnear.py)")
    parser.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength")
    parser.add_argument("--json", type=Path, help="write the report here too")
    args = parser.parse_args()
    report = cross_validate(args.polnear, args.folds, args.cache, args.c)
    m = report["metrics"]
    print(
        f"train, {args.folds}-fold, strict: P {100 * m['precision']:.2f} R {100 * m['recall']:.2f} "
        f"F1 {100 * m['f1']:.2f}, exact F1 {100 * m['exact_f1']:.2f}, "
        f"source accuracy {100 * m['source_accuracy']:.2f}; folds {report['fold_f1']}"
    )
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
