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
    """The case of each line of a JSON Lines file: its "text" field, or "case" (the judged rounds'
    files); blank lines skipped. One reader for `reflect --input`, `screen --input`, the reflect
    flow's cases_file and `bench quality --cases`; every error names the file and the line."""
    file = Path(path)
    if not file.is_file():
        raise DataError(f"Cases file {str(path)!r} does not exist (relative paths start in {Path.cwd()}); "
                        'give a JSON Lines file with one {"text": ...} per line.')
    cases = []
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise DataError(f'{path}:{number} (line {number}) is not JSON ({error.msg}); '
                            'each line must be {"text": "..."}.') from error
        text = row.get("text", row.get("case")) if isinstance(row, dict) else None
        if not isinstance(text, str) or not text.strip():
            raise DataError(f'{path}:{number} (line {number}) has no non-empty "text" (or "case") field; '
                            'each line must be {"text": "..."}.')
        cases.append(text)
    if not cases:
        raise DataError(f'{path} holds no case; write one {{"text": ...}} per line.')
    return cases
