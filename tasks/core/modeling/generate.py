"""Sampling reflections from a checkpoint, with each candidate's likelihood under the model."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

from tasks.core.modeling.prompt import PROMPT_SETTINGS_FILE, PromptSettings, encode_prompt, end_token_id
from tasks.core.settings_io import SettingsError, load_settings


@dataclass(frozen=True)
class GenerationSettings:
    """How candidates are sampled (the generation stage)."""

    max_new_tokens: int = 40
    temperature: float = 0.7
    top_p: float = 0.9
    # Prompt budget when a case is very long (the case is shortened, its start kept).
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
    """A checkpoint ready to generate: model, tokenizer and the prompt settings it was trained with."""

    model: Any
    tokenizer: Any
    prompt: PromptSettings
    path: Path


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


@torch.no_grad()
def sample_reflections(loaded: LoadedModel, case: str, n: int, settings: GenerationSettings,
                       seed: int | None = None) -> list[dict[str, Any]]:
    """Sample `n` continuations of the case's prompt.

    Returns [{"text", "mean_logprob", "tokens"}]: text decoded up to the end token, and the
    mean log-probability of its tokens under the model's own (untempered) distribution.
    """
    tokenizer, model = loaded.tokenizer, loaded.model
    device = next(model.parameters()).device
    prompt_ids = encode_prompt(tokenizer, case, loaded.prompt, budget=settings.max_prompt_tokens)
    input_ids = torch.tensor([prompt_ids], device=device)
    if seed is not None:
        torch.manual_seed(seed)
    eos = end_token_id(tokenizer)
    output = model.generate(
        input_ids=input_ids, attention_mask=torch.ones_like(input_ids), do_sample=True,
        temperature=settings.temperature, top_p=settings.top_p, max_new_tokens=settings.max_new_tokens,
        num_return_sequences=n, eos_token_id=eos, pad_token_id=tokenizer.pad_token_id,
        return_dict_in_generate=True, output_logits=True,
    )
    new_tokens = output.sequences[:, input_ids.shape[1]:]
    logprobs = torch.stack(output.logits, dim=1).float().log_softmax(-1)  # [n, T, vocab], raw logits
    chosen = logprobs.gather(-1, new_tokens.unsqueeze(-1)).squeeze(-1)
    results = []
    for row in range(new_tokens.shape[0]):
        ids = new_tokens[row].tolist()
        length = ids.index(eos) + 1 if eos in ids else len(ids)  # the end token counts, padding after it not
        text = tokenizer.decode(ids[:length], skip_special_tokens=True).strip()
        results.append({"text": text, "mean_logprob": float(chosen[row, :length].mean()), "tokens": length})
    return results
