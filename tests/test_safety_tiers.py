"""The three tiers of the crisis screen (crisis / elevated / none) and the learned head behind them.

Tier logic is tested on `choose_tier` with made-up findings and learned scores (no encoder),
then end to end on `screen`; the head file is rebuilt by its command and compared byte for byte.
"""
from __future__ import annotations

import json

import numpy as np
import pytest

from tasks.core.safety import learned
from tasks.core.safety.screen import (
    CHECK_IN_LANGUAGES,
    CRISIS,
    ELEVATED,
    LEARNED_RISK,
    NONE,
    UNREADABLE_LANGUAGE,
    ScreenSettings,
    _Findings,
    available_locales,
    check_in_message,
    choose_tier,
    load_resources,
    screen,
    screen_many,
    shows_resources,
)

LOW, HIGH = 0.2, 0.8
SI, ME = "suicidal_ideation", "medical_emergency"


def findings(rule: str | None = None, cue: str | None = None) -> _Findings:
    return _Findings(rule_categories=frozenset([rule] if rule else []), rule_names=["a_rule"] if rule else [],
                     cue_categories=(cue,) if cue else (), cue_names=["cue:ending"] if cue else [], score=4 if cue else 0)


# (what fired, language, learned p, settings) -> (tier, categories)
TIER_TABLE = [
    # a precise rule: crisis when the learned score backs it (at least low) or the danger is immediate
    ("rule, learned low", findings(rule=SI), "en", LOW, ScreenSettings(), CRISIS, [SI]),
    ("rule, learned under low", findings(rule=SI), "en", 0.01, ScreenSettings(), ELEVATED, [SI]),
    ("rule, learned under low, not needed", findings(rule=SI), "en", 0.01,
     ScreenSettings(rule_needs_learned=False), CRISIS, [SI]),
    ("urgent rule, learned under low", findings(rule=ME), "es", 0.01, ScreenSettings(), CRISIS, [ME]),
    ("rule, learned off", findings(rule=SI), "fr", None, ScreenSettings(), CRISIS, [SI]),
    # the learned score at or above the high threshold: crisis
    ("learned high", findings(), "en", HIGH, ScreenSettings(), CRISIS, [LEARNED_RISK]),
    ("learned high with cue", findings(cue=SI), "es", 0.95, ScreenSettings(), CRISIS, [SI]),
    # the learned score at or above the low threshold, or the cue score alone: elevated
    ("learned low", findings(), "en", LOW, ScreenSettings(), ELEVATED, [LEARNED_RISK]),
    ("cue alone", findings(cue=SI), "en", 0.01, ScreenSettings(), ELEVATED, [SI]),
    ("cue alone, learned off", findings(cue=SI), "en", None, ScreenSettings(), ELEVATED, [SI]),
    ("cue alone, cue_tier crisis", findings(cue=SI), "en", 0.01, ScreenSettings(cue_tier=CRISIS), CRISIS, [SI]),
    # nothing fired: none
    ("nothing", findings(), "en", LOW - 1e-6, ScreenSettings(), NONE, []),
    ("nothing, learned off", findings(), "es", None, ScreenSettings(), NONE, []),
    # a language the screen cannot read: at least elevated
    ("unreadable, unknown", findings(), "unknown", 0.01, ScreenSettings(), ELEVATED, [UNREADABLE_LANGUAGE]),
    ("unreadable, Dutch", findings(), "nl", None, ScreenSettings(), ELEVATED, [UNREADABLE_LANGUAGE]),
    ("unreadable, learned low", findings(), "nl", 0.5, ScreenSettings(), ELEVATED, [LEARNED_RISK, UNREADABLE_LANGUAGE]),
    ("unreadable, learned high", findings(), "unknown", 0.9, ScreenSettings(), CRISIS,
     [LEARNED_RISK, UNREADABLE_LANGUAGE]),
    ("unreadable, English rule inside", findings(rule=SI), "nl", 0.5, ScreenSettings(), CRISIS, [SI]),
    # German, Italian, Portuguese: read by the learned layer alone; in the net when it is off
    ("German, learned none", findings(), "de", 0.01, ScreenSettings(), NONE, []),
    ("Italian, learned low", findings(), "it", 0.5, ScreenSettings(), ELEVATED, [LEARNED_RISK]),
    ("Portuguese, learned high", findings(), "pt", 0.9, ScreenSettings(), CRISIS, [LEARNED_RISK]),
    ("German, learned off", findings(), "de", None, ScreenSettings(), ELEVATED, [UNREADABLE_LANGUAGE]),
]


