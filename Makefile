# dedupe: make demo, make test. Everything installs into .venv in this folder.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dask]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/dedupe compare samples/beijing-binds/a.txt samples/beijing-binds/b.txt -o demo-canonical.txt
	@echo "canonical edition written to demo-canonical.txt"

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check dedupe tests bench
	$(BIN)/ruff format --check dedupe tests bench

eval: $(STAMP)
	$(BIN)/python bench/eval.py

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info demo-canonical.txt
