"""Settings of the register stage, and the registered model's name and champion URI.

In the core (no MLflow import) so that every stage's settings are built and checked in one
place (`stage_settings.build_settings`) before anything runs; `tasks.tracking` reads them.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Annotated

from annotated_types import Ge, Le, MinLen

from tasks.core.metrics import ranking_metric
from tasks.core.paths import artifacts_dir
from tasks.core.settings_io import SettingsError

DEFAULT_MODEL_NAME = "reflection-generator"
DEFAULT_CHAMPION_ALIAS = "champion"


def default_tracking_uri() -> str:
    """`$MLFLOW_TRACKING_URI` when set (e.g. a real `mlflow server`), else `sqlite:///artifacts/mlflow.db`
    (the registry needs a database; a plain folder store has none)."""
    return os.environ.get("MLFLOW_TRACKING_URI") or f"sqlite:///{artifacts_dir() / 'mlflow.db'}"


@dataclass(frozen=True)
class RegistrySettings:
    """Where and how a trained model is recorded and registered.

    Fields:
        model_name: name of the registered model in MLflow.
        experiment: MLflow experiment that holds the training runs.
        tracking_uri: MLflow tracking URI; "" = $MLFLOW_TRACKING_URI, else
            sqlite:///artifacts/mlflow.db (resolved at use time).
        candidate_alias: alias every new version gets.
        champion_alias: alias moved to the new version when it beats the current champion (or
            none exists).
        metric: the metric of the contract (tasks/core/metrics.py, which says which way is
            better) that the new version must beat the champion on; lower word perplexity by
            default.
        quality_metric: the reflection-quality metric of the contract that must not be worse than
            the champion's by more than quality_tolerance. A champion that has no quality figure
            (trained before it existed) is compared on metric alone, and the decision says so.
        quality_tolerance: how much worse than the champion's quality_metric may be (a score
            difference in [0, 1]).
    """

    model_name: Annotated[str, MinLen(1)] = DEFAULT_MODEL_NAME
    experiment: str = "robo-therapist"
    tracking_uri: str = ""
    candidate_alias: str = "candidate"
    champion_alias: str = DEFAULT_CHAMPION_ALIAS
    metric: str = "test_word_perplexity"
    quality_metric: str = "val_quality_top1_mean"
    quality_tolerance: Annotated[float, Ge(0), Le(1)] = 0.05

    def __post_init__(self) -> None:
        if not self.model_name.strip():
            raise SettingsError(f"model_name must not be empty (default: {DEFAULT_MODEL_NAME})")
        if self.candidate_alias == self.champion_alias:
            raise SettingsError("candidate_alias and champion_alias must differ")
        if not 0 <= self.quality_tolerance <= 1:
            raise SettingsError(f"quality_tolerance={self.quality_tolerance} must be in [0, 1] (a score difference), e.g. 0.05")
        ranking_metric(self.metric, "registry.metric")  # a metric of the contract with a direction
        ranking_metric(self.quality_metric, "registry.quality_metric")

    def resolved_tracking_uri(self) -> str:
        return self.tracking_uri or default_tracking_uri()

    def champion_uri(self) -> str:
        """The MLflow URI of the model that has the champion alias (what reflect serves by default)."""
        return f"models:/{self.model_name}@{self.champion_alias}"


# What `reflect`, `bench reflect` and the reflect flow load when no model is given.
DEFAULT_CHAMPION_URI = RegistrySettings().champion_uri()
