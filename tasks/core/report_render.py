"""Markdown and PNG renderings of a training run's reports (pure: no Prefect, no MLflow).

`tasks/reports.py` publishes them as keyed Prefect artifacts. Inputs are the JSON files the
stages write: the extract stage's `report.json`, the train stage's `train_result.json` and
the evaluate stage's `evaluation.json`. A missing field is an error naming the file's writer.
"""
from __future__ import annotations

import base64
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from tasks.core.metrics import QUALITY, TEST, of_part

EXAMPLE_PAIRS = 10        # example pairs shown in the data report
CELL_CHARS = 220          # longer cells are cut (with …) so tables stay readable
# Long texts in a table that the Prefect UI shows: its table cells never wrap (`.p-table-data`
# is `white-space: nowrap`) and a table wider than the artifact's column scrolls sideways, so
# its last columns are out of sight. Measured in Chromium (Prefect 3.9, 2026-12-03): with a
# 1280 px window the artifact page's markdown column is 726 px and a table's frame 710 px; a
# character of English text is about 7.2 px wide (Inter, 14 px) and each cell adds 24 px of
# padding. These limits keep every report table under ~700 px there (`PX_PER_CHAR`,
# `CELL_PADDING_PX`; tests/test_reports.py checks the widest case); the full texts follow
# each table (`md_table_cut`).
TEXT_CHARS = 24           # a case or a reflection in a table with other text columns
DATA_TEXT_CHARS = 36      # a case or a reflection in the data report's example table (two text columns)
FLAGS_CHARS = 22          # a list of safety flags
PX_PER_CHAR = 7.2
CELL_PADDING_PX = 24


def require(mapping: Mapping[str, Any], keys: Iterable[str], what: str) -> None:
    """Fail with the missing keys when `mapping` lacks any of them."""
    missing = [key for key in keys if key not in mapping]
    if missing:
        raise ValueError(f"{what} lacks {missing}; rerun the stage that writes it (the file may be from an older version).")


def cell_text(value: Any) -> str:
    """The text a cell shows for a value, before cutting and escaping: numbers formatted, lists
    joined ("—" when empty), line breaks flattened."""
    if isinstance(value, float):
        text = format_number(value)
    elif isinstance(value, (list, tuple)):
        text = ", ".join(str(item) for item in value) if value else "—"
    else:
        text = str(value)
    return " ".join(text.split())


