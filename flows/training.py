"""The training flow: ingest → extract reflections → tokenize → train → evaluate → score champion → register
→ evaluate in MLflow.

Only wiring: every step is a task in `tasks/`. Settings are built (and so checked) before
the first task runs; the model is registered only after evaluation succeeded. Keyed report
artifacts (`tasks/reports.py`) are published along the way; every task gets the time limit
of the `ops` settings.
"""
from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any

from annotated_types import Ge
from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from tasks import reports as report_tasks
from tasks import training_tasks
from tasks.core.metrics import TRAIN, named_metrics
from tasks.core.modeling.train import Device
from tasks.core.paths import artifacts_dir
from tasks.core.settings_io import flat_params
from tasks.core.settings_model import RunSettings
from tasks.core.stage_settings import build_settings, default_data, training_overrides
from tasks.task_options import with_timeouts


def _fail_tracking_run(flow: Any, run: Any, state: Any) -> None:
    """Flow failure/crash hook: mark this flow run's MLflow run FAILED (nothing was registered)."""
    try:
        registry = RunSettings.of(run.parameters.get("settings")).stages()["registry"]
    except ValueError:  # settings that never passed validation: no MLflow run was started
        return
    from tasks.tracking.registry import fail_runs_of_flow_run

    fail_runs_of_flow_run(registry, str(run.id))


@flow(name="train-reflection-model", log_prints=True, on_failure=[_fail_tracking_run], on_crashed=[_fail_tracking_run])
def train_reflection_model(
    data: str = "",
    base_model: str | None = None,
    max_steps: Annotated[int, Ge(1)] | None = None,
    epochs: Annotated[int, Ge(1)] | None = None,
    device: Device | None = None,
    settings: RunSettings = RunSettings(),
) -> dict[str, Any]:
    """Train, evaluate and register a reflection model.

    Args:
        data: CSV / JSON Lines / Parquet path or `hf:<dataset id>`; empty = the embedded CounselChat data.
        base_model: shortcut for train.base_model (a hub id or a local checkpoint folder); empty keeps the setting.
        max_steps: shortcut for train.max_steps; empty keeps the setting.
        epochs: shortcut for train.epochs; empty keeps the setting.
        device: shortcut for train.device; empty keeps the setting.
        settings: every stage's settings, each with its default and meaning. Also accepted: the
            command line's flat form, e.g. {"train.learning_rate": 1e-4}. A shortcut that is given
            wins over the same setting here.
    Returns:
        run_id, model_name, model_version, aliases, checkpoint and every metric of the run by its
        name in the metrics contract (`tasks/core/metrics.py`): test_perplexity, test_word_perplexity, ...
    """
    stage = build_settings(training_overrides(RunSettings.of(settings).overrides(), base_model=base_model,
                                              max_steps=max_steps, epochs=epochs, device=device))
    steps = with_timeouts(training_tasks, stage["ops"])  # the tasks with this run's time limits
    reports = with_timeouts(report_tasks, stage["ops"])
    data = data or default_data()
    run_name = f"train-{dt.datetime.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"
    root = artifacts_dir()
    run_dir = root / run_name
    logger = get_run_logger()
    logger.info("Run %s: data=%s base_model=%s", run_name, data, stage["train"].base_model)

    ingested = steps.ingest(data, stage["data"], str(root / "prepared"))
    pairs = steps.extract_reflections(ingested, stage["data"])
    reports.publish_data_report(pairs["report"])
    model_dir = steps.resolve_base_model(stage["train"].base_model)
    tokenized = steps.tokenize(pairs, model_dir, stage["prompt"], str(root / "tokenized"))
    params = {"data": data}  # and every stage's settings, the base model as train.base_model
    for name, value in stage.items():
        params.update(flat_params(name, value))
    run_id = steps.start_tracking_run(stage["registry"], run_name, params,
                                      {"prefect.flow_run_id": str(flow_run.get_id() or ""), "run_dir": str(run_dir)})
    steps.log_datasets(stage["registry"], run_id, pairs)
    trained = steps.train(model_dir, tokenized, str(run_dir), stage, run_id)
    reports.publish_training_summary(trained["result_file"], stage["train"], tokenized["train"]["examples"],
                                     stage["registry"], run_id)
    evaluated = steps.evaluate(trained["checkpoint"], pairs["test"], stage["eval"], str(run_dir / "evaluation.json"),
                               pairs["val"])
    reports.publish_evaluation(evaluated["report_file"])
    metrics = {**named_metrics({TRAIN: trained}), **evaluated["metrics"]}  # names: tasks/core/metrics.py
    champion = steps.score_champion(stage["registry"], pairs["test"], stage["eval"])
    registered = steps.register(stage["registry"], run_id, trained["checkpoint"], metrics,
                                [pairs["report"], evaluated["report_file"], trained["result_file"]], champion)
    reports.publish_model_links(stage["registry"], run_id, registered)
    steps.evaluate_in_mlflow(stage["registry"], run_id, registered, evaluated["report_file"])
    return {"run_id": run_id, "model_name": registered["model_name"], "model_version": registered["model_version"],
            "aliases": registered["aliases"], **metrics, "checkpoint": trained["checkpoint"]}
