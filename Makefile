# Two commands on a fresh machine: `make build` (or `make serve`) and `make test`.
# The first run creates .venv from the exact pins; later runs reuse it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SITE   ?= site

# Material 9.8 prints a banner about MkDocs 2.0 on every run; we pin mkdocs<2 and know.
export NO_MKDOCS_2_WARNING := 1

.PHONY: build serve test clean

$(VENV)/.installed: requirements.txt requirements-test.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt -c constraints.txt
	touch $@

build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict --site-dir $(SITE)

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --strict

test: $(VENV)/.installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(SITE) .pytest_cache