def md_cell(value: Any, max_chars: int | None = CELL_CHARS) -> str:
    """One table cell: pipes escaped, line breaks flattened, long text cut with an ellipsis."""
    text = cell_text(value)
    if max_chars is not None and len(text) > max_chars:
        text = text[: max_chars - 1].rstrip() + "…"
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def format_number(value: float) -> str:
    """Numbers for humans: 4 significant digits, thousands as plain integers, inf/nan as words."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return "n/a" if math.isnan(value) else ("∞" if value > 0 else "-∞")
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.4g}"


def md_table(headers: Sequence[str], rows: Iterable[Sequence[Any]],
             max_chars: int | None | Sequence[int | None] = CELL_CHARS) -> str:
    """A GitHub-flavoured markdown table; `max_chars` is one limit for every cell or one per column."""
    limits = list(max_chars) if isinstance(max_chars, Sequence) else [max_chars] * len(headers)
    if len(limits) != len(headers):
        raise ValueError(f"{len(limits)} cell limits for {len(headers)} headers")
    lines = ["| " + " | ".join(md_cell(h, None) for h in headers) + " |", "|" + "---|" * len(headers)]
    for row in rows:
        if len(row) != len(headers):
            raise ValueError(f"table row has {len(row)} cells for {len(headers)} headers: {row!r}")
        lines.append("| " + " | ".join(md_cell(value, limit) for value, limit in zip(row, limits)) + " |")
    return "\n".join(lines)


def md_table_cut(headers: Sequence[str], rows: Iterable[Sequence[Any]], cut: Mapping[str, int]) -> str:
    """A numbered table whose long-text columns (`cut`: header -> characters) are cut so that it
    fits the Prefect UI's artifact column, then the full text of every cut cell by row number
    (a text already given for an earlier row points to that row instead of repeating)."""
    unknown = set(cut) - set(headers)
    if unknown:
        raise ValueError(f"cut names columns {sorted(unknown)} that the table does not have ({list(headers)})")
    rows = [list(row) for row in rows]
    full: list[str] = []
    first_row: dict[tuple[str, str], int] = {}
    for number, row in enumerate(rows, 1):
        texts = []
        for header, value in zip(headers, row):
            text = cell_text(value)
            if header in cut and len(text) > cut[header]:
                earlier = first_row.setdefault((header, text), number)
                texts.append(f"{header}: " + (md_cell(text, None) if earlier == number else f"as in row {earlier}"))
        if texts:
            full.append(f"- **{number}.** " + " · ".join(texts))
    table = md_table(("#", *headers), [(number, *row) for number, row in enumerate(rows, 1)],
                     [None, *(cut.get(header, CELL_CHARS) for header in headers)])
    if not full:
        return table
    return "\n".join([table, "", "Cut texts (…) in full:", "", *full])


# ------------------------------------------------------------------ data report
def data_report_markdown(report: Mapping[str, Any], examples: int = EXAMPLE_PAIRS) -> str:
    """Counts (rows in, pairs, drops by reason, splits, duplicates removed), then example pairs."""
    require(report, ("rows_in", "pairs", "dropped", "splits", "examples"), "The data report (report.json of the extract task)")
    counts: list[tuple[str, Any]] = [("rows read", report["rows_in"]), ("pairs kept", report["pairs"])]
    counts += [(f"dropped: {reason}", count) for reason, count in sorted(report["dropped"].items())]
    for name in ("cross_split_duplicates_removed", "duplicate_pairs_removed"):
        if name in report:
            counts.append((name.replace("_", " "), report[name]))
    extraction = report.get("extraction")
    if extraction:
        counts += [("extraction rule", extraction["rule"]),
                   ("answers with a target / considered",
                    f"{extraction['answers_kept']} / {extraction['answers_considered']} ({extraction['kept_share']:.1%})")]
        if "threshold" in extraction:
            counts.append(("reflection scorer threshold", extraction["threshold"]))
        if extraction.get("written_reflections_added"):
            counts.append(("written reflections added to train", extraction["written_reflections_added"]))
    split_rows = [(name, split["pairs"], split["questions"]) for name, split in report["splits"].items()]
    shown = list(report["examples"])[:examples]
    parts = ["# Data report", ""]
    if report.get("source"):
        parts += [f"Source: `{report['source']}`", ""]
    parts += [md_table(("count", "value"), counts), "", "## Splits", "",
              md_table(("split", "pairs", "questions"), split_rows), "",
              f"## {len(shown)} example pairs", ""]
    if shown:
        parts.append(md_table_cut(("split", "case", "reflection"),
                                  [(pair.get("split", ""), pair["case"], pair["reflection"]) for pair in shown],
                                  {"case": DATA_TEXT_CHARS, "reflection": DATA_TEXT_CHARS}))
    else:
        parts.append("_The report has no example pairs._")
    return "\n".join(parts) + "\n"


# ------------------------------------------------------------------ training summary
def loss_series(history: Sequence[Mapping[str, Any]]) -> dict[str, list[tuple[int, float]]]:
    """(step, value) points of train_loss and val_loss from a training history."""
    series: dict[str, list[tuple[int, float]]] = {"train_loss": [], "val_loss": []}
    for record in history:
        for name, points in series.items():
            value = record.get(name)
            if isinstance(value, (int, float)) and math.isfinite(value):
                points.append((int(record["step"]), float(value)))
    return series


def loss_curve_png(history: Sequence[Mapping[str, Any]], out_path: str | Path, title: str = "Loss per step") -> Path:
    """Plot train and val loss per optimizer step to a PNG (matplotlib, Agg backend); returns its path."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import MaxNLocator

    series = loss_series(history)
    if not series["train_loss"] and not series["val_loss"]:
        raise ValueError("The training history has no train_loss or val_loss records; nothing to plot.")
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    figure, axes = plt.subplots(figsize=(6.4, 3.6), dpi=100)
    try:
        for name, style in (("train_loss", "-"), ("val_loss", "o-")):
            points = series[name]
            if points:
                axes.plot([s for s, _ in points], [v for _, v in points], style, label=name.replace("_", " "),
                          markersize=4, linewidth=1.5)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.ticklabel_format(axis="y", useOffset=False)  # plain losses, not "+1.08e1" offsets
        axes.set_xlabel("optimizer step")
        axes.set_ylabel("loss (nats per label token)")
        axes.set_title(title)
        axes.grid(alpha=0.3)
        axes.legend()
        figure.tight_layout()
        figure.savefig(out_path, format="png")
    finally:
        plt.close(figure)
    return out_path


