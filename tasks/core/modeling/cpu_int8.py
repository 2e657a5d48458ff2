"""Dynamic int8 for CPU generation, with SmoothQuant-style smoothing so quality survives.

Why: one decode step of SmolLM2-135M streams all its weights (540 MB in float32) through a
CPU that has no bf16/fp16 arithmetic (AVX2 only here); int8 Linear layers stream a quarter
of that. Plain `quantize_dynamic` wrecks this model though: its activations have outlier
channels, and per-tensor activation quantization then flattens everything else. bfloat16
weights keep the likelihoods but run slower than float32 on such a CPU. How far each variant
moves float32's likelihoods, and the speeds, are in the README's Benchmarks section (measured
with `bench_reflect.int8_agreement`-style teacher forcing on float32's own samples).

Smoothing (Xiao et al., SmoothQuant, 2023) moves the outliers from activations into weights
with an exact rescaling: for a Linear fed by an RMSNorm, input channel j is divided by s_j in
the norm's weight and multiplied by s_j in the Linear's weight columns, with

    s_j = max|x_j| ** alpha / max|W[:, j]| ** (1 - alpha)

where max|x_j| comes from a short calibration run. In float32 the rescaled model computes
the same function (checked: identical log-probs to 4 decimals). down_proj (fed by the MLP's
gated product, the worst outliers) stays float32 by default. Splitting its few largest input
channels off into float (LLM.int8()-style) did not help, and no single layer's down_proj is the
culprit: each one quantized alone adds about as much error.

Smoothed int8 with down_proj in float32 is the default for Llama-style models on CPU because it
makes the whole reflect path markedly faster at a small likelihood cost (README, Benchmarks);
`ReflectSettings(quantize_int8=False)` gives float32's exact likelihoods.

Works on Llama-style decoders (SmolLM2, Llama, Mistral, Qwen2: `model.layers[i]` with
input_layernorm / self_attn.{q,k,v}_proj / post_attention_layernorm / mlp.{gate,up,down}_proj,
`model.norm` and `lm_head`); `supports_smoothing` says whether a model has that layout.
"""
from __future__ import annotations

import warnings
from typing import Any

import torch
from torch import nn

from tasks.core.modeling.prompt import encode_prompt

# Calibration pairs (case, reflection): the activations seen while prefilling a case and
# writing a reflection. Short and varied, English and French; about 0.3 s on 2 cores.
CALIBRATION_PAIRS: tuple[tuple[str, str], ...] = (
    ("I lost my job and my marriage is strained, I drink too much and I worry about my kids.",
     "It sounds like everything changed at once and you feel scared for your family."),
    ("My best friend stopped talking to me and I don't know why.",
     "You seem hurt and confused about what happened between you."),
    ("Je me sens seul depuis que j'ai déménagé à Montréal.",
     "On dirait que vous vous sentez loin de tout et de tous."),
    ("I can't sleep and I worry all the time about money and my health.",
     "It must be exhausting to carry that worry every night."),
)


def supports_smoothing(model: Any) -> bool:
    """True for a Llama-style decoder whose norms and projections smoothing can rescale."""
    inner = getattr(model, "model", None)
    layers = getattr(inner, "layers", None)
    if not layers or getattr(model, "lm_head", None) is None or getattr(inner, "norm", None) is None:
        return False
    first = layers[0]
    attention, mlp = getattr(first, "self_attn", None), getattr(first, "mlp", None)
    return (
        hasattr(first, "input_layernorm") and hasattr(first, "post_attention_layernorm")
        and all(isinstance(getattr(attention, name, None), nn.Linear) for name in ("q_proj", "k_proj", "v_proj"))
        and all(isinstance(getattr(mlp, name, None), nn.Linear) for name in ("gate_proj", "up_proj", "down_proj"))
    )


