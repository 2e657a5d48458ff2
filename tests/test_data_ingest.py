"""Reading rows: file types, column-name variants, and the errors for bad input (with line numbers)."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from tasks.core.data import ingest
from tasks.core.data.errors import DataError
from tasks.core.data.ingest import iter_row_batches, normalize_columns, parse_hub_source, read_rows

HEADER = "questionID,questionTitle,questionText,answerText,split\n"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_with_quoted_commas_newlines_and_quotes(tmp_path: Path) -> None:
    path = write(
        tmp_path / "rows.csv",
        HEADER + '1,Title,"Line one,\nline two","He said ""hi"".",train\n2,T2,Q2,A2,val\n',
    )
    rows = read_rows(str(path))
    assert rows.to_dict("records") == [
        {"questionID": "1", "questionTitle": "Title", "questionText": "Line one,\nline two",
         "answerText": 'He said "hi".', "split": "train"},
        {"questionID": "2", "questionTitle": "T2", "questionText": "Q2", "answerText": "A2", "split": "val"},
    ]


def test_csv_with_utf8_bom_header(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.csv", "\ufeffquestionText,answerText\nQ,A\n")
    assert list(read_rows(path).columns) == ["questionText", "answerText"]


def test_batches_have_at_most_batch_rows(tmp_path: Path) -> None:
    path = write(tmp_path / "rows.csv", "questionText,answerText\n" + "".join(f"Q{i},A{i}\n" for i in range(5)))
    sizes = [len(batch) for batch in iter_row_batches(path, batch_rows=2)]
    assert sizes == [2, 2, 1]


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (["questionID", "questionTitle", "questionText", "answerText", "topic", "split"],
         ["questionID", "questionTitle", "questionText", "answerText", "topic", "split"]),
        (["question_id", "title", "question", "answer", "topics"],
         ["questionID", "questionTitle", "questionText", "answerText", "topic"]),
        (["QUESTION_TEXT", "Answer Text", "Question-ID"], ["questionText", "answerText", "questionID"]),
        (["question_title", "answer_text"], ["questionTitle", "answerText"]),
        (["Context", "Response"], ["questionText", "answerText"]),
        (["text", "answer"], ["questionText", "answerText"]),
        # the canonical name wins; the variant keeps its own name
        (["answerText", "answer", "questionTitle"], ["answerText", "answer", "questionTitle"]),
        # a better-ranked variant wins over a weaker one
        (["text", "question", "answer"], ["text", "questionText", "answerText"]),
        (["Unnamed: 0", "questionText", "answerText", "therapistInfo"],
         ["Unnamed: 0", "questionText", "answerText", "therapistInfo"]),
    ],
)
def test_normalize_columns_maps_variants(columns: list[str], expected: list[str]) -> None:
    frame = pd.DataFrame([["x"] * len(columns)], columns=columns)
    assert list(normalize_columns(frame).columns) == expected


@pytest.mark.parametrize(
    ("columns", "missing"),
    [
        (["foo", "bar"], "answerText"),
        (["question", "reply_body"], "answerText"),
        (["answer", "notes"], "questionText or questionTitle"),
    ],
)
def test_unmappable_columns_list_found_and_expected(columns: list[str], missing: str) -> None:
    frame = pd.DataFrame([["x"] * len(columns)], columns=columns)
    with pytest.raises(DataError) as error:
        normalize_columns(frame)
    message = str(error.value)
    assert missing in message
    for name in columns:
        assert name in message  # the columns found
    assert "answerText" in message and "questionText" in message  # the columns expected
    assert "Fix" in message


@pytest.mark.parametrize(
    ("body", "line"),
    [
        # a record with one field too many on physical line 4 (line 2-3 is one quoted record)
        ('1,T,"multi\nline",A,train\n2,T,Q,A,train,EXTRA\n', 4),
        # a record with a field missing on line 3
        ("1,T,Q,A,train\n2,T,Q,A\n", 3),
        # a quote that is never closed: the record starting at line 3 runs to the end
        ('1,T,Q,A,train\n2,T,"Q never closed,A,train\n3,T,Q,A,train\n', 3),
    ],
)
def test_malformed_csv_reports_line_number(tmp_path: Path, body: str, line: int) -> None:
    path = write(tmp_path / "bad.csv", HEADER + body)
    with pytest.raises(DataError, match=rf"line {line}\b") as error:
        read_rows(path)
    assert "Fix" in str(error.value)


def test_csv_with_a_300_kb_field_is_read(tmp_path: Path) -> None:
    # the older CounselChat export has a 224 KB answer; the csv module's default limit is 128 KB
    answer = "<p>" + "I hear you, and that sounds so hard. " * 8_200 + "</p>"
    assert len(answer) > 300_000
    path = write(tmp_path / "big.csv", HEADER + f'1,T,Q,"{answer}",train\n2,T,Q2,A2,val\n')
    rows = read_rows(path)
    assert rows["answerText"].tolist() == [answer, "A2"]


def test_csv_stray_quote_names_its_line(tmp_path: Path) -> None:
    # line 3: a quote inside a quoted field that is not doubled
    path = write(tmp_path / "stray.csv", HEADER + '1,T,Q,A,train\n2,T,"Q said "no" twice",A,train\n3,T,Q,A,val\n')
    with pytest.raises(DataError, match=r"malformed CSV in the record starting at line 3\b") as error:
        read_rows(path)
    assert "quote" in str(error.value) and "Fix" in str(error.value)


def test_csv_field_over_the_limit_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import csv

    previous = csv.field_size_limit()
    monkeypatch.setattr(ingest, "CSV_FIELD_LIMIT_CHARS", 1024)
    csv.field_size_limit(1024)
    try:
        path = write(tmp_path / "runaway.csv", HEADER + '1,T,Q,A,train\n2,T,"Q opens' + " x" * 2000 + ",A,train\n")
        with pytest.raises(DataError, match=r"record starting at line 3 has a field longer than") as error:
            read_rows(path)
        assert "never closed" in str(error.value)
    finally:
        csv.field_size_limit(previous)


def test_non_utf8_csv_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "latin1.csv", "questionText,answerText\nQ,A\nCaf\u00e9,B\n", encoding="latin-1")
    with pytest.raises(DataError, match=r"not valid UTF-8 at line 3") as error:
        read_rows(path)
    assert "iconv" in str(error.value)


def test_non_utf8_jsonl_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(b'{"questionText": "Q", "answerText": "A"}\n{"questionText": "Caf\xe9", "answerText": "B"}\n')
    with pytest.raises(DataError, match=r"UTF-8 at line 2"):
        read_rows(path)


@pytest.mark.parametrize(
    ("name", "content", "pattern"),
    [
        ("empty.csv", "", "empty"),
        ("blank.csv", "\n\n  \n", "empty"),
        ("header_only.csv", "questionText,answerText\n", "no data rows"),
        ("empty.jsonl", "", "empty"),
        ("blank_lines.jsonl", "\n\n", "no data rows"),
        ("empty.parquet", "", "empty"),
        ("rows.txt", "questionText,answerText\nQ,A\n", "unknown file type '.txt'"),
        ("rows", "questionText,answerText\nQ,A\n", "unknown file type"),
        ("dup.csv", "answerText,answerText\nA,B\n", "appears twice"),
        ("bad.jsonl", '{"answerText": "A"}\n{"answerText": \n', "line 2 is not valid JSON"),
        ("list.jsonl", '{"answerText": "A"}\n["not", "an object"]\n', "line 2 holds a JSON list"),
        ("broken.json", '[{"answerText": "A"},\n {"answerText": }]', "line 2"),
        ("broken.parquet", "this is not parquet", "not a readable Parquet file"),
    ],
)
def test_bad_files_raise_data_error(tmp_path: Path, name: str, content: str, pattern: str) -> None:
    path = write(tmp_path / name, content)
    with pytest.raises(DataError, match=pattern):
        read_rows(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="input file not found"):
        read_rows(tmp_path / "nope.csv")
    with pytest.raises(DataError, match="is not a file"):
        read_rows(tmp_path)


def test_jsonl_json_array_json_lines_and_parquet_agree(tmp_path: Path) -> None:
    records = [{"question": "Q1?", "answer": "A1.", "question_id": 7}, {"question": "Q2?", "answer": None, "question_id": 8}]
    jsonl = write(tmp_path / "rows.jsonl", "\n".join(json.dumps(r) for r in records) + "\n\n")
    json_lines = write(tmp_path / "rows.json", "\n".join(json.dumps(r) for r in records))
    json_array = write(tmp_path / "array.json", json.dumps(records, indent=2))
    parquet = tmp_path / "rows.parquet"
    pd.DataFrame.from_records(records).to_parquet(parquet)
    for path in (jsonl, json_lines, json_array, parquet):
        rows = normalize_columns(read_rows(path))
        assert rows["questionText"].tolist() == ["Q1?", "Q2?"], path.name
        assert rows["answerText"].iloc[0] == "A1." and pd.isna(rows["answerText"].iloc[1]), path.name
        assert rows["questionID"].tolist() == [7, 8], path.name


@pytest.mark.parametrize(
    ("source", "expected"),
    [("hf:nbertagnolli/counsel-chat", ("nbertagnolli/counsel-chat", None)),
     ("hf:nbertagnolli/counsel-chat:train", ("nbertagnolli/counsel-chat", "train"))],
)
def test_parse_hub_source(source: str, expected: tuple[str, str | None]) -> None:
    assert parse_hub_source(source) == expected


def test_hub_source_without_id_is_an_error() -> None:
    with pytest.raises(DataError, match="names no dataset"):
        parse_hub_source("hf:")


def test_unreachable_hub_fails_fast_with_offline_options(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("HF_DATASETS_OFFLINE", raising=False)
    monkeypatch.setattr(ingest, "hub_reachable", lambda timeout_s=3.0: False)
    with pytest.raises(DataError, match="cannot reach the Hugging Face Hub") as error:
        read_rows("hf:nbertagnolli/counsel-chat")
    message = str(error.value)
    assert "local file" in message and "HF_HUB_OFFLINE=1" in message


def test_offline_mode_missing_from_cache_is_a_data_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    with pytest.raises(DataError, match="Offline mode is on") as error:
        read_rows("hf:nobody-here/no-such-dataset:train")
    assert "local file" in str(error.value)
