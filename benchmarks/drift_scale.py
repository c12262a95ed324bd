"""Scale benchmark for drift tracking: statements from synthetic quote variants.

    .venv/bin/python benchmarks/drift_scale.py            # 10,000 and 100,000 quotes
    .venv/bin/python benchmarks/drift_scale.py 2000 20000 # other sizes
    .venv/bin/python benchmarks/drift_scale.py 10000 100000 1000000 --write-docs

Every size draws base statements (ten quotes each) and renders each one the ways outlets
do: the full quotation, a verbatim copy, trimmed excerpts, a copy with one word
substituted, paraphrases (synonyms, dropped and reordered words, no quotation marks), an
excerpt given to a vague speaker, and a paraphrase carrying a quoted fragment. Speakers
have several statements each on one topic, so that grouping must keep apart statements
by one speaker that share words. The code timed is the code `apply_drift` runs
(`quotes.drift.pipeline.statements_and_drift`); only the lemmatizer differs:
`SimpleLemmatizer` stands in for spaCy, and the synthetic synonym sets for the shipped ones.

Reported per size: seconds for features, grouping plus classification, and in total;
pairwise precision and recall of the statements against the truth; and the ratio of
times between the largest and the smallest size, beside what n log n growth would give
(the target: no faster than n log n, and 1,000,000 quotes in under 15 minutes).
"""

from __future__ import annotations

import math
import os
import random
import resource
import sys
import time
from collections import Counter
from dataclasses import replace
from itertools import accumulate

from quotes.drift.features import SimpleLemmatizer, build_features
from quotes.drift.lexicon import Lexicon, load_lexicon
from quotes.drift.pipeline import statements_and_drift
from quotes.drift.records import QuoteRecord, SpeakerRef
from quotes.drift.statements import Item

FUNCTION_WORDS = "the of and to a in that is for on with as by at from it was has have will".split()
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
VARIANTS_PER_STATEMENT = 10


def make_vocabulary(rng: random.Random, size: int) -> list[str]:
    """Distinct pseudo-words, none a stop word."""
    seen: set[str] = set()
    while len(seen) < size:
        seen.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(seen)


