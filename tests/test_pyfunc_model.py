"""The logged pyfunc is self-contained: its code, pinned requirements an index can satisfy, a signature
from `predict`'s type hints, an input example; and it answers the input forms it documents."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from tasks.tracking.pyfunc_model import SERVING_DISTRIBUTIONS, case_rows, serving_requirements

REPO = Path(__file__).resolve().parents[1]


def _locked() -> dict[str, str]:
    pins = {}
    for lock in ("requirements.lock", "requirements-encoder.lock", "requirements-lingua.lock"):
        for line in (REPO / lock).read_text().splitlines():
            if "==" in line and not line.startswith("#"):
                name, _, version = line.split()[0].partition("==")
                pins[name.lower().replace("_", "-")] = version
    return pins


def test_serving_requirements_are_the_locked_pins_and_name_no_project_package():
    requirements = serving_requirements()
    assert len(requirements) == len(SERVING_DISTRIBUTIONS)
    locked = _locked()
    for requirement in requirements:
        name, _, version = requirement.partition("==")
        assert re.fullmatch(r"\d+(\.\d+)*", version), requirement  # no local label such as +cpu
        assert locked[name.lower().replace("_", "-")] == version, f"{requirement} differs from the lock files"
    assert not any(r.startswith("robo-therapist") for r in requirements)


@pytest.mark.parametrize(("model_input", "rows"), [
    ("I feel alone.", [{"case": "I feel alone."}]),
    (["I feel alone.", {"case": "I lost my job."}], [{"case": "I feel alone."}, {"case": "I lost my job."}]),
    (pd.DataFrame({"id": ["a", "b"], "case": ["I feel alone.", "I lost my job."]}),
     [{"case": "I feel alone."}, {"case": "I lost my job."}]),
    ([7], [7]),  # not a case: left for MLflow's validation to refuse
])
def test_case_rows(model_input, rows):
    assert case_rows(model_input) == rows


def test_the_logged_model_carries_its_code_requirements_signature_and_example(tiny_model_dir, tmp_path):
    import mlflow
    from mlflow.exceptions import MlflowException

    from tasks.core.registry_settings import RegistrySettings
    from tasks.tracking.registry import register_checkpoint, start_run

    settings = RegistrySettings(tracking_uri=f"sqlite:///{tmp_path / 'mlflow.db'}")
    run_id = start_run(settings, "run", {}, {})
    registered = register_checkpoint(settings, run_id, tiny_model_dir, {"test_word_perplexity": 30.0})
    folder = Path(mlflow.artifacts.download_artifacts(registered["model_uri"], dst_path=str(tmp_path / "model")))

    assert (folder / "code" / "tasks" / "tracking" / "pyfunc_model.py").is_file()
    assert (folder / "code" / "tasks" / "core" / "quality" / "head.json").is_file()
    assert not list(folder.rglob("__pycache__"))
    requirements = (folder / "requirements.txt").read_text().split()
    assert set(serving_requirements()) <= set(requirements) and "robo-therapist" not in requirements
    model = mlflow.models.Model.load(folder / "MLmodel")
    inputs = model.signature.inputs.to_dict()
    assert inputs[0]["type"] == "object" and inputs[0]["properties"]["case"] == {"type": "string", "required": True}
    assert {p.name: p.default for p in model.signature.params.params} == {"n": 3, "seed": -1}
    assert (folder / "input_example.json").is_file() and (folder / "serving_input_example.json").is_file()

    loaded = mlflow.pyfunc.load_model(str(folder))
    crisis = "I wrote goodbye letters and I have the pills ready tonight."
    for model_input in ([crisis], crisis, [{"case": crisis}], pd.DataFrame({"id": ["x"], "case": [crisis]})):
        (result,) = loaded.predict(model_input, params={"n": 1})
        assert result["risk"] == "crisis" and result["candidates"] == [] and result["resources"]
    with pytest.raises(ValueError, match="no 'case' column"):
        loaded.predict(pd.DataFrame({"text": [crisis]}))
    with pytest.raises(MlflowException):
        loaded.predict([{"text": crisis}])
