"""Settings of how the training flow's tasks run (time limits), as the `ops` stage.

A task that runs past its limit fails, and so does the flow run: nothing is registered.
Change them per run, e.g. `robo-therapist train --set ops.train_timeout_s=7200` or the
deployment parameter `settings: {"ops": {"step_timeout_s": 600}}`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from annotated_types import Gt

from tasks.core.settings_io import SettingsError

LONG_RUNNING_TASKS = ("train",)  # task names that get train_timeout_s


@dataclass(frozen=True)
class OpsSettings:
    """Time limits of the flow's tasks, in seconds.

    Fields:
        step_timeout_s: limit of every task but training: data, tokenization, MLflow calls,
            evaluation, reports.
        train_timeout_s: limit of the training task (a GPU run of the full recipe fits well inside).
    """

    step_timeout_s: Annotated[float, Gt(0)] = 3600.0
    train_timeout_s: Annotated[float, Gt(0)] = 86400.0

    def __post_init__(self) -> None:
        for name in ("step_timeout_s", "train_timeout_s"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
                raise SettingsError(f"ops.{name}={value!r} must be a number of seconds > 0 "
                                    f"(defaults: step_timeout_s=3600, train_timeout_s=86400).")

    def timeout_for(self, task_name: str) -> float:
        """The limit of the task with this Prefect name."""
        return float(self.train_timeout_s if task_name in LONG_RUNNING_TASKS else self.step_timeout_s)
