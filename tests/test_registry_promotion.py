"""When `champion` moves: perplexity must improve and reflection quality must not drop past the tolerance."""
from __future__ import annotations

import pytest

from tasks.core.registry_settings import RegistrySettings
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
