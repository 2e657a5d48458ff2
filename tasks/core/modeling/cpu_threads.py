"""How many CPU threads a generation should use right now.

On an idle machine all cores help a little (decoding is bound by memory bandwidth more than
by arithmetic). When other processes keep the cores busy, several threads are many times
slower than one: every one of the ~700 small parallel ops per token waits at a barrier for a
thread the scheduler has parked, while one thread degrades gracefully. So the automatic choice
is all cores when the machine is otherwise idle, one thread when others are busy (figures in
the README's Benchmarks section).
"""
from __future__ import annotations

import os
import time
from typing import Callable

import psutil

# Share of total CPU capacity used by others above which we fall back to one thread.
BUSY_THRESHOLD = 0.25
# Fields of psutil.cpu_times() that count as idle, and the ones already counted inside `user`
# and `nice` on Linux (psutil's own cpu_times_percent leaves those out of the total too).
_IDLE_FIELDS = ("idle", "iowait")
_COUNTED_TWICE = ("guest", "guest_nice")


def _cpu_times() -> tuple[float, float] | None:
    """(idle + iowait, total) seconds over all CPUs since boot, or None where psutil cannot tell."""
    try:
        times = psutil.cpu_times()._asdict()
    except (psutil.Error, OSError, NotImplementedError):
        return None
    idle = sum(times.get(name, 0.0) for name in _IDLE_FIELDS)
    total = sum(times.values()) - sum(times.get(name, 0.0) for name in _COUNTED_TWICE)
    return idle, total


def busy_share(window_s: float = 0.02) -> float | None:
    """Share (0..1) of all CPUs' capacity busy during a short window in which this process
    sleeps, i.e. used by others; None where it cannot be measured."""
    before = _cpu_times()
    if before is None:
        return None
    time.sleep(window_s)
    after = _cpu_times()
    if after is None or after[1] <= before[1]:
        return None
    idle, total = after[0] - before[0], after[1] - before[1]
    return max(0.0, min(1.0, 1.0 - idle / total))


def choose_threads(requested: int | None, cores: int | None = None,
                   measure: Callable[[], float | None] = busy_share) -> int:
    """`requested` when given; else all cores when others leave the CPUs idle, one when they
    keep them busy (see the module note). `measure` returns the busy share of the CPUs (None
    where it cannot be measured: then all cores)."""
    if requested is not None:
        if requested < 1:
            raise ValueError(f"threads={requested} must be >= 1 (or None for automatic).")
        return requested
    cores = cores or os.cpu_count() or 1
    if cores == 1:
        return 1
    busy = measure()
    return 1 if busy is not None and busy > BUSY_THRESHOLD else cores
