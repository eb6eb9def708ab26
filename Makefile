# Quick start: `make site` builds the example site, `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY_DIRS := brm_build tests $(wildcard benchmarks)
STAMP := $(VENV)/.installed
# The example organisation is a snapshot: its warnings are computed as of this date.
EXAMPLE_TODAY ?= 2026-11-26

.PHONY: install site check test pytest typecheck lint bench schemas clean browser-install browser-test

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

check: install
	$(BIN)/brm check --today $(EXAMPLE_TODAY)

site: check
	$(BIN)/brm build --today $(EXAMPLE_TODAY) --out site

test: pytest typecheck lint

# Where npm is, the browser tests' npm packages are installed first (npm ci, once per
# change of the lock file); without npm those tests skip and the run says so at the end.
NPM := $(shell command -v npm 2>/dev/null)

pytest: install $(if $(NPM),browser-install)
	$(BIN)/python -m pytest

typecheck: install
	$(BIN)/python -m mypy --strict $(PY_DIRS)

lint: install
	$(BIN)/python -m ruff check $(PY_DIRS)
	$(BIN)/python -m ruff format --check $(PY_DIRS)

# The browser tests (part of `make pytest`) need Debian's chromium, a Java runtime and the
# npm packages pinned in tests/browser/package.json (axe-core, vnu-jar). Their install
# scripts are not needed: Java comes from Debian.
BROWSER_DIR := tests/browser
BROWSER_STAMP := $(BROWSER_DIR)/node_modules/.package-lock.json

browser-install: $(BROWSER_STAMP)

$(BROWSER_STAMP): $(BROWSER_DIR)/package.json $(BROWSER_DIR)/package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --prefix $(BROWSER_DIR)

browser-test: install browser-install
	$(BIN)/python -m pytest $(BROWSER_DIR)

schemas: install
	$(BIN)/brm schemas

# make bench BENCH_SCALE=2 BENCH_BUILD_SCALE=1: every benchmark, small (README: Scale and speed).
BENCH_SCALE ?= 40
BENCH_BUILD_SCALE ?= 10

bench: install
	$(BIN)/python benchmarks/all.py --scale $(BENCH_SCALE) --build-scale $(BENCH_BUILD_SCALE)
	$(BIN)/python benchmarks/measurements_bench.py

clean:
	rm -rf $(VENV) site build .pytest_cache .mypy_cache .ruff_cache $(BROWSER_DIR)/node_modules test-artifacts
