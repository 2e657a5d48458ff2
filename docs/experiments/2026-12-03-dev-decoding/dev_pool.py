"""Dev: keep up to 10 acceptable candidates per case (one round of 16 rows), with lp, Q and embeddings, for offline reranking."""
import json, sys, time, math
import numpy as np
from tasks.core.bench_reflect import load_for_bench
from tasks.core.bench_quality import read_cases
from tasks.core.reflect import ReflectSettings, reflect_case
from tasks.core.encoder import embed
ckpt, cases_path, temp, out = sys.argv[1:5]
loaded = load_for_bench(ckpt)[0]
cases = read_cases(cases_path)
settings = ReflectSettings(n=10, max_rounds=1, oversample=6, temperature=float(temp), quality_weight=0.0, likelihood_weight=1.0)
res = []
for i, case in enumerate(cases):
    r = reflect_case(case, lambda: loaded, settings, seed=i)
    cands = r["candidates"]
    for c in cands:
        c["likelihood"] = c["rank"]  # rank == exp(mean lp) with these weights
    res.append({"case": case, "risk": r["risk"], "candidates": cands})
    print(i, len(cands), flush=True)
json.dump(res, open(out, "w"), ensure_ascii=False, indent=1)
