"""Reading raw rows: CSV, JSON Lines / JSON, Parquet files, or `hf:<dataset id>[:split]`.

Files are read in batches (`iter_row_batches`) so large inputs stream; `read_rows`
joins the batches. CSV is parsed with the standard `csv` module (strict quoting) so
a malformed record is reported with its physical LINE number, which pandas cannot do.
Fields are read up to `CSV_FIELD_LIMIT_CHARS` (16 MiB; the csv module's own default is 128 KB).
Columns come back exactly as the file names them; `normalize_columns` maps the
variants (`answer`, `question_id`, `Title`, ...) to the canonical CounselChat names.
"""
from __future__ import annotations

import csv
import json
import logging
import os
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from tasks.core.data.errors import DataError

logger = logging.getLogger(__name__)

SUPPORTED_EXTENSIONS = (".csv", ".jsonl", ".json", ".parquet")
HF_PREFIX = "hf:"

# Canonical column -> accepted keys, best first. A key is the column name lower-cased
# with everything but letters and digits removed, so questionID, question_id and
# "Question ID" all read as "questionid".
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "questionID": ("questionid", "qid"),
    "questionTitle": ("questiontitle", "title"),
    "questionText": ("questiontext", "question", "questionbody", "context", "text"),
    "answerText": ("answertext", "answer", "answerbody", "response"),
    "topic": ("topic", "topics"),
    "split": ("split",),
}
REQUIRED_ANSWER = "answerText"
QUESTION_COLUMNS = ("questionText", "questionTitle")

# The largest CSV field read, in characters. The csv module stops at 128 KB by default, and
# the older CounselChat export has a 224 KB answer (HTML); 16 MiB is far above any real
# answer yet still stops a runaway quote from reading a whole large file into one field.
CSV_FIELD_LIMIT_CHARS = 16 * 1024 * 1024

_NON_ALNUM = re.compile(r"[^a-z0-9]")
_HUB_PROBE_TIMEOUT_S = 3.0


def column_key(name: object) -> str:
    """Lower-case name without separators: `question_ID` -> `questionid`."""
    return _NON_ALNUM.sub("", str(name).lower())


def normalize_columns(df: pd.DataFrame) -> pd.DataFrame:
    """Rename variant column names to the canonical ones; DataError when required ones are missing.

    Required: `answerText`, and `questionText` or `questionTitle`. When a canonical
    column is present as-is it wins over any variant; otherwise the best-ranked
    variant wins and other variants are kept under their own names.
    """
    columns = list(df.columns)
    renames: dict[object, str] = {}
    for canonical, keys in COLUMN_ALIASES.items():
        if canonical in columns:
            continue
        for key in keys:
            match = next((c for c in columns if column_key(c) == key and c not in renames), None)
            if match is not None:
                renames[match] = canonical
                break
    result = df.rename(columns=renames) if renames else df
    missing = []
    if REQUIRED_ANSWER not in result.columns:
        missing.append(REQUIRED_ANSWER)
    if not any(c in result.columns for c in QUESTION_COLUMNS):
        missing.append(" or ".join(QUESTION_COLUMNS))
    if missing:
        accepted = "; ".join(f"{c}: {', '.join(COLUMN_ALIASES[c])}" for c in (REQUIRED_ANSWER, *QUESTION_COLUMNS))
        raise DataError(
            f"missing required column(s) {missing}. Columns found: {[str(c) for c in columns]}. "
            f"Expected answerText and questionText or questionTitle (names are matched case-insensitively "
            f"ignoring _ - and spaces; accepted variants: {accepted}). "
            f"Fix: rename the columns in the file to one of these names."
        )
    return result


def read_rows(source: str | Path) -> pd.DataFrame:
    """All rows of a CSV / .jsonl / .json / .parquet path or `hf:<dataset id>[:split]`, columns as named there.

    DataError (with what to do) for a missing, empty, unreadable or non-UTF-8 file, a
    malformed line (with its line number), an unknown extension, or an unreachable Hub.
    """
    batches = list(iter_row_batches(source))
    if not batches:
        raise DataError(f"{source}: has a header/structure but no data rows. Fix: point to a file that holds rows.")
    return batches[0] if len(batches) == 1 else pd.concat(batches, ignore_index=True)


