"""The reflect endpoint's logic without HTTP (tasks/core/reflect_api.py): request validation,
answer shaping, the champion's reloads, and the service with a fake loader (no real model; the
crisis screen is real). The registry binding (tasks/tracking) runs on a sqlite store."""
from __future__ import annotations

import json

import pytest

from reflect_fakes import CRISIS_CASE, FAKE_CANDIDATES, NORMAL_CASE, fake_service
from tasks.core.reflect_api import (
    MAX_CASE_CHARS,
    ChampionModel,
    ModelUnavailable,
    NoChampion,
    ReflectRequest,
    answer_payload,
    parse_request,
)


def body(value) -> bytes:
    return json.dumps(value).encode()


# ------------------------------------------------------------------ requests
def test_a_valid_request_takes_its_defaults():
    assert parse_request(body({"case": "I feel alone."})) == ReflectRequest("I feel alone.", 3, None)
    assert parse_request(body({"case": "x", "n": 5, "seed": 11})) == ReflectRequest("x", 5, 11)
    assert parse_request(body({"case": "x", "n": 2.0, "seed": None})) == ReflectRequest("x", 2, None)
    assert parse_request(body({"case": "Je suis épuisée."}), default_n=1).n == 1
    assert parse_request("{\"case\": \"Ça va mal.\"}".encode("utf-8")).case == "Ça va mal."


@pytest.mark.parametrize("raw, status, says", [
    (b"", 400, "the body is empty"),
    (b"   \n", 400, "the body is empty"),
    (b"case=hello", 400, "not valid JSON (Expecting value at line 1 column 1)"),
    (b'{"case": "unterminated', 400, "not valid JSON"),
    (b"\xff\xfe{}", 400, "not UTF-8"),
    (body(["I feel alone."]), 400, "must be a JSON object"),
    (body("I feel alone."), 400, "not a string"),
    (body({}), 400, "the field 'case' is missing"),
    (body({"cases": ["I feel alone."]}), 400, "unknown field(s) 'cases'"),
    (body({"case": 42}), 400, "'case' must be a string"),
    (body({"case": None}), 400, "'case' must be a string (the text the person wrote), not null"),
    (body({"case": ""}), 400, "'case' is empty"),
    (body({"case": "  \t "}), 400, "'case' is empty"),
    (body({"case": "x", "n": "three"}), 400, "'n' must be a whole number from 1 to 10, not a string"),
    (body({"case": "x", "n": True}), 400, "not a boolean"),
    (body({"case": "x", "n": 2.5}), 400, "'n' must be a whole number"),
    (body({"case": "x", "n": 0}), 400, "'n' must be from 1 to 10; got 0"),
    (body({"case": "x", "n": 11}), 400, "got 11"),
    (body({"case": "x", "seed": -1}), 400, "'seed' must be >= 0"),
    (body({"case": "a" * (MAX_CASE_CHARS + 1)}), 413, f"at most {MAX_CASE_CHARS:,} are accepted"),
    (body({"case": "a" * 100_000}), 413, "at most 65,536 are read"),  # the 100 KB case
])
def test_a_malformed_request_is_refused_with_a_clear_message(raw, status, says):
    with pytest.raises(Exception) as caught:
        parse_request(raw)
    assert caught.value.status == status
    assert says in str(caught.value)


# ------------------------------------------------------------------ answers
def test_the_answer_is_the_reflect_result_with_n_and_the_model_in_json_terms():
    result = {"risk": "none", "candidates": [{"text": "t", "score": 0.9, "rank": float("nan"), "flags": ()}],
              "generation": {"rounds": 1, "x": float("inf")}, "resources": []}
    model = {"name": "reflection-generator", "alias": "champion", "version": "3", "uri": "models:/reflection-generator/3"}
    payload = answer_payload(result, model, 2)
    assert payload["candidates"] == [{"text": "t", "score": 0.9, "rank": None, "flags": []}]
    assert payload["generation"]["x"] is None and payload["n"] == 2 and payload["model"] == model
    json.dumps(payload, allow_nan=False)
    assert answer_payload({"risk": "crisis"}, None, 3)["model"] is None


