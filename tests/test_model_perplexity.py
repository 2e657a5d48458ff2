"""Perplexity: hand-computed values, overflow guard, packed == padded."""
from __future__ import annotations

import math

import pytest
import torch

from tasks.core.modeling.perplexity import perplexities, safe_exp, score_examples
from tasks.core.modeling.prompt import IGNORE_INDEX


class UniformModel(torch.nn.Module):
    """Logits all equal: every token has probability 1/vocab, so each NLL is log(vocab)."""

    def __init__(self, vocab: int) -> None:
        super().__init__()
        self.vocab = vocab
        self.dummy = torch.nn.Parameter(torch.zeros(1))

    def forward(self, input_ids, attention_mask=None, **_):
        class Out:
            logits = torch.zeros(*input_ids.shape, self.vocab)
        return Out()


def test_hand_computed_perplexity():
    # Two examples: 3 and 2 labelled tokens after the first position; 4 + 2 reflection words.
    examples = [
        {"input_ids": [1, 2, 3, 4, 5], "labels": [IGNORE_INDEX, IGNORE_INDEX, 3, 4, 5], "n_words": 4},
        {"input_ids": [1, 6, 7], "labels": [IGNORE_INDEX, 6, 7], "n_words": 2},
    ]
    scores = score_examples(UniformModel(vocab=10), examples, pad_id=0, batch_size=1)
    assert scores["tokens"] == 5 and scores["words"] == 6 and scores["pairs"] == 2
    assert scores["nll_sum"] == pytest.approx(5 * math.log(10))
    assert scores["perplexity"] == pytest.approx(10.0)
    assert scores["word_perplexity"] == pytest.approx(math.exp(5 * math.log(10) / 6))


def test_overflow_guard_reports_inf():
    assert safe_exp(1e6) == math.inf
    assert perplexities(nll_sum=1e6, tokens=1, words=1)["word_perplexity"] == math.inf


def test_empty_score_is_an_error():
    with pytest.raises(ValueError, match="empty"):
        perplexities(0.0, 0, 0)


def test_batching_does_not_change_the_score(tiny_model_dir, tiny_tokenizer):
    from transformers import AutoModelForCausalLM

    from tasks.core.modeling.prompt import PromptSettings, encode_pair

    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir)
    pairs = [("I can't sleep.", "It sounds like the nights are long."),
             ("My sister and I fight about our parents and I do not know what to say.", "It seems like you feel caught.")]
    examples = []
    for case, reflection in pairs:
        encoded = encode_pair(tiny_tokenizer, case, reflection, PromptSettings())
        examples.append({**encoded, "n_words": len(reflection.split())})
    one = score_examples(model, examples, tiny_tokenizer.pad_token_id, batch_size=1)
    two = score_examples(model, examples, tiny_tokenizer.pad_token_id, batch_size=2)
    assert one["nll_sum"] == pytest.approx(two["nll_sum"], rel=1e-4)


def test_labelled_positions_score_equals_full_logits(tiny_model_dir, tiny_tokenizer, monkeypatch):
    from transformers import AutoModelForCausalLM

    import tasks.core.modeling.perplexity as perplexity_module
    from tasks.core.modeling.prompt import PromptSettings, encode_pair

    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir)
    examples = [{**encode_pair(tiny_tokenizer, case, reflection, PromptSettings()), "n_words": len(reflection.split())}
                for case, reflection in [("I can't sleep.", "It sounds like the nights are long."),
                                         ("Work is a lot.", "It seems like you carry too much.")]]
    fast = score_examples(model, examples, tiny_tokenizer.pad_token_id, batch_size=2)
    monkeypatch.setattr(perplexity_module, "supports_labelled_logits", lambda model: False)
    full = score_examples(model, examples, tiny_tokenizer.pad_token_id, batch_size=2)
    assert fast["nll_sum"] == pytest.approx(full["nll_sum"], rel=1e-5)
