"""From raw rows to (case, reflection) pairs split by question, with a leakage guard and a report.

Steps: read in batches -> map column names -> clean + extract each answer (drops are
counted by reason) -> splits by question (kept from a `split` column; missing val/test
carved from train questions with the seed) -> leakage guard -> in-split dedup -> report.

Leakage guard (decided here): a val pair is removed when its normalized FULL ANSWER or
its normalized REFLECTION already occurs among train pairs; a test pair when either
occurs among train or val pairs. Normalized = lower case, every run of characters that
are not letters or digits (punctuation, underscores, whitespace) folded to one space;
answers are compared by a 64-bit hash of that form. Comparing the reflection too is
stricter than the answer alone: evaluation must never score a sentence the model was
trained on.
Both kinds count in `cross_split_duplicates_removed`. Then identical (case, reflection)
pairs inside one split are kept once (`duplicate_pairs_removed`).
"""
from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from tqdm.auto import tqdm

from tasks.core.data.errors import DataError
from tasks.core.data.extract import best_span, candidate_spans, case_text, clean_answer, reflection_from_clean
from tasks.core.data.ingest import _checked_path, _iter_json_lines, iter_row_batches, normalize_columns
from tasks.core.data.settings import DataSettings

SPLITS: tuple[str, ...] = ("train", "val", "test")
# Drop reason of extraction by reflection: no span of the answer reached the scorer's threshold.
NO_REFLECTIVE_SENTENCE = "no_reflective_sentence"
SCORE_CHUNK = 4096
PAIR_COLUMNS: list[str] = ["case", "reflection", "question_id", "split"]
REPORT_KEYS: tuple[str, ...] = (
    "rows_in", "pairs", "dropped", "splits", "cross_split_duplicates_removed", "duplicate_pairs_removed", "examples",
    "extraction",
)
EXAMPLE_COUNT = 10

_SPLIT_NAMES = {
    "train": "train", "training": "train",
    "val": "val", "valid": "val", "validation": "val", "dev": "val",
    "test": "test", "testing": "test",
}
_FOLD_PATTERN = r"[^\p{L}\p{N}]+"  # RE2 syntax (pyarrow): anything but letters and digits


@dataclass
class PreparedData:
    """The prepared pairs and the report that describes them.

    pairs: columns exactly case, reflection, question_id, split (train/val/test), ordered
        train, val, test and by input order inside a split.
    report: rows_in, pairs, dropped (count per reason), splits ({split: {pairs, questions}}),
        cross_split_duplicates_removed, duplicate_pairs_removed, examples (10 pairs).
    """

    pairs: pd.DataFrame
    report: dict


def fold_texts(texts: list[str]) -> list[str]:
    """Lower case, every run of non-letters/non-digits folded to one space, trimmed (vectorized)."""
    if not texts:
        return []
    folded = pc.utf8_trim_whitespace(
        pc.replace_substring_regex(pc.utf8_lower(pa.array(texts, type=pa.string())), pattern=_FOLD_PATTERN, replacement=" ")
    )
    return folded.to_pylist()


def fold_text(text: str) -> str:
    """fold_texts for one text: the normal form the leakage guard and derived question ids compare."""
    return fold_texts([text])[0]


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _question_id(value: object, case: str) -> str:
    """The given id as text, or a stable id derived from the normalized case when absent."""
    if not _is_missing(value):
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # 12.0 from a column with gaps is question 12
        text = str(value).strip()
        if text:
            return text
    return _derived_question_id(case)


@lru_cache(maxsize=65_536)
def _derived_question_id(case: str) -> str:
    """A stable id from the normalized question text (same text -> same id, across runs)."""
    return "q_" + hashlib.blake2b(fold_text(case).encode("utf-8"), digest_size=8).hexdigest()


def _split_name(value: object) -> str | None:
    """Canonical split for a raw value; "" for blank; None for an unknown value."""
    if _is_missing(value):
        return ""
    text = str(value).strip().lower()
    return "" if not text else _SPLIT_NAMES.get(text)


def _source_batches(source: str | Path | pd.DataFrame, batch_rows: int) -> Iterator[pd.DataFrame]:
    if isinstance(source, pd.DataFrame):
        for start in range(0, len(source), batch_rows):
            yield source.iloc[start : start + batch_rows]
    else:
        yield from iter_row_batches(source, batch_rows)


def _case_of(text: object, title: object, cache: dict[tuple[str | None, str | None], str]) -> str:
    if (text is None or isinstance(text, str)) and (title is None or isinstance(title, str)):
        case = cache.get((text, title))
        if case is None:
            case = cache[(text, title)] = case_text(text, title)
        return case
    return case_text(text, title)


