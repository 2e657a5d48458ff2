"""The metrics contract (tasks/core/metrics.py): names, directions, and that the flow's metrics,
the evaluation report and the CLI read it, so a new metric is one entry there."""
from __future__ import annotations

import math

import pytest

from tasks.core import metrics as contract
from tasks.core.metrics import HIGHER, LOWER, QUALITY, TEST, TRAIN, Metric, named_metrics, of_part, ranking_metric
from tasks.core.report_render import evaluation_markdown
from tasks.core.settings_io import SettingsError

SCORES = {"nll_sum": 50.0, "tokens": 40, "words": 30, "pairs": 5, "perplexity": 3.5, "word_perplexity": 5.3,
          "skipped": 0}
QUALITY_FIGURES = {"top1_mean": 0.6, "top1_pass_rate": 0.8, "skipped_crisis": 1, "cases": []}
TRAINED = {"best_val_loss": 2.5, "tokens_per_s": 900.0, "train_seconds": 12.0, "best_step": 4, "checkpoint": "/x"}


def test_the_runs_metric_names_are_those_the_flow_logged_before_the_contract():
    named = named_metrics({TRAIN: TRAINED, TEST: SCORES, QUALITY: QUALITY_FIGURES})
    assert {"test_perplexity": 3.5, "test_word_perplexity": 5.3, "test_pairs": 5, "test_words": 30,
            "best_val_loss": 2.5, "train_tokens_per_s": 900.0, "train_seconds": 12.0,
            "val_quality_top1_mean": 0.6, "val_quality_top1_pass_rate": 0.8}.items() <= named.items()
    assert {"test_tokens", "test_pairs_skipped", "val_quality_skipped_crisis"} <= set(named)
    assert "nll_sum" not in named and "cases" not in named and "best_step" not in named  # only contract figures


def test_no_quality_report_means_no_quality_metrics_and_infinite_values_stay():
    named = named_metrics({TEST: {**SCORES, "word_perplexity": math.inf}, QUALITY: None})
    assert named["test_word_perplexity"] == math.inf  # promotion refuses it; MLflow logging leaves it out
    assert not any(name.startswith("val_quality") for name in named)


def test_a_required_figure_missing_is_an_error():
    with pytest.raises(ValueError, match=r"test results lack \['word_perplexity'\]"):
        named_metrics({TEST: {k: v for k, v in SCORES.items() if k != "word_perplexity"}})


def test_directions():
    assert contract.metric("test_word_perplexity").better == LOWER
    assert contract.metric("val_quality_top1_mean").better == HIGHER
    assert contract.metric("test_pairs").better is None
    word = contract.metric("test_word_perplexity")
    assert word.beats(20.0, 25.0) and not word.beats(25.0, 25.0) and not word.beats(26.0, 25.0)
    quality = contract.metric("val_quality_top1_mean")
    assert quality.within(0.50, 0.52, 0.05) and not quality.within(0.40, 0.52, 0.05)
    with pytest.raises(ValueError, match="cannot rank"):
        contract.metric("test_pairs").beats(1, 2)


def test_unknown_and_directionless_metrics_cannot_rank_models():
    with pytest.raises(SettingsError, match="not a metric of the contract"):
        ranking_metric("test_bleu", "registry.metric")
    with pytest.raises(SettingsError, match="registry.metric='test_pairs' is a count or timing"):
        ranking_metric("test_pairs", "registry.metric")


def test_every_metric_is_described():
    for m in contract.METRICS:
        assert m.label and m.description and m.key, m
    with pytest.raises(ValueError, match="part"):
        Metric("x", "elsewhere", "x", "x", None, "", "x")


def test_a_new_metric_is_one_entry_in_the_contract(monkeypatch):
    """Declared once, it is named for the run, shown in the report with its direction, and can rank."""
    new = Metric("test_distinct_2", TEST, "distinct_2", "distinct bigrams", HIGHER, "share", "share of distinct bigrams",
                 required=False)
    monkeypatch.setattr(contract, "METRICS", (*contract.METRICS, new))
    monkeypatch.setitem(contract.BY_NAME, new.name, new)
    scores = {**SCORES, "distinct_2": 0.42}
    assert named_metrics({TEST: scores})["test_distinct_2"] == 0.42
    assert "| distinct bigrams | 0.42 | higher |" in evaluation_markdown({"metrics": scores, "samples": []})
    assert new in of_part(TEST) and ranking_metric("test_distinct_2", "registry.metric") is new
