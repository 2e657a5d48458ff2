"""All stage settings of a training run, built from `stage.field` overrides and checked up front.

Pure (no Prefect, no MLflow), so the command line can check settings and inputs before it
starts a flow.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tasks.core.data.settings import DataSettings
from tasks.core.modeling.evaluate import EvalSettings
from tasks.core.modeling.prompt import PromptSettings
from tasks.core.modeling.train import TrainSettings
from tasks.core.ops_settings import OpsSettings
from tasks.core.registry_settings import RegistrySettings
from tasks.core.settings_io import SettingsError, overrides_of

# The stages of a training run, in the order they run; `--set STAGE.field=value` names one of them.
TRAINING_STAGES: dict[str, type] = {"data": DataSettings, "prompt": PromptSettings, "train": TrainSettings,
                                    "eval": EvalSettings, "registry": RegistrySettings, "ops": OpsSettings}


def default_data() -> str:
    """The embedded default data: CounselChat's train and val rows (tasks/core/data/counsel_chat/)."""
    from tasks.core.data.counsel_chat import COUNSEL_CHAT_CSV

    return str(COUNSEL_CHAT_CSV)


def training_overrides(settings: Mapping[str, Any] | None = None, base_model: str | None = None,
                       max_steps: int | None = None, epochs: int | None = None, device: str | None = None,
                       num_processes: int | None = None) -> dict[str, Any]:
    """The `stage.field` overrides of a training run: `settings` plus the shortcuts of the command
    line and the flow (`--base-model` is `train.base_model`, and so on). A shortcut that was given
    (not None) wins over the same key in `settings`."""
    shortcuts = {"train.base_model": base_model, "train.max_steps": max_steps, "train.epochs": epochs,
                 "train.device": device, "train.num_processes": num_processes}
    return {**(settings or {}), **{key: value for key, value in shortcuts.items() if value is not None}}


def check_override_keys(overrides: Mapping[str, Any]) -> None:
    """Raise SettingsError for a `stage.field` key whose stage or field does not exist."""
    for key in overrides:
        if key.partition(".")[0] not in TRAINING_STAGES:
            raise SettingsError(f"Unknown setting '{key}'; use stage.field with stage in {sorted(TRAINING_STAGES)} "
                                "and a field of that stage's settings class.")
    for name, cls in TRAINING_STAGES.items():
        overrides_of(name, cls, overrides)


def build_settings(overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """One settings object per stage of a training run, from `stage.field` overrides (every key
    checked, then every stage built and so validated, before anything runs)."""
    overrides = dict(overrides or {})
    check_override_keys(overrides)
    values = {name: overrides_of(name, cls, overrides) for name, cls in TRAINING_STAGES.items()}
    return {name: cls(**values[name]) for name, cls in TRAINING_STAGES.items()}
