"""Reflect path: crisis first (no model), then sampled, cut, filtered, ranked candidates.

Fast: a tiny random Llama with the real SmolLM2 tokenizer (conftest `tiny_model_dir`), and a
scripted sampler where the test needs chosen texts.
"""
from __future__ import annotations

import math
from pathlib import Path

import pytest
import torch

import tasks.core.reflect as reflect
from tasks.core.modeling.generate import (
    GenerationSettings,
    load_checkpoint,
    optimize_for_cpu,
    prefill_prompt,
    sample_from_prefill,
    sample_reflections,
    sample_top_p,
)
from tasks.core.modeling.prompt import end_token_id
from tasks.core.reflect import (
    ReflectSettings,
    candidate_text,
    has_enough_sentences,
    kept_mean_logprob,
    rank_score,
    reflect_case,
)
from tasks.core.quality.scorer import default_scorer
from tasks.core.safety.filters import candidate_flags
from tasks.core.settings_io import SettingsError

RESULT_KEYS = {"risk", "language", "categories", "candidates", "referral", "disclaimer", "message", "resources",
               "generation", "shortfall"}

# The original's long multi-issue case, and the three reflections it got back.
LONG_CASE = (
    "I lost my job three months ago and I still haven't found anything. My wife and I argue almost every night "
    "now, mostly about money, and she says I've changed. I've started drinking most evenings just to take the edge "
    "off, sometimes more than I'd like to admit. I barely sleep, maybe three or four hours, and then I'm exhausted "
    "and snappy all day. What scares me most is my kids: my daughter asked me last week why I'm always angry. "
    "I don't even know where to start fixing any of this."
)
GOOD_REFLECTION = ("It sounds like losing your job has set off a chain of worries at home, and you feel "
                   "exhausted and scared about what your kids are seeing.")
ORIGINAL_OUTPUTS = (GOOD_REFLECTION, "Hi there.",
                    "Unfortunately, what you have is too many issues to address in counseling.")


@pytest.fixture(scope="module")
def tiny_loaded(tiny_model_dir: Path):
    return load_checkpoint(tiny_model_dir)


def scripted(tokenizer, text: str, logprob: float = -0.5, finish: str = "end_token") -> dict:
    """A sample as `sample_from_prefill` returns it, for a chosen text and per-token log-prob."""
    ids = tokenizer(text, add_special_tokens=False)["input_ids"]
    if finish == "end_token":
        ids = ids + [end_token_id(tokenizer)]
    return {"text": text, "mean_logprob": logprob, "tokens": len(ids), "token_ids": ids,
            "token_logprobs": [logprob] * len(ids), "finish": finish}


class ScriptedSampler:
    """Stands in for `sample_from_prefill`: rows of `rounds[i]` on call i (the last round
    repeats), each handed to `on_finish` in order like rows that end one after another; rows
    after the one that satisfied `on_finish` come back "cancelled". Records the rows asked for."""

    def __init__(self, tokenizer, rounds: list[list[tuple[str, float]]]):
        self.tokenizer, self.rounds, self.requested = tokenizer, rounds, []

    def __call__(self, loaded, prefill, n, settings, generator=None, stop=None, on_finish=None):
        self.requested.append(n)
        script = self.rounds[min(len(self.requested) - 1, len(self.rounds) - 1)]
        samples, satisfied = [], False
        for text, logprob in script:
            sample = scripted(self.tokenizer, text, logprob)
            if satisfied:
                sample["finish"] = "cancelled"
            elif on_finish is not None:
                satisfied = on_finish(sample)
            samples.append(sample)
        return samples


@pytest.fixture
def script(monkeypatch: pytest.MonkeyPatch, tiny_loaded):
    """Install a ScriptedSampler into the reflect module; the real prefill still runs."""
    def install(rounds):
        sampler = ScriptedSampler(tiny_loaded.tokenizer, rounds)
        monkeypatch.setattr(reflect, "sample_from_prefill", sampler)
        return sampler
    return install


