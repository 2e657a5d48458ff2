"""The evaluate stage: perplexity of a checkpoint on a pairs file, sampled reflections, and the
reflection quality of its answers to validation cases (by the reflection scorer)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from annotated_types import Ge

from tasks.core.data.prepare import read_pairs
from tasks.core.modeling.generate import GenerationSettings, LoadedModel, load_checkpoint, sample_reflections
from tasks.core.modeling.perplexity import score_examples
from tasks.core.modeling.tokenize import tokenize_frame
from tasks.core.modeling.train import DEVICES, Device, resolve_device
from tasks.core.settings_io import SettingsError


@dataclass(frozen=True)
class EvalSettings:
    """Settings of the evaluate stage.

    Fields:
        batch_size: pairs per batch when the test split's perplexity is computed.
        sample_cases: test cases that get sampled reflections in the evaluation report (0 = none).
        samples_per_case: sampled reflections per such case.
        seed: sampling seed of the report's reflections.
        device: where evaluation runs: auto (CUDA when present), cpu or cuda.
        quality_cases: validation cases answered through the reflect path (screen, sampling,
            scorer) for the quality figures (val_quality_*); each costs one to three sampling
            rounds (seconds on CPU). 0 = no quality figures.
        quality_candidates: candidates asked for per quality case.
    """

    batch_size: Annotated[int, Ge(1)] = 16
    sample_cases: Annotated[int, Ge(0)] = 5
    samples_per_case: Annotated[int, Ge(1)] = 3
    seed: int = 0
    device: Device = "auto"
    quality_cases: Annotated[int, Ge(0)] = 10
    quality_candidates: Annotated[int, Ge(1)] = 3

    def __post_init__(self) -> None:
        if self.batch_size < 1 or self.sample_cases < 0 or self.samples_per_case < 1:
            raise SettingsError("batch_size and samples_per_case must be >= 1, sample_cases >= 0")
        if self.quality_cases < 0 or self.quality_candidates < 1:
            raise SettingsError("quality_cases must be >= 0 and quality_candidates >= 1")
        if self.device not in DEVICES:
            raise SettingsError(f"eval.device={self.device!r} must be one of {', '.join(DEVICES)}")


def score_pairs(loaded: LoadedModel, frame: Any, batch_size: int = 16, progress: bool = False) -> dict[str, float]:
    """Token and word perplexity of the frame's reflections, with the checkpoint's own template."""
    examples, skipped = tokenize_frame(frame, loaded.tokenizer, loaded.prompt)
    if len(examples) == 0:
        raise ValueError("No pair could be scored: every pair was empty or too long for max_length.")
    scores = score_examples(loaded.model, list(examples), int(loaded.tokenizer.pad_token_id), batch_size, progress)
    return {**scores, "skipped": skipped}


def sample_report(loaded: LoadedModel, cases: list[str], settings: EvalSettings,
                  generation: GenerationSettings | None = None) -> list[dict[str, Any]]:
    """Sampled reflections for a few cases, each with the safety filter's flags."""
    from tasks.core.safety.filters import candidate_flags, trim_to_sentences

    generation = generation or GenerationSettings()
    report = []
    for index, case in enumerate(cases):
        samples = sample_reflections(loaded, case, settings.samples_per_case, generation, seed=settings.seed + index)
        for sample in samples:
            text = trim_to_sentences(sample["text"]) or sample["text"]
            report.append({"case": case, "reflection": text, "mean_logprob": round(sample["mean_logprob"], 4),
                           "flags": candidate_flags(text, case)})
    return report


def pairs_fingerprint(pairs_path: str | Path) -> str:
    """SHA-256 of a pairs file's (case, reflection) rows in order: two test metrics are comparable
    only when their fingerprints are equal."""
    import hashlib
    import json

    frame = read_pairs(pairs_path)
    rows = [[str(case), str(reflection)] for case, reflection in zip(frame["case"], frame["reflection"])]
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode("utf-8")).hexdigest()


def _load_and_score(checkpoint_dir: str | Path, pairs_path: str | Path,
                    settings: EvalSettings) -> tuple[LoadedModel, Any, dict[str, float]]:
    """The loaded checkpoint, the pairs frame and the checkpoint's perplexities on it."""
    loaded = load_checkpoint(checkpoint_dir, device=str(resolve_device(settings.device)))
    frame = read_pairs(pairs_path)
    return loaded, frame, score_pairs(loaded, frame, settings.batch_size, progress=True)


def score_checkpoint(checkpoint_dir: str | Path, pairs_path: str | Path, settings: EvalSettings) -> dict[str, float]:
    """Token and word perplexity of a checkpoint on a pairs file (no samples)."""
    return _load_and_score(checkpoint_dir, pairs_path, settings)[2]


def quality_report(loaded: LoadedModel, cases: list[str], settings: EvalSettings) -> dict[str, Any]:
    """How well the model's answers reflect `cases`, through the product's own reflect path.

    Cases the crisis screen stops are skipped (they never get generated text). Per answered case
    the top-1 score is the best shown candidate's scorer score, 0 when none passed the threshold.
    Returns {"top1_mean", "top1_pass_rate", "cases": [{"case", "top1", "candidates"}], "skipped_crisis"}.
    """
    from tasks.core.quality.figures import top1_figures
    from tasks.core.reflect import ReflectSettings, reflect_case

    reflect_settings = ReflectSettings(n=settings.quality_candidates)
    results = [reflect_case(case, lambda: loaded, reflect_settings, seed=settings.seed + index)
               for index, case in enumerate(cases)]
    figures = top1_figures(results)
    rows = [{"case": case, "top1": result["candidates"][0]["score"] if result["candidates"] else 0.0,
             "candidates": [candidate["text"] for candidate in result["candidates"]]}
            for case, result in zip(cases, results) if result["risk"] != "crisis"]
    return {"top1_mean": figures["top1_mean"], "top1_pass_rate": figures["top1_pass_rate"], "cases": rows,
            "skipped_crisis": len(results) - figures["answered"]}


def evaluate_checkpoint(checkpoint_dir: str | Path, pairs_path: str | Path, settings: EvalSettings,
                        quality_pairs_path: str | Path | None = None) -> dict[str, Any]:
    """Perplexities on a pairs file, sampled reflections for its first cases, and (when
    `quality_pairs_path` is given) the quality report on the first `quality_cases` cases of that file."""
    loaded, frame, scores = _load_and_score(checkpoint_dir, pairs_path, settings)
    cases = list(dict.fromkeys(str(case) for case in frame["case"]))[: settings.sample_cases]
    report: dict[str, Any] = {"metrics": scores, "samples": sample_report(loaded, cases, settings)}
    if quality_pairs_path is not None and settings.quality_cases:
        quality_frame = read_pairs(quality_pairs_path)
        quality_cases = list(dict.fromkeys(str(case) for case in quality_frame["case"]))[: settings.quality_cases]
        report["quality"] = quality_report(loaded, quality_cases, settings)
    return report
