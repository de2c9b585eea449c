.PHONY: run test lint bench-pages stack

run:  ## Install, prepare the database, load the demo and serve on http://127.0.0.1:8000/
	bin/run

test:  ## Run every test (SQLite; set DATABASE_URL for PostgreSQL)
	bin/test

lint:  ## ruff, and a check that no migration is missing
	bin/install dev
	.venv/bin/ruff check .
	DEBUG=true .venv/bin/python manage.py makemigrations --check --dry-run

bench-pages:  ## Anonymous pages (cached) against a static file, gunicorn + wrk on 127.0.0.1
	bench/pages/run

stack:  ## nginx, two app servers, PostgreSQL, Redis, RQ workers and timers from deploy/ (bin/stack stop)
	bin/stack start
