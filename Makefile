# Everything a fresh machine needs is installed here: a project venv, the npm tools the
# end-to-end tests drive (into .cache/npm), and Debian's Go for the differential tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION := 1
export TAGSCAN_NPM_PREFIX := $(CURDIR)/.cache/npm

.PHONY: setup run test test-fast test-deps bench clean

# constraints.txt: the exact versions the project is tested with (pyproject.toml declares ranges).
$(BIN)/tagscan: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

setup: $(BIN)/tagscan

# The main job: synthesize the bundled example models into cdk.out and print the summary.
run: setup
	$(BIN)/tagscan lint fixtures/models
	$(BIN)/tagscan synth fixtures/models -o cdk.out

test-deps: setup
	bash tests/setup/install-test-deps.sh

test: test-deps
	$(BIN)/pytest -n 2 -q

# The loop while editing: the tests that need no Node, Go, npm or server, about a minute on two cores
# (`make test` runs them all).
test-fast: setup
	$(BIN)/pytest -m "not slow" -n 2 -q

bench: setup
	$(BIN)/python bench/scan_bench.py
	$(BIN)/python bench/lint_bench.py
	bash tests/setup/install-test-deps.sh
	$(BIN)/python bench/synth_bench.py

clean:
	rm -rf $(VENV) .cache cdk.out
