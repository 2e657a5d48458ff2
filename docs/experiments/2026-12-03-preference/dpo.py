"""Preference tuning (DPO + a small NLL term) of a reflection checkpoint on judged candidates.
Train: judged candidates on rounds 1-2 cases (dev sheets A-C + rounds 1-2). Held out: round-3 cases.
The prompt's KV is computed without gradient (only the reflection positions are trained through)."""
import sys, json, random, collections, time, math, shutil
from pathlib import Path
import numpy as np, torch
HERE = Path(__file__).resolve().parent; sys.path[:0] = [str(HERE), str(HERE.parents[2]), str(HERE.parent / '2026-12-03-dev-decoding')]
torch.set_num_threads(2); torch.manual_seed(0); random.seed(0)
from collect import rows
from judged_rows import judged_rows
from transformers import AutoModelForCausalLM
from tasks.core.modeling.generate import load_checkpoint
from tasks.core.modeling.prompt import encode_prompt, target_text
ck, out = Path(sys.argv[1]), Path(sys.argv[2])
lr = float(sys.argv[3]); beta = float(sys.argv[4]); per_case = int(sys.argv[5]); epochs = int(sys.argv[6])
nll_w, bs = 0.1, 8
rs = rows()
def pairs(items):
    by = collections.defaultdict(dict)
    for c, k, y in items: by[c].setdefault(k, []).append(y)
    P = []
    for c, d in by.items():
        acc = [k for k, v in d.items() if np.mean(v) >= .75]; rej = [k for k, v in d.items() if np.mean(v) <= .25]
        pp = [(c, a, b) for a in acc for b in rej]; random.shuffle(pp); P += pp[:per_case]
    return P
train_items = [(r['case'], r['cand'], r['y']) for r in rs if r['src'] in 'ABC'] + \
              [(r['case'], r['candidate'], r['label']) for r in judged_rows()]
held = pairs([(r['case'], r['cand'], r['y']) for r in rs if r['src'] in ('R3', 'D')])
train = pairs(train_items); random.shuffle(train)
print('train pairs', len(train), 'held pairs', len(held), flush=True)
loaded = load_checkpoint(ck)
tok, ps = loaded.tokenizer, loaded.prompt
model = AutoModelForCausalLM.from_pretrained(ck, dtype=torch.float32); model.train()
eos = tok.eos_token_id
def tgt(k): return tok(target_text(tok, k, ps), add_special_tokens=False)['input_ids'] + [eos]
def encp(P): return [(encode_prompt(tok, c, ps, budget=ps.max_length - 80), tgt(a), tgt(b)) for c, a, b in P]
def pair_logps(m, p, ta, tb):
    with torch.no_grad():
        o = m(input_ids=torch.tensor([p]), use_cache=True)
    cache = o.past_key_values; first = o.logits[0, -1].float().log_softmax(-1)
    cache.batch_repeat_interleave(2)
    T = [ta, tb]; L = max(len(ta), len(tb))
    ids = torch.full((2, L), eos); att = torch.zeros((2, len(p) + L), dtype=torch.long); att[:, :len(p)] = 1
    for i, t in enumerate(T): ids[i, :len(t)] = torch.tensor(t); att[i, len(p):len(p) + len(t)] = 1
    h = m.model(input_ids=ids, attention_mask=att, past_key_values=cache).last_hidden_state
    res = []
    for i, t in enumerate(T):
        lg = m.lm_head(h[i, :len(t) - 1]).float().log_softmax(-1)
        res.append(first[t[0]] + lg.gather(1, torch.tensor(t[1:]).unsqueeze(-1)).sum())
    return res[0], res[1], len(ta)
TE, HE = encp(train), encp(held)
t0 = time.time()
@torch.no_grad()
def ref(E): model.eval(); r = [tuple(float(x) for x in pair_logps(model, *e)[:2]) for e in E]; model.train(); return r
TR, HR = ref(TE), ref(HE); print('ref done', round(time.time() - t0), 's', flush=True)
@torch.no_grad()
def held_eval():
    model.eval(); acc, marg = [], []
    for e, (ra, rb) in zip(HE, HR):
        a, b, _ = pair_logps(model, *e); acc.append(float(a) > float(b)); marg.append((float(a) - ra) - (float(b) - rb))
    model.train(); return round(float(np.mean(acc)), 3), round(float(np.mean(marg)), 3)
print('held before (policy prefers chosen, margin)', held_eval(), flush=True)
opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.0)
steps = math.ceil(len(TE) / bs) * epochs; step = 0
for ep in range(epochs):
    for i in range(0, len(TE), bs):
        opt.zero_grad(); accs = []; tot = 0.0
        for e, (ra, rb) in zip(TE[i:i+bs], TR[i:i+bs]):
            a, b, na = pair_logps(model, *e)
            z = beta * ((a - ra) - (b - rb))
            loss = (-torch.nn.functional.logsigmoid(z) + nll_w * (-a / na)) / len(TE[i:i+bs])
            loss.backward(); accs.append(float(z) > 0); tot += float(loss)
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        for g in opt.param_groups: g['lr'] = lr * min(1.0, (step + 1) / 5)
        opt.step(); step += 1
        if step % 10 == 0: print(f'step {step}/{steps} loss {tot:.4f} acc {np.mean(accs):.2f} {time.time() - t0:.0f}s', flush=True)
    print('epoch', ep, 'held', held_eval(), flush=True)
out.mkdir(parents=True, exist_ok=True)
model.save_pretrained(out)
for f in ck.iterdir():
    if not (out / f.name).exists() and f.is_file(): shutil.copy(f, out / f.name)
print('saved', out, round(time.time() - t0), 's')
