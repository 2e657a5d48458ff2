"""Sampling reflections from a checkpoint, with each candidate's likelihood under the model.

Fast path for CPU (the reflect command answers a person, so latency matters):
- the prompt is prefilled ONCE with batch 1 and its KV cache is copied to the n sample rows
  (a case prompt is often 100-300 tokens; prefilling it n times was most of the old cost);
- our own decode loop samples all rows together and drops a row from the batch as soon as
  it hits the end token or a caller's `stop(text)` says it has enough (e.g. two complete
  sentences), and stops when no row is left;
- top-p is exact but cheap: the nucleus is looked for in the top `NUCLEUS_CANDIDATES`
  tokens first and the full vocabulary is sorted only when they do not reach `top_p`;
- `optimize_for_cpu` can turn the Linear layers into smoothed dynamic int8 (cpu_int8.py) and
  set the thread count.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import torch

from tasks.core.modeling.prompt import PROMPT_SETTINGS_FILE, PromptSettings, encode_prompt, end_token_id
from tasks.core.settings_io import SettingsError, load_settings

# Top-k tried before a full sort when looking for the top-p nucleus (exact either way).
NUCLEUS_CANDIDATES = 256


@dataclass(frozen=True)
class GenerationSettings:
    """How candidates are sampled (the generation stage); `ReflectSettings` extends it.

    Attributes:
        max_new_tokens: new tokens per sample at most.
        temperature: sampling temperature (the likelihood used for ranking is untempered).
        top_p: nucleus sampling mass.
        max_prompt_tokens: prompt budget; longer cases are shortened, their start kept.
    """

    max_new_tokens: int = 40
    temperature: float = 0.4  # chosen by blind dev judging (ReflectSettings' docstring)
    top_p: float = 0.9
    max_prompt_tokens: int = 384

    def __post_init__(self) -> None:
        if self.max_new_tokens < 1:
            raise SettingsError("max_new_tokens must be >= 1")
        if not (0 < self.temperature <= 5):
            raise SettingsError(f"temperature={self.temperature} must be in (0, 5]")
        if not (0 < self.top_p <= 1):
            raise SettingsError(f"top_p={self.top_p} must be in (0, 1]")


@dataclass
class LoadedModel:
    """A checkpoint ready to generate: model, tokenizer and the prompt settings it was trained with.

    `quantized` is True once `optimize_for_cpu` turned its Linear layers into dynamic int8.
    `template_prefix` caches the KV of the prompt template's fixed start (system message),
    the same for every case; `prefill_prompt` fills it on first use.
    """

    model: Any
    tokenizer: Any
    prompt: PromptSettings
    path: Path
    quantized: bool = False
    template_prefix: Any = field(default=None, repr=False)


def load_checkpoint(checkpoint_dir: str | Path, device: str = "cpu") -> LoadedModel:
    """Load a fine-tuned checkpoint folder (or any causal LM folder) for generation."""
    from transformers import AutoModelForCausalLM

    from tasks.core.modeling.tokenize import load_tokenizer

    path = Path(checkpoint_dir)
    if not (path / "config.json").is_file():
        raise FileNotFoundError(f"{path} is not a checkpoint folder (no config.json).")
    prompt_file = path / PROMPT_SETTINGS_FILE
    prompt = load_settings(PromptSettings, prompt_file) if prompt_file.is_file() else PromptSettings()
    tokenizer = load_tokenizer(path)
    model = AutoModelForCausalLM.from_pretrained(str(path), dtype=torch.float32).to(device)
    model.eval()
    return LoadedModel(model=model, tokenizer=tokenizer, prompt=prompt, path=path)


def model_device(loaded: LoadedModel) -> torch.device:
    """Device of the model's weights (the embedding stays float even after int8 quantization)."""
    return loaded.model.get_input_embeddings().weight.device


