"""Report rendering (markdown tables, loss curve PNG, MLflow links), the artifact keys, the
content-keyed Prefect cache keys and the task time limits. No servers, no model."""
from __future__ import annotations

import base64
import json
import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from tasks.core.ops_settings import OpsSettings
from tasks.core.report_render import (
    data_report_markdown,
    epochs_at,
    evaluation_markdown,
    format_number,
    loss_curve_png,
    loss_series,
    md_cell,
    md_table,
    md_table_cut,
    mlflow_links_markdown,
    mlflow_ui_links,
    png_data_uri,
    training_summary_markdown,
)
from tasks.core import report_render
from tasks.core.settings_io import SettingsError

HISTORY = [{"step": 1, "train_loss": 3.0}, {"step": 2, "train_loss": 2.5},
           {"step": 2, "val_loss": 2.7, "val_perplexity": 14.9, "val_word_perplexity": 30.0},
           {"step": 3, "train_loss": float("nan")}, {"step": 4, "train_loss": 2.0}, {"step": 4, "val_loss": 2.4}]


def data_report(examples: int) -> dict:
    return {"rows_in": 238, "pairs": 235, "dropped": {"empty_answer": 2, "no_reflection": 1},
            "splits": {"train": {"pairs": 183, "questions": 58}, "val": {"pairs": 26, "questions": 7},
                       "test": {"pairs": 26, "questions": 7}},
            "cross_split_duplicates_removed": 1, "duplicate_pairs_removed": 0, "source": "sample.csv",
            "examples": [{"case": f"case {i} | with a pipe", "reflection": f"It sounds like thing {i}.", "split": "train"}
                         for i in range(examples)]}


@pytest.mark.parametrize("value, expected", [
    ("a | b", "a \\| b"),
    ("line one\nline two", "line one line two"),
    ("<script>", "&lt;script&gt;"),
    (["echo", "too_long"], "echo, too_long"),
    ([], "—"),
    (0.123456, "0.1235"),
    (373465.78, "373,466"),
    (float("inf"), "∞"),
    (7, "7"),
])
def test_md_cell(value, expected):
    assert md_cell(value) == expected


@pytest.mark.parametrize("value, expected", [(True, "True"), (12, "12"), (1e-5, "1e-05"), (float("nan"), "n/a")])
def test_format_number(value, expected):
    assert format_number(value) == expected


def test_md_cell_cuts_long_text_with_an_ellipsis():
    cell = md_cell("word " * 100, max_chars=20)
    assert len(cell) == 20 and cell.endswith("…")


def test_md_table_shape_and_row_check():
    table = md_table(("a", "b"), [(1, "x"), (2, "y")])
    assert table.splitlines() == ["| a | b |", "|---|---|", "| 1 | x |", "| 2 | y |"]
    with pytest.raises(ValueError, match="2 headers"):
        md_table(("a", "b"), [(1,)])
    assert md_table(("a", "b"), [("long", "long")], [2, None]).splitlines()[-1] == "| l… | long |"  # per column


def test_md_table_cut_numbers_rows_cuts_long_texts_and_gives_them_in_full():
    case = "I moved to a new city and I have no friends here at all."
    markdown = md_table_cut(("case", "reflection", "score"),
                            [(case, "It sounds lonely.", 0.5), (case, "You feel alone | far from home.", 0.25)],
                            {"case": 20, "reflection": 20})
    lines = markdown.splitlines()
    assert lines[:4] == ["| # | case | reflection | score |", "|---|---|---|---|",
                         "| 1 | I moved to a new ci… | It sounds lonely. | 0.5 |",
                         "| 2 | I moved to a new ci… | You feel alone \\| fa… | 0.25 |"]
    assert f"- **1.** case: {case}" in lines  # the short reflection is not repeated
    assert "- **2.** case: as in row 1 · reflection: You feel alone \\| far from home." in lines
    assert md_table_cut(("case",), [("short",)], {"case": 20}) == "| # | case |\n|---|---|\n| 1 | short |"
    with pytest.raises(ValueError, match=r"\['reflection'\]"):
        md_table_cut(("case",), [], {"reflection": 20})


@pytest.mark.parametrize("examples, shown", [(12, 10), (3, 3), (0, 0)])
def test_data_report_counts_then_at_most_ten_examples(examples, shown):
    markdown = data_report_markdown(data_report(examples))
    assert markdown.index("| rows read | 238 |") < markdown.index("## Splits") < markdown.index("example pairs")
    assert "| dropped: empty_answer | 2 |" in markdown and "| dropped: no_reflection | 1 |" in markdown
    assert "| val | 26 | 7 |" in markdown
    assert f"## {shown} example pairs" in markdown
    example_rows = [line for line in markdown.splitlines() if re.match(r"\| \d+ \| train \| case ", line)]
    assert len(example_rows) == shown
    if shown:
        assert "case 0 \\| with a pipe" in example_rows[0]  # a pipe in the text does not split the cell


