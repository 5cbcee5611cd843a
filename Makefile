# ASN Portal — the two commands: `make run` and `make test`.
# Without DATABASE_URL both use an embedded PostgreSQL under var/; without REDIS_URL a filesystem broker.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed-$(shell cat requirements-dev.lock requirements.lock 2>/dev/null | cksum | cut -d' ' -f1)

.PHONY: run stop test install system-deps lint bench migrate demo worker lock vendor clean-db help

help:
	@echo "make run    - siapkan lingkungan, migrasi, data demo (sekali), jalankan aplikasi + worker"
	@echo "make stop   - hentikan PostgreSQL tertanam (tetap berjalan setelah make run/test selesai)"
	@echo "make test   - siapkan lingkungan dan jalankan seluruh pengujian"
	@echo "make lint   - ruff, djlint, import-linter, mypy"
	@echo "make bench  - benchmark pada 50.000 pegawai"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python requirements.lock requirements-dev.lock
	$(BIN)/python -m pip install --quiet --upgrade pip uv
	$(BIN)/uv pip install --python $(BIN)/python --quiet -r requirements-dev.lock
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) seed_demo --if-empty

run: demo
	$(BIN)/python scripts/run_dev.py --port $(PORT)

# The embedded PostgreSQL outlives `make run` and `make test` (the next command finds it ready); this ends it.
stop:
	@$(BIN)/python -c "from asn_portal.embedded import stop_embedded_database as stop; \
	print('PostgreSQL tertanam dihentikan.' if stop() else 'PostgreSQL tertanam tidak berjalan.')"

worker: install
	$(BIN)/celery -A asn_portal worker -l info -B

system-deps:
	bash scripts/system_deps.sh

test: install system-deps
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint
	$(BIN)/lint-imports
	$(BIN)/mypy

bench: install
	$(BIN)/python bench/run.py

lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --extra dev --generate-hashes -o requirements-dev.lock

vendor:
	bash scripts/vendor.sh

clean-db: stop
	rm -rf var/pgdata
