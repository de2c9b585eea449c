"""Editors write issues in Wagtail's admin, preview them, send tests, send to lists and watch."""

from solidarity.newsletter.models import Issue, Send

from .conftest import make_list, make_pair, make_subscriber


def test_an_editor_creates_an_issue_with_a_free_section_in_the_admin(client, make_staff):
    client.force_login(make_staff("editor", "Editors"))

    response = client.post("/admin/snippets/newsletter/issue/add/", {
        "language": "en", "title": "", "volume": "4", "number": "1", "date": "2026-11-22", "counterpart": "",
        "introduction": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Hello", "depth": 0, '
                        '"inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
        "items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "0", "items-MIN_NUM_FORMS": "0", "items-MAX_NUM_FORMS": "1000",
        "items-0-source": "", "items-0-title": "A speech at the rally", "items-0-summary": "", "items-0-url": "",
        "items-0-body": '{"blocks": [{"key": "b", "type": "unstyled", "text": "Comrades", "depth": 0, '
                        '"inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}', "items-0-ORDER": "1", "items-0-DELETE": "", "items-0-id": "",
    })

    assert response.status_code == 302, response.content.decode()[:3000]
    issue = Issue.objects.get()
    assert issue.display_title == "Workers' Struggles in Iran"
    assert issue.contents() == ["A speech at the rally"]
    assert issue.items.get().body == "<p>Comrades</p>"


def test_the_issue_form_offers_published_articles_to_choose_from(client, make_staff, site_tree):
    from solidarity.publishing import factories

    article = factories.make_article(site_tree["news"], title="Bus drivers jailed")
    client.force_login(make_staff("editor", "Editors"))

    page = client.get("/admin/snippets/newsletter/issue/add/").content.decode()

    assert f'value="article:{article.pk}"' in page
    assert "Bus drivers jailed" in page


def test_the_preview_shows_the_html_and_the_plain_text_of_the_issue(client, make_staff):
    en, _fa = make_pair()
    client.force_login(make_staff("editor", "Editors"))

    html = client.get(f"/admin/newsletter/issues/{en.pk}/preview.html")
    text = client.get(f"/admin/newsletter/issues/{en.pk}/preview.text")

    assert html["Content-Type"] == "text/html; charset=utf-8"
    assert "Renewed campaign for jailed activists" in html.content.decode()
    assert text["Content-Type"] == "text/plain; charset=utf-8"
    assert "In this issue" in text.content.decode()


def test_a_test_send_reaches_the_chosen_addresses_marked_as_a_test(client, make_staff, smtp_server):
    en, _fa = make_pair()
    client.force_login(make_staff("editor", "Editors"))

    response = client.post(f"/admin/newsletter/issues/{en.pk}/test/",
                           {"addresses": "one@example.org\ntwo@example.org, one@example.org"})

    assert response.status_code == 302
    assert sorted(envelope.rcpt_tos[0] for envelope in smtp_server.envelopes) == ["one@example.org", "two@example.org"]
    assert smtp_server.messages[0]["Subject"].startswith("[TEST] Workers' Struggles in Iran")
    assert Send.objects.count() == 0


def test_a_test_send_to_a_wrong_address_is_refused_with_the_reason(client, make_staff, smtp_server):
    en, _fa = make_pair()
    client.force_login(make_staff("editor", "Editors"))

    response = client.post(f"/admin/newsletter/issues/{en.pk}/test/", {"addresses": "one@example.org\nnot an address"})

    assert response.status_code == 200
    assert "one of them is not an e-mail address" in response.content.decode()
    assert smtp_server.messages == []


