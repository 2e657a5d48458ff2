"""The `make serve` / `make stop` machinery without servers: settings, environment, ports,
prefect.yaml, and that `stop` ends exactly the recorded processes (children included)."""
from __future__ import annotations

import socket
import sys
import time
from pathlib import Path

import psutil
import pytest
import yaml

from flows.ops.serve import (
    PROJECT_ROOT,
    ServeError,
    ServeSettings,
    launch,
    port_is_free,
    read_records,
    settings_from_env,
    stack_env,
    status,
    stop,
)


@pytest.mark.parametrize("changes, message", [
    ({"prefect_port": 0}, "not a TCP port"),
    ({"mlflow_port": 70000}, "not a TCP port"),
    ({"prefect_port": 5000, "mlflow_port": 5000}, "cannot share port 5000"),
    ({"reflect_port": 5000}, "MLFLOW_PORT and REFLECT_PORT cannot share port 5000"),
    ({"reflect_port": 0}, "reflect_port=0 is not a TCP port"),
    ({"reflect_alias_check_s": -1}, "REFLECT_ALIAS_CHECK_S=-1"),
    ({"project_root": Path("/")}, "No prefect.yaml"),
    ({"worker_poll_s": 0}, "worker_poll_s"),
])
def test_serve_settings_reject_bad_values(changes, message):
    with pytest.raises(ServeError, match=message):
        ServeSettings(**changes)


def test_settings_from_env_defaults_and_overrides(tmp_path):
    default = settings_from_env({})
    assert (default.prefect_ui, default.mlflow_url) == ("http://127.0.0.1:4200", "http://127.0.0.1:5000")
    assert default.state_dir == PROJECT_ROOT / "artifacts" / "serve"
    assert (default.reflect_url, default.reflect_alias_check_s) == ("http://127.0.0.1:5200", 30.0)
    custom = settings_from_env({"PREFECT_PORT": "4300", "MLFLOW_PORT": "5100", "REFLECT_PORT": "5300",
                                "REFLECT_ALIAS_CHECK_S": "5", "ROBO_THERAPIST_ARTIFACTS": str(tmp_path)})
    assert custom.prefect_api_url == "http://127.0.0.1:4300/api" and custom.mlflow_port == 5100
    assert custom.reflect_url == "http://127.0.0.1:5300" and custom.reflect_alias_check_s == 5.0
    assert custom.pids_file == tmp_path / "serve" / "pids.json"
    with pytest.raises(ServeError, match="whole numbers"):
        settings_from_env({"PREFECT_PORT": "http"})
    with pytest.raises(ServeError, match="whole numbers"):
        settings_from_env({"REFLECT_PORT": "5200.5"})
    with pytest.raises(ServeError, match="REFLECT_ALIAS_CHECK_S must be a number of seconds"):
        settings_from_env({"REFLECT_ALIAS_CHECK_S": "soon"})


def test_stack_env_points_every_process_at_the_two_servers(tmp_path):
    settings = ServeSettings(artifacts=tmp_path / "a", state_dir=tmp_path / "s", prefect_port=4301, mlflow_port=5101)
    env = stack_env(settings, {"PATH": "/bin", "MLFLOW_TRACKING_URI": "sqlite:///elsewhere.db"})
    assert env["PREFECT_API_URL"] == "http://127.0.0.1:4301/api"
    assert env["MLFLOW_TRACKING_URI"] == "http://127.0.0.1:5101"  # the server, not a local store
    assert env["ROBO_THERAPIST_ARTIFACTS"] == str(tmp_path / "a") and env["PATH"] == "/bin"
    assert env["PREFECT_HOME"] == str(tmp_path / "s" / "prefect-home")
    assert env["PREFECT_SERVER_CONCURRENCY_LEASE_STORAGE"] == "prefect.server.concurrency.lease_storage.filesystem"
    assert env["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"


def test_port_is_free_sees_a_listener():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        assert not port_is_free("127.0.0.1", port)
    assert port_is_free("127.0.0.1", port)


def test_prefect_yaml_deployments():
    config = yaml.safe_load((PROJECT_ROOT / "prefect.yaml").read_text())
    deployments = {d["name"]: d for d in config["deployments"]}
    assert set(deployments) == {"train-reflection-model", "reflect"}
    train, reflect = deployments["train-reflection-model"], deployments["reflect"]
    assert train["entrypoint"] == "flows/training.py:train_reflection_model" and train["parameters"] == {}
    assert [s["cron"] for s in train["schedules"]] == ["0 3 * * 1"]
    assert reflect["entrypoint"] == "flows/reflect.py:reflect_flow" and reflect["schedules"] == []
    # one training run at a time; a second one waits (AwaitingConcurrencySlot) instead of being cancelled
    assert train["concurrency_limit"] == {"limit": 1, "collision_strategy": "ENQUEUE"}
    assert "concurrency_limit" not in reflect
    assert train["work_pool"]["name"] == reflect["work_pool"]["name"] == "local"
    # offline: no git clone; runs start in the folder `prefect deploy` ran in
    assert config["pull"] == [{"prefect.deployments.steps.set_working_directory": {"directory": "{{ project-root.stdout }}"}}]
    assert config["build"][0]["prefect.deployments.steps.run_shell_script"]["id"] == "project-root"


SLEEPER = [sys.executable, "-c",
           "import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)']); time.sleep(300)"]


def test_stop_ends_recorded_processes_and_their_children(tmp_path):
    settings = ServeSettings(artifacts=tmp_path, state_dir=tmp_path / "serve")
    record = launch(settings, "worker", SLEEPER, {"PATH": "/usr/bin:/bin"})
    parent = psutil.Process(record["pid"])
    deadline = time.monotonic() + 30
    while not parent.children() and time.monotonic() < deadline:
        time.sleep(0.2)
    (child,) = parent.children()
    assert status(settings)["worker"]["alive"] is True
    ended = stop(settings)
    assert set(ended) == {parent.pid, child.pid}
    assert not parent.is_running() and not child.is_running()
    assert read_records(settings) == [] and not settings.pids_file.exists()


def test_stop_leaves_a_process_whose_pid_was_reused(tmp_path):
    settings = ServeSettings(artifacts=tmp_path, state_dir=tmp_path / "serve")
    record = launch(settings, "mlflow-server", [sys.executable, "-c", "import time; time.sleep(300)"], {"PATH": "/bin"})
    process = psutil.Process(record["pid"])
    try:
        # The same pid with another start time stands for a process the system started later.
        settings.pids_file.write_text(settings.pids_file.read_text().replace(
            str(record["create_time"]), str(record["create_time"] - 100)))
        assert stop(settings) == []
        assert process.is_running()
    finally:
        process.kill()
        process.wait(10)


def test_a_root_that_ignores_sigterm_is_ended_too():
    # A fresh-clone CI run left a Prefect worker running after the integration test: a root that
    # outlived its SIGTERM grace was never signalled again.
    import subprocess
    import sys

    import psutil

    from flows.ops.serve import end_processes

    child = subprocess.Popen([sys.executable, "-c", "import signal, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
                              "print('ready', flush=True); time.sleep(120)"], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    ended = end_processes([psutil.Process(child.pid)], grace_s=0.5)
    assert ended == [child.pid]
    assert not psutil.pid_exists(child.pid) or psutil.Process(child.pid).status() == psutil.STATUS_ZOMBIE
