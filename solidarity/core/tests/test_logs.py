"""Structured logs: one JSON line per request and per error, with no IP address and no secret."""

import io
import json
import logging
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import resolve
from django.utils.log import log_response

from solidarity.core.logs import JsonFormatter, PrivateRequestFilter
from solidarity.core.security import hash_ip

REPO = Path(__file__).resolve().parents[3]
ADDRESS = "203.0.113.7"
SECRET = "k3y-only-the-signer-has-0123456789"


@pytest.fixture
def log_lines():
    """What the production handler writes, one entry a line, at the production levels."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(PrivateRequestFilter())
    loggers = [logging.getLogger(name) for name in ("solidarity.requests", "django.request")]
    levels = [each.level for each in loggers]
    for each, level in zip(loggers, (logging.INFO, logging.ERROR), strict=True):
        each.addHandler(handler)
        each.setLevel(level)
    yield lambda: [json.loads(line) for line in out.getvalue().splitlines()]
    for each, level in zip(loggers, levels, strict=True):
        each.removeHandler(handler)
        each.setLevel(level)


def test_a_request_is_one_json_line_with_a_hash_of_the_address_never_the_address(db, log_lines):
    Client(HTTP_HOST="localhost", REMOTE_ADDR=ADDRESS).get("/health/")
    [line] = log_lines()
    assert line["logger"] == "solidarity.requests" and line["level"] == "INFO"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/health/", 200)
    assert line["ip_hash"] == hash_ip(ADDRESS)[:16]
    assert line["duration_ms"] >= 0 and line["time"]
    assert 0 < line["cpu_ms"] <= line["duration_ms"] + 1
    assert ADDRESS not in json.dumps(line)


def test_an_emailed_token_in_the_address_is_blanked(db, log_lines):
    Client(HTTP_HOST="localhost").get(f"/en/campaigns/confirm/{SECRET}/")
    [line] = log_lines()
    assert line["path"] == "/en/campaigns/confirm/…/"
    assert SECRET not in json.dumps(line)


def test_the_query_string_is_not_logged(db, log_lines):
    Client(HTTP_HOST="localhost").get("/health/?q=what-a-reader-searched-for")
    assert "what-a-reader-searched-for" not in json.dumps(log_lines())


def test_a_server_error_keeps_its_traceback_and_loses_the_token(log_lines):
    request = RequestFactory().get(f"/en/newsletter/unsubscribe/{SECRET}/")
    request.resolver_match = resolve(request.path)
    log_response("Internal Server Error: %s", request.path, response=HttpResponse(status=500),
                 request=request, exception=RuntimeError("the mail server went away"))
    [line] = log_lines()
    assert line["level"] == "ERROR"
    assert line["message"] == "Internal Server Error: /en/newsletter/unsubscribe/…/"
    assert "the mail server went away" in line["exc_info"]
    assert SECRET not in json.dumps(line)


def run(*args, **env):
    ours = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "TASKS_BACKEND", "LOG_FORMAT",
            "LOG_REQUESTS", "PAGE_CACHE_SECONDS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {name: value for name, value in os.environ.items() if name not in ours}
    environment.update(DJANGO_SETTINGS_MODULE="solidarity.settings", SECRET_KEY=secrets.token_urlsafe(50),
                       ALLOWED_HOSTS="solidarity.example.org", **env)
    return subprocess.run([sys.executable, *args], cwd=REPO, env=environment, capture_output=True, text=True,
                          timeout=120)


def test_a_typo_in_the_log_format_stops_the_start():
    result = run("manage.py", "check", LOG_FORMAT="jsno")
    assert result.returncode != 0
    assert "LOG_FORMAT='jsno' is not a log format" in result.stderr


# Django's admin answers an anonymous visitor without touching the (empty) database.
REQUEST_SCRIPT = """
import django
django.setup()
from django.test import Client
Client(HTTP_HOST="solidarity.example.org", REMOTE_ADDR="203.0.113.7").get("/django-admin/", secure=True)
"""


def json_lines(text):
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def test_production_writes_one_json_line_per_request(tmp_path):
    result = run("-c", REQUEST_SCRIPT, VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    [line] = json_lines(result.stderr)
    assert (line["path"], line["status"]) == ("/django-admin/", 302)
    assert ADDRESS not in result.stderr


def test_text_logs_can_be_asked_for_in_production(tmp_path):
    result = run("-c", REQUEST_SCRIPT, VAR_DIR=str(tmp_path), LOG_FORMAT="text")
    assert result.returncode == 0, result.stderr
    assert " INFO solidarity.requests GET /django-admin/ 302 " in result.stderr
    assert not json_lines(result.stderr)


@pytest.mark.parametrize("address", [
    f"/en/campaigns/confirm/{SECRET}",  # the final slash lost in a copied link
    f"/campaigns/confirm/{SECRET}/",  # the language left out
    f"/en/newsletter/unsubscribe/{SECRET}",
    f"/fa/campaigns/letter/{SECRET}",
])
def test_an_emailed_token_in_an_address_that_is_redirected_is_blanked_too(db, log_lines, address):
    Client(HTTP_HOST="localhost", HTTP_ACCEPT_LANGUAGE="fa").get(address)
    lines = log_lines()
    assert lines and SECRET not in json.dumps(lines)


def test_a_path_without_a_secret_is_looked_up_once_and_one_with_a_secret_is_not_kept(db, log_lines, monkeypatch):
    """A page the cache answers never reaches the URL resolver: the log looks its path up once
    for a token cut short, not on every request; a path with a token is looked up every time
    and never kept in the process's memory."""
    from django import urls

    from solidarity.core import logs

    looked_up = []
    resolve_as_django = urls.resolve
    monkeypatch.setattr(urls, "resolve", lambda path: looked_up.append(path) or resolve_as_django(path))
    logs._plain_paths.clear()
    client = Client(HTTP_HOST="localhost")
    for _ in range(3):
        client.get("/en/no-such-page")  # redirected: the final slash
    assert len(looked_up) == 3  # the path, then /en/ and /fa/ before it, the first time only
    for _ in range(2):
        client.get(f"/en/campaigns/confirm/{SECRET}")
    assert len(looked_up) == 3 + 2
    assert SECRET not in json.dumps(log_lines()) and SECRET not in repr(logs._plain_paths)


def test_the_paths_kept_without_a_secret_are_forgotten_when_there_are_too_many(db, log_lines, monkeypatch):
    from solidarity.core import logs

    monkeypatch.setattr(logs, "PLAIN_PATHS_KEPT", 3)
    logs._plain_paths.clear()
    for number in range(5):
        Client(HTTP_HOST="localhost").get(f"/en/made-up-{number}")
    assert len(logs._plain_paths) <= 3


def test_a_path_longer_than_any_of_the_site_s_is_not_kept(db, log_lines):
    from solidarity.core import logs

    logs._plain_paths.clear()
    Client(HTTP_HOST="localhost").get("/en/" + "a" * 4000)
    Client(HTTP_HOST="localhost").get("/en/made-up")
    assert [key[0] for key in logs._plain_paths] == ["/en/made-up"]
