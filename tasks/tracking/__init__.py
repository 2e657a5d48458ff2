"""MLflow side: tracking runs, the pyfunc model and the model registry (no Prefect here)."""
