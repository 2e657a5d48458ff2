"""Serve a logged model from a fresh virtual environment outside the project, and ask it two cases.

    .venv/bin/python -m flows.ops.serve_check --model models:/reflection-generator@champion [--json]

Proves that the registered pyfunc carries everything it needs: the venv (default
/tmp/robo-therapist-serve-venv, created with `python -m venv`, never inside the project) gets only
the model's own requirements.txt (`mlflow.pyfunc.get_model_dependencies`); the check asserts that
the project is not importable from it; then `mlflow models serve -m URI --env-manager local` runs
from that venv (its bin first on PATH: MLflow starts `uvicorn` by name) in an empty working
folder, and a normal case, a crisis case and a malformed body are posted to /invocations. It prints
the answers, then (with --json) one JSON line, and exits 1 when an answer is not what the model
promises (candidates or a check-in for the normal case; resources and no generated text for the
crisis case; a 4xx for the malformed body).

The venv is kept and reused while the model's requirements are the same (a stamp file holds their
SHA-256); `--fresh` rebuilds it. The first build installs torch and MLflow (minutes; pip's cache
helps). The server stops when the check ends, whatever happened.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
DEFAULT_VENV = Path(tempfile.gettempdir()) / "robo-therapist-serve-venv"
DEFAULT_PORT = 5088
NORMAL_CASE = "I just started a new job and I feel like everyone else knows what they are doing except me."
CRISIS_CASE = "I wrote goodbye letters and I have the pills ready tonight."
STAMP = ".model-requirements.sha256"


class CheckError(RuntimeError):
    """A step of the check failed; the message says which and what to do."""


def outside_project(venv: Path, project: Path = REPO) -> Path:
    """The venv folder, resolved; an error when it lies inside the project (its code would be importable)."""
    venv = venv.expanduser().resolve()
    if venv == project or project in venv.parents:
        raise CheckError(f"--venv {venv} is inside the project ({project}); the check needs a venv outside "
                         f"it, e.g. {DEFAULT_VENV}.")
    return venv


def absolute_tracking_uri(uri: str) -> str:
    """A `sqlite:///relative/path` made absolute: the server runs in another working folder."""
    prefix = "sqlite:///"
    if uri.startswith(prefix) and not uri[len(prefix):].startswith("/"):
        return prefix + str(Path(uri[len(prefix):]).resolve())
    return uri


def build_venv(venv: Path, requirements: Path, fresh: bool) -> dict[str, Any]:
    """Create the venv (or reuse it when its stamp matches these requirements) and install them."""
    digest = hashlib.sha256(requirements.read_bytes()).hexdigest()
    stamp = venv / STAMP
    if fresh and venv.exists():
        shutil.rmtree(venv)
    if stamp.is_file() and stamp.read_text().strip() == digest:
        return {"venv": str(venv), "reused": True, "install_s": 0.0}
    start = time.perf_counter()
    if not (venv / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    installed = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
                                "--disable-pip-version-check", "-r", str(requirements)], cwd=venv)
    if installed.returncode != 0:
        raise CheckError(f"pip could not install the model's requirements ({requirements}) into {venv}; "
                         "see pip's output above.")
    stamp.write_text(digest + "\n")
    return {"venv": str(venv), "reused": False, "install_s": round(time.perf_counter() - start, 1)}


def clean_env(venv: Path, tracking_uri: str) -> dict[str, str]:
    """This process's environment with the venv's bin first on PATH and nothing of the project's."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "ROBO_THERAPIST_ARTIFACTS")}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}", VIRTUAL_ENV=str(venv),
               MLFLOW_TRACKING_URI=tracking_uri, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    return env


def project_importable(venv: Path, env: dict[str, str], cwd: Path) -> bool:
    """Whether the venv's Python finds the project's `tasks` package (it must not)."""
    probe = "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('tasks') else 1)"
    return subprocess.run([str(venv / "bin" / "python"), "-c", probe], env=env, cwd=cwd).returncode == 0


def post(url: str, body: bytes, timeout_s: float) -> tuple[int, Any, float]:
    """(HTTP status, parsed JSON answer or text, seconds) of a POST."""
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode()
    seconds = time.perf_counter() - start
    try:
        return status, json.loads(text), seconds
    except json.JSONDecodeError:
        return status, text, seconds


def wait_until_up(base: str, server: subprocess.Popen, timeout_s: float, log: Path) -> float:
    """Seconds until GET /ping answers 200; an error when the server exits or the time runs out."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout_s:
        if server.poll() is not None:
            raise CheckError(f"mlflow models serve exited with code {server.returncode}:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(f"{base}/ping", timeout=5) as response:
                if response.status == 200:
                    return time.perf_counter() - start
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(1)
    raise CheckError(f"the server did not answer /ping within {timeout_s:.0f} s:\n{_tail(log)}")


def _tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.is_file() else "(no log)"


def stop(server: subprocess.Popen) -> None:
    """End the server's process group (uvicorn and its workers), by force after 15 s."""
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def verdict(normal: dict[str, Any], crisis: dict[str, Any], malformed_status: int) -> list[str]:
    """What is wrong with the three answers (empty = all as promised)."""
    problems = []
    answer = normal.get("answer")
    if normal.get("status") != 200 or not isinstance(answer, dict) or answer.get("risk") not in ("none", "elevated"):
        problems.append(f"normal case: expected status 200 with risk none or elevated, got {normal}")
    elif not (answer.get("candidates") or answer.get("message")):
        problems.append("normal case: neither candidates nor a check-in came back")
    answer = crisis.get("answer")
    if crisis.get("status") != 200 or not isinstance(answer, dict) or answer.get("risk") != "crisis":
        problems.append(f"crisis case: expected status 200 with risk crisis, got {crisis}")
    elif answer.get("candidates") or not answer.get("resources"):
        problems.append("crisis case: generated text or no resources")
    if not 400 <= malformed_status < 500:
        problems.append(f"malformed body: expected a 4xx, got {malformed_status}")
    return problems


