"""Settings of a process that analyses many articles once its pipeline is loaded.

The CLI's `extract` and `build` apply them, and so does the speed benchmark's bare spaCy
run, so that both are measured under the same process settings.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc

# glibc's mallopt parameters (malloc.h) and the values set: allocations under 64 MiB come
# from the heap, and up to 256 MiB freed at its top stays there.
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
_TRIM_THRESHOLD = 256 << 20
_MMAP_THRESHOLD = 64 << 20


def keep_freed_memory() -> bool:
    """Keep freed memory for reuse instead of handing it back to the system at once.

    The parser's arrays are allocated and freed batch after batch; by default glibc maps
    and unmaps them, and the kernel zeroes every fresh page: `quotes extract` on 100
    articles took three times bare spaCy's page faults (0.4 s of system time). Peak memory
    grows by what is kept. Returns whether the C library took the settings (glibc only).
    """
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError, TypeError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    trim = mallopt(_M_TRIM_THRESHOLD, _TRIM_THRESHOLD)
    mmap = mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)
    return bool(trim and mmap)


def settle_for_batch() -> None:
    """Once the pipeline is loaded: what is loaded lives until the process exits, so the
    garbage collector need not scan it again (at exit, about 0.2 s for spaCy's objects, or
    in forked workers, whose copies of its pages then stay shared); freed memory is kept."""
    gc.freeze()
    keep_freed_memory()
