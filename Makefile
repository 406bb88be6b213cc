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

.PHONY: run test install install-dev assets system-deps translations lint bench clean

run: install assets
	$(FLASK) db upgrade
	$(FLASK) demo seed
	$(FLASK) run --host $(HOST) --port $(PORT)

test: system-deps install-dev assets
	TEST_DATABASE_URL="$$(scripts/ensure_postgres.sh)" $(VENV)/bin/pytest $(PYTEST_ARGS)

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