def make_synonyms(rng: random.Random, vocab: list[str]) -> dict[str, str]:
    """A third of the words get a synonym set of two or three (word -> set name)."""
    words = vocab[:]
    rng.shuffle(words)
    table: dict[str, str] = {}
    for k in range(0, len(words) // 3, 3):
        group = words[k : k + rng.choice((2, 3))]
        for w in group:
            table[w] = group[0]
    return table


class Generator:
    """Draws base statements and renders them as outlets do."""

    def __init__(self, seed: int, vocab_size: int = 30000) -> None:
        self.rng = random.Random(seed)
        self.vocab = make_vocabulary(self.rng, vocab_size)
        self.synonyms = make_synonyms(self.rng, self.vocab)
        self.sets: dict[str, list[str]] = {}
        for word, name in self.synonyms.items():
            self.sets.setdefault(name, []).append(word)
        # Zipf-like weights: a few words are everywhere, most are rare.
        self.cum_weights = list(accumulate(1 / (rank + 10) for rank in range(len(self.vocab))))

    def lexicon(self) -> Lexicon:
        """The shipped stop words with the synthetic synonym sets."""
        base = load_lexicon()
        return replace(base, synonyms=self.synonyms)

    def synonym(self, word: str) -> str:
        """Another word of the same set, else the word."""
        others = [w for w in self.sets.get(self.synonyms.get(word, ""), []) if w != word]
        return self.rng.choice(others) if others else word

    def statement(self, topic: list[str]) -> list[str]:
        """12-30 words: half content words (half of those from the speaker's topic)."""
        words = []
        for _ in range(self.rng.randint(12, 30)):
            roll = self.rng.random()
            if roll < 0.45:
                words.append(self.rng.choice(FUNCTION_WORDS))
            elif roll < 0.7:
                words.append(self.rng.choice(topic))
            else:
                words.append(self.rng.choices(self.vocab, cum_weights=self.cum_weights)[0])
        return words

    def excerpt(self, words: list[str]) -> list[str]:
        """A contiguous piece of 5-10 words."""
        n = min(len(words), self.rng.randint(5, 10))
        start = self.rng.randint(0, len(words) - n)
        return words[start : start + n]

    def paraphrase(self, words: list[str]) -> list[str]:
        """Synonyms for half the content words, a fifth dropped, clauses swapped."""
        out = []
        for w in words:
            if w in FUNCTION_WORDS:
                if self.rng.random() < 0.7:
                    out.append(self.rng.choice(FUNCTION_WORDS))
            elif self.rng.random() > 0.2:
                out.append(self.synonym(w) if self.rng.random() < 0.5 else w)
        cut = len(out) // 2
        return out[cut:] + out[:cut]

    def substituted(self, words: list[str]) -> list[str]:
        """One content word changed to an unrelated word (a misquote)."""
        out = words[:]
        spots = [k for k, w in enumerate(out) if w not in FUNCTION_WORDS]
        if spots:
            out[self.rng.choice(spots)] = self.rng.choice(self.vocab)
        return out

    def quotes(self, n: int) -> tuple[list[QuoteRecord], list[int]]:
        """`n` quote variants and the base statement of each."""
        n_statements = max(1, n // VARIANTS_PER_STATEMENT)
        n_speakers = max(1, n_statements // 5)
        topics = [self.rng.sample(self.vocab, 25) for _ in range(n_speakers)]
        names = [" ".join(w.title() for w in self.rng.sample(self.vocab, 2)) for _ in topics]
        bodies = [self.rng.choice(self.vocab).title() for _ in range(97)]
        records: list[QuoteRecord] = []
        truth: list[int] = []
        for s in range(n_statements):
            who = self.rng.randrange(n_speakers)
            speaker = SpeakerRef(f"p{who}", names[who], "person")
            vague = SpeakerRef(f"o{who % 97}", f"{bodies[who % 97]} officials", "group")
            base = self.statement(topics[who])
            lead = " ".join(self.paraphrase(base)[:6])
            mixed = f'{lead} "{" ".join(self.excerpt(base))}"'.split(" ")
            renderings = [
                ("direct", base, speaker),
                ("direct", base, speaker),
                ("direct", self.excerpt(base), speaker),
                ("direct", self.excerpt(base), speaker),
                ("direct", self.substituted(base), speaker),
                ("indirect", self.paraphrase(base), speaker),
                ("indirect", self.paraphrase(base), speaker),
                ("indirect", self.paraphrase(base), speaker),
                ("direct", self.excerpt(base), vague),
                ("mixed", mixed, speaker),
            ]
            for k, (kind, words, who_said) in enumerate(renderings[:VARIANTS_PER_STATEMENT]):
                text = " ".join(words)
                records.append(
                    QuoteRecord(
                        f"q{s}-{k}", f"a{self.rng.randrange(n_statements)}", kind, text, who_said
                    )
                )
                truth.append(s)
        return records[:n], truth[:n]


def pairwise(found: list[int], truth: list[int]) -> tuple[float, float]:
    """Pairwise precision and recall of a clustering against the true one."""

    def pairs(counts: Counter) -> int:
        return sum(c * (c - 1) // 2 for c in counts.values())

    both = pairs(Counter(zip(found, truth, strict=True)))
    in_found, in_truth = pairs(Counter(found)), pairs(Counter(truth))
    return (both / in_found if in_found else 1.0), (both / in_truth if in_truth else 1.0)


def run(n: int, seed: int = 7) -> dict[str, float]:
    """Time features, grouping and classification for `n` quotes; score against the truth."""
    gen = Generator(seed)
    lexicon = gen.lexicon()
    records, truth = gen.quotes(n)
    started, cpu_started = time.perf_counter(), time.process_time()
    features = build_features(
        [(r.text, r.direct) for r in records], SimpleLemmatizer(lexicon), lexicon
    )
    featured, cpu_featured = time.perf_counter(), time.process_time()
    items = [Item(r, f) for r, f in zip(records, features, strict=True)]
    statements, drifts = statements_and_drift(items, {}, lexicon)
    done, cpu_done = time.perf_counter(), time.process_time()
    where = {qid: k for k, s in enumerate(statements) for qid in s.quote_ids}
    precision, recall = pairwise([where[r.id] for r in records], truth)
    classes = Counter(d.drift_class for d in drifts.values())
    return {
        "quotes": n,
        "statements_true": len(set(truth)),
        "statements_found": len(statements),
        "features_s": featured - started,
        "grouping_s": done - featured,
        "total_s": done - started,
        "grouping_cpu_s": cpu_done - cpu_featured,
        "total_cpu_s": cpu_done - cpu_started,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "precision": precision,
        "recall": recall,
        "misquotes": sum(d.misquote for d in drifts.values()),
        **{f"class_{k}": v for k, v in sorted(classes.items())},
    }


def growth_lines(results: list[dict[str, float]]) -> list[str]:
    """How the time grew between consecutive sizes, beside n log n growth."""
    lines = []
    for small, large in zip(results, results[1:], strict=False):
        factor = large["quotes"] / small["quotes"]
        nlogn = factor * math.log(large["quotes"]) / math.log(small["quotes"])
        for key in ("grouping_s", "total_s", "grouping_cpu_s"):
            ratio = large[key] / small[key]
            lines.append(
                f"{key}: {factor:.0f}x the quotes ({small['quotes']:,} to {large['quotes']:,}) "
                f"cost {ratio:.1f}x the time (n log n: {nlogn:.1f}x)"
            )
    return lines


def docs_block(results: list[dict[str, float]]) -> str:
    """The drift block of docs/scale.md for the sizes run so far."""
    sizes = " ".join(str(r["quotes"]) for r in results)
    lines = [
        f"`benchmarks/drift_scale.py {sizes}` on {os.cpu_count()} cores "
        "(measured on a shared, busy machine unless rerun; CPU: seconds of this process "
        "on a core, which the machine's load changes less than wall time):",
        "",
        "| quotes | features (s) | grouping + classes (s) | total (s) | grouping + classes, CPU (s) "
        "| peak memory (MB) | statements (true) | pairwise precision | pairwise recall |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for result in results:
        lines.append(
            f"| {result['quotes']:,} | {result['features_s']:.1f} | {result['grouping_s']:.1f} | "
            f"{result['total_s']:.1f} | {result['grouping_cpu_s']:.1f} | "
            f"{result['peak_rss_mb']:,.0f} | {result['statements_found']:,} "
            f"({result['statements_true']:,}) | {result['precision']:.3f} | "
            f"{result['recall']:.3f} |"
        )
    lines.append("")
    lines.extend(f"- {line}" for line in growth_lines(results))
    return "\n".join(lines)


def main(sizes: list[int], write_docs: bool = False) -> None:
    """Run each size; with `write_docs`, rewrite the docs block after each one (so that a
    run stopped during a large size still leaves the smaller ones)."""
    results = []
    for n in sizes:
        result = run(n)
        results.append(result)
        print(
            f"{n:>7} quotes: features {result['features_s']:6.1f} s, grouping+classes "
            f"{result['grouping_s']:6.1f} s, total {result['total_s']:6.1f} s "
            f"(CPU: grouping+classes {result['grouping_cpu_s']:.1f} s, total "
            f"{result['total_cpu_s']:.1f} s; peak memory {result['peak_rss_mb']:.0f} MB); "
            f"{result['statements_found']} statements for {result['statements_true']} true; "
            f"pairwise precision {result['precision']:.3f}, recall {result['recall']:.3f}; "
            f"{result['misquotes']} misquotes",
            flush=True,
        )
        print("         classes:", {k[6:]: v for k, v in result.items() if k.startswith("class_")})
        if write_docs:
            sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
            from db_scale import write_docs as write_section

            write_section("drift_scale", docs_block(results))
    for line in growth_lines(results):
        print(line)


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--write-docs"]
    main([int(a) for a in arguments] or [10_000, 100_000], "--write-docs" in sys.argv[1:])
