"""The reflect endpoint and its page: the champion of the MLflow registry over HTTP, on 127.0.0.1.

    python -m flows.ops.reflect_server --port 5200 [--alias-check-s 30]    # `make serve` starts it

    POST /reflect   {"case": "...", "n": 3}  -> the reflect answer as JSON (tasks/core/reflect_api.py)
    GET  /health    which version is champion and which one is loaded (200 while the process runs)
    GET  /          a page to try it (flows/ops/reflect_page.html: English and French, no external files)

The registry is `$MLFLOW_TRACKING_URI` (under `make serve`, its MLflow server). The model
`models:/reflection-generator@champion` is loaded on the first case that needs it and reloaded
when the alias moves: the registry is asked at most every `--alias-check-s` seconds, and only
when a request needs the model or on /health. A crisis case never loads it. Logic lives in
`tasks.core.reflect_api`; this module only speaks HTTP and binds the registry.
"""
from __future__ import annotations

import argparse
import os
import sys
import threading
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tasks.core.reflect_api import (
    DEFAULT_ALIAS_CHECK_S,
    MAX_BODY_BYTES,
    MAX_CASE_CHARS,
    ChampionModel,
    ReflectService,
    encode_json,
    error_payload,
)

PAGE_FILE = Path(__file__).with_name("reflect_page.html")
DEFAULT_PORT = 5200
# A body larger than MAX_BODY_BYTES is still read (and thrown away) up to this size before the 413,
# so the client, still sending, gets the answer instead of a reset connection; larger ones are cut off.
DRAIN_LIMIT_BYTES = 4 * 1024 * 1024


class ReflectHandler(BaseHTTPRequestHandler):
    """HTTP only: routes, bodies, JSON. `self.server.service` does the work."""

    server_version = "robo-therapist-reflect/1"

    def _send(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, payload: dict[str, Any], extra: dict[str, str] | None = None) -> None:
        self._send(status, encode_json(payload), "application/json; charset=utf-8", extra)

    def _guarded(self, action) -> None:
        """Any unexpected error is a JSON 500 and a traceback in the log; the server keeps running."""
        try:
            action()
        except Exception as error:  # noqa: BLE001 - one request failing must not stop the server
            traceback.print_exc()
            try:
                self._json(500, error_payload(500, f"internal error ({type(error).__name__}: {error}); "
                                                   "the server's log has the traceback."))
            except OSError:
                pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._guarded(self._get)

    def do_HEAD(self) -> None:  # noqa: N802
        self._guarded(self._get)

    def do_POST(self) -> None:  # noqa: N802
        self._guarded(self._post)

    def _get(self) -> None:
        path = urlsplit(self.path).path
        if path in ("/", "/index.html"):
            self._send(200, self.server.page, "text/html; charset=utf-8")
        elif path == "/health":
            self._json(*self.server.service.health())
        elif path == "/reflect":
            self._json(405, error_payload(405, 'use POST /reflect with a JSON body such as {"case": "..."}.'),
                       {"Allow": "POST"})
        else:
            self._json(404, error_payload(404, f"no page {path}; try GET /, GET /health or POST /reflect."))

    def _post(self) -> None:
        if urlsplit(self.path).path != "/reflect":
            self._json(404, error_payload(404, f"no endpoint POST {urlsplit(self.path).path}; use POST /reflect."))
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
            if length < 0:
                raise ValueError(length)
        except ValueError:
            self._json(400, error_payload(400, "Content-Length must be a whole number of bytes."))
            self.close_connection = True
            return
        if length > MAX_BODY_BYTES:
            if length <= DRAIN_LIMIT_BYTES:
                self.rfile.read(length)
            self.close_connection = True
            self._json(413, error_payload(413, f"the body has {length:,} bytes; at most {MAX_BODY_BYTES:,} are read "
                                               f"(a case has at most {MAX_CASE_CHARS:,} characters)."))
            return
        body = self.rfile.read(length) if length else b""
        self._json(*self.server.service.reflect(body))

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's signature
        sys.stderr.write(f"{self.log_date_time_string()} {self.address_string()} {format % args}\n")


class ReflectServer(ThreadingHTTPServer):
    daemon_threads = True  # a stuck client never keeps the process from stopping

    def __init__(self, address: tuple[str, int], service: ReflectService, page: bytes | None = None):
        super().__init__(address, ReflectHandler)
        self.service = service
        self.page = PAGE_FILE.read_bytes() if page is None else page

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


def registry_champion(check_every_s: float = DEFAULT_ALIAS_CHECK_S) -> ChampionModel:
    """The champion of the MLflow registry at $MLFLOW_TRACKING_URI (else the project's sqlite store),
    loaded from a local copy of its checkpoint (artifacts/model_cache/, downloaded once per version)."""
    from tasks.core.modeling.generate import load_checkpoint
    from tasks.core.registry_settings import RegistrySettings
    from tasks.tracking.registry import alias_version, resolve_model_checkpoint

    settings = RegistrySettings()

    def load_version(version: str) -> Any:
        return load_checkpoint(resolve_model_checkpoint(f"models:/{settings.model_name}/{version}"))

    return ChampionModel(lambda: alias_version(settings), load_version, check_every_s=check_every_s,
                         name=settings.model_name, alias=settings.champion_alias,
                         registry=settings.resolved_tracking_uri())


def warm_up(service: ReflectService) -> None:
    """Load the crisis screen's encoder and, when a champion exists, the model, so the first person
    does not wait for them. Failures are only logged: requests report them themselves."""
    from tasks.core.safety.screen import screen

    try:
        with service.screen_lock:
            screen("warm-up")
        with service.model_lock:
            if service.champion.champion_version() is not None:
                service.champion.load()
        print(f"warm: {service.champion.status()}", file=sys.stderr, flush=True)
    except Exception as error:  # noqa: BLE001
        print(f"warm-up: {type(error).__name__}: {error}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.ops.reflect_server", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--alias-check-s", type=float, default=DEFAULT_ALIAS_CHECK_S,
                        help="seconds between two registry checks of which version is champion")
    parser.add_argument("--no-warm-up", action="store_true", help="load nothing before the first request")
    args = parser.parse_args(argv)
    # A registry that is down must fail a check in seconds, not after MLflow's minutes of retries.
    os.environ.setdefault("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "1")
    os.environ.setdefault("MLFLOW_HTTP_REQUEST_TIMEOUT", "20")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    service = ReflectService(registry_champion(args.alias_check_s))
    try:
        server = ReflectServer((args.host, args.port), service)
    except OSError as error:
        print(f"reflect server: cannot listen on {args.host}:{args.port} ({error}); set REFLECT_PORT.", file=sys.stderr)
        return 2
    print(f"reflect server on {server.url} (page /, POST /reflect, GET /health); registry "
          f"{service.champion.registry}, alias checked at most every {args.alias_check_s:g} s", file=sys.stderr, flush=True)
    if not args.no_warm_up:
        threading.Thread(target=warm_up, args=(service,), daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
