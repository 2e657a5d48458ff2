"""The command line sets Prefect's environment when it runs, not when it is imported."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

PREFECT_DEFAULTS = {
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
}


def test_importing_the_cli_leaves_the_environment_alone() -> None:
    env = {key: value for key, value in os.environ.items() if key not in PREFECT_DEFAULTS}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    probe = f"import os, flows.cli; print(sorted(k for k in {sorted(PREFECT_DEFAULTS)!r} if k in os.environ))"
    out = subprocess.run([sys.executable, "-c", probe], env=env, cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_main_sets_the_prefect_defaults_unless_given(monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.cli import main

    for key in PREFECT_DEFAULTS:  # setenv first so the test restores whatever was there
        monkeypatch.setenv(key, "x")
        monkeypatch.delenv(key)
    monkeypatch.setenv("PREFECT_SERVER_ANALYTICS_ENABLED", "true")  # a caller's own value wins
    with pytest.raises(SystemExit):
        main(["--help"])
    assert os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] == "180"
    assert os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] == "true"
