"""Against real servers: a Prefect server and an MLflow server on free loopback ports, the
deployments of prefect.yaml, and a process worker, all started through the code behind
`make serve` (flows/ops/serve.py) with a temporary state folder and artifacts.

1. A scheduled-style run of `train-reflection-model` (tiny model, 2 steps) completes: every
   task run completed, the keyed report artifacts exist, and over HTTP the MLflow registry has
   the new version with its metrics, loss history, plot and aliases.
2. The worker and the flow run it started are killed mid-training: the registry is unchanged
   (no version, no alias moved, the run never FINISHED); once the dead run is marked Crashed
   (which gives back its concurrency slot), a new worker's rerun completes, with the data
   stages served from Prefect's cache.
3. The training deployment takes one run at a time: a second waits as AwaitingConcurrencySlot.
4. The reflect endpoint that `make serve` starts answers from the champion: a normal case
   (candidates, the champion's version), a crisis case (resources, no candidates, no model) and a
   malformed body (400); it follows `champion` when the alias moves; `stop` ends it.
5. The automation: when the first run makes its version champion, the reflect deployment's
   trigger runs reflect on the smoke-test cases with that version, and the run completes with
   its answers artifact. The training runs pass their settings in the flat `stage.field` form,
   which the typed parameter schema accepts.

Everything started is stopped in the fixture's `finally`, whatever fails.
"""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Any
from uuid import UUID

import psutil
import pytest

pytestmark = pytest.mark.integration

TRAIN_DEPLOYMENT = "train-reflection-model/train-reflection-model"
REFLECT_DEPLOYMENT = "reflect/reflect"
MODEL = "reflection-generator"
# Fast on 2 busy cores: padded batches (a packed row is 2,048 positions of a 49k vocabulary) and
# one sampled reflection; the tiny model comes from the conftest fixture.
TINY_SETTINGS = {"train.progress": False, "train.packing": False, "eval.sample_cases": 1, "eval.samples_per_case": 1}
EXPECTED_TASKS = {"ingest", "extract-reflections", "report-data", "resolve-base-model", "tokenize",
                  "start-tracking-run", "log-datasets", "train", "report-training", "evaluate", "report-evaluation",
                  "score-champion", "register", "report-model", "evaluate-in-mlflow"}
CACHED_TASKS = {"ingest", "extract-reflections", "tokenize"}
RUN_TIMEOUT_S = 420


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory):
    """The whole local stack, as `make serve` starts it, on free ports; stopped afterwards."""
    from flows.ops.serve import ServeSettings, free_port, start, stop

    root = tmp_path_factory.mktemp("stack")
    prefect_port = free_port()
    mlflow_port = next(p for p in iter(free_port, None) if p != prefect_port)
    settings = ServeSettings(artifacts=root / "artifacts", state_dir=root / "serve", prefect_port=prefect_port,
                             mlflow_port=mlflow_port,
                             reflect_port=next(p for p in iter(free_port, None) if p not in (prefect_port, mlflow_port)),
                             reflect_alias_check_s=1, worker_poll_s=2, startup_timeout_s=240)
    started = time.monotonic()
    try:
        info = start(settings)
        info["start_s"] = round(time.monotonic() - started, 1)
        print(f"\nstack up in {info['start_s']} s: {info}")
        yield settings, info
    finally:
        stop(settings)
        print(f"stack lived {time.monotonic() - started:.0f} s")


@pytest.fixture(scope="module")
def prefect_client(stack):
    from prefect.client.orchestration import SyncPrefectClient

    settings, _ = stack
    with SyncPrefectClient(settings.prefect_api_url) as client:
        yield client


@pytest.fixture(scope="module")
def mlflow_client(stack):
    from mlflow.tracking import MlflowClient

    settings, _ = stack
    return MlflowClient(tracking_uri=settings.mlflow_url, registry_uri=settings.mlflow_url)


def tiny_parameters(model_dir: Path, max_steps: int = 2, **settings: Any) -> dict[str, Any]:
    return {"base_model": str(model_dir), "max_steps": max_steps, "settings": {**TINY_SETTINGS, **settings}}


