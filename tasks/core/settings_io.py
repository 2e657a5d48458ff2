"""Saving and loading the per-stage settings dataclasses.

Every stage has one frozen dataclass of settings. They are checked when built, saved as
JSON beside each checkpoint and logged to MLflow as flat params, so a checkpoint always
says how it was made.
"""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class SettingsError(ValueError):
    """A setting has a value that cannot work; the message says which and how to fix it."""


def settings_to_dict(settings: Any) -> dict[str, Any]:
    """A JSON-ready dict of a settings dataclass."""
    return dataclasses.asdict(settings)


def save_settings(settings: Any, path: str | Path) -> Path:
    """Write a settings dataclass as indented JSON; returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings_to_dict(settings), indent=2, sort_keys=True) + "\n")
    return path


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
