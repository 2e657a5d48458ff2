"""Judged candidates written by the one-epoch default model ec2ca2 (development data)."""
import json, collections
from pathlib import Path
J = Path('tasks/core/quality/judged')
DD = J / '2026-12-03-dev-decoding'
EC = 'ec2ca2'
def load(p): return [json.loads(l) for l in open(p)]
def rows():
    out = []
    # A: producers new127-* are ec2ca2
    key = json.load(open(DD / 'A_settings_key.json'))['items']
    for r in load(DD / 'A_settings_sheet_judged_D1_D2.jsonl'):
        ms = key.get(r['item']) or []
        if any(m.startswith('new127') for m, _ in ms):
            out.append(dict(src='A', case=r['case'], cand=r['candidate'], y=r['acceptable']))
    for r in load(DD / 'B_pool10_sheet_judged_D3_D4.jsonl'):
        out.append(dict(src='B', case=r['case'], cand=r['candidate'], y=r['acceptable']))
    for r in load(DD / 'C_temperature_sheet_judged_D5_D6.jsonl'):
        out.append(dict(src='C', case=r['case'], cand=r['candidate'], y=r['acceptable']))
    key = json.load(open(DD / 'D_two_epochs_key.json'))
    for r in load(DD / 'D_two_epochs_sheet_judged_D7_D8.jsonl'):
        ms = key.get(r['item']) or []
        if any(m == 'e127' for m, _ in ms):
            out.append(dict(src='D', case=r['case'], cand=r['candidate'], y=r['acceptable']))
    key = json.load(open(J / '2026-12-03-round3/key.json'))['items']
    b = {r['item']: r for r in load(J / '2026-12-03-round3/sheet_judged_J6.jsonl')}
    for r in load(J / '2026-12-03-round3/sheet_judged_J5.jsonl'):
        ms = key.get(r['item']) or []
        if any(EC in m for m, _ in ms):
            out.append(dict(src='R3', case=r['case'], cand=r['candidate'], y=(r['acceptable'] + b[r['item']]['acceptable']) / 2))
    return out
if __name__ == '__main__':
    rs = rows()
    c = collections.Counter(r['src'] for r in rs); print(len(rs), c)
    g = collections.defaultdict(list)
    for r in rs: g[(r['src'], r['case'])].append(r['y'])
    print('groups', len(g), 'mean size', sum(map(len, g.values())) / len(g))
    import statistics
    print('oracle', statistics.mean(max(v) >= .5 for v in g.values()), 'random', statistics.mean(statistics.mean(x >= .5 for x in v) for v in g.values()))
