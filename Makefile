# `make run` and `make test` are all the set-up a fresh machine needs: each creates or updates .venv.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8501
# The address the app listens on: this machine only unless told otherwise (`make run ADDRESS=0.0.0.0`, which
# then needs an [auth] section: demo mode is refused on an address other machines can reach).
ADDRESS ?= 127.0.0.1

.PHONY: run test lint format bench demo clean browser pdftools

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# System packages, installed with apt where we may (root, or password-less sudo), else a hint.
define apt_install
{ if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null) || echo "warning: could not install $(1)"; \
  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
    (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null) || echo "warning: could not install $(1)"; \
  else echo "warning: $(1) is missing: $(2) (Debian/Ubuntu: sudo apt-get install $(1))"; fi; }
endef

# Chart images in the review pack (Kaleido) need a Chromium.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1 || \
	  $(call apt_install,chromium,the review pack's PPTX/PDF need one)
	@[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || \
	  $(call apt_install,fonts-dejavu-core,the status symbols in charts and the PDF are drawn with DejaVu Sans)

# The PDF tests read the pack back with poppler's pdftotext as well as pypdf.
pdftools:
	@command -v pdftotext >/dev/null 2>&1 || $(call apt_install,poppler-utils,the PDF tests read the pack with pdftotext)

run: $(STAMP) browser
	$(PY) -m smqse init --demo --if-missing
	$(PY) -m smqse.ui.serve --server.port $(PORT) --server.address $(ADDRESS)

test: $(STAMP) browser pdftools
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(STAMP)
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

bench: $(STAMP)
	$(PY) -m smqse bench

demo: $(STAMP)
	$(PY) -m smqse init --demo --force

clean:
	rm -rf $(VENV) data/*.duckdb data/*.duckdb.wal .pytest_cache .ruff_cache
