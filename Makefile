# Two commands: `make run` serves the intranet with demo data, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test setup install lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall whenever pyproject.toml changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Bring the embedded database (instance/spoc.db, or DATABASE_URL) to the newest schema and reference data.
setup: install
	$(BIN)/flask db upgrade
	$(BIN)/flask network seed

run: setup
	$(BIN)/flask demo load
	@echo "Serving the SPOC Network intranet on http://$(HOST):$(PORT)/ (Ctrl+C stops it)"
	$(BIN)/flask run --host $(HOST) --port $(PORT)

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check app tests
	$(BIN)/bandit -q -r app

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
