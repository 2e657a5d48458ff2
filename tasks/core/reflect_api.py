"""The reflect endpoint's logic, without HTTP: what a request may hold, what an answer looks
like, and which model answers (the champion, loaded once and reloaded when its alias moves).

The server (`flows/ops/reflect_server.py`) is a thin layer around `ReflectService`: it reads
the body, calls `service.reflect(body)` or `service.health()`, and writes the (status, payload)
they return as JSON. Everything here is pure core: no HTTP, no MLflow (the server hands
`ChampionModel` two functions that ask the registry and load a version).

Safety: `reflect_case` screens first and calls the loader only for a case that is not a crisis,
so a crisis case is answered (resources, no candidates) without the model, without the
registry, and even when no champion exists yet.
"""
from __future__ import annotations

import json
import math
import threading
import time
from dataclasses import dataclass, replace
from typing import Any, Callable

from tasks.core.reflect import ReflectSettings, reflect_case
from tasks.core.registry_settings import DEFAULT_CHAMPION_ALIAS, DEFAULT_MODEL_NAME
from tasks.core.safety.screen import CRISIS, screen

# The longest CounselChat case (title and text) is 2,771 characters; the prompt keeps at most its
# first `max_prompt_tokens` (384) tokens anyway, while the screen reads all of it.
MAX_CASE_CHARS = 5000
# A body is refused (413) past this size, before it is parsed. 5,000 characters escaped as
# \uXXXX in JSON take 30 KB.
MAX_BODY_BYTES = 64 * 1024
MAX_N = 10  # candidates per request at most: each one costs sampling time on the shared CPUs
REQUEST_FIELDS = ("case", "n", "seed")
EXAMPLE_BODY = '{"case": "what the person wrote", "n": 3}'
# Seconds between two questions to the registry about which version has the alias (asked only
# when a request needs the model, or on /health); `make serve` sets it from REFLECT_ALIAS_CHECK_S.
DEFAULT_ALIAS_CHECK_S = 30.0


class RequestError(ValueError):
    """A request the endpoint refuses; `status` is the HTTP status (4xx), the message says how to fix it."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class NoChampion(LookupError):
    """No version of the model has the alias yet."""


class ModelUnavailable(RuntimeError):
    """The registry cannot be asked, or the champion cannot be loaded, and nothing is loaded."""


@dataclass(frozen=True)
class ReflectRequest:
    case: str
    n: int
    seed: int | None = None


def _type_name(value: Any) -> str:
    return {bool: "a boolean", str: "a string", int: "a number", float: "a number", list: "a list",
            dict: "an object", type(None): "null"}.get(type(value), type(value).__name__)


def _whole_number(body: dict[str, Any], name: str, low: int, high: int | None) -> int | None:
    if name not in body or body[name] is None:
        return None
    value = body[name]
    # JSON has no integer type: 3.0 is accepted as 3; True is a boolean, never 1.
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    bounds = f"from {low} to {high}" if high is not None else f">= {low}"
    if isinstance(value, bool) or not isinstance(value, int):
        raise RequestError(400, f"'{name}' must be a whole number {bounds}, not {_type_name(value)} ({json.dumps(value)}).")
    if value < low or (high is not None and value > high):
        raise RequestError(400, f"'{name}' must be {bounds}; got {value}.")
    return value


def parse_request(body: bytes, default_n: int = 3, max_n: int = MAX_N, max_case_chars: int = MAX_CASE_CHARS,
                  max_body_bytes: int = MAX_BODY_BYTES) -> ReflectRequest:
    """The case, n and seed of a `POST /reflect` body; raises RequestError (400, or 413 when too large).

    The body is a JSON object {"case": str, "n": optional whole number, "seed": optional whole number};
    any other field is refused by name (a typo such as "cases" would otherwise be ignored)."""
    if len(body) > max_body_bytes:
        raise RequestError(413, f"the body has {len(body):,} bytes; at most {max_body_bytes:,} are read "
                                f"(a case has at most {max_case_chars:,} characters).")
    if not body.strip():
        raise RequestError(400, f"the body is empty; send a JSON object such as {EXAMPLE_BODY}.")
    try:
        parsed = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise RequestError(400, f"the body is not UTF-8 text ({error.reason} at byte {error.start}); "
                                f"send UTF-8 JSON such as {EXAMPLE_BODY}.") from error
    except json.JSONDecodeError as error:
        raise RequestError(400, f"the body is not valid JSON ({error.msg} at line {error.lineno} column "
                                f"{error.colno}); send a JSON object such as {EXAMPLE_BODY}.") from error
    if not isinstance(parsed, dict):
        raise RequestError(400, f"the body must be a JSON object such as {EXAMPLE_BODY}, not {_type_name(parsed)}.")
    unknown = sorted(set(parsed) - set(REQUEST_FIELDS))
    if unknown:
        raise RequestError(400, f"unknown field(s) {', '.join(repr(name) for name in unknown)}; "
                                f"the fields are {', '.join(REQUEST_FIELDS)} (only 'case' is required).")
    if "case" not in parsed:
        raise RequestError(400, f"the field 'case' is missing: the text the person wrote, as in {EXAMPLE_BODY}.")
    case = parsed["case"]
    if not isinstance(case, str):
        raise RequestError(400, f"'case' must be a string (the text the person wrote), not {_type_name(case)}.")
    if not case.strip():
        raise RequestError(400, "'case' is empty; write what troubles the person, in their words.")
    if len(case) > max_case_chars:
        raise RequestError(413, f"'case' has {len(case):,} characters; at most {max_case_chars:,} are accepted.")
    n = _whole_number(parsed, "n", 1, max_n)
    seed = _whole_number(parsed, "seed", 0, None)
    return ReflectRequest(case=case, n=default_n if n is None else n, seed=seed)


def error_payload(status: int, message: str) -> dict[str, Any]:
    """The JSON body of every refusal: {"error": message, "status": status}."""
    return {"error": message, "status": status}


def _json_safe(value: Any) -> Any:
    """The value with NaN and infinities as null (JSON has neither) and tuples as lists."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(key): _json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(item) for item in value]
    return value


