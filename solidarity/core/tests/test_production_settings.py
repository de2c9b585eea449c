"""Production mode (DEBUG off), started the way an operator starts it: a fresh process."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
# The settings read these; an operator's shell starts without them.
OURS = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "HTTPS", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
        "DJANGO_SETTINGS_MODULE", "TASKS_BACKEND", "PAGE_CACHE_SECONDS", "STATICFILES_STORAGE",
        "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "DATABASE_POOL_SIZE",
        "DATABASE_CONN_MAX_AGE"}


def run(*args, **env):
    environment = {name: value for name, value in os.environ.items() if name not in OURS}
    environment.update(DJANGO_SETTINGS_MODULE="solidarity.settings", **env)
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env=environment, capture_output=True, text=True, timeout=120
    )


def production(**env):
    return {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "solidarity.example.org", **env}


def test_production_refuses_to_start_without_a_secret_key():
    result = run("manage.py", "check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_an_empty_secret_key_is_refused_too():
    result = run("manage.py", "check", SECRET_KEY="", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_with_a_secret_key_and_hosts_passes_the_deployment_checks_without_warnings():
    result = run("manage.py", "check", "--deploy", **production())
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in output
    assert "WARNING" not in output.upper()


HEADERS_SCRIPT = """
import json, django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="solidarity.example.org")
# Django's admin answers an anonymous visitor without touching the (empty) database.
plain = client.get("/django-admin/")
secure = client.get("/django-admin/", secure=True)
print(json.dumps({"plain_status": plain.status_code, "plain_location": plain.get("Location", ""),
                  "secure_hsts": secure.get("Strict-Transport-Security", "")}))
"""


def test_https_production_redirects_to_https_and_sends_hsts(tmp_path):
    result = run("-c", HEADERS_SCRIPT, **production(VAR_DIR=str(tmp_path)))
    assert result.returncode == 0, result.stderr
    headers = json.loads(result.stdout.strip().splitlines()[-1])
    assert headers["plain_status"] == 301
    assert headers["plain_location"] == "https://solidarity.example.org/django-admin/"
    assert headers["secure_hsts"] == "max-age=31536000; includeSubDomains; preload"


def test_no_hsts_when_the_operator_serves_without_https(tmp_path):
    result = run("-c", HEADERS_SCRIPT, **production(VAR_DIR=str(tmp_path), HTTPS="false"))
    assert result.returncode == 0, result.stderr
    headers = json.loads(result.stdout.strip().splitlines()[-1])
    assert headers["plain_status"] == 302  # to the log-in page, over plain HTTP
    assert headers["secure_hsts"] == ""


def test_a_mistyped_yes_or_no_setting_stops_the_start_instead_of_reading_as_false():
    result = run("manage.py", "check", **production(DEBUG="ture"))
    assert result.returncode != 0
    assert "DEBUG='ture' is not a yes/no value" in result.stderr


DATABASE_SCRIPT = """
import json
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({"pool": db.get("OPTIONS", {}).get("pool"), "conn_max_age": db["CONN_MAX_AGE"]}))
"""
POSTGRES = "postgres://solidarity@db.example.org/solidarity"


def database_settings(tmp_path, **env):
    result = run("-c", DATABASE_SCRIPT, **production(VAR_DIR=str(tmp_path), **env))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_an_app_servers_threads_share_a_pool_of_postgresql_connections_of_the_size_given(tmp_path):
    database = database_settings(tmp_path, DATABASE_URL=POSTGRES, DATABASE_POOL_SIZE="8", DATABASE_CONN_MAX_AGE="60")
    assert database["pool"]["min_size"] == database["pool"]["max_size"] == 8
    assert database["conn_max_age"] == 0  # the pool keeps them; Django refuses both


def test_without_a_pool_each_thread_keeps_its_own_connection(tmp_path):
    assert database_settings(tmp_path, DATABASE_URL=POSTGRES) == {"pool": None, "conn_max_age": 60}


def test_a_pool_on_sqlite_stops_the_start_with_what_it_needs(tmp_path):
    result = run("manage.py", "check", **production(VAR_DIR=str(tmp_path), DATABASE_POOL_SIZE="4"))
    assert result.returncode != 0
    assert "DATABASE_POOL_SIZE needs PostgreSQL" in result.stderr


START_SCRIPT = """
import sys
import solidarity.wsgi  # what gunicorn loads: every app, the URL patterns, both languages
print(sorted(name for name in sys.modules if name.split(".")[0] in ("weasyprint", "fontTools")))
"""


def test_starting_an_app_server_leaves_weasyprint_unloaded_until_a_pdf_is_made(tmp_path):
    result = run("-c", START_SCRIPT, **production(VAR_DIR=str(tmp_path)))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


FROZEN_SCRIPT = """
import gc
import solidarity.wsgi
print(gc.get_freeze_count())
"""


def test_starting_an_app_server_sets_what_it_loaded_apart_from_the_garbage_collector(tmp_path):
    result = run("-c", FROZEN_SCRIPT, **production(VAR_DIR=str(tmp_path)))
    assert result.returncode == 0, result.stderr
    # Django, Wagtail and every app's modules, settings and URL patterns: far more than a few.
    assert int(result.stdout.strip().splitlines()[-1]) > 100_000
