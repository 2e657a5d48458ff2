"""The registered model: a checkpoint folder plus a pyfunc that screens, then reflects.

`mlflow.pyfunc.load_model("models:/reflection-generator@champion").predict(["case", ...])`
returns one result per case in the shape of `robo-therapist reflect --json`, with `risk`
"crisis", "elevated" or "none". The crisis screen runs first, so even a model served straight
from the registry never answers a person in crisis with generated text, and an "elevated"
answer leads with the check-in and the resources.
"""
from __future__ import annotations

from typing import Any

import mlflow.pyfunc

CHECKPOINT_ARTIFACT = "checkpoint"


class ReflectionModel(mlflow.pyfunc.PythonModel):
    """pyfunc wrapper around a fine-tuned checkpoint folder."""

    def load_context(self, context) -> None:
        from tasks.core.modeling.generate import load_checkpoint

        self.loaded = load_checkpoint(context.artifacts[CHECKPOINT_ARTIFACT])

    def predict(self, context, model_input, params=None):  # untyped: MLflow infers a schema from hints
        from tasks.core.reflect import ReflectSettings, reflect_case

        params = params or {}
        if hasattr(model_input, "columns"):
            column = "case" if "case" in model_input.columns else model_input.columns[0]
            cases = [str(text) for text in model_input[column]]
        elif isinstance(model_input, str):
            cases = [model_input]
        else:
            cases = [str(text) for text in model_input]
        settings = ReflectSettings(n=int(params.get("n", 3)))
        seed = params.get("seed")
        return [reflect_case(case, lambda: self.loaded, settings, seed=None if seed is None else int(seed) + i)
                for i, case in enumerate(cases)]
