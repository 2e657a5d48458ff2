"""The real training flow under Prefect with a real MLflow store (sqlite), on the embedded sample
with a tiny model: registered version, aliases, metrics, and a registered model that reloads
and generates."""
from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


def test_flow_trains_registers_and_reloads(harness, tiny_model_dir, isolated_artifacts, fast_model_logging):
    import mlflow
    from mlflow.tracking import MlflowClient

    from flows.training import train_reflection_model
    from tasks.core.modeling.generate import GenerationSettings, sample_reflections
    from tasks.core.settings_io import settings_file_name
    from tasks.core.stage_settings import TRAINING_STAGES

    quick = {"train.batch_size": 8, "train.warmup_steps": 0, "train.learning_rate": 3e-3,
             "eval.sample_cases": 2, "eval.samples_per_case": 2}
    first = train_reflection_model(base_model=str(tiny_model_dir), max_steps=4, settings=quick)

    uri = f"sqlite:///{isolated_artifacts / 'mlflow.db'}"
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    champion = client.get_model_version_by_alias("reflection-generator", "champion")
    assert int(champion.version) == first["model_version"]
    assert set(first["aliases"]) == {"candidate", "champion"}
    run = client.get_run(first["run_id"])
    assert run.info.status == "FINISHED"
    assert run.data.metrics["test_word_perplexity"] == pytest.approx(first["test_word_perplexity"])
    assert run.data.metrics["test_perplexity"] > 1
    assert {"train_loss", "val_loss"} <= set(run.data.metrics)
    assert run.data.params["train.max_steps"] == "4" and "data.seed" in run.data.params
    assert (isolated_artifacts / first["checkpoint"]).joinpath("model.safetensors").is_file()
    assert run.data.params["train.base_model"] == str(tiny_model_dir)
    # Lineage: the three pairs files are the run's dataset inputs; the test digest is the test-set fingerprint.
    inputs = {item.dataset.name: item for item in run.inputs.dataset_inputs}
    assert set(inputs) == {"pairs-train", "pairs-val", "pairs-test"}
    test_tags = {tag.key: tag.value for tag in inputs["pairs-test"].tags}
    assert test_tags["pairs_sha256"] == run.data.tags["test_set_sha256"]
    assert inputs["pairs-test"].dataset.digest == run.data.tags["test_set_sha256"][:36]
    # Progress in the UI: the train task's progress artifact ended at 100 %.
    from prefect import get_client

    with get_client(sync_client=True) as prefect_client:
        progress = [a for a in prefect_client.read_artifacts() if a.key == "training-progress"]
    assert any(a.type == "progress" and a.data == 100.0 and a.description.startswith(("done", "stopped early"))
               and "/ 4 ·" in a.description for a in progress)
    # Every stage's settings lie beside the checkpoint, as they were logged.
    saved = {name: json.loads((isolated_artifacts / first["checkpoint"] / settings_file_name(name)).read_text())
             for name in TRAINING_STAGES}
    assert saved["data"]["seed"] == int(run.data.params["data.seed"]) and saved["eval"]["samples_per_case"] == 2
    assert saved["train"]["max_steps"] == 4 and saved["train"]["base_model"] == str(tiny_model_dir)
    # MLflow's evaluation of the new version: its own run, tied to the training run, scored by the
    # code-based scorers on the reflections the evaluate task sampled (one trace per reflection).
    (evaluation,) = client.search_runs([run.info.experiment_id], f"tags.training_run_id = '{first['run_id']}'")
    assert evaluation.info.status == "FINISHED"
    assert evaluation.info.run_name == f"eval-v{first['model_version']}-{run.info.run_name}"
    assert {"reflection_score/mean", "passes_safety_filters/mean"} <= set(evaluation.data.metrics)
    assert 0 <= evaluation.data.metrics["reflection_score/mean"] <= 1

    # A second, barely trained model is a new candidate but does not take the champion alias.
    second = train_reflection_model(base_model=str(tiny_model_dir), max_steps=1,
                                    settings={**quick, "train.learning_rate": 1e-9})
    assert second["model_version"] == first["model_version"] + 1
    assert second["test_word_perplexity"] > first["test_word_perplexity"]
    assert int(client.get_model_version_by_alias("reflection-generator", "candidate").version) == second["model_version"]
    assert int(client.get_model_version_by_alias("reflection-generator", "champion").version) == first["model_version"]

    # A run with another extraction rule (another test set) is compared with the champion re-scored on ITS test pairs.
    third = train_reflection_model(base_model=str(tiny_model_dir), max_steps=1,
                                   settings={**quick, "data.fallback_max_words": 15, "data.keyword_max_words": 15,
                                             "train.learning_rate": 1e-9})
    third_run = client.get_run(third["run_id"])
    assert third_run.data.tags["test_set_sha256"] != run.data.tags["test_set_sha256"] == \
        client.get_run(second["run_id"]).data.tags["test_set_sha256"]
    rescored = third_run.data.metrics["champion_test_word_perplexity"]
    assert rescored != pytest.approx(first["test_word_perplexity"])
    assert "champion_test_word_perplexity" not in client.get_run(second["run_id"]).data.metrics
    expected = third["model_version"] if third["test_word_perplexity"] < rescored else first["model_version"]
    assert int(client.get_model_version_by_alias("reflection-generator", "champion").version) == expected

    # The registered champion reloads through the registry and generates.
    mlflow.set_tracking_uri(uri)
    model = mlflow.pyfunc.load_model("models:/reflection-generator@champion")
    results = model.predict(["I moved to a new city and I have no friends here.",
                             "I wrote goodbye letters and I have the pills ready tonight."], params={"n": 2, "seed": 1})
    assert results[0]["risk"] in ("none", "elevated") and isinstance(results[0]["candidates"], list)  # answered
    assert results[1]["risk"] == "crisis" and results[1]["candidates"] == [] and results[1]["resources"]
    loaded = model.unwrap_python_model().loaded
    samples = sample_reflections(loaded, "I feel alone.", 2, GenerationSettings(max_new_tokens=5), seed=0)
    assert len(samples) == 2 and all(sample["tokens"] > 0 for sample in samples)
