"""Prefect tasks of the reflect flow: screen first, then (only for cases that are not in
crisis: "elevated" and "none") resolve the model and generate. The model is loaded inside the generating task and
never passed between tasks. Last, the answers are published as keyed artifacts: the table
`reflect-answers` (case, tier, candidates, referral; texts cut to fit the UI) and the markdown
`reflect-answers-full`, which its description links to (every text in full)."""
from __future__ import annotations

from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.core.reflect import ReflectSettings
from tasks.task_options import IO_RETRIES

ANSWERS_KEY = "reflect-answers"
ANSWERS_FULL_KEY = "reflect-answers-full"


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


def artifact_ui_link(artifact_id: str) -> str:
    """The Prefect UI's page of an artifact: under PREFECT_UI_URL when it is known (it follows
    PREFECT_API_URL), else the path alone, which the UI resolves against its own address."""
    from prefect.settings import get_current_settings

    path = f"/artifacts/artifact/{artifact_id}"
    ui_url = get_current_settings().ui_url
    return f"{ui_url.rstrip('/')}{path}" if ui_url else path


@task(name="report-answers", cache_policy=NO_CACHE)
def publish_answers(cases: list[str], results: list[dict[str, Any]]) -> dict[str, str]:
    """The `reflect-answers` table artifact and the `reflect-answers-full` markdown artifact it
    links to; logs one line per case. Returns both artifact ids."""
    from prefect import get_run_logger
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    from tasks.core.reflect_report import answer_rows, answers_markdown, candidates_summary

    logger = get_run_logger()
    for number, result in enumerate(results, 1):
        logger.info("case %d of %d: %s; %s", number, len(results), result["risk"], candidates_summary(result))
    full_id = create_markdown_artifact(markdown=answers_markdown(cases, results), key=ANSWERS_FULL_KEY,
                                       description="Every reflect answer in full (the reflect-answers table cuts them)")
    table_id = create_table_artifact(
        table=answer_rows(cases, results), key=ANSWERS_KEY,
        description=("Reflect: risk tier, candidates (how many · top score, top text) and referral per case; "
                     f"long texts end with …, in full in [{ANSWERS_FULL_KEY}]({artifact_ui_link(str(full_id))})."))
    return {"table": str(table_id), "full": str(full_id)}
