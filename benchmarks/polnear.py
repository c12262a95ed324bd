"""PolNeAR accuracy benchmark: `quotes` against gold attributions, beside textacy's baseline.

    python benchmarks/polnear.py dev [--limit N] [--model NAME] [--json FILE] [--errors FILE]
                                     [--cache DIR]

Two scorings, both printed: strict (benchmarks/polnear_strict.py: each prediction matches at
most one gold attribution, gold contents taken as their fragments) and lenient (below: a gold
is found when any prediction matches it, a prediction is correct when it matches any gold).

The data is read from ../shared/bench/polnear next to the checkout, or from --polnear DIR or
$QUOTES_POLNEAR. Scoring (brat parsing, span matching, metrics) is pure Python so that
tests/test_polnear_scoring.py can check it without spaCy or the data.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import string
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # Run as a script, the repo root must be importable.
    sys.path.insert(0, str(ROOT))

from benchmarks.polnear_strict import (  # noqa: E402
    StrictCounts,
    count_strict,
    scores,
    strict_metrics,
)

DEFAULT_POLNEAR = ROOT.parent / "shared" / "bench" / "polnear"
ERRORS_HEADER = """# PolNeAR errors of `quotes` (all kinds)

MISSED: a gold content no prediction matches. FALSE POS: a prediction matching no gold content.
WRONG SRC: a found gold content whose predicted speaker mention misses the gold source.

"""
# "quotes" scores one prediction per attribution: a split quote ('"A," he said. "B"') is
# two quotes sharing one cue, as PolNeAR annotates it; "each quote alone" scores them apart.
SYSTEMS = (
    "quotes",
    "quotes (speech only)",
    "quotes (each quote alone)",
    "textacy direct_quotations",
)

Span = tuple[int, int]
QUOTE_MARKS = "\"'`\u00b4\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a"
TRIM_CHARS = QUOTE_MARKS + string.punctuation + string.whitespace + "\u00a0\u2013\u2014\u2026"
# Text lines of a T annotation; the text itself may run on over continuation lines, ignored.
T_LINE = re.compile(r"(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?(.*)")
E_LINE = re.compile(r"E\d+\t(.*)")


@dataclass
class TextBound:
    label: str
    spans: list[Span]
    text: str


@dataclass
class Gold:
    """One gold attribution (one brat E line)."""

    content: list[Span]
    cue: list[Span] = field(default_factory=list)
    source: list[Span] = field(default_factory=list)


@dataclass
class Pred:
    """One predicted quote, reduced to what the scorer needs."""

    start: int
    end: int
    kind: str = "speech"
    source: list[Span] = field(default_factory=list)
    cue: list[Span] = field(default_factory=list)
    type: str = ""
    extra: list[Span] = field(default_factory=list)  # further fragments of one attribution

    @property
    def spans(self) -> list[Span]:
        return [(self.start, self.end), *self.extra]


@dataclass
class Alignment:
    """How one article's predictions line up with its gold attributions."""

    gold_match: list[int | None]  # the matching prediction with the largest overlap, per gold
    gold_exact: list[bool]
    pred_correct: list[bool]
    pred_exact: list[bool]
    source_ok: list[bool | None]  # None when the gold is missed or has no source


@dataclass
class Counts:
    gold: int = 0
    found: int = 0
    preds: int = 0
    correct: int = 0
    exact_found: int = 0
    exact_correct: int = 0
    sourced: int = 0
    source_ok: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self


def parse_brat(ann: str) -> tuple[dict[str, TextBound], list[dict[str, list[str]]]]:
    """Text-bound annotations by id, and events as {role: [T ids]} (Content2 -> Content)."""
    bounds: dict[str, TextBound] = {}
    events: list[dict[str, list[str]]] = []
    for line in ann.splitlines():
        if m := T_LINE.fullmatch(line):
            frags = [(int(a), int(b)) for a, b in (p.split() for p in m.group(3).split(";"))]
            bounds[m.group(1)] = TextBound(m.group(2), frags, m.group(4))
        elif m := E_LINE.fullmatch(line):
            event: dict[str, list[str]] = {}
            for arg in m.group(1).split():
                role, _, ref = arg.partition(":")
                event.setdefault(role.rstrip("0123456789"), []).append(ref)
            events.append(event)
    return bounds, events


