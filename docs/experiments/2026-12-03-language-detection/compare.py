"""Compare the screen's stop-word language detector with lingua-language-detector.

Every row of tests/data/*.jsonl that has a "language" field is used (all tables, development
and blind; all development data now). Each detector runs in its own child process (so its load
time and memory are its own), one thread, and reports its predictions, load time, resident
memory and CPU seconds per 1,000 texts (`time.process_time`, after a warm-up pass).

    PYTHONPATH=. nice -n 19 env OMP_NUM_THREADS=1 RAYON_NUM_THREADS=1 \
        /work/r4/lingua-venv/bin/python docs/experiments/2026-12-03-language-detection/compare.py

Needs `lingua-language-detector` (2.1.1 measured) in the interpreter that runs it; the project
itself does not depend on it.

Detectors:
  stopword      tasks.core.safety.language.stopword_language (the screen's own detector when this was
                measured; detect_language has since become the hybrid)
  lingua-high   lingua, restricted to en fr es de it pt nl, default (high-accuracy) mode
  lingua-low    the same, with_low_accuracy_mode()
lingua's models are preloaded at build time (with_preloaded_language_models), so the build time
is the whole load time; lingua answers None (here "unknown") only for text without letters.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "tests" / "data"
KNOWN = ("en", "fr", "es", "de", "it", "pt", "nl")  # what the screen's detector can name
RULES = ("en", "fr", "es")  # what the crisis rules read
OTHER_KNOWN = ("de", "it", "pt", "nl")  # named, but the rules do not read them
DETECTORS = ("stopword", "lingua-high", "lingua-low")
COLUMNS = DETECTORS + ("hybrid",)  # hybrid: derived from stopword + lingua-high, see combine()
# Tables written before the stop-word detector's last change (commit 741a1d5, 2026-11-27 03:54),
# i.e. the only labelled rows it could have been tuned on; every other table came later.
BEFORE_LAST_CHANGE = {"safety_dev_round5.jsonl", "safety_dev_round6.jsonl", "safety_dev_round7.jsonl"}
TIMED_MIN_CPU_S = 2.0
# Hand-written texts outside the tables (not labelled data): scripts and Latin-script languages
# the screen cannot read, where the right answer for the screen is "unknown" (unreadable).
PROBES = ("أريد أن أموت", "我想死", "Я хочу умереть", "Tôi muốn chết", "Chcę umrzeć, nie mam już siły",
          "Gusto ko nang mamatay", "Jeg vil ikke leve mere", "Haluan kuolla", "12345 !!!")  # repeat the timed pass until at least this much CPU time was spent


def load_rows() -> list[dict]:
    rows = []
    for path in sorted(DATA.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                record = json.loads(line)
                if "language" in record:
                    rows.append({"table": path.name, "text": record["text"], "language": record["language"],
                                 "crisis": record["crisis"]})
    return rows


def _memory_kib() -> dict[str, int]:
    fields = {}
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0])
    return fields


def worker(name: str) -> None:
    """Child process: load one detector, run it on every row, print one JSON object."""
    texts = [row["text"] for row in load_rows()]
    memory_start = _memory_kib()
    wall, cpu = time.perf_counter(), time.process_time()
    if name == "stopword":
        # stopword_language: the screen's detect_language until the hybrid replaced it (same code).
        from tasks.core.safety.language import stopword_language as detect
        version = "project (tasks.core.safety.language.stopword_language)"
    else:
        import importlib.metadata

        from lingua import Language, LanguageDetectorBuilder

        version = "lingua-language-detector " + importlib.metadata.version("lingua-language-detector")
        builder = LanguageDetectorBuilder.from_languages(
            Language.ENGLISH, Language.FRENCH, Language.SPANISH, Language.GERMAN, Language.ITALIAN,
            Language.PORTUGUESE, Language.DUTCH,
        ).with_preloaded_language_models()
        if name == "lingua-low":
            builder = builder.with_low_accuracy_mode()
        elif name != "lingua-high":
            raise SystemExit(f"unknown detector {name!r}")
        detector = builder.build()

        def detect(text: str) -> str:
            language = detector.detect_language_of(text)
            return "unknown" if language is None else language.iso_code_639_1.name.lower()
    load = {"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu}
    memory_loaded = _memory_kib()
    predictions = [detect(text) for text in texts]  # warm-up pass, also the answers
    probe_predictions = [detect(text) for text in PROBES]
    passes, start = 0, time.process_time()
    while True:
        for text in texts:
            detect(text)
        passes += 1
        spent = time.process_time() - start
        if spent >= TIMED_MIN_CPU_S:
            break
    memory_end = _memory_kib()
    print(json.dumps({
        "name": name, "version": version, "predictions": predictions, "probes": probe_predictions, "load": load,
        "cpu_s_per_1000": 1000 * spent / (passes * len(texts)), "timed_passes": passes,
        "rss_mib": {"start": memory_start["VmRSS"] / 1024, "loaded": memory_loaded["VmRSS"] / 1024,
                    "end": memory_end["VmRSS"] / 1024, "peak": memory_end["VmHWM"] / 1024},
    }))


def run_worker(name: str) -> dict:
    env = dict(os.environ, OMP_NUM_THREADS="1", RAYON_NUM_THREADS="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run([sys.executable, __file__, "--worker", name], capture_output=True, text=True, env=env,
                          check=False)
    if done.returncode:
        raise SystemExit(f"worker {name} failed:\n{done.stderr}")
    return json.loads(done.stdout)


def combine(results: dict[str, dict]) -> dict:
    """The hybrid column: lingua-high's answer, except that when lingua names a language the rules
    read (en, fr, es) and the stop-word detector found the text unreadable ("unknown": another
    script, letters French and Spanish do not use, no known word), the answer stays "unknown"."""
    stop, high = results["stopword"], results["lingua-high"]

    def pick(s: str, h: str) -> str:
        return "unknown" if h in RULES and s == "unknown" else h

    return {
        "version": "derived", "predictions": [pick(s, h) for s, h in zip(stop["predictions"], high["predictions"])],
        "probes": [pick(s, h) for s, h in zip(stop["probes"], high["probes"])],
        "cpu_s_per_1000": stop["cpu_s_per_1000"] + high["cpu_s_per_1000"],
        "load": {key: stop["load"][key] + high["load"][key] for key in ("wall_s", "cpu_s")},
        "rss_mib": high["rss_mib"],
    }


def pct(part: int, whole: int) -> str:
    return "n/a" if not whole else f"{100 * part / whole:.1f} %"


def acc(part: int, whole: int) -> str:
    """Accuracy with the number of errors: "99.9 % (2)"."""
    return f"{pct(part, whole)} ({whole - part})"


def correct(gold: str, predicted: str) -> bool:
    # A language the screen cannot name (pl, tl, ...) is right only as "unknown" (unreadable).
    return predicted == gold if gold in KNOWN else predicted == "unknown"


def report(rows: list[dict], results: dict[str, dict]) -> None:
    golds = [row["language"] for row in rows]
    counts = Counter(golds)
    languages = [lang for lang in KNOWN if lang in counts] + sorted(set(counts) - set(KNOWN))
    print(f"rows with a language field: {len(rows)} from {len({row['table'] for row in rows})} tables "
          f"({len({row['text'] for row in rows})} distinct texts); by language: "
          + ", ".join(f"{lang} {counts[lang]}" for lang in languages))
    lengths = sorted(len(row["text"]) for row in rows)
    print(f"text length (characters): median {lengths[len(lengths) // 2]}, mean {sum(lengths) / len(lengths):.0f}, "
          f"max {lengths[-1]}")
    for name in DETECTORS:
        print(f"{name}: {results[name]['version']}")
    print("hybrid: lingua-high, but the stop-word detector's 'unknown' wins when lingua names en/fr/es "
          "(cost: both together)")
    names = list(COLUMNS)
    width = 50

    def line(label: str, values: list[str]) -> None:
        print(f"{label:<{width}}" + "".join(f"{value:>16}" for value in values))

    print()
    line("accuracy (errors)", names)
    for lang in languages:
        idx = [i for i, gold in enumerate(golds) if gold == lang]
        line(f"  {lang} (n={len(idx)})" + ("" if lang in KNOWN else ", right = unknown"),
             [acc(sum(correct(lang, results[n]["predictions"][i]) for i in idx), len(idx)) for n in names])

    def overall(label: str, idx: list[int]) -> None:
        line(label, [acc(sum(correct(golds[i], results[n]["predictions"][i]) for i in idx), len(idx)) for n in names])

    overall(f"  overall (n={len(rows)})", list(range(len(rows))))
    macro = []
    for n in names:
        per = [sum(correct(lang, results[n]["predictions"][i]) for i, g in enumerate(golds) if g == lang) / counts[lang]
               for lang in KNOWN if lang in counts]
        macro.append(f"{100 * sum(per) / len(per):.1f} %")
    line("  macro mean over en..pt", macro)
    background = [i for i, row in enumerate(rows) if row["table"] != "safety_background_counselchat.jsonl"]
    overall(f"  overall without CounselChat (n={len(background)})", background)
    later = [i for i, row in enumerate(rows) if row["table"] not in BEFORE_LAST_CHANGE]
    overall(f"  tables after the detector's last change (n={len(later)})", later)
    earlier = [i for i, row in enumerate(rows) if row["table"] in BEFORE_LAST_CHANGE]
    overall(f"  tables before it (rounds 5-7, n={len(earlier)})", earlier)

    print()
    line("confusions: rows/of (crisis among them)", names)
    rules_idx = [i for i, gold in enumerate(golds) if gold in RULES]
    other_idx = [i for i, gold in enumerate(golds) if gold in OTHER_KNOWN]
    foreign_idx = [i for i, gold in enumerate(golds) if gold not in KNOWN]

    def count(label: str, idx: list[int], test) -> None:
        # "k/n (c)": k of n rows, c of the k are crisis cases
        values = []
        for n in names:
            hits = [i for i in idx if test(golds[i], results[n]["predictions"][i])]
            values.append(f"{len(hits)}/{len(idx)} ({sum(rows[i]['crisis'] for i in hits)})")
        line(label, values)

    count("  en/fr/es called anything else", rules_idx, lambda g, p: p != g)
    count("    ... another of en/fr/es", rules_idx, lambda g, p: p != g and p in RULES)
    count("    ... de/it/pt/nl", rules_idx, lambda g, p: p in OTHER_KNOWN)
    count("    ... unknown (unreadable net)", rules_idx, lambda g, p: p == "unknown")
    count("  de/it/pt/nl called en/fr/es", other_idx, lambda g, p: p in RULES)
    count("  de/it/pt/nl called another of them/unknown", other_idx, lambda g, p: p != g and p not in RULES)
    count("  other languages called en/fr/es", foreign_idx, lambda g, p: p in RULES)
    line("share called unknown", [pct(results[n]["predictions"].count("unknown"), len(rows)) for n in names])

    print()
    line("cost (one thread)", names)
    line("  CPU s per 1,000 texts (after warm-up)", [f"{results[n]['cpu_s_per_1000']:.3f}" for n in names])
    line("  load: wall s", [f"{results[n]['load']['wall_s']:.2f}" for n in names])
    line("  load: CPU s", [f"{results[n]['load']['cpu_s']:.2f}" for n in names])
    line("  RSS before load, MiB", [f"{results[n]['rss_mib']['start']:.0f}" for n in names])
    line("  RSS after load, MiB", [f"{results[n]['rss_mib']['loaded']:.0f}" for n in names])
    line("  RSS peak, MiB", [f"{results[n]['rss_mib']['peak']:.0f}" for n in names])

    for n in names:
        pairs = Counter((g, p) for g, p in zip(golds, results[n]["predictions"]) if not correct(g, p))
        print(f"\n{n}: errors (gold -> called: count): "
              + ", ".join(f"{g}->{p}: {c}" for (g, p), c in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))))


def probes(results: dict[str, dict]) -> None:
    print("\nprobes outside the tables (right answer for the screen: unknown):")
    print(f"{'':<32}" + "".join(f"{name:>16}" for name in COLUMNS))
    for i, text in enumerate(PROBES):
        print(f"  {text:<30}" + "".join(f"{results[name]['probes'][i]:>16}" for name in COLUMNS))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worker", choices=DETECTORS, help=argparse.SUPPRESS)
    parser.add_argument("--probes", action="store_true",
                        help="also run a few hand-written texts outside the tables (other scripts and languages)")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="also print up to N misread en/fr/es texts per detector")
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker)
        return 0
    rows = load_rows()
    results = {name: run_worker(name) for name in DETECTORS}
    results["hybrid"] = combine(results)
    report(rows, results)
    for name in COLUMNS if args.errors else ():
        for what, wanted in (("en/fr/es texts misread", lambda g, p: g in RULES and p != g),
                             ("de/it/pt/nl texts called en/fr/es", lambda g, p: g in OTHER_KNOWN and p in RULES)):
            wrong = [(row, p) for row, p in zip(rows, results[name]["predictions"]) if wanted(row["language"], p)]
            print(f"\n{name}: {what} ({len(wrong)}), first {args.errors}:")
            for row, p in wrong[: args.errors]:
                crisis = "crisis" if row["crisis"] else "non-crisis"
                print(f"  {row['language']}->{p} {crisis} [{row['table']}] {row['text'][:100]!r}")
    if args.probes:
        probes(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