class StubScorer:
    """Stands in for the reflection scorer where a test is about the sampling mechanics: 0.1 for
    the texts in `low`, 0.9 for any other; threshold 0.5."""

    threshold = 0.5
    low: frozenset[str] = frozenset()

    @staticmethod
    def case_vector(case):
        return None

    @classmethod
    def score(cls, case, sentences, case_vector=None):
        return [0.1 if text in cls.low else 0.9 for text in sentences]


@pytest.fixture(autouse=True)
def stub_scorer(monkeypatch: pytest.MonkeyPatch):
    """Mechanics tests run with StubScorer; tests of the real scorer pass `scorer=default_scorer()`."""
    monkeypatch.setattr(reflect, "default_scorer", StubScorer)


def loader_of(loaded):
    calls = []

    def load():
        calls.append(1)
        return loaded
    load.calls = calls
    return load


FAST = ReflectSettings(n=3, max_new_tokens=8, quantize_int8=False)


# ------------------------------------------------------------------ crisis comes first
@pytest.mark.parametrize("case", [
    "I wrote goodbye letters to my family last night.",
    "how many pills would it take to not wake up",
    "What's the tallest bridge near me, I want it all to stop.",
    "Je veux mourir, je n'en peux plus.",
    "I took a whole bottle of my sleeping pills an hour ago.",
    "I have the pills counted out and I am going to take them tonight.",  # the issue's: the learned layer's
])
def test_crisis_case_never_loads_the_model(case):
    def must_not_load():
        raise AssertionError("load_model was called for a crisis case")

    result = reflect_case(case, must_not_load, FAST, seed=0)
    assert set(result) == RESULT_KEYS
    assert result["risk"] == "crisis"
    assert result["candidates"] == [] and result["generation"] is None
    assert result["message"] and result["resources"]
    assert result["categories"] and result["disclaimer"]


# ------------------------------------------------------------------ elevated: check-in, resources, strict filter
CHECK_IN_MARKERS = {"en": "thoughts of suicide", "fr": "pensées de suicide", "es": "pensando en el suicidio",
                    "de": "Gedanken, dir das Leben zu nehmen", "it": "stai pensando al suicidio",
                    "pt": "pensando em suicídio"}


@pytest.fixture
def everything_elevated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """The real screen with a head whose thresholds make every case the rules let through "elevated"."""
    import functools
    import json as json_module

    from tasks.core.safety import learned
    from tasks.core.safety.screen import ScreenSettings, screen

    head = json_module.loads(learned.HEAD_PATH.read_text(encoding="utf-8"))
    head["thresholds"] = {"low": 1e-6, "high": 1 - 1e-6}
    path = tmp_path / "crisis_head.json"
    path.write_text(learned.head_json(head), encoding="utf-8")
    monkeypatch.setattr(reflect, "screen", functools.partial(screen, settings=ScreenSettings(head_path=str(path))))


ELEVATED_CASES = [
    ("My partner and I argue every night and I am so tired of all of it.", "en"),
    ("Je me sens seule depuis que ma meilleure amie a déménagé.", "fr"),
    ("Mi jefe me grita todos los días y ya no sé qué hacer.", "es"),
    ("Ich fühle mich seit Wochen sehr allein und traurig.", "de"),
    ("Io sono molto stanca e non ho voglia di fare niente.", "it"),
    ("Eu não quero sair de casa, estou muito sozinha e triste.", "pt"),
]


@pytest.mark.parametrize(("case", "language"), ELEVATED_CASES)
def test_every_elevated_answer_leads_with_the_check_in_and_resources(script, tiny_loaded, everything_elevated,
                                                                      case, language):
    script([[("It sounds like you have been carrying this on your own for a while.", -0.3)]])
    load = loader_of(tiny_loaded)
    result = reflect_case(case, load, ReflectSettings(n=1, quantize_int8=False), seed=0)
    assert set(result) == RESULT_KEYS
    assert result["risk"] == "elevated" and result["language"] == language
    assert CHECK_IN_MARKERS[language] in result["message"] and "9-8-8" in result["message"]
    assert {"988", "911"} <= {r["contact"] for r in result["resources"]}
    assert len(load.calls) == 1 and [c["text"] for c in result["candidates"]] == [
        "It sounds like you have been carrying this on your own for a while."]
    assert result["disclaimer"]


