"""Blind case tables: written by separate authors who never read the screen's code (25 crisis +
25 non-crisis each; 14 en, 6 fr, 4 es, 1 other language per label; round 6 has long, Q&A-site
style cases), scored once on the screen of the commit that added them, and never tuned on.

First (and only) measurement, `python -m tasks.core.safety.cases tests/data/safety_blind_round{6,7}.jsonl`:

* round 6: recall 21/25, false alarms 4/25 (rules alone: 11/25 and 2/25);
* round 7: recall 19/25, false alarms 3/25 (rules alone: 12/25 and 3/25).

The blind rounds before them (4 and 5, now development rounds 9 and 10) scored 15/25 and 20/25 with
3 and 1 false alarms on commit 741a1d5 (tests/data/README.md).

The measured figures are a floor that later changes must not fall below. The issue's bars (every
crisis case caught, at most 1 in 10 false alarms) are strict xfails: they document the gap and
fail loudly (XPASS) if the screen is ever tuned on these tables, which then move to the
development tables (tests/test_safety_dev_tables.py), and fresh blind ones are written.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tasks.core.safety.cases import load_case_table
from tasks.core.safety.language import SUPPORTED_LANGUAGES, detect_language
from tasks.core.safety.screen import compute_screen_metrics

TABLES = Path(__file__).parent / "data"
# round: (crisis caught, false alarms) of 25 + 25, measured once on the commit that added the table
MEASURED = {6: (21, 4), 7: (19, 3)}


def metrics(round_number: int) -> dict:
    return compute_screen_metrics(load_case_table(TABLES / f"safety_blind_round{round_number}.jsonl"))


@pytest.mark.parametrize("round_number", sorted(MEASURED))
def test_blind_table_shape(round_number):
    cases = load_case_table(TABLES / f"safety_blind_round{round_number}.jsonl")
    assert len(cases) == 50 and sum(crisis for _, crisis in cases) == 25
    languages = {detect_language(text) for text, _ in cases}
    assert set(SUPPORTED_LANGUAGES) <= languages


@pytest.mark.parametrize("round_number", sorted(MEASURED))
def test_blind_table_does_not_fall_below_its_measured_figures(round_number):
    caught, false_alarms = MEASURED[round_number]
    result = metrics(round_number)
    assert result["caught"] >= caught, result["missed_texts"]
    assert result["false_alarms"] <= false_alarms, result["false_alarm_texts"]


@pytest.mark.xfail(strict=True, reason="blind tables: the screen caught 21/25 and 19/25 crisis cases, with 4 and 3 false alarms")
@pytest.mark.parametrize("round_number", sorted(MEASURED))
def test_blind_table_meets_the_issue_bars(round_number):
    result = metrics(round_number)
    assert result["recall"] == 1.0 and result["false_alarm_rate"] <= 0.10
