# Quick start: `make site` builds the example site, `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY_DIRS := brm_build tests $(wildcard benchmarks)
STAMP := $(VENV)/.installed
# The example organisation is a snapshot: its warnings are computed as of this date.
EXAMPLE_TODAY ?= 2026-11-26

.PHONY: install site check test pytest typecheck lint bench schemas clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

check: install
	$(BIN)/brm check --today $(EXAMPLE_TODAY)

site: check

test: pytest typecheck lint

pytest: install
	$(BIN)/python -m pytest

typecheck: install
	$(BIN)/python -m mypy --strict $(PY_DIRS)

lint: install
	$(BIN)/python -m ruff check $(PY_DIRS)
	$(BIN)/python -m ruff format --check $(PY_DIRS)

schemas: install
	$(BIN)/brm schemas

bench: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) site build .pytest_cache .mypy_cache .ruff_cache
