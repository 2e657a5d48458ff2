"""MLflow runs and the model registry.

One MLflow run per training flow run holds the settings (params), the train/val loss
history, the test metrics, the data report and the model (checkpoint folder + pyfunc).
Registering happens only after evaluation succeeded: a crash before leaves no version and
moves no alias.
"""
from __future__ import annotations

import contextlib
import json
import math
import os
import shutil
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import mlflow
from mlflow.entities import Metric, RunStatus
from mlflow.tracking import MlflowClient

from tasks.core.metrics import LOWER, TEST, ranking_metric
from tasks.core.metrics import metric as metric_of
from tasks.core.paths import artifacts_dir
from tasks.core.registry_settings import DEFAULT_CHAMPION_URI, RegistrySettings
from tasks.tracking.pyfunc_model import (CHECKPOINT_ARTIFACT, CODE_PACKAGE, INPUT_EXAMPLE, ReflectionModel,
                                         serving_requirements)

FLOW_RUN_TAG = "prefect.flow_run_id"
TEST_SET_TAG = "test_set_sha256"  # fingerprint of the test pairs a run's test metrics come from


def client_for(settings: RegistrySettings) -> MlflowClient:
    """An MLflow client on the settings' tracking URI (also made the process default)."""
    uri = settings.resolved_tracking_uri()
    mlflow.set_tracking_uri(uri)
    mlflow.set_registry_uri(uri)
    return MlflowClient(tracking_uri=uri, registry_uri=uri)


def experiment_id(client: MlflowClient, settings: RegistrySettings) -> str:
    """The experiment's id, created on first use. With a local sqlite store its artifacts go
    under `artifacts/mlartifacts` (MLflow would otherwise write ./mlruns in the working directory)."""
    experiment = client.get_experiment_by_name(settings.experiment)
    if experiment is not None:
        return experiment.experiment_id
    location = None
    if settings.resolved_tracking_uri().startswith("sqlite:"):
        location = (artifacts_dir() / "mlartifacts").as_uri()
    return client.create_experiment(settings.experiment, artifact_location=location)


def start_run(settings: RegistrySettings, run_name: str, params: dict[str, str], tags: dict[str, str]) -> str:
    """Create a RUNNING MLflow run with all settings as params; returns its id."""
    client = client_for(settings)
    run = client.create_run(experiment_id(client, settings), run_name=run_name, tags=tags)
    items = list(params.items())
    for start in range(0, len(items), 100):  # log_batch takes at most 100 params a call
        client.log_batch(run.info.run_id, params=[mlflow.entities.Param(k, v[:6000]) for k, v in items[start:start + 100]])
    return run.info.run_id


def history_logger(settings: RegistrySettings, run_id: str):
    """A callback that logs each training history record (train/val loss) as metrics by step."""
    client = client_for(settings)

    def log(record: dict) -> None:
        step = int(record["step"])
        metrics = [Metric(key, float(value), int(time.time() * 1000), step)
                   for key, value in record.items() if key != "step" and _finite(value)]
        if metrics:
            client.log_batch(run_id, metrics=metrics)

    return log


DATASET_CONTEXTS = {"train": "training", "val": "validation", "test": "test"}  # split -> MLflow input context
DIGEST_CHARS = 36  # MLflow stores at most 36 characters of a dataset digest
PAIRS_SHA256_TAG = "pairs_sha256"  # input tag: the full fingerprint, comparable with the run tag test_set_sha256


def log_pairs_inputs(settings: RegistrySettings, run_id: str, pairs: dict[str, Any]) -> dict[str, str]:
    """Log the train, val and test pairs files as dataset inputs of the run (the runs table's Dataset
    column), named `pairs-<split>` with context training / validation / test. The digest is the
    project's content fingerprint (`pairs_fingerprint`, SHA-256 of the rows) cut to the 36 characters
    MLflow keeps; the full one is the input tag `pairs_sha256`. Returns {split: full fingerprint}."""
    from mlflow.entities import DatasetInput, InputTag
    from mlflow.utils.mlflow_tags import MLFLOW_DATASET_CONTEXT

    from tasks.core.data.prepare import read_pairs
    from tasks.core.modeling.evaluate import pairs_fingerprint

    inputs, fingerprints = [], {}
    for split, context in DATASET_CONTEXTS.items():
        path = str(pairs[split])
        fingerprint = fingerprints[split] = pairs_fingerprint(path)
        frame = read_pairs(path)[["case", "reflection"]]
        with warnings.catch_warnings():  # MLflow registers its local-file source twice and warns that it chose one
            warnings.filterwarnings("ignore", message="The specified dataset source can be interpreted")
            dataset = mlflow.data.from_pandas(frame, source=path, targets="reflection", name=f"pairs-{split}",
                                              digest=fingerprint[:DIGEST_CHARS])
        inputs.append(DatasetInput(dataset._to_mlflow_entity(), tags=[
            InputTag(MLFLOW_DATASET_CONTEXT, context), InputTag(PAIRS_SHA256_TAG, fingerprint)]))
    client_for(settings).log_inputs(run_id, datasets=inputs)
    return fingerprints


