# partnerbot — two commands on a fresh machine:
#   make run    set everything up and start the bot (console without Slack tokens)
#   make test   set everything up and run ruff, the layering contracts, mypy --strict and the
#               whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run demo test lint typecheck pytest bench serve upgrade clean

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip >$(VENV)/install.log 2>&1 \
		|| { cat $(VENV)/install.log; exit 1; }

# pip's and setuptools' chatter goes to a log (printed only when the install fails), so that
# `make run` goes quietly from the command to the console's first prompt.
$(STAMP): pyproject.toml | $(BIN)/python
	@echo "partnerbot: installing into $(VENV) (details in $(VENV)/install.log)"
	@$(BIN)/python -m pip install --quiet -e . >$(VENV)/install.log 2>&1 \
		|| { cat $(VENV)/install.log; exit 1; }
	@touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(STAMP)

run: $(STAMP)
	@$(BIN)/partnerbot db upgrade >$(VENV)/upgrade.log 2>&1 \
		|| { cat $(VENV)/upgrade.log >&2; exit 1; }
	@$(BIN)/partnerbot

# The console's tour in a new database (the usual one is left as it was), then the prompt.
demo: $(STAMP)
	@$(BIN)/partnerbot console --fresh --tour

serve: $(STAMP)
	$(BIN)/partnerbot db upgrade
	$(BIN)/partnerbot serve

upgrade: $(STAMP)
	$(BIN)/partnerbot db upgrade

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(DEV_STAMP)
	$(BIN)/mypy

pytest: $(DEV_STAMP)
	$(BIN)/pytest

test: lint typecheck pytest

bench: $(DEV_STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
