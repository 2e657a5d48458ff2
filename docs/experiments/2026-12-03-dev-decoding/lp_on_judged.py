import sys; sys.path.insert(0, __import__('os').path.dirname(__file__))
import numpy as np, collections, torch
torch.set_num_threads(1)
from judged_rows import judged_rows
from tasks.core.bench_reflect import load_for_bench, _token_logprobs
from tasks.core.modeling.prompt import encode_prompt, target_text
rows = [r for r in judged_rows() if r['round'].endswith('round2') and any('xtraction' in m for m, _ in r['producers'])]
loaded, _ = load_for_bench('artifacts/train-20261203-140921-f04c43/fine_tune')
tok = loaded.tokenizer
lp = []
for r in rows:
    p = encode_prompt(tok, r['case'], loaded.prompt)
    t = tok(target_text(tok, r['candidate'], loaded.prompt), add_special_tokens=False)['input_ids']
    v = _token_logprobs(loaded, p, t); lp.append(float(np.mean(v)))
lp = np.array(lp); y = np.array([r['label'] >= .5 for r in rows]).astype(int)
by = collections.defaultdict(list)
for i, r in enumerate(rows): by[r['case']].append(i)
def top1(s): return np.mean([y[max(idx, key=lambda i: s[i])] for idx in by.values()])
rank = np.array([min(k for m, k in r['producers'] if 'xtraction' in m) for r in rows])
print(len(by), 'any', np.mean([max(y[i] for i in idx) for idx in by.values()]), 'rank', top1(-rank), 'lp', top1(lp))
from sklearn.metrics import roc_auc_score; print('auc lp', roc_auc_score(y, lp))
from tasks.core.quality.scorer import default_scorer
q = default_scorer().score_pairs([r['case'] for r in rows], [r['candidate'] for r in rows])
L = np.array([len(r['candidate'].split()) for r in rows])
for a in (0, 0.5, 1, 2, 4):
    print('lp + a*q', a, top1(lp + a * q), ' exp(lp) blend', top1(np.exp(lp) + a*q))
print('lp*len (total)', top1(lp * L))