def start_run(client: Any, parameters: dict[str, Any]) -> UUID:
    deployment = client.read_deployment_by_name(TRAIN_DEPLOYMENT)
    return client.create_flow_run_from_deployment(deployment.id, parameters=parameters).id


def task_states(client: Any, flow_run_id: UUID) -> dict[str, Any]:
    """{task name without its run suffix: latest state} of a flow run's task runs."""
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
    return {run.name.rsplit("-", 1)[0]: run.state for run in runs}


def wait_for_final_state(client: Any, flow_run_id: UUID, timeout_s: float = RUN_TIMEOUT_S) -> Any:
    started = time.monotonic()
    while time.monotonic() - started < timeout_s:
        state = client.read_flow_run(flow_run_id).state
        if state is not None and state.is_final():
            return state
        time.sleep(2)
    raise AssertionError(f"flow run {flow_run_id} not finished after {timeout_s} s; task states: "
                         f"{ {name: s.name for name, s in task_states(client, flow_run_id).items()} }")


def artifacts_of(client: Any, flow_run_id: UUID) -> dict[str, Any]:
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    found = client.read_artifacts(artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])))
    return {artifact.key: artifact for artifact in found}


def registry_snapshot(client: Any) -> dict[str, Any]:
    """Versions (with their run ids) and aliases of the model; empty before the first registration."""
    from mlflow.exceptions import MlflowException

    try:
        model = client.get_registered_model(MODEL)
    except MlflowException:
        return {"versions": {}, "aliases": {}}
    versions = {v.version: v.run_id for v in client.search_model_versions(f"name='{MODEL}'")}
    return {"versions": versions, "aliases": dict(model.aliases)}


def tracking_runs_of(client: Any, flow_run_id: UUID, evaluation: bool = False) -> list[Any]:
    """The MLflow training runs of a flow run, or with `evaluation` its evaluation runs (top-level
    runs tagged with the flow run too, told apart by their training_run_id tag)."""
    from tasks.tracking.evaluation import TRAINING_RUN_TAG

    experiment = client.get_experiment_by_name("robo-therapist")
    runs = client.search_runs([experiment.experiment_id], filter_string=f"tags.`prefect.flow_run_id` = '{flow_run_id}'")
    return [run for run in runs if (TRAINING_RUN_TAG in run.data.tags) == evaluation]


def assert_completed_run(prefect_client: Any, mlflow_client: Any, flow_run_id: UUID, before: dict[str, Any]) -> dict:
    """A finished run: all tasks completed, the four keyed artifacts, a new version with metrics and aliases."""
    from tasks.reports import ARTIFACT_KEYS, TRAINING_SUMMARY_KEY

    state = wait_for_final_state(prefect_client, flow_run_id)
    tasks = task_states(prefect_client, flow_run_id)
    assert state.is_completed(), f"flow run ended {state.name}: {state.message}; tasks: { {n: s.name for n, s in tasks.items()} }"
    assert set(tasks) == EXPECTED_TASKS
    assert all(task_state.is_completed() for task_state in tasks.values()), {n: s.name for n, s in tasks.items()}

    artifacts = artifacts_of(prefect_client, flow_run_id)
    assert set(ARTIFACT_KEYS) <= set(artifacts)
    assert "data:image/png;base64," in artifacts[TRAINING_SUMMARY_KEY].data
    assert "| best step | 2 of 2 |" in artifacts[TRAINING_SUMMARY_KEY].data
    assert "| case | reflection | safety flags | log-prob |" in artifacts["evaluation"].data
    assert "Sampled reflections (1," in artifacts["evaluation"].data
    assert "| pairs kept |" in artifacts["data-report"].data

    (run,) = tracking_runs_of(mlflow_client, flow_run_id)
    (evaluation,) = tracking_runs_of(mlflow_client, flow_run_id, evaluation=True)
    assert evaluation.data.tags["training_run_id"] == run.info.run_id and evaluation.info.status == "FINISHED"
    assert {"reflection_score/mean", "passes_safety_filters/mean"} <= set(evaluation.data.metrics)
    after = registry_snapshot(mlflow_client)
    new_versions = set(after["versions"]) - set(before["versions"])
    assert len(new_versions) == 1
    (version,) = new_versions
    assert after["versions"][version] == run.info.run_id
    assert run.info.status == "FINISHED"
    assert {"test_perplexity", "test_word_perplexity", "best_val_loss", "train_tokens_per_s"} <= set(run.data.metrics)
    assert len(mlflow_client.get_metric_history(run.info.run_id, "train_loss")) == 2  # one point per step
    artifact_paths = {a.path for folder in ("plots", "reports") for a in mlflow_client.list_artifacts(run.info.run_id, folder)}
    assert {"plots/loss_curve.png", "reports/evaluation.json", "reports/train_result.json"} <= artifact_paths
    assert after["aliases"]["candidate"] == version
    assert f"#/models/{MODEL}/versions/{version}" in artifacts["mlflow-model"].data
    return {"version": version, "run": run, "tasks": tasks, "registry": after}


