"""quotes.drift.minhash gives datasketch's own MinHash values and LSH band layout."""

from __future__ import annotations

import random

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH

from quotes.drift.minhash import band_layout, signatures


@pytest.mark.parametrize(
    ("threshold", "num_perm"),
    [(0.3, 64), (0.5, 128), (0.3, 32), (0.7, 64), (0.2, 16), (0.9, 256), (0.4, 8)],
)
def test_band_layout_is_datasketch_choice(threshold: float, num_perm: int) -> None:
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    assert band_layout(threshold, num_perm) == (lsh.b, lsh.r)


@pytest.mark.parametrize("num_perm", [64, 16])
def test_signatures_are_datasketch_hash_values(num_perm: int) -> None:
    rng = random.Random(7)
    sets = [
        [f"lemma{rng.randrange(500)}".encode() for _ in range(rng.randrange(1, 25))]
        for _ in range(200)
    ]
    sets += [[b"assassination", b"strike"], ["é".encode()]]
    ours = signatures(sets, num_perm)
    theirs = MinHash.bulk(sets, num_perm=num_perm)
    assert len(ours) == len(theirs) == len(sets)
    for mine, reference in zip(ours, theirs, strict=True):
        assert mine.dtype == reference.hashvalues.dtype
        assert np.array_equal(mine, reference.hashvalues)


def test_an_empty_set_keeps_the_maximum_hash() -> None:
    [empty] = signatures([[]], 8)
    assert np.array_equal(empty, MinHash(num_perm=8).hashvalues)


def test_blocking_never_imports_scipy() -> None:
    import subprocess
    import sys

    code = "import quotes.drift.pipeline, sys; print('scipy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