@pytest.mark.parametrize(("name", "found", "language", "learned_p", "settings", "tier", "categories"), TIER_TABLE,
                         ids=[row[0] for row in TIER_TABLE])
def test_tier_logic(name, found, language, learned_p, settings, tier, categories):
    got_tier, got_categories, names = choose_tier(found, language, learned_p, HIGH, LOW, settings)
    assert (got_tier, got_categories) == (tier, categories)
    if learned_p is not None and learned_p >= HIGH:
        assert "learned:high" in names
    elif learned_p is not None and learned_p >= LOW:
        assert "learned:low" in names


@pytest.mark.parametrize(("support", "tier"), [(None, ELEVATED), (LOW / 2, ELEVATED), (LOW, CRISIS), (0.9, CRISIS)])
def test_the_sentence_where_a_rule_fired_can_back_it(support, tier):
    # The whole text scores under low (diluted by everyday sentences); the rule's own sentence may not.
    got, _, names = choose_tier(findings(rule=SI), "en", 0.01, HIGH, LOW, ScreenSettings(), support)
    assert got == tier and ("learned:rule_sentence" in names) == (tier == CRISIS)


def test_an_explicit_sentence_in_a_long_everyday_case_stays_a_crisis():
    # A synthetic case of `bench screen`: the whole text scores far under the low threshold.
    case = ("This commute is killing me and I have no energy left for my family. My mother died last year "
            "and I still cry when I hear her favourite song. Everyone would be better off without me. "
            "I'm anxious about my kids and whether I'm a good parent. Me muero de hambre pero no tengo ganas "
            "de cocinar.")
    result = screen(case)
    assert result.risk == CRISIS and "suicidal_ideation" in result.categories
    assert result.learned_score < learned.load_head().low and "learned:rule_sentence" in result.rules


@pytest.mark.parametrize(("text", "tier"), [
    ("I want to kill myself.", CRISIS),  # a precise rule
    ("I started a new job and I'm nervous about fitting in.", NONE),
    ("Ik ben vandaag erg moe.", ELEVATED),  # Dutch: the screen cannot read it
])
def test_screen_end_to_end(text, tier):
    result = screen(text)
    assert result.risk == tier and shows_resources(result.risk) == (tier != NONE)
    if tier == ELEVATED:
        assert result.message == check_in_message(result.language) and result.resources
    if tier == NONE:
        assert result.message is None and result.resources == [] and result.categories == []


def test_every_tier_from_the_head_thresholds(tmp_path):
    head = json.loads(learned.HEAD_PATH.read_text(encoding="utf-8"))
    text = "I started a new job and I'm nervous about fitting in."
    p = screen(text).learned_score
    for low, high, tier in ((p / 2, 1 - 1e-6, ELEVATED), (p / 4, p / 2, CRISIS), (min(1 - 1e-6, p * 2 + 1e-3), 1 - 1e-6, NONE)):
        head["thresholds"] = {"low": round(low, 6), "high": round(high, 6)}
        path = tmp_path / f"head_{tier}.json"
        path.write_text(learned.head_json(head), encoding="utf-8")
        assert screen(text, settings=ScreenSettings(head_path=str(path))).risk == tier


def test_screen_many_gives_what_screen_gives():
    texts = ["I want to kill myself.", "My phone died.", "Ich bin heute sehr müde.", "Ik ben vandaag erg moe.",
             "I have the pills counted out and I am going to take them tonight.", "Je suis fatiguée."]
    many = screen_many(texts)
    for text, result in zip(texts, many):
        single = screen(text)
        assert (single.risk, single.categories, single.rules) == (result.risk, result.categories, result.rules)
        assert single.learned_score == pytest.approx(result.learned_score, abs=1e-3)
    assert screen_many([]) == []
    with pytest.raises(TypeError, match="not one string"):
        screen_many("one text")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="case 1"):
        screen_many(["fine", "  "])