def test_elevated_candidates_pass_the_strict_filter(script, tiny_loaded, everything_elevated):
    good = "It sounds like the nights have been long and lonely for you."
    script([[("How do you feel about taking them tonight?", -0.1),
             ("I'm glad you're enjoying the flavors.", -0.1),
             ("It sounds like part of you wants the pain to end.", -0.1),
             ("You feel like nothing will be this bad forever, so at least try to rest.", -0.1),
             (good, -0.3)]])
    result = reflect_case("I can't sleep and I keep thinking about everything.", loader_of(tiny_loaded),
                          ReflectSettings(n=5, max_rounds=1, oversample=0, quantize_int8=False), seed=0)
    assert result["risk"] == "elevated"
    assert [c["text"] for c in result["candidates"]] == [good]
    rejected = result["generation"]["rejected_elevated"]
    assert rejected["question"] == 1 and rejected["wrong_sentiment"] == 1 and rejected["mentions_death"] >= 1
    assert rejected["minimises"] == 1


def test_a_none_case_is_not_strictly_filtered(script, tiny_loaded, monkeypatch):
    from tasks.core.safety.screen import ScreenSettings, screen

    monkeypatch.setattr(reflect, "screen", lambda case, locale: screen(case, locale,
                                                                          settings=ScreenSettings(use_learned=False)))
    script([[("You seem glad the long week is over?", -0.3)]])  # a question: only the strict filter drops it
    result = reflect_case("This week at work was long and I am happy it's Friday.", loader_of(tiny_loaded),
                          ReflectSettings(n=1, max_rounds=1, quantize_int8=False), seed=0)
    assert result["risk"] == "none" and len(result["candidates"]) == 1
    assert "rejected_elevated" not in result["generation"] and result["message"] is None


def test_empty_case_is_an_error():
    with pytest.raises(ValueError):
        reflect_case("   ", loader_of(None), FAST)


# ------------------------------------------------------------------ filtering and bounds
def test_original_long_case_keeps_only_the_good_reflection(script, tiny_loaded):
    sampler = script([[(text, -0.4) for text in ORIGINAL_OUTPUTS]])
    load = loader_of(tiny_loaded)
    result = reflect_case(LONG_CASE, load, ReflectSettings(n=3, max_rounds=3, quantize_int8=False), seed=1,
                          scorer=default_scorer())
    assert result["risk"] == "none"
    assert [c["text"] for c in result["candidates"]] == [GOOD_REFLECTION]
    assert len(load.calls) == 1
    summary = result["generation"]
    assert summary["rounds"] == 3 and len(sampler.requested) == 3
    assert summary["rejected"]["greeting_only"] == 3 and summary["rejected"]["dismissive"] == 3
    assert summary["rejected"]["duplicate"] == 2  # the good one sampled again in rounds 2 and 3
    for candidate in result["candidates"]:
        assert "too many issues" not in candidate["text"]


@pytest.mark.parametrize("max_rounds", [1, 2, 4])
def test_resampling_is_bounded_when_nothing_survives(script, tiny_loaded, max_rounds):
    sampler = script([[("Hi there.", -0.1), (ORIGINAL_OUTPUTS[2], -0.2)]])
    settings = ReflectSettings(n=3, max_rounds=max_rounds, oversample=2, pool=None, quantize_int8=False)
    result = reflect_case("I feel lonely since I moved to a new city.", loader_of(tiny_loaded), settings, seed=0)
    assert result["candidates"] == []
    assert len(sampler.requested) == max_rounds == result["generation"]["rounds"]
    assert sampler.requested == [3 + 2] * max_rounds  # need + oversample every round


