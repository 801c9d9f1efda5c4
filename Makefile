# Two commands on a fresh machine (see README):
#   make run   — install, migrate, seed demo data, serve http://127.0.0.1:8000 (SQLite)
#   make test  — install, check the import layers (make lint) and run the whole test suite on every core (SQLite, or PostgreSQL via
#                DATABASE_URL), browser tests included: Debian's Chromium is installed first when
#                we are root
#   make serve — the production settings on this machine: migrate, collectstatic, gunicorn over
#                HTTPS (a self-signed certificate) at https://127.0.0.1:8443 and the task worker
#   make bench — the benchmark against the limit (bench/README.md; PostgreSQL, Redis and wrk
#                on this machine); BENCH_ARGS=--quick for a short try

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | md5sum | cut -c1-12)

CHROMIUM ?= /usr/bin/chromium
# Chinese glyphs for Chromium's screenshots (a small Traditional/Simplified Chinese font).
BROWSER_PACKAGES ?= chromium fonts-wqy-microhei

.PHONY: run test lint install lock messages messages-update clean browser serve bench

# constraints.txt pins every package to the versions the suite last passed with; pyproject.toml
# states the ranges we accept. `make lock` refreshes the pins to the newest versions in range.
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $(STAMP)

LOCK_VENV := .lock-venv

lock:
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LOCK_VENV)/bin/python -m pip install --quiet -e ".[test]"
	{ head -n 2 constraints.txt; $(LOCK_VENV)/bin/python -m pip freeze --exclude-editable; } > constraints.new
	mv constraints.new constraints.txt
	rm -rf $(LOCK_VENV)
	@echo "constraints.txt refreshed: run make test, then commit it"

install: $(STAMP) messages

messages: $(STAMP)
	$(BIN)/python manage.py compilemessages --ignore "$(VENV)" --ignore ".git" -v 0

# After changing user-facing strings: refresh both catalogues, then translate locale/en.
messages-update: $(STAMP)
	$(BIN)/python manage.py makemessages -l en -l zh_Hant --no-location --ignore "$(VENV)/*" --ignore "tests/*" --ignore "scripts/*"
	$(BIN)/python scripts/fill_source_catalogue.py locale/zh_Hant/LC_MESSAGES/django.po

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# The production settings (site45.settings.production) served locally, as on a server but for
# two things that only this target supplies, never the settings: a random SECRET_KEY kept in
# .serve/ and ALLOWED_HOSTS=127.0.0.1,localhost when the environment sets none, and a
# self-signed certificate, because production redirects to HTTPS and its cookies are Secure.
# DATABASE_URL, REDIS_URL and the rest come from the environment (README, Deployment); without
# DATABASE_URL it is make run's SQLite. Ctrl-C stops gunicorn and the worker.
SERVE_DIR := .serve
SERVE_BIND ?= 127.0.0.1:8443
SERVE_WORKERS ?= 2

$(SERVE_DIR)/secret-key:
	mkdir -p $(SERVE_DIR)
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

$(SERVE_DIR)/cert.pem:
	mkdir -p $(SERVE_DIR)
	openssl req -x509 -nodes -newkey rsa:2048 -days 365 -subj "/CN=localhost" \
	  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
	  -keyout $(SERVE_DIR)/key.pem -out $@ 2>/dev/null

serve: install $(SERVE_DIR)/secret-key $(SERVE_DIR)/cert.pem
	export DJANGO_SETTINGS_MODULE=site45.settings.production \
	  SECRET_KEY="$${SECRET_KEY:-$$(cat $(SERVE_DIR)/secret-key)}" \
	  ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	  WAGTAILADMIN_BASE_URL="$${WAGTAILADMIN_BASE_URL:-https://$(SERVE_BIND)}" \
	  EMAIL_BACKEND="$${EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}"; \
	$(BIN)/python manage.py migrate --noinput && \
	$(BIN)/python manage.py collectstatic --noinput -v 0 && \
	{ $(BIN)/python manage.py db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  echo "Serving the production settings at https://$(SERVE_BIND)/ (self-signed certificate)"; \
	  $(BIN)/gunicorn site45.wsgi:application --bind $(SERVE_BIND) --workers $(SERVE_WORKERS) \
	    --certfile $(SERVE_DIR)/cert.pem --keyfile $(SERVE_DIR)/key.pem; }

# Chromium for tests/browser (Playwright drives Debian's package; never `playwright install`).
# Installs it with apt-get when missing and we are root; otherwise says what is missing, and the
# browser tests are then skipped with a loud message (or fail, when CI is set).
browser:
	@if [ -x "$(CHROMIUM)" ] && fc-list :lang=zh-tw family 2>/dev/null | grep -q .; then \
	  echo "Browser tests: $$($(CHROMIUM) --version 2>/dev/null || echo $(CHROMIUM))"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing $(BROWSER_PACKAGES) (Debian) for the browser tests"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PACKAGES) >/dev/null; } \
	    || echo "*** apt-get could not install $(BROWSER_PACKAGES): the browser tests will not run"; \
	elif [ -x "$(CHROMIUM)" ]; then \
	  echo "*** No Chinese font: screenshots will show boxes. Install: sudo apt-get install fonts-wqy-microhei"; \
	else \
	  echo "*** Chromium is missing ($(CHROMIUM)) and we are not root. Install it:"; \
	  echo "***   sudo apt-get install $(BROWSER_PACKAGES)"; \
	  echo "*** Until then the browser tests (tests/browser) are SKIPPED (they fail when CI is set)."; \
	fi

# One worker per core, each with its own test database (pytest-xdist); whole modules per worker
# and the heaviest first (tests/conftest.py). PYTEST_XDIST= runs the suite in one process.
PYTEST_XDIST ?= -n auto --dist loadscope

# The import-linter contract in pyproject.toml ([tool.importlinter]): dependencies run one way
# (README, Architecture, Layers); ruff's checks and formatting ([tool.ruff]). `make test` runs it first.
lint: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint install browser
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest $(PYTEST_XDIST) $(PYTEST_ARGS)

# Not part of the test suite: seeds PostgreSQL database bench45, serves it with gunicorn and
# measures with wrk; writes bench/results/<date>.md.
bench: install
	$(BIN)/python bench/run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles test-artifacts $(SERVE_DIR) .import_linter_cache
