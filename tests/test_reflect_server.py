"""The reflect endpoint over HTTP (flows/ops/reflect_server.py) on a free loopback port: with a
fake loader in this process (normal, crisis and malformed requests, a burst, a reload when the
alias moves), then the real process as `make serve` starts it, on an empty sqlite registry."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from reflect_fakes import CRISIS_CASE, NORMAL_CASE, fake_service, serving

REPO = Path(__file__).resolve().parents[1]


def call(url: str, method: str = "GET", data: bytes | None = None, timeout: float = 120) -> tuple[int, dict | str, dict]:
    """(status, JSON or text body, headers) of one request; HTTP errors are returned, not raised."""
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, raw, headers = response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        status, raw, headers = error.code, error.read(), dict(error.headers)
    text = raw.decode("utf-8")
    return status, json.loads(text) if headers.get("Content-Type", "").startswith("application/json") else text, headers


def post(url: str, payload) -> tuple[int, dict]:
    data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    status, body, _ = call(f"{url}/reflect", "POST", data)
    return status, body


@pytest.fixture
def served(monkeypatch):
    """A ReflectServer on a free port around a fake champion (version 7, checked on every request)."""
    service, loader, set_version = fake_service(monkeypatch)
    with serving(service) as url:
        yield url, service, loader, set_version


def test_the_page_is_self_contained_and_accessible(served):
    url, *_ = served
    status, page, headers = call(f"{url}/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert 'aria-live="polite"' in page and '<label for="case"' in page and '<label for="lang"' in page
    assert '<option value="fr" lang="fr">Français</option>' in page
    # offline: nothing fetched from elsewhere (no external script, style, font or image)
    assert "src=" not in page and "@import" not in page and "url(" not in page
    assert 'href="http' not in page and "//fonts." not in page


def test_a_normal_case_a_crisis_case_and_a_malformed_body(served):
    url, service, loader, _ = served
    status, answer = post(url, {"case": NORMAL_CASE, "n": 3})
    assert status == 200, answer
    assert answer["risk"] == "none" and len(answer["candidates"]) == 3
    assert [c["score"] for c in answer["candidates"]] == sorted((c["score"] for c in answer["candidates"]), reverse=True)
    assert answer["model"]["version"] == "7" and answer["disclaimer"]

    status, answer = post(url, {"case": CRISIS_CASE})
    assert status == 200
    assert answer["risk"] == "crisis" and answer["candidates"] == [] and answer["resources"] and answer["model"] is None
    assert loader.calls == ["7"]  # the crisis case did not load anything

    for raw, expected in ((b"not json", 400), (json.dumps({"case": ""}).encode(), 400), (b"", 400),
                          (json.dumps({"case": "x", "n": "3"}).encode(), 400),
                          (json.dumps({"case": "a" * 100_000}).encode(), 413)):
        status, error = post(url, raw)
        assert status == expected and error["status"] == expected and error["error"], (raw[:40], error)

    status, error, headers = call(f"{url}/reflect")
    assert status == 405 and headers["Allow"] == "POST" and "POST /reflect" in error["error"]
    assert call(f"{url}/nowhere")[0] == 404 and call(f"{url}/nowhere", "POST", b"{}")[0] == 404
    status, health, _ = call(f"{url}/health")
    assert status == 200 and health["status"] == "ok"
    assert health["model"]["champion_version"] == health["model"]["loaded_version"] == "7"


def test_the_endpoint_follows_the_alias_and_answers_a_burst(served):
    url, service, loader, set_version = served
    assert post(url, {"case": NORMAL_CASE})[1]["model"]["version"] == "7"
    set_version("8")
    assert post(url, {"case": NORMAL_CASE})[1]["model"]["version"] == "8"
    assert call(f"{url}/health")[1]["model"]["loaded_version"] == "8"
    cases = [NORMAL_CASE if i % 4 else CRISIS_CASE for i in range(40)]  # 40 requests, 4 at a time
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda case: post(url, {"case": case, "n": 1}), cases))
    assert [status for status, _ in answers] == [200] * 40
    assert [answer["risk"] for _, answer in answers] == ["crisis" if i % 4 == 0 else "none" for i in range(40)]
    assert loader.calls == ["7", "8"]


def test_an_unexpected_error_is_a_json_500_and_the_server_keeps_serving(served):
    url, service, *_ = served
    good = service._reflect

    def broken(*args, **kwargs):
        raise KeyError("boom")

    service._reflect = broken
    status, error = post(url, {"case": NORMAL_CASE})
    assert status == 500 and "KeyError" in error["error"]
    service._reflect = good
    assert post(url, {"case": NORMAL_CASE})[0] == 200


def test_the_server_process_on_an_empty_registry(tmp_path):
    """As `make serve` starts it: the registry has no champion, so a normal case is 503 with the
    way out, a crisis case is still answered, and /health says so."""
    from flows.ops.serve import free_port, wait_for_http

    port = free_port()
    env = {**os.environ, "MLFLOW_TRACKING_URI": f"sqlite:///{tmp_path / 'mlflow.db'}",
           "ROBO_THERAPIST_ARTIFACTS": str(tmp_path), "PYTHONPATH": str(REPO)}
    log = (tmp_path / "reflect-server.log").open("wb")
    process = subprocess.Popen([sys.executable, "-m", "flows.ops.reflect_server", "--port", str(port),
                                "--alias-check-s", "5"], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        import psutil

        record = {"role": "reflect-server", "pid": process.pid, "log": str(tmp_path / "reflect-server.log"),
                  "create_time": psutil.Process(process.pid).create_time()}
        wait_for_http(f"{url}/health", record, timeout_s=180)
        status, health, _ = call(f"{url}/health")
        assert health["status"] == "no_champion" and "make run" in health["message"]
        assert health["model"]["registry"].startswith("sqlite:///") and health["model"]["check_every_s"] == 5
        status, error = post(url, {"case": NORMAL_CASE})
        assert status == 503 and "make run" in error["error"]
        status, answer = post(url, {"case": CRISIS_CASE})
        assert status == 200 and answer["risk"] == "crisis" and answer["resources"]
    finally:
        process.terminate()
        process.wait(30)
        log.close()
