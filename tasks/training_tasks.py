"""Prefect tasks of the training flow: thin wrappers that pass paths, ids and settings.

The logic lives in `tasks.core` (pure, no Prefect) and `tasks.tracking` (MLflow). Retries
only on tasks that do I/O with something that can flake (hub downloads, MLflow calls);
ingest, extraction and tokenization are cached by content (see task_options.py); no
caching of training.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.core.data.settings import DataSettings
from tasks.core.modeling.evaluate import EvalSettings
from tasks.core.modeling.prompt import PromptSettings
from tasks.core.registry_settings import RegistrySettings
from tasks.task_options import EXTRACT_CACHE, INGEST_CACHE, IO_RETRIES, TOKENIZE_CACHE, retry_if_transient


@task(name="ingest", cache_policy=INGEST_CACHE, **IO_RETRIES, retry_condition_fn=retry_if_transient)
def ingest(source: str, settings: DataSettings, out_root: str) -> dict[str, Any]:
    """Read the source, check columns, assign question ids and splits; writes rows.parquet under a content-keyed folder."""
    from tasks.core.data.stages import ingest_to_folder

    return ingest_to_folder(source, settings, Path(out_root))


@task(name="extract-reflections", cache_policy=EXTRACT_CACHE)
def extract_reflections(ingested: dict[str, Any], settings: DataSettings) -> dict[str, Any]:
    """Extract (case, reflection) pairs, apply the leakage guard; writes split files and report.json."""
    from tasks.core.data.stages import extract_to_folder

    return extract_to_folder(ingested, settings)


@task(name="resolve-base-model", **IO_RETRIES, retry_condition_fn=retry_if_transient)
def resolve_base_model(spec: str) -> str:
    """A local checkpoint folder for the base model (converts the SmolLM2 GGUF once)."""
    from tasks.core.modeling.base_model import resolve_base_model as resolve

    return str(resolve(spec))


# log_prints off: `datasets` fingerprints functions with dill, which prints a bytecode listing
# to stdout that Prefect would otherwise log line by line.
@task(name="tokenize", cache_policy=TOKENIZE_CACHE, log_prints=False)
def tokenize(pairs: dict[str, Any], model_dir: str, prompt_settings: PromptSettings, cache_root: str) -> dict[str, Any]:
    """Tokenize the train and val splits (content-keyed cache); returns {split: summary with path}."""
    from tasks.core.modeling.tokenize import tokenize_pairs_file

    return {split: tokenize_pairs_file(pairs[split], model_dir, prompt_settings, cache_root) for split in ("train", "val")}


@task(name="start-tracking-run", **IO_RETRIES)
def start_tracking_run(settings: RegistrySettings, run_name: str, params: dict[str, str], tags: dict[str, str]) -> str:
    """Open the MLflow run of this flow run; returns its id."""
    from tasks.tracking.registry import start_run

    return start_run(settings, run_name, params, tags)


@task(name="log-datasets", **IO_RETRIES, retry_condition_fn=retry_if_transient)
def log_datasets(settings: RegistrySettings, run_id: str, pairs: dict[str, Any]) -> dict[str, str]:
    """The train, val and test pairs as dataset inputs of the MLflow run (digest: their content fingerprint)."""
    from tasks.tracking.registry import log_pairs_inputs

    return log_pairs_inputs(settings, run_id, pairs)


@task(name="train", cache_policy=NO_CACHE)
def train(model_dir: str, tokenized: dict[str, Any], run_dir: str, stage: dict[str, Any], run_id: str) -> dict[str, Any]:
    """Fine-tune with stage["train"] and stage["prompt"]; the best checkpoint goes to run_dir/fine_tune with
    every stage's settings beside it (`<stage>_settings.json`, logged with the model); train/val losses go
    to the MLflow run and to the `training-progress` artifact (steps done of those planned, latest losses):
    streamed in one process, or from rank 0's history after a torchrun run."""
    from tasks.core.modeling.train_main import TrainSpec, run_training
    from tasks.core.settings_io import save_stage_settings
    from tasks.tracking.registry import history_logger
    from tasks.training_progress import TrainingProgress, planned_steps

    spec = TrainSpec(model_dir, tokenized["train"]["path"], tokenized["val"]["path"], run_dir, stage["train"],
                     stage["prompt"])
    log_to_mlflow = history_logger(stage["registry"], run_id)
    progress = TrainingProgress(planned_steps(stage["train"], int(tokenized["train"]["examples"])))

    def on_record(record: dict) -> None:
        log_to_mlflow(record)
        progress(record)

    result = run_training(spec, on_record=on_record)
    progress.finish(result.best_step, result.stopped_early)
    save_stage_settings(result.checkpoint, stage)  # train and prompt rewritten as the loop saved them
    summary = {key: value for key, value in result.__dict__.items() if key != "history"}
    return {**summary, "result_file": str(Path(run_dir) / "train_result.json")}


@task(name="evaluate", cache_policy=NO_CACHE, log_prints=False)
def evaluate(checkpoint: str, test_pairs: str, settings: EvalSettings, out_file: str,
             val_pairs: str | None = None) -> dict[str, Any]:
    """Test perplexities, sampled reflections and (with val_pairs) reflection quality, written to
    out_file as JSON; returns the report file and the metrics by their contract names."""
    from tasks.core.metrics import QUALITY, TEST, named_metrics
    from tasks.core.modeling.evaluate import evaluate_checkpoint

    report = evaluate_checkpoint(checkpoint, test_pairs, settings, quality_pairs_path=val_pairs)
    Path(out_file).write_text(json.dumps(report, indent=1))
    return {"metrics": named_metrics({TEST: report["metrics"], QUALITY: report.get("quality")}),
            "report_file": out_file}


@task(name="score-champion", cache_policy=NO_CACHE, **IO_RETRIES,
      retry_condition_fn=retry_if_transient, log_prints=False)
def score_champion(registry: RegistrySettings, test_pairs: str, settings: EvalSettings) -> dict[str, Any]:
    """The champion's metric on this run's test pairs (re-scored when it was tested on other pairs)."""
    from tasks.tracking.registry import champion_on_test_set

    return champion_on_test_set(registry, test_pairs, settings)


@task(name="register", **IO_RETRIES)
def register(registry: RegistrySettings, run_id: str, checkpoint: str, metrics: dict[str, float],
             files: list[str], champion: dict[str, Any] | None = None) -> dict[str, Any]:
    """Log metrics, reports and the model to the run; register a version; move aliases. When
    champion moved, emit `robo-therapist.champion.changed` (tasks/events.py)."""
    from tasks.events import announce_champion
    from tasks.tracking.registry import log_artifact_file, register_checkpoint

    for file in files:
        log_artifact_file(registry, run_id, file, "reports")
    registered = register_checkpoint(registry, run_id, checkpoint, metrics, champion)
    announce_champion(registry, registered, run_id)
    return registered


@task(name="evaluate-in-mlflow", cache_policy=NO_CACHE, **IO_RETRIES, retry_condition_fn=retry_if_transient)
def evaluate_in_mlflow(registry: RegistrySettings, run_id: str, registered: dict[str, Any],
                       report_file: str) -> dict[str, Any]:
    """The registered version's sampled reflections, read from the evaluation report (not generated
    again), scored by MLflow's evaluation API with code-based scorers, in a run of its own
    (eval-v<version>-<training run>)."""
    from tasks.tracking.evaluation import evaluate_version

    return evaluate_version(registry, run_id, registered["model_name"], registered["model_version"], report_file)
