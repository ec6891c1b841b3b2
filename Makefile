# Newsroom — every target sets up .venv from the pinned pyproject.toml when it is missing.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test lint browser ssh-keygen nginx publish tools clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

serve: $(STAMP)  ## set up, build, preview at http://127.0.0.1:8000 (drafts under a banner; content errors are printed, the preview keeps running; after a save only changed pages are rendered again)
	$(BIN)/mkdocs serve --dirty --no-strict --dev-addr 127.0.0.1:8000

build: $(STAMP)  ## production build into site/
	$(BIN)/newsroom build

check: $(STAMP)  ## validate content only
	$(BIN)/newsroom check

lint: $(STAMP)  ## ruff and mypy (the core and the CLI, settings in pyproject.toml)
	$(BIN)/ruff check hooks scripts tests
	$(BIN)/ruff format --check hooks scripts tests
	$(BIN)/mypy

test: $(STAMP) browser ssh-keygen nginx tools  ## set up and run every test (lint included)
	$(BIN)/ruff check hooks scripts tests
	$(BIN)/ruff format --check hooks scripts tests
	$(BIN)/mypy
	$(BIN)/pytest

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

CHROMIUM ?= $(or $(NEWSROOM_CHROMIUM),/usr/bin/chromium)

browser:  ## Debian's Chromium for the browser tests (NEWSROOM_CHROMIUM names another binary)
	@test -x $(CHROMIUM) || ($(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq chromium chromium-driver)

ssh-keygen:  ## OpenSSH's ssh-keygen: the signed-approval tests make throw-away keys with it
	@command -v ssh-keygen >/dev/null || ($(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq openssh-client)

NGINX ?= $(or $(NEWSROOM_NGINX),/usr/sbin/nginx)

nginx:  ## Debian's nginx for the deployment tests (NEWSROOM_NGINX names another binary)
	@test -x $(NGINX) || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nginx)

RELEASES ?= /srv/newsroom/releases

publish: $(STAMP)  ## build, verify, switch to a new release in $(RELEASES) if the site changed (DEPLOY.md)
	$(BIN)/newsroom deploy release --releases $(RELEASES)

TOOLS := tests/tools
TOOLS_STAMP := $(TOOLS)/node_modules/.package-lock.json

tools: $(TOOLS_STAMP)  ## test-only tools from the npm registry: axe-core and the Nu HTML checker (Java)

$(TOOLS_STAMP): $(TOOLS)/package.json $(TOOLS)/package-lock.json
	@command -v npm >/dev/null && command -v java >/dev/null || ($(SUDO) apt-get update -qq && \
		$(SUDO) apt-get install -y -qq npm default-jre-headless)
	# --ignore-scripts: vnu-jar's install script would try to download a Java runtime
	cd $(TOOLS) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(TOOLS_STAMP)

clean:
	rm -rf site .pytest_cache .cache/newsroom