# ------------------------------------------------------------------ the champion
class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Registry:
    """find_version with a counter and an optional failure."""

    def __init__(self, version: str | None) -> None:
        self.version, self.asked, self.down = version, 0, False

    def __call__(self) -> str | None:
        self.asked += 1
        if self.down:
            raise ConnectionError("connection refused")
        return self.version


def champion(version: str | None = "1", check_every_s: float = 30.0):
    registry, clock, loads = Registry(version), Clock(), []

    def load_version(v: str):
        loads.append(v)
        if v == "broken":
            raise OSError("checkpoint missing")
        return f"model-{v}"

    return ChampionModel(registry, load_version, check_every_s=check_every_s, clock=clock), registry, clock, loads


def test_the_champion_loads_once_and_asks_the_registry_at_most_every_n_seconds():
    model, registry, clock, loads = champion(check_every_s=30)
    assert model.load().model == "model-1" and model.load().model == "model-1"
    clock.now += 29
    model.load()
    assert (registry.asked, loads) == (1, ["1"])
    clock.now += 1
    model.load()
    assert (registry.asked, loads) == (2, ["1"])  # asked again, same version: not reloaded
    assert model.status()["loaded_version"] == "1" and model.status()["checked_s_ago"] == 0.0


def test_the_champion_reloads_when_the_alias_moves_at_the_next_check():
    model, registry, clock, loads = champion(check_every_s=30)
    model.load()
    registry.version = "2"
    assert model.load().version == "1"  # not checked yet
    clock.now += 30
    assert model.load().model == "model-2"
    assert loads == ["1", "2"] and model.status()["loads"] == 2


def test_no_champion_says_how_to_get_one():
    model, *_ = champion(version=None)
    with pytest.raises(NoChampion, match=r"has the alias 'champion' yet.*`make run`.*within 30 s"):
        model.load()
    assert model.champion_version() is None


def test_an_unreachable_registry_keeps_the_loaded_version_answering():
    model, registry, clock, loads = champion(check_every_s=10)
    registry.down = True
    with pytest.raises(ModelUnavailable, match="cannot ask the registry.*connection refused"):
        model.load()
    registry.down = False
    clock.now += 10
    model.load()
    registry.down = True
    clock.now += 10
    assert model.load().model == "model-1"
    assert "connection refused" in model.status()["error"]


def test_a_version_that_fails_to_load_leaves_the_old_one_and_is_retried_at_the_next_check():
    model, registry, clock, loads = champion(check_every_s=10)
    model.load()
    registry.version = "broken"
    clock.now += 10
    assert model.load().model == "model-1"
    assert model.load().model == "model-1"
    assert loads == ["1", "broken"]  # not retried on every request
    assert "cannot load version broken" in model.status()["error"]
    clock.now += 10
    model.load()
    assert loads == ["1", "broken", "broken"]


def test_check_every_s_must_not_be_negative():
    with pytest.raises(ValueError, match="check_every_s"):
        ChampionModel(lambda: None, lambda v: None, check_every_s=-1)


# ------------------------------------------------------------------ the service (fake loader, real screen)
def test_a_normal_case_gets_ranked_candidates_from_the_champion(monkeypatch):
    service, loader, _ = fake_service(monkeypatch)
    status, payload = service.reflect(body({"case": NORMAL_CASE, "n": 2}))
    assert status == 200, payload
    assert payload["risk"] == "none" and payload["language"] == "en"
    assert [c["text"] for c in payload["candidates"]] == [c["text"] for c in FAKE_CANDIDATES[:2]]
    assert all(0 <= c["score"] <= 1 for c in payload["candidates"])
    assert payload["shortfall"] == 0 and payload["n"] == 2
    assert payload["model"] == {"name": "reflection-generator", "alias": "champion", "version": "7",
                                "uri": "models:/reflection-generator/7"}
    assert "9-8-8" in payload["disclaimer"] and payload["resources"] == []
    assert loader.calls == ["7"]
    service.reflect(body({"case": NORMAL_CASE}))
    assert loader.calls == ["7"]  # loaded once


