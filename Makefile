# teilhabe — the two commands of the README, and a few helpers.
#   make run    install, migrate, load demo data, print the logins, serve on 127.0.0.1:5000
#   make test   install what the tests need (Python, npm, system packages as root) and run them all
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
FLASK := $(VENV)/bin/flask --app wsgi
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 5000
#: Prints the PostgreSQL URL the tests use (overridable to test this Makefile)
ENSURE_POSTGRES ?= scripts/ensure_postgres.sh

.PHONY: run test install install-dev assets system-deps translations lint bench clean

run: install assets
	$(FLASK) db upgrade
	$(FLASK) demo seed
	$(FLASK) run --host $(HOST) --port $(PORT)

# The PostgreSQL half of the suite is not optional: no database, no test run (and exit 1).
test: system-deps install-dev assets
	@url="$$($(ENSURE_POSTGRES))" && [ -n "$$url" ] || { \
	  echo "make test: no PostgreSQL for the tests ($(ENSURE_POSTGRES) failed)." >&2; \
	  echo "Set TEST_DATABASE_URL, or run as root so a cluster can be started." >&2; exit 1; }; \
	echo "Testing on SQLite and $$url" >&2; \
	TEST_DATABASE_URL="$$url" $(VENV)/bin/pytest $(PYTEST_ARGS)

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/activate
	$(PIP) install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(PIP) install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed
	$(PY) scripts/i18n.py compile >/dev/null

install-dev: install $(VENV)/.installed-dev

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error

assets: node_modules/.package-lock.json
	$(PY) scripts/vendor.py

system-deps:
	scripts/system-deps.sh

translations: install
	$(PY) scripts/i18n.py extract
	$(PY) scripts/i18n.py status || true

lint: install-dev
	$(VENV)/bin/ruff check .

bench: install-dev assets
	$(PY) -m bench

clean:
	rm -rf $(VENV) node_modules app/static/vendor
