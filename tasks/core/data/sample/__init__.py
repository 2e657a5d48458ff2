"""A small CounselChat-format sample shipped with the package, for tests and demos."""
from __future__ import annotations

from pathlib import Path

SAMPLE_CSV: Path = Path(__file__).with_name("sample_counsel_chat.csv")
