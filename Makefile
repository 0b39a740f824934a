# Two commands: `make run` serves the intranet with demo data, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test setup install lint clean bench translations

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
	@command -v chromium >/dev/null || echo "NOTE: Chromium is not installed: the browser tests (tests/browser) are SKIPPED. apt-get install chromium to run them."
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The benchmark (bench/): scale data, gunicorn on 127.0.0.1, wrk. Not part of `make test`.
# `make bench` runs SIZE=small and SIZE=full (about 15 minutes); `make bench SIZE=small` the small one only.
# With DATABASE_URL set to PostgreSQL it also runs there, in scratch databases it creates and drops.
SIZE ?= full
BENCH_STAMP := $(VENV)/.bench-installed

$(BENCH_STAMP): pyproject.toml | $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python -m bench.run --size $(SIZE)

# Refresh the French catalogue from the code and templates (babel.cfg), then translate the new entries in
# app/translations/fr/LC_MESSAGES/messages.po. The application compiles it itself; tests/i18n checks it.
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_ngettext:1,2 -k _lp:1c,2 -k lazy_pgettext:1c,2 --sort-by-file --width 120 \
		-o app/translations/messages.pot app templates
	$(BIN)/pybabel update -i app/translations/messages.pot -d app/translations --no-fuzzy-matching --width 120 \
		--ignore-obsolete

lint: install
	$(BIN)/ruff check app tests
	$(BIN)/bandit -q -r app

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
