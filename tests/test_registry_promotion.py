"""When `champion` moves: perplexity must improve and reflection quality must not drop past the tolerance."""
from __future__ import annotations

import pytest

from tasks.core.registry_settings import RegistrySettings
from tasks.core.report_render import champion_markdown
from tasks.core.settings_io import SettingsError
from tasks.tracking.registry import promotion_decision


@pytest.mark.parametrize(("new", "champion", "new_q", "champion_q", "promote", "says"), [
    (20.0, None, 0.5, None, True, "no champion"),
    (20.0, 25.0, 0.50, 0.52, True, "within"),           # better perplexity, quality drop inside 0.05
    (20.0, 25.0, 0.40, 0.52, False, "below"),           # better perplexity, quality drop past 0.05
    (26.0, 25.0, 0.90, 0.10, False, "does not beat"),   # worse perplexity: quality cannot buy it
    (25.0, 25.0, 0.90, 0.10, False, "does not beat"),   # a tie is not better
    (20.0, 25.0, None, 0.52, True, "not compared"),     # a figure missing on one side: said so
    (20.0, 25.0, 0.50, None, True, "not compared"),
    (float("nan"), None, 0.5, None, False, "not finite"),
])
def test_promotion_decision_table(new, champion, new_q, champion_q, promote, says):
    decided, reason = promotion_decision(new, champion, new_q, champion_q, tolerance=0.05)
    assert decided is promote and says in reason


def test_quality_tolerance_is_checked_up_front():
    with pytest.raises(SettingsError, match="quality_tolerance"):
        RegistrySettings(quality_tolerance=-0.1)


def test_promotion_reads_the_direction_from_the_metrics_contract():
    # a higher-is-better metric (the quality figure itself) as the one that must improve
    decided, reason = promotion_decision(0.6, 0.5, None, None, metric="val_quality_top1_mean")
    assert decided and "beats" in reason
    decided, reason = promotion_decision(0.4, 0.5, None, None, metric="val_quality_top1_mean")
    assert not decided and "(higher is better)" in reason
    # a lower-is-better quality figure: worse means above
    decided, reason = promotion_decision(20.0, 25.0, 31.0, 25.0, tolerance=5, quality_metric="test_perplexity")
    assert not decided and "is above the champion's" in reason


def test_a_count_cannot_decide_a_promotion():
    with pytest.raises(SettingsError, match="count or timing"):
        promotion_decision(20.0, 25.0, metric="test_pairs")


@pytest.mark.parametrize("field, value, says", [
    ("metric", "test_bleu", "not a metric of the contract"),
    ("metric", "test_pairs", "registry.metric='test_pairs' is a count or timing"),
    ("quality_metric", "train_seconds", "registry.quality_metric='train_seconds' is a count or timing"),
])
def test_promotion_metrics_are_checked_up_front(field, value, says):
    with pytest.raises(SettingsError, match=says):
        RegistrySettings(**{field: value})


def test_register_returns_both_figures_and_the_model_report_says_whether_champion_moved(tiny_model_dir, tmp_path,
                                                                                       fast_model_logging):
    from tasks.tracking.registry import register_checkpoint, start_run

    settings = RegistrySettings(tracking_uri=f"sqlite:///{tmp_path / 'mlflow.db'}")

    def register(word_perplexity: float, quality: float) -> dict:
        run_id = start_run(settings, "run", {}, {})
        return register_checkpoint(settings, run_id, tiny_model_dir,
                                   {"test_word_perplexity": word_perplexity, "val_quality_top1_mean": quality})

    first = register(30.0, 0.6)
    assert first["comparison"]["champion_value"] is None and first["aliases"] == ["candidate", "champion"]
    report = champion_markdown(first, "champion")
    assert "**`champion` moved to v1**: there was no `champion` before." in report
    assert "| figure | v1 (new) | better |" in report and "| test_word_perplexity | 30 | lower |" in report
    assert "| val_quality_top1_mean | 0.6 | higher |" in report

    second = register(31.5, 0.7)  # worse perplexity: champion stays
    assert str(second["champion_before"]) == "1" and second["aliases"] == ["candidate"]
    assert second["comparison"] == {
        "metric": "test_word_perplexity", "value": 31.5, "champion_value": 30.0, "champion_rescored": False,
        "quality_metric": "val_quality_top1_mean", "quality": 0.7, "champion_quality": 0.6, "quality_tolerance": 0.05,
        "better": {"test_word_perplexity": "lower", "val_quality_top1_mean": "higher"}}
    report = champion_markdown(second, "champion")
    assert "**`champion` stayed on v1**; v2 is only a candidate." in report
    assert "| figure | v2 (new) | v1 (champion) | better |" in report
    assert "| test_word_perplexity | 31.5 | 30 | lower |" in report
    assert "| val_quality_top1_mean | 0.7 | 0.6 | higher (may be worse by 0.05) |" in report
    assert "Why: metric 31.5 does not beat the champion's 30 (lower is better)." in report

    third = register(29.0, 0.58)  # better perplexity, quality within the tolerance: champion moves
    assert "**`champion` moved from v1 to v3.**" in champion_markdown(third, "champion")


@pytest.mark.parametrize(("aliases", "before", "says"), [
    (["candidate"], None, "**No `champion`**: there was none, and v1 did not qualify."),
])
def test_champion_report_without_a_champion_that_did_not_move(aliases, before, says):
    registered = {"model_version": 1, "aliases": aliases, "champion_before": before,
                  "champion_decision": "the new metric is not finite",
                  "comparison": {"metric": "m", "value": float("nan"), "champion_value": None, "champion_rescored": False,
                                 "quality_metric": "q", "quality": None, "champion_quality": None,
                                 "quality_tolerance": 0.05, "better": {"m": "lower", "q": "higher"}}}
    report = champion_markdown(registered, "champion")
    assert says in report and "Why: the new metric is not finite." in report
    assert "| figure | v1 (new) | better |" in report and "| m | n/a | lower |" in report and "| q | n/a | higher |" in report
    with pytest.raises(ValueError, match=r"lacks \['comparison'\]"):
        champion_markdown({k: v for k, v in registered.items() if k != "comparison"}, "champion")