def answer_payload(result: dict[str, Any], model: dict[str, Any] | None, n: int) -> dict[str, Any]:
    """The JSON answer of `POST /reflect`: reflect_case's result as is (risk, language, categories,
    message, resources, candidates with text/score/rank/flags, shortfall, referral, disclaimer,
    generation), plus `n` (candidates asked for) and `model`, the version that wrote the candidates
    ({"name", "alias", "version", "uri"}; null when no model was used: a crisis case)."""
    return _json_safe({**result, "n": n, "model": model})


def encode_json(payload: dict[str, Any]) -> bytes:
    """UTF-8 JSON (non-ASCII kept as is: French and Spanish answers stay readable)."""
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


# ------------------------------------------------------------------ the champion
@dataclass(frozen=True)
class Loaded:
    version: str
    model: Any


class ChampionModel:
    """The model that has the alias, loaded once and reloaded when the alias moves.

    `find_version()` returns the version that has the alias now (None when none has it) and
    `load_version(version)` loads that version; the server binds them to the MLflow registry.
    The registry is asked at most once every `check_every_s` seconds, and only when a request
    needs the model (or on /health): between two checks the loaded version answers. When the
    answer differs from the loaded version, the new one is loaded (by the request that found out,
    inside the service's lock) and replaces the old one. If the registry cannot be asked, or the
    new version fails to load, the loaded version keeps answering (the failure is kept in
    `status()["error"]` and tried again at the next check); with nothing loaded it is
    ModelUnavailable. With no version holding the alias it is NoChampion, even when an older
    champion is loaded (the alias was removed on purpose).
    """

    def __init__(self, find_version: Callable[[], str | None], load_version: Callable[[str], Any],
                 check_every_s: float = DEFAULT_ALIAS_CHECK_S, name: str = DEFAULT_MODEL_NAME,
                 alias: str = DEFAULT_CHAMPION_ALIAS, registry: str = "",
                 clock: Callable[[], float] = time.monotonic):
        if not check_every_s >= 0:
            raise ValueError(f"check_every_s={check_every_s} must be >= 0 (seconds between two registry checks).")
        self.find_version, self.load_version = find_version, load_version
        self.check_every_s, self.name, self.alias, self.registry = check_every_s, name, alias, registry
        self.clock = clock
        self._lock = threading.Lock()  # guards the fields below; loading runs outside it
        self._checked_at: float | None = None
        self._champion: str | None = None
        self._error: str | None = None
        self._loaded: Loaded | None = None
        self._loads = 0
        self._failed: tuple[str, float] | None = None  # (version, when) of the last failed load

    def no_champion_message(self) -> str:
        where = f" in the registry at {self.registry}" if self.registry else ""
        return (f"No version of '{self.name}' has the alias '{self.alias}' yet{where}, so there is no model "
                f"to write reflections (crisis cases are still answered). Train one with `make run` (or run the "
                f"train-reflection-model deployment); the first version registered becomes '{self.alias}', and "
                f"this endpoint picks it up within {self.check_every_s:g} s.")

    def champion_version(self) -> str | None:
        """The version that has the alias, asking the registry only when the last check is
        `check_every_s` old; None when no version has it. Raises ModelUnavailable when the
        registry cannot be asked and nothing is loaded."""
        with self._lock:
            now = self.clock()
            due = self._checked_at is None or now - self._checked_at >= self.check_every_s
            if due:
                self._checked_at = now
                try:
                    found = self.find_version()
                    self._champion, self._error = (None if found is None else str(found)), None
                except Exception as error:  # noqa: BLE001 - any registry failure: keep what is loaded
                    self._error = f"cannot ask the registry which version is '{self.alias}': {error}"
            if self._error and self._loaded is None and self._champion is None:
                raise ModelUnavailable(self._error)
            return self._champion

    def load(self) -> Loaded:
        """The champion, loaded (once per version). Raises NoChampion or ModelUnavailable."""
        version = self.champion_version()
        if version is None:
            raise NoChampion(self.no_champion_message())
        loaded = self._loaded
        if loaded is not None and loaded.version == version:
            return loaded
        failed = self._failed
        if failed is not None and failed[0] == version and self.clock() - failed[1] < self.check_every_s:
            if loaded is not None:  # the new version failed recently: not again before the next check
                return loaded
            raise ModelUnavailable(self._error or f"version {version} of '{self.name}' failed to load")
        try:
            model = self.load_version(version)
        except Exception as error:  # noqa: BLE001 - keep answering with the loaded version
            message = f"cannot load version {version} of '{self.name}': {error}"
            with self._lock:
                self._error, self._failed = message, (version, self.clock())
            if loaded is not None:
                return loaded
            raise ModelUnavailable(message) from error
        with self._lock:
            self._loaded, self._loads, self._error, self._failed = Loaded(version, model), self._loads + 1, None, None
            return self._loaded

    def describe(self, version: str) -> dict[str, Any]:
        return {"name": self.name, "alias": self.alias, "version": version, "uri": f"models:/{self.name}/{version}"}

    def status(self) -> dict[str, Any]:
        """What /health shows: the champion version (as of the last check), the loaded one, and how fresh."""
        with self._lock:
            age = None if self._checked_at is None else round(self.clock() - self._checked_at, 1)
            return {"name": self.name, "alias": self.alias, "registry": self.registry,
                    "champion_version": self._champion,
                    "loaded_version": None if self._loaded is None else self._loaded.version,
                    "loads": self._loads, "checked_s_ago": age, "check_every_s": self.check_every_s,
                    "error": self._error}


