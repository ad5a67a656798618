# Two commands set everything up on a fresh machine with Python 3.11, pip and gcc:
#   make demo   builds the example graph in the embedded Oxigraph store and queries it
#   make test   runs the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STORE ?= demo-store

.PHONY: install demo test lint train-nl clean

UD_DATA ?= ../shared/data/nlp

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
	$(BIN)/sportkg viz --store $(STORE) --out out/network.html

# Retrain the shipped Dutch pipeline from the UD treebanks (one CPU thread, about 15 minutes).
train-nl: install
	OMP_NUM_THREADS=1 $(BIN)/python training/prepare.py --data $(UD_DATA) --out training/corpus
	OMP_NUM_THREADS=1 $(BIN)/python -m spacy train training/config.cfg --output training/output
	OMP_NUM_THREADS=1 $(BIN)/python training/evaluate.py training/output/model-best --json training/output/test-scores.json
	$(BIN)/python training/package.py training/output/model-best --scores training/output/test-scores.json

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	rm -rf build/mypy && mkdir -p build/mypy && ln -s $(CURDIR) build/mypy/sportkg
	cd build/mypy && $(CURDIR)/$(BIN)/mypy --config-file $(CURDIR)/pyproject.toml -p sportkg

clean:
	rm -rf $(VENV) $(STORE) out build *.egg-info
