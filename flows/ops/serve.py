"""`make serve` / `make stop`: a local Prefect server (UI), an MLflow tracking server (UI and
registry), the `local` process work pool, the deployments of `prefect.yaml`, one worker, and the
reflect endpoint with its page (flows/ops/reflect_server.py), which serves the registry's champion.

    python -m flows.ops.serve start    # prints the UI addresses and the reflect page
    python -m flows.ops.serve stop     # ends exactly the processes `start` recorded
    python -m flows.ops.serve status

Every process started is recorded (role, pid, start time) in `<state>/pids.json` as soon as it
starts, so `stop` works even after a failed start. `stop` checks each pid's start time, so a
pid the system has since reused is never touched, and it also ends the flow-run processes the
worker started (they run in their own sessions). Logs go to `<state>/logs/<role>.log`.
The integration test drives the same functions with free ports and a temporary state folder.

Why this is ours and not only Prefect's commands (Prefect 3.9): `prefect server start
--background` / `prefect server stop` and `prefect server status --wait` cover the Prefect
server alone, and `create_work_pool` / `deploy` already call `prefect work-pool create` and
`prefect deploy --all`. Prefect does not start or stop the MLflow server or the reflect endpoint, has no background mode
for `prefect worker start`, does not end flow-run processes that run in their own sessions,
trusts its pid file (no check that a pid was reused), and does not undo a half-failed start. One
record of every process, with one `stop`, is what `make serve` / `make stop` need.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

PROJECT_ROOT = Path(__file__).resolve().parents[2]
WORK_POOL = "local"  # the pool named in prefect.yaml
PIDS_FILE = "pids.json"
# Seconds a recorded process gets to exit on SIGTERM. A Prefect worker keeps nothing to flush
# (run states live on the server), and once it has run a flow it did not exit within 15 s here.
# The reflect endpoint keeps nothing either (the model is read from the registry).
STOP_GRACE_S = {"worker": 5.0, "reflect-server": 5.0}
DEFAULT_STOP_GRACE_S = 15.0


class ServeError(RuntimeError):
    """A server did not come up, a port is taken, or a command failed; the message says which and what to do."""


@dataclass(frozen=True)
class ServeSettings:
    """Where and how the local stack runs."""

    project_root: Path = PROJECT_ROOT     # holds prefect.yaml; deployments run here
    artifacts: Path = PROJECT_ROOT / "artifacts"  # mlflow.db, MLflow artifacts and training runs
    state_dir: Path = PROJECT_ROOT / "artifacts" / "serve"  # pids.json, logs/, prefect-home/
    host: str = "127.0.0.1"
    prefect_port: int = 4200
    mlflow_port: int = 5000
    reflect_port: int = 5200              # the reflect endpoint and its page
    reflect_alias_check_s: float = 30.0   # the endpoint asks the registry which version is champion at most this often
    deployments: tuple[str, ...] = ()     # deployment names to deploy; () = all of prefect.yaml
    startup_timeout_s: float = 300.0      # per server; first starts run database migrations
    worker_poll_s: int = 10               # how often the worker asks for scheduled runs
    mlflow_workers: int = 1               # gunicorn/uvicorn workers of the MLflow server

    def __post_init__(self) -> None:
        for name in ("prefect_port", "mlflow_port", "reflect_port"):
            port = getattr(self, name)
            if not 1 <= port <= 65535:
                raise ServeError(f"{name}={port} is not a TCP port; pick one in 1..65535 (defaults 4200, 5000 and 5200).")
        ports = {"PREFECT_PORT": self.prefect_port, "MLFLOW_PORT": self.mlflow_port, "REFLECT_PORT": self.reflect_port}
        for variable, port in ports.items():
            sharing = [other for other, value in ports.items() if value == port and other != variable]
            if sharing:
                raise ServeError(f"{variable} and {sharing[0]} cannot share port {port}; set one of them to another port.")
        if not self.reflect_alias_check_s >= 0:
            raise ServeError(f"REFLECT_ALIAS_CHECK_S={self.reflect_alias_check_s} must be >= 0 seconds (default 30).")
        if not (self.project_root / "prefect.yaml").is_file():
            raise ServeError(f"No prefect.yaml in {self.project_root}; run from the robo-therapist checkout.")
        if self.startup_timeout_s <= 0 or self.worker_poll_s < 1 or self.mlflow_workers < 1:
            raise ServeError("startup_timeout_s must be > 0, worker_poll_s and mlflow_workers >= 1.")

    @property
    def prefect_ui(self) -> str:
        return f"http://{self.host}:{self.prefect_port}"

    @property
    def prefect_api_url(self) -> str:
        return f"{self.prefect_ui}/api"

    @property
    def mlflow_url(self) -> str:
        return f"http://{self.host}:{self.mlflow_port}"

    @property
    def reflect_url(self) -> str:
        return f"http://{self.host}:{self.reflect_port}"

    @property
    def pids_file(self) -> Path:
        return self.state_dir / PIDS_FILE


def settings_from_env(environ: dict[str, str] | None = None) -> ServeSettings:
    """Settings from PREFECT_PORT, MLFLOW_PORT, REFLECT_PORT, REFLECT_ALIAS_CHECK_S and
    ROBO_THERAPIST_ARTIFACTS (the Makefile passes them on)."""
    environ = dict(os.environ if environ is None else environ)
    artifacts = Path(environ.get("ROBO_THERAPIST_ARTIFACTS") or PROJECT_ROOT / "artifacts").resolve()
    try:
        prefect_port = int(environ.get("PREFECT_PORT") or 4200)
        mlflow_port = int(environ.get("MLFLOW_PORT") or 5000)
        reflect_port = int(environ.get("REFLECT_PORT") or 5200)
    except ValueError as error:
        raise ServeError(f"PREFECT_PORT / MLFLOW_PORT / REFLECT_PORT must be whole numbers ({error}).") from error
    try:
        alias_check_s = float(environ.get("REFLECT_ALIAS_CHECK_S") or 30)
    except ValueError as error:
        raise ServeError(f"REFLECT_ALIAS_CHECK_S must be a number of seconds ({error}).") from error
    return ServeSettings(artifacts=artifacts, state_dir=artifacts / "serve", prefect_port=prefect_port,
                         mlflow_port=mlflow_port, reflect_port=reflect_port, reflect_alias_check_s=alias_check_s)


LEASE_STORAGE = "prefect.server.concurrency.lease_storage.filesystem"


def stack_env(settings: ServeSettings, base: dict[str, str] | None = None) -> dict[str, str]:
    """Environment of every process of the stack: one Prefect home and API, one MLflow server."""
    env = dict(os.environ if base is None else base)
    env.update({
        "PREFECT_HOME": str(settings.state_dir / "prefect-home"),
        "PREFECT_API_URL": settings.prefect_api_url,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",   # offline: telemetry would only log errors
        # The training deployment's concurrency slot is held under a lease. Prefect keeps leases in
        # the server's memory by default, so a run still holding the slot when the server stops
        # (`make stop` mid-training) would hold it for ever after a restart: every later training
        # run would wait. On disk (PREFECT_HOME/concurrency_leases) the lease expires and the
        # slot comes back (within 5 minutes: the flow renews it for 300 s at a time).
        "PREFECT_SERVER_CONCURRENCY_LEASE_STORAGE": LEASE_STORAGE,
        "PREFECT_WORKER_QUERY_SECONDS": str(settings.worker_poll_s),
        "MLFLOW_TRACKING_URI": settings.mlflow_url,
        "ROBO_THERAPIST_ARTIFACTS": str(settings.artifacts),
        "PYTHONUNBUFFERED": "1",
    })
    return env


def executable(name: str) -> str:
    """A console script of this virtualenv (prefect, mlflow), next to the running Python."""
    path = Path(sys.executable).with_name(name)
    if not path.exists():
        raise ServeError(f"{path} is missing; run `make setup` to install the pinned packages.")
    return str(path)


def port_is_free(host: str, port: int) -> bool:
    """True when nothing listens on host:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = "127.0.0.1") -> int:
    """A port the system says is free now (for tests)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


# ------------------------------------------------------------------ process records
def read_records(settings: ServeSettings) -> list[dict[str, Any]]:
    """The processes recorded by `start` ([] when none)."""
    if not settings.pids_file.is_file():
        return []
    return json.loads(settings.pids_file.read_text())


def _write_records(settings: ServeSettings, records: list[dict[str, Any]]) -> None:
    settings.pids_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = settings.pids_file.with_suffix(".partial")
    tmp.write_text(json.dumps(records, indent=1))
    os.replace(tmp, settings.pids_file)


def _recorded_process(record: dict[str, Any]) -> psutil.Process | None:
    """The live process of a record, or None when it ended or its pid now belongs to another process."""
    try:
        process = psutil.Process(int(record["pid"]))
        if abs(process.create_time() - float(record["create_time"])) > 0.01:
            return None
        return process
    except psutil.Error:
        return None


def launch(settings: ServeSettings, role: str, command: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Start a command in its own session (so its whole group can be ended), log to logs/<role>.log,
    and record it before returning."""
    log_dir = settings.state_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{role}.log"
    with log_path.open("ab") as log:
        process = subprocess.Popen(command, cwd=settings.project_root, env=env, stdin=subprocess.DEVNULL,
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    record = {"role": role, "pid": process.pid, "create_time": psutil.Process(process.pid).create_time(),
              "log": str(log_path), "command": command}
    _write_records(settings, [*read_records(settings), record])
    return record


def _log_tail(record: dict[str, Any], lines: int = 15) -> str:
    try:
        return "\n".join(Path(record["log"]).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def wait_for_http(url: str, record: dict[str, Any], timeout_s: float) -> float:
    """Poll url until it answers 200; returns the seconds since the process started. Fails early
    if the process exited."""
    started = time.monotonic()
    while time.monotonic() - started < timeout_s:
        if _recorded_process(record) is None:
            raise ServeError(f"{record['role']} exited before answering {url}; its log ({record['log']}) ends:\n"
                             + _log_tail(record))
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return time.time() - float(record["create_time"])
        except OSError:
            pass
        time.sleep(1.0)
    raise ServeError(f"{record['role']} did not answer {url} within {timeout_s:.0f} s (busy machine? raise "
                     f"startup_timeout_s); its log ({record['log']}) ends:\n" + _log_tail(record))


def run_command(settings: ServeSettings, role: str, command: list[str], env: dict[str, str],
                timeout_s: float = 600) -> str:
    """Run a short command to completion (work-pool create, deploy); its output is appended to logs/<role>.log."""
    result = subprocess.run(command, cwd=settings.project_root, env=env, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=timeout_s)
    log_dir = settings.state_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    with (log_dir / f"{role}.log").open("a") as log:
        log.write(f"$ {' '.join(command)}\n{result.stdout}{result.stderr}\n")
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-20:])
        raise ServeError(f"`{' '.join(command[1:])}` failed (exit {result.returncode}):\n{tail}")
    return result.stdout


