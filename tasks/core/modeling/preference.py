"""Preference tuning (DPO) of a reflection checkpoint on judged candidates.

A pair is (case, chosen, rejected): two candidates for the same case that people judged, the
chosen one acceptable by the rubric (mean label >= 0.75) and the rejected one not (<= 0.25).
The loss is DPO's, -log sigmoid(beta * ((log p(chosen) - log p_ref(chosen)) - (log p(rejected) -
log p_ref(rejected)))), plus `nll_weight` x the chosen reflection's mean token negative
log-likelihood, which keeps the tuned model fluent. The reference is the checkpoint before tuning;
its log-probabilities are computed once, before the first step.

Cheap on CPU: a case's prompt is run once without gradient and its KV cache is shared by both
reflections, so only the reflection positions are trained through. As in the experiment whose
model blind judges found better (docs/experiments/2026-12-03-preference/dpo.py), the first
reflection token is scored from the prompt's last position and so gets no gradient.

Pure: no Prefect, no MLflow.
"""
from __future__ import annotations

import json
import math
import os
import random
import shutil
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import torch

from tasks.core.modeling.prompt import encode_prompt, end_token_id, target_text
from tasks.core.settings_io import SettingsError, save_settings, settings_file_name

PREFER_SETTINGS_FILE = settings_file_name("prefer")
HISTORY_FILE = "preference_history.json"
# The pairs file vendored from every judged sheet (tasks/core/quality/judged_pairs.py builds it).
JUDGED_PAIRS_FILE = Path(__file__).resolve().parents[1] / "quality" / "preferences" / "judged_pairs.jsonl"
CHOSEN_AT_LEAST = 0.75  # a candidate's mean label from which it is acceptable (a chosen reflection)
REJECTED_AT_MOST = 0.25  # a candidate's mean label up to which it is not (a rejected reflection)
REFLECTION_TOKENS = 80  # tokens kept free for the reflection when a long case is shortened


@dataclass(frozen=True)
class PreferenceSettings:
    """Settings of preference tuning (`robo-therapist prefer`, `--set prefer.FIELD=VALUE`). The
    defaults are the recipe of the model blind judges found better (experiment E of
    tasks/core/quality/judged/2026-12-03-dev-decoding/). Saved beside the tuned checkpoint as
    prefer_settings.json.

    Fields:
        beta: DPO temperature: how far the tuned model may move from the checkpoint (> 0; 0.1).
        nll_weight: weight of the chosen reflection's mean token NLL added to the loss (>= 0; 0 is
            plain DPO).
        learning_rate: AdamW's learning rate after warm-up, constant, in (0, 1); 5e-6 was judged.
        warmup_steps: optimizer steps of linear warm-up from lr/warmup_steps (>= 0).
        max_grad_norm: gradient norm clip (> 0).
        batch_size: pairs per optimizer step (>= 1).
        epochs: passes over the training pairs (>= 1).
        pairs_per_case: most pairs drawn from one case (>= 1); a case with many judged candidates
            would otherwise dominate.
        heldout_share: share of the cases (with all their pairs) held out to measure how often the
            model prefers the chosen reflection before and after tuning, in [0, 1); 0 trains on all.
        seed: seed of the pair draw, the held-out split, the order and torch.
        pairs_file: JSON Lines of judged candidates {case, candidate, label}; empty means the
            vendored tasks/core/quality/preferences/judged_pairs.jsonl (development data).
    """

    beta: float = 0.1
    nll_weight: float = 0.1
    learning_rate: float = 5e-6
    warmup_steps: int = 5
    max_grad_norm: float = 1.0
    batch_size: int = 8
    epochs: int = 1
    pairs_per_case: int = 12
    heldout_share: float = 0.0
    seed: int = 0
    pairs_file: str = ""

    def __post_init__(self) -> None:
        problems = []
        if not self.beta > 0:
            problems.append(f"beta={self.beta} must be > 0, e.g. 0.1")
        if not self.nll_weight >= 0:
            problems.append(f"nll_weight={self.nll_weight} must be >= 0 (0 for plain DPO)")
        if not 0 < self.learning_rate < 1:
            problems.append(f"learning_rate={self.learning_rate} must be in (0, 1), e.g. 5e-6")
        if not (isinstance(self.warmup_steps, int) and self.warmup_steps >= 0):
            problems.append(f"warmup_steps={self.warmup_steps} must be a whole number >= 0")
        if not self.max_grad_norm > 0:
            problems.append(f"max_grad_norm={self.max_grad_norm} must be > 0, e.g. 1.0")
        for name in ("batch_size", "epochs", "pairs_per_case"):
            value = getattr(self, name)
            if not (isinstance(value, int) and value >= 1):
                problems.append(f"{name}={value} must be a whole number >= 1")
        if not 0 <= self.heldout_share < 1:
            problems.append(f"heldout_share={self.heldout_share} must be in [0, 1), e.g. 0.2 (0 holds out nothing)")
        if not isinstance(self.seed, int):
            problems.append(f"seed={self.seed!r} must be a whole number")
        if not isinstance(self.pairs_file, str):
            problems.append(f"pairs_file={self.pairs_file!r} must be a path (or empty for the vendored pairs)")
        if problems:
            raise SettingsError("Invalid prefer settings: " + "; ".join(problems))

    def resolved_pairs_file(self) -> Path:
        """The judged candidates file in force."""
        return Path(self.pairs_file) if self.pairs_file else JUDGED_PAIRS_FILE


