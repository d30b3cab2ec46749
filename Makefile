# Every set-up step on a fresh machine: `make run` starts the app, `make test` runs all tests.
# One BLAS thread per process: the compute budgets are measured so, and on a busy server more
# threads made SMAA up to 5x slower.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PORT ?= 8501

.PHONY: run test install system-deps lint bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Chromium renders static chart exports (kaleido) and runs the browser tests;
# PostgreSQL serves the workshop store's PostgreSQL tests.
system-deps:
	@scripts/system-deps.sh

run: $(STAMP)
	-@scripts/system-deps.sh chromium
	OPENBLAS_NUM_THREADS=1 $(PY) -m streamlit run app.py --server.headless true --server.port $(PORT) \
		--browser.gatherUsageStats false

test: $(STAMP) system-deps
	$(VENV)/bin/ruff check .
	scripts/test.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check .

bench: $(STAMP)
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
