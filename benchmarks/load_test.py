"""Load test: 50 concurrent clients for 30 s against `quotes serve` on loopback.

    .venv/bin/python benchmarks/load_test.py                   # builds seeds/, serves it
    .venv/bin/python benchmarks/load_test.py --db big.db       # an existing database
    .venv/bin/python benchmarks/load_test.py --write-docs      # also write docs/scale.md

Starts `quotes serve` on a free port of 127.0.0.1 (never another address), runs
`--clients` httpx clients for `--seconds` (each client one request at a time; every
request has a 60 s timeout), stops the server, and prints, per kind of request (table
pages, a full-text search, `POST /-/quotes/extract` with small articles): requests,
errors, requests/s, p50 and p95. Then, alone on the server, the extract endpoint's
throughput in characters per second at a few article sizes: what the body limit and
the time limit of the endpoint are set against. Exits non-zero on any error.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
QUOTES = str(Path(sys.executable).with_name("quotes"))
TABLE_PAGES = ["/quotes/quotes", "/quotes/quotes_view", "/quotes/speakers", "/quotes/statements"]
SEARCH = "/quotes/quotes_view?_search=assassination"
KINDS = ["table page", "search", "extract"]
SIZES = [2_000, 8_000, 32_000]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def small_articles() -> list[str]:
    """Paragraph-sized drafts (a few hundred characters) cut from the seed articles."""
    drafts = []
    for file in sorted((REPO / "seeds").glob("*.txt")):
        paragraphs = [p for p in file.read_text(encoding="utf-8").split("\n\n") if '"' in p]
        drafts += [p[:600] for p in paragraphs if len(p) > 120]
    return drafts


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


async def client_loop(
    k: int, base: str, until: float, drafts: list[str], results: dict[str, list]
) -> None:
    kind = KINDS[k % len(KINDS)]
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        n = 0
        while time.monotonic() < until:
            started = time.perf_counter()
            try:
                if kind == "table page":
                    response = await client.get(TABLE_PAGES[(k + n) % len(TABLE_PAGES)])
                elif kind == "search":
                    response = await client.get(SEARCH)
                else:
                    response = await client.post(
                        "/-/quotes/extract", json={"text": drafts[(k + n) % len(drafts)]}
                    )
                ok = response.status_code == 200
                error = None if ok else f"HTTP {response.status_code}"
            except httpx.HTTPError as problem:
                error = f"{type(problem).__name__}"
            results[kind].append((time.perf_counter() - started, error))
            n += 1


async def run_load(base: str, clients: int, seconds: float) -> dict[str, list]:
    drafts = small_articles()
    results: dict[str, list] = {kind: [] for kind in KINDS}
    until = time.monotonic() + seconds
    await asyncio.gather(*(client_loop(k, base, until, drafts, results) for k in range(clients)))
    return results


async def extract_throughput(base: str) -> list[tuple[int, float, int]]:
    """(characters, seconds, status) for one article of each size, sent alone."""
    text = " ".join(small_articles())
    rows = []
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        for size in SIZES:
            body = (text * (size // len(text) + 1))[:size]
            started = time.perf_counter()
            response = await client.post("/-/quotes/extract", json={"text": body})
            rows.append((size, time.perf_counter() - started, response.status_code))
    return rows


def wait_until_up(base: str, server: subprocess.Popen, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"quotes serve exited: {server.stderr.read().decode()}")
        try:
            if httpx.get(base + "/-/versions.json", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise SystemExit("quotes serve did not answer within 120 s")


def report(results: dict[str, list], seconds: float, clients: int, db: str, rates: list) -> str:
    lines = [
        f"`benchmarks/load_test.py --clients {clients} --seconds {seconds:g}` against "
        f"`quotes serve --db {db}` on loopback (measured on a shared, busy machine unless rerun):",
        "",
        "| requests | count | errors | requests/s | p50 (s) | p95 (s) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    everything = [r for kind in KINDS for r in results[kind]]
    for kind, rows in [*((k, results[k]) for k in KINDS), ("all", everything)]:
        latencies = [t for t, _ in rows]
        errors = sum(1 for _, e in rows if e)
        lines.append(
            f"| {kind} | {len(rows)} | {errors} | {len(rows) / seconds:.1f} | "
            f"{percentile(latencies, 0.5):.3f} | {percentile(latencies, 0.95):.3f} |"
        )
    kinds = sorted({e for _, e in everything if e})
    lines += ["", f"Errors: {', '.join(kinds)}." if kinds else "No errors."]
    lines += [
        "",
        "The extract endpoint alone, one article at a time (its throughput sets the body",
        "limit against the time limit):",
        "",
        "| characters | seconds | characters/s | status |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| {n:,} | {s:.2f} | {n / s:,.0f} | {status} |" for n, s, status in rates]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database to serve (default: a fresh build of seeds/)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--write-docs", action="store_true", help="write docs/scale.md")
    args = parser.parse_args()
    clients = max(1, min(args.clients, 200))
    seconds = max(1.0, min(args.seconds, 300))
    with tempfile.TemporaryDirectory() as work:
        db = args.db
        if db is None:
            shutil.copytree(REPO / "seeds", Path(work) / "seeds")
            db = str(Path(work) / "seeds.db")
            subprocess.run([QUOTES, "build", str(Path(work) / "seeds"), "--db", db], check=True)
        port = free_port()
        base = f"http://{HOST}:{port}"
        server = subprocess.Popen(
            [QUOTES, "serve", "--db", db, "--host", HOST, "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            wait_until_up(base, server)
            # One request first: the extract worker loads its pipeline outside the timing.
            httpx.post(base + "/-/quotes/extract", json={"text": "Hi, he said."}, timeout=300)
            results = asyncio.run(run_load(base, clients, seconds))
            rates = asyncio.run(extract_throughput(base))
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
    shown = "seeds build" if args.db is None else args.db
    text = report(results, seconds, clients, shown, rates)
    print(text)
    if args.write_docs:
        from db_scale import write_docs

        write_docs("load_test", text)
    if any(e for rows in results.values() for _, e in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
