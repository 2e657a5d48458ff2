"""Candidate filters, sentence trimming, reflective score, disclaimers."""

from __future__ import annotations

import pytest

from tasks.core.safety.filters import (
    DISCLAIMERS,
    FLAG_ORDER,
    FilterSettings,
    candidate_flags,
    reflective_score,
    trim_to_sentences,
)
from tasks.core.safety.screen import screen

# An original long multi-issue case (job loss, marriage strain, drinking more, no sleep, anxious about kids):
# the case where the original project produced one helpful reflection, "Hi there." and a dismissal.
MULTI_ISSUE_CASE = (
    "I was laid off from the plant in March after eleven years, and since then everything seems to be coming "
    "apart. My wife and I used to be close, but now we either argue about money or don't talk at all, and "
    "last week she said she doesn't recognize me anymore. I've started having a few beers every night, then "
    "a few more, because it's the only way I can stop my mind from racing. Even so I barely sleep; I'm up at "
    "3 a.m. going over bills. What scares me most is my two kids. My son has stopped bringing friends home "
    "and my daughter asked if we're going to lose the house. I feel like I'm failing all of them and I don't "
    "know where to even begin."
)
GOOD_REFLECTION = (
    "It sounds like losing your job has shaken everything at once, and you feel like you are failing the "
    "people you love most."
)
GREETING = "Hi there."
DISMISSAL = "Unfortunately, what you have is too many issues to address in counseling."


def test_the_multi_issue_case_is_not_a_crisis():
    # The generation path only runs when the screen says "none" or "elevated".
    assert screen(MULTI_ISSUE_CASE).risk != "crisis"


def test_original_bad_candidates_are_rejected_and_the_good_one_passes():
    accepted: list[str] = []
    verdicts = {}
    for candidate in (GOOD_REFLECTION, GREETING, DISMISSAL):
        flags = candidate_flags(candidate, MULTI_ISSUE_CASE, accepted)
        verdicts[candidate] = flags
        if not flags:
            accepted.append(candidate)
    assert verdicts[GOOD_REFLECTION] == []
    assert "greeting_only" in verdicts[GREETING]
    assert "dismissive" in verdicts[DISMISSAL]
    assert accepted == [GOOD_REFLECTION]


def test_the_good_reflection_ranks_above_the_bad_ones():
    assert reflective_score(GOOD_REFLECTION) > reflective_score(DISMISSAL) > 0
    assert reflective_score(GOOD_REFLECTION) > reflective_score(GREETING)


CASE = "My boyfriend left me last month and I can't stop crying. I feel like nobody will ever love me again."

# (candidate, flag that must be present)
REJECTED = [
    ("", "empty"),
    ("  ... !! ", "empty"),
    ("Hello!", "greeting_only"),
    ("Thank you for reaching out.", "greeting_only"),
    ("Bonjour, merci de votre message.", "greeting_only"),
    ("Hola, gracias por tu mensaje.", "greeting_only"),
    ("My boyfriend left me last month and I can't stop crying.", "echo"),
    ("Nothing will ever change for you, so there is no point.", "hopeless"),
    ("You will never get better.", "hopeless"),
    ("You might as well give up on love.", "hopeless"),
    ("Just get over it, others have it much worse.", "dismissive"),
    ("You are overreacting to a normal breakup.", "dismissive"),
    ("C'est votre problème, passez à autre chose.", "dismissive"),
    ("No es para tanto, deja de quejarte.", "dismissive"),
    ("You should stop taking your antidepressants, they numb you.", "harmful_advice"),
    ("Skip your meds for a while and see how you feel.", "harmful_advice"),
    ("Have a few drinks with friends to forget him, you deserve it.", "harmful_advice"),
    ("You could get back at him by posting his secrets.", "harmful_advice"),
    ("Maybe you should hurt yourself less visibly.", "harmful_advice"),
    ("Try skipping meals until you feel in control again.", "harmful_advice"),
    ("Arrêtez vos médicaments, vous n'en avez pas besoin.", "harmful_advice"),
    ("Tómate unas copas y olvídalo.", "harmful_advice"),
    ("You can call me at 514-555-0199 any time.", "contact_info"),
    ("Read more at www.example-healing.com about your grief.", "contact_info"),
    ("Write to you.helper@example.org for a free session.", "contact_info"),
    ("Breakups release cortisol, which disrupts sleep.", "not_a_reflection"),
    ("I also cried for months when my girlfriend left.", "not_a_reflection"),
    (" ".join(["It sounds like you feel very alone."] * 10), "too_long"),
]

ACCEPTED = [
    "It sounds like the breakup has left you feeling unlovable, and that fear hurts as much as the loss.",
    "You are grieving someone who mattered to you, and the tears make sense.",
    "It sounds like you feel nothing will ever change, and that belief is exhausting to carry.",  # reflected, not asserted
    "Please don't stop taking your medication without talking to your doctor; you deserve steady support.",
    "Talk to your doctor before you stop your medication, since you are already feeling so low.",
    "Don't give up on yourself; what you feel right now is real and it can ease.",
    "If the nights get unbearable, you can call or text 9-8-8 or the Québec line 1-866-277-3553.",
    "On dirait que cette rupture vous laisse très seule, et que vous avez peur de ne plus être aimée.",
    "Parece que te sientes muy sola y que tienes miedo de no volver a ser amada.",
]


@pytest.mark.parametrize("candidate,flag", REJECTED)
def test_rejected_candidates(candidate, flag):
    flags = candidate_flags(candidate, CASE)
    assert flag in flags, f"{candidate!r}: expected {flag}, got {flags}"


