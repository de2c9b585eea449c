import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from solidarity.supporters.models import Bounce, Consent, StaffAction, Subscriber, Suppression, erased_key

from .conftest import make_active, signup_data

SUBSCRIBERS = "/admin/supporters/subscribers/"
LISTS = "/admin/supporters/lists/"
SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def jane(lists):
    subscriber = make_active("jane@union.example", name=f"Jane {SCRIPT}", lists=[lists["newsletter-en"]])
    subscriber.consents.create(source="signup form", text="We will e-mail you the lists you chose")
    Bounce.objects.create(subscriber=subscriber, email=subscriber.email, kind="soft", status_code="4.2.2")
    return subscriber


@pytest.fixture
def campaigner(client, make_staff):
    client.force_login(make_staff("campaigner", "Campaigners"))
    return client


@pytest.fixture
def editor(client, make_staff):
    client.force_login(make_staff("editor", "Editors"))
    return client


def test_a_campaigner_sees_subscribers_with_any_script_shown_as_text(campaigner, jane):
    listing = campaigner.get(SUBSCRIBERS)
    person = campaigner.get(f"/admin/supporters/people/{jane.pk}/")

    assert listing.status_code == person.status_code == 200
    for response in (listing, person):
        assert "jane@union.example" in response.text
        assert SCRIPT not in response.text
    assert "We will e-mail you the lists you chose" in person.text


def test_subscribers_are_never_added_by_hand(campaigner, make_staff, client, jane):
    assert campaigner.get(f"{SUBSCRIBERS}new/").status_code in (302, 403)
    client.force_login(make_staff("boss", "Administrators"))
    assert client.get(f"{SUBSCRIBERS}new/").status_code in (302, 403, 404)


def test_an_editor_manages_lists_and_sees_counts_but_not_who(editor, jane, lists):
    listing = editor.get(LISTS)

    assert listing.status_code == 200
    assert "Newsletter in English" in listing.text
    assert editor.get(SUBSCRIBERS).status_code in (302, 403)
    assert editor.get(f"/admin/supporters/people/{jane.pk}/").status_code in (302, 403)
    assert editor.get("/admin/supporters/export.csv").status_code in (302, 403)

    response = editor.post(f"{LISTS}new/", {
        "slug": "branch-germany", "name_en": "Germany branch", "name_fa": "شاخهٔ آلمان", "description_en": "",
        "description_fa": "", "kind": "branch", "language": "", "is_public": "on", "sort_order": "70",
    })
    assert response.status_code == 302
    assert lists["branch-uk"].__class__.objects.filter(slug="branch-germany").exists()


def test_an_export_is_logged_with_who_made_it(campaigner, jane, lists):
    response = campaigner.get("/admin/supporters/export.csv", {"mailing_list": lists["newsletter-en"].pk})

    text = b"".join(response.streaming_content).decode()
    assert "jane@union.example" in text
    action = StaffAction.objects.get()
    assert (action.user.username, action.action, action.detail) == ("campaigner", "export", "list newsletter-en")


def test_importing_a_file_with_bad_rows_shows_a_report(campaigner, lists):
    data = ("email,name,language,lists,consent_source,consent_date,consent_text\n"
            "ok@example.org,OK,en,,staff,2024-01-01,I agree\n"
            f"{SCRIPT}@x,,en,,staff,2024-01-01,I agree\n"
            "noconsent@example.org,,en,,,,\n").encode()

    response = campaigner.post("/admin/supporters/exchange/",
                               {"file": SimpleUploadedFile("members.csv", data, content_type="text/csv")})

    assert response.status_code == 200
    assert "Imported 1 new subscribers" in response.text
    assert "No record of consent" in response.text
    assert SCRIPT not in response.text
    assert Subscriber.objects.get().email == "ok@example.org"


def test_a_persons_data_is_exported_as_json(campaigner, jane):
    response = campaigner.get(f"/admin/supporters/people/{jane.pk}/data.json")

    data = json.loads(response.content)
    assert data["email"] == "jane@union.example"
    assert data["lists"][0]["list"] == "newsletter-en"
    assert data["consents"][0]["text"] == "We will e-mail you the lists you chose"
    assert data["bounces"][0]["status_code"] == "4.2.2"
    assert StaffAction.objects.get().action == "export_person"


