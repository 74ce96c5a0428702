# Two commands on a fresh machine: `make build` (or `make serve`) and `make test`.
# The first run creates .venv from the exact pins (and node_modules for the tests); later runs reuse them.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
CONFIG ?= mkdocs.yml
SITE   ?= $(dir $(CONFIG))site

# Material 9.8 prints a banner about MkDocs 2.0 on every run; we pin mkdocs<2 and know.
export NO_MKDOCS_2_WARNING := 1

# Reproducible builds: the dates MkDocs writes (sitemap) are the last commit's, not the build's
# day, so two builds of one commit are byte-identical even across midnight.
COMMIT_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(COMMIT_EPOCH),)
export SOURCE_DATE_EPOCH ?= $(COMMIT_EPOCH)
endif

.PHONY: build serve test import bench clean

$(VENV)/.installed: requirements.txt requirements-test.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt -c constraints.txt
	touch $@

# axe-core and the Nu HTML Checker, for the accessibility and HTML tests. --ignore-scripts:
# vnu-jar's install script would download a Java runtime; the machine's Java (11+) is used.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict -f $(CONFIG) --site-dir $(SITE)

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --strict -f $(CONFIG)

test: $(VENV)/.installed node_modules/.installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# make import TEXT=path/to/text.txt [INTO=folder] [FORCE=1]
import: $(VENV)/.installed
	@test -n "$(TEXT)" || { echo "usage: make import TEXT=path/to/text.txt [INTO=folder] [FORCE=1]" >&2; exit 2; }
	$(BIN)/python hooks/import_command.py "$(TEXT)" $(if $(INTO),--into "$(INTO)") $(if $(FORCE),--force)

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf site .pytest_cache
