"""The reflection scorer, its features and head, and blind-judging arithmetic."""
from __future__ import annotations

import json

import numpy as np
import pytest

from tasks.core.quality.features import FEATURE_NAMES, invented_referents, pair_features
from tasks.core.quality.judging import build_sheet, judged_rates, wilson_interval
from tasks.core.quality.scorer import HEAD_PATH, ReflectionScorer, ScorerError, default_scorer

CASE = ("My husband and I argue every night about money since I lost my job. I feel like a failure "
        "and I can't sleep.")
ACCEPTABLE = [
    "It sounds like losing your job has led to nightly arguments about money with your husband, and you feel like a failure.",
    "You feel like a failure since losing your job, and the nightly fights about money keep you awake.",
]
NOT_ACCEPTABLE = {
    "advice": "You should make a budget together and stick to it.",
    "question": "Have you talked to your husband about how you feel?",
    "generic": "I'm so sorry you are going through this.",
    "wrong_sentiment": "I'm glad you are feeling this way.",
    "invented": "It sounds like losing your son has brought money fights into your marriage.",
    "therapist": "Thank you for reaching out, this is a great question.",
    "other_case": "It sounds like moving away from your friends has left you lonely at school.",
}


@pytest.fixture(scope="module")
def scorer() -> ReflectionScorer:
    return default_scorer()


def test_invented_referents_counts_people_and_events_the_case_never_names():
    assert invented_referents(CASE, "It sounds like your husband worries too.") == 0
    assert invented_referents("My mom yells at me.", "Your mother's words hurt.") == 0  # same referent group
    assert invented_referents(CASE, "I'm sorry about the death of your son.") == 2  # a son and a death
    assert invented_referents(CASE, "Losing your job hurts.") == 0  # "lost my job" is in the case


def test_pair_features_have_the_documented_names_and_flag_questions_and_advice():
    question = dict(zip(FEATURE_NAMES, pair_features(CASE, NOT_ACCEPTABLE["question"])))
    advice = dict(zip(FEATURE_NAMES, pair_features(CASE, NOT_ACCEPTABLE["advice"])))
    reflection = dict(zip(FEATURE_NAMES, pair_features(CASE, ACCEPTABLE[0])))
    assert len(pair_features(CASE, "x")) == len(FEATURE_NAMES)
    assert question["question"] == 1 and advice["advice"] == 1 and reflection["question"] == reflection["advice"] == 0
    assert reflection["content_overlap"] > advice["content_overlap"]


def test_acceptable_reflections_pass_and_every_kind_of_failure_does_not(scorer):
    good = scorer.score(CASE, ACCEPTABLE)
    bad = scorer.score(CASE, list(NOT_ACCEPTABLE.values()))
    assert (good >= scorer.threshold).all(), good
    failures = {kind: round(float(score), 3) for kind, score in zip(NOT_ACCEPTABLE, bad) if score >= scorer.threshold}
    assert failures == {}
    assert good.min() > bad.max()


def test_scores_are_probabilities_and_the_same_either_way(scorer):
    texts = ACCEPTABLE + list(NOT_ACCEPTABLE.values())
    one_case = scorer.score(CASE, texts)
    pairs = scorer.score_pairs([CASE] * len(texts), texts)
    assert np.allclose(one_case, pairs, atol=1e-6) and ((0 <= one_case) & (one_case <= 1)).all()
    assert np.allclose(scorer.score(CASE, texts, scorer.case_vector(CASE)), one_case, atol=1e-6)
    assert scorer.score(CASE, []).shape == (0,)
    with pytest.raises(TypeError):
        scorer.score(CASE, "one string")


def test_a_head_that_does_not_fit_the_features_is_refused_with_a_fix(tmp_path):
    head = json.loads(HEAD_PATH.read_text())
    head["feature_names"] = head["feature_names"][:-1]
    with pytest.raises(ScorerError, match="train_head"):
        ReflectionScorer.from_dict(head)
    with pytest.raises(ScorerError, match="train_head"):
        ReflectionScorer.load(tmp_path / "missing.json")


def test_the_packaged_head_meets_its_held_out_bar():
    figures = json.loads(HEAD_PATH.with_name("head_figures.json").read_text())
    assert figures["heldout"]["auc"] >= 0.90  # labels written by another author than the training labels
    assert figures["threshold"] == json.loads(HEAD_PATH.read_text())["threshold"]


@pytest.mark.slow
def test_the_head_is_rebuilt_byte_for_byte_from_the_labels(tmp_path):
    from tasks.core.quality.train_head import main

    main(["--out", str(tmp_path)])
    assert (tmp_path / "head.json").read_bytes() == HEAD_PATH.read_bytes()
    assert (tmp_path / "head_figures.json").read_bytes() == HEAD_PATH.with_name("head_figures.json").read_bytes()


