"""Learn quotes/rules/candidate_weights.json from PolNeAR train.

Runs the extractor on every train article keeping every candidate, labels a candidate
right when its quotes (one attribution) match a gold content by the benchmark's overlap
rule, and fits a logistic regression over the candidates' symbolic features.
Candidates with several extents (quotes/extents.py) give one labelled row per extent, and
their extents, compared two by two (the one sharing more characters with a gold content is
the better), fit the weights that choose between them ("choice_weights").
Run: python benchmarks/train_candidate_scorer.py [--out FILE] [--c 0.3] [--cache DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.polnear import (  # noqa: E402
    DEFAULT_POLNEAR,
    is_match,
    load_gold,
    overlap,
    select_articles,
    size,
)

# Weights smaller than this change no decision; leaving them out keeps the file readable.
MIN_WEIGHT = 1e-3


class RecordingScorer:
    """Keeps every candidate extent and remembers its features and span, in the order asked.

    It keeps the first extent (the parse's), so the extractor's output, and the labels of
    candidates with one extent, do not depend on a model being trained.
    """

    def __init__(self) -> None:
        self.candidates: list[list[tuple[list[str], tuple[int, int]]]] = []

    def choose(
        self, options: list[list[str]], spans: list[tuple[int, int]] | None = None
    ) -> tuple[int, bool, float]:
        self.candidates.append(list(zip(options, spans or [], strict=True)))
        return 0, True, 0.5


def parsed_articles(nlp: Any, split_dir: Path, cache: Path | None, processes: int) -> Iterator[Any]:
    """Parses of a split's texts (every component before quotes), read from `cache` when there."""
    from benchmarks.polnear import parse

    names = [name for name, _, _ in select_articles(split_dir)]
    texts = [load_gold(txt, ann)[0] for _, txt, ann in select_articles(split_dir)]
    if cache is not None:
        folder = cache / f"{nlp.meta.get('name')}-{nlp.meta.get('version')}" / split_dir.name
        for name, text in zip(names, texts, strict=True):
            yield parse(nlp, text, folder / f"{name}.spacy")[0]
        return
    with nlp.select_pipes(disable=["quotes"]):
        yield from nlp.pipe(texts, n_process=processes, batch_size=8)


Group = list[tuple[list[str], float]]  # one candidate's extents: features, fit to a gold
# Candidate extents' features, their right/wrong labels, and the groups of several extents.
Labelled = tuple[list[list[str]], list[int], list[Group]]


def _fit(golds: list[Any], spans: list[tuple[int, int]]) -> float:
    """The character F1 of `spans` with the best gold content they match; 0 when none."""
    fits = [
        2 * overlap(g.content, spans) / (size(g.content) + size(spans))
        for g in golds
        if spans and is_match(g.content, spans)
    ]
    return max(fits, default=0.0)


def labelled_candidates(split_dir: Path, processes: int, cache: Path | None = None) -> Labelled:
    """Features and right/wrong labels of every candidate extent in a split, and the
    extents of each candidate that has several."""
    from quotes.nlp import load_pipeline
    from quotes.rules import load_rules

    nlp, rules = load_pipeline(), load_rules()
    golds = [load_gold(txt, ann)[1] for _, txt, ann in select_articles(split_dir)]
    docs = parsed_articles(nlp, split_dir, cache, processes)
    return pooled([article_candidates(d, g, rules) for d, g in zip(docs, golds, strict=True)])


def pooled(articles: list[Labelled]) -> Labelled:
    """The labelled candidates of several articles (`article_candidates`), as one set."""
    features = [row for article in articles for row in article[0]]
    labels = [label for article in articles for label in article[1]]
    groups = [group for article in articles for group in article[2]]
    return features, labels, groups


def article_candidates(doc: Any, golds: list[Any], rules: Any) -> Labelled:
    """`labelled_candidates` of one parsed article with its gold attributions."""
    from quotes.extractor import extract_quotes

    features: list[list[str]] = []
    labels: list[int] = []
    groups: list[Group] = []
    recorder = RecordingScorer()
    found = extract_quotes(doc, rules, recorder)
    for number, options in enumerate(recorder.candidates):
        group = []
        for option, span in options:
            if len(options) == 1:  # the quotes it gave: quotation marks may bound them
                spans = [(q.start, q.end) for q in found if q.attribution == number]
            else:
                spans = [span]
            group.append((option, _fit(golds, spans)))
            features.append(option)
            labels.append(int(group[-1][1] > 0))
        if len(group) > 1:
            groups.append(group)
    return features, labels, groups


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


def fit_choice(groups: list[Group], c: float) -> dict[str, float]:
    """Weights that rank one candidate's extents: a logistic regression on the differences of
    the features of two extents, labelled by which fits a gold content better."""
    from scipy.sparse import vstack
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    vectorizer.fit([dict.fromkeys(option, 1) for group in groups for option, _ in group])
    differences, better = [], []
    for group in groups:
        rows = vectorizer.transform([dict.fromkeys(option, 1) for option, _ in group])
        for i, (_, fit_i) in enumerate(group):
            for j, (_, fit_j) in enumerate(group):
                if fit_i > fit_j:  # both orders, so the model has no side to lean to
                    differences += [rows[i] - rows[j], rows[j] - rows[i]]
                    better += [1, 0]
    model = LogisticRegression(C=c, max_iter=3000, fit_intercept=False)
    model.fit(vstack(differences), better)
    weights = {
        name: round(float(weight), 4)
        for name, weight in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(weight) >= MIN_WEIGHT
    }
    return dict(sorted(weights.items()))


def fit_scorer(features: list[list[str]], labels: list[int], groups: list[Group], c: float) -> dict:
    """The weights file's model: the keep/drop weights and the choice weights."""
    model = fit(features, labels, c)
    model["choice_weights"] = fit_choice(groups, c)
    return model


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
    parser.add_argument("--cache", type=Path, help="parses kept between runs (see polnear.py)")
    args = parser.parse_args()
    features, labels, groups = labelled_candidates(
        args.polnear / "train", args.processes, args.cache
    )
    model = fit_scorer(features, labels, groups, args.c)
    model["source"] = "PolNeAR train, benchmarks/train_candidate_scorer.py"
    model["candidates"] = len(labels)
    model["right"] = sum(labels)
    model["choices"] = len(groups)
    args.out.write_text(json.dumps(model, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"{len(labels)} candidates ({sum(labels)} right), {len(model['weights'])} weights; "
        f"{len(groups)} with several extents, {len(model['choice_weights'])} choice weights"
    )


if __name__ == "__main__":
    main()
