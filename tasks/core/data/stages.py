"""The data stage as the flow runs it: two steps whose outputs are cached by content.

- ingest: read any supported source (file or `hf:` id), check and map its columns, and write
  the rows as `rows.jsonl` in a folder named by the hash of the source's content, the data
  settings and this package's code;
- extract: run `prepare` on those rows (cleaning, extraction, splits, leakage guard) and
  write `train/val/test.jsonl` and `report.json` beside them.

A folder is complete only when its marker file exists (written last), so a crash never
leaves a cache entry that looks finished. The same functions back the CLI's preflight, so a
training run's data errors surface before Prefect starts.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import asdict
from pathlib import Path
from typing import Any

from tasks.core.data.ingest import iter_row_batches, normalize_columns
from tasks.core.data.prepare import prepare, write_prepared
from tasks.core.data.settings import DataSettings

ROWS_FILE = "rows.jsonl"
INGEST_DONE = "ingest.json"
EXTRACT_DONE = "report.json"


def source_fingerprint(source: str) -> str:
    """Hash of a source's content (a hub id hashes as its name: its content is not known before download)."""
    digest = hashlib.sha256()
    if source.startswith("hf:"):
        digest.update(source.encode())
        return digest.hexdigest()
    path = Path(source)
    if path.is_file():
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    else:
        digest.update(source.encode())  # missing file: ingest reports it
    return digest.hexdigest()


def code_fingerprint() -> str:
    """Hash of the data package's source, so changed rules never reuse stale outputs."""
    digest = hashlib.sha256()
    for file in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(file.read_bytes())
    return digest.hexdigest()


def cache_key(source: str, settings: DataSettings) -> str:
    """Folder name of a source's prepared data."""
    digest = hashlib.sha256()
    for part in (source_fingerprint(source), json.dumps(asdict(settings), sort_keys=True), code_fingerprint()):
        digest.update(part.encode())
    return digest.hexdigest()[:20]


def ingest_to_folder(source: str, settings: DataSettings, root: Path) -> dict[str, Any]:
    """Read, check and normalize a source into `root/<key>/rows.jsonl`. Returns {"folder", "rows", "rows_in", "cached"}."""
    folder = Path(root) / cache_key(source, settings)
    done = folder / INGEST_DONE
    if done.is_file():
        return {**json.loads(done.read_text()), "cached": True}
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / (ROWS_FILE + ".partial")
    rows_in = 0
    with tmp.open("w", encoding="utf-8") as handle:
        for batch in iter_row_batches(source, settings.batch_rows):
            normalized = normalize_columns(batch)
            rows_in += len(normalized)
            handle.write(normalized.to_json(orient="records", lines=True, force_ascii=False))
            if not normalized.empty:
                handle.write("\n")
    os.replace(tmp, folder / ROWS_FILE)
    summary = {"folder": str(folder), "rows": str(folder / ROWS_FILE), "rows_in": rows_in, "source": source}
    done.write_text(json.dumps(summary))
    return {**summary, "cached": False}


def extract_to_folder(ingested: dict[str, Any], settings: DataSettings) -> dict[str, Any]:
    """Pairs and report from ingested rows. Returns {"train", "val", "test", "report"} paths and the report."""
    folder = Path(ingested["folder"])
    names = ("train", "val", "test")
    report_path = folder / EXTRACT_DONE
    if not report_path.is_file():
        prepared = prepare(ingested["rows"], settings)
        tmp = folder / "pairs.partial"
        shutil.rmtree(tmp, ignore_errors=True)
        written = write_prepared(prepared, tmp)
        for name in names:
            os.replace(written[name], folder / f"{name}.jsonl")
        # the report comes last: its presence marks the folder complete
        report = prepared.report | {"source": ingested.get("source", "")}
        report_path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        shutil.rmtree(tmp, ignore_errors=True)
    report = json.loads(report_path.read_text())
    return {**{name: str(folder / f"{name}.jsonl") for name in names}, "report": str(report_path),
            "summary": {key: value for key, value in report.items() if key != "examples"}}


def prepare_cached(source: str, settings: DataSettings, root: Path) -> dict[str, Any]:
    """Ingest then extract, through the same cache the flow uses."""
    return extract_to_folder(ingest_to_folder(source, settings, root), settings)
