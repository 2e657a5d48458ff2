"""MLflow's evaluation of a registered version: its sampled reflections, scored by code-based scorers.

The evaluate stage has already sampled reflections and written them to the run's evaluation
report (`evaluation.json`): raw samples for the first test cases ("samples", as generated, cut to
their sentences) and the candidates the reflect path showed for the validation quality cases
("quality"). Nothing is generated again: those rows go to `mlflow.genai.evaluate` with two
code-based scorers, so it runs offline and needs no LLM judge:

- `reflection_score`: the reflection scorer's score for (case, reflection), in [0, 1]; its
  rationale says whether it reaches the scorer's threshold;
- `passes_safety_filters`: True when the candidate filters raise no flag
  (`safety.filters.candidate_flags`); the rationale names the flags.

The shown validation candidates passed those filters and the threshold by construction, so the
test samples are the rows where the two scorers tell versions apart.

One evaluation run per version, `eval-v<version>-<training run name>`, tagged with the training
run's id and the version, and linked to the version's logged model. In the MLflow UI (GenAI view)
it is listed under **Evaluation runs**, one row per version with both metrics as columns; its page
shows the registered version, and its **Traces** tab one trace per reflection with the two
assessments. The metrics are MLflow's aggregates, `reflection_score/mean` and
`passes_safety_filters/mean`; the version's logged model lists them too. They live on the
evaluation run, so they are not figures of the training run's metrics contract.
"""
from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import mlflow
from mlflow.entities import Feedback, RunStatus
from mlflow.environment_variables import MLFLOW_GENAI_EVAL_MAX_WORKERS
from mlflow.genai.scorers import scorer

from tasks.core.registry_settings import RegistrySettings
from tasks.tracking.registry import FLOW_RUN_TAG, client_for, mlflow_links_suppressed, print_run_links

TEST_SAMPLES = "test-samples"  # row sources, the `source` tag of each trace
VAL_QUALITY = "val-quality"
EVAL_RUN_PREFIX = "eval-"
# The training run is named in a tag, not as the parent: MLflow 3.17's Evaluation runs page, where
# versions compare side by side, lists only top-level runs (a nested one was missing from it).
TRAINING_RUN_TAG = "training_run_id"
_encoder_lock = threading.Lock()  # MLflow runs scorers in a thread pool; the encoder is built once, by one


def evaluation_rows(report_file: str | Path) -> list[dict[str, Any]]:
    """The evaluation report's sampled reflections as rows of `mlflow.genai.evaluate`:
    {"inputs": {"case"}, "outputs": reflection, "tags": {"source"}}, test samples first."""
    report = json.loads(Path(report_file).read_text(encoding="utf-8"))
    rows = [{"inputs": {"case": sample["case"]}, "outputs": sample["reflection"], "tags": {"source": TEST_SAMPLES}}
            for sample in report.get("samples", [])]
    for case in (report.get("quality") or {}).get("cases", []):
        rows += [{"inputs": {"case": case["case"]}, "outputs": text, "tags": {"source": VAL_QUALITY}}
                 for text in case["candidates"]]
    return rows


@scorer
def reflection_score(inputs: dict[str, Any], outputs: str) -> Feedback:
    """The reflection scorer's score of the reflection for its case."""
    from tasks.core.quality.scorer import default_scorer

    with _encoder_lock:
        head = default_scorer()
        value = float(head.score(inputs["case"], [outputs])[0])
    verdict = "reaches" if value >= head.threshold else "is below"
    return Feedback(value=round(value, 4), rationale=f"{verdict} the scorer's threshold {head.threshold:.2f}")


@scorer
def passes_safety_filters(inputs: dict[str, Any], outputs: str) -> Feedback:
    """True when the candidate filters raise no flag; the rationale names the flags."""
    from tasks.core.safety.filters import candidate_flags

    flags = candidate_flags(outputs, inputs["case"])
    return Feedback(value=not flags, rationale=", ".join(flags) if flags else "no flag")


SCORERS = [reflection_score, passes_safety_filters]


@contextlib.contextmanager
def _one_worker() -> Iterator[None]:
    """MLflow scores rows in 10 threads unless MLFLOW_GENAI_EVAL_MAX_WORKERS says otherwise; on a
    sqlite store they queue for its connections (45 rows of a real run: 66 s, against 18 s in one
    thread; 2026-12-03, 2 cores). A value set by the user is kept."""
    name = MLFLOW_GENAI_EVAL_MAX_WORKERS.name
    if name in os.environ:
        yield
        return
    os.environ[name] = "1"
    try:
        yield
    finally:
        os.environ.pop(name, None)


def logged_model_id(version: Any) -> str | None:
    """The logged model (`m-...`) behind a registered version: its `model_id`, or its source
    `models:/m-...` where the store leaves model_id empty (seen with a sqlite registry)."""
    if getattr(version, "model_id", None):
        return version.model_id
    source = str(getattr(version, "source", "") or "")
    return source[len("models:/"):] if source.startswith("models:/m-") else None


def evaluate_version(settings: RegistrySettings, training_run_id: str, model_name: str, model_version: int,
                     report_file: str | Path) -> dict[str, Any]:
    """Evaluate the reflections of `report_file` (the training run's evaluation report) in a new run
    of the training run's experiment, linked to the version's logged model. Returns {"run_id", "run_name",
    "rows", "metrics"}; run_id is None and nothing is logged when the report holds no reflection."""
    rows = evaluation_rows(report_file)
    if not rows:
        return {"run_id": None, "run_name": None, "rows": 0, "metrics": {}}
    client = client_for(settings)
    training = client.get_run(training_run_id)
    version = client.get_model_version(model_name, str(model_version))
    tags = {TRAINING_RUN_TAG: training_run_id, "model_name": model_name, "model_version": str(model_version)}
    if training.data.tags.get(FLOW_RUN_TAG):  # so a crashed flow run marks this run FAILED too
        tags[FLOW_RUN_TAG] = training.data.tags[FLOW_RUN_TAG]
    run = client.create_run(training.info.experiment_id, tags=tags,
                            run_name=f"{EVAL_RUN_PREFIX}v{model_version}-{training.info.run_name}")
    status = RunStatus.to_string(RunStatus.FAILED)
    mlflow.start_run(run_id=run.info.run_id)
    try:
        with _encoder_lock:  # build the encoder and the head before MLflow's threads ask for them
            from tasks.core.quality.scorer import default_scorer

            default_scorer().score(rows[0]["inputs"]["case"], [rows[0]["outputs"]])
        with _one_worker():
            result = mlflow.genai.evaluate(data=rows, scorers=SCORERS, model_id=logged_model_id(version))
        status = RunStatus.to_string(RunStatus.FINISHED)
    finally:
        with mlflow_links_suppressed():  # our links instead, as for the training run (registry.end_run)
            mlflow.end_run(status)
    print_run_links(client, run.info.run_id, status)
    metrics = {name: round(float(value), 4) for name, value in result.metrics.items()}
    print(f"Evaluation {run.info.run_name} of {model_name} v{model_version}: {len(rows)} reflections, "
          + ", ".join(f"{name} {value}" for name, value in sorted(metrics.items())))
    return {"run_id": run.info.run_id, "run_name": run.info.run_name, "rows": len(rows), "metrics": metrics}
