# Newsroom — every target sets up .venv from the pinned pyproject.toml when it is missing.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test lint browser ssh-keygen clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

serve: $(STAMP)  ## set up, build, preview at http://127.0.0.1:8000 (drafts under a banner; content errors are printed, the preview keeps running; after a save only changed pages are rendered again)
	$(BIN)/mkdocs serve --dirty --no-strict --dev-addr 127.0.0.1:8000

build: $(STAMP)  ## production build into site/
	$(BIN)/mkdocs build --strict

check: $(STAMP)  ## validate content only
	$(BIN)/newsroom check

lint: $(STAMP)
	$(BIN)/ruff check hooks scripts tests
	$(BIN)/ruff format --check hooks scripts tests

test: $(STAMP) browser ssh-keygen  ## set up and run every test (lint included)
	$(BIN)/ruff check hooks scripts tests
	$(BIN)/ruff format --check hooks scripts tests
	$(BIN)/pytest

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

CHROMIUM ?= $(or $(NEWSROOM_CHROMIUM),/usr/bin/chromium)

browser:  ## Debian's Chromium for the browser tests (NEWSROOM_CHROMIUM names another binary)
	@test -x $(CHROMIUM) || ($(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq chromium chromium-driver)

ssh-keygen:  ## OpenSSH's ssh-keygen: the signed-approval tests make throw-away keys with it
	@command -v ssh-keygen >/dev/null || ($(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq openssh-client)

clean:
	rm -rf site .pytest_cache .cache/newsroom
