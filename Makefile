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

# EVAL_ARGS=--real-only: only the real-scan section (every pair and triple of real scans)
eval: $(STAMP)
	$(BIN)/python bench/eval.py $(EVAL_ARGS)

# speed and memory beside CollateX, difflib and diff-match-patch (bench/RESULTS.md):
# about an hour on 2 cores, most of it CollateX; BENCH_ARGS=--quick for a smoke test
BENCH_STAMP := $(VENV)/.bench-installed
BENCH_ARGS ?=
$(BENCH_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,dask,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python bench/bench_compare.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info demo-canonical.txt

# dedupe scan benchmarks (bench/SCAN.md): about ten minutes on 2 cores; SCAN_DOCS=100000 for the large run (an hour)
SCAN_DATA ?= /tmp/dedupe-scan
SCAN_DOCS ?= 10000
.PHONY: bench-scan
bench-scan: $(STAMP)
	$(BIN)/python bench/scan_bench.py shingles
	$(BIN)/python bench/scan_bench.py minhash
	$(BIN)/python bench/scan_bench.py tiny --files 10000
	rm -rf $(SCAN_DATA)/c1k $(SCAN_DATA)/c$(SCAN_DOCS)
	$(BIN)/python bench/gen_collection.py $(SCAN_DATA)/c1k --docs 1000 --kb 5-30 --real
	$(BIN)/python bench/scan_bench.py quality $(SCAN_DATA)/c1k
	$(BIN)/python bench/gen_collection.py $(SCAN_DATA)/c$(SCAN_DOCS) --docs $(SCAN_DOCS) --kb 30
	$(BIN)/python bench/scan_bench.py speed $(SCAN_DATA)/c$(SCAN_DOCS)
	$(BIN)/python bench/scan_bench.py speed $(SCAN_DATA)/c$(SCAN_DOCS) --engine dask --workers 2
	$(BIN)/python bench/scan_bench.py rescan $(SCAN_DATA)/c$(SCAN_DOCS)

# many witnesses, whole books (issue 19; section of bench/RESULTS.md): 2/5/10 text witnesses
# and 7 hOCR witnesses of a 400-page book, about 5-10 minutes on a busy 2-core machine
SCALE_ARGS ?= --repeat 2
.PHONY: bench-scale
bench-scale: $(STAMP)
	$(BIN)/python bench/scale.py $(SCALE_ARGS) --out bench/RESULTS.md
