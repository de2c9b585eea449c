import pytest
from django.contrib.auth.models import Group

from solidarity.contact import services

LIST = "/admin/snippets/contact/contactmessage/"
SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def message(db):
    return services.receive_message(
        name="Jane <b>Worker</b>", email="jane@union.example", subject=f"Hello {SCRIPT}",
        message=f"Solidarity {SCRIPT}", language="fa", ip="203.0.113.7",
    )


def staff(django_user_model, username, group):
    user = django_user_model.objects.create_user(username=username, password="pw", email=f"{username}@alliance.example")
    user.groups.add(Group.objects.get(name=group))
    return user


def test_an_editor_sees_the_messages_with_any_script_shown_as_text(client, django_user_model, message):
    client.force_login(staff(django_user_model, "editor", "Editors"))

    listing = client.get(LIST)
    inspect = client.get(f"{LIST}inspect/{message.pk}/")

    assert listing.status_code == inspect.status_code == 200
    for response in (listing, inspect):
        assert SCRIPT not in response.text
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in response.text
    assert "jane@union.example" in listing.text
    assert "Solidarity &lt;script&gt;" in inspect.text
    assert "Jane &lt;b&gt;Worker&lt;/b&gt;" in inspect.text


def test_an_administrator_can_mark_a_message_dealt_with_but_not_rewrite_it(client, django_user_model, message):
    client.force_login(staff(django_user_model, "admin", "Administrators"))

    response = client.post(
        f"{LIST}edit/{message.pk}/",
        {"handled": "on", "message": "Rewritten", "name": "Someone else"},
    )

    assert response.status_code == 302
    message.refresh_from_db()
    assert message.handled
    assert (message.name, message.message) == ("Jane <b>Worker</b>", f"Solidarity {SCRIPT}")


def test_a_translator_cannot_read_contact_messages(client, django_user_model, message):
    client.force_login(staff(django_user_model, "translator", "Translators"))

    for url in (LIST, f"{LIST}inspect/{message.pk}/"):
        response = client.get(url)
        assert response.status_code == 403
        assert "Hello" not in response.text


def test_messages_come_only_from_the_public_form_not_from_the_admin(client, django_user_model, message):
    client.force_login(staff(django_user_model, "admin", "Administrators"))

    refused = client.get(f"{LIST}add/")

    assert refused.status_code == 403  # the admin's one refusal (solidarity.core.permissions)
    assert f'href="{LIST}add/"' not in client.get(LIST).text


def test_messages_from_robots_can_be_filtered_out(client, admin_user, message):
    services.receive_message(
        name="Bot", email="bot@spam.example", subject="Cheap", message="Buy", language="en",
        ip="198.51.100.9", is_spam=True,
    )
    client.force_login(admin_user)

    response = client.get(LIST, {"is_spam": "false"})

    assert "jane@union.example" in response.text
    assert "bot@spam.example" not in response.text