def _scored_reflections(pending: list[tuple[str, list[str], list[tuple[int, ...]]]],
                        threshold: float, plain_only: bool) -> list[str | None]:
    """For each (case, sentences, spans): the best-scoring span's text, or None below the threshold.
    Every span of the batch is scored in one call (each distinct text encoded once); with
    `plain_only`, a span that `plainly_reflective` refuses scores 0 without reaching the encoder
    (most spans of real answers are refused, and the regex check is far cheaper than encoding)."""
    from tasks.core.quality.features import plainly_reflective
    from tasks.core.quality.scorer import default_scorer  # loads the encoder: only this rule needs it

    texts = [[" ".join(sentences[index] for index in span) for span in spans] for _, sentences, spans in pending]
    flat_cases = [case for (case, _, _), spans in zip(pending, texts) for _ in spans]
    flat_texts = [text for spans in texts for text in spans]
    to_score = [index for index, text in enumerate(flat_texts) if not plain_only or plainly_reflective(text)]
    scorer = default_scorer()
    scores = [0.0] * len(flat_texts)
    # Chunks only for the progress bar: scoring every span of the CounselChat file (guard off) takes
    # about a minute on 2 cores.
    for start in tqdm(range(0, len(to_score), SCORE_CHUNK), desc="scoring answer sentences", unit="chunk",
                      disable=None if len(to_score) > SCORE_CHUNK else True):  # None: off unless a terminal
        chunk = to_score[start : start + SCORE_CHUNK]
        chunk_scores = scorer.score_pairs([flat_cases[i] for i in chunk], [flat_texts[i] for i in chunk]).tolist()
        for index, score in zip(chunk, chunk_scores):
            scores[index] = score
    chosen: list[str | None] = []
    start = 0
    for (_, _, spans), span_texts in zip(pending, texts):
        best = best_span(spans, scores[start : start + len(spans)], threshold)
        chosen.append(None if best is None else span_texts[best])
        start += len(spans)
    return chosen


def reflection_threshold(settings: DataSettings) -> float:
    """The threshold the "reflection" extraction uses: the setting, else the scorer head's own."""
    if settings.reflection_threshold is not None:
        return float(settings.reflection_threshold)
    from tasks.core.quality.scorer import default_scorer

    return default_scorer().threshold


def _extract_batch(
    df: pd.DataFrame, first_row: int, settings: DataSettings, dropped: Counter, split_values: Counter,
    questions: dict[str, tuple[str, str | None]],
) -> pd.DataFrame:
    """Pairs of one normalized batch, with keys for the leakage guard; drops counted in `dropped`;
    `questions` gains (case, split) of every question with a candidate answer, kept or not."""
    count = len(df)
    answers = df["answerText"].tolist()
    texts = df["questionText"].tolist() if "questionText" in df.columns else [None] * count
    titles = df["questionTitle"].tolist() if "questionTitle" in df.columns else [None] * count
    given_ids = df["questionID"].tolist() if "questionID" in df.columns else [None] * count
    raw_splits = df["split"].tolist() if "split" in df.columns else None
    splits: list[str | None] = [_split_name(v) for v in raw_splits] if raw_splits is not None else [""] * count
    if raw_splits is not None:
        for raw, name in zip(raw_splits, splits):
            split_values[name if name is not None else f"?{raw}"] += 1
    by_reflection = settings.extraction == "reflection"
    case_cache: dict[tuple[str | None, str | None], str] = {}
    rows: list[tuple] = []
    pending: list[tuple[str, list[str], list[tuple[int, ...]]]] = []  # (case, sentences, spans) awaiting scores
    pending_rows: list[tuple] = []
    for index in range(count):
        cleaned, reason = clean_answer(answers[index])
        if cleaned is None:
            dropped[reason] += 1
            continue
        if by_reflection:
            sentences, spans = candidate_spans(cleaned, settings)
            if not spans:
                dropped[NO_REFLECTIVE_SENTENCE] += 1
                continue
            reflection = None
        else:
            reflection, reason = reflection_from_clean(cleaned, settings)
            if reflection is None:
                dropped[reason] += 1
                continue
        case = _case_of(texts[index], titles[index], case_cache)
        if not case:
            dropped["empty_case"] += 1
            continue
        row = (case, reflection, _question_id(given_ids[index], case), splits[index], cleaned, first_row + index)
        questions.setdefault(row[2], (case, splits[index]))
        if by_reflection:
            pending.append((case, sentences, spans))
            pending_rows.append(row)
        else:
            rows.append(row)
    if pending:
        chosen = _scored_reflections(pending, reflection_threshold(settings), settings.reflection_plain_only)
        for row, reflection in zip(pending_rows, chosen):
            if reflection is None:
                dropped[NO_REFLECTIVE_SENTENCE] += 1
            else:
                rows.append((row[0], reflection, *row[2:]))
        rows.sort(key=lambda row: row[-1])
    return _pairs_frame(rows)


