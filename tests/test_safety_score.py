"""Risk score of the crisis screen (score.py, cues.py) and the prefilters that make it fast (gate.py)."""

from __future__ import annotations

import random
import re

import pytest

from tasks.core.safety import score as score_module
from tasks.core.safety.cues import CUE_FAMILIES
from tasks.core.safety.gate import LiteralScanner, literal_prefixes, passes_requirements, requirement_branches
from tasks.core.safety.normalize import normalize_text
from tasks.core.safety.rules import IDIOM_SCRUBS, RULES
from tasks.core.safety.score import DEFAULT_SCORE_SETTINGS, ScoreSettings, risk_score
from tasks.core.safety.screen import ScreenSettings, _scrub, compute_screen_metrics, screen

from tests.test_safety_dev_tables import rule_development_cases

THRESHOLD = DEFAULT_SCORE_SETTINGS.threshold


def _score(text: str, settings: ScoreSettings = DEFAULT_SCORE_SETTINGS):
    return risk_score(_scrub(normalize_text(text)), settings)


# --- how evidence adds up ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "first,second",
    [
        ("I keep a rope in my closet.", "There is no way out for me."),  # means + hopeless
        ("I feel like such a burden.", "Nobody would even notice."),  # burden, two medium cues
        ("I gave my cat to my neighbour.", "I'm sorry for everything."),  # farewell, two medium cues
        ("Je me sens comme un fardeau.", "Je ne vois aucune issue."),  # French: burden + hopeless
    ],
)
def test_two_medium_cues_reach_the_threshold_but_neither_alone(first, second):
    assert _score(first).score < THRESHOLD
    assert _score(second).score < THRESHOLD
    assert _score(f"{first} {second}").score >= THRESHOLD


def test_weak_cues_of_one_family_stay_under_the_cap():
    assessment = _score("I feel hopeless, empty and numb.")
    assert assessment.score == DEFAULT_SCORE_SETTINGS.family_cap < THRESHOLD


@pytest.mark.parametrize(
    "with_intent,without_intent",
    [
        ("Sometimes I wish I could just disappear.", "My headaches disappear when I sleep well."),
        ("Quiero desaparecer.", "Mis dolores de cabeza van a desaparecer."),
    ],
)
def test_an_intent_frame_turns_an_ending_cue_into_a_crisis(with_intent, without_intent):
    assert _score(with_intent).score >= THRESHOLD
    assert _score(without_intent).score < THRESHOLD


@pytest.mark.parametrize(
    "text",
    [
        "I would never hurt myself, I just need to vent.",  # negated
        "I attempted suicide when I was 19.",  # history
        "In the movie the hero jumps in front of a train.",  # fiction
        "I used to cut, but I've been two years clean and I'm doing well now.",  # resolved
        "We drove to the bridge at sunset to take photos.",  # leisure
        "Mi abuela murió y le escribí una carta de despedida.",  # grief
        "This commute is killing me.",  # idiom
    ],
)
def test_context_drops_the_cue(text):
    assert _score(text).score < THRESHOLD


def test_someone_else_at_risk_is_concern_for_other():
    assessment = _score("My sister said goodbye to everyone and gave away her cat, now her phone is off.")
    assert assessment.score >= THRESHOLD
    assert "concern_for_other" in assessment.categories


def test_danger_now_counts_only_next_to_abuse():
    assert _score("He is drunk and outside my house.").score < THRESHOLD
    assert _score("He hits me. He is drunk and outside my house.").score > _score("He hits me.").score


def test_taking_ordinary_medication_is_not_an_overdose():
    assert _score("I take my pills every morning with breakfast.").score < THRESHOLD
    assert _score("I took the whole bottle of my pills and I can't breathe.").score >= THRESHOLD


def test_cues_far_apart_in_a_long_case_do_not_add_up():
    filler = " ".join(["We talked about school and dinner plans."] * 4)
    far = f"I feel like a burden. {filler} There is no way out of this debt."
    near = "I feel like a burden. There is no way out."
    settings = ScoreSettings(window_sentences=2)
    assert _score(near, settings).score >= THRESHOLD
    assert _score(far, settings).score < THRESHOLD


def test_the_threshold_decides_and_the_screen_uses_it():
    text = "I have a lot of pills saved up."  # one strong means cue
    assessment = _score(text)
    strict = ScreenSettings(score=ScoreSettings(threshold=assessment.score + 1), use_score=True, use_learned=False)
    lenient = ScreenSettings(score=ScoreSettings(threshold=assessment.score), use_learned=False)
    assert screen("I feel a bit hopeless.", settings=lenient).risk == "none"
    assert screen(text, settings=lenient).score == assessment.score
    assert screen(text, settings=lenient).risk == "crisis"
    # with the score off only the precise rules decide
    assert screen("I gave my cat to my neighbour. I'm sorry for everything.",
                  settings=ScreenSettings(use_score=False, use_learned=False)).risk == "none"
    assert strict.score.threshold == assessment.score + 1


