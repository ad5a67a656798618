# Two commands set everything up on a fresh machine with Python 3.11, pip and gcc:
#   make demo   builds the example graph in the embedded Oxigraph store and queries it
#   make test   runs the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STORE ?= demo-store

.PHONY: install demo test lint typecheck bench clean

$(BIN)/sportkg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(BIN)/sportkg

install: $(BIN)/sportkg

demo: install
	rm -rf $(STORE)
	$(BIN)/sportkg build examples/articles --store $(STORE)
	$(BIN)/sportkg stats --store $(STORE)
	$(BIN)/sportkg query medals --store $(STORE)
	$(BIN)/sportkg export --store $(STORE) --format turtle --out out/demo.ttl

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy --config-file pyproject.toml errors.py model.py iris.py ontology graph extract

clean:
	rm -rf $(VENV) $(STORE) out build *.egg-info
