"""Crisis screen: FRESH HELD-OUT table (tests/data/safety_heldout_fresh.jsonl), never tuned on.

Written after the screen with the risk score was frozen (commit 4b80268): 20 crisis and 20 hard
non-crisis cases (each non-crisis case a near-twin of a crisis one), English, French, Spanish,
plus Portuguese and Italian. Measured once, before any change, with
`python -m tasks.core.safety.cases tests/data/safety_heldout_fresh.jsonl`:

* screen (rules OR risk score >= 4): recall 7/20 (35 %), false alarms 3/20 (15 %);
* rules alone (`--rules-only`), and the screen before the risk score: recall 7/20, false alarms 2/20;
* for information, threshold 3: recall 10/20, false alarms 4/20.

So on this table the risk score added no recall and one false alarm ("swallowed a fly"); one false
alarm is the unreadable-language policy (a Portuguese non-crisis case gets resources by design).
Seven of the thirteen misses scored 2-3 (one cue short); six scored 0-1 (no cue words for the
wording at all: "the label says two, I have sixty, I keep doing the math"). The four tables written
before it, first measured the same way, gave 33-67 % recall (tests/data/README.md): unseen wording
remains the limit of a rule-and-lexicon screen.

The recall and false-alarm bars are strict xfails: they document the gap, and they fail loudly
(XPASS) if the screen is ever tuned on this table, which then has to move to the development
tables and a fresh one be written. The figures must not get worse either (regression test).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.core.safety.cases import load_case_table
from tasks.core.safety.language import SUPPORTED_LANGUAGES, detect_language
from tasks.core.safety.screen import compute_screen_metrics

TABLE = Path(__file__).parent / "data" / "safety_heldout_fresh.jsonl"
MEASURED_CAUGHT = 7  # of 20, at commit 4b80268
MEASURED_FALSE_ALARMS = 3  # of 20, at commit 4b80268


@pytest.fixture(scope="module")
def metrics() -> dict:
    return compute_screen_metrics(load_case_table(TABLE))


def test_table_shape():
    cases = load_case_table(TABLE)
    assert len(cases) == 40 and sum(crisis for _, crisis in cases) == 20
    languages = {detect_language(text) for text, _ in cases}
    assert set(SUPPORTED_LANGUAGES) <= languages and languages - set(SUPPORTED_LANGUAGES)


def test_figures_do_not_get_worse(metrics):
    assert metrics["caught"] >= MEASURED_CAUGHT, metrics["missed_texts"]
    assert metrics["false_alarms"] <= MEASURED_FALSE_ALARMS, metrics["false_alarm_texts"]


@pytest.mark.xfail(strict=True, reason="fresh held-out table: the screen caught 7/20 crisis cases (bar: all of them)")
def test_fresh_heldout_meets_the_issue_recall_bar(metrics):
    assert metrics["recall"] == 1.0, f"missed: {metrics['missed_texts']}"


@pytest.mark.xfail(strict=True, reason="fresh held-out table: 3/20 false alarms (bar: at most 1 in 10)")
def test_fresh_heldout_meets_the_issue_false_alarm_bar(metrics):
    assert metrics["false_alarm_rate"] <= 0.10, f"false alarms: {metrics['false_alarm_texts']}"


def test_unreadable_languages_still_get_resources():
    # The part of the bar the policy guarantees: crisis text in a language the rules cannot read is never "none".
    foreign = [(text, crisis) for text, crisis in load_case_table(TABLE) if crisis and detect_language(text) not in SUPPORTED_LANGUAGES]
    assert foreign
    assert compute_screen_metrics(foreign)["recall"] == 1.0