# ------------------------------------------------------------------ the stack
def launch_prefect_server(settings: ServeSettings, env: dict[str, str]) -> dict[str, Any]:
    """`prefect server start` on host:prefect_port (its database lives in PREFECT_HOME)."""
    return launch(settings, "prefect-server", [executable("prefect"), "server", "start", "--host", settings.host,
                                               "--port", str(settings.prefect_port)], env)


def launch_mlflow_server(settings: ServeSettings, env: dict[str, str]) -> dict[str, Any]:
    """`mlflow server` with the project's sqlite registry and artifacts under artifacts/mlartifacts,
    served over HTTP (`--serve-artifacts`) so clients need no access to the folder."""
    settings.artifacts.mkdir(parents=True, exist_ok=True)
    command = [executable("mlflow"), "server", "--host", settings.host, "--port", str(settings.mlflow_port),
               "--workers", str(settings.mlflow_workers),
               "--backend-store-uri", f"sqlite:///{settings.artifacts / 'mlflow.db'}",
               "--serve-artifacts", "--artifacts-destination", (settings.artifacts / "mlartifacts").as_uri()]
    return launch(settings, "mlflow-server", command, env)


def start_servers(settings: ServeSettings, env: dict[str, str],
                  while_mlflow_starts: Callable[[], Any] | None = None) -> dict[str, float]:
    """Both servers, started together (each takes tens of seconds on a busy machine). Once
    Prefect answers, `while_mlflow_starts()` runs (work pool, deployments: no MLflow needed),
    then MLflow is awaited. Returns the seconds from launch until each answer was seen (for
    MLflow that includes `while_mlflow_starts`)."""
    prefect_record = launch_prefect_server(settings, env)
    mlflow_record = launch_mlflow_server(settings, env)
    timeout = settings.startup_timeout_s
    ready = {"prefect": round(wait_for_http(f"{settings.prefect_api_url}/health", prefect_record, timeout), 1)}
    if while_mlflow_starts is not None:
        while_mlflow_starts()
    ready["mlflow"] = round(wait_for_http(f"{settings.mlflow_url}/health", mlflow_record, timeout), 1)
    return ready


