"""The causal-LM loss at labelled positions only, used by training (`LabelledLoss`) and by
scoring (`perplexity.score_examples`).

The decoder runs over every token (the prompt is context), but the LM head and the
cross-entropy run only at the positions whose next token carries a label (built on the host
by `batches.label_positions`), so the vocabulary projection skips the ~83% of tokens that
carry none: the same numbers as the model's own loss, a fraction of the time and memory.
"""
from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as F

# Model types whose causal-LM head is exactly `get_output_embeddings()(base_model(...).last_hidden_state)`
# (no logit scaling or soft-capping), so the labelled-positions loss equals the model's own loss.
LABELLED_LOGITS_MODEL_TYPES = frozenset({"llama", "mistral", "qwen2", "qwen3", "gpt2"})


def supports_labelled_logits(model: Any) -> bool:
    """True when `labelled_nll_sum` computes exactly the model's own loss for this model type."""
    return getattr(getattr(model, "config", None), "model_type", None) in LABELLED_LOGITS_MODEL_TYPES


def labelled_nll_sum(model: Any, input_ids: torch.Tensor, label_index: torch.Tensor, label_targets: torch.Tensor,
                     attention_mask: torch.Tensor | None = None,
                     position_ids: torch.Tensor | None = None) -> torch.Tensor:
    """Summed NLL (float32) of `label_targets`, predicted from the hidden states at the flat
    positions `label_index` (row * width + t) of a (rows, width) batch."""
    hidden = model.base_model(input_ids=input_ids, attention_mask=attention_mask, position_ids=position_ids,
                              use_cache=False).last_hidden_state
    selected = hidden.reshape(-1, hidden.size(-1)).index_select(0, label_index)
    logits = model.get_output_embeddings()(selected).float()  # the loss in float32, as HF does
    return F.cross_entropy(logits, label_targets, reduction="sum")


class LabelledLoss(torch.nn.Module):
    """The training loss: `labelled_nll_sum` over `num_items_in_batch`, as the model's own
    loss does, so DDP ranks share one normaliser."""

    def __init__(self, model: Any) -> None:
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor, label_index: torch.Tensor, label_targets: torch.Tensor,
                num_items_in_batch: int, attention_mask: torch.Tensor | None = None,
                position_ids: torch.Tensor | None = None) -> torch.Tensor:
        return labelled_nll_sum(self.model, input_ids, label_index, label_targets, attention_mask,
                                position_ids) / num_items_in_batch
