# Two commands do all set-up on a fresh machine: `make run` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
VNU    := node_modules/vnu-jar/build/dist/vnu.jar
# What each command installs, pinned with hashes in requirements/ (`make lock` writes them):
# running needs run.lock only; the tests add their tools (test.lock), the benchmark its own.
RUN_STAMP   := $(VENV)/.run-installed
TEST_STAMP  := $(VENV)/.test-installed
BENCH_STAMP := $(VENV)/.bench-installed

# A stable local secret for the production-like commands (serve, test, bench), so sessions
# survive a restart (production sets its own), in a file only its owner may read. Made only when
# one of them runs (`=`, not `:=`): `make run` is in debug mode and needs none. Settings read it
# from the file, so the key is never on a command line, where make's echo and the process list
# would show it.
SECRET_FILE = $(shell test -f .secret-key || (umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(50))' > .secret-key); chmod 600 .secret-key; echo $(CURDIR)/.secret-key)
PROD   = DJANGO_SECRET_KEY_FILE=$(SECRET_FILE)

.PHONY: run test serve bench check lint lock clean

# HOST=0.0.0.0 lets a tablet on the same network open it (README: "Trying it on a tablet").
run: $(RUN_STAMP)
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py runserver $(HOST):$(PORT)

# The suite runs TEST_WORKERS files at a time (pytest-xdist; a file's tests stay together, so a
# browser test file shares one Chromium); PYTEST_ARGS adds pytest's own (-m both_databases, -k ...).
TEST_WORKERS ?= 2
test: $(TEST_STAMP) $(VNU)
	DJANGO_DEBUG=1 $(PY) manage.py check
	$(VENV)/bin/ruff check decisionaid tests bench
	$(PROD) $(PY) manage.py collectstatic --noinput -v0
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# Production settings: gunicorn, whitenoise serving compressed, fingerprinted static files. On
# loopback there is no TLS, so plain HTTP (DJANGO_HTTPS=0) unless you say otherwise. Each worker
# runs 8 threads (gunicorn.conf.py), so clients that send slowly do not stall the pages.
SERVE = $(PROD) DJANGO_HTTPS=$${DJANGO_HTTPS:-0}
serve: $(RUN_STAMP)
	$(SERVE) $(PY) manage.py migrate --noinput
	$(SERVE) $(PY) manage.py collectstatic --noinput -v0
	$(SERVE) $(VENV)/bin/gunicorn decisionaid.wsgi --bind 127.0.0.1:$(PORT) --workers $${WORKERS:-3} --access-logfile -

# The benchmark: the app as `serve` runs it, on a loopback port of its own, measured against
# the budgets in README; writes docs/performance.md and fails naming any budget that does not hold.
# Lighthouse has its own package.json in bench/, so `make test` never installs it.
LIGHTHOUSE  := bench/node_modules/.bin/lighthouse

bench: $(BENCH_STAMP) $(LIGHTHOUSE)
	@echo "$(PY) -m bench.run $(BENCH_ARGS)"
	@$(PROD) $(PY) -m bench.run $(BENCH_ARGS)

$(BENCH_STAMP): requirements/bench.lock | $(PY)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements/bench.lock
	@touch $@

$(LIGHTHOUSE): bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	@touch $(LIGHTHOUSE)

check: $(RUN_STAMP)
	DJANGO_DEBUG=1 $(PY) manage.py check

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check decisionaid tests bench

# Django 6 needs Python 3.12 or newer; `python3` may be older, so look for one.
$(PY):
	$$(sh .ci/find-python) -m venv $(VENV)

# Exactly the pinned versions, each checked against its hash; the app runs from this folder,
# so the project itself is not installed.
$(RUN_STAMP): requirements/run.lock | $(PY)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements/run.lock
	@touch $@

$(TEST_STAMP): requirements/test.lock | $(PY)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements/test.lock
	@touch $@

# After changing a dependency in pyproject.toml: pin it again (add UV_ARGS=--upgrade to move
# every pin to the newest version the ranges allow). Each lock builds on the one before, so the
# versions the app runs with are the versions it is tested with.
UV_COMPILE = $(VENV)/bin/uv pip compile pyproject.toml --quiet --universal --python-version 3.12 \
	--generate-hashes --custom-compile-command "make lock" $(UV_ARGS)
lock: | $(PY)
	$(PY) -m pip install --quiet "uv>=0.9,<1"
	$(UV_COMPILE) -o requirements/run.lock
	$(UV_COMPILE) --extra test -c requirements/run.lock -o requirements/test.lock
	$(UV_COMPILE) --extra test --extra bench -c requirements/test.lock -o requirements/bench.lock

# The Nu HTML Checker, pinned in package-lock.json, for the HTML validity test.
$(VNU): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(VNU)

clean:
	rm -rf $(VENV) .pytest_cache node_modules bench/node_modules staticfiles
