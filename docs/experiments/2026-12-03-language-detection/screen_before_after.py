"""The crisis screen before and after the hybrid language detector, on every case table the screen
tests read (tests/data/*.jsonl: development rounds 2-15 and extra, blind rounds 8, 9, 16, 17, the
CounselChat background questions), and `bench screen` for 1,000 inputs.

"before" is the screen with `tasks.core.safety.language.stopword_language` as its detector (the
same code as `detect_language` before the hybrid; checked equal on every text of tests/data),
"after" the screen as shipped (`detect_language`, the hybrid). Nothing else differs: the rules,
the cue score and the learned head are the same, so any change comes from the detected language
(which text is readable, which check-in language, the unreadable-language net).

Figures, by the table's own "language" label (rows without one: "-"), per group of tables and in all:
resources shown ("crisis" or "elevated") on crisis rows, the crisis tier on crisis rows, resources
shown on non-crisis rows, the crisis tier on non-crisis rows. Then the rows whose tier changed.
The benchmark runs `tasks.core.safety.bench.run_screen_benchmark` (what `robo-therapist bench screen`
runs) in a fresh child process per side, so the load time (encoder, head, and for "after" lingua's
models) is its own; best of `--bench-repeats` runs.

    PYTHONPATH=. nice -n 19 env OMP_NUM_THREADS=1 RAYON_NUM_THREADS=1 \\
        .venv/bin/python docs/experiments/2026-12-03-language-detection/screen_before_after.py

(any interpreter with the project's requirements and lingua-language-detector; README.md says
which ran the printed figures).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "tests" / "data"
LANGUAGES = ("en", "fr", "es", "de", "it", "pt", "nl")


def group_of(name: str) -> str:
    if name.startswith("safety_blind_"):
        return "blind"
    if name.startswith("safety_background_"):
        return "background"
    return "development"


def load_rows() -> list[dict]:
    from tasks.core.safety.cases import load_case_table

    rows = []
    for path in sorted(DATA.glob("*.jsonl")):
        labels = [json.loads(line).get("language", "-") for line in path.open(encoding="utf-8") if line.strip()]
        cases = load_case_table(path)
        assert len(labels) == len(cases), path
        rows += [{"table": path.name, "group": group_of(path.name), "text": text, "crisis": crisis, "language": label}
                 for (text, crisis), label in zip(cases, labels)]
    return rows


def screen_rows(rows: list[dict], side: str) -> list[dict]:
    import tasks.core.safety.screen as screen_module
    from tasks.core.safety import language

    detector = language.stopword_language if side == "before" else language.detect_language
    screen_module.detect_language = detector  # screen_many looks the name up in its module
    try:
        results = screen_module.screen_many([row["text"] for row in rows])
    finally:
        screen_module.detect_language = language.detect_language
    return [{"risk": result.risk, "language": result.language} for result in results]


def tally(rows: list[dict], results: list[dict]) -> dict:
    from tasks.core.safety.screen import CRISIS, shows_resources

    counts = Counter()
    for row, result in zip(rows, results):
        kind = "crisis" if row["crisis"] else "non"
        counts[kind] += 1
        counts[kind + "_resources"] += shows_resources(result["risk"])
        counts[kind + "_crisis_tier"] += result["risk"] == CRISIS
    return counts


def fmt(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f} %)" if whole else "-"


def report(rows: list[dict], before: list[dict], after: list[dict]) -> None:
    print(f"rows: {len(rows)} from {len({row['table'] for row in rows})} tables; "
          f"crisis {sum(r['crisis'] for r in rows)}, non-crisis {sum(not r['crisis'] for r in rows)}")
    header = (f"{'group / language':<22}{'side':<8}{'crisis: resources':>22}{'crisis: crisis tier':>22}"
              f"{'non-crisis: resources':>24}{'non-crisis: crisis tier':>25}")
    for group in ("development", "blind", "background", "all"):
        chosen = [i for i, row in enumerate(rows) if group in ("all", row["group"])]
        print(f"\n{group} ({len(chosen)} rows)")
        print(header)
        labels = sorted({rows[i]["language"] for i in chosen},
                        key=lambda lang: (LANGUAGES + ("-",)).index(lang) if lang in LANGUAGES + ("-",) else 99)
        for label in labels + ["all"]:
            idx = [i for i in chosen if label in ("all", rows[i]["language"])]
            for side, results in (("before", before), ("after", after)):
                c = tally([rows[i] for i in idx], [results[i] for i in idx])
                name = f"  {label}" if side == "before" else ""
                print(f"{name:<22}{side:<8}{fmt(c['crisis_resources'], c['crisis']):>22}"
                      f"{fmt(c['crisis_crisis_tier'], c['crisis']):>22}{fmt(c['non_resources'], c['non']):>24}"
                      f"{fmt(c['non_crisis_tier'], c['non']):>25}")
    changed_language = sum(b["language"] != a["language"] for b, a in zip(before, after))
    moves = Counter((b["language"], a["language"]) for b, a in zip(before, after) if b["language"] != a["language"])
    print(f"\ndetected language changed on {changed_language} rows: "
          + ", ".join(f"{b}->{a}: {n}" for (b, a), n in moves.most_common()))
    tier_moves = defaultdict(list)
    for row, b, a in zip(rows, before, after):
        if b["risk"] != a["risk"]:
            tier_moves[("crisis" if row["crisis"] else "non-crisis", b["risk"], a["risk"])].append(row)
    print(f"tier changed on {sum(map(len, tier_moves.values()))} rows:")
    for (kind, old, new), moved in sorted(tier_moves.items()):
        by_label = Counter(row["language"] for row in moved)
        print(f"  {kind} {old} -> {new}: {len(moved)} ("
              + ", ".join(f"{lang} {n}" for lang, n in by_label.most_common()) + ")")


def bench_worker(side: str, inputs: int) -> None:
    """Child process: `run_screen_benchmark` with one side's detector, one JSON line out."""
    import tasks.core.safety.screen as screen_module
    from tasks.core.safety import language
    from tasks.core.safety.bench import run_screen_benchmark

    if side == "before":
        screen_module.detect_language = language.stopword_language
    print(json.dumps(run_screen_benchmark(n=inputs)))


