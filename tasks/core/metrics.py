"""The metrics contract: every figure a training run records, with its name, direction and meaning.

A stage result holds figures under plain keys (the evaluate stage's `score_pairs` gives
"word_perplexity", its quality report "top1_mean", the train stage "best_val_loss"); the contract
names each one for the run ("test_word_perplexity") and says whether lower or higher is better.
Everything downstream reads it: the flow logs `named_metrics(...)` to MLflow and returns them, the
evaluation report has a row per metric, `robo-therapist evaluate` prints the pair metrics, and
promotion looks up the direction of `registry.metric` and `registry.quality_metric` here.

Adding a metric: compute it in its stage (for evaluation, a new key in `score_pairs` or
`quality_report`, `modeling/evaluate.py`) and add one `Metric` below.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tasks.core.settings_io import SettingsError

LOWER = "lower"
HIGHER = "higher"

# The parts of a run's results a metric can come from.
TEST = "test"        # evaluation.json "metrics": `evaluate.score_pairs` on the test split
QUALITY = "quality"  # evaluation.json "quality": `evaluate.quality_report` on validation cases
TRAIN = "train"      # the train stage's result (train_result.json)
PARTS = (TEST, QUALITY, TRAIN)


@dataclass(frozen=True)
class Metric:
    """One figure of the contract.

    Attributes:
        name: the run metric (MLflow) and the key in the training flow's result.
        part: the stage result that holds it (TEST, QUALITY or TRAIN).
        key: its key in that result.
        label: its row in the reports.
        better: LOWER or HIGHER; None for counts and timings, which say nothing about the
            model's quality and cannot decide a promotion.
        unit: what one unit is ("" for a plain number).
        description: one line on what it measures.
        required: the stage always writes it; a report or run without it is an error.
    """

    name: str
    part: str
    key: str
    label: str
    better: str | None
    unit: str
    description: str
    required: bool = True

    def __post_init__(self) -> None:
        if self.part not in PARTS:
            raise ValueError(f"Metric {self.name}: part={self.part!r} must be one of {PARTS}")
        if self.better not in (LOWER, HIGHER, None):
            raise ValueError(f"Metric {self.name}: better={self.better!r} must be {LOWER!r}, {HIGHER!r} or None")

    def beats(self, new: float, old: float) -> bool:
        """True when `new` is strictly better than `old` (a tie is not better)."""
        self._ranked()
        return new < old if self.better == LOWER else new > old

    def within(self, new: float, old: float, tolerance: float) -> bool:
        """True when `new` is not worse than `old` by more than `tolerance`."""
        self._ranked()
        return new <= old + tolerance if self.better == LOWER else new >= old - tolerance

    def _ranked(self) -> None:
        if self.better is None:
            raise ValueError(f"{self.name} has no direction (a count or timing); it cannot rank models")


METRICS: tuple[Metric, ...] = (
    Metric("test_perplexity", TEST, "perplexity", "test perplexity (per token)", LOWER, "",
           "exp of the mean negative log-likelihood per reflection token (tokenizer-dependent)"),
    Metric("test_word_perplexity", TEST, "word_perplexity", "test word perplexity", LOWER, "",
           "the same likelihood per whitespace word: comparable across tokenizers"),
    Metric("test_pairs", TEST, "pairs", "test pairs", None, "pairs", "(case, reflection) pairs scored"),
    Metric("test_words", TEST, "words", "test words", None, "words", "reflection words scored"),
    Metric("test_tokens", TEST, "tokens", "test tokens", None, "tokens", "reflection tokens scored",
           required=False),
    Metric("test_pairs_skipped", TEST, "skipped", "pairs skipped (too long)", None, "pairs",
           "pairs left out: empty or longer than the prompt's max_length", required=False),
    Metric("val_quality_top1_mean", QUALITY, "top1_mean", "top-1 mean scorer score (0 when none shown)", HIGHER,
           "score in [0, 1]", "mean over answered validation cases of the best shown candidate's reflection "
           "scorer score, 0 where none passed the threshold"),
    Metric("val_quality_top1_pass_rate", QUALITY, "top1_pass_rate",
           "share of cases with a candidate above the threshold", HIGHER, "share in [0, 1]",
           "answered validation cases with at least one candidate above the scorer's threshold"),
    Metric("val_quality_skipped_crisis", QUALITY, "skipped_crisis", "cases the crisis screen stopped (skipped)",
           None, "cases", "validation cases the crisis screen answered with resources instead of reflections"),
    Metric("best_val_loss", TRAIN, "best_val_loss", "best val loss", LOWER, "nats per label token",
           "validation loss of the kept checkpoint"),
    Metric("train_tokens_per_s", TRAIN, "tokens_per_s", "tokens/s (real tokens)", None, "tokens/s",
           "training throughput, padding not counted"),
    Metric("train_seconds", TRAIN, "train_seconds", "training time (s)", None, "s", "wall time of the train loop"),
)
BY_NAME: dict[str, Metric] = {metric.name: metric for metric in METRICS}
if len(BY_NAME) != len(METRICS):  # pragma: no cover - a typo in the table above
    raise ValueError("two metrics of the contract share a name")


def metric(name: str) -> Metric:
    """The contract's metric of that name; the error lists the names there are."""
    try:
        return BY_NAME[name]
    except KeyError:
        raise SettingsError(f"{name!r} is not a metric of the contract (tasks/core/metrics.py); "
                            f"known: {sorted(BY_NAME)}") from None


def of_part(part: str) -> tuple[Metric, ...]:
    """The contract's metrics of one part, in table order."""
    if part not in PARTS:
        raise ValueError(f"part={part!r} must be one of {PARTS}")
    return tuple(m for m in METRICS if m.part == part)


def ranking_metric(name: str, setting: str) -> Metric:
    """The metric a promotion setting names; it must have a direction."""
    found = metric(name)
    if found.better is None:
        ranked = [m.name for m in METRICS if m.better is not None]
        raise SettingsError(f"{setting}={name!r} is a count or timing with no direction; use one of {ranked}")
    return found


def missing_required(part: str, values: Mapping[str, Any]) -> list[str]:
    """Keys of the part's required metrics that `values` lacks."""
    return [m.key for m in of_part(part) if m.required and m.key not in values]


def named_metrics(parts: Mapping[str, Mapping[str, Any] | None]) -> dict[str, float]:
    """The run's metrics by contract name from stage results, e.g. {TEST: score_pairs(...)}.

    A part given as None (no quality report) contributes nothing; a required metric missing
    from a part that is given is an error. Values stay as they are (an infinite perplexity
    too: promotion refuses it, and MLflow logging leaves it out)."""
    named: dict[str, float] = {}
    for part, values in parts.items():
        if values is None:
            continue
        missing = missing_required(part, values)
        if missing:
            raise ValueError(f"the {part} results lack {missing}; the stage that writes them is older than "
                             "the metrics contract (tasks/core/metrics.py)")
        for m in of_part(part):
            if m.key in values:
                named[m.name] = values[m.key]
    return named