def create_work_pool(settings: ServeSettings, env: dict[str, str]) -> None:
    """The `local` process pool of prefect.yaml (reset to the process defaults when it exists)."""
    run_command(settings, "deploy", [executable("prefect"), "--no-prompt", "work-pool", "create", WORK_POOL,
                                     "--type", "process", "--overwrite"], env)


def deploy_with_pool(settings: ServeSettings, env: dict[str, str]) -> str:
    """The work pool, then the deployments (they must name an existing pool)."""
    create_work_pool(settings, env)
    return deploy(settings, env)


def deploy(settings: ServeSettings, env: dict[str, str]) -> str:
    """`prefect deploy` from the project root: all deployments of prefect.yaml, or the named ones."""
    names = [arg for name in settings.deployments for arg in ("--name", name)]
    return run_command(settings, "deploy", [executable("prefect"), "--no-prompt", "deploy",
                                            *(names or ["--all"])], env)


def start_worker(settings: ServeSettings, env: dict[str, str]) -> dict[str, Any]:
    """A process worker on the `local` pool; its flow runs inherit MLFLOW_TRACKING_URI and PREFECT_API_URL."""
    return launch(settings, "worker", [executable("prefect"), "worker", "start", "--pool", WORK_POOL,
                                       "--type", "process", "--name", f"robo-therapist-{os.getpid()}"], env)


