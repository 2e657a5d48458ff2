"""Smoothed int8 for CPU generation: smoothing is exact in float, quantization is selective."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import torch

from tasks.core.modeling.cpu_int8 import (
    input_channel_absmax,
    smooth_and_quantize,
    smooth_llama,
    smoothing_scales,
    supports_smoothing,
)
from tasks.core.modeling.generate import load_checkpoint, optimize_for_cpu
from tasks.core.settings_io import SettingsError


@pytest.fixture(scope="module")
def tiny_loaded(tiny_model_dir: Path):
    return load_checkpoint(tiny_model_dir)


def logits_of(model, tokenizer, text: str) -> torch.Tensor:
    ids = torch.tensor([tokenizer(text, add_special_tokens=False)["input_ids"]])
    with torch.no_grad():
        return model(input_ids=ids).logits.float()


def test_smoothing_keeps_the_float_function(tiny_loaded):
    model = copy.deepcopy(tiny_loaded.model)
    with torch.no_grad():  # make activations uneven so the scales are far from 1
        model.model.layers[0].input_layernorm.weight.mul_(torch.linspace(0.1, 20.0, model.config.hidden_size))
    before = logits_of(model, tiny_loaded.tokenizer, "It sounds like you feel alone tonight.")
    stats = input_channel_absmax(model, tiny_loaded.tokenizer, tiny_loaded.prompt)
    scales = smoothing_scales(stats["model.layers.0.self_attn.q_proj"],
                              [model.model.layers[0].self_attn.q_proj.weight], 0.8)
    assert float(scales.max() / scales.min()) > 2  # a real rescaling happened
    smooth_llama(model, stats, 0.8)
    after = logits_of(model, tiny_loaded.tokenizer, "It sounds like you feel alone tonight.")
    assert torch.allclose(before, after, atol=1e-4, rtol=1e-4)
    # the output layer got its own copy: the input embedding is unchanged
    assert model.lm_head.weight.data_ptr() != model.model.embed_tokens.weight.data_ptr()
    assert torch.equal(model.model.embed_tokens.weight, tiny_loaded.model.model.embed_tokens.weight)


def test_smoothing_scales_follow_the_formula():
    x = torch.tensor([4.0, 1.0, 0.25])
    w = torch.tensor([[1.0, 2.0, 0.5], [0.5, -4.0, 0.25]])
    expected = x**0.5 / torch.tensor([1.0, 4.0, 0.5]) ** 0.5
    assert torch.allclose(smoothing_scales(x, [w], 0.5), expected)


def test_keep_float_layers_stay_float(tiny_loaded):
    model = copy.deepcopy(tiny_loaded.model)
    count = smooth_and_quantize(model, tiny_loaded.tokenizer, tiny_loaded.prompt, keep_float=("down_proj", "lm_head"))
    assert count == 2 * 6
    assert type(model.lm_head) is torch.nn.Linear
    assert all(type(layer.mlp.down_proj) is torch.nn.Linear for layer in model.model.layers)


def test_non_llama_models_are_refused_or_left_float(tiny_loaded):
    class NotLlama(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.lm_head = torch.nn.Linear(4, 4)
            self.embed = torch.nn.Embedding(4, 4)

        def get_input_embeddings(self):
            return self.embed

    assert supports_smoothing(tiny_loaded.model) and not supports_smoothing(NotLlama())
    with pytest.raises(ValueError, match="Llama-style"):
        smooth_and_quantize(NotLlama(), tiny_loaded.tokenizer, tiny_loaded.prompt)
    other = copy.copy(tiny_loaded)
    other.model, other.quantized = NotLlama(), False
    assert optimize_for_cpu(other, quantize_int8=None).quantized is False  # automatic: stays float
    with pytest.raises(SettingsError, match="quantize_int8"):
        optimize_for_cpu(other, quantize_int8=True)


@pytest.mark.parametrize("alpha", [0.0, 1.0, -0.5])
def test_alpha_must_be_inside_the_unit_interval(tiny_loaded, alpha):
    with pytest.raises(ValueError, match="alpha"):
        smooth_and_quantize(copy.deepcopy(tiny_loaded.model), tiny_loaded.tokenizer, tiny_loaded.prompt, alpha=alpha)


@pytest.mark.parametrize(("requested", "cores", "busy", "expected"), [
    (3, 2, 0.9, 3),        # an explicit setting wins
    (None, 2, 0.0, 2),     # idle machine: all cores
    (None, 2, 0.6, 1),     # others keep the CPUs busy: one thread
    (None, 2, None, 2),    # cannot measure: all cores
    (None, 1, 0.0, 1),
])
def test_choose_threads(requested, cores, busy, expected):
    from tasks.core.modeling.cpu_threads import choose_threads

    assert choose_threads(requested, cores=cores, measure=lambda: busy) == expected


def test_busy_share_is_a_fraction():
    from tasks.core.modeling.cpu_threads import busy_share

    share = busy_share(0.01)
    assert share is None or 0.0 <= share <= 1.0


def test_busy_share_counts_what_others_used(monkeypatch):
    from collections import namedtuple

    from tasks.core.modeling import cpu_threads

    times = namedtuple("scputimes", "user nice system idle iowait guest guest_nice")
    readings = iter([times(10.0, 0.0, 5.0, 80.0, 5.0, 2.0, 0.0),      # guest is inside user: not added
                     times(13.0, 0.0, 5.0, 80.5, 5.5, 2.5, 0.0)])    # 3 s busy, 1 s idle of 4 s
    monkeypatch.setattr(cpu_threads.psutil, "cpu_times", lambda: next(readings))
    monkeypatch.setattr(cpu_threads.time, "sleep", lambda _: None)
    assert cpu_threads.busy_share() == pytest.approx(0.75)

    frozen = times(10.0, 0.0, 5.0, 80.0, 5.0, 0.0, 0.0)
    monkeypatch.setattr(cpu_threads.psutil, "cpu_times", lambda: frozen)
    assert cpu_threads.busy_share() is None  # no time passed on the counters: cannot tell


def test_busy_share_is_none_where_psutil_cannot_read(monkeypatch):
    from tasks.core.modeling import cpu_threads

    def unreadable():
        raise PermissionError("/proc/stat")

    monkeypatch.setattr(cpu_threads.psutil, "cpu_times", unreadable)
    assert cpu_threads.busy_share() is None