# ------------------------------------------------------------------ the service
class ReflectService:
    """What `POST /reflect` and `GET /health` do, as (status, payload) pairs.

    Two locks. `model_lock` serializes the model's work (loading, generation and the scoring of
    candidates): the machine has two cores and generation already uses them, so requests wait
    their turn (none is dropped). A crisis case must not wait behind someone else's generation
    (seen: 9 s on a busy machine with one lock): every case is screened first under
    `screen_lock` alone (milliseconds), and a crisis case is answered there, by reflect_case
    without the model; the others then go through reflect_case under `model_lock` (which screens
    again: the same deterministic answer, a few milliseconds). The screen's sentence encoder is
    plain numpy on read-only weights, so a screen may run beside a generation."""

    def __init__(self, champion: ChampionModel, settings: ReflectSettings | None = None,
                 reflect: Callable[..., dict[str, Any]] = reflect_case):
        self.champion, self.settings, self._reflect = champion, settings or ReflectSettings(), reflect
        self.screen_lock = threading.Lock()
        self.model_lock = threading.Lock()

    def reflect(self, body: bytes) -> tuple[int, dict[str, Any]]:
        """Validate the body, screen and reflect under the lock, shape the answer."""
        try:
            request = parse_request(body, default_n=self.settings.n)
        except RequestError as error:
            return error.status, error_payload(error.status, str(error))
        used: list[Loaded] = []

        def load() -> Any:  # called by reflect_case only for a case that is not a crisis
            loaded = self.champion.load()
            used.append(loaded)
            return loaded.model

        settings = replace(self.settings, n=request.n)
        try:
            with self.screen_lock:
                crisis = screen(request.case, settings.locale).risk == CRISIS
                if crisis:  # answered here, never behind a generation; reflect_case does not load
                    result = self._reflect(request.case, load, settings, seed=request.seed)
            if not crisis:
                with self.model_lock:
                    result = self._reflect(request.case, load, settings, seed=request.seed)
        except (NoChampion, ModelUnavailable) as error:
            return 503, error_payload(503, str(error))
        model = self.champion.describe(used[-1].version) if used else None
        return 200, answer_payload(result, model, request.n)

    def health(self) -> tuple[int, dict[str, Any]]:
        """200 while the process runs; `status` says whether non-crisis cases can be answered:
        "ok" (a champion exists), "no_champion" or "registry_unreachable"."""
        try:
            version = self.champion.champion_version()
            state, message = ("ok", None) if version is not None else ("no_champion", self.champion.no_champion_message())
        except ModelUnavailable as error:
            state, message = "registry_unreachable", str(error)
        payload = {"status": state, "model": self.champion.status()}
        if message:
            payload["message"] = message
        return 200, payload
