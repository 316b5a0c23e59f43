# Two commands do all the set-up on a fresh machine (Python 3.11+ and the package registry):
#   make demo   — create .venv, install dateline and its model, ingest demo/articles, print tables
#   make test   — same set-up, then ruff, mypy and the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo.duckdb

.PHONY: demo test lint typecheck pytest bench eval schema clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: $(BIN)/.installed
	rm -f $(DEMO_DB)
	$(BIN)/dateline ingest demo/articles --db $(DEMO_DB)
	$(BIN)/dateline summary --db $(DEMO_DB)

lint: $(BIN)/.installed
	$(BIN)/ruff check src tests bench eval

typecheck: $(BIN)/.installed
	$(BIN)/mypy

pytest: $(BIN)/.installed
	$(BIN)/python -m pytest -q

test: lint typecheck pytest

schema: $(BIN)/.installed
	$(BIN)/python -c "import json, dateline; print(json.dumps(dateline.json_schema(), indent=2, ensure_ascii=False))" > docs/schema.json

eval: $(BIN)/.installed
	for script in eval/score_*.py; do $(BIN)/python $$script || exit 1; done

bench: $(BIN)/.installed
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) $(DEMO_DB) .pytest_cache .mypy_cache .ruff_cache
