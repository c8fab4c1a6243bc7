# The alignment playbook: every task a contributor or CI runs.
# `make serve` and `make test` set everything up on a fresh machine with python3, make and git.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: help install check lint test test-fast cli-docs serve site screenshots bench fuzz browser clean diff codeowners release editions schemas

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s "$$(printf '\t')"

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project with pinned versions

check: $(STAMP) ## Check the playbook data (warnings fail too)
	$(BIN)/playbook check --strict

diff: $(STAMP) ## What this branch changes in the playbook, entry by entry (BASE=ref, default main)
	$(BIN)/playbook diff $(BASE)

codeowners: $(STAMP) ## Regenerate .github/CODEOWNERS from the role charter
	$(BIN)/playbook codeowners

schemas: $(STAMP) ## Regenerate schema/, the JSON Schema of each data file, from the data contract
	$(BIN)/playbook schemas

lint: $(STAMP) ## Ruff (lint and format) and mypy strict
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m tests.clidocs --check
	$(BIN)/playbook schemas --check

browser: ## Install Debian's Chromium for the browser tests, when missing and possible
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  elif command -v sudo >/dev/null 2>&1; then sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium not found: browser tests will be skipped"; fi; }

test: $(STAMP) browser lint check ## Everything CI runs: lint, data check, all tests
	$(BIN)/pytest -n 2

test-fast: $(STAMP) ## Tests without the site builds, the browser and the fuzz tests
	$(BIN)/pytest -n 2 -m "not slow and not fuzz"

cli-docs: $(STAMP) ## Write the commands' --help into docs/reference/cli.md
	$(BIN)/python -m tests.clidocs

site: $(STAMP) ## Build the handbook into site/ (strict; swapped in only on success)
	$(BIN)/playbook build --site-dir site

serve: $(STAMP) ## Preview the handbook with live reload on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --strict --livereload

release: $(STAMP) ## Release an edition onto the gh-pages branch (EDITION=2026-q4)
	@test -n "$(EDITION)" || { echo "usage: make release EDITION=2026-q4"; exit 2; }
	$(BIN)/playbook release "$(EDITION)"

editions: $(STAMP) ## Preview every released edition from gh-pages on http://127.0.0.1:8000
	$(BIN)/mike serve --dev-addr 127.0.0.1:8000

screenshots: $(STAMP) browser site ## Screenshots of key pages into docs/assets/screenshots/
	$(BIN)/python -m tests.screenshots

bench: $(STAMP) ## Benchmark against plain MkDocs; results in bench/results/
	$(BIN)/python bench/run.py

fuzz: $(STAMP) ## The fuzz tests with many more examples
	PLAYBOOK_FUZZ_EXAMPLES=20000 $(BIN)/pytest -m fuzz -p no:xdist

clean: ## Remove the virtualenv and build output
	rm -rf $(VENV) site build .mypy_cache .ruff_cache .pytest_cache .hypothesis
