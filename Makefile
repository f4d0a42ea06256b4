# Two commands: `make run` (serve the demo at http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SECRET_FILE := var/secret_key

.PHONY: run test lint format venv deps messages po clean chromium

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.deps: $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@

venv deps: $(VENV)/.deps

$(SECRET_FILE):
	@mkdir -p var
	@$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@chmod 600 $@

messages: $(VENV)/.deps
	CHUAN_DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv --verbosity 0

# Refresh the Vietnamese catalogue from the sources: references name files, not lines, so
# parallel work does not conflict on every moved line.
po: $(VENV)/.deps
	CHUAN_DEBUG=1 $(BIN)/python manage.py makemessages -l vi --add-location file \
		--ignore=.venv --ignore=staticfiles --ignore=var --verbosity 0

# The background worker (django-tasks' database backend: mail, reminders) runs beside
# gunicorn and stops with it.
run: $(VENV)/.deps $(SECRET_FILE) messages
	@export CHUAN_SECRET_KEY="$$(cat $(SECRET_FILE))" CHUAN_HTTPS=$${CHUAN_HTTPS:-0} \
		CHUAN_ALLOWED_HOSTS=$${CHUAN_ALLOWED_HOSTS:-127.0.0.1,localhost}; \
	$(BIN)/python manage.py migrate --no-input && \
	$(BIN)/python manage.py createcachetable && \
	$(BIN)/python manage.py load_demo && \
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0 && \
	$(BIN)/python manage.py send_reminders --schedule && \
	{ $(BIN)/python manage.py run_worker --interval 5 --verbosity 0 & WORKER=$$!; \
	  trap 'kill $$WORKER 2>/dev/null; wait $$WORKER 2>/dev/null' EXIT INT TERM; \
	  echo "Chuẩn: http://127.0.0.1:$(PORT)  (Ctrl-C to stop; e-mail worker pid $$WORKER)"; \
	  $(BIN)/gunicorn chuan.wsgi:application --bind 127.0.0.1:$(PORT) \
		--workers $${WEB_CONCURRENCY:-3} --access-logfile - --graceful-timeout 5; }

lint: $(VENV)/.deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy chuan
	$(BIN)/lint-imports --no-cache
	CHUAN_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run --verbosity 0

format: $(VENV)/.deps
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The browser tests drive Debian's Chromium (never a downloaded browser). Checked before
# anything runs: installed when root, as .ci/run does; otherwise one line says how.
CHROMIUM ?= chromium
USER_ID ?= $(shell id -u)
APT_GET ?= apt-get
chromium:
	@if ! command -v $(CHROMIUM) >/dev/null 2>&1; then \
		if [ "$(USER_ID)" = 0 ]; then \
			echo "Installing Debian's chromium for the browser tests…"; \
			DEBIAN_FRONTEND=noninteractive $(APT_GET) update -qq; \
			DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq chromium || exit 1; \
		else \
			echo "make test needs Debian's Chromium for the browser tests: sudo apt-get install -y chromium" >&2; \
			exit 1; \
		fi; \
	fi

test: chromium lint messages
	$(BIN)/pytest -n $${TEST_WORKERS:-2} -m "not browser"
	$(BIN)/pytest -m browser

clean:
	rm -rf $(VENV) var staticfiles