def test_deployments_come_from_prefect_yaml(stack, prefect_client):
    deployment = prefect_client.read_deployment_by_name(TRAIN_DEPLOYMENT)
    assert deployment.work_pool_name == "local"
    assert [s.schedule.cron for s in deployment.schedules] == ["0 3 * * 1"]
    assert deployment.pull_steps == [{"prefect.deployments.steps.set_working_directory":
                                      {"directory": str(stack[0].project_root)}}]
    assert deployment.global_concurrency_limit.limit == 1
    assert deployment.concurrency_options.collision_strategy == "ENQUEUE"
    # typed parameters: every setting in the schema, enforced by the server
    assert deployment.enforce_parameter_schema
    assert "learning_rate" in deployment.parameter_openapi_schema["definitions"]["TrainSettings"]["properties"]
    reflect = prefect_client.read_deployment_by_name(REFLECT_DEPLOYMENT)
    assert reflect.schedules == [] and reflect.entrypoint == "flows/reflect.py:reflect_flow"
    assert reflect.global_concurrency_limit is None
    assert prefect_client.read_work_pool("local").type == "process"
    # the automation that smoke-tests a new champion, owned by the reflect deployment
    from tasks.events import CHAMPION_CHANGED

    (automation,) = prefect_client.read_resource_related_automations(f"prefect.deployment.{reflect.id}")
    assert automation.enabled and automation.trigger.expect == {CHAMPION_CHANGED}
    (action,) = automation.actions
    assert action.deployment_id == reflect.id and action.parameters["cases_file"] == "tasks/core/data/smoke_cases.jsonl"


def test_a_second_training_run_waits_for_the_first(stack, prefect_client):
    """What the worker does with each run it picks up (propose Pending), done by hand on two runs
    scheduled an hour ahead so that the worker leaves them alone: the second one is sent back to
    Scheduled as AwaitingConcurrencySlot. Both are cancelled at once (the waiting one would be
    retried, and so picked up, 30 s later), which gives the slot back."""
    import datetime as dt

    from prefect.states import Cancelled, Pending, Scheduled

    deployment = prefect_client.read_deployment_by_name(TRAIN_DEPLOYMENT)
    limit = deployment.global_concurrency_limit.name
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1)
    runs = [prefect_client.create_flow_run_from_deployment(deployment.id, state=Scheduled(scheduled_time=later)).id
            for _ in range(2)]
    try:
        first, second = (prefect_client.set_flow_run_state(run, Pending()) for run in runs)
        assert first.state.is_pending()
        assert second.state.is_scheduled() and second.state.name == "AwaitingConcurrencySlot"
        assert second.details.reason == "Deployment concurrency limit reached."
        assert prefect_client.read_global_concurrency_limit_by_name(limit).active_slots == 1
    finally:
        for run in runs:
            prefect_client.set_flow_run_state(run, Cancelled(), force=True)
    assert prefect_client.read_global_concurrency_limit_by_name(limit).active_slots == 0