def gold_attributions(
    bounds: dict[str, TextBound], events: list[dict[str, list[str]]]
) -> list[Gold]:
    """One Gold per event that has content; unknown ids are ignored."""

    def spans(event: dict[str, list[str]], role: str) -> list[Span]:
        return sorted(s for ref in event.get(role, []) if ref in bounds for s in bounds[ref].spans)

    golds = [Gold(spans(e, "Content"), spans(e, "Cue"), spans(e, "Source")) for e in events]
    return [g for g in golds if g.content]


def check_offsets(bounds: dict[str, TextBound], text: str) -> int:
    """Count annotations whose offsets do not reproduce their text; shift them when it is nearby."""
    bad = 0
    for tb in bounds.values():
        got = " ".join(text[s:e] for s, e in tb.spans)
        # brat joins fragments with a space; a text with a newline runs onto the next .ann line.
        if not tb.text or got.split() == tb.text.split() or got.startswith(tb.text):
            continue
        bad += 1
        s0, e0 = tb.spans[0]
        head = tb.text[: e0 - s0]
        # Offsets off by a few characters (e.g. a BOM or CRLF): shift to the nearest occurrence.
        hits = [m.start() - s0 for m in re.finditer(re.escape(head), text)] if head else []
        delta = min(hits, key=abs, default=0)
        if 0 < abs(delta) <= 100:
            tb.spans = [(s + delta, e + delta) for s, e in tb.spans]
    return bad


def load_gold(txt: Path, ann: Path) -> tuple[str, list[Gold], int]:
    """Article text, its gold attributions, and the number of offset mismatches."""
    text = txt.read_text(encoding="utf-8")
    bounds, events = parse_brat(ann.read_text(encoding="utf-8"))
    bad = check_offsets(bounds, text)  # First, as it may shift spans.
    return text, gold_attributions(bounds, events), bad


def select_articles(split_dir: Path, limit: int | None = None) -> list[tuple[str, Path, Path]]:
    """(name, text, annotation) per article, with the first annotator file by sorted name."""
    chosen: dict[str, Path] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    names = sorted(n for n in chosen if (split_dir / "text" / f"{n}.txt").exists())
    return [(n, split_dir / "text" / f"{n}.txt", chosen[n]) for n in names[:limit]]


def size(spans: Sequence[Span]) -> int:
    return sum(max(0, e - s) for s, e in spans)


def overlap(a: Sequence[Span], b: Sequence[Span]) -> int:
    """Characters shared by two sets of non-overlapping fragments."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def is_match(gold: Sequence[Span], pred: Span | Sequence[Span]) -> bool:
    """Each covers at least half of the other's characters."""
    fragments = [pred] if isinstance(pred[0], int) else list(pred)
    shared = overlap(gold, fragments)
    return shared > 0 and 2 * shared >= size(gold) and 2 * shared >= size(fragments)


def trim(text: str, span: Span) -> Span:
    """The span without quotation marks, punctuation and whitespace at either end."""
    s, e = span
    while s < e and text[s] in TRIM_CHARS:
        s += 1
    while e > s and text[e - 1] in TRIM_CHARS:
        e -= 1
    return s, e


def outer(spans: Sequence[Span]) -> Span:
    """From the first fragment's start to the last fragment's end."""
    return min(s for s, _ in spans), max(e for _, e in spans)


def align(golds: Sequence[Gold], preds: Sequence[Pred], text: str) -> Alignment:
    pspans = [p.spans for p in preds]
    gold_match: list[int | None] = []
    for g in golds:
        hits = [i for i, ps in enumerate(pspans) if is_match(g.content, ps)]
        gold_match.append(max(hits, key=lambda i: overlap(g.content, pspans[i]), default=None))
    gtrim = [trim(text, outer(g.content)) for g in golds]
    ptrim = [trim(text, outer(ps)) for ps in pspans]
    source_ok = [
        None if i is None or not g.source else overlap(g.source, preds[i].source) > 0
        for g, i in zip(golds, gold_match, strict=True)
    ]
    return Alignment(
        gold_match=gold_match,
        gold_exact=[gt[0] < gt[1] and gt in ptrim for gt in gtrim],
        pred_correct=[any(is_match(g.content, ps) for g in golds) for ps in pspans],
        pred_exact=[pt[0] < pt[1] and pt in gtrim for pt in ptrim],
        source_ok=source_ok,
    )


