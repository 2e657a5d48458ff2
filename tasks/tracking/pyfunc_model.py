"""The registered model: a checkpoint folder plus a pyfunc that screens, then reflects.

`mlflow.pyfunc.load_model("models:/reflection-generator@champion").predict(["case", ...])`
(or a DataFrame with a `case` column, or one case as a string) returns one result per case
in the shape of `robo-therapist reflect --json`, with `risk`
"crisis", "elevated" or "none". The crisis screen runs first, so even a model served straight
from the registry never answers a person in crisis with generated text, and an "elevated"
answer leads with the check-in and the resources.
"""
from __future__ import annotations

from typing import Any

import mlflow.pyfunc

CHECKPOINT_ARTIFACT = "checkpoint"
CASE_COLUMN = "case"


def input_cases(model_input: Any) -> list[str]:
    """The cases of a pyfunc input: a string, a sequence of strings, or a DataFrame whose
    `case` column holds them. A DataFrame without that column is an error, never a guess
    at another column (answering the wrong text would look like an answer)."""
    if hasattr(model_input, "columns"):
        if CASE_COLUMN not in model_input.columns:
            given = ", ".join(repr(column) for column in model_input.columns) or "none"
            raise ValueError(
                f"model input has no {CASE_COLUMN!r} column (columns given: {given}). Fix: name the column "
                f"of cases {CASE_COLUMN!r}, or pass the cases as a list of strings."
            )
        return [str(text) for text in model_input[CASE_COLUMN]]
    if isinstance(model_input, str):
        return [model_input]
    return [str(text) for text in model_input]


class ReflectionModel(mlflow.pyfunc.PythonModel):
    """pyfunc wrapper around a fine-tuned checkpoint folder."""

    def load_context(self, context) -> None:
        from tasks.core.modeling.generate import load_checkpoint

        self.loaded = load_checkpoint(context.artifacts[CHECKPOINT_ARTIFACT])

    def predict(self, context, model_input, params=None):  # untyped: MLflow infers a schema from hints
        from tasks.core.reflect import ReflectSettings, reflect_case

        params = params or {}
        cases = input_cases(model_input)
        settings = ReflectSettings(n=int(params.get("n", 3)))
        seed = params.get("seed")
        return [reflect_case(case, lambda: self.loaded, settings, seed=None if seed is None else int(seed) + i)
                for i, case in enumerate(cases)]
