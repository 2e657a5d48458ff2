"""Crisis screen: the JSON Lines development tables (tests/data/safety_dev_*.jsonl), case by case.

Each table was first measured as written (figures in tests/data/README.md), then became
development data: the risk score's cue lists were widened generally (rounds up to 12), and the
learned head (tasks/core/safety/learned.py) is trained on all of them. Every development crisis
case gets resources ("crisis" or "elevated"). Non-crisis cases must not fire the rules and cue
score of the rounds they were tuned on (up to round 12) and must not reach the "crisis" tier;
the learned layer may raise them to "elevated", whose rate is bounded per table and overall.
The held-out tables the screen was NOT tuned on are in tests/test_safety_screen_blind.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.core.safety.cases import load_case_table
from tasks.core.safety.language import SUPPORTED_LANGUAGES, detect_language
from tasks.core.safety.screen import (
    LEARNED_LANGUAGES,
    ScreenSettings,
    compute_screen_metrics,
    screen,
    screen_many,
    shows_resources,
)

from tests.test_safety_screen import (
    CRISIS_CASES,
    FORMER_HELDOUT_CRISIS,
    FORMER_HELDOUT_NON_CRISIS,
    NON_CRISIS_CASES,
)
from tests.test_safety_screen_heldout import HELDOUT_CRISIS, HELDOUT_NON_CRISIS

DATA = Path(__file__).parent / "data"
WITHOUT_LEARNED = ScreenSettings(use_learned=False)
# Tables the rules and cue lists were tuned on: their non-crisis cases must not fire them.
RULE_TUNED_TABLES = (
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
# Rounds 13-15 (crisis_X, crisis_Y, crisis_Z: three separate authors, 1,500 cases in en/fr/es/de/it/pt)
# were measured once (commits 98ee0a9 and a7af1ac: the rules, the cue score and the first learned head), then
# became development data for the learned head only: the rules were not tuned on them, so their
# non-crisis cases are bounded per table (LEARNED_TABLE_BOUNDS), not case by case.
LEARNED_TABLES = (
    "safety_dev_round13.jsonl",
    "safety_dev_round14.jsonl",
    "safety_dev_round15.jsonl",
)
DEV_TABLES = RULE_TUNED_TABLES + LEARNED_TABLES

# Background negatives: ordinary counselling questions, used only to train the learned head (its
# thresholds are chosen on the labelled development cases). See tests/data/README.md.
BACKGROUND_TABLES = ("safety_background_counselchat.jsonl",)

# Accepted false alarms (they still count in each table's rate). A 9-year-old's "I want to die"
# during a tantrum, reported by a parent: the screen shows resources; we accept that.
ACCEPTED_FALSE_ALARMS = {
    "My daughter said 'I want to die' when we took her phone away, she's 9 and she was laughing five minutes later.",
}


def _table(name: str) -> list[tuple[str, bool]]:
    return load_case_table(DATA / name)


def all_development_cases_with_sources() -> list[tuple[str, bool, str]]:
    """Every development case as (text, is_crisis, source): the in-code tables, then the JSON Lines
    tables in DEV_TABLES order. The learned head (tasks/core/safety/learned.py) is built from these."""
    cases = (
        [(text, True, "test_safety_screen.py") for text, _, _ in CRISIS_CASES]
        + [(text, False, "test_safety_screen.py") for text, _ in NON_CRISIS_CASES]
        + [(text, True, "test_safety_screen.py") for text in FORMER_HELDOUT_CRISIS]
        + [(text, True, "test_safety_screen_heldout.py") for text in HELDOUT_CRISIS]
        + [(text, False, "test_safety_screen.py") for text in FORMER_HELDOUT_NON_CRISIS]
        + [(text, False, "test_safety_screen_heldout.py") for text in HELDOUT_NON_CRISIS]
    )
    for name in DEV_TABLES:
        cases += [(text, crisis, name) for text, crisis in _table(name)]
    return cases


def background_cases_with_sources() -> list[tuple[str, bool, str]]:
    """The background negatives as (text, False, table name)."""
    return [(text, crisis, name) for name in BACKGROUND_TABLES for text, crisis in _table(name)]


def all_development_cases() -> list[tuple[str, bool]]:
    """Every development case: the in-code tables and the JSON Lines tables."""
    return [(text, crisis) for text, crisis, _ in all_development_cases_with_sources()]


def rule_development_cases() -> list[tuple[str, bool]]:
    """The development cases the rules and cue lists were tuned on (all but LEARNED_TABLES)."""
    return [(text, crisis) for text, crisis, source in all_development_cases_with_sources()
            if source not in LEARNED_TABLES]


_JSONL_CASES = [(name, text, crisis) for name in DEV_TABLES for text, crisis in _table(name)]
_RULE_TUNED_CASES = [case for case in _JSONL_CASES if case[0] in RULE_TUNED_TABLES]


@pytest.mark.parametrize("table,text", [(n, t) for n, t, c in _JSONL_CASES if c])
def test_development_crisis_case_is_caught(table, text):
    result = screen(text)
    assert shows_resources(result.risk), f"{table}: missed {text!r} (score {result.score}, learned {result.learned_score})"
    assert result.message and result.resources


def _unreadable(text: str) -> bool:
    return detect_language(text) not in SUPPORTED_LANGUAGES


@pytest.mark.parametrize(
    "table,text",
    [(n, t) for n, t, c in _RULE_TUNED_CASES if not c and t not in ACCEPTED_FALSE_ALARMS and not _unreadable(t)]
)
def test_development_non_crisis_case_is_not_flagged(table, text):
    result = screen(text, settings=WITHOUT_LEARNED)
    assert result.risk == "none", f"{table}: false alarm on {text!r}: {result.categories} via {result.rules}"
    full = screen(text)
    # Only the learned layer may still put it in the crisis tier (counted in the test below).
    assert full.risk != "crisis" or full.rules == ["learned:high"], (table, text, full.rules)


@pytest.mark.parametrize("table,text", [(n, t) for n, t, c in _RULE_TUNED_CASES if not c and _unreadable(t)])
def test_non_crisis_case_in_an_unreadable_language_gets_resources_by_policy(table, text):
    # Policy (screen.py): the rules cannot read it, so "none" would be a claim we cannot back.
    # These count as false alarms in each table's rate. German, Italian and Portuguese leave the net
    # when the learned layer is on (it reads them); other languages stay in it.
    without = screen(text, settings=WITHOUT_LEARNED)
    assert without.risk == "elevated" and "unreadable_language" in without.categories, (table, text)
    result = screen(text)
    if detect_language(text) in LEARNED_LANGUAGES:
        assert result.risk != "crisis" or result.rules == ["learned:high"], (table, text, result.rules)
    else:
        assert shows_resources(result.risk) and "unreadable_language" in result.categories, (table, text)


# In-sample, the learned head puts a few development non-crisis cases in the crisis tier (11 of the
# 360 of rounds up to 12 on the commit that froze the head; out of fold it is about 5 %: the head's
# high threshold, tasks/core/safety/crisis_head.json).
LEARNED_CRISIS_TIER_FALSE_ALARMS_AT_MOST = 0.035


def test_learned_crisis_tier_false_alarms_stay_rare():
    texts = [text for _, text, crisis in _RULE_TUNED_CASES if not crisis and text not in ACCEPTED_FALSE_ALARMS]
    results = screen_many(texts)
    crisis = [text for text, result in zip(texts, results) if result.risk == "crisis"]
    assert len(crisis) <= LEARNED_CRISIS_TIER_FALSE_ALARMS_AT_MOST * len(texts), crisis


@pytest.mark.parametrize("text", sorted(ACCEPTED_FALSE_ALARMS))
def test_accepted_false_alarms_are_still_flagged(text):
    # If a change stops flagging one, move it to the normal table (drop it from the set).
    assert screen(text, settings=WITHOUT_LEARNED).risk == "crisis"


@pytest.mark.parametrize("name", RULE_TUNED_TABLES)
def test_each_development_table_meets_the_issue_bar(name):
    cases = _table(name)
    assert len(cases) >= 40 and any(c for _, c in cases) and not all(c for _, c in cases)
    metrics = compute_screen_metrics(cases)
    assert metrics["recall"] == 1.0, metrics["missed_texts"]
    assert metrics["crisis_tier_false_alarm_rate"] <= 0.10, metrics["crisis_tier_false_alarm_texts"]
    without_learned = compute_screen_metrics(cases, settings=WITHOUT_LEARNED)
    assert without_learned["false_alarm_rate"] <= 0.10, without_learned["false_alarm_texts"]


# Rounds 13-15 with the final head (trained on them, so in sample): the share of non-crisis cases
# shown resources, and in the crisis tier, at most (their first, out-of-sample measurement is in
# tests/data/README.md).
# Measured with the frozen head (fingerprint a7301143...): resources 118/250, 95/250, 123/250;
# crisis tier 13/250, 14/250, 11/250 (rounds 13, 14, 15).
LEARNED_TABLE_BOUNDS = {"resources": 0.50, "crisis_tier": 0.06}


@pytest.mark.parametrize("name", LEARNED_TABLES)
def test_each_learned_table_stays_within_its_bounds(name):
    cases = _table(name)
    metrics = compute_screen_metrics(cases)
    assert metrics["recall"] == 1.0, metrics["missed_texts"]
    assert metrics["false_alarm_rate"] <= LEARNED_TABLE_BOUNDS["resources"], metrics["false_alarms"]
    assert metrics["crisis_tier_false_alarm_rate"] <= LEARNED_TABLE_BOUNDS["crisis_tier"], \
        metrics["crisis_tier_false_alarm_texts"]
