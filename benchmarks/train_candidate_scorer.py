"""Learn quotes/rules/candidate_weights.json from PolNeAR train.

Runs the extractor on every train article keeping every candidate, labels a candidate
right when its quotes (one attribution) match a gold content by the benchmark's overlap
rule, and fits a logistic regression over the candidates' symbolic features.
Run: python benchmarks/train_candidate_scorer.py [--out FILE] [--c 1.0]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.polnear import DEFAULT_POLNEAR, is_match, load_gold, select_articles  # noqa: E402

# Weights smaller than this change no decision; leaving them out keeps the file readable.
MIN_WEIGHT = 1e-3


class RecordingScorer:
    """Keeps every candidate and remembers its features, in the order they are asked."""

    def __init__(self) -> None:
        self.features: list[list[str]] = []

    def keep(self, features: list[str]) -> tuple[bool, float]:
        self.features.append(features)
        return True, 0.5


def labelled_candidates(split_dir: Path, processes: int) -> tuple[list[list[str]], list[int]]:
    """Features and right/wrong labels of every candidate in a split."""
    from quotes.extractor import extract_quotes
    from quotes.nlp import load_pipeline
    from quotes.rules import load_rules

    nlp, rules = load_pipeline(), load_rules()
    articles = [load_gold(txt, ann)[:2] for _, txt, ann in select_articles(split_dir)]
    features: list[list[str]] = []
    labels: list[int] = []
    texts = [text for text, _ in articles]
    with nlp.select_pipes(disable=["quotes"]):
        docs = nlp.pipe(texts, n_process=processes, batch_size=8)
        for doc, (_, golds) in zip(docs, articles, strict=True):
            recorder = RecordingScorer()
            found = extract_quotes(doc, rules, recorder)
            for number, candidate in enumerate(recorder.features):
                spans = [(q.start, q.end) for q in found if q.attribution == number]
                right = bool(spans) and any(is_match(g.content, spans) for g in golds)
                features.append(candidate)
                labels.append(int(right))
    return features, labels


def fit(features: list[list[str]], labels: list[int], c: float) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([dict.fromkeys(row, 1) for row in features])
    model = LogisticRegression(C=c, max_iter=2000).fit(matrix, labels)
    weights = {
        name: round(float(weight), 4)
        for name, weight in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(weight) >= MIN_WEIGHT
    }
    return {"bias": round(float(model.intercept_[0]), 4), "weights": dict(sorted(weights.items()))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--polnear", type=Path, default=Path(os.environ.get("QUOTES_POLNEAR", DEFAULT_POLNEAR))
    )
    parser.add_argument(
        "--out", type=Path, default=ROOT / "quotes" / "rules" / "candidate_weights.json"
    )
    parser.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength")
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    features, labels = labelled_candidates(args.polnear / "train", args.processes)
    model = fit(features, labels, args.c)
    model["source"] = "PolNeAR train, benchmarks/train_candidate_scorer.py"
    model["candidates"] = len(labels)
    model["right"] = sum(labels)
    args.out.write_text(json.dumps(model, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(labels)} candidates ({sum(labels)} right), {len(model['weights'])} weights")


if __name__ == "__main__":
    main()
