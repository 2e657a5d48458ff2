"""MLflow's evaluation of a registered version (tasks/tracking/evaluation.py) on a sqlite store: the
evaluation run tied to the training run and the version, its scorer metrics, and one trace per
reflection with both scores."""
from __future__ import annotations

import json

import pytest

CASE = "I just started a new job and I feel like everyone else knows what they are doing except me."
REPORT = {
    "metrics": {"perplexity": 12.0},
    "samples": [  # raw test samples: one reflection, one greeting the filters flag
        {"case": CASE, "reflection": "It sounds like you feel behind everyone else in your new job.",
         "mean_logprob": -0.9, "flags": []},
        {"case": CASE, "reflection": "Hello there!", "mean_logprob": -2.0, "flags": ["greeting_only"]},
    ],
    "quality": {"top1_mean": 0.9, "top1_pass_rate": 1.0, "skipped_crisis": 0, "cases": [
        {"case": "My sister and I haven't spoken in a year and I miss her.", "top1": 0.95,
         "candidates": ["You miss your sister, and the year of silence has been hard on you."]},
        {"case": "I feel stuck at home.", "top1": 0.0, "candidates": []},
    ]},
}


def test_rows_come_from_the_report_without_generating(tmp_path):
    from tasks.tracking.evaluation import TEST_SAMPLES, VAL_QUALITY, evaluation_rows

    report = tmp_path / "evaluation.json"
    report.write_text(json.dumps(REPORT))
    rows = evaluation_rows(report)
    assert [(row["tags"]["source"], row["outputs"]) for row in rows] == [
        (TEST_SAMPLES, "It sounds like you feel behind everyone else in your new job."),
        (TEST_SAMPLES, "Hello there!"),
        (VAL_QUALITY, "You miss your sister, and the year of silence has been hard on you.")]
    assert rows[2]["inputs"] == {"case": "My sister and I haven't spoken in a year and I miss her."}
    report.write_text(json.dumps({"metrics": {}, "samples": []}))
    assert evaluation_rows(report) == []


def test_a_registered_version_is_evaluated_in_its_own_run_with_both_scorers(tiny_model_dir, tmp_path,
                                                                            fast_model_logging):
    import mlflow
    from mlflow.tracking import MlflowClient

    from tasks.core.quality.scorer import default_scorer
    from tasks.core.registry_settings import RegistrySettings
    from tasks.tracking.evaluation import evaluate_version
    from tasks.tracking.registry import register_checkpoint, start_run

    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    settings = RegistrySettings(tracking_uri=uri)
    run_id = start_run(settings, "train-x", {}, {"prefect.flow_run_id": "flow-1"})
    registered = register_checkpoint(settings, run_id, tiny_model_dir, {"test_word_perplexity": 30.0})
    report = tmp_path / "evaluation.json"
    report.write_text(json.dumps(REPORT))

    result = evaluate_version(settings, run_id, registered["model_name"], registered["model_version"], report)

    client = MlflowClient(tracking_uri=uri)
    run = client.get_run(result["run_id"])
    assert run.info.status == "FINISHED" and run.info.run_name == "eval-v1-train-x" and result["rows"] == 3
    assert run.data.tags["training_run_id"] == run_id and run.data.tags["prefect.flow_run_id"] == "flow-1"
    assert "mlflow.parentRunId" not in run.data.tags  # top level: MLflow's Evaluation runs page lists no nested run
    assert run.data.tags["model_version"] == str(registered["model_version"])
    texts = [sample["reflection"] for sample in REPORT["samples"]] + REPORT["quality"]["cases"][0]["candidates"]
    cases = [CASE, CASE, REPORT["quality"]["cases"][0]["case"]]
    scores = [float(default_scorer().score(case, [text])[0]) for case, text in zip(cases, texts)]
    assert run.data.metrics["reflection_score/mean"] == pytest.approx(sum(scores) / 3, abs=1e-3)
    assert run.data.metrics["passes_safety_filters/mean"] == pytest.approx(2 / 3)  # the greeting is flagged
    assert result["metrics"] == {name: pytest.approx(value, abs=1e-4) for name, value in run.data.metrics.items()}
    # Linked to the version's logged model: its page lists the evaluation's metrics beside the run's.
    from tasks.tracking.evaluation import logged_model_id

    version = client.get_model_version(registered["model_name"], str(registered["model_version"]))
    linked = {m.key for m in client.get_logged_model(logged_model_id(version)).metrics if m.run_id == result["run_id"]}
    assert linked == {"reflection_score/mean", "passes_safety_filters/mean"}

    mlflow.set_tracking_uri(uri)
    traces = mlflow.search_traces(locations=[run.info.experiment_id], run_id=result["run_id"], return_type="list")
    assert len(traces) == 3
    by_output = {}
    for trace in traces:
        assessments = {a.name: a for a in trace.info.assessments}
        by_output[json.loads(trace.info.response_preview)] = assessments
    greeting = by_output["Hello there!"]
    assert greeting["passes_safety_filters"].value is False
    assert "greeting_only" in greeting["passes_safety_filters"].rationale
    reflection = by_output[texts[0]]
    assert reflection["passes_safety_filters"].value is True
    assert reflection["reflection_score"].value == pytest.approx(scores[0], abs=1e-4)
    # No active run is left behind in this thread (the next flow run in this process starts its own).
    assert mlflow.active_run() is None


def test_a_report_without_reflections_logs_nothing(tmp_path):
    from tasks.core.registry_settings import RegistrySettings
    from tasks.tracking.evaluation import evaluate_version

    report = tmp_path / "evaluation.json"
    report.write_text(json.dumps({"metrics": {}, "samples": [], "quality": {"cases": []}}))
    settings = RegistrySettings(tracking_uri=f"sqlite:///{tmp_path / 'mlflow.db'}")
    assert evaluate_version(settings, "no-run", "reflection-generator", 1, report)["run_id"] is None
