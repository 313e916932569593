# Two entry points for people: `make run` and `make test`. Everything else is a step they need.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
FLASK := $(BIN)/flask --app inspect_app
# Debian packages the test suite drives for real: a browser, PDF tools, fonts with Vietnamese.
SYSTEM_TEST_PACKAGES := chromium poppler-utils fonts-liberation2 fonts-noto-core nginx-light

.PHONY: run test setup db demo system-test-deps a11y-deps lint clean

# The stamp is rebuilt whenever pyproject.toml changes, so new dependencies install themselves.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

setup: $(VENV)/.installed

db: setup
	$(FLASK) db upgrade
	$(FLASK) checklists import checklists

demo: db
	$(FLASK) seed-demo --if-empty

run: demo
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

system-test-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	test -x /usr/sbin/nginx || missing="$$missing nginx-light"; \
	test -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf || missing="$$missing fonts-liberation2"; \
	test -f /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf || missing="$$missing fonts-noto-core"; \
	command -v softhsm2-util >/dev/null || missing="$$missing softhsm2"; \
	command -v pkcs11-tool >/dev/null || missing="$$missing opensc"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

# axe-core for the accessibility test, from the npm registry into a folder git ignores.
A11Y := tests/a11y/node_modules/.installed
$(A11Y): tests/a11y/package.json tests/a11y/package-lock.json
	npm ci --prefix tests/a11y --no-audit --no-fund --silent
	touch $@

a11y-deps: system-test-deps $(A11Y)

test: setup system-test-deps a11y-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/python -m ruff check inspect_app tests bench

clean:
	rm -rf $(VENV) instance .pytest_cache tests/a11y/node_modules
