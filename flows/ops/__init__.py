"""Operations: the local Prefect + MLflow stack behind `make serve` / `make stop`."""