def test_screen_reports_the_cue_families_that_decided():
    result = screen("Tell my kids I'm sorry. I can't keep fighting this.")
    assert result.risk in ("crisis", "elevated") and result.score >= THRESHOLD
    assert {"cue:farewell", "cue:hopeless"} <= set(result.rules)
    assert result.to_dict()["score"] == result.score


@pytest.mark.parametrize(
    "kwargs,field",
    [
        ({"threshold": 0}, "threshold"),
        ({"threshold": 2.5}, "threshold"),
        ({"window_sentences": 0}, "window_sentences"),
        ({"family_cap": 5}, "family_cap"),
        ({"negation_window_tokens": 13}, "negation_window_tokens"),
    ],
)
def test_score_settings_validate(kwargs, field):
    with pytest.raises(ValueError, match=field):
        ScoreSettings(**kwargs)


def test_screen_settings_validate_the_score_settings():
    with pytest.raises(ValueError, match="ScoreSettings"):
        ScreenSettings(score={"threshold": 4})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="use_score"):
        ScreenSettings(use_score="yes")  # type: ignore[arg-type]


# --- the threshold, chosen on the development tables ---------------------------------------------
def test_threshold_sweep_on_the_development_tables():
    """Why 4: it is the lowest threshold that keeps false alarms low on every table.

    Measured when it was chosen (all development tables, 590 cases): threshold 3 caught every
    crisis with 10/282 false alarms but 5/40 (12.5 %) on one table; 4 caught every crisis with
    2/282 (both documented in test_safety_dev_tables.py); 5 starts missing crises.
    """
    cases = rule_development_cases()
    rates = {}
    for threshold in (3, 4, 5):
        settings = ScreenSettings(score=ScoreSettings(threshold=threshold), use_learned=False)
        metrics = compute_screen_metrics(cases, settings=settings)
        rates[threshold] = (metrics["recall"], metrics["false_alarm_rate"])
    assert rates[THRESHOLD][0] == 1.0
    assert rates[THRESHOLD][1] <= 0.10
    assert rates[3][1] > rates[4][1]  # a lower threshold costs false alarms ...
    assert rates[5][0] < rates[4][0]  # ... and a higher one misses crises


# --- the fast paths must never change a decision -------------------------------------------------
@pytest.fixture(scope="module")
def scrubbed_texts() -> list[str]:
    from tasks.core.safety.bench import make_benchmark_inputs

    texts = [text for text, _ in rule_development_cases()] + make_benchmark_inputs(150, seed=11)
    return [_scrub(normalize_text(text)) for text in texts]


def test_prefiltered_family_matches_equal_plain_finditer(scrubbed_texts):
    for text in scrubbed_texts:
        fast = sorted((family.name, weight, match.span()) for family, weight, match in score_module._family_matches(text))
        plain = sorted(
            (family.name, int(match.lastgroup[1:]), match.span())
            for family in CUE_FAMILIES
            for match in family.pattern.finditer(text)
        )
        assert fast == plain, text


def test_every_phrasing_match_starts_with_one_of_its_prefixes(scrubbed_texts):
    for family in CUE_FAMILIES:
        for _, phrasing in family.phrasings:
            prefixes = literal_prefixes(phrasing)
            assert prefixes, f"{family.name}: {phrasing.pattern[:60]} has no literal prefix (slow path)"
            for text in scrubbed_texts:
                for match in phrasing.finditer(text):
                    assert text.startswith(prefixes, match.start()), (phrasing.pattern[:60], text)


def test_rule_and_scrub_requirements_admit_every_text_their_pattern_matches(scrubbed_texts):
    literals = {lit for rule in RULES for branch in rule.requirements or () for options in branch for lit in options}
    scanner = LiteralScanner(literals)
    for text in scrubbed_texts:
        present = scanner.present(text)
        for rule in RULES:
            if rule.pattern.search(text):
                assert passes_requirements(rule.requirements, present), (rule.name, text)
    for pattern, _ in IDIOM_SCRUBS:
        branches = requirement_branches(pattern)
        own = LiteralScanner({lit for branch in branches or () for options in branch for lit in options} or {"_"})
        for text in scrubbed_texts:
            if pattern.search(text):
                assert passes_requirements(branches, own.present(text)), (pattern.pattern[:60], text)


def test_literal_scanner_finds_exactly_the_literals_present():
    rng = random.Random(3)
    literals = ["kill", "kill myself", "myself", "i", "i have", "ave", "end it", "nd"]
    scanner = LiteralScanner(literals)
    for _ in range(300):
        text = " ".join(rng.choice(["i", "have", "kill", "myself", "end", "it", "to", "and", "x"]) for _ in range(8))
        assert scanner.present(text) == {literal for literal in literals if literal in text}, text


@pytest.mark.parametrize(
    "pattern,expected",
    [
        (r"\b(?:dire|dit|dis) adieu", ("dire adieu", "dis adieu", "dit adieu")),
        (r"(?:ne )?plus etre", ("ne plus etre", "plus etre")),
        (r"[0-9]+th floor", tuple(str(digit) for digit in range(10))),
        (r"(?:\w+ )?foo", None),  # cannot be shown: the slow path
    ],
)
def test_literal_prefixes(pattern, expected):
    assert literal_prefixes(re.compile(pattern)) == expected
