"""Prefect tasks of the reflect flow: screen first, then (only for cases that are not in
crisis: "elevated" and "none") resolve the model and generate. The model is loaded inside the generating task and
never passed between tasks."""
from __future__ import annotations

from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.core.reflect import ReflectSettings
from tasks.task_options import IO_RETRIES


@task(name="screen", cache_policy=NO_CACHE)
def screen_cases(cases: list[str]) -> list[dict[str, Any]]:
    """Crisis screen of every case: crisis, elevated or none (no reflection model involved)."""
    from tasks.core.safety.screen import screen_many

    return [result.to_dict() for result in screen_many(cases)]


@task(name="resolve-model", **IO_RETRIES)
def resolve_model(model: str) -> str:
    """A local checkpoint folder for a path or an MLflow model URI (downloaded once)."""
    from tasks.tracking.registry import resolve_model_checkpoint

    return str(resolve_model_checkpoint(model))


@task(name="reflect", cache_policy=NO_CACHE)
def reflect_cases(cases: list[str], checkpoint: str | None, settings: ReflectSettings,
                  seed: int | None = None) -> list[dict[str, Any]]:
    """Screened, ranked candidate reflections per case; crisis cases never reach the model."""
    from functools import cache

    from tasks.core.modeling.generate import load_checkpoint
    from tasks.core.reflect import reflect_case

    @cache
    def load():
        if checkpoint is None:
            raise RuntimeError("no model was resolved, yet a case needed one")
        return load_checkpoint(checkpoint)

    return [reflect_case(case, load, settings, seed=None if seed is None else seed + i) for i, case in enumerate(cases)]