def optimize_for_cpu(loaded: LoadedModel, quantize_int8: bool | None = None, threads: int | None = None,
                     smoothing_alpha: float = 0.8, keep_float: tuple[str, ...] = ("down_proj",)) -> LoadedModel:
    """Prepare a loaded model for CPU generation, in place; quantizing twice is a no-op.

    quantize_int8: True = smoothed dynamic int8 Linear layers (see cpu_int8.py; an error when
        the model is not on CPU or not Llama-style); None = the same when the model allows it,
        float32 otherwise (`loaded.quantized` says which); False = float32.
    threads: torch intra-op threads (process-wide); None leaves PyTorch's default (one per core).
    smoothing_alpha, keep_float: see cpu_int8.smooth_and_quantize.
    """
    from tasks.core.modeling.cpu_int8 import smooth_and_quantize, supports_smoothing

    if threads is not None:
        if threads < 1:
            raise SettingsError(f"threads={threads} must be >= 1 (or None for one per core).")
        torch.set_num_threads(threads)
    if loaded.quantized or quantize_int8 is False:
        return loaded
    on_cpu = model_device(loaded).type == "cpu"
    smoothable = supports_smoothing(loaded.model)
    if quantize_int8 is True and not (on_cpu and smoothable):
        raise SettingsError(
            f"quantize_int8=True needs a Llama-style model on CPU (this is {type(loaded.model).__name__} on "
            f"{model_device(loaded).type}); set quantize_int8 to None (automatic) or False (float32).")
    if on_cpu and smoothable:
        smooth_and_quantize(loaded.model, loaded.tokenizer, loaded.prompt, smoothing_alpha, keep_float)
        loaded.quantized = True
        loaded.template_prefix = None  # computed by the float model: stale now
    return loaded


@dataclass
class Prefill:
    """A case's prompt run through the model once: its KV cache and the logits that follow it."""

    prompt_ids: list[int]
    cache: Any
    next_logits: torch.Tensor  # [vocab] logits of the first new token


# Placeholder used to split the prompt template into its fixed start and the case.
_CASE_MARK = "\u2063CASE\u2063"


def template_prefix_ids(loaded: LoadedModel) -> list[int]:
    """Token ids of the prompt template before the case (system message, user turn start)."""
    from tasks.core.modeling.prompt import format_prompt

    prefix, marker, _ = format_prompt(loaded.tokenizer, _CASE_MARK, loaded.prompt).partition(_CASE_MARK)
    return loaded.tokenizer(prefix, add_special_tokens=False)["input_ids"] if marker else []


@torch.inference_mode()
def prefill_prompt(loaded: LoadedModel, case: str, settings: GenerationSettings) -> Prefill:
    """Encode the case's prompt (shortened to `max_prompt_tokens`) and prefill it with batch 1.

    The template's fixed start is computed once per loaded model and reused (its KV copied):
    only the case and the template's end are run for each case. A prompt whose tokens do not
    start with exactly those ids is prefilled whole.
    """
    prompt_ids = encode_prompt(loaded.tokenizer, case, loaded.prompt, budget=settings.max_prompt_tokens)
    device = model_device(loaded)
    if loaded.template_prefix is None:
        prefix_ids = template_prefix_ids(loaded)
        cache = None
        if prefix_ids:
            cache = loaded.model(input_ids=torch.tensor([prefix_ids], device=device), use_cache=True).cache
        loaded.template_prefix = (prefix_ids, cache)
    prefix_ids, prefix_cache = loaded.template_prefix
    if prefix_cache is not None and len(prompt_ids) > len(prefix_ids) and prompt_ids[: len(prefix_ids)] == prefix_ids:
        rest = torch.tensor([prompt_ids[len(prefix_ids):]], device=device)
        output = loaded.model(input_ids=rest, cache=copy.deepcopy(prefix_cache), use_cache=True, logits_to_keep=1)
    else:
        output = loaded.model(input_ids=torch.tensor([prompt_ids], device=device), use_cache=True, logits_to_keep=1)
    return Prefill(prompt_ids=prompt_ids, cache=output.cache, next_logits=output.logits[0, -1].float())


def sample_top_p(logits: torch.Tensor, temperature: float, top_p: float,
                 generator: torch.Generator | None) -> torch.Tensor:
    """One token id per row of `logits` [rows, vocab], sampled from the tempered top-p nucleus.

    The nucleus is the smallest set of most likely tokens whose probability reaches `top_p`.
    """
    probs = torch.softmax(logits.float() / temperature, dim=-1)
    k = min(NUCLEUS_CANDIDATES, probs.shape[-1])
    top_probs, top_ids = probs.topk(k, dim=-1)  # sorted, most likely first
    if top_p < 1 and bool((top_probs.sum(-1) >= top_p).all()):
        sorted_probs, sorted_ids = top_probs, top_ids
    else:  # the nucleus may reach past the top k: sort everything
        sorted_probs, sorted_ids = probs.sort(dim=-1, descending=True)
    # Keep a token while the mass of the tokens before it is still below top_p.
    outside = (sorted_probs.cumsum(-1) - sorted_probs) >= top_p
    sorted_probs = sorted_probs.masked_fill(outside, 0.0)
    picks = torch.multinomial(sorted_probs, 1, generator=generator)
    return sorted_ids.gather(-1, picks).squeeze(-1)