def test_a_crisis_case_gets_resources_and_never_loads_the_model(monkeypatch):
    service, loader, _ = fake_service(monkeypatch)
    status, payload = service.reflect(body({"case": CRISIS_CASE}))
    assert status == 200
    assert payload["risk"] == "crisis" and payload["candidates"] == [] and payload["model"] is None
    assert {"name", "contact", "how"} <= set(payload["resources"][0])
    assert any(r["contact"] == "988" for r in payload["resources"]) and payload["message"]
    assert loader.calls == []


def test_a_crisis_case_never_waits_behind_a_generation(monkeypatch):
    """While another request holds the model (a generation running), a crisis case is answered
    and a normal case waits its turn."""
    import threading

    service, loader, _ = fake_service(monkeypatch)
    answers = {}

    def ask(name, case):
        answers[name] = service.reflect(body({"case": case}))

    with service.model_lock:  # as a running generation does
        crisis = threading.Thread(target=ask, args=("crisis", CRISIS_CASE))
        normal = threading.Thread(target=ask, args=("normal", NORMAL_CASE))
        crisis.start(), normal.start()
        crisis.join(60)
        assert answers["crisis"][0] == 200 and answers["crisis"][1]["risk"] == "crisis"
        normal.join(0.5)
        assert normal.is_alive() and "normal" not in answers
    normal.join(60)
    assert answers["normal"][0] == 200 and answers["normal"][1]["candidates"]


def test_without_a_champion_a_normal_case_is_503_and_a_crisis_case_still_answered(monkeypatch):
    service, loader, set_version = fake_service(monkeypatch, version=None)
    status, payload = service.reflect(body({"case": NORMAL_CASE}))
    assert status == 503 and "make run" in payload["error"] and payload["status"] == 503
    assert service.reflect(body({"case": CRISIS_CASE}))[0] == 200
    assert service.health()[1]["status"] == "no_champion"
    set_version("1")
    assert service.reflect(body({"case": NORMAL_CASE}))[1]["model"]["version"] == "1"
    assert service.health()[1]["model"]["loaded_version"] == "1" and loader.calls == ["1"]


def test_a_malformed_body_is_4xx_and_never_reaches_the_screen(monkeypatch):
    service, loader, _ = fake_service(monkeypatch)

    def must_not_run(*args, **kwargs):
        raise AssertionError("reflect ran for a malformed body")

    service._reflect = must_not_run
    for raw in (b"{not json", body({"case": ""}), body({"n": 2})):
        status, payload = service.reflect(raw)
        assert status == 400 and payload["status"] == 400 and payload["error"]
    assert loader.calls == []


def test_alias_version_reads_the_registry(tmp_path, monkeypatch):
    from mlflow.tracking import MlflowClient

    from tasks.core.registry_settings import RegistrySettings
    from tasks.tracking.registry import alias_version

    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    settings = RegistrySettings(tracking_uri=uri)
    assert alias_version(settings) is None  # no model
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    client.create_registered_model(settings.model_name)
    assert alias_version(settings) is None  # no alias
    for _ in range(2):
        client.create_model_version(settings.model_name, source=str(tmp_path))
    client.set_registered_model_alias(settings.model_name, "champion", "1")
    assert alias_version(settings) == "1"
    client.set_registered_model_alias(settings.model_name, "champion", "2")
    assert alias_version(settings) == "2"
    monkeypatch.setenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0")
    with pytest.raises(Exception, match="(?i)connect|refused|max retries"):
        alias_version(RegistrySettings(tracking_uri="http://127.0.0.1:9"))
