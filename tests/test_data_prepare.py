"""prepare(): drops by reason, splits by question, leakage guard, dedup, report, and file round trips."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from tasks.core.data.bench import generate_rows, run_prepare_benchmark
from tasks.core.data.clean import find_contact_info
from tasks.core.data.errors import DataError
from tasks.core.data.prepare import PAIR_COLUMNS, REPORT_KEYS, prepare, read_pairs, write_prepared
from tasks.core.data.sample import SAMPLE_CSV
from tasks.core.data.settings import DataSettings
from tasks.core.settings_io import SettingsError

SPLITS = ("train", "val", "test")
# These tests are about the pipeline (splits, guards, report, files): the opening rule keeps them
# independent of the reflection scorer; extraction by reflection has its own tests below.
OPENING = DataSettings(extraction="opening")


def answer(question: int, index: int) -> str:
    """A distinct answer whose first sentence is a keyword reflection."""
    return f"Hi there. It sounds like question {question} answer {index} weighs on you. More advice follows here."


def rows(questions: int, answers_per_question: int = 2, split: dict[int, str] | None = None) -> pd.DataFrame:
    """A frame with `questions` questions; a split column only when `split` is given."""
    records = []
    for q in range(questions):
        for a in range(answers_per_question):
            record = {"questionID": q, "questionTitle": f"Title {q}", "questionText": f"Question text {q}?",
                      "answerText": answer(q, a)}
            if split is not None:
                record["split"] = split[q]
            records.append(record)
    return pd.DataFrame.from_records(records)


def question_splits(pairs: pd.DataFrame) -> dict[str, str]:
    per_question = pairs.groupby("question_id")["split"].unique()
    assert all(len(s) == 1 for s in per_question), "a question appears in two splits"
    return {qid: s[0] for qid, s in per_question.items()}


def test_report_has_exact_keys_and_adds_up() -> None:
    frame = rows(40)
    frame.loc[0, "answerText"] = ""  # empty_answer
    frame.loc[1, "answerText"] = "Hi. Ok."  # no_reflection
    prepared = prepare(frame, OPENING)
    report = prepared.report
    assert tuple(report) == REPORT_KEYS
    assert list(prepared.pairs.columns) == PAIR_COLUMNS
    assert set(report["splits"]) == set(SPLITS)
    assert report["rows_in"] == 80
    assert report["dropped"] == {"empty_answer": 1, "no_reflection": 1}
    removed = sum(report["dropped"].values()) + report["cross_split_duplicates_removed"] + report["duplicate_pairs_removed"]
    assert report["rows_in"] == report["pairs"] + removed
    assert report["pairs"] == len(prepared.pairs) == sum(s["pairs"] for s in report["splits"].values())
    for name in SPLITS:
        part = prepared.pairs[prepared.pairs["split"] == name]
        assert report["splits"][name] == {"pairs": len(part), "questions": part["question_id"].nunique()}
    json.dumps(report)  # JSON-ready


def test_examples_are_ten_real_pairs() -> None:
    prepared = prepare(rows(40), OPENING)
    examples = prepared.report["examples"]
    assert len(examples) == 10
    as_tuples = set(prepared.pairs[["case", "reflection", "split"]].itertuples(index=False, name=None))
    for example in examples:
        assert set(example) == {"case", "reflection", "split"}
        assert (example["case"], example["reflection"], example["split"]) in as_tuples


def test_no_split_column_carves_90_5_5_by_question_deterministically() -> None:
    frame = rows(40)
    first = prepare(frame, OPENING)
    splits = question_splits(first.pairs)
    counts = {name: sum(1 for s in splits.values() if s == name) for name in SPLITS}
    assert counts == {"train": 36, "val": 2, "test": 2}
    again = prepare(frame.sample(frac=1.0, random_state=3), OPENING)  # row order must not matter
    assert question_splits(again.pairs) == splits
    other_seed = prepare(frame, DataSettings(seed=7, extraction="opening"))
    assert question_splits(other_seed.pairs) != splits


def test_existing_split_column_is_kept_and_validation_maps_to_val() -> None:
    names = {q: ("train" if q < 6 else "validation" if q < 8 else "test") for q in range(10)}
    pairs = prepare(rows(10, split=names), OPENING).pairs
    expected = {str(q): ("val" if s == "validation" else s) for q, s in names.items()}
    assert question_splits(pairs) == expected


def test_missing_test_split_is_carved_from_train_questions_only() -> None:
    names = {q: ("val" if q >= 36 else "train") for q in range(40)}
    pairs = prepare(rows(40, split=names), OPENING).pairs
    splits = question_splits(pairs)
    assert {q for q, s in splits.items() if s == "val"} == {"36", "37", "38", "39"}
    test_questions = {q for q, s in splits.items() if s == "test"}
    assert len(test_questions) == 2 and all(int(q) < 36 for q in test_questions)


def test_leakage_guard_removes_later_split_copies_of_answers_and_reflections() -> None:
    names = {0: "train", 1: "train", 2: "val", 3: "val", 4: "test", 5: "test", 6: "test"}
    frame = rows(7, answers_per_question=1, split=names)
    shared = frame.loc[0, "answerText"]
    # same answer up to case, punctuation and spacing -> removed from val
    frame.loc[2, "answerText"] = "  " + shared.upper().replace(".", " !") + " "
    # a different answer with the same reflection as a val pair -> removed from test
    frame.loc[4, "answerText"] = frame.loc[3, "answerText"].split(". ")[1] + ". Totally different other text."
    prepared = prepare(frame, OPENING)
    assert prepared.report["cross_split_duplicates_removed"] == 2
    kept = set(prepared.pairs["question_id"])
    assert kept == {"0", "1", "3", "5", "6"}
    train_reflections = set(prepared.pairs.loc[prepared.pairs["split"] == "train", "reflection"].str.lower())
    later = prepared.pairs.loc[prepared.pairs["split"] != "train", "reflection"].str.lower()
    assert not train_reflections & set(later)


def test_identical_pairs_inside_a_split_are_kept_once() -> None:
    names = {q: ("train" if q < 8 else "val" if q == 8 else "test") for q in range(10)}
    frame = rows(10, split=names)
    duplicate = frame.iloc[[0, 0, 1]].copy()  # two more copies of one pair, one of another
    prepared = prepare(pd.concat([frame, duplicate], ignore_index=True), OPENING)
    assert prepared.report["duplicate_pairs_removed"] == 3
    assert prepared.report["cross_split_duplicates_removed"] == 0
    assert not prepared.pairs.duplicated(["split", "case", "reflection"]).any()
    assert prepared.report["pairs"] == 20


def test_drop_reasons_are_counted() -> None:
    frame = rows(40).astype(object)
    frame.loc[0, "answerText"] = None
    frame.loc[1, "answerText"] = 42
    frame.loc[2, "answerText"] = "<p>&nbsp;</p>"
    frame.loc[3, "answerText"] = "It sounds like www.example.org has what you need."
    frame.loc[4, "answerText"] = "It sounds like you could call 555-123-4567 tonight."
    frame.loc[5, "answerText"] = "It sounds like you could e-mail me at jo@example.com."
    frame.loc[6, ["questionText", "questionTitle"]] = ["", None]
    report = prepare(frame, OPENING).report
    assert report["dropped"] == {
        "contains_email": 1, "contains_phone": 1, "contains_url": 1, "empty_answer": 2, "empty_case": 1,
        "non_text_answer": 1,
    }


def test_case_falls_back_to_title_and_ids_are_derived_when_absent() -> None:
    frame = rows(40).drop(columns=["questionID"])
    frame.loc[frame.index < 2, "questionText"] = ""
    pairs = prepare(frame, OPENING).pairs
    assert set(pairs.loc[pairs["case"] == "Title 0", "question_id"]) != set()
    ids = pairs.groupby("case")["question_id"].unique()
    assert all(len(v) == 1 for v in ids) and ids.map(lambda v: v[0]).is_unique
    assert pairs["question_id"].str.startswith("q_").all()
    assert prepare(frame, OPENING).pairs["question_id"].tolist() == pairs["question_id"].tolist()  # stable


@pytest.mark.parametrize(
    ("change", "pattern"),
    [
        (lambda f: f.assign(answerText="Hi."), r"no row survived .*'no_reflection': 80"),
        (lambda f: f.assign(split=["train"] * 79 + ["holdout"]), r"unknown split value\(s\) \['holdout'\]"),
        (lambda f: f.assign(split=["train"] * 79 + [""]), "1 of 80 rows have an empty split value"),
        (lambda f: f.assign(split=["train"] * 79 + ["val"]), "more than one split"),
        (lambda f: f.assign(split="test"), "no train rows"),
        (lambda f: f.head(4), "cannot carve"),
        (lambda f: f.iloc[0:0], "no data rows"),
    ],
)
def test_bad_data_raises_data_error(change, pattern: str) -> None:
    with pytest.raises(DataError, match=pattern):
        prepare(change(rows(40)), OPENING)


def test_split_emptied_by_leakage_guard_is_an_error() -> None:
    names = {0: "train", 1: "val", 2: "test"}
    frame = rows(3, answers_per_question=1, split=names)
    frame.loc[1, "answerText"] = frame.loc[0, "answerText"]
    with pytest.raises(DataError, match=r"\['val'\] have no pairs left"):
        prepare(frame, OPENING)


def test_csv_file_in_small_batches_matches_dataframe(tmp_path: Path) -> None:
    frame = rows(40)
    path = tmp_path / "rows.csv"
    frame.to_csv(path, index=False)
    from_file = prepare(str(path), DataSettings(batch_rows=7, extraction="opening"))
    from_frame = prepare(frame, OPENING)
    pd.testing.assert_frame_equal(from_file.pairs, from_frame.pairs)
    assert from_file.report == from_frame.report


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_write_and_read_pairs_round_trip(tmp_path: Path, fmt: str) -> None:
    prepared = prepare(rows(40), OPENING)
    paths = write_prepared(prepared, tmp_path / "out", fmt=fmt)
    assert set(paths) == {"train", "val", "test", "report"}
    for name in SPLITS:
        assert paths[name].name == f"{name}.{fmt}"
        back = read_pairs(paths[name])
        expected = prepared.pairs[prepared.pairs["split"] == name].reset_index(drop=True)
        pd.testing.assert_frame_equal(back[PAIR_COLUMNS].astype(str), expected.astype(str))
    assert json.loads(paths["report"].read_text()) == json.loads(json.dumps(prepared.report))


@pytest.mark.parametrize(
    ("name", "content", "pattern"),
    [
        ("no_columns.jsonl", '{"prompt": "x", "completion": "y"}\n', r"lacks column\(s\) \['case', 'reflection'\]"),
        ("empty.jsonl", "", "empty"),
        ("pairs.csv", "case,reflection\nA,B\n", "not .csv"),
    ],
)
def test_read_pairs_errors(tmp_path: Path, name: str, content: str, pattern: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(DataError, match=pattern):
        read_pairs(path)


@pytest.mark.parametrize(
    "kwargs",
    [{"val_fraction": 0.0}, {"test_fraction": 0.5}, {"val_fraction": -0.1}, {"keyword_min_words": 5, "keyword_max_words": 4},
     {"fallback_min_words": 0}, {"batch_rows": 0}, {"keyword_max_sentences": 0}, {"seed": 1.5}],
)
def test_settings_reject_bad_values(kwargs: dict) -> None:
    with pytest.raises(SettingsError):
        DataSettings(**kwargs)


def test_settings_to_dict_round_trips() -> None:
    settings = DataSettings(seed=3, batch_rows=100)
    assert DataSettings(**settings.to_dict()) == settings
    assert settings.to_dict()["keyword_max_sentences"] == 6


def test_generated_rows_are_deterministic_and_prepare_cleanly() -> None:
    first, second = generate_rows(300, seed=5), generate_rows(300, seed=5)
    pd.testing.assert_frame_equal(first, second)
    assert len(first) == 300 and {"questionID", "questionText", "answerText", "split"} <= set(first.columns)
    assert not first.equals(generate_rows(300, seed=6))
    prepared = prepare(first, OPENING)
    assert prepared.report["dropped"]  # the generator's messiness is seen
    assert not any(find_contact_info(r) for r in prepared.pairs["reflection"])
    assert not prepared.pairs["reflection"].str.contains(r"<|&nbsp;|\u00a0|\u200b", regex=True).any()


def test_benchmark_reports_its_figures() -> None:
    result = run_prepare_benchmark(rows=300, seed=1)
    assert set(result) == {"rows", "seconds", "rows_per_s", "pairs", "extraction"}
    assert result["rows"] == 300 and result["seconds"] > 0 and 0 < result["pairs"] <= 300


def test_shipped_sample_prepares_into_three_clean_splits() -> None:
    prepared = prepare(str(SAMPLE_CSV), OPENING)
    assert all(prepared.report["splits"][name]["pairs"] > 0 for name in SPLITS)
    assert not any(find_contact_info(r) for r in prepared.pairs["reflection"])
    assert not prepared.pairs["reflection"].str.contains(r"</?[A-Za-z][^<>]*>", regex=True).any()


# ------------------------------------------------------------------ extraction by reflection
REFLECTIVE_ANSWER = (
    "Thank you for writing. It sounds like you feel lonely in the new city after {months} months, and the "
    "weekends are the hardest part. You could try joining a club or a class. Many people find that helps."
)
ADVICE_ANSWER = "Try joining a club. Volunteering is another good way to meet people. Give it time."


def lonely_rows(questions: int = 30) -> pd.DataFrame:
    records = []
    for q in range(questions):
        case = f"I moved to a new city {q + 2} months ago for work and I still have no friends. Weekends are the worst."
        for index, text in enumerate((REFLECTIVE_ANSWER, ADVICE_ANSWER)):
            records.append({"questionID": q, "questionText": case,
                            "answerText": text.format(months=q + 2) if index == 0 else text + f" Step {q}."})
    return pd.DataFrame.from_records(records)


def test_extraction_by_reflection_keeps_the_reflective_sentence_and_drops_advice_only_answers() -> None:
    prepared = prepare(lonely_rows())
    report = prepared.report
    assert report["dropped"].get("no_reflective_sentence") == 30  # every advice-only answer
    assert all(r.startswith("It sounds like you feel lonely") for r in prepared.pairs["reflection"])
    assert report["extraction"]["rule"] == "reflection" and report["extraction"]["answers_kept"] == 30
    assert report["extraction"]["answers_considered"] == 60 and report["extraction"]["kept_share"] == 0.5
    assert report["extraction"]["threshold"] > 0 and report["extraction"]["plain_only"] is True


def test_plain_only_extraction_drops_a_verdict_that_merely_says_you() -> None:
    verdict = "You are not to blame for feeling lonely in a new city."
    frame = lonely_rows().assign(answerText=lambda df: [verdict + " " + text for text in df["answerText"]])
    plain = prepare(frame, DataSettings(reflection_threshold=0.01))
    assert plain.report["extraction"]["answers_kept"] == 30  # only the answers holding a real reflection
    assert not plain.pairs["reflection"].str.contains("not to blame|Try", regex=True).any()
    loose = prepare(frame, DataSettings(reflection_threshold=0.01, reflection_plain_only=False))
    assert loose.report["extraction"]["answers_kept"] == 60  # the scorer alone keeps a sentence of each


def test_the_opening_rule_stays_available_and_picks_the_opener() -> None:
    prepared = prepare(lonely_rows(), DataSettings(extraction="opening"))
    assert prepared.report["extraction"] == {"rule": "opening", "answers_considered": 60, "answers_kept": 60,
                                             "kept_share": 1.0, "written_reflections_added": 0,
                                             "written_reflections_by_split": {"train": 0, "val": 0, "test": 0}}
    assert "Try joining a club." in set(prepared.pairs["reflection"])  # the original rule keeps openers


def test_a_threshold_nothing_reaches_is_a_data_error_that_names_the_reason() -> None:
    with pytest.raises(DataError, match="no_reflective_sentence"):
        prepare(lonely_rows(), DataSettings(reflection_threshold=0.99999))


@pytest.mark.parametrize("bad", [{"extraction": "keyword"}, {"reflection_threshold": 1.5},
                                 {"reflection_threshold": 0}, {"reflection_sentences_searched": 0}])
def test_bad_extraction_settings_are_refused(bad) -> None:
    with pytest.raises(SettingsError):
        DataSettings(**bad)


def test_spans_are_single_sentences_and_adjacent_pairs_of_usable_ones() -> None:
    from tasks.core.data.extract import best_span, candidate_spans

    cleaned = "Hi there. It sounds like you feel alone. You miss your old friends. Call 555-123-4567 today."
    sentences, spans = candidate_spans(cleaned, DataSettings())
    assert len(sentences) == 4 and sentences[1] == "It sounds like you feel alone."
    assert spans == [(1,), (2,), (1, 2)]  # no greeting, no contact line
    assert best_span(spans, [0.9, 0.2, 0.95], threshold=0.8) == 0  # a pair needs each half >= half the threshold
    assert best_span(spans, [0.9, 0.5, 0.95], threshold=0.8) == 2
    assert best_span(spans, [0.3, 0.5, 0.6], threshold=0.8) is None


def test_shipped_sample_prepares_by_reflection_into_three_splits() -> None:
    prepared = prepare(str(SAMPLE_CSV))
    assert all(prepared.report["splits"][name]["pairs"] > 0 for name in SPLITS)


def test_written_reflections_join_the_questions_they_were_written_for_in_every_split() -> None:
    from tasks.core.data.counsel_chat import COUNSEL_CHAT_CSV, WRITTEN_REFLECTIONS

    opening = DataSettings(extraction="opening")
    with_written = prepare(str(COUNSEL_CHAT_CSV), opening)
    without = prepare(str(COUNSEL_CHAT_CSV), DataSettings(extraction="opening", written_reflections=False))
    extraction = with_written.report["extraction"]
    written = {}
    for line in WRITTEN_REFLECTIONS.open(encoding="utf-8"):
        row = json.loads(line)
        written[row["reflection"]] = row["question_id"]
    assert 0 < extraction["written_reflections_added"] <= len(written)
    assert sum(extraction["written_reflections_by_split"].values()) == extraction["written_reflections_added"]
    # They follow their question: into train, the data's own val questions and the carved test questions.
    assert all(extraction["written_reflections_by_split"][name] > 0 for name in SPLITS)
    pairs = with_written.pairs
    joined = pairs[pairs["reflection"].isin(written)]
    assert len(joined) == extraction["written_reflections_added"]
    assert (joined["question_id"] == joined["reflection"].map(written)).all()
    assert len(pairs) == len(without.pairs) + len(joined)
    assert prepare(rows(40), OPENING).report["extraction"]["written_reflections_added"] == 0  # other data: none