def test_data_report_cuts_long_examples_and_gives_them_in_full():
    report = data_report(1)
    report["examples"][0]["case"] = "word " * 60
    markdown = data_report_markdown(report)
    row = next(line for line in markdown.splitlines() if line.startswith("| 1 | train |"))
    assert len(row) < 120 and "…" in row
    assert "- **1.** case: " + "word " * 59 + "word" in markdown.splitlines()


def test_data_report_names_the_missing_field():
    report = data_report(2)
    del report["examples"]
    with pytest.raises(ValueError, match=r"extract task\) lacks \[.examples.\]"):
        data_report_markdown(report)


def test_loss_series_keeps_finite_points_by_step():
    series = loss_series(HISTORY)
    assert series == {"train_loss": [(1, 3.0), (2, 2.5), (4, 2.0)], "val_loss": [(2, 2.7), (4, 2.4)]}


def test_loss_curve_png_and_data_uri(tmp_path):
    plot = loss_curve_png(HISTORY, tmp_path / "plots" / "loss.png")
    data = plot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 5_000
    uri = png_data_uri(plot)
    assert uri.startswith("data:image/png;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]) == data


def test_loss_curve_needs_losses_and_data_uri_needs_a_png(tmp_path):
    with pytest.raises(ValueError, match="nothing to plot"):
        loss_curve_png([{"step": 1, "val_perplexity": 3.0}], tmp_path / "x.png")
    (tmp_path / "fake.png").write_text("not a png")
    with pytest.raises(ValueError, match="not a PNG"):
        png_data_uri(tmp_path / "fake.png")


@pytest.mark.parametrize("step, batch, examples, epochs", [(46, 4, 183, 1.005), (2, 4, 183, 0.0437), (10, 16, 160, 1.0)])
def test_epochs_at(step, batch, examples, epochs):
    assert epochs_at(step, batch, examples) == pytest.approx(epochs, abs=1e-3)


def test_epochs_at_rejects_empty_training_data():
    with pytest.raises(ValueError, match="train_examples"):
        epochs_at(3, 4, 0)


def training_result(**changes) -> dict:
    result = {"checkpoint": "/x/fine_tune", "best_step": 46, "best_val_loss": 2.4, "best_val_word_perplexity": 30.5,
              "steps": 60, "train_tokens": 12000, "train_seconds": 120.0, "seconds_to_best_val": 90.0,
              "tokens_per_s": 100.0, "peak_memory_mb": 900.0, "device": "cpu", "world_size": 1,
              "stopped_early": True, "history": HISTORY}
    return {**result, **changes}


def test_training_summary_figures_plot_and_settings():
    markdown = training_summary_markdown(training_result(), {"learning_rate": 5e-5, "batch_size": None}, 4, 183,
                                         "data:image/png;base64,AAAA", "Also in MLflow.")
    assert "| best step | 46 of 60 |" in markdown
    assert "| best epoch | 1.01 (183 train examples, batch 4) |" in markdown
    assert "| tokens/s (real tokens) | 100 |" in markdown and "| stopped early | yes |" in markdown
    assert "![train and val loss per step](data:image/png;base64,AAAA)" in markdown
    assert "| learning_rate | 5e-05 |" in markdown and "Also in MLflow." in markdown


def test_training_summary_names_missing_fields():
    result = training_result()
    del result["tokens_per_s"]
    with pytest.raises(ValueError, match=r"train_result.json of the train task\) lacks \['tokens_per_s'\]"):
        training_summary_markdown(result, {}, 4, 10, "x")


def test_evaluation_table_lists_samples_with_flags():
    evaluation = {"metrics": {"perplexity": 12.3456, "word_perplexity": 40.0, "pairs": 26, "words": 416, "skipped": 0},
                  "samples": [{"case": "I feel alone", "reflection": "It sounds lonely.", "mean_logprob": -1.5, "flags": []},
                              {"case": "I feel alone", "reflection": "I feel alone", "mean_logprob": -0.5,
                               "flags": ["echo", "not_a_reflection"]}]}
    markdown = evaluation_markdown(evaluation)
    assert "| test perplexity (per token) | 12.35 | lower |" in markdown
    assert "| test word perplexity | 40 | lower |" in markdown and "| test pairs | 26 | — |" in markdown
    assert "Sampled reflections (2, 1 flagged by the safety filter)" in markdown
    assert "| # | case | reflection | safety flags | log-prob |" in markdown
    assert "| 2 | I feel alone | I feel alone | echo, not_a_reflection | -0.5 |" in markdown
    assert "| 1 | I feel alone | It sounds lonely. | — | -1.5 |" in markdown
    assert "in full" not in markdown  # nothing was cut
    with pytest.raises(ValueError, match=r"\['samples'\]"):
        evaluation_markdown({"metrics": evaluation["metrics"]})
    with pytest.raises(ValueError, match=r"evaluation.json's metrics lacks \['words'\]"):
        evaluation_markdown({**evaluation, "metrics": {k: v for k, v in evaluation["metrics"].items() if k != "words"}})


def test_evaluation_quality_rows_say_which_way_is_better():
    evaluation = {"metrics": {"perplexity": 12.0, "word_perplexity": 40.0, "pairs": 26, "words": 416},
                  "samples": [],
                  "quality": {"top1_mean": 0.61, "top1_pass_rate": 0.7, "skipped_crisis": 1,
                              "cases": [{"case": "I feel alone", "top1": 0.8, "candidates": ["It sounds lonely."]}]}}
    markdown = evaluation_markdown(evaluation)
    assert "## Reflection quality on 1 validation cases" in markdown
    assert "| top-1 mean scorer score (0 when none shown) | 0.61 | higher |" in markdown
    assert "| share of cases with a candidate above the threshold | 0.7 | higher |" in markdown
    assert "| cases the crisis screen stopped (skipped) | 1 | — |" in markdown
    assert "| I feel alone | 0.8 | It sounds lonely. |" in markdown


def test_evaluation_tables_fit_the_artifact_column_with_full_texts_below():
    long_case = "I moved to a new city for work and I have no friends here, and every evening is the same. " * 3
    long_reflection = "It sounds like the evenings alone in a new city have become heavy for you."
    evaluation = {"metrics": {"perplexity": 12.0, "word_perplexity": 40.0, "pairs": 26, "words": 416},
                  "samples": [{"case": long_case, "reflection": long_reflection, "mean_logprob": -1.25,
                               "flags": ["echo", "not_a_reflection", "question", "advice"]}] * 2,
                  "quality": {"top1_mean": 0.9, "top1_pass_rate": 1.0, "skipped_crisis": 0,
                              "cases": [{"case": long_case, "top1": 0.9, "candidates": [long_reflection] * 3}]}}
    lines = evaluation_markdown(evaluation).splitlines()
    rows = [line for line in lines if re.match(r"\| \d+ \|", line)]
    assert len(rows) == 3 and all(len(row) < 120 for row in rows)  # two samples, one quality case
    assert "- **1.** case: " + " ".join(long_case.split()) + " · reflection: " + long_reflection \
        + " · safety flags: echo, not_a_reflection, question, advice" in lines
    assert "- **2.** case: as in row 1 · reflection: as in row 1 · safety flags: as in row 1" in lines
    assert any(line.startswith("- **1.** case: I moved") and "candidates shown: " + long_reflection in line
               for line in lines)


def table_widths_px(markdown: str) -> list[float]:
    """Each markdown table's width as the Prefect UI draws it with a 1280 px window (its cells
    never wrap): per column, the longest cell's characters at PX_PER_CHAR plus the cell padding."""
    widths, columns = [], None
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("|"):
            cells = [cell.strip().replace("\\|", "|").replace("&lt;", "<").replace("&gt;", ">")
                     for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
            if not set("".join(cells)) <= set("-"):  # not the |---| line
                columns = [max(a, len(b)) for a, b in zip(columns, cells)] if columns else [len(c) for c in cells]
        elif columns:
            widths.append(sum(chars * report_render.PX_PER_CHAR + report_render.CELL_PADDING_PX for chars in columns))
            columns = None
    return widths


def test_report_tables_fit_the_artifact_column_of_a_1280_px_window():
    """Measured in Chromium (report_render.TEXT_CHARS): the table frame is 710 px wide there; a table
    of the sampled reflections used to be 784 px, which hid the safety flags behind a scroll bar."""
    text = "I moved to a new city for work and I have no friends here, and every evening is the same."
    evaluation = {"metrics": {"perplexity": 12.0, "word_perplexity": 40.0, "pairs": 26, "words": 416},
                  "samples": [{"case": text, "reflection": text, "mean_logprob": -12.3456,
                               "flags": ["not_a_reflection", "harmful_advice", "mentions_death"]}],
                  "quality": {"top1_mean": 0.9, "top1_pass_rate": 1.0, "skipped_crisis": 0,
                              "cases": [{"case": text, "top1": 0.9123, "candidates": [text] * 3}]}}
    report = data_report(10)
    report["examples"] = [{"case": text, "reflection": text, "split": "train"}] * 10
    for markdown in (evaluation_markdown(evaluation), data_report_markdown(report)):
        widths = table_widths_px(markdown)
        assert widths and max(widths) <= 700, widths
    assert "safety flags: not_a_reflection, harmful_advice, mentions_death" in evaluation_markdown(evaluation)


@pytest.mark.parametrize("uri, expected", [
    ("http://127.0.0.1:5000", {"run": "http://127.0.0.1:5000/#/experiments/7/runs/abc?workflowType=machine_learning",
                               "experiment": "http://127.0.0.1:5000/#/experiments/7/runs?workflowType=machine_learning",
                               "model_version": "http://127.0.0.1:5000/#/models/m/versions/3?workflowType=machine_learning"}),
    ("https://mlflow.example.org/", {"run": "https://mlflow.example.org/#/experiments/7/runs/abc?workflowType=machine_learning",
                                     "experiment": "https://mlflow.example.org/#/experiments/7/runs?workflowType=machine_learning",
                                     "model_version": "https://mlflow.example.org/#/models/m/versions/3?workflowType=machine_learning"}),
    ("sqlite:////tmp/mlflow.db", None),
])
def test_mlflow_ui_links(uri, expected):
    assert mlflow_ui_links(uri, "7", "abc", "m", 3) == expected


def test_mlflow_links_markdown_with_and_without_a_server():
    registered = {"model_name": "m", "model_version": 3, "aliases": ["candidate", "champion"]}
    links = mlflow_ui_links("http://h:1", "7", "abc", "m", 3)
    served = mlflow_links_markdown("http://h:1", "abc", registered, links)
    assert "[abc](http://h:1/#/experiments/7/runs/abc?workflowType=machine_learning) (all runs: [runs table](http://h:1/#/experiments/7/runs?workflowType=machine_learning))" \
        in served
    assert "[m v3](http://h:1/#/models/m/versions/3?workflowType=machine_learning) — aliases `candidate`, `champion`" in served
    local = mlflow_links_markdown("sqlite:////tmp/x.db", "abc", registered, None)
    assert "`models:/m/3`" in local and "mlflow ui --backend-store-uri sqlite:////tmp/x.db" in local


def test_artifact_keys_follow_prefects_rule():
    from tasks.reports import ARTIFACT_KEYS

    assert len(set(ARTIFACT_KEYS)) == 4
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key) for key in ARTIFACT_KEYS)


