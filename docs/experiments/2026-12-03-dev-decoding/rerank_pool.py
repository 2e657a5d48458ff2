import json, sys, collections, itertools, random
import numpy as np
from tasks.core.encoder import embed
def strategies(cands):
    texts = [c["text"] for c in cands]
    if not texts: return {}
    lik = np.array([c["likelihood"] for c in cands]); q = np.array([c["score"] for c in cands])
    E = embed(texts); S = E @ E.T
    k = len(texts)
    mbr = (S.sum(1) - 1) / max(k - 1, 1) if k > 1 else np.ones(1)
    def order(v): return [texts[i] for i in np.argsort(-v, kind="stable")[:3]]
    return {"lp": order(lik), "mbr": order(mbr), "mbr+lp": order(mbr + lik), "mbr+lp+q": order(mbr + lik + q)}
if __name__ == "__main__":
    out = {}
    for t in ("t04", "t07"):
        res = json.load(open(f"pool_{t}.json"))
        for i, r in enumerate(res):
            if r["risk"] == "crisis": continue
            for name, top in strategies(r["candidates"]).items():
                out.setdefault(f"{t}-{name}", {})[i] = top
    json.dump(out, open("pool_strategies.json", "w"), indent=1, ensure_ascii=False)
    for s, d in out.items(): print(s, len(d))
    # union sizes
    for combo in (["t04-lp", "t04-mbr+lp", "t07-lp", "t07-mbr+lp"], ["t04-lp", "t04-mbr+lp", "t07-mbr+lp"]):
        u = sum(len({x for s in combo for x in out[s].get(i, [])}) for i in out["t04-lp"])
        u1 = sum(len({out[s][i][0] for s in combo if out[s].get(i)}) for i in out["t04-lp"])
        print(combo, "top3 union", u, "top1 union", u1)
