"""Training benchmark on the tiny model: both runs happen, the JSON line has the promised keys and ratio."""
from __future__ import annotations

import json
import math

import pytest

from tasks.core.bench_train import RESULT_KEYS, format_table, main, run_train_benchmark
from tasks.core.data.sample import SAMPLE_CSV
from tasks.core.settings_io import SettingsError

TOP_KEYS = ("tokens_per_s", "baseline_tokens_per_s", "speedup", "seconds_to_best_val", "val_word_perplexity")


@pytest.fixture(scope="module")
def report(tiny_model_dir):
    return run_train_benchmark(SAMPLE_CSV, device="cpu", max_steps=3, base_model=str(tiny_model_dir), batch_size=4,
                               eval_every_steps=2, val_limit=6, learning_rate=3e-3)


def test_report_has_both_runs_with_positive_figures(report):
    for run in ("ours", "trainer"):
        assert set(RESULT_KEYS) <= set(report[run])
        for key in ("tokens_per_s", "train_seconds", "train_tokens", "peak_memory_mb", "val_word_perplexity"):
            assert report[run][key] > 0, (run, key)
        assert report[run]["steps"] == 3  # both runs take the same steps
        assert report[run]["best_step"] in (2, 3)  # evaluated at step 2 and at the last step
        assert math.isfinite(report[run]["best_val_loss"])
    assert (report["train_pairs"], report["val_pairs"]) == (183, 6)


def test_speedup_is_ours_over_trainer(report):
    assert all(key in report for key in TOP_KEYS)
    assert report["speedup"] == pytest.approx(report["tokens_per_s"] / report["baseline_tokens_per_s"], rel=1e-3)
    assert report["tokens_per_s"] == report["ours"]["tokens_per_s"]
    assert report["baseline_tokens_per_s"] == report["trainer"]["tokens_per_s"]
    assert report["val_word_perplexity"] == report["ours"]["val_word_perplexity"]


def test_both_runs_count_the_same_real_tokens_per_step(report):
    # The same batch size over the same data: real tokens per step agree within the spread of lengths.
    ours = report["ours"]["train_tokens"] / report["ours"]["steps"]
    theirs = report["trainer"]["train_tokens"] / report["trainer"]["steps"]
    assert 0.5 < ours / theirs < 2.0


def test_table_names_both_runs(report):
    table = format_table(report)
    assert "ours" in table and "HF Trainer" in table and "speedup" in table


def test_main_prints_one_json_object_last(tiny_model_dir, capsys):
    assert main(["--data", str(SAMPLE_CSV), "--device", "cpu", "--max-steps", "1", "--base-model", str(tiny_model_dir),
                 "--batch-size", "2", "--val-limit", "2", "--json"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    parsed = json.loads(last)
    assert all(key in parsed for key in TOP_KEYS) and parsed["steps"] == 1


@pytest.mark.parametrize("arguments, message", [({"val_limit": 0}, "val_limit"), ({"num_processes": 2}, "num_processes")])
def test_bad_benchmark_arguments(tiny_model_dir, arguments, message):
    with pytest.raises(SettingsError, match=message):
        run_train_benchmark(SAMPLE_CSV, device="cpu", max_steps=1, base_model=str(tiny_model_dir), batch_size=2,
                            **arguments)