def launch_reflect_server(settings: ServeSettings, env: dict[str, str]) -> dict[str, Any]:
    """The reflect endpoint and its page on host:reflect_port; it reads the champion from the MLflow
    server (MLFLOW_TRACKING_URI of the stack) and caches checkpoints under artifacts/model_cache."""
    return launch(settings, "reflect-server", [sys.executable, "-m", "flows.ops.reflect_server", "--host", settings.host,
                                               "--port", str(settings.reflect_port),
                                               "--alias-check-s", f"{settings.reflect_alias_check_s:g}"], env)


def start(settings: ServeSettings) -> dict[str, Any]:
    """Bring the whole stack up. On any failure, end what was started and re-raise."""
    alive = [record["role"] for record in read_records(settings) if _recorded_process(record)]
    if alive:
        raise ServeError(f"Already running ({', '.join(alive)}); `make stop` first.")
    for port, variable in ((settings.prefect_port, "PREFECT_PORT"), (settings.mlflow_port, "MLFLOW_PORT"),
                           (settings.reflect_port, "REFLECT_PORT")):
        if not port_is_free(settings.host, port):
            raise ServeError(f"Port {port} on {settings.host} is in use; stop what listens there or set "
                             f"{variable}=<port> (e.g. `make serve {variable}={port + 1}`).")
    _write_records(settings, [])
    env = stack_env(settings)
    started = time.monotonic()
    try:
        ready = start_servers(settings, env, while_mlflow_starts=lambda: deploy_with_pool(settings, env))
        reflect_record = launch_reflect_server(settings, env)
        start_worker(settings, env)
        ready["reflect"] = round(wait_for_http(f"{settings.reflect_url}/health", reflect_record,
                                               settings.startup_timeout_s), 1)
    except BaseException:
        stop(settings)
        raise
    return {"prefect_ui": settings.prefect_ui, "mlflow_ui": settings.mlflow_url, "reflect_page": settings.reflect_url,
            "prefect_ready_s": ready["prefect"], "mlflow_ready_s": ready["mlflow"], "reflect_ready_s": ready["reflect"],
            "total_s": round(time.monotonic() - started, 1),
            "pids": {record["role"]: record["pid"] for record in read_records(settings)},
            "logs": str(settings.state_dir / "logs")}


def processes_of(record: dict[str, Any]) -> list[psutil.Process]:
    """A recorded process, its descendants (flow runs start their own sessions) and the rest of its
    process group (children its server may have left behind)."""
    pid = int(record["pid"])
    root = _recorded_process(record)
    if root is None and psutil.pid_exists(pid):
        return []  # the pid now belongs to another process, so our group is gone too
    found: dict[int, psutil.Process] = {}  # the root first (see end_processes)
    if root is not None:
        found[root.pid] = root
        for child in root.children(recursive=True):
            found[child.pid] = child
    # Linux never reuses a pid while a group of that id lives: its members are ours.
    for process in psutil.process_iter(["pid"]):
        try:
            if process.pid not in found and os.getpgid(process.pid) == pid:
                found[process.pid] = process
        except (psutil.Error, OSError):
            continue
    return list(found.values())