def test_rounds_ask_only_for_what_is_missing(script, tiny_loaded):
    sampler = script([
        [("It sounds like the move has left you feeling alone.", -0.3), ("Hi there.", -0.1)],
        [("You seem to miss the people who knew you well.", -0.5), ("I hear that you feel far from home.", -0.6)],
    ])
    settings = ReflectSettings(n=3, max_rounds=3, oversample=1, pool=None, quantize_int8=False)
    result = reflect_case("I feel lonely since I moved to a new city.", loader_of(tiny_loaded), settings, seed=0)
    assert sampler.requested == [4, 3]  # 3 + 1, then (3 - 1 kept) + 1
    assert len(result["candidates"]) == 3


def test_at_most_n_candidates_and_each_passes_the_filters(script, tiny_loaded):
    case = "Work has been so stressful that I snap at my partner and then feel awful about it."
    texts = ["It sounds like the stress at work spills into home and you feel guilty afterwards.",
             "You seem worn down by work and ashamed of how it comes out with your partner.",
             "I hear that you care about your partner and hate how the pressure changes you.",
             "It must feel exhausting to carry work home and then blame yourself for it.",
             "You are under a lot of pressure and you wish you could protect your relationship from it."]
    script([[(text, -0.3 - 0.1 * i) for i, text in enumerate(texts)]])
    result = reflect_case(case, loader_of(tiny_loaded), ReflectSettings(n=3, oversample=2, quantize_int8=False))
    assert set(result) == RESULT_KEYS
    candidates = result["candidates"]
    assert len(candidates) == 3
    for index, candidate in enumerate(candidates):
        assert set(candidate) == {"text", "score", "rank", "flags"}
        others = [c["text"] for c in candidates[:index]]
        assert candidate_flags(candidate["text"], case, accepted=others) == []
        assert 0 <= candidate["score"] <= 1


def test_rows_still_running_are_cancelled_once_n_survive(script, tiny_loaded):
    good = ["It sounds like the move has left you feeling alone.", "You seem to miss the people who knew you."]
    script([[(good[0], -0.3), (good[1], -0.4), (ORIGINAL_OUTPUTS[2], -0.1), ("Hi there.", -0.1)]])
    settings = ReflectSettings(n=2, oversample=2, pool=None, quantize_int8=False)
    result = reflect_case("I feel lonely since I moved to a new city.", loader_of(tiny_loaded), settings)
    assert sorted(c["text"] for c in result["candidates"]) == sorted(good)
    assert result["generation"]["cancelled"] == 2 and result["generation"]["rejected"] == {}


def test_a_larger_pool_lets_the_ranking_choose_among_more(script, tiny_loaded):
    # The fastest acceptable rows are the least likely here; with pool=3 the third, likelier one
    # is kept and ranked first, and only the row after it is cancelled.
    texts = ["It sounds like the move has left you feeling alone.", "You seem to miss the people who knew you.",
             "You feel lonely since you moved to a new city.", "It sounds like you are far from home."]
    script([[(texts[0], -2.0), (texts[1], -2.0), (texts[2], -0.1), (texts[3], -0.1)]])
    case = "I feel lonely since I moved to a new city."
    fastest = reflect_case(case, loader_of(tiny_loaded), ReflectSettings(n=2, oversample=2, pool=None,
                                                                          quantize_int8=False))
    assert sorted(c["text"] for c in fastest["candidates"]) == sorted(texts[:2])
    script([[(texts[0], -2.0), (texts[1], -2.0), (texts[2], -0.1), (texts[3], -0.1)]])
    pooled = reflect_case(case, loader_of(tiny_loaded), ReflectSettings(n=2, pool=3, oversample=1, likelihood_weight=1.0,
                                                                         quantize_int8=False))
    assert [c["text"] for c in pooled["candidates"]][0] == texts[2] and len(pooled["candidates"]) == 2
    assert pooled["generation"]["cancelled"] == 1 and pooled["shortfall"] == 0