def count(al: Alignment) -> Counts:
    return Counts(
        gold=len(al.gold_match),
        found=sum(i is not None for i in al.gold_match),
        preds=len(al.pred_correct),
        correct=sum(al.pred_correct),
        exact_found=sum(al.gold_exact),
        exact_correct=sum(al.pred_exact),
        sourced=sum(ok is not None for ok in al.source_ok),
        source_ok=sum(ok is True for ok in al.source_ok),
    )


def metrics(c: Counts) -> dict[str, float]:
    return scores(
        c.correct, c.found, c.exact_correct, c.exact_found, c.preds, c.gold, c.source_ok, c.sourced
    )


def load_nlp(model: str | None) -> Any:
    # Run from a checkout: the repo root, not benchmarks/, must be importable.
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import quotes

    try:  # Registers the spaCy factories when the package is not pip-installed.
        import quotes.component  # noqa: F401
    except ModuleNotFoundError as exc:
        if exc.name != "quotes.component":
            raise
    return quotes.load_pipeline(model)


def parse(nlp: Any, text: str, cached: Path | None = None) -> tuple[Any, float, float]:
    """The doc, seconds parsing (tokenizer included), seconds in the quotes component.

    With `cached`, the parse (every component before `quotes`) is read from that file when
    it exists and written to it otherwise: for repeated runs while working on the rules.
    """
    from spacy.tokens import DocBin

    t0 = time.perf_counter()
    doc, quotes_s = None, 0.0
    if cached is not None and cached.exists():
        doc = next(iter(DocBin().from_disk(cached).get_docs(nlp.vocab)))
    if doc is None:
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:  # What nlp(text) does, without the quotes component.
            doc = proc(doc) if name != "quotes" else doc
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            DocBin(docs=[doc]).to_disk(cached)
    t1 = time.perf_counter()
    doc = nlp.get_pipe("quotes")(doc)
    quotes_s = time.perf_counter() - t1
    return doc, t1 - t0, quotes_s


def quotes_preds(doc: Any) -> list[Pred]:
    def one(q: Any) -> Pred:
        m = q.speaker_mention
        has_cue = q.cue_start is not None and q.cue_end is not None and q.cue_end > q.cue_start
        cue = [(q.cue_start, q.cue_end)] if has_cue else []
        src = [(m.start, m.end)] if m is not None else []
        return Pred(q.start, q.end, q.kind, src, cue, q.type)

    return [one(q) for q in doc._.quotes or []]


def grouped_preds(doc: Any) -> list[Pred]:
    """One prediction per attribution: quotes continuing a cue's quote join it."""
    by_group: dict[Any, Pred] = {}
    for quote, pred in zip(doc._.quotes or [], quotes_preds(doc), strict=True):
        key = getattr(quote, "attribution", None)
        if key is None or key not in by_group:
            by_group[key if key is not None else id(pred)] = pred
        else:
            by_group[key].extra.append((pred.start, pred.end))
    return list(by_group.values())


def textacy_preds(doc: Any) -> list[Pred] | None:
    """textacy's direct quotations, or None when it raises on this document."""
    from textacy.extract.triples import direct_quotations

    try:
        triples = list(direct_quotations(doc))
    except Exception:  # e.g. ValueError on an odd number of quotation marks
        return None
    # DQTriple(speaker, cue, content): tokens, tokens, and a span that includes the marks.
    return [
        Pred(
            t.content.start_char,
            t.content.end_char,
            source=[(k.idx, k.idx + len(k)) for k in t.speaker],
        )
        for t in triples
    ]


