"""What the registered pyfunc reads as cases: strings, lists, or a DataFrame's `case` column only."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tasks.tracking.pyfunc_model import input_cases


@pytest.mark.parametrize(
    ("model_input", "cases"),
    [
        ("I feel alone.", ["I feel alone."]),
        (["I feel alone.", "I lost my job."], ["I feel alone.", "I lost my job."]),
        (np.array(["I feel alone."]), ["I feel alone."]),
        (pd.DataFrame({"id": [7, 8], "case": ["I feel alone.", "I lost my job."]}), ["I feel alone.", "I lost my job."]),
    ],
)
def test_input_cases(model_input, cases: list[str]) -> None:
    assert input_cases(model_input) == cases


@pytest.mark.parametrize(
    ("frame", "given"),
    [
        (pd.DataFrame({"text": ["I feel alone."], "id": [1]}), "'text', 'id'"),
        (pd.DataFrame(["I feel alone."]), "0"),
    ],
)
def test_a_frame_without_the_case_column_is_an_error(frame: pd.DataFrame, given: str) -> None:
    with pytest.raises(ValueError) as error:
        input_cases(frame)
    message = str(error.value)
    assert "'case' column" in message and f"columns given: {given}" in message and "Fix" in message