# ------------------------------------------------------------------ time limits
@pytest.mark.parametrize("changes", [{"step_timeout_s": 0}, {"train_timeout_s": -5}, {"step_timeout_s": "60"},
                                     {"train_timeout_s": True}])
def test_ops_settings_reject_bad_limits(changes):
    with pytest.raises(SettingsError, match="must be a number of seconds > 0"):
        OpsSettings(**changes)


def test_timeouts_apply_per_task_and_come_from_flow_settings():
    from tasks.core.stage_settings import build_settings
    from tasks import reports, training_tasks
    from tasks.task_options import with_timeouts

    ops = build_settings({"ops.step_timeout_s": 120, "ops.train_timeout_s": 900})["ops"]
    steps = with_timeouts(training_tasks, ops)
    assert steps.train.timeout_seconds == 900
    assert {steps.ingest.timeout_seconds, steps.evaluate.timeout_seconds, steps.register.timeout_seconds} == {120}
    assert steps.ingest.cache_policy is training_tasks.ingest.cache_policy  # options keep the cache policy
    assert training_tasks.train.timeout_seconds is None  # the module's tasks are left as they were
    assert with_timeouts(reports, ops).publish_training_summary.timeout_seconds == 120
    with pytest.raises(ValueError, match="no Prefect tasks"):
        with_timeouts(json, ops)


