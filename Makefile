# The README's two commands: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTEST_ARGS ?=
TEST_ENV := SECRET_KEY=test-only-not-secret DEBUG=0

.PHONY: install run serve loadtest test lint fmt bench bench-import bench-breakdowns bench-iati browser-deps \
	gettext-deps messages

# Quiet: one line per step; pip's own output goes to .venv/install.log (shown if it fails).
$(VENV)/.installed: pyproject.toml
	@echo "Installing the Python packages into $(VENV) (log: $(VENV)/install.log)"
	@test -x $(PY) || python3 -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip >$(VENV)/install.log 2>&1 && \
	  $(PY) -m pip install --quiet -e '.[dev]' >>$(VENV)/install.log 2>&1 || \
	  { cat $(VENV)/install.log; exit 1; }
	@touch $@

install: $(VENV)/.installed

# The address and the login come last, framed (ensure_admin); the server's own start-up banner
# is dropped (its errors and the request log still reach the terminal on stderr).
run: install
	@echo "Bringing the database up to date"
	@DEBUG=1 $(PY) manage.py migrate --no-input --verbosity 0
	@echo "Loading the demo data"
	@DEBUG=1 $(PY) manage.py load_demo >/dev/null
	@DEBUG=1 $(PY) manage.py ensure_admin
	@DEBUG=1 IATI_REPORTING_ORG_REF="$${IATI_REPORTING_ORG_REF:-NO-BRC-972417920}" \
	  IATI_REPORTING_ORG_NAME="$${IATI_REPORTING_ORG_NAME:-Norwegian Ministry of Foreign Affairs}" \
	  IATI_REPORTING_ORG_TYPE="$${IATI_REPORTING_ORG_TYPE:-10}" \
	  $(PY) manage.py runserver 127.0.0.1:8000 >/dev/null

# Production-like, locally: DEBUG off, static files collected, gunicorn on 127.0.0.1:8000.
# SECRET_KEY comes from the environment, else from .secret_key (generated once, git-ignored).
# Secure cookies are off by default here only because 127.0.0.1 is served over plain HTTP.
SERVE_ENV = DEBUG=0 SECRET_KEY="$${SECRET_KEY:-$$(cat .secret_key)}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" SECURE_COOKIES="$${SECURE_COOKIES:-0}"

.secret_key:
	umask 077; $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

serve: install .secret_key
	$(SERVE_ENV) $(PY) manage.py collectstatic --no-input --verbosity 0
	$(SERVE_ENV) $(PY) manage.py migrate --no-input
	$(SERVE_ENV) $(VENV)/bin/gunicorn tracker.wsgi --bind 127.0.0.1:8000 --access-logfile -

# Locust, headless: 20 analysts for 30 s against gunicorn on 127.0.0.1 with a scratch database
# holding the demo data (PostgreSQL next to DATABASE_URL's, else SQLite); prints
# requests_per_s, p50_ms, p95_ms, errors. LOADTEST_ARGS="--duration 10 --users 5 --workers 3".
LOADTEST_ARGS ?=
loadtest: install
	$(PY) -m bench.loadtest $(LOADTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

fmt: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# Browser tests drive Debian's Chromium (a test tool's own browser download does not work here).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }

# The catalogue tests and `make messages` need GNU gettext (msgfmt, xgettext); the site itself
# does not: the compiled .mo files are committed.
gettext-deps:
	@command -v msgfmt >/dev/null 2>&1 || { \
	  echo "Installing Debian's gettext for the translation catalogue"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext; }

# Remake the Norwegian catalogue from the code (then translate what is new: no entry may stay
# empty or fuzzy, tests/tracker/test_catalogue.py checks) and compile it.
MESSAGES_ARGS = -e html,txt,py,svg,jinja --ignore=tests --ignore=bench --ignore=staticfiles --ignore=.venv
messages: install gettext-deps
	DEBUG=1 $(PY) manage.py makemessages -l nb $(MESSAGES_ARGS) --no-obsolete
	DEBUG=1 $(PY) manage.py compilemessages -l nb --ignore=.venv

# Benchmarks need DATABASE_URL=postgres://…; each creates and drops its own scratch database.
BENCH_ROWS ?= 50000
bench: bench-import bench-breakdowns bench-iati

bench-import: install
	$(TEST_ENV) $(PY) manage.py bench_import --rows $(BENCH_ROWS)

test: lint browser-deps gettext-deps
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(PY) -m pytest $(PYTEST_ARGS); rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; fi; exit $$rc

bench-breakdowns: install
	$(TEST_ENV) $(PY) manage.py bench_breakdowns $(BENCH_ARGS)

# The IATI export's peak memory (iati_export_peak_mb; goal 300 MB at 1 000 000 amounts).
BENCH_IATI_AMOUNTS ?= 1000000
bench-iati: install
	$(TEST_ENV) $(PY) manage.py bench_iati --amounts $(BENCH_IATI_AMOUNTS)
