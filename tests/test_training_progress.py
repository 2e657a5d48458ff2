"""Training progress in the Prefect UI: the on_record hook's throttling and texts (with fake
artifact calls), the planned step count, then the hook under Prefect updating a real artifact."""
from __future__ import annotations

import pytest

from tasks.core.modeling.train import TrainSettings
from tasks.training_progress import PROGRESS_KEY, TrainingProgress, planned_steps, progress_description


class FakeArtifacts:
    def __init__(self) -> None:
        self.calls: list[tuple[str, float, str]] = []
        self.now = 0.0

    def create(self, progress: float, key: str, description: str) -> str:
        self.calls.append(("create", progress, description))
        return "artifact-1"

    def update(self, artifact_id: str, progress: float, description: str) -> str:
        assert artifact_id == "artifact-1"
        self.calls.append(("update", progress, description))
        return artifact_id


def test_progress_updates_at_most_every_interval_and_on_each_evaluation():
    fake = FakeArtifacts()
    progress = TrainingProgress(200, min_interval_s=5, create=fake.create, update=fake.update, clock=lambda: fake.now)
    assert fake.calls == [("create", 0.0, "starting · step 0 / 200")]
    for step in range(1, 10):  # nine train-loss records within 5 s: none sent
        fake.now = step * 0.5
        progress({"step": step, "train_loss": 3.0 - step / 10, "grad_norm": 1.0})
    assert len(fake.calls) == 1
    fake.now = 5.0
    progress({"step": 10, "train_loss": 2.0, "grad_norm": 1.0})
    assert fake.calls[-1] == ("update", 5.0, "step 10 / 200 · train loss 2")
    fake.now = 5.1  # an evaluation is always sent
    progress({"step": 10, "val_loss": 2.5, "val_perplexity": 12.2, "train_seconds": 4.0})
    assert fake.calls[-1] == ("update", 5.0, "step 10 / 200 · train loss 2 · val loss 2.5 (step 10)")
    progress.finish(best_step=10, stopped_early=True)
    assert fake.calls[-1] == ("update", 100.0, "stopped early, best checkpoint at step 10 · step 10 / 200 · "
                                               "train loss 2 · val loss 2.5 (step 10)")
    assert progress.updates == 4


def test_an_api_error_stops_the_updates_but_not_training(capsys):
    fake = FakeArtifacts()

    def broken(**_):
        raise ConnectionError("API down")

    progress = TrainingProgress(10, min_interval_s=0, create=fake.create, update=broken, clock=lambda: 0.0)
    progress({"step": 1, "train_loss": 1.0})
    progress({"step": 2, "train_loss": 1.0})
    progress.finish()
    assert progress.updates == 1 and capsys.readouterr().out.count("no more updates") == 1


def test_description_and_planned_steps():
    assert progress_description(3, 7, {}) == "step 3 / 7"
    assert progress_description(7, 7, {"val_loss": 1.23456, "val_step": 6}, "done") == \
        "done · step 7 / 7 · val loss 1.235 (step 6)"
    cpu = TrainSettings(device="cpu", batch_size=4, epochs=2, max_steps=None, cpu_max_steps=None)
    assert planned_steps(cpu, 10) == 6  # 3 batches an epoch, 2 epochs
    assert planned_steps(TrainSettings(device="cpu", batch_size=4, max_steps=None, cpu_max_steps=5), 100) == 5
    assert planned_steps(TrainSettings(device="cpu", max_steps=12), 100) == 12


@pytest.mark.e2e
def test_the_hook_updates_a_prefect_progress_artifact():
    from prefect import flow, get_client
    from prefect.testing.utilities import prefect_test_harness

    @flow
    def fake_training() -> str:
        progress = TrainingProgress(4, min_interval_s=3600)
        for step in (1, 2):
            progress({"step": step, "train_loss": 2.0 / step})
        progress({"step": 2, "val_loss": 1.5})  # sent despite the interval
        middle = progress.percent()
        progress({"step": 3, "train_loss": 0.5})  # within the interval: not sent
        assert middle == 50.0
        return str(progress.artifact_id)

    with prefect_test_harness(server_startup_timeout=180):
        state = fake_training(return_state=True)
        with get_client(sync_client=True) as client:
            artifacts = [a for a in client.read_artifacts() if a.flow_run_id == state.state_details.flow_run_id]
            assert len(artifacts) == 1 and str(artifacts[0].id) == state.result()
            artifact = artifacts[0]
            assert (artifact.key, artifact.type, artifact.data) == (PROGRESS_KEY, "progress", 50.0)
            assert artifact.description == "step 2 / 4 · train loss 1 · val loss 1.5 (step 2)"
