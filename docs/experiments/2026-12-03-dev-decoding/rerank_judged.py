import sys; sys.path.insert(0, __import__('os').path.dirname(__file__))
import numpy as np, collections
from judged_rows import judged_rows
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from tasks.core.quality.scorer import default_scorer, feature_matrix
from tasks.core.encoder import embed_unique
rows = [r for r in judged_rows() if any('xtraction' in m for m, _ in r['producers'])]
sc = default_scorer()
cases=[r['case'] for r in rows]; cands=[r['candidate'] for r in rows]
s = sc.score_pairs(cases, cands)
y = np.array([r['label'] >= 0.5 for r in rows]).astype(int)
rank = np.array([min(k for m, k in r['producers'] if 'xtraction' in m) for r in rows])
L = np.array([len(c.split()) for c in cands])
groups = np.array([hash((r['round'], r['case'])) for r in rows])
cv=embed_unique(cases) if False else None
from tasks.core.encoder import embed
C = embed(cases); S = embed(cands)
X = feature_matrix(cases, cands, C, S)
X = np.hstack([X, s[:, None], L[:, None] / 20.0])
oof = np.zeros(len(rows))
for tr, te in GroupKFold(5).split(X, y, groups):
    m = LogisticRegression(C=0.5, max_iter=2000).fit(X[tr], y[tr]); oof[te] = m.predict_proba(X[te])[:, 1]
def top1(score):
    by = collections.defaultdict(list)
    for i, g in enumerate(groups): by[g].append(i)
    return np.mean([y[max(idx, key=lambda i: score[i])] for idx in by.values()]), len(by)
by = collections.defaultdict(list)
for i, g in enumerate(groups): by[g].append(i)
print('cases', len(by), 'any', np.mean([max(y[i] for i in idx) for idx in by.values()]))
print('model rank', top1(-rank))
print('scorer', top1(s))
print('shorter', top1(-L + 0.01 * s))
for lam in (0.01, 0.02, 0.04):
    print('scorer-len', lam, top1(s - lam * L))
print('judged-head oof', top1(oof))
print('judged-head oof - len', top1(oof - 0.01 * L))