@contextlib.contextmanager
def mlflow_links_suppressed() -> Iterator[None]:
    """MLflow prints no links when it ends a run inside this block (see `end_run`)."""
    from mlflow.environment_variables import MLFLOW_SUPPRESS_PRINTING_URL_TO_STDOUT

    name = MLFLOW_SUPPRESS_PRINTING_URL_TO_STDOUT.name
    before = os.environ.get(name)
    os.environ[name] = "true"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before


def end_run(client: MlflowClient, run_id: str, status: str) -> None:
    """Terminate a run. On an MLflow server, MLflow's own pair of printed links would open the
    experiment on MLflow 3's empty GenAI overview: they are suppressed, and the run and its
    experiment's runs table (`#/experiments/<id>/runs`) are printed instead (logged by Prefect)."""
    with mlflow_links_suppressed():
        client.set_terminated(run_id, status)
    print_run_links(client, run_id, status)


def print_run_links(client: MlflowClient, run_id: str, status: str) -> None:
    """Print the run's page and its experiment's runs table, when the tracking URI is a server."""
    from tasks.core.report_render import mlflow_run_links

    run = client.get_run(run_id)
    links = mlflow_run_links(client.tracking_uri, run.info.experiment_id, run_id)
    if links:
        print(f"MLflow run {run.info.run_name} ({status}): {links['run']}")
        print(f"MLflow runs of its experiment: {links['experiment']}")


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(float(value))


def log_artifact_file(settings: RegistrySettings, run_id: str, path: str | Path, folder: str | None = None) -> None:
    """Log a local file (a plot, a report) as a run artifact."""
    client_for(settings).log_artifact(run_id, str(path), folder)


def promotion_decision(new_value: float, champion_value: float | None, new_quality: float | None = None,
                       champion_quality: float | None = None, tolerance: float = 0.05,
                       metric: str = RegistrySettings.metric,
                       quality_metric: str = RegistrySettings.quality_metric) -> tuple[bool, str]:
    """(promote, reason). A new version becomes champion when none exists, or when its `metric`
    beats the champion's AND its `quality_metric` is not worse than the champion's by more than
    `tolerance`; which way is better comes from the metrics contract (`tasks/core/metrics.py`; for
    the defaults, lower perplexity and higher quality). Without a quality figure on either side
    the metric decides alone, and the reason says so."""
    primary = ranking_metric(metric, "registry.metric")
    quality = ranking_metric(quality_metric, "registry.quality_metric")
    if not math.isfinite(new_value):
        return False, "the new metric is not finite"
    if champion_value is None:
        return True, "no champion yet"
    if not primary.beats(new_value, champion_value):
        return False, (f"metric {new_value:.4g} does not beat the champion's {champion_value:.4g} "
                       f"({primary.better} is better)")
    if new_quality is None or champion_quality is None:
        return True, (f"metric {new_value:.4g} beats {champion_value:.4g}; quality not compared "
                      f"(new {new_quality}, champion {champion_quality})")
    worse, better = ("above", "below") if quality.better == LOWER else ("below", "above")
    if not quality.within(new_quality, champion_quality, tolerance):
        return False, (f"metric {new_value:.4g} beats {champion_value:.4g}, but quality {new_quality:.4g} is {worse} "
                       f"the champion's {champion_quality:.4g} by more than {tolerance}")
    return True, (f"metric {new_value:.4g} beats {champion_value:.4g} and quality {new_quality:.4g} is within "
                  f"{tolerance} of the champion's {champion_quality:.4g} or {better}")


def _champion(client: MlflowClient, settings: RegistrySettings) -> tuple[str | None, Any]:
    """(version, MLflow run) of the current champion; (None, None) when there is none, run None
    when the version has no run."""
    try:
        version = client.get_model_version_by_alias(settings.model_name, settings.champion_alias)
    except mlflow.exceptions.MlflowException:
        return None, None
    return version.version, client.get_run(version.run_id) if version.run_id else None