@pytest.mark.parametrize("candidate", ACCEPTED)
def test_acceptable_candidates_have_no_flag(candidate):
    assert candidate_flags(candidate, CASE) == []


def test_empty_is_reported_alone():
    assert candidate_flags("", CASE) == ["empty"]


def test_flags_follow_the_documented_order():
    flags = candidate_flags("Nothing will ever change. Call 514-555-0199.", CASE)
    assert flags == sorted(flags, key=FLAG_ORDER.index)
    assert {"hopeless", "contact_info", "not_a_reflection"} <= set(flags)


def test_duplicate_and_near_duplicate_of_accepted():
    first = "It sounds like the breakup has left you feeling unlovable."
    assert candidate_flags(first, CASE, [first]) == ["duplicate"]
    near = "It sounds like this breakup has left you feeling unlovable."
    assert "duplicate" in candidate_flags(near, CASE, [first])
    different = "You are grieving someone who mattered to you, and the tears make sense."
    assert "duplicate" not in candidate_flags(different, CASE, [first])


def test_settings_change_the_outcome():
    text = "It sounds like you feel alone and afraid that nobody will ever love you again."
    assert "too_long" not in candidate_flags(text, CASE)
    assert "too_long" in candidate_flags(text, CASE, settings=FilterSettings(max_words=10))


@pytest.mark.parametrize(
    "kwargs", [{"max_words": 2}, {"echo_threshold": 0}, {"duplicate_threshold": 1.5}, {"echo_threshold": "x"}]
)
def test_filter_settings_validate(kwargs):
    with pytest.raises(ValueError):
        FilterSettings(**kwargs)


def test_bad_inputs():
    with pytest.raises(TypeError):
        candidate_flags(None, CASE)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        candidate_flags("text", CASE, "one accepted string")  # type: ignore[arg-type]


# --- trimming -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,max_sentences,expected",
    [
        ("It sounds hard. You feel alone. And then the model kept going", 2, "It sounds hard. You feel alone."),
        ("It sounds hard. You feel alone. And then", 1, "It sounds hard."),
        ("It sounds like you feel", 2, ""),
        ("Dr. Smith said so. It is 3.5 times harder. Then", 2, "Dr. Smith said so. It is 3.5 times harder."),
        ("You feel... lost. That makes sense. More", 2, "You feel... lost. That makes sense."),
        ("Is it fear? Or grief! Or", 2, "Is it fear? Or grief!"),
        ("  Ça semble lourd. Vous êtes épuisée. Et ", 2, "Ça semble lourd. Vous êtes épuisée."),
        ("¿Te sientes sola? Parece que sí. Y", 2, "¿Te sientes sola? Parece que sí."),
        ("You said \u201cenough.\u201d That took courage. And", 2, "You said \u201cenough.\u201d That took courage."),
        ("One sentence only.", 3, "One sentence only."),
        ("", 2, ""),
    ],
)
def test_trim_to_sentences(text, max_sentences, expected):
    assert trim_to_sentences(text, max_sentences) == expected


@pytest.mark.parametrize("bad", [0, -1, 1.5])
def test_trim_rejects_bad_max(bad):
    with pytest.raises(ValueError):
        trim_to_sentences("A. B.", bad)


# --- reflective score ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "better,worse",
    [
        ("It sounds like you feel overwhelmed and alone.", "You should go to the gym more."),
        ("You seem exhausted by all of this.", "Exercise helps."),
        ("Il semble que vous vous sentez seule et épuisée.", "Bonjour."),
        ("Parece que te sientes atrapada y triste.", "¿Has probado meditar?"),
        ("I hear that you are frustrated and hurt.", "Why don't you just talk to him?"),
    ],
)
def test_reflective_score_orders_reflections_first(better, worse):
    assert reflective_score(better) > reflective_score(worse)


def test_reflective_score_range():
    assert reflective_score("") == 0.0
    assert reflective_score("It sounds like you feel overwhelmed and alone right now.") >= 0.9
    for text in ("Hi there.", "You should stop.", "It sounds like you feel sad.", "x" * 500):
        assert 0.0 <= reflective_score(text) <= 1.0


# --- disclaimers --------------------------------------------------------------------------------
@pytest.mark.parametrize("language,marker", [("en", "not a substitute"), ("fr", "ne remplace pas"),
                                             ("es", "no sustituye")])
def test_disclaimers(language, marker):
    assert marker in DISCLAIMERS[language] and "9-8-8" in DISCLAIMERS[language]
    # The disclaimer itself must pass the contact filter (only vetted numbers in it).
    assert "contact_info" not in candidate_flags(DISCLAIMERS[language], CASE)


def test_disclaimers_and_vetted_numbers_come_from_resources_json():
    import json

    from tasks.core.safety.screen import RESOURCES_PATH

    resources = json.loads(RESOURCES_PATH.read_text(encoding="utf-8"))
    assert DISCLAIMERS == resources["disclaimers"]
    # The Québec line's vanity number (an alias in resources.json) is a vetted contact, written either way.
    for written in ("1-866-APPELLE", "1 866 APPELLE", "1-866-277-3553"):
        text = f"It sounds like you feel alone; you can call {written} any time."
        assert "contact_info" not in candidate_flags(text, CASE), written
    assert "contact_info" in candidate_flags("It sounds like you feel alone; you can call 1-866-SOMEONE.", CASE)