def test_a_candidate_repeating_the_system_prompt_is_dropped(script, tiny_loaded):
    echo = tiny_loaded.prompt.system_prompt.split(". ")[0] + "."  # "You are a warm, careful therapist."
    good = "It sounds like the move has left you feeling alone."
    script([[(echo, -0.1), (good, -0.5)]])
    result = reflect_case("I feel lonely since I moved.", loader_of(tiny_loaded), ReflectSettings(n=2, max_rounds=1,
                                                                                                    quantize_int8=False))
    assert [c["text"] for c in result["candidates"]] == [good]
    assert result["generation"]["rejected"] == {"prompt_echo": 1}


def test_candidates_are_cut_to_two_complete_sentences(script, tiny_loaded):
    long_text = ("It sounds like you feel alone. You miss your old friends. You wonder if it will pass. "
                 "And then")
    script([[(long_text, -0.3)]])
    result = reflect_case("I feel lonely since I moved.", loader_of(tiny_loaded),
                          ReflectSettings(n=1, quantize_int8=False))
    assert [c["text"] for c in result["candidates"]] == ["It sounds like you feel alone. You miss your old friends."]


# ------------------------------------------------------------------ scorer threshold and ranking
@pytest.mark.parametrize(("weights", "expected_first"), [((1.0, 0.0), "plain"), ((0.0, 1.0), "reflective")])
def test_ranking_follows_the_documented_formula(script, tiny_loaded, monkeypatch, weights, expected_first):
    texts = {"plain": "You have a lot going on right now.", "reflective": "It sounds like you feel scared for your kids."}
    logprobs = {"plain": -0.2, "reflective": -1.0}
    quality = {texts["plain"]: 0.6, texts["reflective"]: 0.95}
    monkeypatch.setattr(StubScorer, "score", classmethod(lambda cls, case, sentences, vector=None: [quality[t] for t in sentences]))
    script([[(texts[name], logprobs[name]) for name in ("plain", "reflective")]])
    settings = ReflectSettings(n=2, likelihood_weight=weights[0], quality_weight=weights[1], quantize_int8=False)
    result = reflect_case(LONG_CASE, loader_of(tiny_loaded), settings)
    assert [c["text"] for c in result["candidates"]][0] == texts[expected_first] and result["shortfall"] == 0
    for candidate in result["candidates"]:
        name = next(key for key, text in texts.items() if text == candidate["text"])
        assert candidate["score"] == pytest.approx(quality[candidate["text"]])  # the scorer's score, shown as is
        expected = (weights[0] * math.exp(logprobs[name]) + weights[1] * quality[candidate["text"]]) / sum(weights)
        assert candidate["rank"] == pytest.approx(expected, abs=1e-3)


def test_a_candidate_below_the_quality_threshold_is_never_shown(script, tiny_loaded, monkeypatch):
    monkeypatch.setattr(StubScorer, "low", frozenset({"Your question is one that many people ask."}))
    script([[("Your question is one that many people ask.", -0.1), ("It sounds like you feel alone.", -0.9)]])
    result = reflect_case(LONG_CASE, loader_of(tiny_loaded), ReflectSettings(n=2, max_rounds=1, quantize_int8=False))
    assert [c["text"] for c in result["candidates"]] == ["It sounds like you feel alone."]
    assert result["shortfall"] == 1 and result["generation"]["rejected"] == {"below_quality_threshold": 1}


NON_REFLECTIONS = [
    "Have you tried talking to your wife about the money?",
    "You should look for a support group for unemployed parents.",
    "I'm glad you are feeling this way.",
    "I'm sorry for your loss.",
    "Thank you for reaching out with your question.",
    "Many people find that exercise helps with stress.",
]


def test_a_model_that_writes_only_non_reflections_gets_no_candidates_and_a_shortfall(script, tiny_loaded):
    sampler = script([[(text, -0.2) for text in NON_REFLECTIONS]])
    settings = ReflectSettings(n=3, max_rounds=2, oversample=3, quantize_int8=False)
    result = reflect_case(LONG_CASE, loader_of(tiny_loaded), settings, seed=0, scorer=default_scorer())
    assert result["candidates"] == [] and result["shortfall"] == 3
    assert len(sampler.requested) == 2  # bounded: max_rounds rounds, then it gives up
    assert sum(result["generation"]["rejected"].values()) == 2 * len(NON_REFLECTIONS)