def alias_version(settings: RegistrySettings, alias: str | None = None) -> str | None:
    """The version of the model that has `alias` (default: the champion alias) now; None when the
    model or the alias does not exist. A registry that cannot be reached raises (MlflowException):
    "no champion" and "cannot tell" are different answers."""
    alias = alias or settings.champion_alias
    client = client_for(settings)
    try:
        return str(client.get_model_version_by_alias(settings.model_name, alias).version)
    except mlflow.exceptions.MlflowException as error:
        # No such model: RESOURCE_DOES_NOT_EXIST; a model without the alias: INVALID_PARAMETER_VALUE
        # "Registered model alias champion not found." (MLflow 3.17, sqlite and REST alike).
        missing = error.error_code == "RESOURCE_DOES_NOT_EXIST" or (
            error.error_code == "INVALID_PARAMETER_VALUE" and "not found" in str(error))
        if missing:
            return None
        raise


def champion_on_test_set(settings: RegistrySettings, test_pairs: str | Path, eval_settings: Any) -> dict[str, Any]:
    """The current champion's metric on THIS run's test pairs.

    A champion scored on another test set (another data file, split seed or extraction rule) is
    not comparable by its logged metric: it is re-scored on these pairs. Returns {"version",
    "value", "fingerprint", "rescored"}; version and value are None when there is no champion.
    """
    from tasks.core.modeling.evaluate import pairs_fingerprint, score_checkpoint

    fingerprint = pairs_fingerprint(test_pairs)
    version, run = _champion(client_for(settings), settings)
    if version is None:
        return {"version": None, "value": None, "fingerprint": fingerprint, "rescored": False}
    value = run.data.metrics.get(settings.metric) if run else None
    logged = run.data.tags.get(TEST_SET_TAG) if run else None
    compared = metric_of(settings.metric)
    if logged == fingerprint or compared.part != TEST:  # only `score_pairs` figures can be recomputed
        return {"version": version, "value": value, "fingerprint": fingerprint, "rescored": False}
    checkpoint = resolve_model_checkpoint(f"models:/{settings.model_name}/{version}")
    scores = score_checkpoint(checkpoint, test_pairs, eval_settings)
    return {"version": version, "value": float(scores[compared.key]), "fingerprint": fingerprint,
            "rescored": True}


def log_reflection_model(checkpoint_dir: str | Path) -> Any:
    """Log the checkpoint as the pyfunc `ReflectionModel` to the active run, self-contained: the
    `tasks` package as its code (code/tasks, put on sys.path when it loads), pinned PyPI requirements
    (no `robo-therapist`), the signature MLflow infers from `predict`'s type hints, and an input
    example. MLflow runs the example through the model twice while logging (once to check the output
    against the hints, once as a served request); a model that cannot answer shows as MLflow's
    warning "Failed to validate serving input example" in the log.
    Returns MLflow's ModelInfo."""
    # MLflow warns that the output hint's Any is not validated: on purpose, the answer's fields
    # are those of `reflect_case`, documented there.
    return mlflow.pyfunc.log_model(
        name="model",
        python_model=ReflectionModel(),
        artifacts={CHECKPOINT_ARTIFACT: str(checkpoint_dir)},
        code_paths=[str(CODE_PACKAGE)],
        pip_requirements=serving_requirements(),
        input_example=INPUT_EXAMPLE,
    )


