"""Saving, loading and overriding the per-stage settings dataclasses.

Every stage has one frozen dataclass of settings. They are checked when built, saved as
JSON beside each checkpoint and logged to MLflow as flat params, so a checkpoint always
says how it was made. Overrides are `stage.field -> value` pairs (the command line's
`--set stage.field=value`, the flow's `settings` parameter); `settings_from_overrides` is the one
place that turns them into a stage's settings.
"""
from __future__ import annotations

import dataclasses
import inspect
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class SettingsError(ValueError):
    """A setting has a value that cannot work; the message says which and how to fix it."""


def field_descriptions(cls: type) -> dict[str, str]:
    """Each field's description, from the `Fields:` section of a settings class's docstring: one
    `name: text` line per field at the section's indentation (`a, b: text` describes both), its
    continuation lines indented deeper. The section ends at the docstring's next unindented line.
    These texts are what the deployment's run form shows beside each setting."""
    lines = inspect.cleandoc(cls.__doc__ or "").splitlines()
    if "Fields:" not in lines:
        return {}
    descriptions: dict[str, str] = {}
    names: list[str] = []
    indent = None
    for line in lines[lines.index("Fields:") + 1:]:
        if not line.strip():
            continue
        width = len(line) - len(line.lstrip())
        if width == 0:
            break
        indent = indent or width
        if width == indent:
            head, _, text = line.strip().partition(":")
            names = [name.strip() for name in head.split(",")]
            if not all(name.isidentifier() for name in names):
                raise ValueError(f"{cls.__name__}'s Fields: section has a line that names no field: {line.strip()!r}")
            descriptions.update((name, text.strip()) for name in names)
        else:
            descriptions.update((name, f"{descriptions[name]} {line.strip()}") for name in names)
    return descriptions


def settings_to_dict(settings: Any) -> dict[str, Any]:
    """A JSON-ready dict of a settings dataclass."""
    return dataclasses.asdict(settings)


def save_settings(settings: Any, path: str | Path) -> Path:
    """Write a settings dataclass as indented JSON; returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings_to_dict(settings), indent=2, sort_keys=True) + "\n")
    return path


def settings_file_name(stage: str) -> str:
    """The file a stage's settings are saved in beside a checkpoint: `<stage>_settings.json`."""
    return f"{stage}_settings.json"


def save_stage_settings(folder: str | Path, stages: Mapping[str, Any]) -> list[Path]:
    """Write every stage's settings (`{stage name: settings dataclass}`) into `folder` as
    `<stage>_settings.json`; returns the paths."""
    return [save_settings(settings, Path(folder) / settings_file_name(name)) for name, settings in stages.items()]


def load_settings(cls: type[T], path: str | Path) -> T:
    """Read a settings dataclass back; unknown keys are an error, not ignored."""
    data = json.loads(Path(path).read_text())
    known = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(data) - known)
    if unknown:
        raise SettingsError(f"{path}: unknown settings {unknown} for {cls.__name__}; expected some of {sorted(known)}")
    return cls(**data)


def flat_params(prefix: str, settings: Any) -> dict[str, str]:
    """Settings as flat `prefix.name -> str` pairs, the shape MLflow params want."""
    return {f"{prefix}.{key}": str(value) for key, value in settings_to_dict(settings).items()}


def parse_overrides(pairs: Iterable[str]) -> dict[str, Any]:
    """`stage.field=value` strings (the command line's `--set`); a value is parsed as JSON when it
    can be (numbers, true, null, lists), else kept as a string."""
    overrides: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep:
            raise SettingsError(f"--set {pair!r} needs the form stage.field=value, e.g. train.learning_rate=1e-4")
        try:
            overrides[key.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            overrides[key.strip()] = raw
    return overrides


def overrides_of(stage: str, cls: type, overrides: Mapping[str, Any] | None, only: bool = False) -> dict[str, Any]:
    """The `field -> value` overrides of one stage. A key of this stage that names no field of
    `cls` is an error; a key of another stage is left to that stage, or is an error when `only`."""
    fields = [f.name for f in dataclasses.fields(cls)]
    values = {}
    for key, value in (overrides or {}).items():
        name, _, field = key.partition(".")
        if name == stage and field in fields:
            values[field] = value
        elif name == stage or only:
            raise SettingsError(f"Unknown setting '{key}'; use {stage}.FIELD with FIELD one of {', '.join(fields)}.")
    return values


def settings_from_overrides(stage: str, cls: type[T], overrides: Mapping[str, Any] | None, only: bool = False) -> T:
    """One stage's settings (checked) from `stage.field` overrides; see `overrides_of`."""
    return cls(**overrides_of(stage, cls, overrides, only))