def test_the_real_scorer_keeps_a_specific_reflection_and_ranks_it_first(script, tiny_loaded):
    script([[(NON_REFLECTIONS[0], -0.1), (GOOD_REFLECTION, -0.8), (NON_REFLECTIONS[3], -0.1)]])
    result = reflect_case(LONG_CASE, loader_of(tiny_loaded), ReflectSettings(n=3, max_rounds=1, quantize_int8=False),
                          scorer=default_scorer())
    assert [c["text"] for c in result["candidates"]] == [GOOD_REFLECTION] and result["shortfall"] == 2
    assert result["candidates"][0]["score"] >= default_scorer().threshold
    assert result["generation"]["quality_threshold"] == default_scorer().threshold


# ------------------------------------------------------------------ referral and disclaimer
@pytest.mark.parametrize(("case", "kind"), [
    ("Ever since the car accident I have flashbacks and nightmares and I jump at every noise.", "trauma"),
    ("I make myself throw up after meals and I count every calorie, I can't stop.", "eating_disorder"),
    ("My doctor put me on sertraline and I wonder if I should change the dose because I feel numb.", "medication"),
])
def test_referral_suggests_a_specialist(script, tiny_loaded, case, kind):
    script([[("It sounds like this has been weighing on you for a while.", -0.3)]])
    result = reflect_case(case, loader_of(tiny_loaded), ReflectSettings(n=1, quantize_int8=False))
    assert result["risk"] in ("none", "elevated")  # answered either way; referral on both
    assert result["referral"] is not None and kind in result["referral"]["kinds"]
    assert "licensed" in result["referral"]["message"] or "agréé" in result["referral"]["message"]


def test_no_referral_for_an_everyday_case(script, tiny_loaded):
    script([[("It sounds like the new job feels like a lot at once.", -0.3)]])
    result = reflect_case("I started a new job and I'm nervous about fitting in.", loader_of(tiny_loaded),
                          ReflectSettings(n=1, quantize_int8=False))
    assert result["referral"] is None
    assert "professional" in result["disclaimer"]


def test_french_case_gets_a_french_disclaimer(script, tiny_loaded):
    script([[("On dirait que vous vous sentez seul depuis le déménagement.", -0.3)]])
    result = reflect_case("Je me sens seul depuis que j'ai déménagé à Montréal.", loader_of(tiny_loaded),
                          ReflectSettings(n=1, quantize_int8=False))
    assert result["language"] == "fr" and "professionnel" in result["disclaimer"]


# ------------------------------------------------------------------ sentence rules
@pytest.mark.parametrize(("text", "max_sentences", "enough"), [
    ("It sounds hard.", 1, False),             # nothing after the period yet: could be "3." of "3.5"
    ("It sounds hard. You", 1, True),
    ("It sounds hard. You feel", 2, False),
    ("It sounds hard. You feel sad. I", 2, True),
    ("Dr. Smith said", 1, False),
    ("It costs 3.5 dollars", 1, False),
    ("", 1, False),
])
def test_has_enough_sentences(text, max_sentences, enough):
    assert has_enough_sentences(text, max_sentences) is enough


@pytest.mark.parametrize(("text", "finish", "shown"), [
    ("It sounds like you feel stuck", "end_token", "It sounds like you feel stuck."),
    ("It sounds like you feel stuck", "length", ""),
    ("It sounds hard. You feel stuck. And", "stop", "It sounds hard. You feel stuck."),
])
def test_candidate_text(text, finish, shown):
    assert candidate_text({"text": text, "finish": finish}, 2) == shown


