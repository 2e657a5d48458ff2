"""The training deployment's typed parameters: the parameter schema that `prefect deploy` computes
(`parameter_schema(flow)`) shows every setting with its default and description, and a Prefect
server refuses to create a run whose settings break it; a setting that only the dataclasses'
own checks catch fails the flow run before any task."""
from __future__ import annotations

import pytest


def _resolve(schema: dict, node: dict) -> dict:
    """`node`, following its `$ref` into the schema's definitions."""
    while "$ref" in node:
        node = schema["definitions"][node["$ref"].rsplit("/", 1)[-1]]
    return node


@pytest.fixture(scope="module")
def schema() -> dict:
    from prefect.utilities.callables import parameter_schema

    from flows.training import train_reflection_model

    return parameter_schema(train_reflection_model).model_dump_for_openapi()


def test_the_schema_shows_every_setting_with_its_default_and_description(schema):
    from tasks.core.settings_io import field_descriptions
    from tasks.core.stage_settings import TRAINING_STAGES, build_settings

    settings = _resolve(schema, schema["properties"]["settings"])
    learning_rate = _resolve(schema, settings["properties"]["train"])["properties"]["learning_rate"]
    assert learning_rate["default"] == 1.5e-4 and learning_rate["exclusiveMinimum"] == 0
    assert learning_rate["description"].startswith("peak learning rate of AdamW")
    defaults = build_settings()
    for name, cls in TRAINING_STAGES.items():
        stage = _resolve(schema, settings["properties"][name])
        assert stage["additionalProperties"] is False
        described = field_descriptions(cls)
        for field, value in vars(defaults[name]).items():
            assert stage["properties"][field]["default"] == value, f"{name}.{field}"
            assert stage["properties"][field]["description"] == described[field], f"{name}.{field}"
    assert _resolve(schema, settings["properties"]["train"])["properties"]["device"]["enum"] == ["auto", "cpu", "cuda"]
    # the parameter's own default is every stage's defaults, as the run form pre-fills it
    assert schema["properties"]["settings"]["default"]["train"]["learning_rate"] == 1.5e-4


@pytest.fixture(scope="module")
def deployment(schema):
    """A Prefect server (test harness) with the training flow deployed as `prefect deploy` does it:
    the flow's parameter schema, enforced (prefect deploy's default)."""
    from prefect import get_client
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180), get_client(sync_client=True) as client:
        flow_id = client.create_flow_from_name("train-reflection-model")
        deployment_id = client.create_deployment(flow_id, "typed-parameters", parameter_openapi_schema=schema,
                                                 enforce_parameter_schema=True)
        yield client, deployment_id


@pytest.mark.parametrize(("settings", "says"), [
    ({"train": {"learning_rate": -1e-4}}, "settings.train.learning_rate"),
    ({"train.learning_rate": -1e-4}, "train.learning_rate"),                 # the command line's flat form
    ({"train": {"learnin_rate": 1e-4}}, "'learnin_rate' was unexpected"),
    ({"trian.max_steps": 2}, "'trian.max_steps' does not match"),
    ({"ops": {"train_timeout_s": "soon"}}, "settings.ops.train_timeout_s"),
])
def test_the_server_refuses_a_run_with_a_bad_setting(deployment, settings, says):
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId
    from prefect.exceptions import PrefectHTTPStatusError

    client, deployment_id = deployment
    runs = DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id]))
    before = len(client.read_flow_runs(deployment_filter=runs))
    with pytest.raises(PrefectHTTPStatusError, match="409") as refused:
        client.create_flow_run_from_deployment(deployment_id, parameters={"settings": settings})
    assert says in refused.value.response.json()["detail"]
    assert len(client.read_flow_runs(deployment_filter=runs)) == before  # no run was created


def test_the_server_accepts_good_settings_in_either_form(deployment):
    client, deployment_id = deployment
    for settings in ({"train": {"learning_rate": 1e-4}}, {"train.learning_rate": 1e-4, "ops.step_timeout_s": 60}):
        run = client.create_flow_run_from_deployment(deployment_id, parameters={"settings": settings, "max_steps": 2})
        assert run.state.is_scheduled() and run.parameters["settings"] == settings


def test_a_setting_only_the_dataclasses_check_fails_the_run_before_any_task(deployment):
    """val_fraction + test_fraction spans two fields: the schema cannot say it, the flow's
    parameter validation (building RunSettings) does, before the first task."""
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    from flows.training import train_reflection_model

    client, _ = deployment
    state = train_reflection_model(settings={"data.val_fraction": 0.45, "data.test_fraction": 0.45}, return_state=True)
    assert state.is_failed() and "leaves almost nothing to train on" in state.message
    runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[state.state_details.flow_run_id])))
    assert runs == []
