"""Speed benchmark: `quotes extract` and `quotes build` against spaCy's own parse speed.

    python benchmarks/speed.py [--sample N] [--jobs N] [--repeat 3] [--lengths 25000,100000,1000000]
                               [--polnear DIR] [--json FILE] [--readme]

On the same texts (PolNeAR train, from ../shared/bench/polnear next to the checkout, or
--polnear DIR or $QUOTES_POLNEAR; the first N by name with --sample N) it prints:
- bare spaCy throughput: `nlp.pipe` of the same English pipeline and components, without
  quotes' own components (tokens/s, pipeline already loaded);
- `quotes extract` and `quotes build` (into a fresh database) throughput, whole process,
  with 1 job and with --jobs N, and their ratios to bare spaCy;
- the share of a build's time in each stage, from one in-process build with timers;
- time per 100k characters of synthetic long articles (texts joined with paragraph breaks)
  at each of --lengths, against the bare parse of the same text, with peak memory.
Targets (issue 10): extract >= 90% of bare spaCy, build >= 75%, N jobs >= 1.7x one job on
2 cores, a 1M-character article in under 2x its bare parse time.
--readme rewrites the block between the speed markers in README.md with the results.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_POLNEAR = ROOT.parent / "shared" / "bench" / "polnear"
README = ROOT / "README.md"
START, END = "<!-- speed:start -->", "<!-- speed:end -->"
OWN_COMPONENTS = ("quotes", "quotes_paragraphs")
WARM_UP = '"We are ready," the spokesman said.\n'

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def train_texts(polnear: Path, sample: int | None) -> list[Path]:
    files = sorted((polnear / "train" / "text").glob("*.txt"))
    if not files:
        sys.exit(f"no PolNeAR train texts under {polnear / 'train' / 'text'}")
    return files[:sample] if sample else files


def quotes_command() -> list[str]:
    script = Path(sys.executable).with_name("quotes")
    return [str(script)] if script.exists() else [sys.executable, "-m", "quotes.cli"]


def bare_pipeline(model: str | None) -> Any:
    """The pipeline quotes loads, without quotes' components: what spaCy alone does."""
    from quotes.nlp import load_pipeline

    nlp = load_pipeline(model)
    return nlp, [name for name in nlp.pipe_names if name not in OWN_COMPONENTS]


def bare_spacy(texts: list[str], model: str | None) -> dict[str, Any]:
    from quotes.process import settle_for_batch
    from quotes.runner import BATCH_SIZE

    nlp, components = bare_pipeline(model)
    # The process settings the quotes CLI applies once its pipeline is loaded (the collector
    # leaves spaCy's objects alone; freed memory is kept): bare spaCy runs under them too.
    settle_for_batch()
    with nlp.select_pipes(enable=components):
        nlp(WARM_UP)  # the first call initialises lazily
        started = time.perf_counter()
        # Batched as quotes batches them: the pipeline's default (256) pads every text of a
        # batch to its longest and ran about 40% slower on these texts.
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=BATCH_SIZE))
        seconds = time.perf_counter() - started
    return {"components": components, "tokens": tokens, "seconds": seconds, "batch": BATCH_SIZE}


def fresh_bare_spacy(args: argparse.Namespace) -> dict[str, Any]:
    """bare_spacy in a process of its own: a first pass over the texts, as a quotes command
    makes (a second pass in one process runs faster, its vocabulary already grown)."""
    command = [sys.executable, __file__, "--bare-once", "--polnear", str(args.polnear)]
    command += [f"--sample={args.sample}"] if args.sample else []
    command += ["--model", args.model] if args.model else []
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def _seconds(run: dict[str, Any]) -> float:
    return run["seconds"]


def timed_rounds(
    args: argparse.Namespace, names: list[str], model_args: list[str], folder: str
) -> tuple[dict[str, Any], dict[str, float]]:
    """Fastest bare spaCy run, and fastest wall seconds of `quotes extract` and `quotes
    build` (each into a fresh database) per number of jobs. Each round runs every one of
    them once, in turn, so that a slower spell of the machine slows all of them alike."""
    bare: list[dict[str, Any]] = []
    runs: dict[str, list[float]] = {}
    for n in range(args.repeat):
        bare.append(fresh_bare_spacy(args))
        for jobs in sorted({1, args.jobs}):
            label = "1 job" if jobs == 1 else f"{jobs} jobs"
            jobs_args = ["--jobs", str(jobs), *model_args]
            extract = whole_process(["extract", *jobs_args, *names])
            db = Path(folder) / f"build{jobs}-{n}.db"
            build = whole_process(["build", *jobs_args, "--db", str(db), *names])
            runs.setdefault(f"`quotes extract`, {label}", []).append(extract)
            runs.setdefault(f"`quotes build`, {label}", []).append(build)
        print(f"round {n + 1} of {args.repeat} done", file=sys.stderr)
    fastest = {label: min(seconds) for label, seconds in runs.items()}
    return min(bare, key=_seconds), fastest


