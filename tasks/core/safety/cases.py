"""Labelled case tables for the crisis screen: load one, score the screen on it.

A table is JSON Lines, one case per line: ``{"text": "...", "crisis": true}``. Blank lines
are skipped; anything else that is not such an object is an error naming the line.

Score any table from the command line (no model is loaded; offline)::

    python -m tasks.core.safety.cases TABLE.jsonl [--locale CA] [--json] [--threshold 4] [--rules-only]

It prints the counts, recall and false-alarm rate of `screen.compute_screen_metrics`, then
the missed and falsely flagged texts (with the risk score each got). `--threshold` tries
another risk-score threshold; `--rules-only` screens with the precise rules alone (for
comparison with the screen before the risk score existed).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

__all__ = ["load_case_table", "score_case_table", "main"]


def load_case_table(path: str | Path) -> list[tuple[str, bool]]:
    """Read a JSON Lines table of {"text": str, "crisis": bool} into (text, is_crisis) pairs.

    Raises FileNotFoundError for a missing file and ValueError naming the line for a line
    that is not JSON, lacks a field, has the wrong type or an empty text, and for a table
    with no case at all.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no case table at {path}; pass a JSON Lines file of {{\"text\": ..., \"crisis\": ...}}")
    cases: list[tuple[str, bool]] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path} line {number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{where} is not JSON ({error.msg}); each line must be {{\"text\": \"...\", \"crisis\": true|false}}")
            if not isinstance(record, dict):
                raise ValueError(f"{where} is {type(record).__name__}, not an object with \"text\" and \"crisis\"")
            missing = [key for key in ("text", "crisis") if key not in record]
            if missing:
                raise ValueError(f"{where} lacks {missing}; each line must be {{\"text\": \"...\", \"crisis\": true|false}}")
            text, crisis = record["text"], record["crisis"]
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"{where}: \"text\" must be a non-empty string, got {text!r}")
            if not isinstance(crisis, bool):
                raise ValueError(f"{where}: \"crisis\" must be true or false (JSON booleans), got {crisis!r}")
            cases.append((text, crisis))
    if not cases:
        raise ValueError(f"{path} holds no cases; add lines of {{\"text\": ..., \"crisis\": ...}}")
    return cases


def score_case_table(
    cases: list[tuple[str, bool]], locale: str = "CA", threshold: int | None = None, rules_only: bool = False
) -> dict:
    """`compute_screen_metrics` on `cases`, plus the risk score of each missed / falsely flagged text.

    `threshold` overrides the risk-score threshold; `rules_only` turns the risk score off.
    """
    from tasks.core.safety.score import ScoreSettings
    from tasks.core.safety.screen import ScreenSettings, compute_screen_metrics, screen

    score = ScoreSettings() if threshold is None else ScoreSettings(threshold=threshold)
    settings = ScreenSettings(score=score, use_score=not rules_only)
    metrics = compute_screen_metrics(cases, locale, settings=settings)
    scores = {text: screen(text, locale, settings=settings).score for text in
              metrics["missed_texts"] + metrics["false_alarm_texts"]}
    metrics["missed"] = [{"text": text, "score": scores[text]} for text in metrics.pop("missed_texts")]
    metrics["false_alarms"] = [{"text": text, "score": scores[text]} for text in metrics.pop("false_alarm_texts")]
    metrics["threshold"] = score.threshold
    metrics["rules_only"] = rules_only
    return metrics


def _render(metrics: dict) -> str:
    def rate(value: float | None) -> str:
        return "n/a" if value is None else f"{100 * value:.1f} %"

    lines = [
        f"cases {metrics['cases']}: crisis {metrics['crisis_cases']}, non-crisis {metrics['non_crisis_cases']}"
        f" (threshold {metrics['threshold']}{', rules only' if metrics['rules_only'] else ''})",
        f"recall {metrics['caught']}/{metrics['crisis_cases']} = {rate(metrics['recall'])}",
        f"false alarms {len(metrics['false_alarms'])}/{metrics['non_crisis_cases']} = {rate(metrics['false_alarm_rate'])}",
    ]
    lines += [f"  missed (score {item['score']}): {item['text']}" for item in metrics["missed"]]
    lines += [f"  false alarm (score {item['score']}): {item['text']}" for item in metrics["false_alarms"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: score the crisis screen on a JSON Lines case table (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m tasks.core.safety.cases", description=__doc__.split("\n\n")[0])
    parser.add_argument("table", help='JSON Lines file, one {"text": ..., "crisis": true|false} per line')
    parser.add_argument("--locale", default="CA", help="resources locale (default CA)")
    parser.add_argument("--threshold", type=int, default=None, help="risk-score threshold (default: the screen's, 4)")
    parser.add_argument("--rules-only", action="store_true", help="screen with the precise rules only, no risk score")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    args = parser.parse_args(argv)
    try:
        metrics = score_case_table(load_case_table(args.table), args.locale, args.threshold, args.rules_only)
    except (FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(json.dumps(metrics, ensure_ascii=False) if args.json else _render(metrics))
    return 0


if __name__ == "__main__":  # pragma: no cover - command-line entry
    raise SystemExit(main())