# ------------------------------------------------------------------ judging
@pytest.mark.parametrize(("hits", "total", "expected"), [
    (0, 10, (0.0, 0.2775)), (10, 10, (0.7225, 1.0)), (7, 10, (0.3968, 0.8922)), (28, 40, (0.5457, 0.8193)),
])
def test_wilson_interval_matches_published_values(hits, total, expected):
    low, high = wilson_interval(hits, total)
    assert (round(low, 4), round(high, 4)) == pytest.approx(expected, abs=1e-4)


def test_a_sheet_hides_the_models_and_judges_a_shared_candidate_once():
    cases = ["case one", "case two"]
    answers = {"base": [["shared text", "first model only"], []], "tuned": [["second model first", "shared text"],
                                                                          ["second model, case two"]]}
    sheet, key = build_sheet(cases, answers, seed=1)
    assert [row["candidate"] for row in sheet].count("shared text") == 1
    assert all(set(row) == {"item", "case_id", "case", "candidate", "acceptable"} for row in sheet)
    assert not any("base" in json.dumps(row) or "tuned" in json.dumps(row) for row in sheet)
    verdict = {"shared text": 1, "first model only": 0, "second model first": 0, "second model, case two": 1}
    for row in sheet:
        row["acceptable"] = verdict[row["candidate"]]
    rates = judged_rates(sheet, key, ["base", "tuned"], case_count=2)
    assert rates["base"]["top1_acceptable"]["count"] == 1 and rates["base"]["any_acceptable"]["count"] == 1
    assert rates["tuned"]["top1_acceptable"]["count"] == 1  # case two; case one's top-1 was judged 0
    assert rates["tuned"]["any_acceptable"]["count"] == 2
    sheet[0]["acceptable"] = None
    with pytest.raises(ValueError, match="not judged"):
        judged_rates(sheet, key, ["base"], case_count=2)


def test_bench_quality_writes_a_blind_sheet_and_reads_it_back(tiny_model_dir, tmp_path):
    from tasks.core.bench_quality import read_judged, run_quality_benchmark
    from tasks.core.reflect import ReflectSettings

    cases_file = tmp_path / "cases.jsonl"
    cases_file.write_text(json.dumps({"case": CASE}) + "\n" + json.dumps({"case": "I feel alone since I moved."}) + "\n")
    settings = ReflectSettings(n=2, max_rounds=1, oversample=1, max_new_tokens=6, quantize_int8=False)
    result = run_quality_benchmark({"tiny": tiny_model_dir}, cases_file, tmp_path / "out", settings=settings)
    figures = result["figures"]["tiny"]
    assert figures["cases_answered"] == 2 and 0 <= figures["top1_above_threshold"] <= 1
    assert result["scorer_s_per_30_candidates"] > 0
    key = json.loads((tmp_path / "out" / "key.json").read_text())
    assert key["models"] == ["tiny"] and key["cases"] == 2
    sheet = [json.loads(line) for line in (tmp_path / "out" / "sheet.jsonl").read_text().splitlines()]
    assert len(sheet) == len(key["items"])  # one row per distinct candidate (a random tiny model may pass none)
    for row in sheet:
        row["acceptable"] = 0
    (tmp_path / "judged.jsonl").write_text("".join(json.dumps(row) + "\n" for row in sheet))
    judged = read_judged(tmp_path / "judged.jsonl", tmp_path / "out" / "key.json")["judged"]["tiny"]
    assert judged["top1_acceptable"]["count"] == 0 and judged["cases"] == 2


def test_bench_quality_refuses_a_cases_file_without_cases(tmp_path):
    from tasks.core.bench_quality import read_cases

    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps({"question": "no case field"}) + "\n")
    with pytest.raises(ValueError, match="line 1"):
        read_cases(path)


@pytest.mark.parametrize("sentence, expected", [
    ("It sounds like you're torn between staying and leaving.", True),
    ("You've been carrying the worry about your son on your own.", True),
    ("Part of you wants to stay, and part of you is exhausted.", True),
    ("You mentioned that you are afraid the doctor will change your medication.", True),
    ("You mentioned that she has an attachment issue.", False),  # about someone else
    ("You are under 18, too.", False),                         # too short to reflect a case
    ("You are not alone in feeling alone.", False),          # a verdict, not a reflection
    ("You should talk to him about it.", False),             # advice
    ("Do you feel stuck?", False),                           # a question
    ("It sounds like you feel stuck, and that's okay.", False),  # reassurance
    ("I hear that you feel stuck.", False),                  # the therapist's "I"
    ("It sounds like he is clearly manipulating you.", False),   # a verdict word
    ("And it sounds like you want changes in your life!", False),
    ("Starting a new job can be scary.", False),             # not addressed to the person
])
def test_plainly_reflective_accepts_reflections_and_refuses_the_rubric_failures(sentence, expected):
    from tasks.core.quality.features import plainly_reflective

    assert plainly_reflective(sentence) is expected