def iter_row_batches(source: str | Path, batch_rows: int = 20_000) -> Iterator[pd.DataFrame]:
    """Yield the rows of `source` as DataFrames of at most `batch_rows` rows (nothing for no rows)."""
    if batch_rows < 1:
        raise ValueError(f"batch_rows must be >= 1, got {batch_rows}")
    if isinstance(source, str) and source.startswith(HF_PREFIX):
        frame = _load_hub_dataset(source)
        for start in range(0, len(frame), batch_rows):
            yield frame.iloc[start : start + batch_rows].reset_index(drop=True)
        return
    path = _checked_path(source)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        yield from _iter_csv(path, batch_rows)
    elif suffix == ".parquet":
        yield from _iter_parquet(path, batch_rows)
    elif suffix == ".json" and _first_non_space_char(path) == "[":
        yield from _iter_json_array(path, batch_rows)
    else:  # .jsonl, or .json holding one object per line
        yield from _iter_json_lines(path, batch_rows)


def _checked_path(source: str | Path) -> Path:
    """The path, after checking it exists, is a non-empty file and has a supported extension."""
    path = Path(source).expanduser()
    if not path.exists():
        raise DataError(
            f"input file not found: {path}. Fix: check the path (relative paths start at {Path.cwd()}), "
            f"or use hf:<dataset id> to load from the Hugging Face Hub."
        )
    if not path.is_file():
        raise DataError(f"input {path} is not a file. Fix: pass the path of a {'/'.join(SUPPORTED_EXTENSIONS)} file.")
    if path.suffix.lower() not in SUPPORTED_EXTENSIONS:
        raise DataError(
            f"unknown file type {path.suffix or '(no extension)'!r} for {path}. "
            f"Fix: use one of {', '.join(SUPPORTED_EXTENSIONS)} (rename the file if its content is one of these)."
        )
    if path.stat().st_size == 0:
        raise DataError(f"input file {path} is empty (0 bytes). Fix: point to the exported data file.")
    return path