# ------------------------------------------------------------------ cache keys
def fake_context(fn) -> SimpleNamespace:
    return SimpleNamespace(task=SimpleNamespace(fn=fn))


def task_v1(x):
    return x


def task_v2(x):
    return x + 1


def test_ingest_and_extract_keys_exist_only_once_their_folders_are_complete(tmp_path):
    from tasks.core.data.settings import DataSettings
    from tasks.core.data.stages import extract_to_folder, ingest_to_folder
    from tasks.task_options import extract_cache_key, ingest_cache_key

    source = tmp_path / "data.csv"
    rows = ["questionTitle,questionText,answerText,split"]
    for q in range(6):
        split = ["train", "train", "train", "train", "val", "test"][q]
        rows += [f"Q{q},I have worry number {q} and it keeps me up,It sounds like worry {q} keeps you awake. Try a wind-down routine.,{split}"]
    source.write_text("\n".join(rows) + "\n")
    settings = DataSettings(extraction="opening")
    params = {"source": str(source), "settings": settings, "out_root": str(tmp_path / "prepared")}
    context = fake_context(task_v1)

    assert ingest_cache_key(context, params) is None  # nothing on disk: no Prefect cache either
    ingested = ingest_to_folder(str(source), settings, tmp_path / "prepared")
    key = ingest_cache_key(context, params)
    assert key is not None and key == ingest_cache_key(context, params)
    assert ingest_cache_key(fake_context(task_v2), params) != key  # edited task source: new key

    extract_params = {"ingested": ingested, "settings": settings}
    assert extract_cache_key(context, extract_params) is None
    extract_to_folder(ingested, settings)
    assert extract_cache_key(context, extract_params) is not None

    source.write_text(source.read_text().replace("worry number 1", "worry number 11"))
    assert ingest_cache_key(context, params) is None  # changed content: its folder does not exist yet