def test_erasing_a_person_keeps_only_a_hash_that_stops_them_being_added_again(campaigner, jane, lists, client,
                                                                             site_tree, smtp_server, committing):
    wrong = campaigner.post(f"/admin/supporters/people/{jane.pk}/", {"action": "erase", "confirm_email": "someone"})
    assert wrong.status_code == 302 and Subscriber.objects.exists()

    campaigner.post(f"/admin/supporters/people/{jane.pk}/", {"action": "erase", "confirm_email": "Jane@Union.example"})

    assert not Subscriber.objects.exists()
    assert not Consent.objects.exists()
    assert not Bounce.objects.exists()
    suppression = Suppression.objects.get()
    assert suppression.email_key == erased_key("jane@union.example")
    assert "jane" not in suppression.email_key
    assert StaffAction.objects.get().detail == f"subscriber {jane.pk}"

    client.logout()
    client.post("/en/newsletter/subscribe/", signup_data(lists, email="jane@union.example"))
    assert smtp_server.messages == []
    assert not Subscriber.objects.exists()


def test_staff_can_unsubscribe_a_person_who_asked_by_phone(campaigner, jane):
    campaigner.post(f"/admin/supporters/people/{jane.pk}/", {"action": "unsubscribe"})

    jane.refresh_from_db()
    assert jane.status == "unsubscribed"
    assert Suppression.objects.get().note == "staff"


def test_lifting_a_bounce_suppression_lets_the_person_sign_up_again(campaigner, jane, lists, client, site_tree,
                                                                    smtp_server):
    jane.set_status(Subscriber.Status.BOUNCED)
    suppression = Suppression.objects.create(email_key="jane@union.example", reason="bounced")

    response = campaigner.post(f"/admin/supporters/suppressed/delete/{suppression.pk}/")

    assert response.status_code == 302
    jane.refresh_from_db()
    assert jane.status == "unsubscribed"
    client.logout()
    client.post("/en/newsletter/subscribe/", signup_data(lists, email="jane@union.example"))
    assert [mail["Subject"] for mail in smtp_server.messages] == ["Please confirm your subscription"]


def test_a_translator_sees_nothing_of_supporters(client, make_staff, jane):
    client.force_login(make_staff("translator", "Translators"))

    for url in (SUBSCRIBERS, LISTS, f"/admin/supporters/people/{jane.pk}/", "/admin/supporters/exchange/"):
        assert client.get(url).status_code in (302, 403), url


def test_a_campaigner_changes_a_subscribers_name_and_lists_but_not_the_address(campaigner, jane, lists):
    response = campaigner.post(f"{SUBSCRIBERS}edit/{jane.pk}/", {
        "name": "Jane Worker", "language": "fa", "lists": [lists["branch-uk"].pk],
        "email": "attacker@example.org", "status": "active",
    })

    assert response.status_code == 302
    jane.refresh_from_db()
    assert (jane.email, jane.name, jane.language) == ("jane@union.example", "Jane Worker", "fa")
    assert list(jane.lists.values_list("slug", flat=True)) == ["branch-uk"]


def test_every_supporters_page_opens_for_an_administrator(client, make_staff, jane):
    client.force_login(make_staff("boss", "Administrators"))
    Suppression.objects.create(email_key="gone@example.org", reason="bounced")
    StaffAction.objects.create(action="export", detail="everyone")

    for url in (SUBSCRIBERS, f"{SUBSCRIBERS}inspect/{jane.pk}/", f"{SUBSCRIBERS}edit/{jane.pk}/", LISTS,
                f"{LISTS}new/", "/admin/supporters/suppressed/", "/admin/supporters/suppressed/new/",
                "/admin/supporters/bounces/", "/admin/supporters/log/", "/admin/supporters/exchange/",
                f"/admin/supporters/people/{jane.pk}/", "/admin/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert SCRIPT not in response.text, url
