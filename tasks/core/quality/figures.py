"""The top-1 figures of reflect results, shared by each run's evaluation and `bench quality`."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def top1_figures(results: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Over the results the crisis screen did not stop: how many, the mean top-1 scorer score
    (0 for a case where no candidate passed the threshold), and the share with a candidate shown."""
    answered = [result for result in results if result["risk"] != "crisis"]
    tops = [result["candidates"][0]["score"] if result["candidates"] else 0.0 for result in answered]
    count = len(answered)
    return {
        "answered": count,
        "top1_mean": round(sum(tops) / count, 4) if count else 0.0,
        "top1_pass_rate": round(sum(bool(result["candidates"]) for result in answered) / count, 4) if count else 0.0,
    }
