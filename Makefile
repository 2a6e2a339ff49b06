# The few verbs a newcomer needs. `make run` and `make test` set everything up themselves.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
PORT ?= 8501
SYSTEM_PACKAGES := chromium poppler-utils postgresql nginx

.PHONY: run test lint bench system-deps clean
AXE := node_modules/axe-core/axe.min.js

# `make run` gets the runtime pins only; `make test` adds the test and tool pins on top.
$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(DEV_STAMP)

## Start the app on http://localhost:$(PORT) (drafts in a local SQLite file, see README.md)
run: $(STAMP)
	$(PY) -m aeno_core.settings
	$(PY) -m streamlit run app.py --server.port $(PORT) --server.headless true

## Browser, PDF renderer, PostgreSQL and nginx for the tests: installed with apt when missing
system-deps:
	@bash scripts/system_deps.sh $(SYSTEM_PACKAGES)

# axe-core for the accessibility tests, pinned in package-lock.json
$(AXE): package.json package-lock.json
	@command -v npm >/dev/null || { echo "ERROR: npm is needed for axe-core (apt-get install npm)" >&2; exit 1; }
	npm ci --no-audit --no-fund --silent
	touch $(AXE)

## All tests: unit, property, cases, pages, browser, PDF, PostgreSQL, accessibility
# Two runs that together hold every test (a run that selects none fails): the browser tests get
# both cores to themselves, since Chromium, the server and a CPU-heavy second xdist worker on a
# 2-core machine starved the browser long enough to fail journeys that pass on their own.
test: $(DEV_STAMP) system-deps $(AXE)
	$(PY) scripts/check_pins.py requirements-dev.txt
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy --strict aeno_core ui pages app.py
	$(PY) -m pytest -n 2 --dist loadgroup -m "not browser"
	$(PY) -m pytest -m browser

lint: $(DEV_STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy --strict aeno_core ui pages app.py

bench: $(DEV_STAMP) system-deps $(AXE)
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
