"""Build the vendored judged candidates file for preference tuning from every judged sheet.

    python -m tasks.core.quality.judged_pairs [--judged DIR] [--out FILE]

Reads every `*sheet_judged_*.jsonl` under each folder of `tasks/core/quality/judged/` (rounds
1-3: two full judge sheets, J1/J2, J3/J4, J5/J6; round 4: sheet_judged_A/B; the dev-decoding
folder: one sheet per experiment A-E, each case judged once). Every row there is a model's
candidate for a case (key.json says which model; the base model's count too). A candidate's
label is the mean of its 0/1 `acceptable` judgements within one source (a round folder, or one
experiment of the dev-decoding folder), so the written rows are {case, candidate, label, source},
one per (source, case, candidate). `preference.preference_pairs` averages a candidate judged in
several sources. All of it is development data. Prints the counts as one JSON line.
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tasks.core.modeling.preference import JUDGED_PAIRS_FILE, preference_pairs
from tasks.core.quality.judging import write_jsonl

JUDGED_DIR = Path(__file__).resolve().parent / "judged"
SHEET_PATTERN = "*sheet_judged_*.jsonl"


def sheet_source(sheet: Path) -> str:
    """`<folder>` for a round's judge sheets, `<folder>/<experiment>` for the dev-decoding sheets
    (`A_settings_sheet_judged_D1_D2.jsonl` -> `2026-12-03-dev-decoding/A_settings`)."""
    prefix = sheet.name.partition("sheet_judged_")[0].rstrip("_")
    return f"{sheet.parent.name}/{prefix}" if prefix else sheet.parent.name


def judged_candidates(judged_dir: str | Path = JUDGED_DIR) -> list[dict[str, Any]]:
    """One row {case, candidate, label, source} per (source, case, candidate), in a stable order."""
    sheets = sorted(Path(judged_dir).glob(f"*/{SHEET_PATTERN}"))
    if not sheets:
        raise FileNotFoundError(f"No judged sheets ({SHEET_PATTERN}) in the folders of {judged_dir}.")
    labels: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for sheet in sheets:
        for number, line in enumerate(sheet.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("acceptable") not in (0, 1) or not row.get("candidate") or not row.get("case"):
                raise ValueError(f"{sheet}, line {number}: expected case, candidate and acceptable 0 or 1.")
            labels[(sheet_source(sheet), row["case"], row["candidate"].strip())].append(int(row["acceptable"]))
    # Keys in alphabetical order: the vendored file's layout, which its byte-for-byte test pins.
    return [{"candidate": candidate, "case": case, "label": round(sum(v) / len(v), 4), "source": source}
            for (source, case, candidate), v in sorted(labels.items())]


def summary(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Counts of the rows and of the pairs preference tuning draws from them (default settings)."""
    from tasks.core.modeling.preference import PreferenceSettings

    settings = PreferenceSettings()
    pairs = preference_pairs(rows, settings.pairs_per_case, settings.seed)
    all_pairs = preference_pairs(rows, 10**9, settings.seed)
    by_source: dict[str, int] = defaultdict(int)
    for row in rows:
        by_source[row["source"]] += 1
    return {"rows": len(rows), "cases": len({r["case"] for r in rows}),
            "cases_with_both_kinds": len({p.case for p in all_pairs}), "pairs_uncapped": len(all_pairs),
            f"pairs_at_{settings.pairs_per_case}_per_case": len(pairs), "rows_by_source": dict(sorted(by_source.items()))}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tasks.core.quality.judged_pairs", description=__doc__.splitlines()[0])
    parser.add_argument("--judged", default=str(JUDGED_DIR), help="folder of judged rounds")
    parser.add_argument("--out", default=str(JUDGED_PAIRS_FILE), help="JSON Lines file to write")
    args = parser.parse_args(argv)
    rows = judged_candidates(args.judged)
    write_jsonl(rows, args.out)
    print(json.dumps({"out": args.out, **summary(rows)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
