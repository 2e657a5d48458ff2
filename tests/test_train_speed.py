"""Speed levers of the training core keep the loss exact: labelled-positions loss, padded vs packed, no-sync timing."""
from __future__ import annotations

import pytest

from tasks.core.modeling.batches import label_count, label_positions, packed_batch, padded_batch
from tasks.core.modeling.prompt import PromptSettings, encode_pair
from tasks.core.modeling.losses import LabelledLoss, supports_labelled_logits
from tasks.core.modeling.train import TrainSettings, batch_tensors, train

PAIRS = [(f"I feel alone since I moved to city number {i} for work.", f"It sounds like moving to city {i} felt lonely.")
         for i in range(10)]


def examples_of(tokenizer, pairs):
    return [{**encode_pair(tokenizer, c, r, PromptSettings()), "n_words": len(r.split())} for c, r in pairs]


def test_label_positions_point_at_the_token_before_each_label():
    import torch

    labels = torch.tensor([[-100, -100, 7, 8], [-100, 5, -100, -100]])
    index, targets = label_positions(labels)
    assert index.tolist() == [1, 2, 4]  # row*width + t where labels[row, t+1] is set
    assert targets.tolist() == [7, 8, 5]
    assert [label_count(row) for row in labels.tolist()] == [2, 1]


@pytest.mark.parametrize("packing", [False, True])
def test_labelled_loss_equals_the_models_own_loss(tiny_model_dir, tiny_tokenizer, packing):
    import torch
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir)
    assert supports_labelled_logits(model)
    rows = examples_of(tiny_tokenizer, PAIRS[:5])
    n_items = sum(label_count(r["labels"]) for r in rows)
    pad = tiny_tokenizer.pad_token_id
    reference = model(**padded_batch(rows, pad), num_items_in_batch=n_items).loss
    settings = TrainSettings(packing=packing)
    batch = batch_tensors(rows, pad, settings, pack_length=512, labelled=True)
    assert "labels" not in batch and len(batch["label_targets"]) == n_items
    loss = LabelledLoss(model)(**batch, num_items_in_batch=n_items)
    assert loss.item() == pytest.approx(reference.item(), rel=1e-5)
    loss.backward()
    assert model.get_input_embeddings().weight.grad.abs().sum() > 0  # gradients reach the (tied) embeddings
    with torch.no_grad():  # and the unlabelled layout gives the same loss through the model
        packed = model(**packed_batch(rows, pad, 512), num_items_in_batch=n_items, use_cache=False).loss
    assert packed.item() == pytest.approx(reference.item(), rel=1e-4)


@pytest.mark.parametrize("overrides", [{"labelled_logits": False}, {"packing": True}])
def test_levers_do_not_change_the_training_trajectory(tiny_model_dir, tiny_tokenizer, tmp_path, overrides):
    base = dict(batch_size=4, learning_rate=3e-3, max_steps=3, eval_every_steps=3, warmup_steps=0, log_every_steps=1,
                progress=False, device="cpu")
    train_rows, val_rows = examples_of(tiny_tokenizer, PAIRS[:8]), examples_of(tiny_tokenizer, PAIRS[8:])
    default = train(tiny_model_dir, train_rows, val_rows, tmp_path / "a", TrainSettings(**base), PromptSettings())
    changed = train(tiny_model_dir, train_rows, val_rows, tmp_path / "b", TrainSettings(**base, **overrides),
                    PromptSettings())
    losses = [[r["train_loss"] for r in result.history if "train_loss" in r] for result in (default, changed)]
    assert len(losses[0]) == 3 and losses[1] == pytest.approx(losses[0], rel=1e-4)
    assert changed.best_val_loss == pytest.approx(default.best_val_loss, rel=1e-4)


def test_timing_excludes_the_record_callback(tiny_model_dir, tiny_tokenizer, tmp_path, monkeypatch):
    from types import SimpleNamespace

    from tasks.core.modeling import train as train_module

    clock = [0.0]  # a fake clock that only the callback moves: any counted callback time shows up exactly
    monkeypatch.setattr(train_module, "time", SimpleNamespace(perf_counter=lambda: clock[0], process_time=lambda: clock[0]))

    def slow_logger(record: dict) -> None:
        clock[0] += 100.0

    settings = TrainSettings(batch_size=4, max_steps=2, eval_every_steps=2, log_every_steps=1, progress=False,
                             device="cpu")
    result = train(tiny_model_dir, examples_of(tiny_tokenizer, PAIRS[:8]), examples_of(tiny_tokenizer, PAIRS[8:]),
                   tmp_path, settings, PromptSettings(), on_record=slow_logger)
    assert len(result.history) == 3 and clock[0] == 300.0
    assert result.train_seconds == 0.0 and result.train_cpu_seconds == 0.0


def test_pack_length_defaults_to_the_longest_example_and_rejects_short_rows(tiny_model_dir, tiny_tokenizer, tmp_path):
    from tasks.core.settings_io import SettingsError

    long_case = "I cannot sleep and my thoughts race about work, money and family every night. " * 3
    rows = examples_of(tiny_tokenizer, [(long_case, "It sounds like the nights are hard.")] + PAIRS[:3])
    longest = max(len(r["input_ids"]) for r in rows)
    assert longest > 64
    settings = TrainSettings(packing=True, max_steps=1, progress=False, device="cpu")
    assert train(tiny_model_dir, rows, rows, tmp_path / "auto", settings, PromptSettings()).steps == 1
    with pytest.raises(SettingsError, match=f"pack_length=64 is shorter than the longest example \\({longest} tokens"):
        train(tiny_model_dir, rows, rows, tmp_path / "short", TrainSettings(packing=True, pack_length=64, max_steps=1,
                                                                            progress=False), PromptSettings())
