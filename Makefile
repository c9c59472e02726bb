# Relance: `make run` serves the app with demo data, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8050
DEMO_NOTES ?= 20000
# One worker for the demo: sign-in limits stay in its memory (production: see gunicorn.conf.py).
WORKERS ?= 1
BENCH_NOTES ?= 1000000
PYTEST_ARGS ?=

.PHONY: run test fuzz lint format bench install browsers axe translations clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstalled when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

# Debian's Chromium and ChromeDriver for the browser tests, when missing and we are root.
browsers:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then \
		echo "chromium and chromedriver: present"; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "installing Debian's chromium and chromium-driver"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	else \
		echo "chromium/chromedriver missing: run 'sudo apt-get install chromium chromium-driver'" >&2; \
		exit 1; \
	fi

run: install
	$(BIN)/flask --app app init-db
	$(BIN)/flask --app app seed-demo --if-empty --notes $(DEMO_NOTES)
	@echo ""
	@echo "Relance on http://$(HOST):$(PORT)"
	@echo "Demo sign-ins (password: demo): admin@demo.relance, manager@demo.relance, rep1@demo.relance … rep8@demo.relance"
	@echo ""
	RELANCE_BIND=$(HOST):$(PORT) WEB_CONCURRENCY=$(WORKERS) $(BIN)/gunicorn -c gunicorn.conf.py 'app:server'

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# axe-core (the accessibility rules engine the browser tests run on every screen), from the
# npm registry into the virtual environment: not part of the repository, gone with `make clean`.
# Pinned: a new release may add rules, which should be a change of ours, not a red CI.
AXE_VERSION ?= 4.14.1
AXE_JS := $(VENV)/axe/node_modules/axe-core/axe.min.js
$(AXE_JS): | $(BIN)/python
	@if ! command -v npm >/dev/null; then \
		if [ "$$(id -u)" = "0" ]; then \
			echo "installing Debian's npm"; \
			DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; \
		else \
			echo "npm missing: run 'sudo apt-get install npm'" >&2; exit 1; \
		fi; \
	fi
	npm install --silent --no-save --no-package-lock --no-audit --no-fund \
		--prefix $(VENV)/axe axe-core@$(AXE_VERSION)

axe: $(AXE_JS)

test: install browsers axe
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest --headless $(PYTEST_ARGS)

# The callback fuzzing at length: every registered callback, as each role, on both databases,
# with FUZZ_EXAMPLES hostile payloads each (`make test` runs 3, deterministically).
FUZZ_EXAMPLES ?= 100
fuzz: install
	RELANCE_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -q tests/unit/test_callback_fuzz.py

# The messages of the code (babel.cfg) into translations/messages.pot, merged into each
# catalogue (new ones untranslated, changed ones fuzzy: translate them, then run this again),
# compiled to the .mo files the app reads. The .mo are committed: a fresh clone speaks French.
translations: install
	$(BIN)/pybabel extract -F babel.cfg --project=Relance --copyright-holder=Relance \
		--add-location=file --sort-output -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --ignore-obsolete \
		--ignore-pot-creation-date
	$(BIN)/pybabel compile -d translations --statistics

# seed_demo and notes_page wipe the test database (TEST_DATABASE_URL); bulk_reassign, counters,
# export, screens, browser and load use their own (relance_bench). export seeds BENCH_NOTES notes in
# it and in BENCH_SQLITE_DIR, which screens and browser reuse. Each writes its tables to
# benchmarks/results/<name>.md; report.py then copies them into README.md's "Measured".
BENCH_SQLITE_DIR ?= /tmp/relance-bench
RESULTS := benchmarks/results
bench: install browsers
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	$(BIN)/python benchmarks/seed_demo.py --notes $(BENCH_NOTES) --out $(RESULTS)/seed_demo.md
	$(BIN)/python benchmarks/notes_page.py --notes $(BENCH_NOTES) --out $(RESULTS)/notes_page.md
	$(BIN)/python benchmarks/bulk_reassign.py --notes $(BENCH_NOTES) --out $(RESULTS)/bulk_reassign.md
	$(BIN)/python benchmarks/counters.py --notes $(BENCH_NOTES) --out $(RESULTS)/counters.md
	$(BIN)/python benchmarks/export.py --notes $(BENCH_NOTES) --sqlite-dir $(BENCH_SQLITE_DIR) \
		--out $(RESULTS)/export.md
	$(BIN)/python benchmarks/screens.py --notes $(BENCH_NOTES) --reuse \
		--sqlite-dir $(BENCH_SQLITE_DIR) --out $(RESULTS)/screens.md
	$(BIN)/python benchmarks/browser.py --notes $(BENCH_NOTES) --reuse \
		--sqlite-dir $(BENCH_SQLITE_DIR) --out $(RESULTS)/browser.md
	$(BIN)/python benchmarks/load.py --notes $(BENCH_NOTES) --reuse --users 50 --seconds 120 \
		--think 3 10 --out $(RESULTS)/load.md
	$(BIN)/python benchmarks/load.py --notes $(BENCH_NOTES) --reuse --users 50 --seconds 120 \
		--think 0.5 2.5 --out $(RESULTS)/load_busy.md
	$(BIN)/python benchmarks/report.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