def whole_process(args: list[str]) -> float:
    """Wall seconds of one `quotes` command, output thrown away."""
    started = time.perf_counter()
    subprocess.run(quotes_command() + args, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


# --- stage timers ---------------------------------------------------------------------


class StageTimer:
    """Exclusive time per stage: a stage called inside another is not counted twice."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.stack: list[list[float]] = []

    def wrap(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            self.stack.append([time.perf_counter(), 0.0])
            try:
                return function(*args, **kwargs)
            finally:
                started, nested = self.stack.pop()
                spent = time.perf_counter() - started
                self.seconds[stage] += spent - nested
                if self.stack:
                    self.stack[-1][1] += spent

        return timed


# (stage, module, attribute): what each stage of a build is, by the function that does it.
STAGES = (
    ("read inputs", "quotes.build", "read_inputs"),
    ("extraction: marks and debris", "quotes.extractor", "find_quoted_spans"),
    ("extraction: marks and debris", "quotes.extractor", "find_debris"),
    ("extraction: cues, content, sources", "quotes.extractor", "_candidates"),
    ("extraction: quotations without a cue", "quotes.extractor", "unclaimed_quotes"),
    ("coreference", "quotes.coref", "SpeakerResolver.__init__"),
    ("coreference", "quotes.coref", "SpeakerResolver.resolve_head"),
    ("scoring", "quotes.extractor", "_features"),
    ("scoring", "quotes.scoring", "CandidateScorer.choose"),
    ("extraction: other", "quotes.component", "QuotesComponent.__call__"),
    ("database writes", "quotes.build", "write_article"),
    ("database writes", "quotes.build", "prune_speakers"),
    ("drift: grouping, classes, reuse, writes", "quotes.build", "_apply_drift"),
    # Merging described sources, and drift's rerun when any merged.
    ("drift: grouping, classes, reuse, writes", "quotes.build", "merge_described_sources"),
    ("drift: tagging quotes and sentences", "quotes.drift.features", "SpacyLemmatizer.annotate"),
    # Lemmas read off the extraction parse (doc_tags also runs inside tagging, when any).
    ("drift: lemmas from the extraction parse", "quotes.drift.features", "doc_tags"),
    ("drift: lemmas from the extraction parse", "quotes.drift.lemmas", "article_annotations"),
)


@contextmanager
def timed_stages(timer: StageTimer) -> Iterator[None]:
    import importlib

    saved = []
    for stage, module_name, attribute in STAGES:
        owner: Any = importlib.import_module(module_name)
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        original = owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)
        saved.append((owner, name, original))
        setattr(owner, name, timer.wrap(stage, original))
    try:
        yield
    finally:
        for owner, name, original in reversed(saved):
            setattr(owner, name, original)


def stage_shares(files: list[Path], model: str | None) -> dict[str, float]:
    """Seconds per stage of one in-process build into a fresh database (jobs=1)."""
    from quotes.build import build_database

    timer = StageTimer()
    with tempfile.TemporaryDirectory() as folder, timed_stages(timer):
        started = time.perf_counter()
        build_database([str(f) for f in files], str(Path(folder) / "q.db"), model=model)
        total = time.perf_counter() - started
    accounted = sum(timer.seconds.values())
    # What is left of the build is spaCy's pipeline: tokenizer, tagger, parser, NER.
    shares = {"parse (spaCy)": total - accounted, **timer.seconds}
    return {"total": total, **shares}


# --- long articles --------------------------------------------------------------------


def long_article(files: list[Path], length: int) -> str:
    """Texts joined with paragraph breaks, cut at a paragraph end at most `length` long."""
    parts, size = [], 0
    while size < length:
        for path in files:
            parts.append(path.read_text(encoding="utf-8").strip())
            size += len(parts[-1]) + 2
            if size >= length:
                break
    text = "\n\n".join(parts)[:length]
    return text[: text.rfind("\n") + 1] if "\n" in text else text


def one_length(files: list[Path], length: int, model: str | None, stage: str) -> dict[str, Any]:
    """Bare parse or full analysis of one synthetic article, in a process of its own so that
    its peak memory is its own."""
    from quotes.process import settle_for_batch
    from quotes.runner import analyse_texts

    text = long_article(files, length)
    nlp, components = bare_pipeline(model)
    settle_for_batch()  # as the CLI does, for the bare parse and the analysis alike
    analyse_texts(nlp, [WARM_UP])  # the first call initialises lazily
    found: Any = []
    started = time.perf_counter()
    if stage == "bare":
        with nlp.select_pipes(enable=components):
            nlp(text)
    else:
        [found] = analyse_texts(nlp, [text])
    seconds = time.perf_counter() - started
    if isinstance(found, str):
        sys.exit(f"{length} characters: {found}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"chars": len(text), "seconds": seconds, "quotes": len(found), "peak_mb": peak}


def scaling(files: list[Path], lengths: list[int], model: str | None) -> list[dict[str, Any]]:
    rows = []
    for length in lengths:
        row: dict[str, Any] = {}
        for stage in ("bare", "full"):
            command = [sys.executable, __file__, "--one-length", str(length), "--stage", stage]
            command += ["--polnear", str(files[0].parents[2])]
            command += ["--model", model] if model else []
            out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            found = json.loads(out.strip().splitlines()[-1])
            row.update(chars=found["chars"], **{stage: found["seconds"]})
            row[f"{stage}_peak_mb"] = found["peak_mb"]
            row["quotes"] = found["quotes"] if stage == "full" else 0
        rows.append(row)
        print(f"  {length:>9,} characters done", file=sys.stderr)
    return rows


# --- report ---------------------------------------------------------------------------


def report(r: dict[str, Any]) -> str:
    bare = r["bare"]
    rate = bare["tokens"] / bare["seconds"]
    lines = [
        f"Texts: {r['texts']} PolNeAR train articles, {r['chars']:,} characters, "
        f"{bare['tokens']:,} tokens; spaCy pipeline {r['model']} "
        f"({', '.join(bare['components'])}); {r['cpus']} CPUs, load average "
        f"{r['load'][0]:.1f} at the start and {r['load'][1]:.1f} at the end (other work on the "
        "machine slows every figure; ratios come from runs one after the other). Each time is "
        f"the fastest of {r.get('repeat', 1)} rounds, each running bare spaCy and every command "
        "once, each in a fresh process; bare spaCy runs under the process settings the "
        "quotes CLI applies once its pipeline loads (`quotes.process`: the garbage collector "
        "frozen, freed memory kept for reuse).",
        "",
        "| run | seconds | tokens/s | of bare spaCy | without start and load |",
        "|---|---:|---:|---:|---:|",
        f"| bare spaCy `nlp.pipe`, batches of {bare.get('batch', '?')} (pipeline loaded) | {bare['seconds']:.1f} | {rate:,.0f} | 100% | 100% |",
    ]
    for name, seconds in r["runs"].items():
        tps = bare["tokens"] / seconds
        loaded = bare["seconds"] / (seconds - r["startup"])
        lines.append(f"| {name} | {seconds:.1f} | {tps:,.0f} | {tps / rate:.0%} | {loaded:.0%} |")
    lines += [
        "",
        f"Process start and pipeline load: {r['startup']:.1f} s (in every run above; the last "
        "column leaves it out, as bare spaCy's time does).",
    ]
    jobs = r["jobs"]
    if jobs > 1:
        for command in ("extract", "build"):
            one = r["runs"][f"`quotes {command}`, 1 job"]
            many = r["runs"][f"`quotes {command}`, {jobs} jobs"]
            lines.append(f"`quotes {command}` with {jobs} jobs: {one / many:.2f}x one job.")
    stages = r["stages"]
    total = stages["total"]
    lines += ["", f"Share of a build's time by stage (in-process, {total:.1f} s):", ""]
    lines += ["| stage | seconds | share |", "|---|---:|---:|"]
    for stage, seconds in sorted(
        ((k, v) for k, v in stages.items() if k != "total"), key=lambda kv: -kv[1]
    ):
        lines.append(f"| {stage} | {seconds:.1f} | {seconds / total:.1%} |")
    if r["scaling"]:
        lines += ["", "One long article (texts joined with paragraph breaks):", ""]
        lines += [
            "| characters | bare parse, s | quotes, s | s per 100k characters | "
            "quotes / bare parse | quotes found | peak memory, bare / quotes |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for row in r["scaling"]:
            lines.append(
                f"| {row['chars']:,} | {row['bare']:.1f} | {row['full']:.1f} | "
                f"{row['full'] / row['chars'] * 100_000:.2f} | {row['full'] / row['bare']:.2f}x | "
                f"{row['quotes']:,} | {row['bare_peak_mb']:,.0f} / {row['full_peak_mb']:,.0f} MB |"
            )
    return "\n".join(lines)


def update_readme(text: str, command: str) -> None:
    readme = README.read_text(encoding="utf-8")
    if START not in readme or END not in readme:
        sys.exit(f"README.md has no {START} … {END} block")
    head, rest = readme.split(START, 1)
    _, tail = rest.split(END, 1)
    block = f"{START}\nGenerated by `{command}`:\n\n{text}\n{END}"
    README.write_text(head + block + tail, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    default = Path(os.environ.get("QUOTES_POLNEAR", DEFAULT_POLNEAR))
    ap.add_argument("--polnear", type=Path, default=default, help=f"data (default: {default})")
    ap.add_argument("--sample", type=int, help="only the first N train texts, sorted by name")
    ap.add_argument("--jobs", type=int, default=2, help="jobs for the parallel runs (default 2)")
    ap.add_argument("--model", help="spaCy pipeline (default: quotes' default)")
    ap.add_argument(
        "--lengths",
        default="25000,100000,1000000",
        help="long-article sizes in characters, comma-separated ('' for none)",
    )
    ap.add_argument(
        "--repeat", type=int, default=3, help="runs of each measurement, fastest kept (default 3)"
    )
    ap.add_argument("--json", type=Path, help="write every figure to this JSON file")
    ap.add_argument("--readme", action="store_true", help="rewrite README.md's speed block")
    ap.add_argument("--one-length", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--bare-once", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--stage", choices=["bare", "full"], help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    files = train_texts(args.polnear, args.sample)
    if args.bare_once:
        texts = [f.read_text(encoding="utf-8") for f in files]
        print(json.dumps(bare_spacy(texts, args.model)))
        return
    if args.one_length:
        print(json.dumps(one_length(files, args.one_length, args.model, args.stage)))
        return
    from quotes.nlp import load_pipeline

    texts = [f.read_text(encoding="utf-8") for f in files]
    names = [str(f) for f in files]
    nlp = load_pipeline(args.model)
    model_args = ["--model", args.model] if args.model else []
    r: dict[str, Any] = {"texts": len(texts), "chars": sum(map(len, texts)), "jobs": args.jobs}
    r["model"] = f"{nlp.lang}_{nlp.meta.get('name')} {nlp.meta.get('version')}"
    r["cpus"] = os.cpu_count()
    load_at_start = os.getloadavg()[0]
    # Each run is repeated and its fastest time kept, as timeit does: slower repeats measure
    # the machine's other work, not ours.
    r["repeat"] = args.repeat
    with tempfile.TemporaryDirectory() as folder:
        empty = Path(folder) / "empty.txt"
        empty.write_text("", encoding="utf-8")
        best = range(args.repeat)
        r["startup"] = min(whole_process(["extract", str(empty), *model_args]) for _ in best)
        r["bare"], r["runs"] = timed_rounds(args, names, model_args, folder)
    r["stages"] = stage_shares(files, args.model)
    print("stages done", file=sys.stderr)
    lengths = [int(n) for n in args.lengths.split(",") if n.strip()]
    r["scaling"] = scaling(files, lengths, args.model)
    r["load"] = (load_at_start, os.getloadavg()[0])
    text = report(r)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(r, indent=2), encoding="utf-8")
    if args.readme:
        shown = ["python", "benchmarks/speed.py", f"--sample {args.sample}" if args.sample else ""]
        shown += [f"--jobs {args.jobs}", f"--lengths {args.lengths}" if args.lengths else ""]
        shown += [f"--repeat {args.repeat}" if args.repeat != 3 else ""]
        update_readme(text, " ".join(a for a in shown if a))


if __name__ == "__main__":
    main()
