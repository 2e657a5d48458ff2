"""Training benchmark: our training core against a plain Hugging Face `Trainer`, side by side.

Both runs happen in this process, on the same prepared data, the same base model and the same
settings (learning rate, global batch, steps, warm-up, weight decay, gradient clipping, seed;
bf16 autocast on CUDA), and both are evaluated the same way: `score_examples` on the val split
at the same steps, the best val loss kept. The baseline is what a user gets from `Trainer`
without tuning: random batches padded to their longest example (labels padded with -100, as
`DataCollatorForSeq2Seq` does), the loss over every position.

Reported for each run: real (non-padding) tokens per second of training time, seconds of
training time to the best val loss, val word perplexity at that point, peak memory; then
`speedup` = ours / Trainer. Training time excludes evaluation and checkpoint writing in both.

    python -m tasks.core.bench_train --data PATH --device cpu --max-steps 4 --json

Pure core: no Prefect, no MLflow (runs alone on a GPU machine).
"""
from __future__ import annotations

import argparse
import gc
import json
import math
import os
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from tasks.core.data.sample import SAMPLE_CSV
from tasks.core.settings_io import SettingsError

RESULT_KEYS = ("tokens_per_s", "tokens_per_cpu_s", "seconds_to_best_val", "val_word_perplexity", "peak_memory_mb",
               "train_seconds", "train_cpu_seconds", "train_tokens", "steps", "best_step", "best_val_loss")


@dataclass(frozen=True)
class BenchData:
    """Tokenized train and val examples (dicts with input_ids, labels, n_words) and their source."""

    train: list[dict]
    val: list[dict]
    source: str
    pairs: dict[str, int]


class PeakMemory:
    """Peak memory of a block, in MiB: allocated CUDA memory on CUDA; on CPU the resident set
    sampled every 20 ms (ru_maxrss is a process-lifetime maximum, so it cannot tell two runs
    in one process apart)."""

    def __init__(self, device: Any) -> None:
        self.device = device
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> PeakMemory:
        import torch

        if self.device.type == "cuda":
            torch.cuda.synchronize(self.device)
            torch.cuda.reset_peak_memory_stats(self.device)
        else:
            self._thread = threading.Thread(target=self._sample, daemon=True)
            self._thread.start()
        return self

    def _sample(self) -> None:
        page_mb = os.sysconf("SC_PAGE_SIZE") / 2**20
        while True:
            with open("/proc/self/statm") as statm:
                self.peak_mb = max(self.peak_mb, int(statm.read().split()[1]) * page_mb)
            if self._stop.wait(0.02):
                return

    def __exit__(self, *exc: object) -> None:
        import torch

        if self.device.type == "cuda":
            self.peak_mb = torch.cuda.max_memory_allocated(self.device) / 2**20
        elif self._thread is not None:
            self._stop.set()
            self._thread.join()


def load_bench_data(data: str | Path, model_dir: Path, val_limit: int | None = None) -> BenchData:
    """Prepare the data with the project's data stage, then tokenize its train and val pairs.

    The opening rule picks the targets: a speed benchmark needs many pairs, and it keeps the
    figures comparable with those measured before extraction by reflection existed.
    """
    from tasks.core.data.prepare import prepare
    from tasks.core.data.settings import DataSettings
    from tasks.core.modeling.prompt import PromptSettings, encode_pair
    from tasks.core.modeling.tokenize import load_tokenizer

    pairs = prepare(data, DataSettings(extraction="opening")).pairs
    tokenizer = load_tokenizer(model_dir)
    prompt_settings = PromptSettings()
    splits = {}
    for split in ("train", "val"):
        frame = pairs[pairs["split"] == split]
        if frame.empty:
            raise ValueError(f"{data} has no {split} pairs after preparation; the benchmark needs both train and val.")
        # tokenize_frame's rule without its `datasets` container (the GPU machine lacks `datasets`).
        splits[split] = []
        for case, reflection in zip(frame["case"], frame["reflection"]):
            encoded = encode_pair(tokenizer, str(case), str(reflection), prompt_settings)
            if encoded is not None:
                splits[split].append({**encoded, "n_words": len(str(reflection).split())})
    if val_limit is not None:
        splits["val"] = splits["val"][:val_limit]
    return BenchData(train=splits["train"], val=splits["val"], source=str(data),
                     pairs={split: len(rows) for split, rows in splits.items()})