class PreferencePair(NamedTuple):
    case: str
    chosen: str
    rejected: str


# ---------------------------------------------------------------- pairs
def read_judged_candidates(path: str | Path) -> list[dict[str, Any]]:
    """Rows {case, candidate, label, ...} of a judged candidates file (JSON Lines)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"No judged candidates file at {path}; give --pairs FILE.jsonl (rows of "
                                "{case, candidate, label}) or build the vendored one with "
                                "`python -m tasks.core.quality.judged_pairs`.")
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        missing = {"case", "candidate", "label"} - set(row)
        if missing:
            raise ValueError(f"{path}, line {number}: missing {sorted(missing)}; each row needs case, candidate and "
                             "label (the mean of the judges' 0/1 acceptable labels).")
        rows.append(row)
    return rows


def preference_pairs(rows: Iterable[Mapping[str, Any]], pairs_per_case: int, seed: int) -> list[PreferencePair]:
    """(case, chosen, rejected) pairs from judged candidate rows {case, candidate, label}.

    Every judgement of one candidate (the same stripped text for the same case, in any row) is
    averaged; a mean >= 0.75 makes it chosen, <= 0.25 rejected, anything between (judges or
    rounds that disagree) drops it. Each case gives every chosen x rejected pair, shuffled and cut
    to `pairs_per_case`; the result is shuffled. Deterministic for a seed, whatever the row order.
    """
    labels: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        labels[str(row["case"])][str(row["candidate"]).strip()].append(float(row["label"]))
    pairs: list[PreferencePair] = []
    for case in sorted(labels):
        means = {text: sum(values) / len(values) for text, values in labels[case].items()}
        chosen = sorted(text for text, mean in means.items() if mean >= CHOSEN_AT_LEAST)
        rejected = sorted(text for text, mean in means.items() if mean <= REJECTED_AT_MOST)
        case_pairs = [PreferencePair(case, a, b) for a in chosen for b in rejected]
        random.Random(f"{seed}:{case}").shuffle(case_pairs)
        pairs += case_pairs[:pairs_per_case]
    random.Random(seed).shuffle(pairs)
    return pairs


def split_heldout(pairs: Sequence[PreferencePair], share: float, seed: int) -> tuple[list[PreferencePair], list[PreferencePair]]:
    """(train, held out): `share` of the cases, drawn with the seed, with all their pairs held out."""
    if share <= 0:
        return list(pairs), []
    cases = sorted({pair.case for pair in pairs})
    random.Random(seed).shuffle(cases)
    held = set(cases[:round(share * len(cases))])
    train = [pair for pair in pairs if pair.case not in held]
    heldout = [pair for pair in pairs if pair.case in held]
    if not held or not train:
        raise SettingsError(f"heldout_share={share} of {len(cases)} cases holds out {len(held)}, leaving "
                            f"{len(cases) - len(held)} to train on; pick a share that leaves both sides at least "
                            "one case (or 0 to hold out nothing).")
    return train, heldout


def pairs_from_file(settings: PreferenceSettings) -> list[PreferencePair]:
    """The pairs of the settings' judged candidates file; an error when there are none."""
    path = settings.resolved_pairs_file()
    rows = read_judged_candidates(path)
    if not rows:
        raise ValueError(f"{path} has no judged candidates; give a file of {{case, candidate, label}} rows.")
    pairs = preference_pairs(rows, settings.pairs_per_case, settings.seed)
    if not pairs:
        raise ValueError(f"{path}: no case has both an acceptable candidate (label >= {CHOSEN_AT_LEAST}) and an "
                         f"unacceptable one (label <= {REJECTED_AT_MOST}), so there is no pair to learn from; add "
                         "judged candidates of both kinds for the same cases.")
    return pairs


