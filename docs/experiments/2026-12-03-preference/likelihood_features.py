import sys, json, collections, numpy as np, torch
from pathlib import Path; HERE = Path(__file__).resolve().parent; sys.path[:0] = [str(HERE), str(HERE.parents[2])]
torch.set_num_threads(2)
from collect import rows
from tasks.core.modeling.generate import load_checkpoint
from tasks.core.modeling.base_model import resolve_base_model
from tasks.core.modeling.prompt import encode_prompt, target_text, end_token_id
ck = sys.argv[1]; out = sys.argv[2]
rs = rows()
loaded = load_checkpoint(resolve_base_model(ck))
model, tok = loaded.model, loaded.tokenizer; model.eval(); eos = end_token_id(tok)
NULLS = ["I want to talk about something that has been on my mind.", "Hello.", "Here is my situation."]
@torch.inference_mode()
def batch_lp(prompt, targets):
    out = model(input_ids=torch.tensor([prompt]), use_cache=True)
    cache = out.past_key_values
    first = out.logits[0, -1].float().log_softmax(-1)
    cache.batch_repeat_interleave(len(targets))
    L = max(map(len, targets))
    ids = torch.full((len(targets), L), eos); att = torch.zeros((len(targets), len(prompt) + L), dtype=torch.long)
    att[:, :len(prompt)] = 1
    for i, t in enumerate(targets): ids[i, :len(t)] = torch.tensor(t); att[i, len(prompt):len(prompt) + len(t)] = 1
    lg = model(input_ids=ids, attention_mask=att, past_key_values=cache).logits.float().log_softmax(-1)
    return [[float(first[t[0]])] + [float(lg[i, j, t[j + 1]]) for j in range(len(t) - 1)] for i, t in enumerate(targets)]
tgt = lambda c: tok(target_text(tok, c, loaded.prompt), add_special_tokens=False)['input_ids'] + [eos]
groups = collections.defaultdict(list)
for i, r in enumerate(rs): groups[r['case']].append(i)
feats = [None] * len(rs)
for gi, (case, idx) in enumerate(groups.items()):
    p = encode_prompt(tok, case, loaded.prompt, budget=200)
    for i, v in zip(idx, batch_lp(p, [tgt(rs[i]['cand']) for i in idx])): feats[i] = {'lp': v}
    if gi % 20 == 0: print(gi, len(groups), flush=True)
cands = sorted({r['cand'] for r in rs})
nullv = {c: [] for c in cands}
for nc in NULLS:
    p = encode_prompt(tok, nc, loaded.prompt)
    for k in range(0, len(cands), 16):
        ch = cands[k:k+16]
        for c, v in zip(ch, batch_lp(p, [tgt(c) for c in ch])): nullv[c].append(v)
for f, r in zip(feats, rs): f['null'] = nullv[r['cand']]
json.dump(feats, open(out, 'w'))
print('done')
