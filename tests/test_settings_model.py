"""RunSettings, the typed form of every stage's settings: generated from the stage dataclasses
(types, bounds, defaults, docstring descriptions), accepting the nested and the flat form, and
never stricter than the dataclasses' own checks."""
from __future__ import annotations

import dataclasses

import pytest
from pydantic import ValidationError

from tasks.core.settings_io import SettingsError, field_descriptions
from tasks.core.settings_model import STAGE_MODELS, RunSettings
from tasks.core.stage_settings import TRAINING_STAGES, build_settings


def test_fields_sections_are_read_with_continuations_and_shared_lines():
    @dataclasses.dataclass
    class Example:
        """What it is.

        Fields:
            alpha: the first
                one, continued.
            low, high: a range.
        Not a field line.
        """

        alpha: int = 1
        low: int = 0
        high: int = 2

    assert field_descriptions(Example) == {"alpha": "the first one, continued.", "low": "a range.", "high": "a range."}


@pytest.mark.parametrize("name", list(TRAINING_STAGES))
def test_every_setting_of_every_stage_has_a_description(name):
    cls = TRAINING_STAGES[name]
    described = field_descriptions(cls)
    assert set(described) == {field.name for field in dataclasses.fields(cls)}, "the Fields: section of the docstring"
    assert all(text.strip() for text in described.values())


@pytest.mark.parametrize("name", list(TRAINING_STAGES))
def test_the_model_of_a_stage_has_its_defaults_and_descriptions(name):
    cls, model = TRAINING_STAGES[name], STAGE_MODELS[name]
    assert model().model_dump() == dataclasses.asdict(cls())
    assert {field: info.description for field, info in model.model_fields.items()} == field_descriptions(cls)


def test_nested_and_flat_forms_reach_the_stage_settings():
    nested = RunSettings.of({"train": {"learning_rate": 1e-4}, "data": {"extraction": "opening"}})
    flat = RunSettings.of({"train.learning_rate": 1e-4, "data.extraction": "opening"})
    assert nested == flat
    stage = flat.stages()
    assert (stage["train"].learning_rate, stage["data"].extraction) == (1e-4, "opening")
    assert stage == build_settings({"train.learning_rate": 1e-4, "data.extraction": "opening"})
    # a flat key wins over the same setting given nested; other nested settings stay
    mixed = RunSettings.of({"train": {"learning_rate": 1e-4, "epochs": 2}, "train.learning_rate": 2e-4})
    assert (mixed.train.learning_rate, mixed.train.epochs) == (2e-4, 2)
    assert RunSettings.of(None) == RunSettings() and RunSettings.of(flat) is flat
    assert RunSettings().stages() == build_settings()


@pytest.mark.parametrize(("given", "says"), [
    ({"train": {"learning_rate": -1e-4}}, "greater than 0"),
    ({"train.learning_rate": -1e-4}, "greater than 0"),
    ({"train": {"learnin_rate": 1e-4}}, "Extra inputs are not permitted"),
    ({"train.learnin_rate": 1e-4}, r"Unknown setting 'train\.learnin_rate'"),
    ({"trian.max_steps": 2}, r"Unknown setting 'trian\.max_steps'"),
    ({"train": {"device": "tpu"}}, "'auto', 'cpu' or 'cuda'"),
    ({"data": {"val_fraction": 0.45, "test_fraction": 0.45}}, "leaves almost nothing to train on"),  # the dataclass's own check
])
def test_a_bad_setting_is_refused_by_name(given, says):
    with pytest.raises(ValidationError, match=says):
        RunSettings.of(given)


def _outside(schema: dict) -> list:
    """Values just outside each bound the schema of one field states."""
    options = schema.get("anyOf", [schema])
    probes = []
    for option in options:
        if "enum" in option:
            probes.append("not-" + option["enum"][0])
        step = 1 if option.get("type") == "integer" else 1e-9
        if "minimum" in option:
            probes.append(option["minimum"] - step)
        if "exclusiveMinimum" in option:
            probes.append(option["exclusiveMinimum"])
        if "maximum" in option:
            probes.append(option["maximum"] + step)
        if "exclusiveMaximum" in option:
            probes.append(option["exclusiveMaximum"])
        if "minLength" in option:
            probes.append("")
    return probes


def test_the_schema_refuses_only_what_the_dataclasses_refuse():
    """Each bound in the schema (the server refuses a run that breaks it) is one that the stage's
    dataclass checks too, so the form never refuses a setting the command line accepts."""
    probed = 0
    for name, model in STAGE_MODELS.items():
        for field, schema in model.model_json_schema()["properties"].items():
            for value in _outside(schema):
                with pytest.raises(ValidationError):
                    model(**{field: value})
                with pytest.raises(SettingsError):
                    TRAINING_STAGES[name](**{field: value})
                probed += 1
    assert probed >= 40
