"""Training loop on a tiny model: learns, keeps the best checkpoint, packs correctly, stops early."""
from __future__ import annotations

import json

import pytest

from tasks.core.modeling.batches import batch_order, pack_rows, packed_batch, padded_batch
from tasks.core.modeling.prompt import PROMPT_SETTINGS_FILE, PromptSettings, encode_pair
from tasks.core.modeling.train import CHECKPOINT_FOLDER, TRAIN_SETTINGS_FILE, TrainSettings, linear_schedule, train
from tasks.core.settings_io import SettingsError

PAIRS = [(f"I keep worrying about my exam number {i} and I cannot focus.", f"It sounds like exam {i} weighs on you.")
         for i in range(24)]


def examples_of(tokenizer, pairs):
    rows = []
    for case, reflection in pairs:
        encoded = encode_pair(tokenizer, case, reflection, PromptSettings())
        rows.append({**encoded, "n_words": len(reflection.split())})
    return rows


def test_pack_rows_fits_and_uses_every_example_once():
    rows = pack_rows([5, 7, 3, 9, 2], pack_length=10)
    assert sorted(i for row in rows for i in row) == [0, 1, 2, 3, 4]
    assert all(sum([5, 7, 3, 9, 2][i] for i in row) <= 10 for row in rows)


def test_packed_batch_restarts_positions_per_example():
    examples = [{"input_ids": [1, 2, 3], "labels": [-100, 2, 3]}, {"input_ids": [4, 5], "labels": [-100, 5]}]
    batch = packed_batch(examples, pad_id=0, pack_length=8)
    assert batch["input_ids"].shape == (1, 5)
    assert batch["position_ids"].tolist() == [[0, 1, 2, 0, 1]]
    assert "attention_mask" not in batch


def test_batch_order_covers_all_examples_deterministically():
    lengths = [10, 50, 20, 30, 40, 60, 70]
    first = batch_order(lengths, 3, seed=1, bucket=True)
    assert first == batch_order(lengths, 3, seed=1, bucket=True)
    assert sorted(i for batch in first for i in batch) == list(range(7))


def test_packed_and_padded_batches_give_the_same_loss(tiny_model_dir, tiny_tokenizer):
    import torch
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir)
    rows = examples_of(tiny_tokenizer, PAIRS[:4])
    n_labels = sum(sum(1 for t in r["labels"][1:] if t != -100) for r in rows)
    with torch.no_grad():
        padded = model(**padded_batch(rows, tiny_tokenizer.pad_token_id), num_items_in_batch=n_labels).loss
        packed = model(**packed_batch(rows, tiny_tokenizer.pad_token_id, 4096), num_items_in_batch=n_labels,
                       use_cache=False).loss  # with a cache, transformers skips the packed-sequence mask
    assert packed.item() == pytest.approx(padded.item(), rel=1e-4)


def test_warmup_then_linear_decay():
    assert linear_schedule(0, warmup=4, total=10) == pytest.approx(0.2)
    assert linear_schedule(4, warmup=4, total=10) == pytest.approx(1.0)
    assert linear_schedule(10, warmup=4, total=10) == 0.0


def test_training_lowers_val_loss_and_writes_best_checkpoint(tiny_model_dir, tiny_tokenizer, tmp_path):
    records = []
    settings = TrainSettings(batch_size=8, learning_rate=3e-3, max_steps=12, eval_every_steps=4, warmup_steps=0,
                             progress=False, log_every_steps=1)
    result = train(tiny_model_dir, examples_of(tiny_tokenizer, PAIRS[:16]), examples_of(tiny_tokenizer, PAIRS[16:]),
                   tmp_path, settings, PromptSettings(), on_record=records.append)
    evals = [r for r in result.history if "val_loss" in r]
    assert len(evals) == 3 and evals[-1]["val_loss"] < evals[0]["val_loss"]
    assert result.best_val_loss == min(e["val_loss"] for e in evals)
    checkpoint = tmp_path / CHECKPOINT_FOLDER
    assert (checkpoint / "model.safetensors").is_file() and (checkpoint / "tokenizer.json").is_file()
    assert json.loads((checkpoint / TRAIN_SETTINGS_FILE).read_text())["learning_rate"] == 3e-3
    assert (checkpoint / PROMPT_SETTINGS_FILE).is_file()
    assert records == result.history and any("train_loss" in r for r in records)
    assert result.tokens_per_s > 0 and result.train_tokens > 0


def test_early_stopping_with_patience(tiny_model_dir, tiny_tokenizer, tmp_path):
    # A learning rate this high diverges, so val loss stops improving and patience ends the run.
    settings = TrainSettings(batch_size=8, learning_rate=0.9, max_steps=40, eval_every_steps=1, patience=2,
                             warmup_steps=0, grad_clip=0.0, progress=False)
    result = train(tiny_model_dir, examples_of(tiny_tokenizer, PAIRS[:16]), examples_of(tiny_tokenizer, PAIRS[16:]),
                   tmp_path, settings, PromptSettings())
    assert result.stopped_early and result.steps < 40


def test_empty_split_is_an_error(tiny_model_dir, tiny_tokenizer, tmp_path):
    with pytest.raises(ValueError, match="val split is empty"):
        train(tiny_model_dir, examples_of(tiny_tokenizer, PAIRS[:4]), [], tmp_path, TrainSettings(progress=False),
              PromptSettings())
    assert not (tmp_path / CHECKPOINT_FOLDER).exists()


@pytest.mark.parametrize("field, value", [("learning_rate", 0), ("device", "tpu"), ("epochs", 0), ("max_steps", -1)])
def test_bad_train_settings_are_rejected(field, value):
    with pytest.raises(SettingsError):
        TrainSettings(**{field: value})
