# Two commands on a fresh machine (see README):
#   make run   — install, migrate, seed demo data, serve http://127.0.0.1:8000 (SQLite)
#   make test  — install and run the whole test suite (SQLite, or PostgreSQL via DATABASE_URL)

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | md5sum | cut -c1-12)

.PHONY: run test install messages messages-update clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

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

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
