"""Crisis screen: the JSON Lines development tables (tests/data/safety_dev_*.jsonl), case by case.

Each table was first measured as written (figures in tests/data/README.md), then the risk
score's cue lists were widened generally and the table became development data. The
held-out tables the screen was NOT tuned on are in tests/test_safety_screen_blind.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.core.safety.cases import load_case_table
from tasks.core.safety.language import SUPPORTED_LANGUAGES, detect_language
from tasks.core.safety.screen import compute_screen_metrics, screen

from tests.test_safety_screen import (
    CRISIS_CASES,
    FORMER_HELDOUT_CRISIS,
    FORMER_HELDOUT_NON_CRISIS,
    NON_CRISIS_CASES,
)
from tests.test_safety_screen_heldout import HELDOUT_CRISIS, HELDOUT_NON_CRISIS

DATA = Path(__file__).parent / "data"
DEV_TABLES = (
    "safety_dev_extra.jsonl",
    "safety_dev_round2.jsonl",
    "safety_dev_round3.jsonl",
    "safety_dev_round4.jsonl",
    # Rounds 5-8 were held out (three blind rounds and the fresh table) until session 2 tuned on them.
    "safety_dev_round5.jsonl",
    "safety_dev_round6.jsonl",
    "safety_dev_round7.jsonl",
    "safety_dev_round8.jsonl",
    # Rounds 9-10 were blind rounds 4-5: measured once on commit 741a1d5, then tuned on.
    "safety_dev_round9.jsonl",
    "safety_dev_round10.jsonl",
    # Rounds 11-12 were blind rounds 6-7: measured once on commit b1f38f2, then tuned on.
    "safety_dev_round11.jsonl",
    "safety_dev_round12.jsonl",
)

# Accepted false alarms (they still count in each table's rate). A 9-year-old's "I want to die"
# during a tantrum, reported by a parent: the screen shows resources; we accept that.
ACCEPTED_FALSE_ALARMS = {
    "My daughter said 'I want to die' when we took her phone away, she's 9 and she was laughing five minutes later.",
}


def _table(name: str) -> list[tuple[str, bool]]:
    return load_case_table(DATA / name)


def all_development_cases() -> list[tuple[str, bool]]:
    """Every development case: the in-code tables and the JSON Lines tables."""
    cases = (
        [(text, True) for text, _, _ in CRISIS_CASES]
        + [(text, False) for text, _ in NON_CRISIS_CASES]
        + [(text, True) for text in FORMER_HELDOUT_CRISIS + HELDOUT_CRISIS]
        + [(text, False) for text in FORMER_HELDOUT_NON_CRISIS + HELDOUT_NON_CRISIS]
    )
    for name in DEV_TABLES:
        cases += _table(name)
    return cases


_JSONL_CASES = [(name, text, crisis) for name in DEV_TABLES for text, crisis in _table(name)]


@pytest.mark.parametrize("table,text", [(n, t) for n, t, c in _JSONL_CASES if c])
def test_development_crisis_case_is_caught(table, text):
    result = screen(text)
    assert result.risk == "crisis", f"{table}: missed {text!r} (score {result.score})"
    assert result.message and result.resources


def _unreadable(text: str) -> bool:
    return detect_language(text) not in SUPPORTED_LANGUAGES


@pytest.mark.parametrize(
    "table,text", [(n, t) for n, t, c in _JSONL_CASES if not c and t not in ACCEPTED_FALSE_ALARMS and not _unreadable(t)]
)
def test_development_non_crisis_case_is_not_flagged(table, text):
    result = screen(text)
    assert result.risk == "none", f"{table}: false alarm on {text!r}: {result.categories} via {result.rules}"


@pytest.mark.parametrize("table,text", [(n, t) for n, t, c in _JSONL_CASES if not c and _unreadable(t)])
def test_non_crisis_case_in_an_unreadable_language_gets_resources_by_policy(table, text):
    # Policy (screen.py): the rules cannot read it, so "none" would be a claim we cannot back.
    # These count as false alarms in each table's rate.
    result = screen(text)
    assert result.risk == "crisis" and "unreadable_language" in result.categories, (table, text)


@pytest.mark.parametrize("text", sorted(ACCEPTED_FALSE_ALARMS))
def test_accepted_false_alarms_are_still_flagged(text):
    # If a change stops flagging one, move it to the normal table (drop it from the set).
    assert screen(text).risk == "crisis"


@pytest.mark.parametrize("name", DEV_TABLES)
def test_each_development_table_meets_the_issue_bar(name):
    cases = _table(name)
    assert len(cases) >= 40 and any(c for _, c in cases) and not all(c for _, c in cases)
    metrics = compute_screen_metrics(cases)
    assert metrics["recall"] == 1.0, metrics["missed_texts"]
    assert metrics["false_alarm_rate"] <= 0.10, metrics["false_alarm_texts"]