def _first_undecodable_line(path: Path) -> tuple[int, str]:
    """(line number, error) of the first line that is not valid UTF-8; (0, "") when all are."""
    with path.open("rb") as handle:
        for line_number, raw in enumerate(handle, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                return line_number, str(exc)
    return 0, ""


def _not_utf8_error(path: Path) -> DataError:
    line_number, detail = _first_undecodable_line(path)
    where = f" at line {line_number} ({detail})" if line_number else ""
    return DataError(
        f"{path} is not valid UTF-8{where}. Fix: re-save it as UTF-8, e.g. "
        f"`iconv -f cp1252 -t utf-8 in.csv > out.csv` (use the file's real source encoding)."
    )


def _iter_csv(path: Path, batch_rows: int) -> Iterator[pd.DataFrame]:
    """Stream CSV records in batches; errors name the physical line of the bad record."""
    # The limit is process-wide in the csv module; raise it (never lower it) to ours.
    if csv.field_size_limit() < CSV_FIELD_LIMIT_CHARS:
        csv.field_size_limit(CSV_FIELD_LIMIT_CHARS)
    try:
        with path.open("r", encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, strict=True)
            record_start = 1
            try:
                header = next(reader, None)
                while header == []:  # leading blank lines
                    record_start = reader.line_num + 1
                    header = next(reader, None)
                if header is None or not any(name.strip() for name in header):
                    raise DataError(f"input file {path} is empty (only whitespace). Fix: point to the exported data file.")
                columns = _header_columns(header, path)
                batch: list[list[str]] = []
                while True:
                    record_start = reader.line_num + 1
                    row = next(reader, None)
                    if row is None:
                        break
                    if not row:
                        continue  # blank line
                    if len(row) != len(columns):
                        raise DataError(
                            f"{path}: malformed CSV at line {record_start}: expected {len(columns)} fields "
                            f"(as in the header) but found {len(row)}. Fix: quote fields that contain commas or "
                            f'line breaks with double quotes, double any quote inside a quoted field (""), '
                            f"or re-export the file with a CSV writer."
                        )
                    batch.append(row)
                    if len(batch) >= batch_rows:
                        yield pd.DataFrame(batch, columns=columns, dtype=object)
                        batch = []
                if batch:
                    yield pd.DataFrame(batch, columns=columns, dtype=object)
            except csv.Error as exc:
                if "field larger than field limit" in str(exc):
                    raise DataError(
                        f"{path}: the record starting at line {record_start} has a field longer than "
                        f"{CSV_FIELD_LIMIT_CHARS // (1024 * 1024)} MiB (parser stopped at line {reader.line_num}), "
                        f"far longer than any real answer; likely a quote opens a field and is never closed. "
                        f'Fix: close or double ("") the quotes in that record, or re-export the file with a CSV writer.'
                    ) from exc
                hint = (
                    "a quoted field is never closed"
                    if "end of data" in str(exc) or "EOF" in str(exc)
                    else "a quote appears inside a field without being doubled"
                )
                raise DataError(
                    f"{path}: malformed CSV in the record starting at line {record_start} "
                    f"(parser stopped at line {reader.line_num}: {exc}; likely {hint}). "
                    f'Fix: close or double ("") the quotes in that record, or re-export the file with a CSV writer.'
                ) from exc
    except UnicodeDecodeError as exc:
        raise _not_utf8_error(path) from exc


def _header_columns(header: list[str], path: Path) -> list[str]:
    """Header names; blank names become unnamed_<i>; a repeated name is an error."""
    columns = [name.strip() or f"unnamed_{index}" for index, name in enumerate(header)]
    seen: set[str] = set()
    for name in columns:
        if name in seen:
            raise DataError(f"{path}: column {name!r} appears twice in the header. Fix: give every column a unique name.")
        seen.add(name)
    return columns


def _first_non_space_char(path: Path) -> str:
    """The first non-whitespace character of a text file ("" when there is none)."""
    try:
        with path.open("r", encoding="utf-8-sig") as handle:
            while chunk := handle.read(4096):
                stripped = chunk.lstrip()
                if stripped:
                    return stripped[0]
    except UnicodeDecodeError as exc:
        raise _not_utf8_error(path) from exc
    raise DataError(f"input file {path} is empty (only whitespace). Fix: point to the exported data file.")


def _iter_json_lines(path: Path, batch_rows: int) -> Iterator[pd.DataFrame]:
    """Stream one JSON object per line; a bad line is reported with its number."""
    records: list[dict] = []
    with path.open("rb") as handle:
        for line_number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8-sig" if line_number == 1 else "utf-8").strip()
            except UnicodeDecodeError as exc:
                raise DataError(
                    f"{path} is not valid UTF-8 at line {line_number} ({exc}). "
                    f"Fix: re-save it as UTF-8 (e.g. with iconv)."
                ) from exc
            if not line:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(
                    f"{path}: line {line_number} is not valid JSON ({exc.msg} at column {exc.colno}). "
                    f"Fix: each line must hold one complete JSON object, e.g. "
                    f'{{"questionText": "...", "answerText": "..."}}.'
                ) from exc
            if not isinstance(record, dict):
                raise DataError(
                    f"{path}: line {line_number} holds a JSON {type(record).__name__}, not an object. "
                    f"Fix: write one JSON object per line."
                )
            records.append(record)
            if len(records) >= batch_rows:
                yield pd.DataFrame.from_records(records)
                records = []
    if records:
        yield pd.DataFrame.from_records(records)


def _iter_json_array(path: Path, batch_rows: int) -> Iterator[pd.DataFrame]:
    """A .json file holding one array of objects."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise _not_utf8_error(path) from exc
    except json.JSONDecodeError as exc:
        raise DataError(
            f"{path}: not valid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg}). "
            f"Fix: repair the file or export it as JSON Lines (.jsonl)."
        ) from exc
    bad = next((i for i, item in enumerate(data) if not isinstance(item, dict)), None)
    if bad is not None:
        raise DataError(f"{path}: array item {bad} is not a JSON object. Fix: the array must hold one object per row.")
    for start in range(0, len(data), batch_rows):
        yield pd.DataFrame.from_records(data[start : start + batch_rows])


def _iter_parquet(path: Path, batch_rows: int) -> Iterator[pd.DataFrame]:
    """Stream a Parquet file by record batches."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet_file = pq.ParquetFile(path)
        for record_batch in parquet_file.iter_batches(batch_size=batch_rows):
            yield record_batch.to_pandas()
    except (pa.ArrowException, OSError) as exc:
        raise DataError(f"{path} is not a readable Parquet file ({exc}). Fix: re-export it, or use CSV / JSON Lines.") from exc


def parse_hub_source(source: str) -> tuple[str, str | None]:
    """`hf:<dataset id>[:split]` -> (dataset id, split or None)."""
    body = source[len(HF_PREFIX) :].strip()
    dataset_id, _, split = body.partition(":")
    if not dataset_id:
        raise DataError(f"{source!r} names no dataset. Fix: write hf:<owner>/<dataset>[:split], e.g. hf:nbertagnolli/counsel-chat:train.")
    return dataset_id, (split or None)


def hub_reachable(timeout_s: float = _HUB_PROBE_TIMEOUT_S) -> bool:
    """True when a TCP connection to the Hub endpoint ($HF_ENDPOINT) opens within timeout_s."""
    endpoint = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co"))
    port = endpoint.port or (443 if endpoint.scheme == "https" else 80)
    try:
        with socket.create_connection((endpoint.hostname or "huggingface.co", port), timeout=timeout_s):
            return True
    except OSError:
        return False


def _hub_offline_options(dataset_id: str, offline: bool) -> str:
    local_file = (
        "export the data to a local file and pass its path (.csv, .jsonl, .json or .parquet; e.g. the CounselChat CSV)"
    )
    if offline:
        return (
            f"Offline mode is on (HF_HUB_OFFLINE/HF_DATASETS_OFFLINE), so only the local cache is read. "
            f"Options: (1) {local_file}; (2) load {dataset_id!r} once on a connected machine so it is in the "
            f"Hugging Face cache, then run again."
        )
    return (
        f"Offline options: (1) {local_file}; (2) if {dataset_id!r} is already in the local Hugging Face cache, "
        f"set HF_HUB_OFFLINE=1 and HF_DATASETS_OFFLINE=1 to load it from there."
    )


def _load_hub_dataset(source: str) -> pd.DataFrame:
    """Load `hf:<id>[:split]` with datasets.load_dataset; several splits gain a `split` column.

    The Hub is probed first (a few seconds) so an offline machine fails fast with the
    offline options instead of retrying for half a minute; with HF_HUB_OFFLINE=1 only the
    local cache is used.
    """
    dataset_id, split = parse_hub_source(source)
    offline = any(
        os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}
        for name in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE")
    )
    if not offline and not hub_reachable():
        raise DataError(
            f"cannot reach the Hugging Face Hub to load {dataset_id!r}. " + _hub_offline_options(dataset_id, offline)
        )
    import datasets  # slow import, only needed for hf: sources

    logger.info("loading %s from the Hugging Face Hub%s (may download)", dataset_id, " cache" if offline else "")
    try:
        loaded = datasets.load_dataset(dataset_id, split=split)
    except Exception as exc:  # datasets raises many types (ConnectionError, FileNotFoundError, ...)
        raise DataError(
            f"could not load {dataset_id!r} (split {split!r}): {exc}. " + _hub_offline_options(dataset_id, offline)
        ) from exc
    if isinstance(loaded, datasets.DatasetDict):
        frames = []
        for split_name, part in loaded.items():
            frame = part.to_pandas()
            if "split" not in {column_key(c) for c in frame.columns}:
                frame["split"] = split_name
            frames.append(frame)
        return pd.concat(frames, ignore_index=True)
    return loaded.to_pandas()