def test_send_now_sends_to_the_list_and_the_progress_page_shows_the_counts(
        client, make_staff, smtp_server, django_capture_on_commit_callbacks):
    en, _fa = make_pair()
    newsletter = make_list()
    make_subscriber("ali@example.org", lists=[newsletter])
    make_subscriber("sara@example.org", language="fa", lists=[newsletter])
    client.force_login(make_staff("editor", "Editors"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/newsletter/issues/{en.pk}/send/", {"lists": [newsletter.pk], "when": "now"})

    send = Send.objects.get()
    assert response["Location"] == f"/admin/newsletter/sends/{send.pk}/"
    assert len(smtp_server.messages) == 2
    page = client.get(response["Location"]).content.decode()
    assert '<tr><th>Sent</th><td>2</td></tr>' in page
    assert '<tr><th>Remaining</th><td>0</td></tr>' in page
    assert 'http-equiv="refresh"' not in page  # finished: no more refreshing


def test_a_scheduled_send_waits_and_its_progress_page_refreshes_itself(client, make_staff, smtp_server):
    en, _fa = make_pair()
    newsletter = make_list()
    make_subscriber("ali@example.org", lists=[newsletter])
    client.force_login(make_staff("editor", "Editors"))

    response = client.post(f"/admin/newsletter/issues/{en.pk}/send/",
                           {"lists": [newsletter.pk], "when": "later", "scheduled_at": "2099-01-01T09:00"})

    send = Send.objects.get()
    assert send.status == Send.Status.SCHEDULED
    assert smtp_server.messages == []
    page = client.get(response["Location"]).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert "Pause" in page


def test_a_time_in_the_past_or_no_list_is_refused(client, make_staff):
    en, _fa = make_pair()
    client.force_login(make_staff("editor", "Editors"))

    response = client.post(f"/admin/newsletter/issues/{en.pk}/send/",
                           {"lists": [], "when": "later", "scheduled_at": "2001-01-01T09:00"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose a time in the future" in page
    assert Send.objects.count() == 0


def test_pause_and_resume_from_the_progress_page(client, make_staff, smtp_server):
    en, _fa = make_pair()
    newsletter = make_list()
    client.force_login(make_staff("editor", "Editors"))
    client.post(f"/admin/newsletter/issues/{en.pk}/send/",
                {"lists": [newsletter.pk], "when": "later", "scheduled_at": "2099-01-01T09:00"})
    send = Send.objects.get()

    client.post(f"/admin/newsletter/sends/{send.pk}/pause/")
    send.refresh_from_db()
    assert send.status == Send.Status.PAUSED
    assert "Resume" in client.get(f"/admin/newsletter/sends/{send.pk}/").content.decode()

    client.post(f"/admin/newsletter/sends/{send.pk}/resume/")
    send.refresh_from_db()
    assert send.status == Send.Status.SCHEDULED


def test_staff_without_the_newsletter_permissions_cannot_send_or_preview(client, make_staff, smtp_server):
    en, _fa = make_pair()
    newsletter = make_list()
    client.force_login(make_staff("translator", "Translators"))

    assert client.get(f"/admin/newsletter/issues/{en.pk}/preview.html").status_code in (302, 403)
    assert client.post(f"/admin/newsletter/issues/{en.pk}/send/", {"lists": [newsletter.pk], "when": "now"}
                       ).status_code in (302, 403)
    assert client.post(f"/admin/newsletter/issues/{en.pk}/test/", {"addresses": "x@example.org"}
                       ).status_code in (302, 403)
    assert Send.objects.count() == 0
    assert smtp_server.messages == []


def test_the_admin_pages_speak_persian_to_a_persian_editor(client, make_staff):
    en, _fa = make_pair()
    client.force_login(make_staff("editor", "Editors", language="fa"))

    page = client.get(f"/admin/newsletter/issues/{en.pk}/send/").content.decode()

    assert "فرستادن به این فهرست‌ها" in page
    assert "فرستادن یا زمان‌بندی" in page


def test_the_counterpart_must_be_in_the_other_language(client, make_staff):
    from .conftest import make_issue

    first = make_issue(volume=1, number=1)
    other = make_issue(volume=1, number=2)
    client.force_login(make_staff("editor", "Editors"))

    response = client.post(f"/admin/snippets/newsletter/issue/edit/{first.pk}/", {
        "language": "en", "title": "", "volume": "1", "number": "1", "date": "2026-11-22", "counterpart": other.pk,
        "introduction": '{"blocks": [], "entityMap": {}}', "items-TOTAL_FORMS": "0", "items-INITIAL_FORMS": "0", "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    })

    assert response.status_code == 200
    assert "Choose the same issue in the other language." in response.content.decode()
    first.refresh_from_db()
    assert first.counterpart_id is None


def test_failed_addresses_show_on_the_progress_page_only_to_staff_who_may_see_subscribers(
        client, make_staff, smtp_server):
    from solidarity.newsletter import services
    from solidarity.newsletter.models import Delivery

    from .conftest import run_send

    en, _fa = make_pair()
    newsletter = make_list()
    make_subscriber("refused@example.org", lists=[newsletter])
    send = services.create_send(issue=en, lists=[newsletter])
    run_send(send)
    Delivery.objects.update(state=Delivery.State.FAILED, error="550 no such user")

    client.force_login(make_staff("editor", "Editors"))
    assert "refused@example.org" not in client.get(f"/admin/newsletter/sends/{send.pk}/").content.decode()
    client.force_login(make_staff("campaigner", "Campaigners"))
    page = client.get(f"/admin/newsletter/sends/{send.pk}/").content.decode()
    assert "refused@example.org" in page
    assert "550 no such user" in page
