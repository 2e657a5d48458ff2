"""Data-parallel training through torchrun (2 CPU processes, gloo) matches one process on the same global batch."""
from __future__ import annotations

import json

import pytest

from tasks.core.modeling import train as train_module
from tasks.core.modeling.prompt import PromptSettings
from tasks.core.modeling.tokenize import tokenize_pairs_file
from tasks.core.modeling.train import CHECKPOINT_FOLDER, TrainSettings
from tasks.core.modeling.train_main import SPEC_FILE, TrainSpec, run_training, torchrun_command
from tasks.core.settings_io import SettingsError

PAIRS = [(f"My partner and I argue about chore number {i} and I feel unheard.", f"It sounds like chore {i} leaves you unheard.")
         for i in range(20)]


@pytest.fixture(scope="module")
def tokenized_splits(tiny_model_dir, tmp_path_factory):
    """Train (16 pairs) and val (4 pairs) tokenized into folders, as the flow's tokenize task writes them."""
    root = tmp_path_factory.mktemp("tokenized")
    paths = {}
    for split, pairs in (("train", PAIRS[:16]), ("val", PAIRS[16:])):
        pairs_file = root / f"{split}.jsonl"
        pairs_file.write_text("".join(json.dumps({"case": c, "reflection": r}) + "\n" for c, r in pairs))
        paths[split] = tokenize_pairs_file(pairs_file, tiny_model_dir, PromptSettings(), root / "cache")["path"]
    return paths


def spec_for(tiny_model_dir, splits, out_dir, **settings) -> TrainSpec:
    base = dict(batch_size=8, learning_rate=3e-3, max_steps=4, eval_every_steps=2, warmup_steps=0, log_every_steps=1,
                progress=False, device="cpu")
    return TrainSpec(str(tiny_model_dir), splits["train"], splits["val"], str(out_dir),
                     TrainSettings(**{**base, **settings}), PromptSettings())


@pytest.mark.parametrize("layout", [{"packing": False}, {"packing": True, "labelled_logits": False}])
def test_two_processes_match_one_on_the_same_global_batch(tiny_model_dir, tokenized_splits, tmp_path, layout):
    one = run_training(spec_for(tiny_model_dir, tokenized_splits, tmp_path / "one", **layout))
    replayed = []
    two = run_training(spec_for(tiny_model_dir, tokenized_splits, tmp_path / "two", num_processes=2, **layout),
                       on_record=replayed.append)
    assert (one.world_size, two.world_size) == (1, 2)
    assert [r["step"] for r in two.history] == [r["step"] for r in one.history]
    # grad_norm checks the gradient scale (Adam alone would hide a wrong one in the losses).
    for key in ("train_loss", "grad_norm", "val_loss"):
        pairs = [(a[key], b[key]) for a, b in zip(one.history, two.history) if key in a]
        assert len(pairs) >= 2
        assert [b for _, b in pairs] == pytest.approx([a for a, _ in pairs], rel=1e-4)
    # The losses moved: a run that silently skipped training would not match by accident.
    assert one.history[0]["train_loss"] != pytest.approx(one.history[-2]["train_loss"], rel=1e-3)
    assert replayed == two.history  # on_record gets rank 0's history once the processes finish
    checkpoint = tmp_path / "two" / CHECKPOINT_FOLDER
    assert (checkpoint / "model.safetensors").is_file()
    assert sorted(p.name for p in (tmp_path / "two").iterdir()) == sorted([CHECKPOINT_FOLDER, "train_result.json", SPEC_FILE])
    assert json.loads((tmp_path / "two" / "train_result.json").read_text())["world_size"] == 2


def test_other_ranks_write_nothing(tiny_model_dir, tokenized_splits, tmp_path, monkeypatch):
    monkeypatch.setattr(train_module, "distributed_context", lambda: (1, 1))  # as rank 1 sees itself
    spec = spec_for(tiny_model_dir, tokenized_splits, tmp_path / "rank1", max_steps=2)
    result = run_training(spec)
    assert result.history and result.best_step == 2
    assert not (tmp_path / "rank1").exists()


def test_torchrun_command_uses_torch_launcher(tmp_path):
    command = torchrun_command(tmp_path / "spec.json", 4)
    assert command[1:4] == ["-m", "torch.distributed.run", "--standalone"]
    assert "--nproc_per_node=4" in command and command[-2:] == ["tasks.core.modeling.train_main", str(tmp_path / "spec.json")]


def test_spec_round_trips_through_json(tiny_model_dir, tokenized_splits, tmp_path):
    spec = spec_for(tiny_model_dir, tokenized_splits, tmp_path, num_processes=2, packing=True)
    assert TrainSpec.from_json(spec.to_json()) == spec


@pytest.mark.parametrize("settings, message", [
    ({"num_processes": 0}, "num_processes"),
    ({"num_processes": 3, "batch_size": 8}, "multiple of num_processes"),
])
def test_bad_process_settings_are_rejected(settings, message):
    with pytest.raises(SettingsError, match=message):
        TrainSettings(**settings)
