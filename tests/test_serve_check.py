"""The fresh-venv serve check's own rules (the check itself builds a venv: minutes, run by hand)."""
from __future__ import annotations

from pathlib import Path

import pytest

from flows.ops.serve_check import CheckError, absolute_tracking_uri, clean_env, outside_project, verdict

NORMAL = {"status": 200, "answer": {"risk": "none", "candidates": [{"text": "It sounds hard.", "score": 0.9}]}}
CRISIS = {"status": 200, "answer": {"risk": "crisis", "candidates": [], "resources": [{"contact": "988"}]}}


def test_a_venv_inside_the_project_is_refused(tmp_path):
    project = tmp_path / "project"
    with pytest.raises(CheckError, match="inside the project"):
        outside_project(project / ".venv", project)
    assert outside_project(tmp_path / "elsewhere", project) == (tmp_path / "elsewhere").resolve()


def test_a_relative_sqlite_uri_becomes_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    absolute = f"sqlite:///{tmp_path.resolve()}/artifacts/mlflow.db"
    assert absolute_tracking_uri("sqlite:///artifacts/mlflow.db") == absolute
    assert absolute_tracking_uri("sqlite:////abs/mlflow.db") == "sqlite:////abs/mlflow.db"
    assert absolute_tracking_uri("http://127.0.0.1:5000") == "http://127.0.0.1:5000"


def test_the_server_gets_the_venv_first_on_path_and_nothing_of_the_project(monkeypatch):
    monkeypatch.setenv("PYTHONPATH", "/work/project")
    monkeypatch.setenv("ROBO_THERAPIST_ARTIFACTS", "/work/project/artifacts")
    env = clean_env(Path("/tmp/v"), "sqlite:////tmp/m.db")
    assert env["PATH"].startswith("/tmp/v/bin") and env["MLFLOW_TRACKING_URI"] == "sqlite:////tmp/m.db"
    assert "PYTHONPATH" not in env and "ROBO_THERAPIST_ARTIFACTS" not in env


@pytest.mark.parametrize(("normal", "crisis", "malformed", "says"), [
    (NORMAL, CRISIS, 400, None),
    ({"status": 200, "answer": {"risk": "elevated", "candidates": [], "message": "Are you thinking of suicide?"}},
     CRISIS, 400, None),  # a check-in alone is an answer
    ({"status": 500, "answer": "boom"}, CRISIS, 400, "normal case"),
    ({"status": 200, "answer": {"risk": "none", "candidates": []}}, CRISIS, 400, "neither candidates"),
    (NORMAL, {"status": 200, "answer": {"risk": "crisis", "candidates": [{"text": "x"}], "resources": [1]}}, 400,
     "generated text"),
    (NORMAL, {"status": 200, "answer": {"risk": "none", "candidates": []}}, 400, "crisis case"),
    (NORMAL, CRISIS, 500, "malformed body"),
])
def test_verdict(normal, crisis, malformed, says):
    problems = verdict(normal, crisis, malformed)
    assert (problems == []) if says is None else (len(problems) == 1 and says in problems[0])