def register_checkpoint(settings: RegistrySettings, run_id: str, checkpoint_dir: str | Path,
                        metrics: dict[str, float], champion: dict[str, Any] | None = None) -> dict[str, Any]:
    """Log test metrics and the model to the run, register a new version, set aliases, finish the run.

    `champion` (from `champion_on_test_set`) gives the champion's metric on this run's test pairs;
    without it the champion's logged metric is used. Returns {"model_name", "model_version",
    "model_uri", "aliases", "champion_before", "champion_decision", "comparison"}; `comparison` holds
    both versions' figures that the decision compared and which way is better for each.
    """
    client = client_for(settings)
    now = int(time.time() * 1000)
    client.log_batch(run_id, metrics=[Metric(k, float(v), now, 0) for k, v in metrics.items() if _finite(v)])
    if champion is not None:
        client.set_tag(run_id, TEST_SET_TAG, champion["fingerprint"])
        if champion["rescored"] and _finite(champion["value"]):
            client.log_metric(run_id, f"champion_{settings.metric}", float(champion["value"]), now, 0)
    with mlflow.start_run(run_id=run_id):
        info = log_reflection_model(checkpoint_dir)
    champion_before, champion_run = _champion(client, settings)
    champion_value = champion_run.data.metrics.get(settings.metric) if champion_run else None
    champion_quality = champion_run.data.metrics.get(settings.quality_metric) if champion_run else None
    if champion is not None and champion["version"] == champion_before:
        champion_value = champion["value"]
    version = mlflow.register_model(info.model_uri, settings.model_name)
    client.set_registered_model_alias(settings.model_name, settings.candidate_alias, version.version)
    aliases = [settings.candidate_alias]
    promote, reason = promotion_decision(float(metrics[settings.metric]), champion_value,
                                         metrics.get(settings.quality_metric), champion_quality,
                                         settings.quality_tolerance, settings.metric, settings.quality_metric)
    if promote:
        client.set_registered_model_alias(settings.model_name, settings.champion_alias, version.version)
        aliases.append(settings.champion_alias)
    client.set_tag(run_id, "champion_decision", reason)
    end_run(client, run_id, RunStatus.to_string(RunStatus.FINISHED))
    # The figures the decision compared, for the model report; which way is better comes from
    # the metrics contract, as in promotion_decision.
    comparison = {"metric": settings.metric, "value": float(metrics[settings.metric]), "champion_value": champion_value,
                  "champion_rescored": bool(champion and champion["rescored"] and champion["version"] == champion_before),
                  "quality_metric": settings.quality_metric, "quality": metrics.get(settings.quality_metric),
                  "champion_quality": champion_quality, "quality_tolerance": settings.quality_tolerance,
                  "better": {name: metric_of(name).better for name in (settings.metric, settings.quality_metric)}}
    return {"model_name": settings.model_name, "model_version": int(version.version),
            "model_uri": f"models:/{settings.model_name}/{version.version}", "aliases": aliases,
            "champion_before": champion_before, "champion_decision": reason, "comparison": comparison}


def fail_runs_of_flow_run(settings: RegistrySettings, flow_run_id: str) -> int:
    """Mark the MLflow runs of a failed or crashed flow run as FAILED; returns how many."""
    client = client_for(settings)
    experiment = client.get_experiment_by_name(settings.experiment)
    if experiment is None:
        return 0
    runs = client.search_runs([experiment.experiment_id],
                              filter_string=f"tags.`{FLOW_RUN_TAG}` = '{flow_run_id}' and attributes.status = 'RUNNING'")
    for run in runs:
        end_run(client, run.info.run_id, RunStatus.to_string(RunStatus.FAILED))
    return len(runs)


def _cached_checkpoint(target: Path) -> Path | None:
    """The checkpoint folder inside a cache entry: `artifacts/checkpoint` as logged today, or the
    folder of the first config.json (versions logged before used `fine_tune`); None when absent."""
    preferred = target / "artifacts" / CHECKPOINT_ARTIFACT
    if (preferred / "config.json").is_file():
        return preferred
    found = sorted(path.parent for path in target.rglob("config.json")) if target.is_dir() else []
    return found[0] if found else None


def resolve_model_checkpoint(model: str, cache_root: Path | None = None) -> Path:
    """A local checkpoint folder for a model reference: a folder path as is, or an MLflow
    model URI (`models:/name@alias`, `models:/name/3`, `runs:/...`) downloaded once into
    `artifacts/model_cache/`."""
    path = Path(model).expanduser()
    if path.is_dir():
        return path
    if not model.startswith(("models:/", "runs:/", "m-")):
        raise FileNotFoundError(f"Model '{model}' is neither a checkpoint folder nor an MLflow model URI "
                                f"({DEFAULT_CHAMPION_URI}); train one with `make run`.")
    client_for(RegistrySettings())
    cache_root = cache_root or artifacts_dir() / "model_cache"
    if model.startswith("models:/"):
        name, _, ref = model[len("models:/"):].partition("@")
        client = MlflowClient()
        if ref:
            version = client.get_model_version_by_alias(name, ref)
        else:
            name, _, number = model[len("models:/"):].partition("/")
            version = client.get_model_version(name, number)
        key = f"{name}-v{version.version}"
        source = f"models:/{name}/{version.version}"
    else:
        key, source = model.replace(":/", "-").replace("/", "-"), model
    target = cache_root / key
    checkpoint = _cached_checkpoint(target)
    if checkpoint is None:
        # Download beside the cache entry and rename it into place: a download cut short never
        # leaves a half-filled entry that a later call would take for a checkpoint.
        partial = cache_root / f".{key}.partial-{os.getpid()}"
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        try:
            mlflow.artifacts.download_artifacts(artifact_uri=source, dst_path=str(partial))
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        shutil.rmtree(target, ignore_errors=True)
        partial.rename(target)
        checkpoint = _cached_checkpoint(target)
    if checkpoint is None:
        raise FileNotFoundError(f"{model} has no checkpoint folder; was it registered by robo-therapist?")
    return checkpoint