def test_deployment_run_completes_with_reports_and_registry(stack, prefect_client, mlflow_client, tiny_model_dir):
    started = time.monotonic()
    before = registry_snapshot(mlflow_client)
    flow_run_id = start_run(prefect_client, tiny_parameters(tiny_model_dir))
    result = assert_completed_run(prefect_client, mlflow_client, flow_run_id, before)
    if not before["versions"]:  # the first version is champion
        assert result["registry"]["aliases"]["champion"] == result["version"]
    print(f"\ncompleted run: {time.monotonic() - started:.0f} s")
    if result["registry"]["aliases"]["champion"] == result["version"]:
        assert_smoke_test_ran(prefect_client, result["version"])
        print(f"automation's reflect run done: {time.monotonic() - started:.0f} s")


def assert_smoke_test_ran(client: Any, version: str) -> None:
    """The champion-changed automation started reflect on the smoke cases with this version, and
    that run completed with its answers artifact (it runs before the next test starts training)."""
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId

    from tasks.reflect_tasks import ANSWERS_KEY

    reflect = client.read_deployment_by_name(REFLECT_DEPLOYMENT)
    model = f"models:/{MODEL}/{version}"
    deadline = time.monotonic() + 120
    while not (runs := [run for run in client.read_flow_runs(
            deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[reflect.id])))
            if run.parameters.get("model") == model]):
        assert time.monotonic() < deadline, f"no reflect run for {model} within 120 s of the champion change"
        time.sleep(2)
    (run,) = runs
    assert run.parameters["cases_file"] == "tasks/core/data/smoke_cases.jsonl"
    state = wait_for_final_state(client, run.id)
    assert state.is_completed(), f"the smoke-test reflect run ended {state.name}: {state.message}"
    answers = artifacts_of(client, run.id)[ANSWERS_KEY].data
    assert "crisis" in answers  # the smoke set's crisis case, answered by the screen


def test_killed_worker_leaves_registry_unchanged_and_rerun_succeeds(stack, prefect_client, mlflow_client,
                                                                    tiny_model_dir):
    from flows.ops.serve import processes_of, read_records, start_worker, stack_env

    settings, _ = stack
    started = time.monotonic()
    before = registry_snapshot(mlflow_client)
    # Thousands of steps: training is still running when the worker dies.
    doomed = start_run(prefect_client, tiny_parameters(tiny_model_dir, max_steps=5000))
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while not ((train := task_states(prefect_client, doomed).get("train")) and train.is_running()):
        assert time.monotonic() < deadline, "training never started"
        assert not prefect_client.read_flow_run(doomed).state.is_final(), prefect_client.read_flow_run(doomed).state
        time.sleep(1)
    (tracking_run,) = tracking_runs_of(mlflow_client, doomed)

    # The process worker starts each flow run in its own session, so killing only the worker's
    # group would leave training running: kill the worker and every process it started.
    (worker,) = [r for r in read_records(settings) if r["role"] == "worker"]
    victims = processes_of(worker)
    assert len(victims) >= 2, "the flow run process should be a descendant of the worker"
    for process in victims:
        os.kill(process.pid, signal.SIGKILL)
    psutil.wait_procs(victims, timeout=30)

    time.sleep(3)
    assert registry_snapshot(mlflow_client) == before
    assert mlflow_client.get_run(tracking_run.info.run_id).info.status in ("RUNNING", "FAILED")
    assert not prefect_client.read_flow_run(doomed).state.is_completed()
    assert "register" not in task_states(prefect_client, doomed)
    # The dead run still holds the deployment's one concurrency slot until its lease runs out (up
    # to 5 minutes); as the README tells an operator, mark it Crashed to give the slot back now.
    from prefect.states import Crashed

    prefect_client.set_flow_run_state(doomed, Crashed(message="worker and flow run killed"), force=True)

    # A new worker; the next run completes normally.
    start_worker(settings, stack_env(settings))
    rerun = start_run(prefect_client, tiny_parameters(tiny_model_dir))
    result = assert_completed_run(prefect_client, mlflow_client, rerun, before)
    # Prefect caches a data task once its content-keyed folder exists when the task starts: from
    # the second run on the same inputs. With a run before the doomed one, the rerun is served.
    cached = {name for name, state in result["tasks"].items() if state.name == "Cached"}
    assert cached == (CACHED_TASKS if before["versions"] else set()), {n: s.name for n, s in result["tasks"].items()}
    # Champion moves only to a strictly better test word perplexity.
    metric = {v: mlflow_client.get_run(run_id).data.metrics["test_word_perplexity"]
              for v, run_id in result["registry"]["versions"].items()}
    champion_before = before["aliases"].get("champion")
    expected = (result["version"] if champion_before is None or metric[result["version"]] < metric[champion_before]
                else champion_before)
    assert result["registry"]["aliases"]["champion"] == expected
    print(f"\nkill + rerun: {time.monotonic() - started:.0f} s")


