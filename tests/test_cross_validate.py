"""benchmarks/cross_validate.py on a small PolNeAR-like corpus: every article is scored once,
by a scorer fitted on the other folds."""

from __future__ import annotations

from benchmarks.cross_validate import cross_validate

TEXT = (
    "The governor argued that the budget was balanced, which critics dispute. "
    "Polls show the race is close. The mayor said on Monday that taxes will rise.\n"
)
ATTRIBUTIONS = [
    ("The governor", "argued", "that the budget was balanced"),
    ("The mayor", "said", "that taxes will rise"),
]


def _ann() -> str:
    lines, number = [], 0
    for roles in ATTRIBUTIONS:
        ids = []
        for role, words in zip(("Source", "Cue", "Content"), roles, strict=True):
            number += 1
            start = TEXT.index(words)
            lines.append(f"T{number}\t{role} {start} {start + len(words)}\t{words}")
            ids.append(f"{role}:T{number}")
        lines.append(f"E{number}\t" + " ".join(ids))
    return "\n".join(lines) + "\n"


def test_each_article_is_scored_once_by_a_scorer_fitted_on_the_others(tmp_path):
    for sub in ("text", "attributions"):
        (tmp_path / "train" / sub).mkdir(parents=True)
    for i in range(4):
        (tmp_path / "train" / "text" / f"art{i}.txt").write_text(TEXT, encoding="utf-8")
        (tmp_path / "train" / "attributions" / f"art{i}_4e07.ann").write_text(_ann())
    report = cross_validate(tmp_path, folds=2, cache=None)
    assert len(report["fold_f1"]) == 2
    counts = report["counts"]
    # 4 articles of 2 attributions each, every one scored once
    assert counts["gold"] == 8
    # the other fold's articles teach both contents' extents and that 'polls show' is none
    assert (counts["matched"], counts["exact"], counts["preds"]) == (8, 8, 8)
    assert report["metrics"]["source_accuracy"] == 1.0