def format_table(report: dict[str, Any]) -> str:
    pct = "{:.1%}".format
    lines = [
        f"PolNeAR {report['split']} ({report['articles']} articles, model {report['model']})",
        "",
        "| system | scoring | content P | content R | content F1 | exact F1 | source acc. |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for name in SYSTEMS:
        for scoring, block in (("strict", report["strict"]), ("lenient", report["systems"])):
            m = block[name]["metrics"]
            cells = [m["precision"], m["recall"], m["f1"], m["exact_f1"], m["source_accuracy"]]
            lines.append(f"| {name} | {scoring} | " + " | ".join(pct(v) for v in cells) + " |")
    preds = ", ".join(f"{n} {report['systems'][n]['counts']['preds']}" for n in SYSTEMS)
    c0, s = report["systems"][SYSTEMS[0]]["counts"], report["speed"]
    lines += [
        "",
        "- strict: each prediction matches at most one gold attribution (greedy by overlap), "
        "gold contents as their fragments; lenient: any prediction matching a gold finds it",
        f"- articles: {report['articles']}; gold attributions: {c0['gold']} "
        f"({report['gold_with_source']} with a source); "
        f"offset mismatches in gold: {report['offset_mismatches']}",
        f"- predictions: {preds}",
        f"- textacy failures: {report['textacy_failures']} of {report['articles']} documents "
        "(counted as no predictions)",
    ]
    if report.get("parse_cached"):
        lines.append(f"- speed: not measured (parses read from {report['parse_cached']})")
        return "\n".join(lines)
    lines += [
        f"- speed, quotes (parse + extraction): {s['articles_per_s']:.2f} articles/s, "
        f"{s['chars_per_s']:,.0f} chars/s ({s['parse_s']:.2f} s parsing + "
        f"{s['quotes_s']:.2f} s extraction)",
        f"- speed, textacy: {s['textacy_s']:.2f} s extraction on top of the same parsing "
        f"({s['textacy_articles_per_s']:.2f} articles/s overall)",
    ]
    return "\n".join(lines)


def sentence_around(text: str, sents: Sequence[Span], spans: Sequence[Span]) -> str:
    """The sentences covering all of `spans` (lines when there are no sentences)."""
    s, e = outer(spans)
    line_end = text.find("\n", e)
    lo = max((a for a, _ in sents if a <= s), default=text.rfind("\n", 0, s) + 1)
    hi = min((b for _, b in sents if b >= e), default=len(text) if line_end < 0 else line_end)
    return " ".join(text[lo:hi].split())


def show(text: str, spans: Sequence[Span]) -> str:
    return " … ".join(" ".join(text[s:e].split()) for s, e in spans) or "-"


def article_errors(
    name: str, text: str, sents: Sequence[Span], golds: Sequence[Gold], preds: Sequence[Pred]
) -> str:
    """One article's misses, false positives and wrong sources, as readable text."""
    al, out = align(golds, preds, text), []
    for g, i in zip(golds, al.gold_match, strict=True):
        if i is None:
            out.append(
                f"MISSED     {show(text, g.content)}\n"
                f"  cue: {show(text, g.cue)} | source: {show(text, g.source)}\n"
                f"  sentence: {sentence_around(text, sents, g.content + g.cue + g.source)}"
            )
    for p, ok in zip(preds, al.pred_correct, strict=True):
        if not ok:
            out.append(
                f"FALSE POS  {show(text, [(p.start, p.end)])}\n"
                f"  cue: {show(text, p.cue)} | speaker: {show(text, p.source)}"
                f" | {p.kind} {p.type}"
            )
    for g, i, ok in zip(golds, al.gold_match, al.source_ok, strict=True):
        if ok is False and i is not None:
            out.append(
                f"WRONG SRC  {show(text, g.content)}\n"
                f"  gold: {show(text, g.source)} | predicted: {show(text, preds[i].source)}"
            )
    return f"## {name}\n\n" + "\n\n".join(out) + "\n\n" if out else ""


@dataclass
class ArticleRun:
    text: str
    golds: list[Gold]
    preds: dict[str, list[Pred]]  # per system
    textacy_failed: bool
    mismatches: int
    sents: list[Span]
    doc: Any = None  # the parsed article, for error analysis


def bench_article(
    nlp: Any, txt: Path, ann: Path, speed: dict[str, float], cached: Path | None = None
) -> ArticleRun:
    """Parse once, then run both extractors on the same doc, adding timings to `speed`."""
    text, golds, bad = load_gold(txt, ann)
    doc, parse_s, quotes_s = parse(nlp, text, cached)
    t0 = time.perf_counter()
    baseline = textacy_preds(doc)
    speed["textacy_s"] += time.perf_counter() - t0
    speed["parse_s"] += parse_s
    speed["quotes_s"] += quotes_s
    speed["chars"] += len(text)
    ours = grouped_preds(doc)
    speech = [p for p in ours if p.kind == "speech"]
    preds = dict(zip(SYSTEMS, (ours, speech, quotes_preds(doc), baseline or []), strict=True))
    sents = (
        [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else []
    )
    return ArticleRun(text, golds, preds, baseline is None, bad, sents, doc)


def run(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    articles = select_articles(args.polnear / args.split, args.limit)
    if not articles:
        sys.exit(f"no PolNeAR articles under {args.polnear / args.split}")
    nlp = load_nlp(args.model)
    textacy_preds(nlp('Warm-up, so that "lazy loading is not timed," we said.'))
    counts = {name: Counts() for name in SYSTEMS}
    strict = {name: StrictCounts() for name in SYSTEMS}
    cache = args.cache / f"{nlp.meta.get('name')}-{nlp.meta.get('version')}" if args.cache else None
    speed = {"parse_s": 0.0, "quotes_s": 0.0, "textacy_s": 0.0, "chars": 0}
    failures = mismatches = with_source = 0
    errors: list[str] = []
    for name, txt, ann in articles:
        cached = cache / args.split / f"{name}.spacy" if cache else None
        a = bench_article(nlp, txt, ann, speed, cached)
        failures += a.textacy_failed
        mismatches += a.mismatches
        with_source += sum(bool(g.source) for g in a.golds)
        for system, preds in a.preds.items():
            counts[system] += count(align(a.golds, preds, a.text))
            strict[system] += count_strict(a.golds, preds, a.text)
        errors.append(article_errors(name, a.text, a.sents, a.golds, a.preds[SYSTEMS[0]]))
    ours_s = speed["parse_s"] + speed["quotes_s"]
    speed["articles_per_s"] = len(articles) / ours_s if ours_s else 0.0
    speed["chars_per_s"] = speed["chars"] / ours_s if ours_s else 0.0
    textacy_s = speed["parse_s"] + speed["textacy_s"]
    speed["textacy_articles_per_s"] = len(articles) / textacy_s if textacy_s else 0.0
    report = {
        "split": args.split,
        "model": f"{nlp.lang}_{nlp.meta.get('name')} {nlp.meta.get('version')}",
        "pipeline": nlp.pipe_names,
        "articles": len(articles),
        "gold_with_source": with_source,
        "offset_mismatches": mismatches,
        "textacy_failures": failures,
        "systems": {n: {"metrics": metrics(c), "counts": asdict(c)} for n, c in counts.items()},
        "strict": {
            n: {"metrics": strict_metrics(c), "counts": asdict(c)} for n, c in strict.items()
        },
        "parse_cached": str(cache) if cache else None,
        "speed": speed,
    }
    return report, "".join(errors)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("split", choices=["train", "dev"])
    default = Path(os.environ.get("QUOTES_POLNEAR", DEFAULT_POLNEAR))
    ap.add_argument("--polnear", type=Path, default=default, help=f"data (default: {default})")
    ap.add_argument("--limit", type=int, help="only the first N articles, sorted by name")
    ap.add_argument("--model", help="spaCy pipeline to load (default: quotes' default)")
    ap.add_argument("--json", type=Path, help="write every figure to this JSON file")
    ap.add_argument("--errors", type=Path, help="write misses and false positives to this file")
    ap.add_argument("--cache", type=Path, help="keep parses here between runs (speed not timed)")
    args = ap.parse_args(argv)
    report, errors = run(args)
    print(format_table(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if args.errors:
        args.errors.write_text(ERRORS_HEADER + errors, encoding="utf-8")


if __name__ == "__main__":
    main()