def png_data_uri(path: str | Path) -> str:
    """A PNG as a `data:` URI (the Prefect UI shows those inline in markdown artifacts)."""
    data = Path(path).read_bytes()
    if not data.startswith(b"\x89PNG"):
        raise ValueError(f"{path} is not a PNG file.")
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def epochs_at(step: int, batch_size: int, train_examples: int) -> float:
    """Epochs of data seen after `step` optimizer steps of `batch_size` examples."""
    if train_examples < 1 or batch_size < 1:
        raise ValueError(f"need train_examples >= 1 and batch_size >= 1 (got {train_examples}, {batch_size})")
    return step * batch_size / train_examples


def training_summary_markdown(result: Mapping[str, Any], settings: Mapping[str, Any], batch_size: int,
                              train_examples: int, plot_uri: str, plot_note: str = "") -> str:
    """Key figures (best step and epoch, time, tokens/s), the loss curve and the train settings.
    `batch_size` is the global batch in force (the setting may be None = the device's default)."""
    require(result, ("best_step", "best_val_loss", "best_val_word_perplexity", "steps", "train_seconds",
                     "tokens_per_s", "train_tokens", "device", "stopped_early"),
            "The training result (train_result.json of the train task)")
    batch = int(batch_size)
    figures = [
        ("best step", f"{result['best_step']} of {result['steps']}"),
        ("best epoch", f"{epochs_at(int(result['best_step']), batch, train_examples):.2f} "
                       f"({train_examples} train examples, batch {batch})"),
        ("best val loss", result["best_val_loss"]),
        ("best val word perplexity", result["best_val_word_perplexity"]),
        ("training time (s)", result["train_seconds"]),
        ("seconds to best val", result.get("seconds_to_best_val", "n/a")),
        ("tokens/s (real tokens)", result["tokens_per_s"]),
        ("tokens trained on", result["train_tokens"]),
        ("device", f"{result['device']} × {result.get('world_size', 1)}"),
        ("stopped early", "yes" if result["stopped_early"] else "no"),
    ]
    parts = ["# Training summary", "", md_table(("figure", "value"), figures), "", "## Loss curve", "",
             f"![train and val loss per step]({plot_uri})", ""]
    if plot_note:
        parts += [plot_note, ""]
    parts += ["## Train settings", "", md_table(("setting", "value"), sorted(settings.items()), None)]
    return "\n".join(parts) + "\n"


# ------------------------------------------------------------------ evaluation
def metric_rows(part: str, values: Mapping[str, Any], what: str) -> list[tuple[str, Any, str]]:
    """(label, value, which way is better) for each metric of the contract's `part` in `values`;
    a required one missing is an error naming `what`."""
    require(values, [m.key for m in of_part(part) if m.required], what)
    return [(m.label, values[m.key], m.better or "—") for m in of_part(part) if m.key in values]


