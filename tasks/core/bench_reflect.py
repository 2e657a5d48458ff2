"""Latency benchmark of the reflect path (and the int8 quality check behind its default).

`run_reflect_benchmark(model_ref)` loads the model once (not timed), answers one warm-up case
(not timed: it pays one-off costs such as int8 packing), then times `reflect_case` on
`cases` varied everyday cases that the screen answers (one it puts in the crisis tier never
reaches the model and is skipped, counted in "skipped_crisis"): screen, prefill, sampling
rounds, filtering and ranking,
i.e. what a person waits for once the model is loaded. Returns median and p95 seconds per
case, the settings used and the machine's load average (a busy machine makes any figure slow).

`int8_agreement(model_ref)` measures what dynamic int8 costs in quality: float32 samples are
scored by both the float32 and the int8 model (teacher forcing), and the per-token log-probs,
their per-candidate means and the candidates' order are compared.

Printing-free; `robo-therapist bench reflect` prints the dict. The figures measured with it
(and what they justify: int8, oversample, threads) are in the README's Benchmarks section.

The base model is the worst case for latency: it never ends on its own and writes two long
sentences, while a fine-tuned checkpoint ends after its reflection.
"""
from __future__ import annotations

import copy
import os
import statistics
import time
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import torch

from tasks.core.modeling.base_model import resolve_base_model
from tasks.core.modeling.generate import (
    GenerationSettings,
    LoadedModel,
    load_checkpoint,
    optimize_for_cpu,
    prefill_prompt,
    sample_reflections,
)
from tasks.core.reflect import ReflectSettings, reflect_case
from tasks.core.safety.screen import CRISIS, screen_many

# Varied everyday cases (work, family, school, health, money, grief, identity, fr/es too),
# none of them a crisis: the benchmark times the generating path.
BENCH_CASES: tuple[str, ...] = (
    "I lost my job two months ago and since then my marriage has been strained. I've been drinking more than I "
    "should, I can't sleep, and I'm worried about how all this is affecting my kids. I don't know where to start.",
    "My best friend stopped answering my texts and I don't know what I did wrong.",
    "I get really anxious before every meeting at work; my heart races and my mind goes blank.",
    "My mother criticizes everything I do, even now that I'm forty, and I still feel like a child around her.",
    "I just started university and everyone seems to have friends already except me.",
    "My partner wants to move across the country for a job and I don't want to leave my family.",
    "I've been procrastinating so much that my thesis is months behind and I feel like a fraud.",
    "Since my dad died last spring I can't bring myself to clean out his room.",
    "We had a baby three months ago and I feel like I've lost myself completely.",
    "My boss takes credit for my work in front of everyone and I freeze instead of saying anything.",
    "I keep comparing myself to people online and I always come out worse.",
    "My teenage son barely talks to me anymore; he just stays in his room playing games.",
    "I'm drowning in credit card debt and I haven't told my wife how bad it is.",
    "I came out to my parents last month and they act like it never happened.",
    "I moved to Montréal for work and after a year I still feel like a stranger here.",
    "My sister and I haven't spoken since an argument at our grandmother's funeral.",
    "I have chronic back pain and I'm tired of people telling me it's all in my head.",
    "I feel guilty every time I say no to anyone, so I end up saying yes to everything.",
    "Depuis que j'ai perdu mon emploi, je me sens inutile et j'ai honte de le dire à mes amis.",
    "Mi pareja y yo discutimos todo el tiempo por el dinero y ya no sé cómo hablar con ella.",
)


def load_for_bench(model_ref: str | Path) -> tuple[LoadedModel, float]:
    """A checkpoint folder or base model spec, loaded; and the seconds it took."""
    started = time.perf_counter()
    loaded = load_checkpoint(resolve_base_model(str(model_ref)))
    return loaded, time.perf_counter() - started


