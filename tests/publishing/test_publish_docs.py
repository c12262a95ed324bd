"""Docs that match the build: generated figures are current; README examples run as written."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from docs import figures

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


@pytest.mark.parametrize("doc", figures.DOCS, ids=lambda p: p.name)
def test_generated_figures_match_a_build_of_the_seeds(seeds_db, doc):
    text = doc.read_text(encoding="utf-8")
    names = {m.group("name") for m in figures.BLOCK.finditer(text)}
    assert names, f"{doc.name} has no generated blocks"
    current = figures.rewrite(text, figures.blocks(seeds_db))
    assert current == text, f"{doc.name} is stale: run .venv/bin/python docs/figures.py"


def test_every_generated_block_is_used_once():
    found = [
        m.group("name") for doc in figures.DOCS for m in figures.BLOCK.finditer(doc.read_text())
    ]
    assert sorted(found) == sorted(figures.GENERATORS)


def test_rewrite_replaces_only_marked_blocks():
    text = "a\n<!-- figures:x -->\nold\n<!-- /figures:x -->\nb 93 quotes\n"
    assert figures.rewrite(text, {"x": "new\n"}) == (
        "a\n<!-- figures:x -->\nnew\n<!-- /figures:x -->\nb 93 quotes\n"
    )


README_BLOCKS = PYTHON_BLOCK.findall(README.read_text(encoding="utf-8"))


def test_the_readme_has_python_examples():
    assert README_BLOCKS


@pytest.mark.parametrize("code", README_BLOCKS, ids=lambda c: c.splitlines()[0][:40])
def test_readme_python_examples_run_as_written(code):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, str(README), "exec"), {"__name__": "__readme__"})
    if "quotes.extract(text)" in code:
        assert "direct Jane Smith We will rebuild the bridge" in out.getvalue()
