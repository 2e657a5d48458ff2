"""Fakes for the reflect endpoint's tests: a champion whose loader counts its calls and returns
no real model, and scripted candidates in place of generation (the crisis screen stays real)."""
from __future__ import annotations

import contextlib
import threading
from typing import Any

import pytest

import tasks.core.reflect as reflect
from tasks.core.reflect_api import ChampionModel, ReflectService

NORMAL_CASE = "I moved to a new city for work and I have no friends here; the evenings are the hardest."
CRISIS_CASE = "I want to kill myself tonight, I have the pills ready."
FAKE_CANDIDATES = [
    {"text": "It sounds like the evenings alone in this new city have become really heavy for you.",
     "score": 0.9712, "rank": 0.8123, "flags": []},
    {"text": "You moved for work, and the loneliness of starting over is weighing on you.",
     "score": 0.9134, "rank": 0.7431, "flags": []},
    {"text": "Part of you misses having people close by at the end of the day.",
     "score": 0.8577, "rank": 0.7012, "flags": []},
]


class FakeLoader:
    """`load_version` of a ChampionModel: records the versions asked for, returns a token object."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, version: str) -> Any:
        self.calls.append(version)
        return {"fake_model_version": version}


def fake_generate(loaded: Any, case: str, settings: Any, seed: Any = None, scorer: Any = None):
    """Stands in for reflect.generate_candidates: the first n of FAKE_CANDIDATES (asserts it got the fake model)."""
    assert "fake_model_version" in loaded, loaded
    candidates = [dict(candidate) for candidate in FAKE_CANDIDATES[: settings.n]]
    return candidates, {"rounds": 1, "sampled": settings.n, "cancelled": 0, "rejected": {}, "int8": False,
                        "threads": 1, "quality_threshold": 0.8}


def fake_service(monkeypatch: pytest.MonkeyPatch, version: str | None = "7", check_every_s: float = 0.0):
    """A ReflectService over a fake champion (`version`, None = no champion) with scripted generation.
    Returns (service, loader, set_version) where set_version(v) moves the alias."""
    monkeypatch.setattr(reflect, "generate_candidates", fake_generate)
    current = {"version": version}
    lock = threading.Lock()

    def find_version() -> str | None:
        with lock:
            return current["version"]

    def set_version(new: str | None) -> None:
        with lock:
            current["version"] = new

    loader = FakeLoader()
    champion = ChampionModel(find_version, loader, check_every_s=check_every_s, registry="fake://registry")
    return ReflectService(champion), loader, set_version


@contextlib.contextmanager
def serving(service: ReflectService):
    """A ReflectServer around `service` on a free loopback port, in a thread; yields its URL."""
    from flows.ops.reflect_server import ReflectServer

    server = ReflectServer(("127.0.0.1", 0), service)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.url
    finally:
        server.shutdown()
        server.server_close()
