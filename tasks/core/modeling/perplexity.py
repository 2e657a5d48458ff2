"""Perplexity of reflections under a model.

- token perplexity = exp(total NLL of the reflection tokens, end token included / number of those tokens)
- word perplexity  = exp(the same total NLL / whitespace-separated words of the reflections)

Word perplexity compares across tokenizers (GPT-2 vs SmolLM2), token perplexity does not.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from contextlib import nullcontext
from typing import Any

import torch
import torch.nn.functional as F

from tasks.core.modeling.batches import label_positions, padded_batch
from tasks.core.modeling.losses import labelled_nll_sum, supports_labelled_logits
from tasks.core.modeling.prompt import IGNORE_INDEX

MAX_EXPONENT = 700.0  # exp(709) is the largest double; past it we report inf, not an OverflowError


def safe_exp(value: float) -> float:
    """exp(value), or inf when it would overflow a float."""
    return math.exp(value) if value < MAX_EXPONENT else float("inf")


def perplexities(nll_sum: float, tokens: int, words: int) -> dict[str, float]:
    """Token and word perplexity from a summed NLL; errors on an empty score."""
    if tokens <= 0 or words <= 0:
        raise ValueError("no reflection tokens or words to score; the pairs are empty")
    return {"perplexity": safe_exp(nll_sum / tokens), "word_perplexity": safe_exp(nll_sum / words)}


def autocast_for(device: torch.device) -> Any:
    """bf16 autocast on CUDA; plain float32 elsewhere (CPU bf16 is slower here and less exact)."""
    if device.type == "cuda":
        return torch.autocast(device_type="cuda", dtype=torch.bfloat16)
    return nullcontext()


@torch.no_grad()
def score_examples(model: Any, examples: Sequence[dict], pad_id: int, batch_size: int = 16,
                   progress: bool = False) -> dict[str, float]:
    """Summed NLL over labelled tokens of tokenized examples (input_ids, labels, n_words).

    Returns {"nll_sum", "tokens", "words", "pairs", "perplexity", "word_perplexity"}.
    """
    device = next(model.parameters()).device
    labelled_only = supports_labelled_logits(model)
    was_training = model.training
    model.eval()
    nll_sum = torch.zeros((), dtype=torch.float64, device=device)
    tokens = 0
    # Longest first keeps padding low and shows any out-of-memory at the start.
    order = sorted(range(len(examples)), key=lambda i: -len(examples[i]["input_ids"]))
    starts = range(0, len(order), batch_size)
    if progress:
        from tqdm.auto import tqdm
        starts = tqdm(starts, desc="scoring", unit="batch")
    for start in starts:
        chunk = [examples[i] for i in order[start:start + batch_size]]
        batch = padded_batch(chunk, pad_id)
        if labelled_only:
            # Vocabulary projection only where a reflection token is predicted (~1 position in 6).
            batch["label_index"], batch["label_targets"] = label_positions(batch.pop("labels"))
        batch = {k: v.to(device) for k, v in batch.items()}
        with autocast_for(device):
            if labelled_only:
                nll = labelled_nll_sum(model, **batch)
            else:
                logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
                shifted_logits = logits[:, :-1].float()  # the output at t predicts token t+1
                nll = F.cross_entropy(shifted_logits.reshape(-1, shifted_logits.size(-1)),
                                      batch["labels"][:, 1:].reshape(-1), ignore_index=IGNORE_INDEX, reduction="sum")
        nll_sum += nll.double()
        tokens += sum(sum(1 for label in example["labels"][1:] if label != IGNORE_INDEX) for example in chunk)
    model.train(was_training)
    words = sum(int(example["n_words"]) for example in examples)
    total = float(nll_sum.item())
    return {"nll_sum": total, "tokens": tokens, "words": words, "pairs": len(examples),
            **perplexities(total, tokens, words)}
