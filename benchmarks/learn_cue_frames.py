"""Derive quotes/rules/cue_frames.tsv from PolNeAR train: which verbs introduce attributed
content, and through which dependency relation.

For each verb lemma and relation (ccomp, dobj, xcomp, prep:about, ^parataxis …) it counts
how often the relation carried a gold attribution's content (`hits`) and how often it
occurred at all in the same articles (`seen`). The extractor uses frames whose share of
hits is high enough. Run: python benchmarks/learn_cue_frames.py [--out FILE]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.polnear import DEFAULT_POLNEAR, load_gold, select_articles  # noqa: E402

# Relations through which a verb can carry content.
CHILD_RELATIONS = ("ccomp", "xcomp", "dobj", "prep")
# A cue set into its content's clause hangs on it by one of these.
HOST_RELATIONS = ("parataxis", "advcl", "conj", "ccomp")
MIN_HITS = 2


def relation(cue: object, content: object) -> str | None:
    """How the content's head hangs on the cue's head, or None when they are not linked."""
    # Tokens are views made on demand: compare positions, not identities.
    if content.head.i == cue.i and content.dep_ in ("ccomp", "xcomp", "dobj", "acl"):
        return content.dep_
    if content.head.i == cue.i and content.dep_ == "prep":
        return f"prep:{content.lower_}"
    if content.head.head.i == cue.i and content.head.dep_ == "prep":
        return f"prep:{content.head.lower_}"
    if cue.head.i == content.i and cue.dep_ in HOST_RELATIONS:
        return f"^{cue.dep_}"
    return None


def candidate_relations(token: object) -> list[str]:
    """Every relation a verb offers, whether or not it carries content."""
    found = []
    for child in token.children:
        if child.dep_ in ("ccomp", "xcomp", "dobj", "acl"):
            found.append(child.dep_)
        elif child.dep_ == "prep":
            found.append(f"prep:{child.lower_}")
    if token.dep_ in HOST_RELATIONS and token.head.i != token.i:
        found.append(f"^{token.dep_}")
    return found


def frame_lemma(token: object) -> str:
    """Verbs by lemma; nouns ("criticism of", "concern that") marked apart as noun:lemma."""
    lemma = token.lemma_.lower()
    return f"noun:{lemma}" if token.pos_ == "NOUN" else lemma


def head_of(doc: object, start: int, end: int) -> object | None:
    """The token of a character span whose head lies outside it."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def learn(split_dir: Path, n_process: int) -> tuple[Counter, Counter]:
    from quotes.nlp import load_pipeline

    nlp = load_pipeline()
    articles = select_articles(split_dir)
    golds = {}
    texts = []
    for name, txt, ann in articles:
        text, gold, _ = load_gold(txt, ann)
        golds[name] = gold
        texts.append((text, name))
    hits: Counter = Counter()
    seen: Counter = Counter()
    with nlp.select_pipes(disable=["quotes"]):
        for doc, name in nlp.pipe(texts, as_tuples=True, n_process=n_process, batch_size=8):
            for gold in golds[name]:
                if not gold.cue or not gold.content:
                    continue
                cue = head_of(doc, gold.cue[0][0], gold.cue[-1][1])
                content = head_of(doc, *max(gold.content, key=lambda s: s[1] - s[0]))
                if cue is None or content is None or cue.pos_ not in ("VERB", "AUX", "NOUN"):
                    continue
                found = relation(cue, content)
                if found:
                    hits[(frame_lemma(cue), found)] += 1
            for token in doc:
                if token.pos_ in ("VERB", "AUX", "NOUN"):
                    for found in candidate_relations(token):
                        seen[(frame_lemma(token), found)] += 1
    return hits, seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--polnear", type=Path, default=Path(os.environ.get("QUOTES_POLNEAR", DEFAULT_POLNEAR))
    )
    parser.add_argument("--out", type=Path, default=ROOT / "quotes" / "rules" / "cue_frames.tsv")
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    hits, seen = learn(args.polnear / "train", args.processes)
    rows = [
        (lemma, rel, count, max(count, seen[(lemma, rel)]))
        for (lemma, rel), count in hits.items()
        if count >= MIN_HITS
    ]
    rows.sort(key=lambda r: (-r[2] / r[3], -r[2], r[0], r[1]))
    with args.out.open("w", encoding="utf-8") as out:
        out.write(
            "# Learned from PolNeAR train by benchmarks/learn_cue_frames.py; do not edit by hand.\n"
        )
        out.write("# lemma\trelation\thits\tseen\n")
        for lemma, rel, count, total in rows:
            out.write(f"{lemma}\t{rel}\t{count}\t{total}\n")
    print(f"{len(rows)} frames written to {args.out}")


if __name__ == "__main__":
    main()
