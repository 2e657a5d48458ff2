"""Blind judging of candidate reflections: sheets that hide which model wrote what, and the
judged rates read back with 95 % Wilson intervals.

A sheet row is one distinct candidate of one case: {"item", "case_id", "case", "candidate",
"acceptable": null}. The judge sets "acceptable" to 1 or 0 by the rubric. The key (kept apart
from the sheet) maps each item to the (model, rank) pairs that produced it, so one candidate
written by two models is judged once.
"""
from __future__ import annotations

import json
import math
import random
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any


def wilson_interval(successes: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """95 % (z = 1.96) Wilson score interval of a proportion; (0, 1) when total is 0."""
    if total == 0:
        return 0.0, 1.0
    p = successes / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def build_sheet(cases: Sequence[str], candidates: Mapping[str, Sequence[Sequence[str]]],
                seed: int = 0) -> tuple[list[dict[str, Any]], dict[str, list[list[Any]]]]:
    """(sheet rows, key) for `candidates[model][case_index]` = that model's ranked candidates.

    Rows are grouped by case; inside a case the distinct candidates are shuffled with `seed`.
    """
    rng = random.Random(seed)
    sheet: list[dict[str, Any]] = []
    key: dict[str, list[list[Any]]] = {}
    for case_index, case in enumerate(cases):
        producers: dict[str, list[list[Any]]] = {}
        for model, per_case in candidates.items():
            for rank, text in enumerate(per_case[case_index], start=1):
                producers.setdefault(text, []).append([model, rank])
        texts = list(producers)
        rng.shuffle(texts)
        for text in texts:
            item = f"{case_index:03d}-{len(sheet):04d}"
            sheet.append({"item": item, "case_id": case_index, "case": case, "candidate": text, "acceptable": None})
            key[item] = producers[text]
    return sheet, key


def judged_rates(sheet: Sequence[Mapping[str, Any]], key: Mapping[str, Sequence[Sequence[Any]]],
                 models: Sequence[str], case_count: int) -> dict[str, dict[str, Any]]:
    """Per model: share of cases whose top-1 candidate was judged acceptable, and whose candidates
    include at least one acceptable, each with its Wilson interval. A case where the model showed
    no candidate counts as not acceptable. Raises ValueError for an unjudged or badly judged row."""
    verdicts: dict[str, int] = {}
    for row in sheet:
        value = row.get("acceptable")
        if value not in (0, 1, True, False):
            raise ValueError(f"sheet item {row.get('item')} is not judged (acceptable must be 1 or 0, got {value!r})")
        verdicts[row["item"]] = int(value)
    missing = sorted(set(key) - set(verdicts))
    if missing:
        raise ValueError(f"{len(missing)} sheet item(s) have no verdict, e.g. {missing[:3]}; judge every row")
    top1 = {model: set() for model in models}
    any_ok = {model: set() for model in models}
    for item, producers in key.items():
        case_id = int(item.split("-")[0])
        for model, rank in producers:
            if model in top1 and verdicts[item]:
                any_ok[model].add(case_id)
                if int(rank) == 1:
                    top1[model].add(case_id)
    rates = {}
    for model in models:
        rates[model] = {"cases": case_count}
        for name, hits in (("top1_acceptable", top1[model]), ("any_acceptable", any_ok[model])):
            low, high = wilson_interval(len(hits), case_count)
            rates[model][name] = {"count": len(hits), "rate": round(len(hits) / case_count, 4) if case_count else 0.0,
                                  "wilson_95": [round(low, 4), round(high, 4)]}
    return rates


def write_jsonl(rows: Sequence[Mapping[str, Any]], path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    with Path(path).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