def evaluation_markdown(evaluation: Mapping[str, Any]) -> str:
    """Test metrics, each sampled reflection with its safety-filter flags, then the reflection
    quality metrics and cases. The metric rows are those of the metrics contract (`tasks/core/metrics.py`)."""
    require(evaluation, ("metrics", "samples"), "The evaluation (evaluation.json of the evaluate task)")
    metric_table = md_table(("metric", "value", "better"), metric_rows(TEST, evaluation["metrics"],
                                                                       "evaluation.json's metrics"))
    samples = list(evaluation["samples"])
    flagged = sum(1 for sample in samples if sample.get("flags"))
    parts = ["# Evaluation", "", metric_table, "",
             f"## Sampled reflections ({len(samples)}, {flagged} flagged by the safety filter)", ""]
    if samples:
        # The flags before the log-prob: they matter more to a reader (see TEXT_CHARS on widths).
        parts.append(md_table_cut(("case", "reflection", "safety flags", "log-prob"),
                                  [(s["case"], s["reflection"], s.get("flags") or "—", s.get("mean_logprob", "n/a"))
                                   for s in samples],
                                  {"case": TEXT_CHARS, "reflection": TEXT_CHARS, "safety flags": FLAGS_CHARS}))
        parts += ["", "log-prob: the reflection's mean log-probability per token under the model (higher = "
                      "more expected by it)."]
    else:
        parts.append("_No samples (eval.sample_cases = 0)._")
    quality = evaluation.get("quality")
    if quality:
        rows = quality["cases"]
        parts += ["", f"## Reflection quality on {len(rows)} validation cases", "",
                  md_table(("metric", "value", "better"), metric_rows(QUALITY, quality, "evaluation.json's quality")),
                  ""]
        if rows:
            parts.append(md_table_cut(("case", "top-1 score", "candidates shown"),
                                      [(row["case"], row["top1"], " / ".join(row["candidates"]) or "none passed")
                                       for row in rows],
                                      {"case": TEXT_CHARS, "candidates shown": TEXT_CHARS}))
    return "\n".join(parts) + "\n"


# ------------------------------------------------------------------ MLflow links
# MLflow 3.17's UI has two modes, "GenAI" (the default in a new browser) and "Model training",
# chosen by this query parameter of its addresses (and remembered by the browser). In GenAI mode
# the bare `#/experiments/<id>` opens an empty overview, a run page highlights "Evaluation runs"
# in the side bar and the side bar has no model registry; in Model training mode the side bar
# has Runs, Models and Model registry.
MLFLOW_TRAINING_MODE = "?workflowType=machine_learning"


def mlflow_run_links(tracking_uri: str, experiment_id: str, run_id: str) -> dict[str, str] | None:
    """Browser addresses of a run and of its experiment's runs table on an MLflow server, opened in
    MLflow's "Model training" mode (`MLFLOW_TRAINING_MODE`); None for a local store. The experiment
    address ends in `/runs`: MLflow 3's bare `#/experiments/<id>` opens an empty GenAI overview."""
    if not tracking_uri.startswith(("http://", "https://")):
        return None
    experiment = f"{tracking_uri.rstrip('/')}/#/experiments/{experiment_id}/runs"
    return {"run": f"{experiment}/{run_id}{MLFLOW_TRAINING_MODE}", "experiment": experiment + MLFLOW_TRAINING_MODE}


def mlflow_ui_links(tracking_uri: str, experiment_id: str, run_id: str, model_name: str,
                    version: int | str) -> dict[str, str] | None:
    """Browser addresses of the run, its experiment's runs table and the model version on an MLflow
    server; None for a local store (sqlite or folder), which has no UI until `mlflow ui` is started on it."""
    links = mlflow_run_links(tracking_uri, experiment_id, run_id)
    if links is None:
        return None
    return {**links, "model_version": f"{tracking_uri.rstrip('/')}/#/models/{model_name}/versions/{version}"
                                      f"{MLFLOW_TRAINING_MODE}"}