def _pairs_frame(rows: list[tuple]) -> pd.DataFrame:
    """Rows of (case, reflection, question_id, split, answer text, row) as a frame with the
    leakage guard's keys, folded in one vectorized pass; answers are hashed to keep memory small."""
    pairs = pd.DataFrame(rows, columns=[*PAIR_COLUMNS, "answer_key", "row"], dtype=object)
    pairs["answer_key"] = pd.util.hash_array(np.array(fold_texts(pairs["answer_key"].tolist()), dtype=object))
    pairs["reflection_key"] = fold_texts(pairs["reflection"].tolist())
    return pairs


def _check_split_values(split_values: Counter, rows_in: int) -> bool:
    """Validate the split column's values; True when it assigns every row a split."""
    if not split_values:
        return False
    unknown = sorted(k[1:] for k in split_values if k.startswith("?"))
    if unknown:
        raise DataError(
            f"unknown split value(s) {unknown[:10]} in the split column. Accepted: train/training, "
            f"val/valid/validation/dev, test/testing. Fix: rename those values or drop the split column."
        )
    blanks = split_values.get("", 0)
    if blanks == rows_in:
        return False  # an all-blank column says nothing: treat as no split column
    if blanks:
        raise DataError(
            f"{blanks} of {rows_in} rows have an empty split value while the others have one. "
            f"Fix: give every row train/val/test, or drop the split column to carve splits by question."
        )
    return True


def _check_one_split_per_question(pairs: pd.DataFrame) -> None:
    per_question = pairs.groupby("question_id", sort=True)["split"].nunique()
    conflicts = per_question[per_question > 1].index.tolist()
    if conflicts:
        raise DataError(
            f"{len(conflicts)} question(s) have rows in more than one split (e.g. question_id {conflicts[:5]}); "
            f"that would leak answers between splits. Fix: give all rows of a question the same split, "
            f"or drop the split column."
        )


def _carve_missing_splits(pairs: pd.DataFrame, present: set[str], settings: DataSettings) -> pd.DataFrame:
    """Move whole train questions into val/test for each of those the input lacks (seeded, deterministic)."""
    missing = [name for name in ("val", "test") if name not in present]
    if not missing:
        return pairs
    train_questions = sorted(pairs.loc[pairs["split"] == "train", "question_id"].unique())
    total_questions = pairs["question_id"].nunique()
    fractions = {"val": settings.val_fraction, "test": settings.test_fraction}
    wanted = {name: max(1, int(fractions[name] * total_questions + 0.5)) for name in missing}
    if sum(wanted.values()) >= len(train_questions):
        raise DataError(
            f"cannot carve {wanted} questions out of {len(train_questions)} train question(s) with pairs and "
            f"keep any for training. Fix: provide more data (or val/test rows in a split column)."
        )
    order = np.random.default_rng(settings.seed).permutation(len(train_questions))
    assignment: dict[str, str] = {}
    position = 0
    for name in missing:
        for index in order[position : position + wanted[name]]:
            assignment[train_questions[index]] = name
        position += wanted[name]
    carved = pairs["question_id"].map(assignment)
    pairs = pairs.copy()
    pairs["split"] = carved.fillna(pairs["split"])
    return pairs


