# Two commands do all set-up on a fresh machine: `make run` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
STAMP  := $(VENV)/.installed
VNU    := node_modules/vnu-jar/build/dist/vnu.jar

# A stable local secret for `make serve`, so sessions survive a restart (production sets its own),
# in a file only its owner may read. Settings read it from the file, so the key itself is never
# on a command line, where make's echo and the process list would show it.
$(shell test -f .secret-key || (umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(50))' > .secret-key); chmod 600 .secret-key)
PROD   := DJANGO_SECRET_KEY_FILE=$(CURDIR)/.secret-key

.PHONY: run test serve bench check lint clean

run: $(STAMP)
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(STAMP) $(VNU)
	DJANGO_DEBUG=1 $(PY) manage.py check
	$(VENV)/bin/ruff check decisionaid tests bench
	$(PROD) $(PY) manage.py collectstatic --noinput -v0
	$(PY) -m pytest $(PYTEST_ARGS)

# Production settings: gunicorn, whitenoise serving compressed, fingerprinted static files. On
# loopback there is no TLS, so plain HTTP (DJANGO_HTTPS=0) unless you say otherwise.
SERVE := $(PROD) DJANGO_HTTPS=$${DJANGO_HTTPS:-0}
serve: $(STAMP)
	$(SERVE) $(PY) manage.py migrate --noinput
	$(SERVE) $(PY) manage.py collectstatic --noinput -v0
	$(SERVE) $(VENV)/bin/gunicorn decisionaid.wsgi --bind 127.0.0.1:$(PORT) --workers $${WORKERS:-3} --access-logfile -

# The benchmark: the app as `serve` runs it, on a loopback port of its own, measured against
# the budgets in README; writes docs/performance.md and fails naming any budget that does not hold.
# Lighthouse has its own package.json in bench/, so `make test` never installs it.
BENCH_STAMP := $(VENV)/.bench-installed
LIGHTHOUSE  := bench/node_modules/.bin/lighthouse

bench: $(BENCH_STAMP) $(LIGHTHOUSE)
	@echo "$(PY) -m bench.run $(BENCH_ARGS)"
	@$(PROD) $(PY) -m bench.run $(BENCH_ARGS)

$(BENCH_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e ".[test,bench]"
	@touch $(BENCH_STAMP)

$(LIGHTHOUSE): bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	@touch $(LIGHTHOUSE)

check: $(STAMP)
	DJANGO_DEBUG=1 $(PY) manage.py check

lint: $(STAMP)
	$(VENV)/bin/ruff check decisionaid tests bench

# Django 6 needs Python 3.12 or newer; `python3` may be older, so look for one.
$(STAMP): pyproject.toml
	@test -x $(PY) || $$(sh .ci/find-python) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

# The Nu HTML Checker, pinned in package-lock.json, for the HTML validity test.
$(VNU): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(VNU)

clean:
	rm -rf $(VENV) .pytest_cache node_modules bench/node_modules staticfiles