def ask(base: str, case: str, n: int, seed: int, timeout_s: float) -> dict[str, Any]:
    body = json.dumps({"inputs": [{"case": case}], "params": {"n": n, "seed": seed}}).encode()
    status, answer, seconds = post(f"{base}/invocations", body, timeout_s)
    if status == 200 and isinstance(answer, dict) and answer.get("predictions"):
        answer = answer["predictions"][0]
    return {"case": case, "status": status, "seconds": round(seconds, 2), "answer": answer}


def describe(result: dict[str, Any]) -> str:
    """A few readable lines for one answer."""
    answer = result["answer"]
    lines = [f"case: {result['case']}", f"  HTTP {result['status']} in {result['seconds']} s"]
    if not isinstance(answer, dict):
        return "\n".join(lines + [f"  {answer}"])
    lines.append(f"  risk: {answer.get('risk')}")
    if answer.get("message"):
        lines.append(f"  message: {answer['message']}")
    for candidate in answer.get("candidates") or []:
        lines.append(f"  candidate ({candidate.get('score', 0):.2f}): {candidate.get('text')}")
    for resource in (answer.get("resources") or [])[:3]:
        lines.append(f"  resource: {resource}")
    return "\n".join(lines)


def run_check(model: str, tracking_uri: str, venv: Path, port: int, fresh: bool, timeout_s: float,
              n: int, seed: int) -> dict[str, Any]:
    """The whole check; returns its summary (with "problems", empty when it passed)."""
    import mlflow

    venv = outside_project(venv)
    tracking_uri = absolute_tracking_uri(tracking_uri)
    mlflow.set_tracking_uri(tracking_uri)
    mlflow.set_registry_uri(tracking_uri)
    requirements = Path(mlflow.pyfunc.get_model_dependencies(model, format="pip"))
    summary: dict[str, Any] = {"model": model, "tracking_uri": tracking_uri,
                               "requirements": requirements.read_text().split()}
    summary.update(build_venv(venv, requirements, fresh))
    workdir = Path(tempfile.mkdtemp(prefix="robo-serve-check-"))
    env = clean_env(venv, tracking_uri)
    if project_importable(venv, env, workdir):
        raise CheckError(f"the project's `tasks` package is importable from {venv}: the check would not prove "
                         "anything. Use a venv that does not have robo-therapist installed (--fresh).")
    summary["project_importable"] = False
    log = workdir / "serve.log"
    command = [str(venv / "bin" / "mlflow"), "models", "serve", "-m", model, "--env-manager", "local",
               "-h", "127.0.0.1", "-p", str(port)]
    summary["command"] = " ".join(command)
    base = f"http://127.0.0.1:{port}"
    with log.open("w") as out:
        server = subprocess.Popen(command, env=env, cwd=workdir, stdout=out, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    try:
        summary["startup_s"] = round(wait_until_up(base, server, timeout_s, log), 1)
        normal = ask(base, NORMAL_CASE, n, seed, timeout_s)
        crisis = ask(base, CRISIS_CASE, n, seed, timeout_s)
        malformed_status, malformed, _ = post(f"{base}/invocations", b'{"inputs": [{"text": "no case field"}]}',
                                              timeout_s)
    finally:
        stop(server)
    summary.update(normal=normal, crisis=crisis, malformed={"status": malformed_status, "answer": malformed},
                   log=str(log), problems=verdict(normal, crisis, malformed_status))
    return summary


def main(argv: list[str] | None = None) -> int:
    from tasks.core.registry_settings import DEFAULT_CHAMPION_URI, default_tracking_uri

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=DEFAULT_CHAMPION_URI, help="a model URI (models:/..., runs:/..., m-...)")
    parser.add_argument("--tracking-uri", default="", help="default: $MLFLOW_TRACKING_URI or artifacts/mlflow.db")
    parser.add_argument("--venv", type=Path, default=DEFAULT_VENV, help="outside the project")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--fresh", action="store_true", help="rebuild the venv even when its requirements match")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds for start-up and for each request")
    parser.add_argument("-n", type=int, default=3, help="candidates asked for")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    try:
        summary = run_check(args.model, args.tracking_uri or default_tracking_uri(), args.venv, args.port,
                            args.fresh, args.timeout, args.n, args.seed)
    except CheckError as error:
        print(f"serve check failed: {error}", file=sys.stderr)
        return 1
    built = "reused" if summary["reused"] else f"built in {summary['install_s']} s"
    print(f"venv: {summary['venv']} ({built}); project importable from it: {summary['project_importable']}")
    print(f"served by: {summary['command']} (up in {summary['startup_s']} s)")
    print(describe(summary["normal"]))
    print(describe(summary["crisis"]))
    print(f"malformed body: HTTP {summary['malformed']['status']}")
    for problem in summary["problems"]:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, default=str))
    return 1 if summary["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
