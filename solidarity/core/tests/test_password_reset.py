"""Asking for a password reset looks, answers and costs the same for a staff member's address
and a stranger's: the worker looks the address up and sends the mail."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from solidarity.core.tasks import send_password_reset

RESET = "/admin/password_reset/"


@pytest.fixture
def queued(settings):
    """Tasks wait in the database queue, as in production, instead of running in the request."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def editor(make_staff):
    return make_staff("editor", "Editors")


def ask(client, email, ip="203.0.113.7"):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(RESET, {"email": email}, REMOTE_ADDR=ip)
    return response, [re.sub(r"'[^']*'|\"s\d+_x\d+\"|\b\d+\b", "?", query["sql"]) for query in queries.captured_queries]


def test_a_staff_address_and_a_strangers_get_the_same_answer_and_the_same_work(client, editor, queued):
    known, known_queries = ask(client, "editor@example.org", ip="203.0.113.7")
    unknown, unknown_queries = ask(client, "stranger@example.org", ip="203.0.113.8")

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"]) == (302, "/admin/password_reset/done/")
    assert known_queries == unknown_queries
    assert not any("auth_user" in query for query in known_queries)
    assert DBTaskResult.objects.count() == 2


def test_the_worker_mails_the_staff_address_only(editor, smtp_server):
    send_password_reset.call(email="editor@example.org", language="en")
    send_password_reset.call(email="stranger@example.org", language="en")

    (mail,) = smtp_server.messages
    assert mail["To"] == "editor@example.org"
    assert "/admin/password_reset/confirm/" in mail.get_content()


def test_the_request_itself_sends_no_mail(client, editor, queued, smtp_server):
    ask(client, "editor@example.org")

    assert smtp_server.messages == []


def test_one_address_asked_for_again_and_again_is_limited(client, editor, queued, settings):
    settings.PASSWORD_RESET_LIMIT = 3
    for number in range(3):
        assert ask(client, "editor@example.org", ip=f"198.51.100.{number}")[0].status_code == 302

    response, _ = ask(client, "Editor@example.org", ip="192.0.2.1")

    assert response.status_code == 429
    assert "Too many failed attempts" in response.text
    assert DBTaskResult.objects.count() == 3


def test_one_connection_asking_for_many_addresses_is_limited(client, db, queued, settings):
    settings.PASSWORD_RESET_LIMIT = 3
    for name in ("a", "b", "c"):
        ask(client, f"{name}@example.org")

    assert ask(client, "d@example.org")[0].status_code == 429


def test_the_queued_task_carries_the_address_asked_for_and_the_language_of_the_page(client, editor, queued):
    client.post(RESET, {"email": "editor@example.org"}, REMOTE_ADDR="203.0.113.9", HTTP_ACCEPT_LANGUAGE="fa")

    (task,) = DBTaskResult.objects.all()
    assert task.args_kwargs["kwargs"] == {"email": "editor@example.org", "language": "fa"}


def test_the_worker_mails_a_staff_member_who_asked_in_persian_in_persian(editor, smtp_server):
    send_password_reset.call(email="editor@example.org", language="fa")

    (mail,) = smtp_server.messages
    assert "/admin/password_reset/confirm/" in mail.get_content()
    assert mail["Content-Language"] == "fa" or any("\u0600" <= ch <= "\u06ff" for ch in str(mail["Subject"]))