def test_tokenize_key_needs_both_splits_tokenized(tmp_path):
    from tasks.core.modeling.prompt import PromptSettings
    from tasks.core.modeling.tokenize import content_key
    from tasks.task_options import tokenize_cache_key

    model_dir = tmp_path / "model"
    model_dir.mkdir()
    (model_dir / "tokenizer.json").write_text('{"fake": 1}')
    pairs = {}
    for split in ("train", "val"):
        pairs[split] = str(tmp_path / f"{split}.jsonl")
        Path(pairs[split]).write_text(json.dumps({"case": f"{split} case", "reflection": "It sounds hard."}) + "\n")
    params = {"pairs": pairs, "model_dir": str(model_dir), "prompt_settings": PromptSettings(),
              "cache_root": str(tmp_path / "tokenized")}
    context = fake_context(task_v1)
    assert tokenize_cache_key(context, params) is None
    for split, expect_key in (("train", False), ("val", True)):
        folder = tmp_path / "tokenized" / content_key(Path(pairs[split]), model_dir, PromptSettings())
        folder.mkdir(parents=True)
        (folder / "summary.json").write_text("{}")
        assert (tokenize_cache_key(context, params) is not None) is expect_key
    first = tokenize_cache_key(context, params)
    (model_dir / "tokenizer.json").write_text('{"fake": 2}')  # another tokenizer: another content key
    assert tokenize_cache_key(context, params) is None
    assert first is not None
    missing = {**params, "pairs": {**pairs, "val": str(tmp_path / "gone.jsonl")}}
    assert tokenize_cache_key(context, missing) is None


def test_ending_a_run_prints_links_to_the_runs_view_not_mlflows_own(monkeypatch, capsys):
    """MLflow's printed experiment link opens the GenAI overview: end_run suppresses it and prints the runs table."""
    from tasks.tracking.registry import end_run

    monkeypatch.delenv("MLFLOW_SUPPRESS_PRINTING_URL_TO_STDOUT", raising=False)
    seen = []

    class FakeClient:
        tracking_uri = "http://127.0.0.1:5000"

        def set_terminated(self, run_id, status):
            seen.append((run_id, status, os.environ.get("MLFLOW_SUPPRESS_PRINTING_URL_TO_STDOUT")))

        def get_run(self, run_id):
            return SimpleNamespace(info=SimpleNamespace(experiment_id="7", run_name="train-x"))

    end_run(FakeClient(), "abc", "FINISHED")
    assert seen == [("abc", "FINISHED", "true")] and "MLFLOW_SUPPRESS_PRINTING_URL_TO_STDOUT" not in os.environ
    out = capsys.readouterr().out
    assert "MLflow run train-x (FINISHED): http://127.0.0.1:5000/#/experiments/7/runs/abc?workflowType=machine_learning" in out
    assert "MLflow runs of its experiment: http://127.0.0.1:5000/#/experiments/7/runs?workflowType=machine_learning\n" in out
    FakeClient.tracking_uri = "sqlite:////tmp/x.db"  # a local store: no UI, nothing printed
    end_run(FakeClient(), "abc", "FAILED")
    assert capsys.readouterr().out == ""
