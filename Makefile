# Gehoord: `make run` serves the demo, `make test` runs everything CI runs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/gehoord
RUN_ENV := DEBUG=true
# `PORT=8001 make run` serves on another port; the links in the demo's e-mails and the URLs printed use it.
PORT ?= 8000
RUN_URL := http://127.0.0.1:$(PORT)
SERVE_ENV := $(RUN_ENV) SITE_URL=$(RUN_URL)

.PHONY: run test install system-packages lint test-sqlite test-postgresql clean

# Migrating and loading the demo say only what they did (warnings and errors still show); the demo's
# e-mails go to files in var/mail/. The logins come last, right before the server starts.
run: install
	@$(SERVE_ENV) LOG_LEVEL=WARNING $(PY) manage.py migrate --noinput --verbosity 0
	@$(SERVE_ENV) LOG_LEVEL=WARNING $(PY) manage.py load_demo_data
	@echo
	@echo "Gehoord runs on $(RUN_URL)  (staff: $(RUN_URL)/medewerkers/klachten/)"
	@echo "E-mails (acknowledgments, letters) are written to var/mail/, not sent."
	@echo "Demo logins, password 'gehoord-demo' for all:"
	@echo "  coordinator     klachtencoördinator (sees everything)"
	@echo "  behandelaar     behandelaar (also behandelaar2, behandelaar3)"
	@echo "  afdelingshoofd  afdelingshoofd Burgerzaken"
	@echo "  beheerder       functioneel beheer (admin at /beheer/)"
	@echo "Then the two-factor code: in another terminal run"
	@echo "  DEBUG=true $(PY) manage.py demo_code coordinator   (or the user you logged in as)"
	@echo
	@$(SERVE_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

MO_FILES := $(patsubst %.po,%.mo,$(wildcard gehoord/locale/*/LC_MESSAGES/django.po))

install: $(VENV)/.installed node_modules/.installed $(MO_FILES)

$(VENV)/.installed: requirements.lock requirements-dev.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.lock
	touch $@

# Translations are compiled from the .po files (GNU gettext's msgfmt).
gehoord/locale/%/LC_MESSAGES/django.mo: gehoord/locale/%/LC_MESSAGES/django.po $(VENV)/.installed
	scripts/ensure-system-packages.sh gettext
	msgfmt --check -o $@ $<

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: install system-packages lint test-sqlite test-postgresql

system-packages:
	scripts/ensure-system-packages.sh browser pdf gettext imap

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/bandit -q -c pyproject.toml -r gehoord
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=gehoord.test_settings $(PY) manage.py makemigrations --check --dry-run

test-sqlite: install
	@echo "== Test suite on SQLite =="
	env -u DATABASE_URL $(VENV)/bin/pytest -m "not postgresql" -p no:cacheprovider

test-postgresql: install
	@echo "== Test suite on PostgreSQL =="
	scripts/ensure-postgres.sh
	scripts/ensure-redis.sh
	DATABASE_URL=$(PG_TEST_URL) $(VENV)/bin/pytest -p no:cacheprovider

clean:
	rm -rf $(VENV) node_modules var
