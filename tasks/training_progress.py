"""Training progress in the Prefect UI: a progress artifact that the train task updates from the
training loop's per-record callback (`on_record`), so the core never imports Prefect.

The artifact (key `training-progress`) shows the share of the planned optimizer steps done and, in
its description, the step, the latest train loss and the latest validation loss. Updates are cheap:
at most one every `min_interval_s` seconds for train-loss records, and one for every validation
record (a few per run). A Prefect API error stops the updates with one printed warning; it never
stops training.
"""
from __future__ import annotations

import math
import time
from typing import Any, Callable

PROGRESS_KEY = "training-progress"


def planned_steps(settings: Any, train_examples: int) -> int:
    """Optimizer steps the train loop will plan for `train_examples` examples, as train.py counts
    them (max_steps, or whole epochs bounded by cpu_max_steps on CPU); early stopping may end sooner."""
    from tasks.core.modeling.train import resolve_device, step_budget

    device = resolve_device(settings.device)
    batches_per_epoch = max(1, math.ceil(train_examples / settings.resolved_batch_size(device)))
    return step_budget(settings, batches_per_epoch, device)


def progress_description(step: int, total: int, latest: dict[str, float], done: str | None = None) -> str:
    """One line: `step 40 / 200 · train loss 2.31 · val loss 2.45 (step 30)`, or the `done` text first."""
    parts = [done] if done else []
    parts.append(f"step {step} / {total}")
    if "train_loss" in latest:
        parts.append(f"train loss {latest['train_loss']:.4g}")
    if "val_loss" in latest:
        parts.append(f"val loss {latest['val_loss']:.4g} (step {int(latest['val_step'])})")
    return " · ".join(parts)


class TrainingProgress:
    """A callable for `on_record` that keeps a Prefect progress artifact up to date."""

    def __init__(self, total_steps: int, min_interval_s: float = 5.0, key: str = PROGRESS_KEY,
                 create: Callable[..., Any] | None = None, update: Callable[..., Any] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if create is None or update is None:
            from prefect.artifacts import create_progress_artifact, update_progress_artifact

            create, update = create or create_progress_artifact, update or update_progress_artifact
        self.total = max(1, int(total_steps))
        self.min_interval_s = min_interval_s
        self.key = key
        self._create, self._update, self._clock = create, update, clock
        self.step = 0
        self.latest: dict[str, float] = {}
        self.artifact_id: Any = None
        self.updates = 0
        self._last = -math.inf
        self._broken = False
        self._send(0.0, progress_description(0, self.total, {}, "starting"))

    def percent(self) -> float:
        return round(min(100.0, 100.0 * self.step / self.total), 1)

    def __call__(self, record: dict) -> None:
        self.step = max(self.step, int(record.get("step", 0)))
        if "train_loss" in record:
            self.latest["train_loss"] = float(record["train_loss"])
        evaluation = "val_loss" in record
        if evaluation:
            self.latest["val_loss"] = float(record["val_loss"])
            self.latest["val_step"] = int(record.get("step", 0))
        if evaluation or self._clock() - self._last >= self.min_interval_s:
            self._send(self.percent(), progress_description(self.step, self.total, self.latest))

    def finish(self, best_step: int | None = None, stopped_early: bool = False) -> None:
        """The last update: 100 %, the steps taken, and the best step when known."""
        done = "stopped early" if stopped_early else "done"
        if best_step is not None:
            done += f", best checkpoint at step {best_step}"
        self._send(100.0, progress_description(self.step, self.total, self.latest, done))

    def _send(self, percent: float, description: str) -> None:
        if self._broken:
            return
        try:
            if self.artifact_id is None:
                self.artifact_id = self._create(progress=percent, key=self.key, description=description)
            else:
                self._update(artifact_id=self.artifact_id, progress=percent, description=description)
            self.updates += 1
        except Exception as error:  # the UI's progress bar is not worth a failed training run
            self._broken = True
            print(f"Training progress artifact: no more updates after an error ({type(error).__name__}: {error}).")
        self._last = self._clock()
