# Brygga. `make run` and `make test` are the two commands in the README; the rest is in
# docs/development.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test check worker demo-data messages assets lock reset backup restore load bench install install-dev chromium pdf-libs

## Install, migrate, load the demo municipality if the database is empty, and serve.
run: install pdf-libs
	@mkdir -p var
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py createcachetable
	$(PY) manage.py seed_demo_data --if-empty
	@echo; $(PY) manage.py demo_logins; echo
	@echo "Brygga körs på http://$(HOST):$(PORT)/  (personal: http://$(HOST):$(PORT)/personal/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

## The whole suite: unit, integration and browser tests (Chromium from Debian).
test: install-dev chromium pdf-libs
	$(BIN)/pytest

## Lint, format, types, architecture rules, migrations, deploy checks.
check: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=brygga.conf.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=brygga.conf.production SECRET_KEY=$$($(PY) -c 'import secrets;print(secrets.token_urlsafe(64))') \
	  ALLOWED_HOSTS=brygga.example.se $(PY) manage.py check --deploy --fail-level WARNING
	$(PY) scripts/check_messages.py

## The background worker (e-mail, long runs) for the database task queue.
worker: install
	$(PY) manage.py db_worker

## Load the demo municipality into an empty database.
demo-data: install pdf-libs
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py createcachetable
	$(PY) manage.py seed_demo_data

## Extract translatable strings and compile the catalogues.
messages: install
	cd brygga && ../$(PY) ../manage.py makemessages -l en --no-obsolete --no-location --ignore 'static/*'
	cd brygga && ../$(PY) ../manage.py compilemessages -l en

## Refresh the committed front-end assets from frontend/package-lock.json (needs Node.js).
assets:
	scripts/copy-assets.sh

## One archive with the database and the private documents, under var/backups/.
backup: install
	$(PY) manage.py backup

## Replace the database and documents with a backup: make restore FILE=var/backups/brygga-….tar.gz
restore: install
	@test -n "$(FILE)" || { echo "Ange arkivet: make restore FILE=var/backups/brygga-….tar.gz"; exit 2; }
	$(PY) manage.py restore "$(FILE)"

## Load test: 50 users for five minutes against a fresh demo on 127.0.0.1 (docs/operations.md).
load: install
	scripts/load_test.sh

## Benchmark: synthetic data at each size on SQLite and PostgreSQL, then bench/report.md
## (docs/operations.md). BENCH_SQLITE_SIZES, BENCH_PG_SIZES and BENCH_DATABASE_URL choose.
bench: install
	$(PY) scripts/bench.py all

## Start afresh: remove the local SQLite database and uploaded files.
reset:
	rm -rf var/

## Re-resolve the pinned dependencies after editing pyproject.toml.
lock: $(VENV)/.venv-created
	$(BIN)/pip install -q pip-tools
	$(BIN)/pip-compile -q --strip-extras --generate-hashes -o requirements/base.lock pyproject.toml
	$(BIN)/pip-compile -q --strip-extras --generate-hashes --extra dev -o requirements/dev.lock pyproject.toml

install: $(VENV)/.installed-base
install-dev: $(VENV)/.installed-dev

$(VENV)/.venv-created:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Brygga behöver Python 3.11 eller senare."; exit 1; }
	$(PYTHON) -m venv $(VENV) || { echo "Installera venv: sudo apt-get install python3-venv"; exit 1; }
	@touch $@

$(VENV)/.installed-base: requirements/base.lock $(VENV)/.venv-created
	$(BIN)/pip install -q --require-hashes -r requirements/base.lock
	@touch $@

$(VENV)/.installed-dev: requirements/dev.lock $(VENV)/.venv-created
	$(BIN)/pip install -q --require-hashes -r requirements/dev.lock
	@touch $@ $(VENV)/.installed-base

## Chromium from Debian for the browser tests (installed when missing and we are root).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Browser tests need Chromium: sudo apt-get install chromium"; exit 1; fi; }

## Pango for WeasyPrint's PDFs (decision letters), from Debian (installed when missing and we are root).
pdf-libs:
	@{ ldconfig -p 2>/dev/null || /sbin/ldconfig -p; } | grep -q 'libpangoft2-1.0.so.0' || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null; \
	  else echo "PDF letters need Pango: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"; exit 1; fi; }
