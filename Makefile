# dangvu: `make run` starts the system with demo data, `make test` runs every check. See README.md.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
# Written after a successful install; `make install` reinstalls only when pyproject.toml is newer.
STAMP := $(VENV)/.dangvu-installed
# The PostgreSQL run of `make test`; pytest-django creates and drops test_dangvu on that server.
PG_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/dangvu
# pytest's cache (--lf, --ff) of the PostgreSQL run, apart from the SQLite run's as the two run together.
PG_PYTEST_OPTIONS := -o cache_dir=.pytest_cache_postgresql
# Extra arguments for both pytest runs, e.g. `make test PYTEST_ARGS="-x -k members"`.
PYTEST_ARGS ?=

.PHONY: help install run lint test test-sqlite test-postgres browser-deps bench messages

help:
	@echo "make run       install, migrate, load the demo data and serve http://127.0.0.1:8000"
	@echo "make test      install, lint, then the tests on SQLite and on PostgreSQL"
	@echo "make install   create $(VENV) and install dangvu with its dev extra"
	@echo "make lint      ruff check and ruff format --check"
	@echo "make bench     run bench/run.py"
	@echo "make messages  compile the .po files under dangvu/"

install: $(STAMP)

$(STAMP): pyproject.toml
	@if ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
		python="$$(scripts/find-python)"; \
		echo "Creating $(VENV) with $$python"; \
		rm -rf $(VENV); \
		"$$python" -m venv $(VENV); \
	fi
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

run: install
	$(BIN)/dangvu migrate --noinput
	$(BIN)/dangvu demo load --if-empty
	$(BIN)/dangvu ensure_admin
	$(BIN)/dangvu runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Prerequisites run left to right: install, Chromium, lint; then the SQLite and the PostgreSQL runs at the
# same time (each mostly uses one core, and the PostgreSQL one often waits on the server). --output-sync
# prints the output of each run in one piece when it ends; `make test` fails when either run fails (the other
# is let finish first). `make test-sqlite` or `make test-postgres` runs one of them, its output as it goes.
# pytest's exit code 5 (no test collected) fails the run like any other non-zero code.
test: install browser-deps lint
	@echo "Running the tests on SQLite and on PostgreSQL at the same time; each run's output follows when it ends."
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

browser-deps:
	scripts/ensure-chromium

test-sqlite: install
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: install
	@if $(BIN)/python scripts/pg_ready.py '$(PG_DATABASE_URL)'; then \
		echo "DATABASE_URL=$(PG_DATABASE_URL) $(BIN)/pytest $(PG_PYTEST_OPTIONS) $(PYTEST_ARGS)"; \
		DATABASE_URL='$(PG_DATABASE_URL)' $(BIN)/pytest $(PG_PYTEST_OPTIONS) $(PYTEST_ARGS); \
	elif [ "$${CI:-}" = "true" ]; then \
		echo "ERROR: PostgreSQL is unreachable and CI=true: the PostgreSQL run is required in CI." >&2; \
		exit 1; \
	else \
		echo "WARNING: PostgreSQL is unreachable: the PostgreSQL run is SKIPPED (it is required in CI)." >&2; \
	fi

bench: install
	@if [ -f bench/run.py ]; then \
		$(BIN)/python bench/run.py; \
	else \
		echo "bench/run.py does not exist yet: nothing to run."; \
	fi

# compilemessages runs inside dangvu/ so that it compiles the project's catalogues only (not the .venv's).
messages: install
	@if [ -n "$$(find dangvu -path '*/locale/*' -name '*.po' -print -quit)" ]; then \
		cd dangvu && ../$(BIN)/dangvu compilemessages; \
	else \
		echo "No .po files under dangvu/: nothing to compile."; \
	fi
