"""Where runs write: the git-ignored `artifacts/` folder (not a Prefect artifact)."""
from __future__ import annotations

import os
from pathlib import Path

ARTIFACTS_ENV = "ROBO_THERAPIST_ARTIFACTS"


def artifacts_dir() -> Path:
    """The artifacts folder: `$ROBO_THERAPIST_ARTIFACTS`, else `./artifacts` of the working directory."""
    root = Path(os.environ.get(ARTIFACTS_ENV, "artifacts")).expanduser().resolve()
    root.mkdir(parents=True, exist_ok=True)
    return root
