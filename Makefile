# Storegate: `make demo` runs it with demo data; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
PG_URL ?= postgres://postgres@127.0.0.1:5432/storegate

.PHONY: demo test test-sqlite test-postgres install install-system lint typecheck lock bench messages clean

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv

$(VENV)/.installed: requirements/dev.txt pyproject.toml | $(BIN)/uv
	$(BIN)/uv pip sync --python $(BIN)/python requirements/dev.txt
	$(BIN)/uv pip install --python $(BIN)/python --no-deps -e .
	touch $@

install: $(VENV)/.installed messages

# Debian's Chromium for the browser tests (never a downloaded browser), and GNU gettext, whose
# makemessages the translation test uses to find strings that lack a translation (R28).
install-system:
	@if [ ! -x /usr/bin/chromium ] || ! command -v msgmerge >/dev/null || ! command -v hey >/dev/null; then \
		echo "Installing Debian's chromium, gettext and hey for the tests and the load benchmark"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium gettext hey >/dev/null; \
	fi

messages: $(VENV)/.installed
	STOREGATE_DEMO=1 $(BIN)/python manage.py compile_translations

demo: install
	$(BIN)/storegate demo

test: install install-system
	@echo "== Test suite on SQLite =="
	STOREGATE_DEMO=1 DATABASE_URL= $(BIN)/pytest -q
	@echo "== Test suite on PostgreSQL ($(PG_URL)) =="
	@if STOREGATE_DEMO=1 $(BIN)/python -m storegate.core.dbcheck "$${DATABASE_URL:-$(PG_URL)}"; then \
		STOREGATE_DEMO=1 DATABASE_URL="$${DATABASE_URL:-$(PG_URL)}" $(BIN)/pytest -q; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL did not answer and CI=true: failing." >&2; exit 1; \
	else \
		echo "" >&2; echo "!!! PostgreSQL did not answer: the PostgreSQL run is SKIPPED (CI fails on this). !!!" >&2; echo "" >&2; \
	fi

lint: $(VENV)/.installed
	$(BIN)/ruff check storegate tests bench
	$(BIN)/ruff format --check storegate tests bench

typecheck: $(VENV)/.installed
	STOREGATE_DEMO=1 $(BIN)/mypy storegate

bench: install
	STOREGATE_DEMO=1 $(BIN)/python -m bench

# Re-lock the hashed requirement files after changing pyproject.toml.
lock: | $(BIN)/uv
	$(BIN)/uv pip compile pyproject.toml --generate-hashes --no-emit-index-url --no-emit-find-links --python-version 3.11 -o requirements/base.txt
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --no-emit-index-url --no-emit-find-links --python-version 3.11 -o requirements/dev.txt

clean:
	rm -rf $(VENV) var