@pytest.mark.parametrize("locale", ["CA", "US"])
@pytest.mark.parametrize("language", [*CHECK_IN_LANGUAGES, "nl", "unknown"])
def test_check_in_asks_directly_and_names_the_lines(locale, language):
    message = check_in_message(language, locale)
    number = "9-8-8" if locale == "CA" else "988"
    assert number in message and "911" in message and len(message) < 520
    assert message.count("?") >= 1  # it asks


def test_every_locale_has_every_check_in():
    for locale in available_locales():
        messages = load_resources(locale)["messages"]
        assert all("check_in" in messages[language] for language in (*CHECK_IN_LANGUAGES, "multi"))


@pytest.mark.parametrize("bad", [{"cue_tier": "none"}, {"cue_tier": "high"}, {"use_learned": "yes"},
                                 {"rule_needs_learned": 1}])
def test_screen_settings_validate_the_tier_options(bad):
    with pytest.raises(ValueError):
        ScreenSettings(**bad)


# ------------------------------------------------------------------ the learned head
def test_head_file_is_reproduced_byte_for_byte_by_its_command(tmp_path):
    assert learned.main(["build", "--out", str(tmp_path)]) == 0
    rebuilt = (tmp_path / learned.HEAD_PATH.name).read_bytes()
    assert rebuilt == learned.HEAD_PATH.read_bytes(), (
        "crisis_head.json differs from what `python -m tasks.core.safety.learned build` makes from the "
        "development tables: rebuild it after changing a table")


def test_head_file_describes_itself():
    head = json.loads(learned.HEAD_PATH.read_text(encoding="utf-8"))
    loaded = learned.load_head()
    assert loaded.weights.shape == (512,) and 0 < loaded.low <= loaded.high < 1
    assert head["fingerprint"] == learned.cases_fingerprint(learned.dedupe_cases(learned.development_cases()))
    assert set(head["cases"]["by_source"]).isdisjoint({"safety_blind_round8.jsonl", "safety_blind_round9.jsonl"})
    figures = head["out_of_fold"]["labelled"]
    assert figures["at_low"]["recall"] >= head["settings"]["low_recall_target"]
    assert figures["at_high"]["false_alarm_rate"] <= head["settings"]["high_false_alarm_target"]


def test_thresholds_follow_the_targets():
    rng = np.random.default_rng(0)
    labels = np.array([True] * 100 + [False] * 100)
    scores = np.concatenate([rng.uniform(0.3, 1.0, 100), rng.uniform(0.0, 0.7, 100)])
    settings = learned.BuildSettings(low_recall_target=0.98, high_false_alarm_target=0.05)
    low, high = learned.choose_thresholds(scores, labels, settings)
    assert (scores[labels] >= low).mean() >= 0.98 and (scores[labels] >= low + 1e-3).mean() < 0.99
    assert (scores[~labels] >= high).mean() <= 0.05 < (scores[~labels] >= high - 2e-3).mean() + 0.01


def test_dedupe_keeps_the_first_and_refuses_conflicting_labels():
    cases = [("a text ", True, "t1"), ("a text", True, "t2"), ("other", False, "t2")]
    assert learned.dedupe_cases(cases) == [("a text", True, "t1"), ("other", False, "t2")]
    with pytest.raises(ValueError, match="labelled"):
        learned.dedupe_cases([("x", True, "t1"), ("x", False, "t2")])


def test_fingerprint_ignores_order_and_sources():
    one = [("a", True, "t1"), ("b", False, "t2")]
    assert learned.cases_fingerprint(one) == learned.cases_fingerprint([("b", False, "x"), ("a", True, "y")])
    assert learned.cases_fingerprint(one) != learned.cases_fingerprint([("a", False, "t1"), ("b", False, "t2")])


def test_a_missing_head_says_how_to_rebuild_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="learned build"):
        learned.load_head(tmp_path / "absent.json")


@pytest.mark.parametrize("bad", [{"c": 0}, {"folds": 1}, {"low_recall_target": 1.0}, {"high_false_alarm_target": 0},
                                 {"decimals": 2}])
def test_build_settings_validate(bad):
    with pytest.raises(ValueError):
        learned.BuildSettings(**bad)
