"""The reflect flow, for deployments: screen → (resolve model) → reflect → publish the answers.

Its return value is persisted (JSON, in Prefect's default local result storage,
`$PREFECT_HOME/storage`, where the training flow's cached tasks keep theirs), so a run's answers
can be read back after it ended; the `reflect-answers` table artifact shows them in the UI."""
from __future__ import annotations

from typing import Any

from prefect import flow

from tasks import reflect_tasks as steps
from tasks.core.data.cases_file import read_cases
from tasks.core.reflect import ReflectSettings
from tasks.core.registry_settings import DEFAULT_CHAMPION_URI
from tasks.core.safety.screen import CRISIS


@flow(name="reflect", log_prints=True, persist_result=True, result_serializer="json")
def reflect_flow(cases: list[str] | None = None, n: int = 3, model: str = DEFAULT_CHAMPION_URI,
                 seed: int | None = None, cases_file: str = "") -> list[dict[str, Any]]:
    """Candidate reflections for each case: crisis cases answered with resources only, elevated
    ones with a check-in and resources before strictly filtered reflections.

    Args:
        cases: what each person wrote (or give cases_file).
        n: candidates per case (at most).
        model: a checkpoint folder or an MLflow model URI.
        seed: sampling seed, for repeatable output.
        cases_file: instead of cases, a JSON Lines file with one {"text": ...} per line, relative
            to the project root for a deployment run, e.g. tasks/core/data/smoke_cases.jsonl (the
            smoke-test cases that the champion-changed trigger answers).
    """
    if bool(cases) == bool(cases_file):
        raise ValueError("Give either cases (a list of texts) or cases_file (a JSON Lines file), not both or neither.")
    cases = cases or read_cases(cases_file)
    settings = ReflectSettings(n=n)
    screened = steps.screen_cases(cases)
    needs_model = any(result["risk"] != CRISIS for result in screened)  # "elevated" and "none" are answered
    checkpoint = steps.resolve_model(model) if needs_model else None
    results = steps.reflect_cases(cases, checkpoint, settings, seed)
    steps.publish_answers(cases, results)
    return results