# ---------------------------------------------------------------- log-probabilities and loss
def reflection_ids(tokenizer: Any, reflection: str, prompt_settings: Any) -> list[int]:
    """Token ids of a reflection as it follows the prompt, end token included."""
    ids = tokenizer(target_text(tokenizer, reflection, prompt_settings), add_special_tokens=False)["input_ids"]
    return ids + [end_token_id(tokenizer)]


def sequence_logprob(model: Any, prompt_ids: Sequence[int], targets: Sequence[Sequence[int]]) -> torch.Tensor:
    """Summed log-probability of each target continuing the prompt: a tensor of len(targets).

    The prompt runs once without gradient; its KV cache is repeated for the targets, which run
    together (right-padded) and carry the gradient when it is enabled."""
    device = model.get_input_embeddings().weight.device
    with torch.no_grad():
        out = model(input_ids=torch.tensor([list(prompt_ids)], device=device), use_cache=True)
    cache = out.cache
    first = out.logits[0, -1].float().log_softmax(-1)
    if len(targets) > 1:
        cache.batch_repeat_interleave(len(targets))
    width = max(len(t) for t in targets)
    pad = int(targets[0][-1])
    ids = torch.full((len(targets), width), pad, dtype=torch.long, device=device)
    mask = torch.zeros((len(targets), len(prompt_ids) + width), dtype=torch.long, device=device)
    mask[:, :len(prompt_ids)] = 1
    for row, target in enumerate(targets):
        ids[row, :len(target)] = torch.tensor(list(target), device=device)
        mask[row, len(prompt_ids):len(prompt_ids) + len(target)] = 1
    logits = model(input_ids=ids, attention_mask=mask, cache=cache).logits
    sums = []
    for row, target in enumerate(targets):
        steps = logits[row, :len(target) - 1].float().log_softmax(-1)
        nexts = torch.tensor(list(target[1:]), device=device).unsqueeze(-1)
        sums.append(first[target[0]] + steps.gather(1, nexts).sum())
    return torch.stack(sums)


def dpo_loss(chosen: torch.Tensor, rejected: torch.Tensor, ref_chosen: float, ref_rejected: float, beta: float,
             nll_weight: float = 0.0, chosen_tokens: int = 1) -> tuple[torch.Tensor, torch.Tensor]:
    """(loss, z) of one pair: z = beta x the policy's log-ratio margin of chosen over rejected
    against the reference; loss = -log sigmoid(z) + nll_weight x chosen's mean token NLL."""
    z = beta * ((chosen - ref_chosen) - (rejected - ref_rejected))
    loss = -torch.nn.functional.logsigmoid(z) + nll_weight * (-chosen / chosen_tokens)
    return loss, z


# ---------------------------------------------------------------- tuning
@dataclass
class _Encoded:
    prompt: list[int]
    chosen: list[int]
    rejected: list[int]


