"""Blind case tables: written by separate authors who never read the screen's code (25 crisis +
25 non-crisis each; 14 en, 6 fr, 4 es, 1 other language per label; round 9 has long, Q&A-site
style cases), scored once on the screen of the commit that added them, and never tuned on.

First (and only) measurement, `python -m tasks.core.safety.cases tests/data/safety_blind_round{8,9}.jsonl`:

* round 8 (chat style: slang, emojis, typos): recall 18/25, false alarms 2/25 (rules alone: 13/25, 2/25);
* round 9 (counselling Q&A style, the risk in one understated sentence): recall 22/25, false alarms
  6/25 (rules alone: 15/25, 3/25). Five of the six false alarms come from the risk score: dosage
  questions, clinicians asking how to assess suicide risk, "I just want to disappear for two weeks".

Earlier blind rounds, each measured once on the commit that added it and then tuned on (now
development tables): rounds 4-5 15/25 and 20/25 caught, 3 and 1 false alarms (commit 741a1d5);
rounds 6-7 21/25 and 19/25, 4 and 3 (commit b1f38f2). tests/data/README.md has the history.

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
MEASURED = {8: (18, 2), 9: (22, 6)}


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


@pytest.mark.xfail(strict=True, reason="blind tables: the screen caught 18/25 and 22/25 crisis cases, with 2 and 6 false alarms")
@pytest.mark.parametrize("round_number", sorted(MEASURED))
def test_blind_table_meets_the_issue_bars(round_number):
    result = metrics(round_number)
    assert result["recall"] == 1.0 and result["false_alarm_rate"] <= 0.10