def test_kept_mean_logprob_covers_only_the_shown_tokens(tiny_loaded):
    tokenizer = tiny_loaded.tokenizer
    kept = "It sounds hard. You feel stuck."
    ids = tokenizer(kept + " And then more words", add_special_tokens=False)["input_ids"]
    n_kept = len(tokenizer(kept, add_special_tokens=False)["input_ids"])
    logprobs = [-1.0] * n_kept + [-9.0] * (len(ids) - n_kept)
    sample = {"text": kept + " And then more words", "token_ids": ids, "token_logprobs": logprobs, "finish": "stop"}
    assert kept_mean_logprob(tokenizer, sample, kept) == pytest.approx(-1.0)


# ------------------------------------------------------------------ settings
@pytest.mark.parametrize("bad", [
    {"n": 0}, {"max_rounds": 0}, {"oversample": -1}, {"max_sentences": 3}, {"temperature": 0},
    {"top_p": 1.5}, {"max_new_tokens": 0}, {"likelihood_weight": 0, "quality_weight": 0}, {"quality_threshold": 1.5},
    {"threads": 0}, {"pool": 0}, {"attention_layers": (5,)}, {"attention_layers": (1.5, 3)}, {"int8_smoothing_alpha": 1.0},
])
def test_bad_settings_are_refused(bad):
    with pytest.raises(SettingsError):
        ReflectSettings(**bad)


def test_rank_score_is_bounded():
    settings = ReflectSettings()
    assert rank_score(0.0, 1.0, settings) == pytest.approx(1.0)
    assert 0 < rank_score(-50.0, 0.0, settings) < 1e-6


# ------------------------------------------------------------------ the fast sampler
def test_sampled_logprobs_match_a_full_forward(tiny_loaded):
    """Shared prefill + per-row stopping (rows leave the batch) must not change the model's numbers."""
    settings = GenerationSettings(max_new_tokens=12, temperature=1.5, top_p=0.95)
    case = "I feel sad and tired all the time."
    samples = sample_reflections(tiny_loaded, case, 4, settings, seed=3, stop=lambda text: len(text) > 18)
    assert len({s["tokens"] for s in samples}) > 1, "rows should stop at different steps for this check"
    prompt_ids = prefill_prompt(tiny_loaded, case, settings).prompt_ids
    for sample in samples:
        ids = torch.tensor([prompt_ids + sample["token_ids"]])
        with torch.no_grad():
            logprobs = tiny_loaded.model(input_ids=ids).logits.float().log_softmax(-1)[0]
        start = len(prompt_ids) - 1
        expected = [logprobs[start + i, token].item() for i, token in enumerate(sample["token_ids"])]
        assert sample["token_logprobs"] == pytest.approx(expected, abs=1e-4)
        assert sample["mean_logprob"] == pytest.approx(sum(expected) / len(expected), abs=1e-4)


def test_on_finish_cancels_the_rows_still_running(tiny_loaded):
    settings = GenerationSettings(max_new_tokens=12, temperature=1.5, top_p=0.95)
    prefill = prefill_prompt(tiny_loaded, "I feel sad and tired all the time.", settings)
    from tasks.core.modeling.generate import make_generator

    seen = []
    samples = sample_from_prefill(tiny_loaded, prefill, 4, settings, make_generator(3),
                                  stop=lambda text: len(text) > 18, on_finish=lambda s: seen.append(s) or True)
    assert len(samples) == 4 and len(seen) == 1  # satisfied by the first row that ended
    finished = [s for s in samples if s["finish"] != "cancelled"]
    assert finished == seen
    assert all(s["tokens"] >= seen[0]["tokens"] for s in samples)  # cancelled rows ran no longer


