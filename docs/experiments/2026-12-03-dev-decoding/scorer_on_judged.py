import sys; sys.path.insert(0, __import__('os').path.dirname(__file__))
import numpy as np
from judged_rows import judged_rows
from sklearn.metrics import roc_auc_score
from tasks.core.quality.scorer import default_scorer
rows = judged_rows()
sc = default_scorer()
s = sc.score_pairs([r['case'] for r in rows], [r['candidate'] for r in rows])
y = np.array([r['label'] >= 0.5 for r in rows])
print(len(rows), y.mean(), 'AUC all', roc_auc_score(y, s))
ref = np.array([any('xtraction' in m for m, _ in r['producers']) for r in rows])
print('AUC default-model rows', roc_auc_score(y[ref], s[ref]), ref.sum(), y[ref].mean())
# within-case: pairwise accuracy
import itertools, collections
by = collections.defaultdict(list)
for i, r in enumerate(rows):
    if ref[i]: by[(r['round'], r['case'])].append(i)
ok = tot = 0
for idx in by.values():
    for i, j in itertools.combinations(idx, 2):
        if y[i] != y[j]:
            tot += 1; ok += (s[i] > s[j]) == (y[i] > y[j])
print('within-case pairwise acc', ok / tot, tot)
L = np.array([len(r['candidate'].split()) for r in rows])
ok = tot = 0
for idx in by.values():
    for i, j in itertools.combinations(idx, 2):
        if y[i] != y[j] and L[i] != L[j]:
            tot += 1; ok += (L[i] < L[j]) == (y[i] > y[j])
print('within-case shorter-wins acc', ok / tot, tot)
