"""Bad input on the command line: one stderr line naming the problem and the fix, exit 2,
nothing trained or registered."""
from __future__ import annotations

from pathlib import Path

import pytest

from flows.cli import EXIT_BAD_INPUT, main

HEADER = "questionID,questionTitle,questionText,answerText,topic\n"


def write(path: Path, content: bytes | str) -> Path:
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


CASES = {
    "missing file": (lambda tmp: str(tmp / "nope.csv"), "nope.csv"),
    "non-UTF-8 file": (lambda tmp: str(write(tmp / "latin.csv", (HEADER + "1,T,Q caf\xe9,A,x\n").encode("latin-1"))),
                       "UTF-8"),
    "missing columns": (lambda tmp: str(write(tmp / "cols.csv", "a,b\n1,2\n")), "answerText"),
    "empty file": (lambda tmp: str(write(tmp / "empty.csv", "")), "empty"),
    "no pair left": (lambda tmp: str(write(tmp / "nopair.csv", HEADER + '1,T,"Q?","Hi.",x\n2,T2,"Q2?","Thanks.",x\n')),
                     "no row survived"),
}


@pytest.mark.parametrize("name", CASES)
def test_train_bad_data_fails_in_one_line(name, tmp_path, capsys, isolated_artifacts):
    make, expected = CASES[name]
    code = main(["train", "--data", make(tmp_path), "--json"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == EXIT_BAD_INPUT
    assert len(err) == 1 and expected.lower() in err[0].lower(), err
    assert not list(isolated_artifacts.glob("*/fine_tune")) and not (isolated_artifacts / "mlflow.db").exists()


def test_unknown_base_model_fails_in_one_line(capsys, isolated_artifacts, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    code = main(["train", "--base-model", "no-such-org/no-such-model", "--json"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == EXIT_BAD_INPUT and len(err) == 1
    assert "no-such-org/no-such-model" in err[0] and "smollm2-135m-instruct" in err[0]
    assert not (isolated_artifacts / "mlflow.db").exists()


def test_bad_setting_fails_in_one_line(capsys):
    code = main(["train", "--set", "train.learning_rate=7", "--json"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == EXIT_BAD_INPUT and len(err) == 1 and "learning_rate" in err[0]


def test_evaluate_missing_pairs_file(capsys, tmp_path):
    code = main(["evaluate", "--model", str(tmp_path), "--pairs", str(tmp_path / "none.jsonl")])
    assert code == EXIT_BAD_INPUT and "none.jsonl" in capsys.readouterr().err


def test_a_time_limit_ends_train_in_one_line(capsys, monkeypatch, tiny_model_dir):
    # A task past ops.train_timeout_s raises Prefect's TaskRunTimeoutError (a TimeoutError) out of the
    # flow; the CLI says what happened and which setting to raise, without a traceback. The flow module
    # is replaced in sys.modules: importing Prefect while capsys holds stderr would bind Prefect's
    # console logging to a stream that is closed after this test and break later flow runs.
    import sys
    import types

    from flows.cli import EXIT_RUN_FAILED

    def times_out(**_kwargs):
        raise TimeoutError("Scope timed out after 5.0 second(s).")

    monkeypatch.setitem(sys.modules, "flows.training", types.SimpleNamespace(train_reflection_model=times_out))
    code = main(["train", "--base-model", str(tiny_model_dir), "--json"])
    captured = capsys.readouterr()
    err = captured.err.strip().splitlines()
    assert code == EXIT_RUN_FAILED and captured.out == ""
    assert len(err) == 1 and "timed out" in err[0] and "ops.train_timeout_s" in err[0], err


def test_bench_quality_refuses_an_unknown_generation_setting(tmp_path, capsys):
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"case": "I feel alone since I moved."}\n')
    code = main(["bench", "quality", "--model", str(tmp_path), "--cases", str(cases), "--set", "reflect.temprature=0.5"])
    assert code == EXIT_BAD_INPUT
    assert "reflect.temprature" in capsys.readouterr().err
