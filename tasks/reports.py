"""Prefect tasks that publish a training run's reports as keyed Prefect artifacts.

Keys (lowercase and dashes, as Prefect requires) stay the same from run to run, so the UI's
Artifacts page shows each report's latest version and its history:

- `data-report`: counts of the data stage, then ten example pairs;
- `training-summary`: best step/epoch, time, tokens/s, the loss curve (also logged to the
  MLflow run as `plots/loss_curve.png`) and the train settings;
- `evaluation`: the test and reflection-quality metrics (rows from the metrics contract,
  `tasks/core/metrics.py`, with which way is better) and the sampled reflections with their safety flags;
- `mlflow-model`: links to the MLflow run and the registered model version, and whether
  `champion` moved to it and why (both versions' figures, which way is better).

Rendering is pure (`tasks.core.report_render`); these tasks read the stages' JSON files,
publish, and log the plot to MLflow (with retries: that is network I/O).
"""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from prefect import task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from tasks.core.modeling.train import TrainSettings
from tasks.core.report_render import (
    champion_markdown,
    data_report_markdown,
    evaluation_markdown,
    loss_curve_png,
    mlflow_links_markdown,
    mlflow_ui_links,
    png_data_uri,
    training_summary_markdown,
)
from tasks.core.registry_settings import RegistrySettings
from tasks.core.settings_io import settings_to_dict
from tasks.task_options import IO_RETRIES, retry_if_transient

DATA_REPORT_KEY = "data-report"
TRAINING_SUMMARY_KEY = "training-summary"
EVALUATION_KEY = "evaluation"
MLFLOW_MODEL_KEY = "mlflow-model"
ARTIFACT_KEYS = (DATA_REPORT_KEY, TRAINING_SUMMARY_KEY, EVALUATION_KEY, MLFLOW_MODEL_KEY)
LOSS_CURVE_FILE = "loss_curve.png"
PLOTS_FOLDER = "plots"  # MLflow artifact folder of the loss curve


def _read_json(path: str | Path, writer: str) -> Any:
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path} does not exist; the {writer} task writes it, so that task did not finish.")
    return json.loads(path.read_text(encoding="utf-8"))


def _publish_json_report(path: str, writer: str, render: Callable[[Any], str], key: str, description: str) -> str:
    """Render a stage's JSON file and publish it as the markdown artifact `key`; returns the artifact id."""
    artifact_id = create_markdown_artifact(markdown=render(_read_json(path, writer)), key=key, description=description)
    return str(artifact_id)


@task(name="report-data", cache_policy=NO_CACHE)
def publish_data_report(report_file: str) -> str:
    """The `data-report` artifact from the extract task's report.json; returns the artifact id."""
    return _publish_json_report(report_file, "extract-reflections", data_report_markdown, DATA_REPORT_KEY,
                                "Data stage: counts, splits and example pairs")


@task(name="report-training", cache_policy=NO_CACHE, **IO_RETRIES, retry_condition_fn=retry_if_transient)
def publish_training_summary(result_file: str, settings: TrainSettings, train_examples: int,
                             registry: RegistrySettings, run_id: str) -> dict[str, str]:
    """Plot the loss curve beside train_result.json, log it to the MLflow run, and publish the
    `training-summary` artifact with the plot inline. Returns the plot path and artifact id."""
    import torch

    from tasks.tracking.registry import log_artifact_file

    result = _read_json(result_file, "train")
    batch_size = settings.resolved_batch_size(torch.device(result["device"]))
    plot = loss_curve_png(result["history"], Path(result_file).with_name(LOSS_CURVE_FILE))
    log_artifact_file(registry, run_id, plot, PLOTS_FOLDER)
    note = f"The same plot is in the MLflow run `{run_id}` under `{PLOTS_FOLDER}/{LOSS_CURVE_FILE}`."
    markdown = training_summary_markdown(result, settings_to_dict(settings), batch_size, train_examples,
                                         png_data_uri(plot), note)
    artifact_id = create_markdown_artifact(markdown=markdown, key=TRAINING_SUMMARY_KEY,
                                           description="Training: best step, time, tokens/s, loss curve, settings")
    return {"plot": str(plot), "artifact_id": str(artifact_id)}


@task(name="report-evaluation", cache_policy=NO_CACHE)
def publish_evaluation(evaluation_file: str) -> str:
    """The `evaluation` artifact from the evaluate task's evaluation.json; returns the artifact id."""
    return _publish_json_report(evaluation_file, "evaluate", evaluation_markdown, EVALUATION_KEY,
                                "Test metrics, sampled reflections with safety flags, reflection quality")


@task(name="report-model", cache_policy=NO_CACHE, **IO_RETRIES, retry_condition_fn=retry_if_transient)
def publish_model_links(registry: RegistrySettings, run_id: str, registered: dict[str, Any]) -> str:
    """The `mlflow-model` artifact: links to the run and the new model version, and the champion
    decision with both figures; returns the artifact id."""
    from tasks.tracking.registry import client_for

    client = client_for(registry)
    tracking_uri = registry.resolved_tracking_uri()
    links = mlflow_ui_links(tracking_uri, client.get_run(run_id).info.experiment_id, run_id,
                            registered["model_name"], registered["model_version"])
    markdown = mlflow_links_markdown(tracking_uri, run_id, registered, links) + "\n" + champion_markdown(
        registered, registry.champion_alias)
    artifact_id = create_markdown_artifact(markdown=markdown, key=MLFLOW_MODEL_KEY,
                                           description="MLflow run, registered model version, and whether champion moved")
    return str(artifact_id)
