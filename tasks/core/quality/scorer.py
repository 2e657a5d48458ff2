"""The reflection scorer: (case, sentence) -> score in [0, 1] by the five-point rubric.

Score = sigmoid(w_s . s + w_x . (c * s) + w_f . standardised features + b), where s and c are
the encoder's unit embeddings of the sentence and the case (`tasks.core.encoder`), c * s their
element-wise product (how the sentence relates to THIS case; its sum is their cosine) and the
features those of `features.pair_features`. The weights live in `head.json` beside this file,
rebuilt by `python -m tasks.core.quality.train_head`. A sentence is acceptable when its score
reaches the head's `threshold` (chosen on out-of-fold scores of the training labels).

Thirty candidates score in a few milliseconds after the encoder is loaded (`bench quality`).
"""
from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tasks.core.encoder import EMBEDDING_DIM, embed, embed_unique
from tasks.core.quality.features import FEATURE_NAMES, content_words, pair_features

HEAD_PATH = Path(__file__).with_name("head.json")


class ScorerError(RuntimeError):
    """The head file is missing or does not fit this code; the message says how to rebuild it."""


def feature_matrix(cases: Sequence[str], sentences: Sequence[str], case_vectors: np.ndarray,
                   sentence_vectors: np.ndarray) -> np.ndarray:
    """Rows [s, c * s, cheap features] for aligned pairs: shape (pairs, 2 * 512 + len(FEATURE_NAMES))."""
    content_of: dict[str, set[str]] = {}
    cheap = np.stack([
        pair_features(case, sentence, content_of.setdefault(case, content_words(case)))
        for case, sentence in zip(cases, sentences)
    ]) if len(sentences) else np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32)
    return np.hstack([sentence_vectors, case_vectors * sentence_vectors, cheap]).astype(np.float32)


@dataclass(frozen=True)
class ReflectionScorer:
    """A loaded head: `weights` over feature_matrix columns (cheap ones standardised with
    `feature_mean`/`feature_scale`), `bias`, and the acceptance `threshold`."""

    weights: np.ndarray
    bias: float
    feature_mean: np.ndarray
    feature_scale: np.ndarray
    threshold: float

    @classmethod
    def from_dict(cls, head: dict) -> "ReflectionScorer":
        expected = 2 * EMBEDDING_DIM + len(FEATURE_NAMES)
        if tuple(head.get("feature_names", ())) != FEATURE_NAMES or len(head.get("weights", ())) != expected:
            raise ScorerError(
                "the reflection head does not match this code's features (feature names or weight count "
                "differ). Fix: rebuild it with `python -m tasks.core.quality.train_head`."
            )
        return cls(weights=np.asarray(head["weights"], dtype=np.float32), bias=float(head["bias"]),
                   feature_mean=np.asarray(head["feature_mean"], dtype=np.float32),
                   feature_scale=np.asarray(head["feature_scale"], dtype=np.float32),
                   threshold=float(head["threshold"]))

    @classmethod
    def load(cls, path: str | Path = HEAD_PATH) -> "ReflectionScorer":
        path = Path(path)
        if not path.is_file():
            raise ScorerError(f"no reflection head at {path}. Fix: run `python -m tasks.core.quality.train_head`.")
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))

    def score_matrix(self, matrix: np.ndarray) -> np.ndarray:
        """Scores of feature_matrix rows."""
        cheap = (matrix[:, 2 * EMBEDDING_DIM:] - self.feature_mean) / self.feature_scale
        logits = matrix[:, : 2 * EMBEDDING_DIM] @ self.weights[: 2 * EMBEDDING_DIM] \
            + cheap @ self.weights[2 * EMBEDDING_DIM:] + self.bias
        return 1.0 / (1.0 + np.exp(-logits.astype(np.float64)))

    def score_pairs(self, cases: Sequence[str], sentences: Sequence[str]) -> np.ndarray:
        """Scores of aligned (case, sentence) pairs; each distinct text is encoded once."""
        if len(cases) != len(sentences):
            raise ValueError(f"score_pairs needs as many cases as sentences ({len(cases)} vs {len(sentences)})")
        if not sentences:
            return np.zeros(0)
        return self.score_matrix(feature_matrix(cases, sentences, embed_unique(cases), embed_unique(sentences)))

    @staticmethod
    def case_vector(case: str) -> np.ndarray:
        """The case's embedding, to pass to `score` when the same case is scored many times."""
        return embed([case])[0]

    def score(self, case: str, sentences: Sequence[str], case_vector: np.ndarray | None = None) -> np.ndarray:
        """Scores of several sentences answering one case; pass `case_vector` (from `case_vector(case)`)
        to reuse the case's embedding across calls."""
        if isinstance(sentences, str):
            raise TypeError("score() takes a sequence of sentences; wrap one sentence in a list")
        if not sentences:
            return np.zeros(0)
        if case_vector is None:
            case_vector = embed([case])[0]
        case_vectors = np.broadcast_to(case_vector, (len(sentences), EMBEDDING_DIM))
        return self.score_matrix(feature_matrix([case] * len(sentences), sentences, case_vectors, embed(sentences)))


@functools.lru_cache(maxsize=1)
def default_scorer() -> ReflectionScorer:
    """The packaged head, loaded once per process."""
    return ReflectionScorer.load()
