"""How the flow's tasks are cached and time-limited (Prefect side).

Caching: ingest, extraction and tokenization already write content-keyed folders (the key
hashes the input's content, the settings and the core's code), complete only once a marker
file exists. Their Prefect cache keys are built from the same keys plus the task's own
source, and a key exists only while that folder is complete: a cache hit therefore always
returns paths to files that exist, and deleting `artifacts/` simply makes the next run
recompute (no key, no Prefect cache) instead of returning dangling paths. Training,
evaluation and registration are never cached.

Timeouts: `with_timeouts` gives every task of a module the limit `OpsSettings` sets for it.
Retries: `IO_RETRIES` and `retry_if_transient`.
"""
from __future__ import annotations

import hashlib
import inspect
import json
from dataclasses import asdict
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

from prefect import Task
from prefect.cache_policies import CacheKeyFnPolicy
from prefect.context import TaskRunContext

from tasks.core.ops_settings import OpsSettings


def task_source_hash(context: TaskRunContext) -> str:
    """Hash of the task function's source: an edited task never reuses an old result."""
    return hashlib.sha256(inspect.getsource(context.task.fn).encode()).hexdigest()


def _key(context: TaskRunContext, *parts: str) -> str:
    digest = hashlib.sha256(task_source_hash(context).encode())
    for part in parts:
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()


def ingest_cache_key(context: TaskRunContext, parameters: dict[str, Any]) -> str | None:
    """Key of `ingest(source, settings, out_root)`: its content-keyed folder, once complete."""
    from tasks.core.data.stages import INGEST_DONE, cache_key

    folder = Path(parameters["out_root"]).resolve() / cache_key(parameters["source"], parameters["settings"])
    if not (folder / INGEST_DONE).is_file():
        return None
    return _key(context, "ingest", str(folder), (folder / INGEST_DONE).read_text())


def extract_cache_key(context: TaskRunContext, parameters: dict[str, Any]) -> str | None:
    """Key of `extract_reflections(ingested, settings)`: the ingested folder, once its splits and report exist."""
    from tasks.core.data.stages import EXTRACT_DONE

    folder = Path(parameters["ingested"]["folder"])
    report = folder / EXTRACT_DONE
    if not report.is_file() or not all((folder / f"{name}.jsonl").is_file() for name in ("train", "val", "test")):
        return None
    settings = json.dumps(asdict(parameters["settings"]), sort_keys=True)
    return _key(context, "extract", str(folder), settings, hashlib.sha256(report.read_bytes()).hexdigest())


def tokenize_cache_key(context: TaskRunContext, parameters: dict[str, Any]) -> str | None:
    """Key of `tokenize(pairs, model_dir, prompt_settings, cache_root)`: the content keys of the
    train and val tokenizations (pairs file, tokenizer files, prompt settings, code), once both exist."""
    from tasks.core.modeling.tokenize import content_key

    cache_root = Path(parameters["cache_root"]).resolve()
    keys = []
    for split in ("train", "val"):
        pairs_file = Path(parameters["pairs"][split])
        if not pairs_file.is_file():
            return None  # the task itself reports the missing file
        key = content_key(pairs_file, Path(parameters["model_dir"]), parameters["prompt_settings"])
        if not (cache_root / key / "summary.json").is_file():
            return None
        keys.append(key)
    return _key(context, "tokenize", str(cache_root), *keys)


INGEST_CACHE = CacheKeyFnPolicy(cache_key_fn=ingest_cache_key)
EXTRACT_CACHE = CacheKeyFnPolicy(cache_key_fn=extract_cache_key)
TOKENIZE_CACHE = CacheKeyFnPolicy(cache_key_fn=tokenize_cache_key)


def with_timeouts(module: ModuleType, ops: OpsSettings) -> SimpleNamespace:
    """Every Prefect task defined in `module`, under the same attribute name, with the timeout
    `ops` gives its task name (train: train_timeout_s; others: step_timeout_s)."""
    tasks = {name: value.with_options(timeout_seconds=ops.timeout_for(value.name))
             for name, value in vars(module).items()
             if isinstance(value, Task) and value.fn.__module__ == module.__name__}
    if not tasks:
        raise ValueError(f"{module.__name__} defines no Prefect tasks to time-limit.")
    return SimpleNamespace(**tasks)


# Retries, only on tasks that do I/O with something that can flake (hub downloads, MLflow calls):
# two more tries, after 2 s and then 10 s. `@task(..., **IO_RETRIES)`; tasks whose bad input
# would fail the same way again add `retry_condition_fn=retry_if_transient`.
IO_RETRIES: dict[str, Any] = {"retries": 2, "retry_delay_seconds": [2, 10]}


def retry_if_transient(task: Any, run: Any, state: Any) -> bool:
    """Retry condition for I/O tasks: retry network and server failures, not bad input, which
    fails the same way again (DataError, ModelLoadError and SettingsError are ValueErrors)."""
    try:
        state.result()
    except (ValueError, TypeError, KeyError, FileNotFoundError):
        return False
    except Exception:
        return True
    return False
