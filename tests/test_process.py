"""Process settings of a batch run (quotes.process)."""

from __future__ import annotations

import gc
import platform

import pytest

from quotes.process import keep_freed_memory, settle_for_batch


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")
def test_glibc_takes_the_allocator_settings():
    assert keep_freed_memory() is True


def test_settle_for_batch_leaves_what_is_loaded_to_the_collector_no_more():
    loaded = [object() for _ in range(100)]
    gc.unfreeze()
    try:
        settle_for_batch()
        assert gc.get_freeze_count() >= len(loaded)
    finally:
        gc.unfreeze()
