# Two entry points: `make run` (build seeds/ and serve them) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install extract bench accuracy chromium

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==24.3.1"
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/quotes build seeds --db quotes.db
	$(BIN)/quotes serve --db quotes.db

# The browser test drives Debian's Chromium (Playwright never downloads a browser).
CHROMIUM := /usr/bin/chromium

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" != 0 ]; then echo "Error: $(CHROMIUM) is missing; as root: apt-get install -y chromium" >&2; exit 1; fi; \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	fi

test: $(STAMP) chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/polnear.py dev

# Reruns PolNeAR dev and train (several minutes) and regenerates the README accuracy table.
accuracy: $(STAMP)
	mkdir -p build
	$(BIN)/python benchmarks/polnear.py dev --json build/polnear-dev.json
	$(BIN)/python benchmarks/polnear.py train --json build/polnear-train.json
	$(BIN)/python benchmarks/cross_validate.py --json build/polnear-cv.json
	$(BIN)/python benchmarks/readme_accuracy.py build/polnear-dev.json build/polnear-train.json --cv build/polnear-cv.json