def run_bench(side: str, inputs: int, repeats: int) -> dict:
    env = dict(os.environ, OMP_NUM_THREADS="1", RAYON_NUM_THREADS="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    runs = []
    for _ in range(repeats):
        done = subprocess.run([sys.executable, __file__, "--bench-worker", side, "--inputs", str(inputs)],
                              capture_output=True, text=True, env=env, check=False)
        if done.returncode:
            raise SystemExit(f"bench worker {side} failed:\n{done.stderr}")
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    best = min(runs, key=lambda run: run["seconds"])
    best["all_seconds"] = [run["seconds"] for run in runs]
    best["all_load_seconds"] = [run["load_seconds"] for run in runs]
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=1000, help="benchmark inputs (default 1000)")
    parser.add_argument("--bench-repeats", type=int, default=3, help="benchmark runs per side (best is shown)")
    parser.add_argument("--no-tables", action="store_true", help="benchmark only")
    parser.add_argument("--bench-worker", choices=["before", "after"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.bench_worker:
        bench_worker(args.bench_worker, args.inputs)
        return 0
    if not args.no_tables:
        rows = load_rows()
        before, after = screen_rows(rows, "before"), screen_rows(rows, "after")
        report(rows, before, after)
    if args.bench_repeats:
        print(f"\nbench screen, {args.inputs} inputs, one thread, fresh process per run, best of {args.bench_repeats}:")
        for side in ("before", "after"):
            b = run_bench(side, args.inputs, args.bench_repeats)
            print(f"  {side:<7} {b['seconds']:.3f} s ({b['per_input_ms']:.3f} ms per input; runs "
                  f"{', '.join(f'{s:.3f}' for s in b['all_seconds'])} s), load {min(b['all_load_seconds']):.2f}-"
                  f"{max(b['all_load_seconds']):.2f} s; tiers crisis {b['flagged']}, elevated {b['elevated']}, "
                  f"none {b['none']}; mean {b['mean_chars']} characters")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