@torch.inference_mode()
def sample_from_prefill(loaded: LoadedModel, prefill: Prefill, n: int, settings: GenerationSettings,
                        generator: torch.Generator | None = None,
                        stop: Callable[[str], bool] | None = None,
                        on_finish: Callable[[dict[str, Any]], bool] | None = None) -> list[dict[str, Any]]:
    """Sample `n` continuations of a prefilled prompt (the prefill itself is left untouched).

    A row ends at the end token, when `stop(text_so_far)` is True, or at `max_new_tokens`.
    `on_finish(sample)` is called with each row's result as soon as the row ends (rows that end
    on the same step: in row order); when it returns True the rows still running are cancelled
    and sampling ends: the caller has what it needs, and the slowest rows no longer set the pace.

    Returns one dict per row, in row order: "text" (decoded, special tokens dropped, stripped),
    "mean_logprob" (mean log-probability of its tokens under the model's own untempered
    distribution), "tokens" (count, the end token included), "token_ids", "token_logprobs" and
    "finish" ("end_token", "stop", "length" or "cancelled").
    """
    if n < 1:
        raise SettingsError(f"n={n} must be >= 1")
    tokenizer, model = loaded.tokenizer, loaded.model
    eos = end_token_id(tokenizer)
    cache = copy.deepcopy(prefill.cache)
    cache.batch_repeat_interleave(n)
    logits = prefill.next_logits.unsqueeze(0).expand(n, -1)
    token_ids: list[list[int]] = [[] for _ in range(n)]
    token_logprobs: list[list[float]] = [[] for _ in range(n)]
    finish = [""] * n
    active = list(range(n))  # original row of each batch row still generating
    results: list[dict[str, Any] | None] = [None] * n

    def close(row: int, reason: str) -> bool:
        finish[row] = reason
        results[row] = _row_result(tokenizer, token_ids[row], token_logprobs[row], reason)
        return on_finish is not None and reason != "cancelled" and bool(on_finish(results[row]))

    for step in range(settings.max_new_tokens):
        next_ids = sample_top_p(logits, settings.temperature, settings.top_p, generator)
        chosen = torch.log_softmax(logits.float(), dim=-1).gather(-1, next_ids.unsqueeze(-1)).squeeze(-1)
        keep, satisfied = [], False
        last_step = step == settings.max_new_tokens - 1
        for batch_row, (row, token, logprob) in enumerate(zip(active, next_ids.tolist(), chosen.tolist())):
            token_ids[row].append(token)
            token_logprobs[row].append(logprob)
            if satisfied:
                reason = "cancelled"
            elif token == eos:
                reason = "end_token"
            elif stop is not None and stop(tokenizer.decode(token_ids[row], skip_special_tokens=True)):
                reason = "stop"
            elif last_step:
                reason = "length"
            else:
                keep.append(batch_row)
                continue
            satisfied = close(row, reason) or satisfied
        if satisfied:
            for batch_row in keep:
                close(active[batch_row], "cancelled")
            break
        if not keep:
            break
        if len(keep) < len(active):  # drop finished rows: fewer rows to compute from here on
            index = torch.tensor(keep, device=next_ids.device)
            cache.batch_select_indices(index)
            next_ids = next_ids[index]
            active = [active[i] for i in keep]
        output = model(input_ids=next_ids.unsqueeze(-1), cache=cache, use_cache=True)
        cache, logits = output.cache, output.logits[:, -1]
    return [result for result in results if result is not None]


def _row_result(tokenizer: Any, ids: list[int], logprobs: list[float], finish: str) -> dict[str, Any]:
    return {
        "text": tokenizer.decode(ids, skip_special_tokens=True).strip(),
        "mean_logprob": float(sum(logprobs) / len(ids)),
        "tokens": len(ids),
        "token_ids": ids,
        "token_logprobs": logprobs,
        "finish": finish,
    }


def make_generator(seed: int | None, device: torch.device | str = "cpu") -> torch.Generator:
    """A private random generator on `device`: seeded for repeatable samples, else from fresh entropy."""
    generator = torch.Generator(device=device)
    if seed is None:
        generator.seed()
    else:
        generator.manual_seed(seed)
    return generator


def sample_reflections(loaded: LoadedModel, case: str, n: int, settings: GenerationSettings,
                       seed: int | None = None, stop: Callable[[str], bool] | None = None) -> list[dict[str, Any]]:
    """Sample `n` continuations of the case's prompt (one shared prefill, see the module doc).

    Returns [{"text", "mean_logprob", "tokens", ...}] as `sample_from_prefill` does: text decoded
    up to the end token, and the mean log-probability of its tokens (the end token included)
    under the model's own (untempered) distribution.
    """
    prefill = prefill_prompt(loaded, case, settings)
    return sample_from_prefill(loaded, prefill, n, settings, make_generator(seed, model_device(loaded)), stop)
