# Pattern — the commands people type. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := server/.venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 5001
SIZE ?= 100000

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets
	@awk 'BEGIN {FS = ":.*##"} /^[a-zA-Z_-]+:.*##/ {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): server/pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e 'server[dev]'
	touch $(STAMP)

.PHONY: install
install: $(STAMP) ## Create server/.venv and install the server with its dev tools

.PHONY: client
client: ## Build the web client into client/dist (when the client exists)
	@if [ -f client/package.json ]; then cd client && npm ci --no-audit --no-fund && npm run build; \
	else echo "no client/ yet: serving the API only"; fi

.PHONY: migrate
migrate: $(STAMP) ## Apply pending database migrations
	$(BIN)/alembic -c alembic.ini upgrade head

.PHONY: start
start: $(STAMP) client migrate ## Install, migrate, build the client and serve on http://localhost:5001
	$(BIN)/python -m pattern

.PHONY: emulator
emulator: $(STAMP) ## Run the Plaid Sandbox emulator alone on port 5002
	$(BIN)/python -m plaid_emulator --port 5002 --state-file data/plaid-emulator.json

.PHONY: lint
lint: $(STAMP) ## ruff and mypy
	cd server && .venv/bin/ruff check . ../database && .venv/bin/ruff format --check . ../database
	cd server && .venv/bin/mypy pattern plaid_emulator bench tests

.PHONY: format
format: $(STAMP) ## Format and auto-fix the Python code
	cd server && .venv/bin/ruff format . ../database && .venv/bin/ruff check --fix . ../database

.PHONY: test
test: $(STAMP) lint ## Install what the tests need and run the whole suite
	cd server && .venv/bin/pytest

.PHONY: bench
bench: $(STAMP) ## Benchmarks: initial sync of SIZE (default 100000) transactions into PostgreSQL and SQLite
	cd server && .venv/bin/python -m bench.sync_bench --size $(SIZE)

.PHONY: clean
clean: ## Remove the virtual environment and build output (keeps data/)
	rm -rf $(VENV) client/dist client/node_modules
