# Two commands on a fresh machine: `make build` (or `make serve`) and `make test`.
# The first run creates .venv from the exact pins, with the generator (src/) installed in it;
# `make build` installs the runtime only, `make test` adds the test set (and node_modules).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/pip install --quiet --disable-pip-version-check
CONFIG ?= mkdocs.yml
# make build ENGINE=mkdocs|properdocs|zensical: which engine renders the guide (README, "Engines").
# MkDocs runs from .venv; the others from a venv of their own, .venv-properdocs and .venv-zensical,
# each from its requirements-<engine>.txt (the runtime pins plus the engine).
ENGINE ?= mkdocs
ENGINES := mkdocs properdocs zensical
ifeq ($(filter $(ENGINE),$(ENGINES)),)
$(error ENGINE=$(ENGINE) is not an engine we build with; choose one of: $(ENGINES))
endif

# Byte code is written and reused (a machine may set PYTHONDONTWRITEBYTECODE): the tests start
# MkDocs in many processes, and each would compile the generator's modules again.
unexport PYTHONDONTWRITEBYTECODE

# Material 9.8 prints a banner about MkDocs 2.0 on every run; we pin mkdocs<2 and know.
export NO_MKDOCS_2_WARNING := 1

# Reproducible builds: the dates MkDocs writes (sitemap) are the last commit's, not the build's
# day, so two builds of one commit are byte-identical even across midnight.
COMMIT_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(COMMIT_EPOCH),)
export SOURCE_DATE_EPOCH ?= $(COMMIT_EPOCH)
endif

.PHONY: build serve compile test review import candidates bench clean engines $(addprefix build-,$(ENGINES)) $(addprefix serve-,$(ENGINES))

$(VENV)/.runtime: requirements.txt constraints.txt pyproject.toml
	"$(PYTHON)" -m venv $(VENV)
	$(PIP) -r requirements.txt -c constraints.txt
	$(PIP) --no-deps -e .
	touch $@

.venv-%/.runtime: requirements-%.txt requirements.txt constraints.txt pyproject.toml
	"$(PYTHON)" -m venv .venv-$*
	.venv-$*/bin/pip install --quiet --disable-pip-version-check -r requirements-$*.txt -c constraints.txt
	.venv-$*/bin/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# The engines the comparison test (tests/test_engines.py) builds with; `make test` installs them.
engines: .venv-properdocs/.runtime .venv-zensical/.runtime

$(VENV)/.tests: $(VENV)/.runtime requirements-test.txt
	$(PIP) -r requirements-test.txt -c constraints.txt
	touch $@

# axe-core and the Nu HTML Checker, for the accessibility and HTML tests. --ignore-scripts:
# vnu-jar's install script would download a Java runtime; the machine's Java (11+) is used.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

build: build-$(ENGINE)
serve: serve-$(ENGINE)

build-mkdocs: $(VENV)/.runtime
	$(BIN)/mkdocs build --strict -f "$(CONFIG)"

serve-mkdocs: $(VENV)/.runtime
	$(BIN)/mkdocs serve --strict -f "$(CONFIG)"

build-properdocs: .venv-properdocs/.runtime
	.venv-properdocs/bin/properdocs build --strict -f "$(CONFIG)"

serve-properdocs: .venv-properdocs/.runtime
	.venv-properdocs/bin/properdocs serve --strict -f "$(CONFIG)"

# Zensical ignores hooks: the compile step stages the guide in .guide-build/, Zensical renders it,
# then the books are written from the built site.
build-zensical: .venv-zensical/.runtime
	.venv-zensical/bin/reading-guide zensical build --strict -f "$(CONFIG)"

# `zensical serve` watches .guide-build/: after editing docs/ or glossary/, `make compile` (or
# `make serve-zensical` again) refreshes it and the preview reloads.
serve-zensical: .venv-zensical/.runtime
	.venv-zensical/bin/reading-guide zensical serve -f "$(CONFIG)"

compile: $(VENV)/.runtime
	$(BIN)/reading-guide compile -f "$(CONFIG)"

# Lint and types first (seconds), then the tests (minutes).
test: $(VENV)/.tests node_modules/.installed engines
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Every doubtful occurrence of a term (a longer name skipped, a match only in another case, an alias
# that is also an ordinary word), with file, paragraph and context; settled by entry settings.
review: $(VENV)/.runtime
	GUIDE_REVIEW=1 GUIDE_BOOKS=0 $(BIN)/mkdocs build -f "$(CONFIG)" --site-dir "$$(mktemp -d)"

# make import TEXT=path/to/text.txt INTO=folder [FORCE=1] [SPLIT=parts|chapters|sections] [DRY_RUN=1] [OUTLINE_JSON=file]
#   [OUTLINE=source/outline.yml] [LANGUAGE=de]
# (a folder without mkdocs.yml becomes a new guide; without INTO=, this guide's own chapters, after asking)
import: $(VENV)/.runtime
	@test -n "$(TEXT)" || { echo "usage: make import TEXT=path/to/text.txt INTO=folder [FORCE=1] [SPLIT=chapters] [DRY_RUN=1]" >&2; exit 2; }
	$(BIN)/reading-guide import "$(TEXT)" --into "$(or $(INTO),.)" $(if $(INTO),,--ask) $(if $(FORCE),--force) \
	  $(if $(SPLIT),--split "$(SPLIT)") $(if $(DRY_RUN),--dry-run) $(if $(OUTLINE_JSON),--outline-json "$(OUTLINE_JSON)") \
	  $(if $(OUTLINE),--outline "$(OUTLINE)") $(if $(LANGUAGE),--language "$(LANGUAGE)")

# make candidates [ACCEPT="Soviet, Comintern"] [TICKED=1] [GUIDE=folder]: the text's term candidates as a checklist,
# glossary-candidates.md; the terms accepted (named, or ticked [x] in the list) become draft entries
candidates: $(VENV)/.runtime
	$(BIN)/reading-guide candidates "$(or $(GUIDE),.)" $(if $(ACCEPT),--accept "$(ACCEPT)") $(if $(TICKED),--accept-ticked)

# make bench [BENCH_ARGS="--quick"]: results/latest.json (--quick: results/quick.json), then the README's table from it
# (with the test set: the large book's search figures are measured in Chromium through Playwright)
bench: $(VENV)/.tests
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/report.py --write-readme

clean:
	rm -rf site .pytest_cache .guide-build