def mlflow_links_markdown(tracking_uri: str, run_id: str, registered: Mapping[str, Any],
                          links: Mapping[str, str] | None) -> str:
    """The MLflow run and the registered model version, as links when a server is used."""
    require(registered, ("model_name", "model_version", "aliases"), "The register task's result")
    name, version = registered["model_name"], registered["model_version"]
    aliases = ", ".join(f"`{alias}`" for alias in registered["aliases"]) or "none"
    parts = ["# MLflow", ""]
    if links:
        parts += [f"- Run: [{run_id}]({links['run']}) (all runs: [runs table]({links['experiment']}))",
                  f"- Model version: [{name} v{version}]({links['model_version']}) — aliases {aliases}"]
    else:
        parts += [f"- Run: `runs:/{run_id}` (tracking store `{tracking_uri}`)",
                  f"- Model version: `models:/{name}/{version}` — aliases {aliases}", "",
                  f"No MLflow server was used; browse with `mlflow ui --backend-store-uri {tracking_uri}`."]
    parts += ["", f"Load it: `mlflow.pyfunc.load_model(\"models:/{name}/{version}\")`"]
    return "\n".join(parts) + "\n"


def champion_markdown(registered: Mapping[str, Any], champion_alias: str) -> str:
    """Whether `champion_alias` moved to the new version and why, in words: both versions' figures
    that the decision compared (from the register task's `comparison`), which way is better for
    each, and the decision as recorded on the MLflow run (tag `champion_decision`)."""
    require(registered, ("model_version", "aliases", "champion_before", "champion_decision", "comparison"),
            "The register task's result")
    compared = registered["comparison"]
    require(compared, ("metric", "value", "champion_value", "champion_rescored", "quality_metric", "quality",
                       "champion_quality", "quality_tolerance", "better"), "The register task's comparison")
    new, before = f"v{registered['model_version']}", registered["champion_before"]
    moved = champion_alias in registered["aliases"]
    if moved and before is None:
        verdict = f"**`{champion_alias}` moved to {new}**: there was no `{champion_alias}` before."
    elif moved:
        verdict = f"**`{champion_alias}` moved from v{before} to {new}.**"
    elif before is None:
        verdict = f"**No `{champion_alias}`**: there was none, and {new} did not qualify."
    else:
        verdict = f"**`{champion_alias}` stayed on v{before}**; {new} is only a candidate."
    parts = ["## Champion", "", verdict, ""]
    if before is None:  # nothing to compare with: the new version's own figures, and which way is better
        better = compared["better"]
        rows = [(compared["metric"], compared["value"], better[compared["metric"]]),
                (compared["quality_metric"], compared["quality"], better[compared["quality_metric"]])]
        parts += [md_table(("figure", f"{new} (new)", "better"),
                           [(name, "n/a" if mine is None else mine, way) for name, mine, way in rows]), ""]
    else:
        better = compared["better"]
        rows = [(compared["metric"], compared["value"], compared["champion_value"], better[compared["metric"]]),
                (compared["quality_metric"], compared["quality"], compared["champion_quality"],
                 f"{better[compared['quality_metric']]} (may be worse by {format_number(compared['quality_tolerance'])})")]
        parts += [md_table(("figure", f"{new} (new)", f"v{before} (champion)", "better"),
                           [(name, "n/a" if mine is None else mine, "n/a" if theirs is None else theirs, way)
                            for name, mine, theirs, way in rows]), ""]
        if compared["champion_rescored"]:
            parts += [f"v{before} was tested on other pairs, so its {compared['metric']} is re-scored on this run's.", ""]
    parts.append(f"Why: {registered['champion_decision']}.")
    return "\n".join(parts) + "\n"