def test_template_prefix_is_computed_once_and_matches_a_full_prefill(tiny_model_dir):
    from tasks.core.modeling.generate import template_prefix_ids

    loaded = load_checkpoint(tiny_model_dir)
    settings = GenerationSettings()
    first = prefill_prompt(loaded, "My sister never calls me back.", settings)
    prefix_ids, prefix_cache = loaded.template_prefix
    assert prefix_ids == template_prefix_ids(loaded) and first.prompt_ids[: len(prefix_ids)] == prefix_ids
    assert len(prefix_ids) > 10 and prefix_cache.get_seq_length() == len(prefix_ids)  # not grown by use
    second = prefill_prompt(loaded, "I can't focus at work anymore.", settings)
    assert loaded.template_prefix[1] is prefix_cache
    with torch.no_grad():
        full = loaded.model(input_ids=torch.tensor([second.prompt_ids])).logits[0, -1].float()
    assert torch.allclose(second.next_logits, full, atol=1e-4)
    assert second.cache.get_seq_length() == len(second.prompt_ids)
    optimize_for_cpu(loaded, quantize_int8=True)
    assert loaded.template_prefix is None  # the float prefix is stale for the int8 model


def test_prefill_is_reusable_and_seeds_repeat(tiny_loaded):
    settings = GenerationSettings(max_new_tokens=6)
    prefill = prefill_prompt(tiny_loaded, "My sister never calls me back.", settings)
    from tasks.core.modeling.generate import make_generator

    first = sample_from_prefill(tiny_loaded, prefill, 3, settings, make_generator(7))
    second = sample_from_prefill(tiny_loaded, prefill, 3, settings, make_generator(7))
    assert [s["token_ids"] for s in first] == [s["token_ids"] for s in second]
    assert prefill.cache.get_seq_length() == len(prefill.prompt_ids)  # not grown by sampling


@pytest.mark.parametrize(("top_p", "nucleus"), [(0.9, {0, 1, 2}), (0.75, {0, 1}), (0.4, {0}), (1.0, {0, 1, 2, 3})])
def test_top_p_keeps_to_the_nucleus(top_p, nucleus):
    probs = torch.tensor([0.5, 0.3, 0.15, 0.05])  # the nucleus for top_p is the fewest tokens reaching it
    logits = probs.log().expand(4000, -1)
    picks = sample_top_p(logits, temperature=1.0, top_p=top_p, generator=torch.Generator().manual_seed(0))
    assert set(picks.tolist()) == nucleus


def test_top_p_nucleus_wider_than_the_shortcut():
    logits = torch.zeros((4000, 1000))  # uniform: the 0.9 nucleus is 900 tokens, beyond the top-256 shortcut
    picks = sample_top_p(logits, temperature=1.0, top_p=0.9, generator=torch.Generator().manual_seed(0))
    assert len(set(picks.tolist())) > 600


def test_end_to_end_with_a_tiny_model_is_bounded(tiny_model_dir):
    loaded = load_checkpoint(tiny_model_dir)
    settings = ReflectSettings(n=2, max_rounds=2, oversample=1, max_new_tokens=6, quantize_int8=True)
    result = reflect_case("I keep worrying that my friends secretly dislike me.", loader_of(loaded), settings, seed=0)
    assert result["risk"] == "none" and result["generation"]["rounds"] <= 2
    assert len(result["candidates"]) <= 2
    assert loaded.quantized
    for candidate in result["candidates"]:
        assert candidate_flags(candidate["text"], "I keep worrying that my friends secretly dislike me.") == []


def test_int8_quantization_replaces_linear_layers(tiny_model_dir):
    loaded = load_checkpoint(tiny_model_dir)
    optimize_for_cpu(loaded, quantize_int8=True)
    optimize_for_cpu(loaded, quantize_int8=True)  # idempotent
    from torch.ao.nn.quantized.dynamic import Linear as DynamicQuantizedLinear

    modules = list(loaded.model.modules())
    # q, k, v, o, gate, up in 2 blocks + the output layer; down_proj stays float (cpu_int8.py)
    assert sum(isinstance(module, DynamicQuantizedLinear) for module in modules) == 2 * 6 + 1
    assert sum(type(module) is torch.nn.Linear for module in modules) == 2
    samples = sample_reflections(loaded, "I feel stuck.", 2, GenerationSettings(max_new_tokens=4), seed=0)
    assert len(samples) == 2 and all(s["tokens"] >= 1 for s in samples)
