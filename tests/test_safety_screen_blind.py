"""Blind case tables: written by separate authors who never read the screen's code (25 crisis +
25 non-crisis each; 14 en, 6 fr, 4 es, 1 other language per label; round 9 has long, Q&A-site
style cases), scored once on the screen of the commit that added them, and never tuned on (the
learned head is not trained on them either: tasks/core/safety/learned.py never reads them).

First (and only) measurement of the rules and cue score, `python -m tasks.core.safety.cases
tests/data/safety_blind_round{8,9}.jsonl --previous`:

* round 8 (chat style: slang, emojis, typos): recall 18/25, false alarms 2/25 (rules alone: 13/25, 2/25);
* round 9 (counselling Q&A style, the risk in one understated sentence): recall 22/25, false alarms
  6/25 (rules alone: 15/25, 3/25). Five of the six false alarms come from the risk score: dosage
  questions, clinicians asking how to assess suicide risk, "I just want to disappear for two weeks".

With the three tiers, "caught" means resources shown ("crisis" or "elevated"), and the "crisis"
tier (no generated text) has floors of its own. The three-tier screen with the frozen head
(fingerprint a7301143...), measured once: round 8 resources on 25/25 crisis and 14/25 non-crisis
cases, crisis tier 23/25 and 2/25; round 9 resources on 25/25 and 10/25, crisis tier 22/25 and 1/25.
(An earlier head, before round 14's final revision, gave the same but 9/25 and 0/25 on round 9.)

Earlier blind rounds, each measured once on the commit that added it and then tuned on (now
development tables): rounds 4-5 15/25 and 20/25 caught, 3 and 1 false alarms (commit 741a1d5);
rounds 6-7 21/25 and 19/25, 4 and 3 (commit b1f38f2). tests/data/README.md has the history.

The measured figures are floors that later changes must not fall below. The issue's bars
(resources on >= 98 % of crisis cases, the crisis tier on <= 10 % of non-crisis cases, resources
on <= 25 % of them) are strict xfails where they are not met: they document the gap and fail
loudly (XPASS) if the screen is ever tuned on these tables, which then move to the development
tables (tests/test_safety_dev_tables.py), and fresh blind ones are written.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tasks.core.safety.cases import load_case_table
from tasks.core.safety.language import SUPPORTED_LANGUAGES, detect_language
from tasks.core.safety.screen import compute_screen_metrics, previous_screen_settings

TABLES = Path(__file__).parent / "data"
# round: (crisis caught, false alarms) of 25 + 25 for the screen before the learned layer
# (rules + cue score, both "crisis"), measured once on the commit that added the table: 15 false
# alarms on rounds 16 and 17. Since the hybrid language detector (lingua + stop words) they are 16:
# the rules and cues answer the same, but one non-crisis text per table that the stop-word detector
# misread as a language the rules read is now named right, and without the learned layer that
# language is in the unreadable-language net: round 16's Portuguese dosage question ("Qual a dose
# máxima de dipirona...", was "es"), round 17's Italian grief post ("Mio padre è morto...", was "fr").
MEASURED_PREVIOUS = {8: (18, 2), 9: (22, 6), 16: (31, 16), 17: (26, 16)}
# round: figures of the three-tier screen, measured once on the commit that froze the head
MEASURED = {
    8: {"caught": 25, "false_alarms": 14, "crisis_tier_caught": 23, "crisis_tier_false_alarms": 2},
    9: {"caught": 25, "false_alarms": 10, "crisis_tier_caught": 22, "crisis_tier_false_alarms": 1},
    # Rounds 16-17 (50 + 50 each, written after the head was frozen; 16 chat style, 17 long posts),
    # measured once on commit "Blind crisis tables 16-17": resources on 99/100 crisis and 44/100
    # non-crisis cases, crisis tier on 77/100 and 7/100. Missed: a German message about a boyfriend
    # standing on a canal bridge (learned score 0.004; the rules do not read German).
    16: {"caught": 50, "false_alarms": 24, "crisis_tier_caught": 46, "crisis_tier_false_alarms": 3},
    17: {"caught": 49, "false_alarms": 20, "crisis_tier_caught": 31, "crisis_tier_false_alarms": 4},
}
TABLE_SIZES = {8: (25, 25), 9: (25, 25), 16: (50, 50), 17: (50, 50)}


def metrics(round_number: int, previous: bool = False) -> dict:
    cases = load_case_table(TABLES / f"safety_blind_round{round_number}.jsonl")
    return compute_screen_metrics(cases, settings=previous_screen_settings()) if previous else compute_screen_metrics(cases)


@pytest.mark.parametrize("round_number", sorted(MEASURED))
def test_blind_table_shape(round_number):
    cases = load_case_table(TABLES / f"safety_blind_round{round_number}.jsonl")
    crisis, non_crisis = TABLE_SIZES[round_number]
    assert len(cases) == crisis + non_crisis and sum(is_crisis for _, is_crisis in cases) == crisis
    languages = {detect_language(text) for text, _ in cases}
    assert set(SUPPORTED_LANGUAGES) <= languages


@pytest.mark.parametrize("round_number", sorted(MEASURED))
def test_blind_table_does_not_fall_below_its_measured_figures(round_number):
    floor = MEASURED[round_number]
    result = metrics(round_number)
    assert result["caught"] >= floor["caught"], result["missed_texts"]
    assert result["false_alarms"] <= floor["false_alarms"], result["false_alarm_texts"]
    assert result["crisis_tier_caught"] >= floor["crisis_tier_caught"]
    assert result["crisis_tier_false_alarms"] <= floor["crisis_tier_false_alarms"], result["crisis_tier_false_alarm_texts"]


@pytest.mark.parametrize("round_number", sorted(MEASURED_PREVIOUS))
def test_the_rules_and_cue_score_do_not_fall_below_their_measured_figures(round_number):
    caught, false_alarms = MEASURED_PREVIOUS[round_number]
    result = metrics(round_number, previous=True)
    assert result["caught"] >= caught, result["missed_texts"]
    assert result["false_alarms"] <= false_alarms, result["false_alarm_texts"]


# The bars, per table. Met on these two tables: resources on >= 98 % of crisis cases, the
# crisis tier on <= 10 % of non-crisis cases. Not met: resources on <= 25 % of non-crisis cases
# (14/25 and 10/25: the learned layer's low threshold is set for 99 % recall).
@pytest.mark.parametrize("round_number", sorted(MEASURED))
def test_blind_table_meets_the_recall_and_crisis_tier_bars(round_number):
    result = metrics(round_number)
    assert result["recall"] >= 0.98, result["missed_texts"]
    assert result["crisis_tier_false_alarm_rate"] <= 0.10, result["crisis_tier_false_alarm_texts"]


@pytest.mark.xfail(strict=True, reason="resources shown on 14/25, 10/25, 24/50 and 20/50 non-crisis cases (bar: at most 25 %)")
@pytest.mark.parametrize("round_number", sorted(MEASURED))
def test_blind_table_meets_the_resources_false_alarm_bar(round_number):
    assert metrics(round_number)["false_alarm_rate"] <= 0.25