@torch.inference_mode()
def input_channel_absmax(model: Any, tokenizer: Any, prompt_settings: Any,
                         pairs: tuple[tuple[str, str], ...] = CALIBRATION_PAIRS) -> dict[str, torch.Tensor]:
    """Per input channel, the largest |activation| entering each nn.Linear over the calibration pairs."""
    stats: dict[str, torch.Tensor] = {}

    def recorder(name: str):
        def hook(_module: nn.Module, args: tuple) -> None:
            values = args[0].detach().abs().reshape(-1, args[0].shape[-1]).amax(0).float()
            stats[name] = torch.maximum(stats[name], values) if name in stats else values
        return hook

    hooks = [module.register_forward_pre_hook(recorder(name))
             for name, module in model.named_modules() if isinstance(module, nn.Linear)]
    device = model.get_input_embeddings().weight.device
    try:
        for case, reflection in pairs:
            ids = encode_prompt(tokenizer, case, prompt_settings) + tokenizer(reflection, add_special_tokens=False)["input_ids"]
            model(input_ids=torch.tensor([ids], device=device), use_cache=False, logits_to_keep=1)
    finally:
        for hook in hooks:
            hook.remove()
    return stats


def smoothing_scales(input_absmax: torch.Tensor, weights: list[torch.Tensor], alpha: float) -> torch.Tensor:
    """s_j = max|x_j|^alpha / max_i |W_ij|^(1-alpha) over the Linear layers sharing input j."""
    weight_absmax = torch.stack([weight.detach().abs().amax(0) for weight in weights]).amax(0)
    return (input_absmax.clamp_min(1e-5) ** alpha / weight_absmax.clamp_min(1e-5) ** (1 - alpha)).clamp_min(1e-5)


@torch.inference_mode()
def smooth_llama(model: Any, stats: dict[str, torch.Tensor], alpha: float) -> None:
    """Rescale norms and projections in place (same float function, tamer activations).

    The output layer is untied from the input embedding first (it gets its own scaled copy).
    """
    for index, layer in enumerate(model.model.layers):
        prefix = f"model.layers.{index}."
        attention, mlp = layer.self_attn, layer.mlp
        qkv = [attention.q_proj, attention.k_proj, attention.v_proj]
        scales = smoothing_scales(stats[prefix + "self_attn.q_proj"], [linear.weight for linear in qkv], alpha)
        layer.input_layernorm.weight.div_(scales)
        for linear in qkv:
            linear.weight.mul_(scales)
        gate_up = [mlp.gate_proj, mlp.up_proj]
        scales = smoothing_scales(stats[prefix + "mlp.gate_proj"], [linear.weight for linear in gate_up], alpha)
        layer.post_attention_layernorm.weight.div_(scales)
        for linear in gate_up:
            linear.weight.mul_(scales)
        # down_proj's input is act(gate) * up: scaling up_proj's output rows is exact.
        scales = smoothing_scales(stats[prefix + "mlp.down_proj"], [mlp.down_proj.weight], alpha)
        mlp.up_proj.weight.div_(scales.unsqueeze(-1))
        mlp.down_proj.weight.mul_(scales)
    scales = smoothing_scales(stats["lm_head"], [model.lm_head.weight], alpha)
    model.model.norm.weight.div_(scales)
    model.lm_head.weight = nn.Parameter(model.lm_head.weight.detach() * scales)  # untied copy


def quantize_linear_int8(model: Any, keep_float: tuple[str, ...] = ()) -> int:
    """Dynamic int8 (per-channel weights) for every nn.Linear whose last name part is not in
    `keep_float`; returns how many layers were quantized."""
    names = {name for name, module in model.named_modules()
             if isinstance(module, nn.Linear) and name.split(".")[-1] not in keep_float}
    with warnings.catch_warnings():
        # torch.ao.quantization is marked deprecated in favour of torchao, which we do not ship;
        # quantize_dynamic still works in the pinned torch and is the measured winner here.
        warnings.simplefilter("ignore")
        from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

        quantize_dynamic(model, {name: per_channel_dynamic_qconfig for name in names}, dtype=torch.qint8, inplace=True)
    return len(names)


def smooth_and_quantize(model: Any, tokenizer: Any, prompt_settings: Any, alpha: float = 0.8,
                        keep_float: tuple[str, ...] = ("down_proj",)) -> int:
    """Calibrate, smooth (Llama-style models) and quantize in place; returns layers quantized."""
    if not supports_smoothing(model):
        raise ValueError(f"{type(model).__name__} is not a Llama-style decoder; int8 smoothing needs "
                         "model.layers[i].input_layernorm/self_attn/mlp, model.norm and lm_head.")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha={alpha} must be in (0, 1); 0.8 measured best here.")
    smooth_llama(model, input_channel_absmax(model, tokenizer, prompt_settings), alpha)
    return quantize_linear_int8(model, keep_float)