def _encode(loaded: Any, pairs: Sequence[PreferencePair]) -> tuple[list[_Encoded], int]:
    """The pairs' token ids, and how many pairs were skipped because even a shortened case does not
    fit the prompt settings' max_length beside a reflection."""
    tok, ps = loaded.tokenizer, loaded.prompt
    budget = max(ps.max_length - REFLECTION_TOKENS, 8)
    encoded, skipped = [], 0
    for p in pairs:
        try:
            prompt = encode_prompt(tok, p.case, ps, budget=budget)
        except ValueError:
            skipped += 1
            continue
        encoded.append(_Encoded(prompt, reflection_ids(tok, p.chosen, ps), reflection_ids(tok, p.rejected, ps)))
    return encoded, skipped


@torch.no_grad()
def pair_logprobs(model: Any, encoded: Sequence[_Encoded], progress: bool | None = False,
                  label: str = "reference log-probabilities") -> list[tuple[float, float]]:
    """(log p(chosen), log p(rejected)) of each encoded pair, without gradient. `progress`: a tqdm
    bar (the reference pass over a few thousand pairs takes minutes on CPU)."""
    from tqdm.auto import tqdm

    was_training = model.training
    model.eval()
    result = [tuple(float(x) for x in sequence_logprob(model, e.prompt, [e.chosen, e.rejected]))
              for e in tqdm(encoded, desc=label, unit="pair", disable=None if progress is None else not progress)]
    model.train(was_training)
    return result  # type: ignore[return-value]


def preferred_share(model: Any, encoded: Sequence[_Encoded], reference: Sequence[tuple[float, float]]) -> dict[str, float]:
    """How often the model gives the chosen reflection the higher log-probability, and its mean
    log-ratio margin of chosen over rejected against the reference."""
    now = pair_logprobs(model, encoded)
    share = sum(a > b for a, b in now) / len(now)
    margin = sum((a - ra) - (b - rb) for (a, b), (ra, rb) in zip(now, reference)) / len(now)
    return {"preferred": round(share, 4), "margin": round(margin, 4)}


def _check_paths(checkpoint_dir: Path, out_dir: Path) -> None:
    if not checkpoint_dir.is_dir():
        raise FileNotFoundError(f"No checkpoint folder at {checkpoint_dir}; give --checkpoint the fine_tune folder "
                                "of a training run, e.g. artifacts/train-.../fine_tune.")
    if not (checkpoint_dir / "config.json").is_file():
        raise FileNotFoundError(f"{checkpoint_dir} is not a checkpoint folder (no config.json); give the fine_tune "
                                "folder of a training run.")
    if out_dir.exists():
        raise FileExistsError(f"{out_dir} already exists; give --out a new folder (nothing is overwritten).")


