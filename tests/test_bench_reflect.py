"""Reflect benchmark: its cases, its statistics, and a run on a tiny model (fast)."""
from __future__ import annotations

import pytest

from tasks.core.bench_reflect import BENCH_CASES, percentile, run_reflect_benchmark
from tasks.core.reflect import ReflectSettings
from tasks.core.safety.screen import screen


def test_bench_cases_are_twenty_distinct_non_crisis_cases():
    assert len(BENCH_CASES) == 20 and len(set(BENCH_CASES)) == 20
    # Everyday cases; the learned layer puts two in the crisis tier (grief over a father's room,
    # chronic pain, both far above the high threshold). The bench skips those.
    assert sum(screen(case).risk == "crisis" for case in BENCH_CASES) <= 2
    assert {screen(case).language for case in BENCH_CASES} >= {"en", "fr", "es"}


@pytest.mark.parametrize(("values", "fraction", "expected"), [
    ([3.0], 0.95, 3.0),
    ([1.0, 2.0, 3.0, 4.0, 5.0], 0.5, 3.0),
    ([1.0, 2.0, 3.0, 4.0, 5.0], 0.95, 4.8),
    ([5.0, 1.0, 4.0, 2.0, 3.0], 1.0, 5.0),
    ([10.0, 20.0], 0.0, 10.0),
])
def test_percentile(values, fraction, expected):
    assert percentile(values, fraction) == pytest.approx(expected)


def test_percentile_of_nothing_is_an_error():
    with pytest.raises(ValueError):
        percentile([], 0.5)


def test_benchmark_runs_on_a_tiny_model(tiny_model_dir):
    settings = ReflectSettings(n=1, max_rounds=1, oversample=0, max_new_tokens=4)
    result = run_reflect_benchmark(tiny_model_dir, cases=3, settings=settings)
    assert result["cases"] == 3 and len(result["per_case"]) == 3 and result["skipped_crisis"] <= 2
    assert all(row["risk"] != "crisis" for row in result["per_case"])
    seconds = sorted(row["seconds"] for row in result["per_case"])
    assert result["median_s"] == pytest.approx(seconds[1], abs=1e-4)
    assert seconds[0] <= result["p95_s"] <= seconds[-1] == pytest.approx(result["max_s"], abs=1e-4)
    assert result["settings"]["max_new_tokens"] == 4 and all(row["rounds"] == 1 for row in result["per_case"])


def test_benchmark_refuses_zero_cases(tiny_model_dir):
    with pytest.raises(ValueError, match="cases"):
        run_reflect_benchmark(tiny_model_dir, cases=0)