def percentile(values: list[float], fraction: float) -> float:
    """Linear-interpolated percentile (fraction in [0, 1]) of a non-empty list."""
    if not values:
        raise ValueError("percentile of an empty list; time at least one case.")
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def run_reflect_benchmark(model_ref: str | Path, cases: int = 20, n: int = 3, max_new_tokens: int = 40,
                          settings: ReflectSettings | None = None, seed: int = 0) -> dict[str, Any]:
    """Median and p95 seconds per case of `reflect_case` with the model already loaded.

    `cases` cases are taken from BENCH_CASES (cycled when more are asked for); `settings`
    defaults to ReflectSettings(n=n, max_new_tokens=max_new_tokens).
    """
    if cases < 1:
        raise ValueError(f"cases={cases} must be >= 1.")
    settings = settings or ReflectSettings(n=n, max_new_tokens=max_new_tokens)
    loaded, load_seconds = load_for_bench(model_ref)
    load = lambda: loaded  # noqa: E731
    # A case the screen puts in the crisis tier never reaches the model: nothing to time. Skip it.
    answered = [case for case, result in zip(BENCH_CASES, screen_many(BENCH_CASES, settings.locale))
                if result.risk != CRISIS]
    load_average_before = os.getloadavg()[0]
    started = time.perf_counter()
    reflect_case(answered[-1], load, settings, seed=seed)  # warm-up (int8 packing, first-call costs)
    warm_up_seconds = time.perf_counter() - started
    per_case = []
    for index in range(cases):
        case = answered[index % len(answered)]
        started = time.perf_counter()
        result = reflect_case(case, load, settings, seed=seed + index)
        seconds = time.perf_counter() - started
        per_case.append({"seconds": round(seconds, 4), "risk": result["risk"], "candidates": len(result["candidates"]),
                         **result["generation"]})
    seconds = [row["seconds"] for row in per_case]
    return {
        "model": str(model_ref),
        "cases": cases,
        "skipped_crisis": len(BENCH_CASES) - len(answered),
        "median_s": round(statistics.median(seconds), 4),
        "p95_s": round(percentile(seconds, 0.95), 4),
        "mean_s": round(statistics.fmean(seconds), 4),
        "max_s": round(max(seconds), 4),
        "load_s": round(load_seconds, 2),
        "warm_up_s": round(warm_up_seconds, 2),
        "mean_rounds": round(statistics.fmean(row["rounds"] for row in per_case), 2),
        "mean_candidates": round(statistics.fmean(row["candidates"] for row in per_case), 2),
        "threads": torch.get_num_threads(),
        "cpu_count": os.cpu_count(),
        "load_average_before": round(load_average_before, 2),
        "load_average_after": round(os.getloadavg()[0], 2),
        "settings": asdict(settings),
        "per_case": per_case,
    }


@torch.inference_mode()
def _token_logprobs(loaded: LoadedModel, prompt_ids: list[int], token_ids: list[int]) -> list[float]:
    ids = torch.tensor([prompt_ids + token_ids])
    logprobs = loaded.model(input_ids=ids).logits[0].float().log_softmax(-1)
    start = len(prompt_ids) - 1
    return [float(logprobs[start + i, token]) for i, token in enumerate(token_ids)]


def _rank_order(values: list[float]) -> list[int]:
    return sorted(range(len(values)), key=lambda i: values[i], reverse=True)


def int8_agreement(model_ref: str | Path, cases: int = 10, n: int = 3, max_new_tokens: int = 40,
                   seed: int = 0) -> dict[str, Any]:
    """How closely the int8 model's likelihoods follow float32's on float32's own samples.

    Returns mean absolute per-token log-prob difference, mean absolute difference of each
    candidate's mean log-prob (what ranking uses) and the share of cases whose candidates come
    out in the same likelihood order.
    """
    full, _ = load_for_bench(model_ref)
    quantized = optimize_for_cpu(replace(full, model=copy.deepcopy(full.model)), quantize_int8=True)
    generation = GenerationSettings(max_new_tokens=max_new_tokens)
    token_diffs, mean_diffs, same_order = [], [], []
    for index in range(cases):
        case = BENCH_CASES[index % len(BENCH_CASES)]
        prompt_ids = prefill_prompt(full, case, generation).prompt_ids
        samples = sample_reflections(full, case, n, generation, seed=seed + index)
        full_means, int8_means = [], []
        for sample in samples:
            reference = _token_logprobs(full, prompt_ids, sample["token_ids"])
            approx = _token_logprobs(quantized, prompt_ids, sample["token_ids"])
            token_diffs += [abs(a - b) for a, b in zip(reference, approx)]
            full_means.append(sum(reference) / len(reference))
            int8_means.append(sum(approx) / len(approx))
            mean_diffs.append(abs(full_means[-1] - int8_means[-1]))
        same_order.append(_rank_order(full_means) == _rank_order(int8_means))
    return {
        "model": str(model_ref),
        "cases": cases,
        "samples": len(mean_diffs),
        "mean_abs_token_logprob_diff": round(statistics.fmean(token_diffs), 4),
        "mean_abs_candidate_mean_logprob_diff": round(statistics.fmean(mean_diffs), 4),
        "max_abs_candidate_mean_logprob_diff": round(max(mean_diffs), 4),
        "same_candidate_order_share": round(sum(same_order) / len(same_order), 3),
    }
