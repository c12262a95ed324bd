"""MinHash signatures and the LSH band layout, exactly as datasketch 2 computes them.

datasketch imports scipy when it is imported (for the band layout's integrals), which
costs about half a second at every build start, more than the hashing itself. Here the
same values come from numpy alone: datasketch's default "affine32" scheme (SHA-1's first
4 bytes, the MurmurHash3 finalizer, then `a * h + b mod 2^32` with its seeded `a`, `b`),
and `MinHashLSH`'s choice of bands and rows, whose integrands are polynomials that
Gauss-Legendre quadrature integrates exactly. tests/test_drift_minhash.py checks both
against datasketch itself.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

import numpy as np

_MAX_HASH = np.uint32((1 << 32) - 1)


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutation parameters: odd `a` and any `b`, from its seed."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (uint32 arithmetic wraps, as intended)."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def signatures(sets: Iterable[Sequence[bytes]], num_perm: int, seed: int = 1) -> list[np.ndarray]:
    """The hash values (uint32, `num_perm` of them) of `datasketch.MinHash` for each set."""
    a, b = _permutations(num_perm, seed)
    empty = np.full(num_perm, _MAX_HASH, dtype=np.uint32)
    out = []
    for values in sets:
        if not values:
            out.append(empty.copy())
            continue
        hashed = [struct.unpack("<I", hashlib.sha1(v).digest()[:4])[0] for v in values]
        hv = _fmix32(np.array(hashed, dtype=np.uint32).reshape(-1, 1))
        out.append(np.minimum(empty, (hv * a + b).min(axis=0)))
    return out


@lru_cache(maxsize=8)
def _gauss_legendre(points: int) -> tuple[np.ndarray, np.ndarray]:
    return np.polynomial.legendre.leggauss(points)


def _integral(
    function: Callable[[np.ndarray], np.ndarray], low: float, high: float, points: int
) -> float:
    nodes, weights = _gauss_legendre(points)
    s = (high - low) / 2 * nodes + (high + low) / 2
    return float((high - low) / 2 * np.dot(weights, function(s)))


@lru_cache(maxsize=8)
def band_layout(
    threshold: float, num_perm: int, false_positive_weight: float = 0.5
) -> tuple[int, int]:
    """(bands, rows) that `datasketch.MinHashLSH(threshold, num_perm)` chooses: the pair
    minimising the weighted probabilities of false positives and false negatives."""
    points = num_perm // 2 + 1  # exact for polynomials up to degree 2 * points - 1 >= b * r
    best, layout = float("inf"), (0, 0)
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):

            def hit(s: np.ndarray, b: int = bands, r: int = rows) -> np.ndarray:
                return 1 - (1 - s ** float(r)) ** float(b)

            false_positive = _integral(hit, 0.0, threshold, points)
            false_negative = _integral(lambda s, h=hit: 1 - h(s), threshold, 1.0, points)
            error = false_positive * false_positive_weight + false_negative * (
                1 - false_positive_weight
            )
            if error < best:
                best, layout = error, (bands, rows)
    return layout