def run_ours(model_dir: Path, data: BenchData, settings: Any, out_dir: Path) -> dict[str, Any]:
    """Our training core (`tasks.core.modeling.train.train`) on the bench data."""
    from tasks.core.modeling.prompt import PromptSettings
    from tasks.core.modeling.train import resolve_device, train

    with PeakMemory(resolve_device(settings.device)) as memory:
        result = train(model_dir, data.train, data.val, out_dir, settings, PromptSettings())
    return {"tokens_per_s": result.tokens_per_s, "tokens_per_cpu_s": per_second(result.train_tokens, result.train_cpu_seconds),
            "seconds_to_best_val": result.seconds_to_best_val, "val_word_perplexity": result.best_val_word_perplexity,
            "peak_memory_mb": round(memory.peak_mb, 1), "train_seconds": result.train_seconds,
            "train_cpu_seconds": result.train_cpu_seconds, "train_tokens": result.train_tokens, "steps": result.steps,
            "best_step": result.best_step, "best_val_loss": result.best_val_loss}


def per_second(amount: float, seconds: float) -> float:
    """A rate rounded for reports; 0 when no time was measured."""
    return round(amount / seconds, 1) if seconds > 0 else 0.0


def run_trainer_baseline(model_dir: Path, data: BenchData, settings: Any, total_steps: int, eval_every: int,
                         out_dir: Path) -> dict[str, Any]:
    """A plain HF `Trainer` on padded random batches, with the same settings and the same evaluation."""
    import torch
    from transformers import (AutoModelForCausalLM, DataCollatorForSeq2Seq, PrinterCallback, Trainer, TrainerCallback,
                              TrainingArguments)

    from tasks.core.modeling.perplexity import score_examples
    from tasks.core.modeling.tokenize import load_tokenizer
    from tasks.core.modeling.train import TrainClock, resolve_device

    device = resolve_device(settings.device)
    tokenizer = load_tokenizer(model_dir)
    pad_id = int(tokenizer.pad_token_id)
    model = AutoModelForCausalLM.from_pretrained(str(model_dir), dtype=torch.float32)
    model.config.use_cache = False
    train_rows = [{"input_ids": x["input_ids"], "labels": x["labels"]} for x in data.train]
    padder = DataCollatorForSeq2Seq(tokenizer, padding=True, label_pad_token_id=-100)
    batch_tokens: list[int] = []  # real tokens of each collated batch, in step order

    def collate(features: list[dict]) -> dict:
        batch_tokens.append(sum(len(f["input_ids"]) for f in features))
        return padder(features)

    clock = TrainClock(device)  # the same segment timing as our loop
    state = {"best_loss": math.inf, "best_ppl": math.inf, "best_step": 0, "best_seconds": 0.0,
             "evals_without_gain": 0, "steps": 0}

    class SameEvaluation(TrainerCallback):
        """Evaluate with `score_examples` at our steps; evaluation time is not training time."""

        def on_train_begin(self, args, trainer_state, control, **kwargs):
            if device.type == "cuda":
                torch.cuda.synchronize(device)
            clock.start()

        def on_step_end(self, args, trainer_state, control, model=None, **kwargs):
            step = trainer_state.global_step
            state["steps"] = step
            if step % eval_every and step != total_steps:
                return control
            clock.stop()
            scores = score_examples(model, data.val, pad_id, settings.eval_batch_size)
            val_loss = scores["nll_sum"] / scores["tokens"]
            if val_loss < state["best_loss"]:
                state.update(best_loss=val_loss, best_ppl=scores["word_perplexity"], best_step=step,
                             best_seconds=clock.wall_seconds, evals_without_gain=0)
            else:
                state["evals_without_gain"] += 1
                if state["evals_without_gain"] >= settings.patience:
                    control.should_training_stop = True
            clock.start()
            return control

    cuda = device.type == "cuda"
    arguments = TrainingArguments(
        output_dir=str(out_dir), per_device_train_batch_size=settings.resolved_batch_size(device),
        learning_rate=settings.learning_rate, weight_decay=settings.weight_decay, warmup_steps=settings.warmup_steps,
        lr_scheduler_type="linear", max_steps=total_steps, max_grad_norm=settings.grad_clip,
        bf16=cuda, use_cpu=not cuda, seed=settings.seed, data_seed=settings.seed, eval_strategy="no",
        save_strategy="no", logging_strategy="no", report_to="none", disable_tqdm=True,
        dataloader_num_workers=0, remove_unused_columns=False,
    )
    trainer = Trainer(model=model, args=arguments, train_dataset=train_rows, data_collator=collate,
                      callbacks=[SameEvaluation()])
    trainer.remove_callback(PrinterCallback)  # its end-of-training dict would clutter stdout
    with PeakMemory(device) as memory:
        trainer.train()
    steps = state["steps"]
    tokens = sum(batch_tokens[:steps])  # the loader may collate one batch ahead of the last step
    return {"tokens_per_s": per_second(tokens, clock.wall_seconds),
            "tokens_per_cpu_s": per_second(tokens, clock.cpu_seconds),
            "seconds_to_best_val": round(state["best_seconds"], 3), "val_word_perplexity": state["best_ppl"],
            "peak_memory_mb": round(memory.peak_mb, 1), "train_seconds": round(clock.wall_seconds, 3),
            "train_cpu_seconds": round(clock.cpu_seconds, 3), "train_tokens": tokens, "steps": steps,
            "best_step": state["best_step"], "best_val_loss": state["best_loss"]}


