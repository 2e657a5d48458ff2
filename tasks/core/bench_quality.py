"""`robo-therapist bench quality`: reflection quality of one or more models on the same cases.

Form 1 (generate): each model answers every case through the product's reflect path (crisis
screen, sampling, filters, the reflection scorer's threshold, ranking). Printed per model: top-1
mean score (0 for a case with no candidate shown), share of cases whose top-1 reaches the
threshold, share of cases with all n candidates, distinct-2 over all candidates, share of
candidates that echo the case, mean candidate length in words, median seconds per case. It also
writes a blind judging sheet (every distinct candidate of every case, shuffled, unlabelled) and,
apart from it, the key that says which model wrote what.

Form 2 (read back): `--judged SHEET --key KEY` prints, per model, the share of cases whose top-1
candidate, and whose three candidates, a judge found acceptable, with 95 % Wilson intervals.
"""
from __future__ import annotations

import json
import statistics
import time
from pathlib import Path
from typing import Any

from tqdm.auto import tqdm

from tasks.core.bench_reflect import load_for_bench
from tasks.core.data.cases_file import read_cases
from tasks.core.quality.features import content_words, words
from tasks.core.quality.figures import top1_figures
from tasks.core.quality.judging import build_sheet, judged_rates, read_jsonl, write_jsonl
from tasks.core.reflect import ReflectSettings, reflect_case

# A candidate "echoes" the case when this share of its content words is copied from it.
ECHO_SHARE = 0.8


def distinct_2(texts: list[str]) -> float:
    """Distinct bigrams / all bigrams over `texts` (1.0 = no bigram repeats; 0 when there are none)."""
    bigrams = [pair for text in texts for pair in zip(words(text), words(text)[1:])]
    return len(set(bigrams)) / len(bigrams) if bigrams else 0.0


def echoes(case: str, text: str) -> bool:
    content = content_words(text)
    return bool(content) and len(content & content_words(case)) / len(content) >= ECHO_SHARE


def automatic_figures(cases: list[str], results: list[dict[str, Any]], n: int, seconds: list[float]) -> dict[str, Any]:
    """The printed figures of one model from its reflect results (crisis cases excluded)."""
    answered = [(case, result) for case, result in zip(cases, results) if result["risk"] != "crisis"]
    texts = [(case, candidate["text"]) for case, result in answered for candidate in result["candidates"]]
    count = len(answered) or 1
    top1 = top1_figures(results)
    return {
        "cases_answered": len(answered), "cases_crisis": len(results) - len(answered),
        "top1_mean_score": top1["top1_mean"],
        "top1_above_threshold": top1["top1_pass_rate"],
        "all_n_above_threshold": round(sum(len(result["candidates"]) >= n for _, result in answered) / count, 4),
        "mean_candidates": round(len(texts) / count, 3),
        "distinct_2": round(distinct_2([text for _, text in texts]), 4),
        "echo_share": round(sum(echoes(case, text) for case, text in texts) / len(texts), 4) if texts else 0.0,
        "mean_words": round(statistics.fmean(len(text.split()) for _, text in texts), 2) if texts else 0.0,
        "median_s_per_case": round(statistics.median(seconds), 3) if seconds else 0.0,
    }


def time_scorer(cases: list[str], candidates: int = 30, repeats: int = 5) -> float:
    """Median seconds to score `candidates` sentences for one case, encoder already loaded."""
    from tasks.core.quality.scorer import default_scorer

    scorer, case = default_scorer(), cases[0]
    sentences = [f"It sounds like you have been carrying this on your own, day {i}." for i in range(candidates)]
    scorer.score(case, sentences)  # loads the encoder
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        scorer.score(case, sentences)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run_quality_benchmark(models: dict[str, str | Path], cases_file: str | Path, out_dir: str | Path, n: int = 3,
                          seed: int = 0, settings: ReflectSettings | None = None) -> dict[str, Any]:
    """Answer every case with every model (`models`: label -> checkpoint folder); write
    `results.json`, the blind `sheet.jsonl` and `key.json` into `out_dir`; return the figures."""
    cases = read_cases(cases_file)
    settings = settings or ReflectSettings(n=n)
    out = Path(out_dir)
    figures: dict[str, Any] = {}
    answers: dict[str, list[list[str]]] = {}
    all_results: dict[str, list[dict[str, Any]]] = {}
    for label, checkpoint in models.items():
        loaded, _ = load_for_bench(checkpoint)
        results, seconds = [], []
        for index, case in enumerate(tqdm(cases, desc=f"reflect with {label}", unit="case")):
            started = time.perf_counter()
            results.append(reflect_case(case, lambda: loaded, settings, seed=seed + index))
            seconds.append(time.perf_counter() - started)
        figures[label] = automatic_figures(cases, results, settings.n, seconds)
        answers[label] = [[candidate["text"] for candidate in result["candidates"]] for result in results]
        all_results[label] = results
    sheet, key = build_sheet(cases, answers, seed=seed)
    out.mkdir(parents=True, exist_ok=True)
    write_jsonl(sheet, out / "sheet.jsonl")
    (out / "key.json").write_text(json.dumps({"models": list(models), "cases": len(cases), "items": key}, indent=1) + "\n")
    (out / "results.json").write_text(json.dumps({"models": {k: str(v) for k, v in models.items()},
                                                  "figures": figures, "results": all_results}, indent=1,
                                                 ensure_ascii=False) + "\n")
    return {"cases": len(cases), "n": settings.n, "scorer_s_per_30_candidates": round(time_scorer(cases), 4),
            "figures": figures,
            "sheet": str(out / "sheet.jsonl"), "key": str(out / "key.json"), "results": str(out / "results.json")}


def read_judged(sheet_path: str | Path, key_path: str | Path) -> dict[str, Any]:
    """Judged rates per model from a filled sheet and its key."""
    key = json.loads(Path(key_path).read_text())
    return {"cases": key["cases"], "judged": judged_rates(read_jsonl(sheet_path), key["items"], key["models"], key["cases"])}
