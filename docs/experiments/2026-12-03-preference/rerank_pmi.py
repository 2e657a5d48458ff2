import sys, json, collections, numpy as np
from pathlib import Path; HERE = Path(__file__).resolve().parent; sys.path[:0] = [str(HERE), str(HERE.parents[2])]
from collect import rows
from sklearn.metrics import roc_auc_score
rs = rows(); F = json.load(open(sys.argv[1]))
import os
qf = 'artifacts/judged_q.npy'
if os.path.exists(qf): q = np.load(qf)
else:
    from tasks.core.quality.scorer import default_scorer
    q = np.array(default_scorer().score_pairs([r['case'] for r in rs], [r['cand'] for r in rs])); np.save(qf, q)
y = np.array([r['y'] >= .5 for r in rs]).astype(int)
lp_sum = np.array([sum(f['lp']) for f in F]); n = np.array([len(f['lp']) for f in F])
lp_mean = lp_sum / n
null_sum = np.array([np.mean([sum(v) for v in f['null']]) for f in F])
null_min = np.array([max(sum(v) for v in f['null']) for f in F])
pmi = lp_sum - null_sum; pmi_mean = pmi / n
words = np.array([len(r['cand'].split()) for r in rs])
prod = 0.8 * np.exp(lp_mean) + 0.2 * q
g = collections.defaultdict(list)
for i, r in enumerate(rs): g[(r['src'], r['case'])].append(i)
def top1(s, src=None):
    gs = [v for k, v in g.items() if src is None or k[0] == src]
    return np.mean([y[max(v, key=lambda i: s[i])] for v in gs])
def top3(s, src):
    gs = [v for k, v in g.items() if k[0] == src]
    return np.mean([max(y[i] for i in sorted(v, key=lambda i: -s[i])[:3]) for v in gs])
def z(x): return (x - x.mean()) / x.std()
S = {'prod': prod, 'lp_mean': lp_mean, 'lp_sum': lp_sum, 'q': q, 'pmi_sum': pmi, 'pmi_mean': pmi_mean,
     '-words': -words, 'pmi_sum - null': lp_sum - null_min}
for a in (0.25, 0.5, 1.0, 2.0):
    S[f'lp_mean+{a}z(pmi)'] = z(lp_mean) + a * z(pmi)
    S[f'prod+{a}z(pmi_mean)'] = z(prod) + a * z(pmi_mean)
    S[f'lp_mean+{a}z(pmi_mean)'] = z(lp_mean) + a * z(pmi_mean)
print('rows', len(rs), 'groups', len(g), 'oracle', np.mean([max(y[i] for i in v) for v in g.values()]))
print(f"{'score':28s} AUC   top1  A     B     C     D     R3    | B top3")
for k, s in S.items():
    print(f"{k:28s} {roc_auc_score(y, s):.3f} {top1(s):.3f} " + ' '.join(f"{top1(s, src):.3f}" for src in 'A B C D R3'.split()) + f" | {top3(s, 'B'):.3f}")
