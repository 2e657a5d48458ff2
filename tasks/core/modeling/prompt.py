"""Prompt format and label masking for (case, reflection) pairs.

A training example is `prompt(case) + reflection + end token`. The prompt uses the base
model's chat template when its tokenizer has one, else the plain template
`Patient: <case>\nTherapist:`. Labels are -100 on the prompt, so the loss (and perplexity)
covers the reflection tokens and the end token only. Prompt and target are tokenized
separately and concatenated, so generation continues from exactly the prompt ids that
training saw.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from annotated_types import Ge

from tasks.core.settings_io import SettingsError, settings_file_name

IGNORE_INDEX = -100  # label value the loss skips (PyTorch's cross-entropy default)
PLAIN_TEMPLATE = "Patient: {case}\nTherapist:"
PROMPT_SETTINGS_FILE = settings_file_name("prompt")


@dataclass(frozen=True)
class PromptSettings:
    """How cases become prompts (the tokenize stage). Saved beside each checkpoint so
    evaluation and generation use the template the model was trained with.

    Fields:
        system_prompt: system message of chat templates; without it the base model's default
            ("You are SmolLM...") is inserted, which says nothing about the job.
        max_length: token budget of one example (at least 32). Long cases are shortened to fit;
            the reflection and its end token are never cut (CounselChat reflections are at most
            50 words, ~70 tokens).
        plain_template: use the plain `Patient:/Therapist:` template even when the tokenizer has
            a chat template.
        min_case_tokens: fewest case tokens kept when a case is shortened; below that the pair
            is skipped (1 to max_length - 1).
    """

    system_prompt: str = (
        "You are a warm, careful therapist. Reply with one or two sentences that reflect back "
        "what the person said."
    )
    max_length: Annotated[int, Ge(32)] = 256
    plain_template: bool = False
    min_case_tokens: Annotated[int, Ge(1)] = 16

    def __post_init__(self) -> None:
        if self.max_length < 32:
            raise SettingsError(f"max_length={self.max_length} is too small; use at least 32 tokens (256 is the default).")
        if self.min_case_tokens < 1 or self.min_case_tokens >= self.max_length:
            raise SettingsError(f"min_case_tokens={self.min_case_tokens} must be between 1 and max_length-1.")


def uses_chat_template(tokenizer: Any, settings: PromptSettings) -> bool:
    """True when the prompt is built with the tokenizer's own chat template."""
    return not settings.plain_template and bool(getattr(tokenizer, "chat_template", None))


def format_prompt(tokenizer: Any, case: str, settings: PromptSettings) -> str:
    """The prompt text for a case, ending where the reflection starts."""
    if uses_chat_template(tokenizer, settings):
        messages = [{"role": "system", "content": settings.system_prompt}, {"role": "user", "content": case}]
        return tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    return PLAIN_TEMPLATE.format(case=case)


def end_token_id(tokenizer: Any) -> int:
    """The token that ends a reflection (`<|im_end|>` for SmolLM2, `<|endoftext|>` for GPT-2)."""
    if tokenizer.eos_token_id is None:
        raise SettingsError("The tokenizer has no end-of-sequence token; pick a base model whose tokenizer defines one.")
    return int(tokenizer.eos_token_id)


def target_text(tokenizer: Any, reflection: str, settings: PromptSettings) -> str:
    """Reflection text as it follows the prompt (plain template: after a space)."""
    return reflection if uses_chat_template(tokenizer, settings) else " " + reflection


def encode_prompt(tokenizer: Any, case: str, settings: PromptSettings, budget: int | None = None) -> list[int]:
    """Prompt token ids, with the case shortened (its start kept) until the prompt fits `budget`."""
    ids = tokenizer(format_prompt(tokenizer, case, settings), add_special_tokens=False)["input_ids"]
    if budget is None or len(ids) <= budget:
        return ids
    case_ids = tokenizer(case, add_special_tokens=False)["input_ids"]
    keep = len(case_ids) - (len(ids) - budget)
    # Re-tokenizing a cut case can merge tokens differently, so shrink until it fits.
    while keep >= settings.min_case_tokens:
        short_case = tokenizer.decode(case_ids[:keep]).rstrip() + " …"
        ids = tokenizer(format_prompt(tokenizer, short_case, settings), add_special_tokens=False)["input_ids"]
        if len(ids) <= budget:
            return ids
        keep -= max(1, len(ids) - budget)
    raise ValueError("case cannot be shortened enough to fit max_length")


def encode_pair(tokenizer: Any, case: str, reflection: str, settings: PromptSettings) -> dict[str, list[int]] | None:
    """Token ids and labels of one training example, or None when even a shortened case
    cannot fit beside the whole reflection (the caller counts it)."""
    target = tokenizer(target_text(tokenizer, reflection, settings), add_special_tokens=False)["input_ids"]
    target = target + [end_token_id(tokenizer)]
    try:
        prompt = encode_prompt(tokenizer, case, settings, budget=settings.max_length - len(target))
    except ValueError:
        return None
    return {
        "input_ids": prompt + target,
        "labels": [IGNORE_INDEX] * len(prompt) + target,
    }
