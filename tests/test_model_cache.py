"""The local cache of registered checkpoints (tasks/tracking/registry.resolve_model_checkpoint)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tasks.tracking import registry


def _write_checkpoint(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text("{}")


def test_cached_checkpoint_finds_todays_and_older_layouts(tmp_path: Path):
    assert registry._cached_checkpoint(tmp_path / "missing") is None
    older = tmp_path / "v1"
    _write_checkpoint(older / "artifacts" / "fine_tune")
    assert registry._cached_checkpoint(older) == older / "artifacts" / "fine_tune"
    today = tmp_path / "v2"
    _write_checkpoint(today / "artifacts" / registry.CHECKPOINT_ARTIFACT)
    assert registry._cached_checkpoint(today) == today / "artifacts" / registry.CHECKPOINT_ARTIFACT


@pytest.fixture
def fake_store(monkeypatch: pytest.MonkeyPatch):
    downloads: list[str] = []
    monkeypatch.setattr(registry, "client_for", lambda settings: None)

    def download(artifact_uri: str, dst_path: str) -> str:
        downloads.append(artifact_uri)
        if "broken" in artifact_uri:
            _write_checkpoint(Path(dst_path) / "artifacts" / "half")
            raise OSError("connection reset")
        _write_checkpoint(Path(dst_path) / "artifacts" / "fine_tune")  # a version logged before 'checkpoint'
        return dst_path
    monkeypatch.setattr(registry.mlflow.artifacts, "download_artifacts", download)
    return downloads


def test_a_cached_version_is_not_downloaded_again(tmp_path: Path, fake_store):
    first = registry.resolve_model_checkpoint("runs:/abc/model", cache_root=tmp_path)
    second = registry.resolve_model_checkpoint("runs:/abc/model", cache_root=tmp_path)
    assert first == second and first.name == "fine_tune" and (first / "config.json").is_file()
    assert fake_store == ["runs:/abc/model"]


def test_a_download_cut_short_leaves_no_cache_entry(tmp_path: Path, fake_store):
    with pytest.raises(OSError):
        registry.resolve_model_checkpoint("runs:/broken/model", cache_root=tmp_path)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(OSError):  # tried again, not taken from a half-filled entry
        registry.resolve_model_checkpoint("runs:/broken/model", cache_root=tmp_path)
    assert len(fake_store) == 2
