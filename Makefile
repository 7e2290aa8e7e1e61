# Two commands matter: `make demo` and `make test`. Both set everything up from scratch.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint slow bench bench-match bench-spend clean data readme

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,ftm]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/screener screen sample_data/suppliers.xlsx -o sample_data/out/suppliers-risk.xlsx --force

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest -q -m "not slow"

# Installs the ray and spark extras so the Ray Data map_batches and Spark mapInArrow examples (tests/test_batch.py)
# run on a local Ray and a local Spark (which needs a Java runtime: java on PATH) in CI.
slow: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[ray,spark]"
	$(BIN)/python -m pytest -q -m slow || [ $$? -eq 5 ]  # 5 = no slow tests collected

bench: $(STAMP)
	$(BIN)/python -m bench.run_bench
	$(BIN)/python scripts/update_readme.py

# Installs the bench extra (nomenklatura, the logic-v2 baseline) into .venv: never a runtime dependency.
bench-match: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python -m bench.match_bench
	$(BIN)/python scripts/update_readme.py

# Installs the bench extra (price-parser, the baseline) into .venv: the spend parser measured on bench/spend/cells.csv.
bench-spend: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python -m bench.spend.compare

# Re-copy reference data and lists from ../shared/data (developers only; the results are committed).
data: $(STAMP)
	$(BIN)/python scripts/vendor_shared_data.py

# Copy the generated tables (reliability corpus, matching bench, performance) into README.md.
readme: $(STAMP)
	$(BIN)/python scripts/update_readme.py

clean:
	rm -rf $(VENV) sample_data/out .pytest_cache .ruff_cache