def post_case(url: str, payload: Any) -> tuple[int, dict[str, Any]]:
    import json
    import urllib.error
    import urllib.request

    data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    request = urllib.request.Request(f"{url}/reflect", data=data, method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=RUN_TIMEOUT_S) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def reflect_health(url: str) -> dict[str, Any]:
    import json
    import urllib.request

    with urllib.request.urlopen(f"{url}/health", timeout=60) as response:
        return json.load(response)


def test_reflect_endpoint_serves_the_champion_and_follows_the_alias(stack, mlflow_client):
    """Runs last: the runs above registered versions. Normal, crisis and malformed requests; then
    `champion` moved by hand to another version, which the endpoint serves after its next check;
    then `stop` of the endpoint alone ends its process."""
    from flows.ops.serve import port_is_free, read_records, status, stop

    settings, info = stack
    url = info["reflect_page"]
    assert url == settings.reflect_url and status(settings)["reflect-server"]["alive"]
    registry = registry_snapshot(mlflow_client)
    champion = registry["aliases"]["champion"]
    health = reflect_health(url)
    assert health["status"] == "ok" and health["model"]["champion_version"] == champion

    status_code, answer = post_case(url, {"case": "I moved to a new city for work and I have no friends here.", "n": 2})
    assert status_code == 200, answer
    assert answer["risk"] == "none" and answer["model"]["version"] == champion
    assert isinstance(answer["candidates"], list) and answer["shortfall"] == 2 - len(answer["candidates"])
    assert "9-8-8" in answer["disclaimer"]
    print(f"\nendpoint answer from version {champion}: {len(answer['candidates'])} candidate(s), "
          f"generation {answer['generation']}")

    status_code, answer = post_case(url, {"case": "I want to kill myself tonight, I have the pills ready."})
    assert status_code == 200 and answer["risk"] == "crisis"
    assert answer["candidates"] == [] and answer["resources"] and answer["model"] is None

    status_code, error = post_case(url, b'{"case": ')
    assert status_code == 400 and "not valid JSON" in error["error"]

    # champion moved (by hand here, by a better run in real life): served after the next check (1 s)
    assert len(registry["versions"]) >= 2, registry
    other = next(version for version in sorted(registry["versions"], key=int, reverse=True) if version != champion)
    mlflow_client.set_registered_model_alias(MODEL, "champion", other)
    try:
        time.sleep(1.5)
        status_code, answer = post_case(url, {"case": "My sister stopped talking to me after our father died."})
        assert status_code == 200 and answer["model"]["version"] == other, answer
        assert reflect_health(url)["model"]["loaded_version"] == other
    finally:
        mlflow_client.set_registered_model_alias(MODEL, "champion", champion)

    (record,) = [r for r in read_records(settings) if r["role"] == "reflect-server"]
    assert record["pid"] in stop(settings, roles=("reflect-server",))
    assert not psutil.pid_exists(record["pid"]) or psutil.Process(record["pid"]).status() == psutil.STATUS_ZOMBIE
    assert port_is_free(settings.host, settings.reflect_port)
    assert {r["role"] for r in read_records(settings)} == {"prefect-server", "mlflow-server", "worker"}
