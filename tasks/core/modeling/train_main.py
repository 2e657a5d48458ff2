"""Run the train stage in one process or data-parallel through `torchrun`.

`run_training(spec)` is what callers use: with `settings.num_processes == 1` it trains in
this process; with N > 1 it writes the spec as JSON and launches

    python -m torch.distributed.run --standalone --nproc_per_node N -m tasks.core.modeling.train_main SPEC.json

Each rank runs `main`, which joins the process group (gloo on CPU, nccl on CUDA, one GPU per
rank) and calls `train`; DDP synchronises the gradients, and only rank 0 writes the checkpoint
and `train_result.json`, which `run_training` reads back. Pure core: no Prefect, no MLflow.
"""
from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tasks.core.modeling.prompt import PromptSettings
from tasks.core.modeling.train import TrainResult, TrainSettings, train
from tasks.core.settings_io import SettingsError

SPEC_FILE = "train_spec.json"
RESULT_FILE = "train_result.json"


@dataclass(frozen=True)
class TrainSpec:
    """Everything one training run needs, as paths and settings (JSON-ready for torchrun ranks).

    model_dir: base checkpoint folder; train_path / val_path: tokenized splits written by
    `tokenize_pairs_file` (folders `load_tokenized` reads); out_dir: where `fine_tune/` and
    `train_result.json` go.
    """

    model_dir: str
    train_path: str
    val_path: str
    out_dir: str
    settings: TrainSettings
    prompt_settings: PromptSettings

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), indent=1)

    @classmethod
    def from_json(cls, text: str) -> TrainSpec:
        data = json.loads(text)
        missing = [f.name for f in dataclasses.fields(cls) if f.name not in data]
        if missing:
            raise SettingsError(f"train spec lacks {missing}; write it with TrainSpec.to_json().")
        return cls(**{**data, "settings": TrainSettings(**data["settings"]),
                      "prompt_settings": PromptSettings(**data["prompt_settings"])})


def torchrun_command(spec_file: Path, num_processes: int) -> list[str]:
    """The launcher command: torch's own `torchrun` module, on a free local port (--standalone)."""
    return [sys.executable, "-m", "torch.distributed.run", "--standalone", f"--nproc_per_node={num_processes}",
            "-m", "tasks.core.modeling.train_main", str(spec_file)]


def check_devices(settings: TrainSettings) -> None:
    """N CUDA processes need N visible GPUs (nccl gives each rank its own)."""
    import torch

    from tasks.core.modeling.train import resolve_device

    device = resolve_device(settings.device)
    if device.type == "cuda" and torch.cuda.device_count() < settings.num_processes:
        raise SettingsError(f"num_processes={settings.num_processes} but only {torch.cuda.device_count()} GPU(s) are "
                            f"visible; lower num_processes or use device='cpu' (gloo).")


def run_training(spec: TrainSpec, on_record: Callable[[dict], None] | None = None) -> TrainResult:
    """Train in this process (num_processes == 1) or through torchrun (N), returning rank 0's result.

    `on_record` gets each history record: live in-process, or replayed from rank 0's
    history once the torchrun processes have finished.
    """
    from tasks.core.modeling.tokenize import load_tokenized

    settings = spec.settings
    if settings.num_processes == 1:
        return train(spec.model_dir, load_tokenized(spec.train_path), load_tokenized(spec.val_path), spec.out_dir,
                     settings, spec.prompt_settings, on_record=on_record)
    check_devices(settings)
    out_dir = Path(spec.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    result_file = out_dir / RESULT_FILE
    result_file.unlink(missing_ok=True)  # never read back a previous run's result
    spec_file = out_dir / SPEC_FILE
    spec_file.write_text(spec.to_json())
    env = {**os.environ, "TOKENIZERS_PARALLELISM": "false"}
    completed = subprocess.run(torchrun_command(spec_file, settings.num_processes), env=env, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"torchrun training with {settings.num_processes} processes failed (exit code "
                           f"{completed.returncode}); the ranks' errors are printed above. Spec: {spec_file}")
    if not result_file.is_file():
        raise RuntimeError(f"torchrun finished but rank 0 wrote no {result_file}; see the output above.")
    result = TrainResult(**json.loads(result_file.read_text()))
    if on_record is not None:
        for entry in result.history:
            on_record(entry)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of each torchrun rank: `python -m tasks.core.modeling.train_main SPEC.json`."""
    import torch
    import torch.distributed as dist

    from tasks.core.modeling.tokenize import load_tokenized
    from tasks.core.modeling.train import resolve_device

    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m tasks.core.modeling.train_main SPEC.json", file=sys.stderr)
        return 2
    spec = TrainSpec.from_json(Path(args[0]).read_text())
    world = int(os.environ.get("WORLD_SIZE", "1"))
    joined = False
    if world > 1 and not dist.is_initialized():
        backend = "nccl" if resolve_device(spec.settings.device).type == "cuda" else "gloo"
        if backend == "nccl":
            torch.cuda.set_device(int(os.environ.get("LOCAL_RANK", "0")))
        dist.init_process_group(backend=backend)
        joined = True
    try:
        train(spec.model_dir, load_tokenized(spec.train_path), load_tokenized(spec.val_path), spec.out_dir,
              spec.settings, spec.prompt_settings)
    finally:
        if joined:
            dist.destroy_process_group()
    return 0


if __name__ == "__main__":
    sys.exit(main())
