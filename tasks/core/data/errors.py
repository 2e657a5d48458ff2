"""The one error type of the data stage."""
from __future__ import annotations


class DataError(ValueError):
    """Bad input data; message says what was wrong and how to fix it."""
