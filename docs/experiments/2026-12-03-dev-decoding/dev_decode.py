"""Dev experiment: several (checkpoint, reflect settings) producers on the same dev cases; one blind sheet."""
import json, sys, time, statistics
from pathlib import Path
import torch
from tasks.core.bench_reflect import load_for_bench
from tasks.core.bench_quality import read_cases, automatic_figures
from tasks.core.quality.judging import build_sheet, write_jsonl
from tasks.core.reflect import ReflectSettings, reflect_case

def main(spec_path, cases_path, out_dir):
    spec = json.loads(Path(spec_path).read_text())  # {label: {"checkpoint": ..., "settings": {...}}}
    cases = read_cases(cases_path)
    out = Path(out_dir); out.mkdir(parents=True, exist_ok=True)
    answers, figures, results_all, cache = {}, {}, {}, {}
    for label, p in spec.items():
        if p["checkpoint"] not in cache:
            cache.clear(); cache[p["checkpoint"]] = load_for_bench(p["checkpoint"])[0]
        loaded = cache[p["checkpoint"]]
        settings = ReflectSettings(**p.get("settings", {}))
        results, seconds = [], []
        for i, case in enumerate(cases):
            t = time.perf_counter()
            results.append(reflect_case(case, lambda: loaded, settings, seed=i))
            seconds.append(time.perf_counter() - t)
        figures[label] = automatic_figures(cases, results, settings.n, seconds)
        answers[label] = [[c["text"] for c in r["candidates"]] for r in results]
        results_all[label] = results
        print(label, json.dumps(figures[label]), flush=True)
    sheet, key = build_sheet(cases, answers, seed=7)
    write_jsonl(sheet, out / "sheet.jsonl")
    (out / "key.json").write_text(json.dumps({"models": list(spec), "cases": len(cases), "items": key}, indent=1))
    (out / "results.json").write_text(json.dumps({"figures": figures, "results": results_all}, indent=1, ensure_ascii=False))
    print(len(sheet), "rows")

if __name__ == "__main__":
    main(*sys.argv[1:])
