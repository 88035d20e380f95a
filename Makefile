# Set-up and the two jobs in the README: `make example` and `make test`.
# Both create .venv when missing and (re)install only when pyproject.toml changed.

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
FIND_LINKS := $(if $(wildcard /opt/wheels),--find-links /opt/wheels)

.PHONY: example test install

example: $(STAMP)
	mkdir -p out
	$(VENV)/bin/claimledger analyze examples --db out/example.db
	$(VENV)/bin/claimledger export --db out/example.db --format json -o out/example.json

test: $(STAMP)
	$(VENV)/bin/pytest

install: $(STAMP)

$(PY):
	python3 -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet $(FIND_LINKS) -e '.[test]'
	touch $@
