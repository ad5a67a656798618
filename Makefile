# Two commands set everything up on a fresh machine with Python 3.11, pip and gcc:
#   make demo   builds the example graph in the embedded Oxigraph store and queries it
#   make test   runs the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STORE ?= demo-store

.PHONY: install demo test test-fast lint constraints kb train-nl train-en train-ner train-rel clean

UD_DATA ?= ../shared/data/nlp

# constraints.txt pins every package to the version the test suite passed with, so a fresh
# clone (and CI) installs what was tested; pyproject.toml keeps the ranges users may install.
$(BIN)/sportkg: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(BIN)/sportkg

install: $(BIN)/sportkg

demo: install
	rm -rf $(STORE)
	$(BIN)/sportkg build examples/articles --store $(STORE)
	$(BIN)/sportkg stats --store $(STORE)
	$(BIN)/sportkg query medals --store $(STORE)
	$(BIN)/sportkg export --store $(STORE) --format turtle --out out/demo.ttl
	$(BIN)/sportkg viz --store $(STORE) --out out/network.html

EVAL_DATA ?= ../shared/eval

# Retrain the shipped pipelines (one CPU thread each): the UD tagger/parser/lemmatizer,
# then the named-entity recogniser, then both packaged with their licence and test scores.
train-nl: install
	OMP_NUM_THREADS=1 $(BIN)/python training/prepare.py --data $(UD_DATA) --out training/corpus
	OMP_NUM_THREADS=1 $(BIN)/python -m spacy train training/config.cfg --output training/output
	OMP_NUM_THREADS=1 $(BIN)/python training/evaluate.py training/output/model-best --json training/output/test-scores.json
	$(MAKE) train-ner LANG_CODE=nl
	$(BIN)/python training/package.py training/output/model-best --lang nl --default \
		--ner training/output-ner-nl/model-best --scores training/output/test-scores.json
	OMP_NUM_THREADS=1 $(BIN)/python training/evaluate_ner.py extract/models/nl_sportkg --lang nl \
		--test training/corpus-ner-nl/test-own.spacy --articles $(EVAL_DATA)/dev \
		--json training/output-ner-nl/test-scores.json
	$(BIN)/python training/package.py extract/models/nl_sportkg --lang nl --default \
		--ner-scores training/output-ner-nl/test-scores.json

train-en: install
	OMP_NUM_THREADS=1 $(BIN)/python training/prepare_en.py --data $(UD_DATA) --out training/corpus-en
	OMP_NUM_THREADS=1 $(BIN)/python -m spacy train training/config-en.cfg --output training/output-en
	OMP_NUM_THREADS=1 $(BIN)/python training/evaluate.py training/output-en/model-best \
		--test training/corpus-en/test.spacy --json training/output-en/test-scores.json
	$(MAKE) train-ner LANG_CODE=en
	$(BIN)/python training/package.py training/output-en/model-best --lang en --default \
		--ner training/output-ner-en/model-best --scores training/output-en/test-scores.json
	OMP_NUM_THREADS=1 $(BIN)/python training/evaluate_ner.py extract/models/en_sportkg --lang en \
		--test training/corpus-ner-en/test-own.spacy --test training/corpus-ner-en/test-uner.spacy \
		--articles $(EVAL_DATA)/dev \
		--json training/output-ner-en/test-scores.json
	$(BIN)/python training/package.py extract/models/en_sportkg --lang en --default \
		--ner-scores training/output-ner-en/test-scores.json

# The named-entity recogniser of one language (LANG_CODE=nl or en), about 10 minutes.
train-ner: install
	OMP_NUM_THREADS=1 $(BIN)/python training/prepare_ner.py --lang $(LANG_CODE) --data $(UD_DATA) \
		--eval $(EVAL_DATA) --out training/corpus-ner-$(LANG_CODE)
	OMP_NUM_THREADS=1 $(BIN)/python -m spacy train training/config-ner.cfg --nlp.lang $(LANG_CODE) \
		--paths.train training/corpus-ner-$(LANG_CODE)/train.spacy \
		--paths.dev training/corpus-ner-$(LANG_CODE)/dev.spacy --output training/output-ner-$(LANG_CODE)

# The pair-relation classifier: 5-fold cross-validation by document on the training
# articles, then the model fitted on all of them (about a minute).
train-rel: install
	$(BIN)/pip install --quiet -c constraints.txt -e ".[train]"
	OMP_NUM_THREADS=1 $(BIN)/python training/train_rel.py --eval $(EVAL_DATA) \
		--out extract/models/relations --report docs/reports/relations-cv.json

# The bundled knowledge base from the verified Wikidata ids and our own words per id.
kb: install
	$(BIN)/python training/build_kb.py

test: install
	$(BIN)/python -m pytest

# The suite without the tests marked slow (trained pipelines over many articles, servers,
# the notebook): a quick check while changing code; CI runs `make test`.
test-fast: install
	$(BIN)/python -m pytest -m "not slow"

# The repository root is the package `sportkg`, whatever the checkout folder is called;
# mypy finds packages by folder name, so it checks the package through a link named
# sportkg (build/mypy/sportkg -> this folder). Any error from either tool fails the target.
lint: install
	$(BIN)/ruff check .
	mkdir -p build/mypy && ln -sfn "$(CURDIR)" build/mypy/sportkg
	cd build/mypy && "$(abspath $(BIN))/mypy" --config-file "$(CURDIR)/pyproject.toml" -p sportkg

# After upgrading packages in .venv and passing `make test`: pin the new versions.
constraints: install
	{ sed -n '/^#/p' constraints.txt; $(BIN)/pip freeze --exclude-editable | grep -v '^#'; } \
		> constraints.txt.new
	mv constraints.txt.new constraints.txt

clean:
	rm -rf $(VENV) $(STORE) out build *.egg-info
