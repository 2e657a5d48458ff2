"""Prompt format, label masking and truncation."""
from __future__ import annotations

import pytest

from tasks.core.modeling.prompt import IGNORE_INDEX, PromptSettings, encode_pair, format_prompt, uses_chat_template
from tasks.core.settings_io import SettingsError


def test_chat_template_prompt_ends_where_assistant_starts(tiny_tokenizer):
    settings = PromptSettings()
    prompt = format_prompt(tiny_tokenizer, "I feel alone.", settings)
    assert uses_chat_template(tiny_tokenizer, settings)
    assert prompt.endswith("<|im_start|>assistant\n")
    assert settings.system_prompt in prompt and "I feel alone." in prompt


def test_plain_template_when_forced(tiny_tokenizer):
    prompt = format_prompt(tiny_tokenizer, "I feel alone.", PromptSettings(plain_template=True))
    assert prompt == "Patient: I feel alone.\nTherapist:"


@pytest.mark.parametrize("plain", [False, True])
def test_labels_cover_reflection_and_end_token_only(tiny_tokenizer, plain):
    settings = PromptSettings(plain_template=plain)
    reflection = "It sounds like you have carried a lot on your own."
    encoded = encode_pair(tiny_tokenizer, "I do everything alone at home.", reflection, settings)
    labels, ids = encoded["labels"], encoded["input_ids"]
    first = next(i for i, label in enumerate(labels) if label != IGNORE_INDEX)
    assert all(label == IGNORE_INDEX for label in labels[:first])
    assert labels[first:] == ids[first:]
    assert ids[-1] == tiny_tokenizer.eos_token_id
    assert tiny_tokenizer.decode(ids[first:-1]).strip() == reflection


def test_truncation_shortens_the_case_never_the_reflection(tiny_tokenizer):
    settings = PromptSettings(max_length=96)
    long_case = "My week has been hard because of many small things. " * 40
    reflection = "It sounds like the small things have piled up into something heavy."
    encoded = encode_pair(tiny_tokenizer, long_case, reflection, settings)
    assert len(encoded["input_ids"]) <= 96
    first = next(i for i, label in enumerate(encoded["labels"]) if label != IGNORE_INDEX)
    assert tiny_tokenizer.decode(encoded["input_ids"][first:-1]).strip() == reflection
    assert "My week has been hard" in tiny_tokenizer.decode(encoded["input_ids"][:first])


def test_pair_that_cannot_fit_is_reported_not_cut(tiny_tokenizer):
    settings = PromptSettings(max_length=40, min_case_tokens=16)
    assert encode_pair(tiny_tokenizer, "case " * 50, "word " * 30, settings) is None


def test_prompt_settings_are_checked():
    with pytest.raises(SettingsError, match="max_length"):
        PromptSettings(max_length=8)
