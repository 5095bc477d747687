# flowdsl — the two commands of the README:
#   make demo   render every sample into out/
#   make test   run the test suite
# Both create .venv, install flowdsl into it and install Graphviz, rsvg-convert and a
# CJK font when they are missing and that is possible (see scripts/ensure-system-deps.sh).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test bench sysdeps jsdeps venv clean fuzz

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "flowdsl needs Python 3.10 or newer")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { echo "python3 -m venv failed: on Debian run 'sudo apt-get install python3-venv'"; exit 1; }
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

venv: $(STAMP)

sysdeps:
	@bash scripts/ensure-system-deps.sh

# the npm tools the export tests use (mermaid-cli, bpmn-moddle, bpmn-js, mxgraph), into .npm/
jsdeps: sysdeps
	@bash scripts/ensure-js-deps.sh

demo: $(STAMP) sysdeps
	$(VENV)/bin/flowdsl render samples/*.flow -o out -f svg,png,pdf,dot
	$(VENV)/bin/flowdsl render samples/*.flow -o out/gane-sarson -f svg,png,pdf --notation gane-sarson
	$(VENV)/bin/flowdsl render samples/*.flow -o out/yourdon -f svg,png,pdf --notation yourdon
	@echo "Rendered into out/ (DFDs in the textbook notation; out/gane-sarson/ and out/yourdon/ hold the other two)"

test: $(STAMP) sysdeps jsdeps
	@# temporary files in the project's own folder, made anew each run (not the shared /tmp/pytest-of-USER)
	$(PY) -m pytest --basetemp=$(CURDIR)/.pytest-tmp

bench: $(STAMP) sysdeps
	$(PY) benchmarks/run.py

clean:
	rm -rf out .pytest_cache .hypothesis build *.egg-info