def tune_on_preferences(checkpoint_dir: str | Path, pairs: Sequence[PreferencePair], settings: PreferenceSettings,
                        out_dir: str | Path, progress: bool | None = None) -> dict[str, Any]:
    """Tune the checkpoint on preference pairs and write the tuned checkpoint to `out_dir`.

    `out_dir` gets the model's weights, its tokenizer, the source checkpoint's settings files,
    prefer_settings.json and preference_history.json (per-step loss and accuracy; the held-out
    share before and after when `settings.heldout_share` > 0). It is written under a temporary
    name and renamed into place, so a crash leaves nothing at `out_dir`. `progress`: show a tqdm bar
    (None: only on a terminal). Returns the run's figures."""
    from tqdm.auto import tqdm

    from tasks.core.modeling.generate import load_checkpoint

    checkpoint_dir, out_dir = Path(checkpoint_dir), Path(out_dir)
    _check_paths(checkpoint_dir, out_dir)
    if not pairs:
        raise ValueError("No preference pairs to tune on: the judged candidates give no case with both an "
                         "acceptable and an unacceptable candidate; add judged candidates of both kinds.")
    train_pairs, heldout_pairs = split_heldout(pairs, settings.heldout_share, settings.seed)
    torch.manual_seed(settings.seed)
    start = time.perf_counter()
    loaded = load_checkpoint(checkpoint_dir)  # tokenizer, prompt settings and a float32 model
    model = loaded.model
    (train_set, skipped), (heldout_set, heldout_skipped) = _encode(loaded, train_pairs), _encode(loaded, heldout_pairs)
    if not train_set:
        raise ValueError(f"None of the {len(train_pairs)} training pairs fits the checkpoint's prompt max_length="
                         f"{loaded.prompt.max_length} beside a reflection of {REFLECTION_TOKENS} tokens; tune a "
                         "checkpoint trained with a larger prompt.max_length.")
    reference, heldout_reference = pair_logprobs(model, train_set, progress), pair_logprobs(model, heldout_set, progress)
    before = preferred_share(model, heldout_set, heldout_reference) if heldout_set else None

    order = list(range(len(train_set)))
    batches_per_epoch = math.ceil(len(order) / settings.batch_size)
    total = batches_per_epoch * settings.epochs
    optimizer = torch.optim.AdamW(model.parameters(), lr=settings.learning_rate, weight_decay=0.0)
    history: list[dict[str, Any]] = []
    model.train()
    bar = tqdm(total=total, desc="preference tuning", unit="step", disable=None if progress is None else not progress)
    step = 0
    for epoch in range(settings.epochs):
        if epoch:
            random.Random(settings.seed + epoch).shuffle(order)
        for begin in range(0, len(order), settings.batch_size):
            batch = order[begin:begin + settings.batch_size]
            optimizer.zero_grad(set_to_none=True)
            batch_loss, right = 0.0, 0
            for index in batch:
                e, (ref_a, ref_b) = train_set[index], reference[index]
                a, b = sequence_logprob(model, e.prompt, [e.chosen, e.rejected])
                loss, z = dpo_loss(a, b, ref_a, ref_b, settings.beta, settings.nll_weight, len(e.chosen))
                (loss / len(batch)).backward()
                batch_loss += float(loss.detach()) / len(batch)
                right += float(z.detach()) > 0
            torch.nn.utils.clip_grad_norm_(model.parameters(), settings.max_grad_norm)
            factor = min(1.0, (step + 1) / settings.warmup_steps) if settings.warmup_steps else 1.0
            for group in optimizer.param_groups:
                group["lr"] = settings.learning_rate * factor
            optimizer.step()
            step += 1
            history.append({"step": step, "epoch": epoch, "loss": round(batch_loss, 5),
                            "accuracy": round(right / len(batch), 4)})
            bar.update(1)
            bar.set_postfix(loss=f"{batch_loss:.4f}")
    bar.close()
    model.eval()
    after = preferred_share(model, heldout_set, heldout_reference) if heldout_set else None
    seconds = round(time.perf_counter() - start, 1)
    figures = {
        "checkpoint": str(checkpoint_dir), "out": str(out_dir), "pairs_file": str(settings.resolved_pairs_file()),
        "pairs": len(pairs), "train_pairs": len(train_set), "heldout_pairs": len(heldout_set),
        "skipped_pairs": skipped + heldout_skipped,
        "train_cases": len({p.case for p in train_pairs}), "steps": step, "seconds": seconds,
        "final_loss": history[-1]["loss"], "heldout_before": before, "heldout_after": after,
    }
    _write_atomically(model, loaded.tokenizer, checkpoint_dir, out_dir, settings, {**figures, "history": history})
    return figures


def _write_atomically(model: Any, tokenizer: Any, source: Path, out_dir: Path, settings: PreferenceSettings,
                      history: dict[str, Any]) -> None:
    """The tuned checkpoint, written beside `out_dir` under a temporary name, then renamed to it."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_dir.with_name(out_dir.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        model.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        for path in sorted(source.glob(settings_file_name("*"))):
            shutil.copy2(path, tmp / path.name)
        save_settings(settings, tmp / PREFER_SETTINGS_FILE)
        (tmp / HISTORY_FILE).write_text(json.dumps(history, indent=2) + "\n")
        if out_dir.exists():
            raise FileExistsError(f"{out_dir} appeared while tuning; the tuned model is left at {tmp}.")
        os.replace(tmp, out_dir)
    except FileExistsError:
        raise
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise

