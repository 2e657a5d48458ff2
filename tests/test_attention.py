"""Attention view: candidate tokens (rows) x case tokens (columns), averaged over heads and layers."""
from __future__ import annotations

import dataclasses
import struct
from pathlib import Path

import pytest
import torch

from tasks.core.attention import (
    MAX_CASE_LABELS,
    attention_heatmap,
    attention_matrix,
    resolve_layers,
    token_label,
)
from tasks.core.modeling.generate import load_checkpoint

CASE = "I lost my job and I can't sleep, and I'm worried about my kids."
CANDIDATE = "It sounds like you feel scared for your kids."


@pytest.fixture(scope="module")
def tiny_loaded(tiny_model_dir: Path):
    return load_checkpoint(tiny_model_dir)


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG header (no image library needed)."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    return struct.unpack(">II", header[16:24])


def test_heatmap_png_is_written_with_the_expected_shape(tiny_loaded, tmp_path):
    tokenizer = tiny_loaded.tokenizer
    out = tmp_path / "views" / "attention.png"
    info = attention_heatmap(tiny_loaded, CASE, CANDIDATE, out, layers=(0, 2))
    assert out.is_file() and out.stat().st_size > 1000
    width, height = png_size(out)
    assert width > 300 and height > 200
    expected_rows = len(tokenizer(CANDIDATE, add_special_tokens=False)["input_ids"])
    expected_cols = len(tokenizer(CASE, add_special_tokens=False)["input_ids"])
    assert info["shape"] == (expected_rows, expected_cols)
    assert info["layers"] == (0, 2) and 0 < info["case_share"] <= 1


def test_rows_are_distributions_over_the_case(tiny_loaded):
    view = attention_matrix(tiny_loaded, CASE, CANDIDATE, layers=(1, 2))
    matrix = view["matrix"]
    assert torch.allclose(matrix.sum(-1), torch.ones(matrix.shape[0]), atol=1e-5)
    assert bool((matrix >= 0).all())
    assert len(view["case_labels"]) == matrix.shape[1] and len(view["candidate_labels"]) == matrix.shape[0]


def test_layer_choice_changes_the_view(tiny_loaded):
    first = attention_matrix(tiny_loaded, CASE, CANDIDATE, layers=(0, 1))["matrix"]
    second = attention_matrix(tiny_loaded, CASE, CANDIDATE, layers=(1, 2))["matrix"]
    both = attention_matrix(tiny_loaded, CASE, CANDIDATE, layers=(0, 2))["matrix"]
    assert not torch.allclose(first, second)
    assert first.shape == second.shape == both.shape


def test_labels_are_readable(tiny_loaded):
    view = attention_matrix(tiny_loaded, CASE, CANDIDATE)
    labels = view["case_labels"] + view["candidate_labels"]
    assert all("\u0120" not in label and "\u2581" not in label and label == label.strip() for label in labels)
    assert view["case_labels"][:4] == ["I", "lost", "my", "job"]
    assert view["candidate_labels"][:3] == ["It", "sounds", "like"]


def test_token_label_marks_newlines_and_keeps_accents(tiny_loaded):
    tokenizer = tiny_loaded.tokenizer
    newline = tokenizer("\n", add_special_tokens=False)["input_ids"]
    assert token_label(tokenizer, newline[0]) == "\u21b5"
    labels = [token_label(tokenizer, i) for i in tokenizer(" déménagé", add_special_tokens=False)["input_ids"]]
    assert all(labels)


def test_long_case_keeps_every_column_but_strides_labels(tiny_loaded, tmp_path):
    long_case = " ".join([CASE] * 20)
    view = attention_matrix(tiny_loaded, long_case, CANDIDATE)
    assert view["matrix"].shape[1] > MAX_CASE_LABELS
    assert view["case_labels"][-1] == "\u2026"  # the prompt budget shortened the case; the view follows it
    info = attention_heatmap(tiny_loaded, long_case, CANDIDATE, tmp_path / "long.png")
    assert info["labelled_columns"] <= MAX_CASE_LABELS < info["shape"][1]


def test_plain_template_case_is_located(tiny_loaded):
    plain = dataclasses.replace(tiny_loaded, prompt=dataclasses.replace(tiny_loaded.prompt, plain_template=True))
    view = attention_matrix(plain, CASE, CANDIDATE)
    assert view["case_labels"][0] == "I" and view["case_labels"][-1] == "."


def test_attention_implementation_is_restored(tiny_loaded):
    before = tiny_loaded.model.config._attn_implementation
    attention_matrix(tiny_loaded, CASE, CANDIDATE)
    assert tiny_loaded.model.config._attn_implementation == before


@pytest.mark.parametrize(("layers", "expected"), [
    (None, (15, 30)), ((0, 30), (0, 30)), ((-4, 30), (26, 30)), ((20, -1), (20, 29)),
])
def test_resolve_layers(layers, expected):
    assert resolve_layers(30, layers) == expected


@pytest.mark.parametrize("layers", [(0, 31), (5, 5), (7, 3), (-40, 2), (1,)])
def test_bad_layer_ranges_are_refused(layers):
    with pytest.raises(ValueError, match="layers"):
        resolve_layers(30, layers)


def test_empty_candidate_is_refused(tiny_loaded):
    with pytest.raises(ValueError, match="candidate_text"):
        attention_matrix(tiny_loaded, CASE, "  ")
