# Pattern — the commands people type. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := server/.venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 5001
SIZE ?= 100000
# pytest processes for `make test` (pytest-xdist): the tests wait on servers and databases
# as much as they compute, so two share two cores well (11.5 -> 7.5 minutes of pytest here;
# with the tests' cheap password hashing too, about 5 minutes).
TEST_WORKERS ?= 2

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
ifneq ($(wildcard client/package.json),)
CLIENT_DEPS := client/node_modules/.installed-stamp
CLIENT_SOURCES := $(shell find client/src client/public -type f 2>/dev/null) \
	$(wildcard client/index.html client/vite.config.ts client/tsconfig*.json)

$(CLIENT_DEPS): client/package.json client/package-lock.json
	cd client && npm ci --no-audit --no-fund
	touch $@

client/dist/index.html: $(CLIENT_DEPS) $(CLIENT_SOURCES)
	cd client && npm run build

client: client/dist/index.html ## Build the web client into client/dist (when it changed)

# The client's API types are generated from the server's OpenAPI schema
# (docs/adr/0010-one-api-contract.md). Both files are checked in, so building the client
# needs no server; `make lint` fails when they are not what this would write now.
API_SCHEMA := client/src/api/openapi.json
API_TYPES := client/src/api/schema.ts

.PHONY: api-types
api-types: $(STAMP) $(CLIENT_DEPS) ## Regenerate the client's API types from the server's schema
	$(BIN)/python -m pattern.app.openapi > $(API_SCHEMA).new
	mv $(API_SCHEMA).new $(API_SCHEMA)
	cd client && npm run --silent api-types

.PHONY: api-types-check
api-types-check: $(STAMP) $(CLIENT_DEPS)
	@$(BIN)/python -m pattern.app.openapi | cmp -s - $(API_SCHEMA) || \
		{ echo "$(API_SCHEMA) is not the server's API: run make api-types"; exit 1; }
	@cd client && npm run --silent api-types -- --check >/dev/null || \
		{ echo "$(API_TYPES) is not generated from $(API_SCHEMA): run make api-types"; exit 1; }
else
CLIENT_DEPS :=
client:
	@echo "no client/ yet: serving the API only"

.PHONY: api-types api-types-check
api-types api-types-check:
	@echo "no client/ yet: no client types to generate"
endif

# Installs those of the Debian packages $(1) that are missing, as root or through sudo.
define apt_install
	@missing=""; for p in $(1); do \
		command -v $$p >/dev/null || [ -x /usr/sbin/$$p ] || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	elif command -v sudo >/dev/null; then sudo apt-get update -qq && \
		sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else echo "missing:$$missing (cannot install here): $(2)"; fi
endef

.PHONY: system-packages
system-packages: ## Install Debian's chromium and nginx for the browser and nginx tests, when missing
	$(call apt_install,chromium nginx,those tests will skip)

.PHONY: bench-packages
bench-packages: ## Install Debian's wrk, the load generator of the query benchmark, when missing
	$(call apt_install,wrk,the query benchmark uses its Python load generator only)

.PHONY: migrate
migrate: $(STAMP) ## Apply pending database migrations
	$(BIN)/alembic -c alembic.ini upgrade head

.PHONY: start
start: $(STAMP) client migrate ## Install, migrate, build the client and serve on http://localhost:5001
	$(BIN)/python -m pattern

.PHONY: admin
admin: $(STAMP) migrate ## Create an administrator account at the console (python -m pattern create-admin)
	$(BIN)/python -m pattern create-admin

.PHONY: dev
dev: $(STAMP) migrate ## Server on :5001 and Vite's dev server on :3001 (proxying /api and /socket.io)
	@test -f client/package.json || (echo "no client/ yet" && exit 1)
	cd client && npm install --no-audit --no-fund
	ALLOWED_ORIGINS='["http://localhost:3001"]' $(BIN)/python -m pattern & \
	server=$$!; trap "kill $$server" EXIT; cd client && npm run dev

.PHONY: emulator
emulator: $(STAMP) ## Run the Plaid Sandbox emulator alone on port 5002
	$(BIN)/python -m plaid_emulator --port 5002 --state-file data/plaid-emulator.json

.PHONY: lint
lint: $(STAMP) $(CLIENT_DEPS) api-types-check ## ruff, mypy, import layers, function length, SQL layer; the client's API types, ESLint, Prettier, tsc
	cd server && .venv/bin/ruff check . ../database && .venv/bin/ruff format --check . ../database
	cd server && .venv/bin/mypy pattern plaid_emulator bench tests tools
	cd server && .venv/bin/lint-imports --no-logo --no-cache
	cd server && .venv/bin/python -m tools.function_length pattern plaid_emulator
	cd server && .venv/bin/python -m tools.sql_layer pattern
ifneq ($(CLIENT_DEPS),)
	cd client && npm run --silent lint && npm run --silent format:check && npm run --silent typecheck
endif

.PHONY: format
format: $(STAMP) ## Format and auto-fix the Python code
	cd server && .venv/bin/ruff format . ../database && .venv/bin/ruff check --fix . ../database

.PHONY: test
test: $(STAMP) lint system-packages client ## Install what the tests need and run the whole suite
	@if [ -f client/package.json ]; then cd client && npm test; fi
	cd server && .venv/bin/pytest -n $(TEST_WORKERS) --durations=15

.PHONY: reliability
reliability: $(STAMP) ## Security, fault, crash and load tests, with a table of what was tried
	cd server && PYTHONPATH=. .venv/bin/pytest -m 'reliability or long' -p tests.support.reliability_table -q

.PHONY: bench
bench: $(STAMP) bench-packages client ## Benchmarks (SIZE transactions, default 100000): sync into PostgreSQL and SQLite; queries; planning; the web client's first load (20,000)
	cd server && .venv/bin/python -m bench.sync_bench --size $(SIZE)
	cd server && .venv/bin/python -m bench.query_bench --size $(SIZE)
	cd server && .venv/bin/python -m bench.planning_bench --size $(SIZE)
	cd server && .venv/bin/python -m bench.budget_bench --size $(SIZE)
	cd server && .venv/bin/python -m bench.transfer_bench --size $(SIZE)
	cd server && .venv/bin/python -m bench.recurring_bench --size $(SIZE)
	cd server && .venv/bin/python -m bench.rules_bench --size $(SIZE)
	cd server && .venv/bin/python -m bench.client_bench

.PHONY: backup
backup: $(STAMP) ## Copy the database into backups/ (SQLite online backup, or pg_dump)
	$(BIN)/python -m pattern.app.backup backups

.PHONY: up
up: ## docker compose: build and start postgres, redis, server and client (NGROK=1 adds ngrok)
	docker compose $(if $(NGROK),--profile ngrok) up -d --build

.PHONY: down
down: ## docker compose: stop and remove the containers (the database volume stays)
	docker compose --profile ngrok down

.PHONY: logs
logs: ## docker compose: follow the logs
	docker compose --profile ngrok logs -f

.PHONY: clean
clean: ## Remove the virtual environment and build output (keeps data/)
	rm -rf $(VENV) client/dist client/node_modules
