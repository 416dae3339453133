# Liaison: two commands to know — `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
CONSTRAINTS := requirements/constraints.txt

.PHONY: messages run test test-postgres lint bench install install-dev translations lock clean

$(BIN)/liaison: pyproject.toml $(CONSTRAINTS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) -e .
	@touch $@

install: $(BIN)/liaison

$(VENV)/.dev: $(BIN)/liaison
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) -e '.[dev]'
	@touch $@

install-dev: $(VENV)/.dev

translations: install
	$(BIN)/liaison compile_translations

# Developers: refresh locale/*/LC_MESSAGES/django.po from the code (needs GNU gettext).
messages: install
	$(BIN)/liaison makemessages --locale ru --locale pt --locale uz --no-obsolete \
		--ignore '.venv/*' --ignore 'staticfiles/*' --ignore '*/tests/*' --ignore 'tests/*' --ignore 'bench/*'

# The demo signs in with a password alone so every role can be tried at once; set
# LIAISON_OTP_POLICY=personal_data (the default outside `make run`) to require two-factor.
run: export LIAISON_OTP_POLICY ?= off
run: install translations
	$(BIN)/liaison migrate --no-input
	$(BIN)/liaison demo
	PORT=$(PORT) $(BIN)/python -m liaison.core.serve

test: install-dev translations
	$(BIN)/pytest -q

test-postgres: install-dev translations
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/liaison} $(BIN)/pytest -q --create-db

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy liaison config

bench: install-dev
	$(BIN)/python -m bench

lock:
	$(PYTHON) -m venv /tmp/liaison-lock && /tmp/liaison-lock/bin/pip install --quiet -e '.[dev]' && \
	/tmp/liaison-lock/bin/pip freeze --exclude-editable | grep -v '^-e' > $(CONSTRAINTS)

clean:
	rm -rf $(VENV) staticfiles
