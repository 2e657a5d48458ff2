"""Case tables: loading JSON Lines tables and scoring the screen on them from the command line."""

from __future__ import annotations

import json

import pytest

from tasks.core.safety.cases import load_case_table, main, score_case_table, wilson_interval


def _write(tmp_path, lines: list[str]):
    path = tmp_path / "table.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_load_case_table_reads_pairs_and_skips_blank_lines(tmp_path):
    path = _write(tmp_path, [
        json.dumps({"text": "I want to kill myself.", "crisis": True}),
        "",
        json.dumps({"text": "Je meurs de faim.", "crisis": False, "note": "extra keys are fine"}, ensure_ascii=False),
    ])
    assert load_case_table(path) == [("I want to kill myself.", True), ("Je meurs de faim.", False)]


@pytest.mark.parametrize(
    "line,message",
    [
        ("{not json", "line 1 is not JSON"),
        ('["a list"]', "not an object"),
        ('{"text": "hi"}', "lacks \\['crisis'\\]"),
        ('{"text": "hi", "crisis": "yes"}', "must be true or false"),
        ('{"text": "  ", "crisis": true}', "non-empty string"),
    ],
)
def test_load_case_table_names_the_bad_line(tmp_path, line, message):
    with pytest.raises(ValueError, match=message):
        load_case_table(_write(tmp_path, [line]))


def test_load_case_table_errors_on_missing_or_empty_files(tmp_path):
    with pytest.raises(FileNotFoundError, match="no case table"):
        load_case_table(tmp_path / "absent.jsonl")
    with pytest.raises(ValueError, match="holds no cases"):
        load_case_table(_write(tmp_path, ["", "  "]))


def test_score_case_table_reports_misses_with_their_scores():
    cases = [("I want to kill myself.", True), ("I feel a little down today.", True), ("I'd die for a vacation.", False)]
    metrics = score_case_table(cases, previous=True)  # the rules and cue score, as before the learned layer
    assert metrics["caught"] == 1 and metrics["recall"] == pytest.approx(0.5)
    assert [item["text"] for item in metrics["missed"]] == ["I feel a little down today."]
    assert 0 <= metrics["missed"][0]["score"] < metrics["threshold"]
    assert metrics["missed"][0]["risk"] == "none" and metrics["missed"][0]["learned_score"] is None
    assert metrics["false_alarms"] == [] and metrics["threshold"] == 4 and metrics["previous"]
    assert metrics["by_language"]["en"]["crisis_cases"] == 2
    full = score_case_table(cases)
    assert full["crisis_tier_caught"] >= 1 and all(0 <= item["learned_score"] <= 1 for item in full["false_alarms"])


def test_rules_only_turns_the_risk_score_off():
    cases = [("Tell my kids I'm sorry. I can't keep fighting this.", True)]
    assert score_case_table(cases)["recall"] == 1.0
    assert score_case_table(cases, rules_only=True)["recall"] == 0.0


def test_command_line_prints_text_and_json(tmp_path, capsys):
    path = _write(tmp_path, [json.dumps({"text": "I want to kill myself.", "crisis": True}),
                             json.dumps({"text": "My phone died.", "crisis": False})])
    assert main([str(path), "--previous"]) == 0  # the rules and cues alone: no learned score to vary
    out = capsys.readouterr().out
    assert "recall (resources shown) 1/1 = 100.0 % (95 % CI 20.6-100.0 %)" in out
    assert "false alarms (resources shown) 0/1" in out and "crisis tier: caught 1/1" in out
    assert main([str(path)]) == 0
    assert "crisis tier: caught 1/1" in capsys.readouterr().out
    assert main([str(path), "--json", "--threshold", "5"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["recall"] == 1.0 and data["threshold"] == 5


@pytest.mark.parametrize(("successes", "total", "expected"), [
    (25, 25, (0.8668, 1.0)),   # 25/25: the interval still allows about 13 % misses
    (0, 25, (0.0, 0.1332)),
    (9, 25, (0.2025, 0.5548)),
    (0, 0, None),
])
def test_wilson_interval(successes, total, expected):
    assert wilson_interval(successes, total) == (pytest.approx(expected, abs=1e-4) if expected else None)


def test_command_line_reports_a_bad_table(tmp_path, capsys):
    assert main([str(tmp_path / "absent.jsonl")]) == 2
    assert "no case table" in capsys.readouterr().err