def _remove_cross_split_leaks(pairs: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Drop val/test pairs whose normalized answer or reflection occurs in an earlier split."""
    keep = np.ones(len(pairs), dtype=bool)
    seen_answers: set = set()
    seen_reflections: set = set()
    for name in SPLITS:
        in_split = (pairs["split"] == name).to_numpy().copy()
        if name != "train":
            leaked = in_split & (
                pairs["answer_key"].isin(seen_answers) | pairs["reflection_key"].isin(seen_reflections)
            ).to_numpy()
            keep &= ~leaked
            in_split = in_split & ~leaked
        seen_answers.update(pairs["answer_key"].to_numpy()[in_split])
        seen_reflections.update(pairs["reflection_key"].to_numpy()[in_split])
    return pairs[keep], int((~keep).sum())


def _with_written_reflections(pairs: pd.DataFrame, questions: dict[str, tuple[str, str | None]],
                              settings: DataSettings) -> pd.DataFrame:
    """Pairs plus the project's written reflections (`settings.written_reflections`), with a
    boolean column "written". A written reflection joins like an answer of its question, and
    follows it into whichever split it ends up in, when its question id is a question of this data
    marked train or val (or unmarked) AND that question's case starts as the one it was written
    for, so another data set with colliding ids gets none. Written reflections in val and test
    make those losses measure real reflections (CounselChat's own answers rarely hold one)."""
    pairs = pairs.assign(written=False)
    if not settings.written_reflections:
        return pairs
    from tasks.core.data.counsel_chat import WRITTEN_REFLECTIONS

    rows = []
    with WRITTEN_REFLECTIONS.open(encoding="utf-8") as handle:
        for line in handle:
            written = json.loads(line)
            case, split = questions.get(str(written["question_id"]), (None, None))
            if case is not None and split in ("train", "val", "") and case.startswith(written["case_start"].rstrip(" …")):
                rows.append((case, written["reflection"], str(written["question_id"]), split,
                             written["reflection"], len(pairs) + len(rows) + 1_000_000_000))
    if not rows:
        return pairs
    return pd.concat([pairs, _pairs_frame(rows).assign(written=True)], ignore_index=True)


def _examples(pairs: pd.DataFrame, seed: int) -> list[dict]:
    """Up to ten pairs drawn with the seed, in pair order."""
    if pairs.empty:
        return []
    count = min(EXAMPLE_COUNT, len(pairs))
    chosen = sorted(np.random.default_rng(seed).choice(len(pairs), size=count, replace=False).tolist())
    return pairs.iloc[chosen][["case", "reflection", "split"]].to_dict("records")


def _extraction_report(settings: DataSettings, extracted: int, dropped: Counter) -> dict:
    """Which rule picked the targets, and how many answers with text kept one (before split guards)."""
    without_text = dropped["empty_answer"] + dropped["non_text_answer"] + dropped["empty_case"]
    considered = extracted + sum(dropped.values()) - without_text
    report = {"rule": settings.extraction, "answers_considered": considered, "answers_kept": extracted,
              "kept_share": round(extracted / considered, 4) if considered else 0.0}
    if settings.extraction == "reflection":
        report["threshold"] = reflection_threshold(settings)
        report["plain_only"] = settings.reflection_plain_only
    return report


def prepare(source: str | Path | pd.DataFrame, settings: DataSettings = DataSettings()) -> PreparedData:
    """Read `source` (a path, `hf:<id>[:split]`, or a DataFrame) and build split pairs plus a report.

    DataError when the input is unreadable, lacks required columns, has bad split values,
    a question in two splits, too few questions to carve val/test, no surviving row, or a
    split that ends up with no pairs.
    """
    dropped: Counter = Counter()
    split_values: Counter = Counter()
    questions: dict[str, tuple[str, str | None]] = {}
    parts: list[pd.DataFrame] = []
    rows_in = 0
    for batch in _source_batches(source, settings.batch_rows):
        normalized = normalize_columns(batch)
        parts.append(_extract_batch(normalized, rows_in, settings, dropped, split_values, questions))
        rows_in += len(normalized)
    if rows_in == 0:
        raise DataError(f"{source if not isinstance(source, pd.DataFrame) else 'the DataFrame'} has no data rows. "
                        f"Fix: point to a file that holds CounselChat-style rows.")
    has_splits = _check_split_values(split_values, rows_in)
    pairs = pd.concat(parts, ignore_index=True)
    extracted = len(pairs)
    pairs = _with_written_reflections(pairs, questions, settings)
    if pairs.empty:
        raise DataError(
            f"no row survived cleaning and extraction ({rows_in} rows in; dropped per reason: "
            f"{dict(sorted(dropped.items()))}). Fix: check that answerText holds therapist answers in English "
            f"sentences and that questionText/questionTitle hold the questions."
        )
    if has_splits:
        _check_one_split_per_question(pairs)
        present = {name for name in split_values if name in SPLITS}
    else:
        pairs["split"] = "train"
        present = {"train"}
    if "train" not in present:
        raise DataError(
            f"the split column has no train rows (found {sorted(present)}). "
            f"Fix: include train rows, or drop the split column to carve 90/5/5 by question."
        )
    pairs = _carve_missing_splits(pairs, present, settings)
    written_added = int(pairs["written"].sum())
    written_by_split = {name: int((pairs["written"] & (pairs["split"] == name)).sum()) for name in SPLITS}
    pairs = pairs.drop(columns="written")
    pairs, cross_split_removed = _remove_cross_split_leaks(pairs)
    in_split_duplicates = pairs.duplicated(subset=["split", "case", "reflection"], keep="first")
    duplicate_pairs_removed = int(in_split_duplicates.sum())
    pairs = pairs[~in_split_duplicates]
    split_rank = pairs["split"].map({name: rank for rank, name in enumerate(SPLITS)})
    pairs = pairs.assign(_rank=split_rank).sort_values(["_rank", "row"], kind="stable")
    pairs = pairs[PAIR_COLUMNS].reset_index(drop=True)
    splits = {
        name: {
            "pairs": int((pairs["split"] == name).sum()),
            "questions": int(pairs.loc[pairs["split"] == name, "question_id"].nunique()),
        }
        for name in SPLITS
    }
    empty = [name for name in SPLITS if splits[name]["pairs"] == 0]
    if empty:
        raise DataError(
            f"split(s) {empty} have no pairs left (splits: {splits}; cross-split duplicates removed: "
            f"{cross_split_removed}). Fix: provide more questions for those splits, or raise "
            f"val_fraction/test_fraction so more train questions are carved out."
        )
    report = {
        "rows_in": rows_in,
        "pairs": len(pairs),
        "dropped": dict(sorted(dropped.items())),
        "splits": splits,
        "cross_split_duplicates_removed": cross_split_removed,
        "duplicate_pairs_removed": duplicate_pairs_removed,
        "examples": _examples(pairs, settings.seed),
        "extraction": {**_extraction_report(settings, extracted, dropped), "written_reflections_added": written_added,
                       "written_reflections_by_split": written_by_split},
    }
    return PreparedData(pairs=pairs, report=report)


def write_prepared(prepared: PreparedData, out_dir: str | Path, fmt: str = "jsonl") -> dict[str, Path]:
    """Write {split}.jsonl (or .parquet), one pair per line/row, and report.json; return their paths."""
    if fmt not in ("jsonl", "parquet"):
        raise ValueError(f"fmt must be 'jsonl' or 'parquet', got {fmt!r}")
    missing = [c for c in PAIR_COLUMNS if c not in prepared.pairs.columns]
    if missing:
        raise DataError(f"prepared pairs lack column(s) {missing}. Fix: build them with prepare().")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for name in SPLITS:
        part = prepared.pairs.loc[prepared.pairs["split"] == name, PAIR_COLUMNS].reset_index(drop=True)
        path = out / f"{name}.{fmt}"
        if fmt == "parquet":
            part.to_parquet(path, index=False)
        else:
            with path.open("w", encoding="utf-8") as handle:
                for record in part.to_dict("records"):
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        paths[name] = path
    report_path = out / "report.json"
    report_path.write_text(json.dumps(prepared.report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    paths["report"] = report_path
    return paths


def read_pairs(path: str | Path) -> pd.DataFrame:
    """A pairs .jsonl/.json/.parquet file (written by write_prepared, or one {"case", "reflection"}
    object per line): the one reader of pairs, for tokenizing, evaluation and the command line.
    DataError unless it exists and holds pairs with case and reflection columns."""
    if not Path(path).expanduser().exists():
        raise DataError(f"pairs file {path} does not exist. Fix: run `robo-therapist prepare` to write one, "
                        f"or check the path.")
    checked = _checked_path(path)
    if checked.suffix.lower() == ".csv":
        raise DataError(f"{checked}: pairs are stored as .jsonl or .parquet, not .csv. Fix: pass the file write_prepared wrote.")
    if checked.suffix.lower() == ".parquet":
        try:
            frame = pd.read_parquet(checked)
        except Exception as exc:  # pyarrow raises several types for a broken file
            raise DataError(f"{checked} is not a readable Parquet file ({exc}). Fix: write it again with write_prepared.") from exc
    else:
        batches = list(_iter_json_lines(checked, 100_000))
        frame = pd.concat(batches, ignore_index=True) if batches else pd.DataFrame()
    if frame.empty:
        raise DataError(f"{checked} holds no pairs. Fix: check that prepare() produced pairs for this split.")
    missing = [c for c in ("case", "reflection") if c not in frame.columns]
    if missing:
        raise DataError(
            f"{checked} lacks column(s) {missing} (found {list(frame.columns)}). "
            f"Fix: pass a pairs file written by write_prepared (columns case, reflection, question_id, split)."
        )
    return frame
