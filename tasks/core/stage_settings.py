"""All stage settings of a training run, built from `stage.field` overrides and checked up front.

Pure (no Prefect, no MLflow), so the command line can check settings and inputs before it
starts a flow.
"""
from __future__ import annotations

from typing import Any

from tasks.core.data.settings import DataSettings
from tasks.core.modeling.evaluate import EvalSettings
from tasks.core.modeling.prompt import PromptSettings
from tasks.core.modeling.train import TrainSettings
from tasks.core.ops_settings import OpsSettings
from tasks.core.registry_settings import RegistrySettings


def default_data() -> str:
    """The embedded default data: CounselChat's train and val rows (tasks/core/data/counsel_chat/)."""
    from tasks.core.data.counsel_chat import COUNSEL_CHAT_CSV

    return str(COUNSEL_CHAT_CSV)


def build_settings(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """One settings object per stage, from `stage.field` overrides (validated here, up front)."""
    overrides = dict(overrides or {})
    stages = {"data": DataSettings, "prompt": PromptSettings, "train": TrainSettings, "eval": EvalSettings,
              "registry": RegistrySettings, "ops": OpsSettings}
    values: dict[str, dict[str, Any]] = {name: {} for name in stages}
    for key, value in overrides.items():
        stage, _, field = key.partition(".")
        if stage not in stages or field not in stages[stage].__dataclass_fields__:
            raise ValueError(f"Unknown setting '{key}'; use stage.field with stage in {sorted(stages)} "
                             "and a field of that stage's settings class.")
        values[stage][field] = value
    return {name: cls(**values[name]) for name, cls in stages.items()}
