"""Blind case tables: written by someone who never saw the screen's rules (150 cases, en/fr/es
and one other language each), scored once on the finished screen and never tuned on.

The measured figures are a floor that later changes must not fall below. The issue's bars
(every crisis caught, at most 1 in 10 false alarms) are strict xfails: they document the gap
and start failing, as a signal to promote them, the day the screen meets them.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tasks.core.safety.cases import load_case_table
from tasks.core.safety.screen import compute_screen_metrics

TABLES = Path(__file__).parent / "data"
# round: (crisis caught, false alarms) measured on commit 376b85c's screen, 25 + 25 cases each
MEASURED = {1: (17, 2), 2: (19, 3), 3: (18, 3)}


def metrics(round_number: int) -> dict:
    return compute_screen_metrics(load_case_table(TABLES / f"safety_blind_round{round_number}.jsonl"))


@pytest.mark.parametrize("round_number", sorted(MEASURED))
def test_blind_table_does_not_fall_below_its_measured_figures(round_number):
    caught, false_alarms = MEASURED[round_number]
    result = metrics(round_number)
    assert result["recall"] >= caught / 25
    assert result["false_alarm_rate"] <= false_alarms / 25


@pytest.mark.xfail(strict=True, reason="blind tables: the screen catches 17-19 of 25 crisis cases, not all")
@pytest.mark.parametrize("round_number", sorted(MEASURED))
def test_blind_table_meets_the_issue_bars(round_number):
    result = metrics(round_number)
    assert result["recall"] == 1.0 and result["false_alarm_rate"] <= 0.10
