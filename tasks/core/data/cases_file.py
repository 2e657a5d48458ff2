"""Cases read from a JSON Lines file, one `{"text": ...}` per line (the form of `reflect --input`),
and the project's smoke-test cases.

`smoke_cases.jsonl` is what the `reflect` deployment answers whenever `champion` moves (the
trigger in prefect.yaml): three ordinary cases and one crisis case, written for the project.
Each line also says what the crisis screen finds in it (`expect_risk`); a test holds the file
to that, so the smoke run always exercises both the model and the crisis path.
"""
from __future__ import annotations

import json
from pathlib import Path

from tasks.core.data.errors import DataError

SMOKE_CASES = Path(__file__).with_name("smoke_cases.jsonl")


def read_cases(path: str | Path) -> list[str]:
    """The `text` of each line of a JSON Lines file (blank lines skipped); errors name the line."""
    file = Path(path)
    if not file.is_file():
        raise DataError(f"Cases file {str(path)!r} does not exist (relative paths start in {Path.cwd()}); "
                        'give a JSON Lines file with one {"text": ...} per line.')
    cases = []
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            text = json.loads(line)["text"]
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise DataError(f'{path}:{number}: expected one JSON object with a "text" field per line ({error}).') from error
        if not isinstance(text, str) or not text.strip():
            raise DataError(f'{path}:{number}: "text" must be a non-empty string.')
        cases.append(text)
    if not cases:
        raise DataError(f"{path} holds no case.")
    return cases
