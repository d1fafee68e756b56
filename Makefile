# Two commands for a new machine: `make run` serves the demo, `make test` runs every check.
# `make serve` runs the production configuration (gunicorn, WhiteNoise, cache) on this machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Installs come from lock files that pin every package with its hashes (README, « Mettre à jour
# les dépendances »): requirements.lock is what the site needs, requirements-dev.lock adds the
# test tools. `make run` and `make serve` install only the first.
INSTALLED := $(VENV)/.installed
DEV_INSTALLED := $(VENV)/.installed-dev

.PHONY: install install-dev run serve test lint format clean browser-deps backup restore

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed.")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(INSTALLED): requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

$(DEV_INSTALLED): requirements-dev.lock $(INSTALLED)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	@touch $@

install: $(INSTALLED)

install-dev: $(DEV_INSTALLED)

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py demo_accounts --url http://127.0.0.1:$(PORT)/admin/
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Settings come from the environment as in production (README, « Mise en production »); what a
# local demo lacks gets a default: a throwaway secret key, local hosts, plain HTTP.
serve: install
	@export DJANGO_SETTINGS_MODULE=config.settings.production PORT=$(PORT); \
	if [ -z "$$SECRET_KEY" ]; then \
		export SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')"; \
		echo "make serve: SECRET_KEY not set, using a throwaway key (sessions end at restart)."; \
	fi; \
	export ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}"; \
	export SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-false}"; \
	echo "make serve: ALLOWED_HOSTS=$$ALLOWED_HOSTS SECURE_SSL_REDIRECT=$$SECURE_SSL_REDIRECT (local HTTP)"; \
	echo "make serve: http://127.0.0.1:$(PORT)/ workers: $${WEB_CONCURRENCY:-one per core, plus one}"; \
	$(BIN)/python manage.py migrate --noinput && \
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0 && \
	exec $(BIN)/gunicorn config.wsgi --config config/gunicorn.py

# The database and the media files in one dated archive, and back into an empty site (README,
# « Sauvegarder et restaurer »). Both read DATABASE_URL and MEDIA_ROOT as the site does.
BACKUP_DIR ?= backups
backup: install
	$(BIN)/python manage.py backup_site --output-dir "$(BACKUP_DIR)"

restore: install
	@test -n "$(ARCHIVE)" || { echo "make restore ARCHIVE=$(BACKUP_DIR)/atlas-….tar.gz" >&2; exit 1; }
	$(BIN)/python manage.py restore_site "$(ARCHIVE)"

# The browser tests drive Debian's Chromium (never a browser that a tool downloads) and check
# HTML with the Nu HTML Checker, which runs on Java; the front-cache tests start a real Varnish with
# the xkey vmod; two export tests open files in LibreOffice. Install what is missing.
TEST_PACKAGES := chromium default-jre-headless varnish varnish-modules libreoffice-calc
browser-deps:
	@if ! command -v chromium >/dev/null || ! command -v java >/dev/null \
		|| ! PATH="$$PATH:/usr/sbin" command -v varnishd >/dev/null || ! command -v soffice >/dev/null; then \
		if [ "$$(id -u)" -ne 0 ]; then \
			echo "make test: as root, run: apt-get install -y $(TEST_PACKAGES)" >&2; \
			exit 1; \
		fi; \
		apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(TEST_PACKAGES); \
	fi

# The suite runs twice: on SQLite, then on the PostgreSQL server of TEST_DATABASE_URL, where
# pytest-django creates (and drops) test_<name>. Where no server answers, that pass is skipped and
# says so; a server that answers but refuses the login fails it. Tests that need a database of
# their own on the server read the same variable (tests/servers.py). With REQUIRE_SERVICES=1 (CI),
# a missing server fails the run instead, and so do tests that need PostgreSQL or Redis.
export TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
POSTGRES_PING := import sys; from psycopg import conninfo, pq; \
	print(pq.Ping(pq.PGconn.ping(conninfo.make_conninfo(sys.argv[1], connect_timeout=3).encode())).name)

.PHONY: test-postgres
test: install-dev lint typecheck browser-deps
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	env -u DATABASE_URL $(BIN)/pytest
	@$(MAKE) --no-print-directory test-postgres

test-postgres: install-dev browser-deps
	@answer=$$($(BIN)/python -c '$(POSTGRES_PING)' "$$TEST_DATABASE_URL") || exit 1; \
	shown=$$(echo "$$TEST_DATABASE_URL" | sed -E 's,(//[^:/@]*):[^@]*@,\1:***@,'); \
	case $$answer in \
		OK) echo "DATABASE_URL=$$shown pytest"; DATABASE_URL="$$TEST_DATABASE_URL" $(BIN)/pytest ;; \
		NO_RESPONSE) if [ "$${REQUIRE_SERVICES:-}" = 1 ]; then \
			echo "make test: PostgreSQL not reachable at $$shown (REQUIRE_SERVICES=1)." >&2; exit 1; \
		fi; \
		echo "make test: PostgreSQL not reachable at $$shown: PostgreSQL pass skipped." ;; \
		*) echo "make test: PostgreSQL at $$shown: $$answer" >&2; exit 1 ;; \
	esac

.PHONY: typecheck
typecheck: install-dev
	$(BIN)/mypy

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles

# After changing an interface string: refresh the English catalogue from the code, then compile it
# (README, « Traduire l'interface »). Needs GNU gettext; CI does not: the .mo is committed.
.PHONY: messages
messages: install
	$(BIN)/python manage.py makemessages -l en -l fr --ignore=.venv --ignore=staticfiles --ignore=media --ignore=var --ignore=tests
	$(BIN)/python manage.py compilemessages --ignore=.venv

# Load the production configuration with wrk at 100 000 synthetic entries, page cache off then on
# (README, « Mesurer les performances »). Needs wrk, a Debian package, installed here if missing.
.PHONY: bench
bench: install
	@command -v wrk >/dev/null || apt-get install -y wrk || { echo "make bench: install wrk (apt-get install wrk)"; exit 1; }
	$(BIN)/python -m bench.run

# Plant one small bug at a time in a copy of the tree and check that its tests fail (README,
# « Mesurer la qualité des tests »). Several minutes: not part of `make test`.
.PHONY: mutate
mutate: install
	$(BIN)/python -m tests.mutate
