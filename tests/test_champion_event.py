"""The automation on a champion change: the register task emits `robo-therapist.champion.changed`
exactly when champion moves, and prefect.yaml's trigger on the `reflect` deployment matches that
event and runs the smoke-test cases with the new champion's version."""
from __future__ import annotations

import json
from pathlib import Path
from uuid import uuid4

import pytest
import yaml
from prefect.testing.fixtures import asserting_events_worker, reset_worker_events  # noqa: F401 (fixtures)

from tasks.core.registry_settings import DEFAULT_MODEL_NAME, RegistrySettings
from tasks.events import CHAMPION_CHANGED, champion_changed_event, model_resource_id

REPO = Path(__file__).resolve().parents[1]


def registered(version: int, aliases: list[str], before: str | None) -> dict:
    """What register_checkpoint returns, as far as the event reads it."""
    return {"model_name": DEFAULT_MODEL_NAME, "model_version": version, "model_uri": f"models:/{DEFAULT_MODEL_NAME}/{version}",
            "aliases": aliases, "champion_before": before, "champion_decision": "why"}


def test_the_event_says_which_version_became_champion_and_none_when_it_stayed():
    settings = RegistrySettings()
    assert champion_changed_event(settings, registered(2, ["candidate"], "1"), "run-2") is None
    event = champion_changed_event(settings, registered(3, ["candidate", "champion"], "1"), "run-3")
    assert event["event"] == CHAMPION_CHANGED
    assert event["resource"]["prefect.resource.id"] == model_resource_id(DEFAULT_MODEL_NAME)
    assert event["resource"]["mlflow.model.version"] == "3"
    assert event["payload"] == {"model_name": DEFAULT_MODEL_NAME, "model_version": "3",
                                "model_uri": f"models:/{DEFAULT_MODEL_NAME}/3", "alias": "champion",
                                "champion_uri": f"models:/{DEFAULT_MODEL_NAME}@champion", "previous_version": "1",
                                "run_id": "run-3", "decision": "why"}


@pytest.fixture
def harness():
    """A Prefect server for the events worker's API client (else it starts a temporary one)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


def test_the_register_task_emits_exactly_when_champion_moves(harness, tiny_model_dir, tmp_path,
                                                             asserting_events_worker):  # noqa: F811
    """Three registrations in a sqlite registry: v1 (no champion before: moves), v2 (worse: stays),
    v3 (better: moves). Prefect's asserting events client records what was emitted."""
    from prefect.events.clients import AssertingEventsClient

    from tasks import training_tasks
    from tasks.tracking.registry import start_run

    settings = RegistrySettings(tracking_uri=f"sqlite:///{tmp_path / 'mlflow.db'}")
    run_ids = []
    for word_perplexity in (30.0, 31.0, 20.0):
        run_ids.append(start_run(settings, "run", {}, {}))
        training_tasks.register.fn(settings, run_ids[-1], str(tiny_model_dir),
                                   {"test_word_perplexity": word_perplexity, "val_quality_top1_mean": 0.5}, [])
    asserting_events_worker.drain()
    assert isinstance(asserting_events_worker._client, AssertingEventsClient)
    events = [event for event in asserting_events_worker._client.events if event.event == CHAMPION_CHANGED]
    assert [(event.resource["mlflow.model.version"], event.payload["previous_version"]) for event in events] == [
        ("1", None), ("3", "1")]
    assert [event.payload["run_id"] for event in events] == [run_ids[0], run_ids[2]]
    assert events[1].resource.id == model_resource_id(DEFAULT_MODEL_NAME)
    assert events[1].payload["model_uri"] == f"models:/{DEFAULT_MODEL_NAME}/3"


def _reflect_triggers() -> list:
    """The reflect deployment's triggers, parsed as `prefect deploy` parses them."""
    from prefect.cli.deploy._triggers import _initialize_deployment_triggers

    deployments = {d["name"]: d for d in yaml.safe_load((REPO / "prefect.yaml").read_text())["deployments"]}
    return _initialize_deployment_triggers("reflect", deployments["reflect"]["triggers"])


def test_the_reflect_trigger_matches_the_event_and_runs_the_smoke_cases_on_its_version():
    from prefect.events import Event
    from prefect.server.events.schemas.automations import EventTrigger
    from prefect.server.events.schemas.events import ReceivedEvent
    from prefect.server.utilities.user_templates import render_user_template_sync

    (trigger,) = _reflect_triggers()
    assert trigger.expect == {CHAMPION_CHANGED}
    deployment_id = uuid4()
    trigger.set_deployment_id(deployment_id)  # as `prefect deploy` does before creating the automation
    automation = trigger.as_automation()
    (action,) = automation.actions
    assert (action.type, action.deployment_id, action.parameters) == ("run-deployment", deployment_id, trigger.parameters)
    server_trigger = EventTrigger.model_validate(automation.trigger.model_dump())
    def received(arguments: dict) -> ReceivedEvent:
        """The event as emit_event builds it, as the server receives it."""
        return ReceivedEvent(**Event(**arguments).model_dump())

    arguments = champion_changed_event(RegistrySettings(), registered(4, ["candidate", "champion"], "3"), "run-4")
    assert server_trigger.covers(received(arguments))
    other = champion_changed_event(RegistrySettings(model_name="my-model"), {**registered(1, ["candidate", "champion"], None),
                                                                           "model_name": "my-model"}, "run-1")
    assert server_trigger.covers(received(other))  # any registered model's new champion is smoke-tested
    assert not server_trigger.covers(received({**arguments, "event": "robo-therapist.candidate.added"}))

    parameters = trigger.parameters
    assert render_user_template_sync(parameters["model"], {"event": received(arguments)}) == f"models:/{DEFAULT_MODEL_NAME}/4"
    assert (REPO / parameters["cases_file"]).resolve() == (REPO / "tasks/core/data/smoke_cases.jsonl").resolve()


def test_the_smoke_cases_hold_ordinary_cases_and_a_crisis_case_as_the_screen_sees_them():
    from tasks.core.data.cases_file import SMOKE_CASES, read_cases
    from tasks.core.safety.screen import screen_many

    rows = [json.loads(line) for line in SMOKE_CASES.read_text().splitlines() if line.strip()]
    assert read_cases(SMOKE_CASES) == [row["text"] for row in rows]
    assert [result.risk for result in screen_many(read_cases(SMOKE_CASES))] == [row["expect_risk"] for row in rows]
    assert {"none", "crisis"} <= {row["expect_risk"] for row in rows}


def test_reflect_takes_cases_or_a_cases_file(tmp_path):
    from flows.reflect import reflect_flow
    from tasks.core.data.cases_file import read_cases
    from tasks.core.data.errors import DataError

    for cases, cases_file in ((None, ""), (["a case"], "tasks/core/data/smoke_cases.jsonl")):
        with pytest.raises(ValueError, match="either cases .* or cases_file"):
            reflect_flow.fn(cases=cases, cases_file=cases_file)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{"question": "no text"}\n')
    with pytest.raises(DataError, match="bad.jsonl:2"):
        read_cases(bad)
    with pytest.raises(DataError, match="does not exist"):
        read_cases(tmp_path / "missing.jsonl")
