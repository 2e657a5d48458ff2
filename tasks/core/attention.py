"""Attention view: where a candidate reflection "looks" in the case.

`attention_heatmap(loaded, case, candidate_text, out_png, layers=(start, end))` runs the
prompt + candidate through the model once (teacher forcing, eager attention so the weights
exist), averages attention over all heads and the layers in [start, end), and draws the
rows of the candidate's tokens against the columns of the case's tokens.

Each row is renormalised over the case's columns: the colours show how a candidate token's
attention to the case is spread across the case's words. Most attention of a small model
goes to the first token and the template (an "attention sink"), so raw weights on the case
would be faint; the share that does go to the case is returned as `case_share`.

Layers: the lower layers of a transformer mostly attend by position and to the sink; the
default is the upper half of the model. Pure core: matplotlib (Agg) and torch only.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import torch

from tasks.core.modeling.generate import LoadedModel, model_device
from tasks.core.modeling.prompt import encode_prompt, format_prompt, target_text

# Placeholder used to find where the case sits inside the prompt template.
_CASE_MARK = "\u2063CASE\u2063"
# Case tokens shown with a label at most; beyond this every k-th label is shown.
MAX_CASE_LABELS = 60
MAX_LABEL_CHARS = 14


def resolve_layers(num_layers: int, layers: tuple[int, int] | None) -> tuple[int, int]:
    """A checked layer range [start, end) for a model with `num_layers` layers; None = upper half.

    Negative numbers count from the end, as in Python slices: (-4, 30) is the last four of 30.
    """
    if layers is None:
        return num_layers // 2, num_layers
    if len(layers) != 2:
        raise ValueError(f"layers={layers!r} must be two numbers (start, end).")
    start, end = (int(value) + num_layers if int(value) < 0 else int(value) for value in layers)
    if not 0 <= start < end <= num_layers:
        raise ValueError(f"layers={tuple(layers)} is not a range [start, end) within the model's {num_layers} layers; "
                         f"use e.g. ({num_layers // 2}, {num_layers}) for the upper half.")
    return start, end


def token_label(tokenizer: Any, token_id: int) -> str:
    """A readable label: the decoded token, BPE space markers (Ġ, ▁) dropped, newlines shown as ↵."""
    text = tokenizer.decode([token_id], skip_special_tokens=False, clean_up_tokenization_spaces=False)
    if "\ufffd" in text:  # part of a multi-byte character: show the raw piece instead
        text = tokenizer.convert_ids_to_tokens(token_id)
    text = text.replace("\u0120", " ").replace("\u2581", " ").replace("\u010a", "\n")
    text = text.strip(" ").replace("\n", "\u21b5") or "\u2423"
    return text if len(text) <= MAX_LABEL_CHARS else text[: MAX_LABEL_CHARS - 1] + "\u2026"


def case_token_span(tokenizer: Any, loaded: LoadedModel, prompt_ids: list[int]) -> tuple[int, int]:
    """Positions [first, last) of the case's tokens inside `prompt_ids`.

    The case may have been shortened to fit the prompt budget, so it is located from the
    template: the decoded prompt is the template's text before the case, the (possibly
    shortened) case, then the template's text after it; token character offsets say which
    tokens fall in the middle part.
    """
    if not getattr(tokenizer, "is_fast", False):
        raise ValueError("the attention view needs a fast tokenizer (character offsets); this checkpoint has a slow one.")
    prefix, marker, suffix = format_prompt(tokenizer, _CASE_MARK, loaded.prompt).partition(_CASE_MARK)
    if not marker:
        raise ValueError("the prompt template does not contain the case; cannot locate the case's tokens.")
    text = tokenizer.decode(prompt_ids, skip_special_tokens=False, clean_up_tokenization_spaces=False)
    encoded = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    if list(encoded["input_ids"]) != list(prompt_ids) or not text.startswith(prefix) or not text.endswith(suffix):
        raise ValueError("the decoded prompt does not round-trip through the tokenizer and template; "
                         "cannot tell which tokens are the case's.")
    region_start, region_end = len(prefix), len(text) - len(suffix)
    inside = [i for i, (start, end) in enumerate(encoded["offset_mapping"]) if end > region_start and start < region_end]
    if not inside:
        raise ValueError("the case has no tokens inside the prompt.")
    return inside[0], inside[-1] + 1


@torch.inference_mode()
def attention_matrix(loaded: LoadedModel, case: str, candidate_text: str, layers: tuple[int, int] | None = None,
                     max_prompt_tokens: int = 384) -> dict[str, Any]:
    """Attention from the candidate's tokens to the case's tokens, averaged over heads and layers.

    Returns {"matrix" [candidate tokens, case tokens] (rows renormalised over the case),
    "case_share" (mean raw share of each candidate token's attention that lands on the case),
    "case_labels", "candidate_labels", "layers" (start, end)}.
    """
    if not candidate_text.strip():
        raise ValueError("candidate_text is empty; pass the text of a candidate reflection.")
    tokenizer, model = loaded.tokenizer, loaded.model
    prompt_ids = encode_prompt(tokenizer, case, loaded.prompt, budget=max_prompt_tokens)
    first, last = case_token_span(tokenizer, loaded, prompt_ids)
    candidate_ids = tokenizer(target_text(tokenizer, candidate_text, loaded.prompt), add_special_tokens=False)["input_ids"]
    start, end = resolve_layers(model.config.num_hidden_layers, layers)
    input_ids = torch.tensor([prompt_ids + candidate_ids], device=model_device(loaded))
    previous = model.config._attn_implementation
    model.set_attn_implementation("eager")  # sdpa does not return attention weights
    try:
        output = model(input_ids=input_ids, output_attentions=True, use_cache=False, logits_to_keep=1)
    finally:
        model.set_attn_implementation(previous)
    if not output.attentions:
        raise RuntimeError("the model returned no attention weights even with eager attention.")
    stacked = torch.stack([output.attentions[i][0].float() for i in range(start, end)])  # [layers, heads, T, T]
    mean = stacked.mean(dim=(0, 1))  # [T, T]
    rows = mean[len(prompt_ids):, :]  # candidate tokens
    on_case = rows[:, first:last]
    case_share = on_case.sum(-1)
    matrix = on_case / case_share.clamp_min(1e-12).unsqueeze(-1)
    return {
        "matrix": matrix.cpu(),
        "case_share": float(case_share.mean()),
        "case_labels": [token_label(tokenizer, i) for i in prompt_ids[first:last]],
        "candidate_labels": [token_label(tokenizer, i) for i in candidate_ids],
        "layers": (start, end),
    }


def _label_stride(count: int, max_labels: int) -> int:
    return max(1, math.ceil(count / max_labels))


def attention_heatmap(loaded: LoadedModel, case: str, candidate_text: str, out_png: str | Path,
                      layers: tuple[int, int] | None = None, max_case_labels: int = MAX_CASE_LABELS) -> dict[str, Any]:
    """Write a PNG heatmap of attention from the candidate's tokens (rows) to the case's tokens
    (columns), averaged over heads and the layer range [start, end) (default: upper half).

    Long cases keep every column; only every k-th column is labelled so labels stay readable.
    Returns {"path", "shape" (rows, columns), "labelled_columns", "layers", "case_share"}.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    view = attention_matrix(loaded, case, candidate_text, layers)
    matrix = view["matrix"].numpy()
    n_rows, n_cols = matrix.shape
    stride = _label_stride(n_cols, max_case_labels)
    width = min(28.0, max(6.0, 2.5 + 0.22 * len(range(0, n_cols, stride))))
    height = min(20.0, max(3.5, 1.8 + 0.24 * n_rows))
    figure, axes = plt.subplots(figsize=(width, height), dpi=110)
    image = axes.imshow(matrix, aspect="auto", cmap="viridis", interpolation="nearest")
    columns = list(range(0, n_cols, stride))
    axes.set_xticks(columns)
    axes.set_xticklabels([view["case_labels"][i] for i in columns], rotation=90, fontsize=7)
    axes.set_yticks(range(n_rows))
    axes.set_yticklabels(view["candidate_labels"], fontsize=7)
    axes.set_xlabel("case tokens" + (f" (every {stride}th labelled)" if stride > 1 else ""))
    axes.set_ylabel("candidate tokens")
    start, end = view["layers"]
    axes.set_title(f"Attention from the reflection to the case (layers {start}-{end - 1}, mean over heads; "
                   f"rows sum to 1 over the case; {view['case_share']:.0%} of attention is on the case)", fontsize=8)
    figure.colorbar(image, ax=axes, fraction=0.025, pad=0.01, label="share of the row's attention on the case")
    figure.tight_layout()
    out_png = Path(out_png)
    out_png.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(out_png)
    plt.close(figure)
    return {"path": str(out_png), "shape": (n_rows, n_cols), "labelled_columns": len(columns),
            "layers": view["layers"], "case_share": view["case_share"]}