def end_processes(processes: list[psutil.Process], grace_s: float = DEFAULT_STOP_GRACE_S) -> list[int]:
    """End processes politely, the first (the recorded root) alone first: servers and the worker
    shut their own children down on SIGTERM, and signalling everyone at once makes them wait on
    each other. Then SIGTERM whatever is left, then SIGKILL. Returns the pids ended."""
    def signal_all(targets: list[psutil.Process], signum: int) -> None:
        for process in targets:
            try:
                process.send_signal(signum)
            except psutil.Error:
                pass

    if not processes:
        return []
    signal_all(processes[:1], signal.SIGTERM)
    _, root_alive = psutil.wait_procs(processes[:1], timeout=grace_s)
    _, alive = psutil.wait_procs(processes[1:], timeout=3)  # children a clean shutdown takes along
    alive = root_alive + alive  # a root still running after its grace (a worker finishing a run) is not spared
    signal_all(alive, signal.SIGTERM)
    _, alive = psutil.wait_procs(alive, timeout=5)
    signal_all(alive, signal.SIGKILL)
    psutil.wait_procs(alive, timeout=5)
    return [process.pid for process in processes]


def stop(settings: ServeSettings, roles: tuple[str, ...] | None = None) -> list[int]:
    """End the recorded processes (all, or those of the given roles) and forget them; returns pids ended.
    The worker and the reflect endpoint go first, then MLflow, then Prefect, so no run outlives its servers."""
    records = read_records(settings)
    order = {"worker": 0, "reflect-server": 0, "mlflow-server": 1, "prefect-server": 2}
    chosen = [r for r in records if roles is None or r["role"] in roles]
    ended: list[int] = []
    for record in sorted(chosen, key=lambda r: order.get(r["role"], -1)):
        ended += end_processes(processes_of(record), STOP_GRACE_S.get(record["role"], DEFAULT_STOP_GRACE_S))
    remaining = [r for r in records if r not in chosen]
    if remaining:
        _write_records(settings, remaining)
    elif settings.pids_file.exists():
        settings.pids_file.unlink()
    return ended


def status(settings: ServeSettings) -> dict[str, Any]:
    """Which recorded processes are alive."""
    return {record["role"]: {"pid": record["pid"], "alive": _recorded_process(record) is not None,
                             "log": record["log"]} for record in read_records(settings)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.ops.serve", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["start", "stop", "status"])
    args = parser.parse_args(argv)
    try:
        settings = settings_from_env()
        if args.command == "start":
            print(f"Starting Prefect on {settings.prefect_ui}, MLflow on {settings.mlflow_url} and the reflect "
                  f"endpoint on {settings.reflect_url} (logs: {settings.state_dir / 'logs'}); the first start takes "
                  "a minute or two ...", flush=True)
            info = start(settings)
            print(f"Up in {info['total_s']} s.\n"
                  f"Prefect UI:   {info['prefect_ui']}\n"
                  f"MLflow UI:    {info['mlflow_ui']}\n"
                  f"Reflect page: {info['reflect_page']}/  (POST {info['reflect_page']}/reflect, "
                  f"GET {info['reflect_page']}/health; serves models:/reflection-generator@champion)\n"
                  f"Worker on pool '{WORK_POOL}'; deployments from prefect.yaml. Processes: {info['pids']}\n"
                  f"Run one now: PREFECT_API_URL={settings.prefect_api_url} "
                  f"{executable('prefect')} deployment run train-reflection-model/train-reflection-model\n"
                  "Stop everything: make stop")
        elif args.command == "stop":
            ended = stop(settings)
            print(f"Stopped {len(ended)} process(es)." if ended else
                  f"Nothing recorded in {settings.pids_file} was running (started with another "
                  "ROBO_THERAPIST_ARTIFACTS? stop with the same one).")
        else:
            print(json.dumps(status(settings), indent=1))
    except ServeError as error:
        print(f"serve {args.command}: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