def run_train_benchmark(
    data: str | Path = SAMPLE_CSV,
    device: str = "auto",
    max_steps: int | None = None,
    base_model: str | None = None,
    batch_size: int = 16,
    learning_rate: float | None = None,
    eval_every_steps: int | None = None,
    val_limit: int | None = None,
    out_dir: str | Path | None = None,
    **train_overrides: Any,
) -> dict[str, Any]:
    """Train with our core, then with a plain `Trainer`, on the same data and settings; compare.

    `max_steps=None` trains whole epochs (TrainSettings.epochs), bounded on CPU by
    `cpu_max_steps`; both runs take the same number of steps. `eval_every_steps=None`
    evaluates as TrainSettings does (evaluations_per_epoch, and at the last step).
    `val_limit` scores only the first N val pairs (CPU runs). `base_model=None` takes
    TrainSettings' default base model. `train_overrides` are further
    TrainSettings fields for our run (e.g. packing=True); the Trainer gets the shared ones.
    Returns {"ours": {...}, "trainer": {...}, "tokens_per_s", "baseline_tokens_per_s",
    "speedup", "seconds_to_best_val", "val_word_perplexity", ...}.
    """
    import torch

    from tasks.core.modeling.base_model import resolve_base_model
    from tasks.core.modeling.train import TrainSettings, resolve_device, step_budget

    if val_limit is not None and val_limit < 1:
        raise SettingsError(f"val_limit={val_limit} must be >= 1 (or None for the whole val split).")
    settings = TrainSettings(device=device, batch_size=batch_size, max_steps=max_steps, progress=False,
                             **({"learning_rate": learning_rate} if learning_rate is not None else {}),
                             **({"eval_every_steps": eval_every_steps} if eval_every_steps is not None else {}),
                             **({"base_model": base_model} if base_model is not None else {}),
                             **train_overrides)
    if settings.num_processes != 1:
        raise SettingsError("the benchmark compares single-process runs; leave num_processes at 1.")
    torch_device = resolve_device(device)
    model_dir = resolve_base_model(settings.base_model)
    bench_data = load_bench_data(data, model_dir, val_limit)
    batches_per_epoch = math.ceil(len(bench_data.train) / batch_size)
    total_steps = step_budget(settings, batches_per_epoch, torch_device)
    eval_every = settings.eval_every_steps or max(1, batches_per_epoch // settings.evaluations_per_epoch)
    settings = replace(settings, max_steps=total_steps)  # both runs take exactly these steps

    with tempfile.TemporaryDirectory(prefix="bench_train_") as scratch:
        root = Path(out_dir) if out_dir is not None else Path(scratch)
        ours = run_ours(model_dir, bench_data, settings, root / "ours")
        gc.collect()
        if torch_device.type == "cuda":
            torch.cuda.empty_cache()
        trainer = run_trainer_baseline(model_dir, bench_data, settings, total_steps, eval_every, root / "trainer")
    speedup = ours["tokens_per_s"] / trainer["tokens_per_s"] if trainer["tokens_per_s"] else float("nan")
    cpu_speedup = ours["tokens_per_cpu_s"] / trainer["tokens_per_cpu_s"] if trainer["tokens_per_cpu_s"] else float("nan")
    return {
        "device": str(torch_device), "device_name": device_name(torch_device), "data": bench_data.source,
        "base_model": settings.base_model, "train_pairs": bench_data.pairs["train"], "val_pairs": bench_data.pairs["val"],
        "batch_size": batch_size, "learning_rate": settings.learning_rate, "steps": total_steps,
        "eval_every_steps": eval_every, "torch_threads": torch.get_num_threads(),
        "ours": ours, "trainer": trainer,
        "tokens_per_s": ours["tokens_per_s"], "baseline_tokens_per_s": trainer["tokens_per_s"],
        "speedup": round(speedup, 3), "cpu_time_speedup": round(cpu_speedup, 3), "seconds_to_best_val": ours["seconds_to_best_val"],
        "val_word_perplexity": ours["val_word_perplexity"],
        "baseline_seconds_to_best_val": trainer["seconds_to_best_val"],
        "baseline_val_word_perplexity": trainer["val_word_perplexity"],
    }


def device_name(device: Any) -> str:
    """The card's name on CUDA, the CPU model otherwise."""
    import platform

    import torch

    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return f"{line.split(':', 1)[1].strip()} ({os.cpu_count()} cores)"
    except OSError:
        pass
    return platform.processor() or "cpu"


def format_table(report: dict[str, Any]) -> str:
    """A readable side-by-side table of the two runs."""
    rows = [("real tokens/s", "tokens_per_s", "{:,.1f}"), ("seconds to best val", "seconds_to_best_val", "{:.2f}"),
            ("val word perplexity", "val_word_perplexity", "{:.2f}"), ("peak memory (MiB)", "peak_memory_mb", "{:,.0f}"),
            ("real tokens/CPU-s", "tokens_per_cpu_s", "{:,.1f}"),
            ("training seconds", "train_seconds", "{:.2f}"), ("training CPU-s", "train_cpu_seconds", "{:.2f}"), ("real tokens trained", "train_tokens", "{:,}"),
            ("steps (best at)", None, None)]
    lines = [f"train benchmark on {report['device_name']} ({report['device']}): {report['data']}",
             f"{report['train_pairs']} train / {report['val_pairs']} val pairs, batch {report['batch_size']}, "
             f"lr {report['learning_rate']}, {report['steps']} steps, eval every {report['eval_every_steps']}",
             f"{'':22s}{'ours':>14s}{'HF Trainer':>14s}"]
    for label, key, fmt in rows:
        if key is None:
            cells = [f"{r['steps']} ({r['best_step']})" for r in (report["ours"], report["trainer"])]
        else:
            cells = [fmt.format(r[key]) for r in (report["ours"], report["trainer"])]
        lines.append(f"{label:22s}{cells[0]:>14s}{cells[1]:>14s}")
    lines.append(f"speedup (ours / Trainer, real tokens/s): {report['speedup']:.2f}x "
                 f"(per CPU-second: {report['cpu_time_speedup']:.2f}x; steadier on a shared machine)")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="robo-therapist bench train", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(SAMPLE_CSV), help="CounselChat-style CSV/JSONL (default: the embedded sample)")
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    parser.add_argument("--max-steps", type=int, default=None,
                        help="optimizer steps for each run (default: whole epochs; bounded on CPU by cpu_max_steps)")
    parser.add_argument("--base-model", default=None, help="default: TrainSettings' base model (train.base_model)")
    parser.add_argument("--batch-size", type=int, default=16, help="global batch in examples (default 16)")
    parser.add_argument("--learning-rate", type=float, default=None, help="default: TrainSettings' learning rate")
    parser.add_argument("--eval-every", type=int, default=None, help="evaluate every N steps (default: 4 per epoch)")
    parser.add_argument("--val-limit", type=int, default=None, help="score only the first N val pairs (CPU runs)")
    parser.add_argument("--packing", action="store_true", help="our run packs examples into rows")
    parser.add_argument("--torch-compile", action="store_true", help="our run uses torch.compile")
    parser.add_argument("--threads", type=int, default=None,
                        help="torch CPU threads (default: torch's choice; 1 is steadier on a busy machine)")
    parser.add_argument("--json", action="store_true", help="print one JSON object on the last stdout line")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """`robo-therapist bench train`: run both trainings, print the table (and the JSON line)."""
    args = build_parser().parse_args(argv)
    if args.threads is not None:
        import torch

        if args.threads < 1:
            raise SettingsError(f"--threads {args.threads} must be >= 1")
        torch.set_num_threads(args.threads)
    overrides: dict[str, Any] = {}
    if args.packing:
        overrides["packing"] = True
    if args.torch_compile:
        overrides["torch_compile"] = True
    report = run_train_benchmark(args.data, device=args.device, max_steps=args.max_steps, base_model=args.base_model,
                                 batch_size=args.batch_size, learning_rate=args.learning_rate,
                                 eval_every_steps=args.eval_every, val_limit=args.val_limit, **overrides)
    print(format_table(report), flush=True)
    if args.json:
        print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
