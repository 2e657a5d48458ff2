"""All judged candidate rows of rounds 1-2 (dev data): (round, case, candidate, model, rank, label mean)."""
import json
from pathlib import Path
J = Path('tasks/core/quality/judged')
def judged_rows():
    out = []
    for d, js in (('2026-12-03', ('J1', 'J2')), ('2026-12-03-round2', ('J3', 'J4'))):
        key = json.loads((J / d / 'key.json').read_text())['items']
        a = [json.loads(l) for l in open(J / d / f'sheet_judged_{js[0]}.jsonl')]
        b = {r['item']: r for r in map(json.loads, open(J / d / f'sheet_judged_{js[1]}.jsonl'))}
        for r in a:
            ms = key.get(r['item'])
            if not ms:
                continue
            out.append(dict(round=d, case=r['case'], candidate=r['candidate'], producers=ms,
                            label=(r['acceptable'] + b[r['item']]['acceptable']) / 2))
    return out
