"""Every stage's settings of a training run as one pydantic model: the training flow's typed
`settings` parameter, and so the deployment's parameter schema and its Custom run form.

Generated from the stage dataclasses (`stage_settings.TRAINING_STAGES`), which stay the one
source of truth: each field's type and bounds (its `Literal` / `Annotated` hint), its default,
and its description (the `Fields:` section of the class docstring, `settings_io.field_descriptions`).
Prefect turns the parameter into JSON schema: the form shows every setting with its default and
description, and the server refuses to create a run whose settings break the schema (a wrong
type, a value out of bounds, an unknown field). The checks that span fields (val_fraction +
test_fraction, batch_size and num_processes, ...) are the dataclasses' own: they run whenever a
`RunSettings` is built, which in the flow is before any task.

Two forms are accepted: nested, `{"train": {"learning_rate": 1e-4}}` (what the run form sends),
and the command line's flat `stage.field` keys, `{"train.learning_rate": 1e-4}`, which the
schema also lists (as patternProperties, so the form shows each setting once). A flat key wins
over the same setting given nested.

Pure: pydantic, no Prefect or MLflow.
"""
from __future__ import annotations

import dataclasses
import inspect
import re
import typing
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator

from tasks.core.settings_io import field_descriptions
from tasks.core.stage_settings import TRAINING_STAGES, build_settings, check_override_keys


def summary(cls: type) -> str:
    """The first paragraph of a class's docstring, on one line."""
    return " ".join(inspect.cleandoc(cls.__doc__ or "").split("\n\n")[0].split())


def stage_model(cls: type) -> type[BaseModel]:
    """A frozen pydantic model with the fields of a settings dataclass: the same types (bounds
    included), defaults and descriptions; an unknown field is an error."""
    hints = typing.get_type_hints(cls, include_extras=True)
    descriptions = field_descriptions(cls)
    fields: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        if field.default is dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{field.name} has no plain default; a deployment form needs one")
        fields[field.name] = (hints[field.name], Field(default=field.default, description=descriptions.get(field.name)))
    return create_model(cls.__name__, __config__=ConfigDict(extra="forbid", frozen=True), __doc__=summary(cls),
                        __module__=__name__, **fields)


STAGE_MODELS: dict[str, type[BaseModel]] = {name: stage_model(cls) for name, cls in TRAINING_STAGES.items()}


def _flat_keys_schema(schema: dict[str, Any]) -> None:
    """Let the schema accept `stage.field` keys too, each checked like its nested field."""
    patterns = {}
    for name, model in STAGE_MODELS.items():
        for field, field_schema in model.model_json_schema()["properties"].items():
            checked = {key: value for key, value in field_schema.items() if key not in ("title", "description", "default")}
            patterns[f"^{re.escape(f'{name}.{field}')}$"] = checked
    schema["patternProperties"] = patterns


class _RunSettingsBase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra=_flat_keys_schema)

    @model_validator(mode="before")
    @classmethod
    def _nest_flat_keys(cls, value: Any) -> Any:
        """`{"train.learning_rate": 1e-4}` -> `{"train": {"learning_rate": 1e-4}}` (merged with
        what is given nested; the flat key wins)."""
        if not isinstance(value, Mapping) or not any("." in str(key) for key in value):
            return value
        flat = {key: item for key, item in value.items() if "." in str(key)}
        check_override_keys(flat)  # an unknown stage or field, named as the command line names it
        nested: dict[str, Any] = {key: item for key, item in value.items() if "." not in str(key)}
        for key, item in flat.items():
            stage, _, field = key.partition(".")
            given = nested.get(stage) or {}
            nested[stage] = {**(given.model_dump() if isinstance(given, BaseModel) else given), field: item}
        return nested

    @model_validator(mode="after")
    def _check_every_stage(self) -> _RunSettingsBase:
        """Build every stage's dataclass: its own checks (those that span fields too) run now."""
        self.stages()
        return self

    def overrides(self) -> dict[str, Any]:
        """Every setting as a `stage.field -> value` override (the command line's form)."""
        return {f"{name}.{field}": value for name in STAGE_MODELS
                for field, value in getattr(self, name).model_dump().items()}

    def stages(self) -> dict[str, Any]:
        """One settings dataclass per stage (`stage_settings.build_settings`)."""
        return build_settings(self.overrides())

    @classmethod
    def of(cls, value: Any) -> _RunSettingsBase:
        """RunSettings from a flow parameter as it may arrive: None (every default), nested or flat
        dict, or a RunSettings. A bad value raises pydantic's ValidationError (a ValueError)."""
        return value if isinstance(value, cls) else cls.model_validate(value or {})


RunSettings = create_model(
    "RunSettings", __base__=_RunSettingsBase, __module__=__name__,
    __doc__="Every stage's settings of a training run (defaults: each stage's settings class).",
    **{name: (model, Field(default_factory=model, description=summary(TRAINING_STAGES[name])))
       for name, model in STAGE_MODELS.items()},
)

