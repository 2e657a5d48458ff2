"""Labelled case tables for the crisis screen: load one, score the screen on it.

A table is JSON Lines, one case per line: ``{"text": "...", "crisis": true}``. Blank lines
are skipped; anything else that is not such an object is an error naming the line.

Score any table from the command line (no model is loaded; offline)::

    python -m tasks.core.safety.cases TABLE.jsonl [--locale CA] [--json] [--threshold 4] [--rules-only] [--previous]

It prints the counts, recall and false-alarm rate of `screen.compute_screen_metrics` (caught =
resources shown: "crisis" or "elevated"; the "crisis" tier alone is counted apart) with 95 % Wilson
intervals, the same by detected language, then the missed and falsely flagged texts (with the risk score and learned
score each got). `--threshold` tries another risk-score threshold; `--rules-only` screens with
the precise rules alone, no risk score and no learned layer; `--previous` screens as before the
learned layer (rules + cue score, both "crisis"), for comparisons.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

__all__ = ["load_case_table", "score_case_table", "wilson_interval", "main"]


def wilson_interval(successes: int, total: int, z: float = 1.96) -> tuple[float, float] | None:
    """95 % Wilson score interval (lower, upper) of successes / total; None when total is 0."""
    if not 0 <= successes <= total:
        raise ValueError(f"successes={successes} must be between 0 and total={total}")
    if total == 0:
        return None
    p = successes / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * ((p * (1 - p) / total + z * z / (4 * total * total)) ** 0.5) / (1 + z * z / total)
    return round(max(0.0, centre - half), 4), round(min(1.0, centre + half), 4)


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
    cases: list[tuple[str, bool]], locale: str = "CA", threshold: int | None = None, rules_only: bool = False,
    previous: bool = False,
) -> dict:
    """`compute_screen_metrics` on `cases`, by language too, plus the tier, risk score and learned
    score of each missed / falsely flagged text.

    `threshold` overrides the risk-score threshold; `rules_only` turns the risk score and the
    learned layer off; `previous` screens as before the learned layer (rules + cue score, both crisis).
    """
    from tasks.core.safety.language import detect_language
    from tasks.core.safety.score import ScoreSettings
    from tasks.core.safety.screen import CRISIS, ScreenSettings, compute_screen_metrics, screen_many

    score = ScoreSettings() if threshold is None else ScoreSettings(threshold=threshold)
    if rules_only:
        settings = ScreenSettings(score=score, use_score=False, use_learned=False)
    elif previous:
        settings = ScreenSettings(score=score, cue_tier=CRISIS, use_learned=False)
    else:
        settings = ScreenSettings(score=score)
    metrics = compute_screen_metrics(cases, locale, settings=settings)
    shown = metrics["missed_texts"] + metrics["false_alarm_texts"]
    details = {text: result for text, result in zip(shown, screen_many(shown, locale, settings=settings))}

    def item(text: str) -> dict:
        result = details[text]
        return {"text": text, "risk": result.risk, "score": result.score, "learned_score": result.learned_score}

    metrics["missed"] = [item(text) for text in metrics.pop("missed_texts")]
    metrics["false_alarms"] = [item(text) for text in metrics.pop("false_alarm_texts")]
    metrics["by_language"] = {}
    languages = [detect_language(text) for text, _ in cases]
    for language in sorted(set(languages)):
        subset = [case for case, lang in zip(cases, languages) if lang == language]
        part = compute_screen_metrics(subset, locale, settings=settings)
        metrics["by_language"][language] = {key: part[key] for key in (
            "crisis_cases", "non_crisis_cases", "caught", "false_alarms", "crisis_tier_caught",
            "crisis_tier_false_alarms")}
    metrics["intervals"] = {
        "recall": wilson_interval(metrics["caught"], metrics["crisis_cases"]),
        "false_alarm_rate": wilson_interval(len(metrics["false_alarms"]), metrics["non_crisis_cases"]),
        "crisis_tier_recall": wilson_interval(metrics["crisis_tier_caught"], metrics["crisis_cases"]),
        "crisis_tier_false_alarm_rate": wilson_interval(metrics["crisis_tier_false_alarms"],
                                                        metrics["non_crisis_cases"]),
    }
    metrics["threshold"] = score.threshold
    metrics["rules_only"] = rules_only
    metrics["previous"] = previous and not rules_only
    return metrics


def _render(metrics: dict) -> str:
    def rate(value: float | None, interval: str | None = None) -> str:
        if value is None:
            return "n/a"
        bounds = metrics["intervals"].get(interval) if interval else None
        return f"{100 * value:.1f} %" + (f" (95 % CI {100 * bounds[0]:.1f}-{100 * bounds[1]:.1f} %)" if bounds else "")

    mode = ", rules only" if metrics["rules_only"] else ", previous screen" if metrics["previous"] else ""
    lines = [
        f"cases {metrics['cases']}: crisis {metrics['crisis_cases']}, non-crisis {metrics['non_crisis_cases']}"
        f" (threshold {metrics['threshold']}{mode})",
        f"recall (resources shown) {metrics['caught']}/{metrics['crisis_cases']} = {rate(metrics['recall'], 'recall')}",
        f"false alarms (resources shown) {len(metrics['false_alarms'])}/{metrics['non_crisis_cases']} = "
        f"{rate(metrics['false_alarm_rate'], 'false_alarm_rate')}",
        f"crisis tier: caught {metrics['crisis_tier_caught']}/{metrics['crisis_cases']} = "
        f"{rate(metrics['crisis_tier_recall'], 'crisis_tier_recall')}, false alarms "
        f"{metrics['crisis_tier_false_alarms']}/{metrics['non_crisis_cases']} = "
        f"{rate(metrics['crisis_tier_false_alarm_rate'], 'crisis_tier_false_alarm_rate')}",
    ]
    for language, part in metrics["by_language"].items():
        lines.append(f"  {language}: caught {part['caught']}/{part['crisis_cases']} (crisis tier "
                     f"{part['crisis_tier_caught']}), false alarms {part['false_alarms']}/{part['non_crisis_cases']} "
                     f"(crisis tier {part['crisis_tier_false_alarms']})")

    def where(item: dict) -> str:
        learned = "" if item["learned_score"] is None else f", learned {item['learned_score']:.3f}"
        return f"{item['risk']}, score {item['score']}{learned}"

    lines += [f"  missed ({where(item)}): {item['text']}" for item in metrics["missed"]]
    lines += [f"  false alarm ({where(item)}): {item['text']}" for item in metrics["false_alarms"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: score the crisis screen on a JSON Lines case table (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m tasks.core.safety.cases", description=__doc__.split("\n\n")[0])
    parser.add_argument("table", help='JSON Lines file, one {"text": ..., "crisis": true|false} per line')
    parser.add_argument("--locale", default="CA", help="resources locale (default CA)")
    parser.add_argument("--threshold", type=int, default=None, help="risk-score threshold (default: the screen's, 4)")
    parser.add_argument("--rules-only", action="store_true",
                        help="screen with the precise rules only, no risk score and no learned layer")
    parser.add_argument("--previous", action="store_true",
                        help="screen as before the learned layer (rules + cue score, both crisis)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    args = parser.parse_args(argv)
    try:
        metrics = score_case_table(load_case_table(args.table), args.locale, args.threshold, args.rules_only,
                                   args.previous)
    except (FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(json.dumps(metrics, ensure_ascii=False) if args.json else _render(metrics))
    return 0


if __name__ == "__main__":  # pragma: no cover - command-line entry
    raise SystemExit(main())
