import datetime

import pytest

from solidarity.network import services
from solidarity.network.models import Correspondence

pytestmark = pytest.mark.django_db

SECRET = "PRIVATE-NOTE-do-not-publish"
CONTACT = "private.contact@example.org"


def test_a_resolution_page_shows_its_clauses_in_order_and_the_alliance_response(client, resolution_21):
    content = client.get(f"/en/network/resolutions/{resolution_21.pk}/").content.decode()
    assert "Resolution No. 21" in content
    assert "CUPE Ontario will:" in content
    first = content.index("Condemn the persecution")
    second = content.index("Work with independent labour organizations")
    third = content.index("Take a clear stand against economic sanctions")
    assert first < second < third < content.index("The government&#x27;s anti-worker")
    assert "CUPE Local 4400" in content and "International Solidarity Committee" in content
    assert "49th Annual CUPE Ontario Convention" in content and "23–26 May 2012" in content
    assert "CUPE Ontario adopted a strong resolution in solidarity with workers in Iran" in content
    assert "Resolutions and Constitutional Amendments booklet" in content


def test_a_resolution_page_in_persian_shows_persian_text_and_jalali_dates(client, resolution_21):
    content = client.get(f"/fa/network/resolutions/{resolution_21.pk}/").content.decode()
    assert 'dir="rtl"' in content
    assert "همبستگی با کارگران ایران" in content
    assert "کوپ انتاریو" in content
    assert "۲۱" in content
    # Clauses not yet translated are shown in English rather than hidden.
    assert "Condemn the persecution" in content


def test_an_organisation_page_shows_its_chain_resolutions_events_and_letters(client, resolution_21, aptuf_letter):
    ontario = resolution_21.adopting_organisation
    content = client.get(f"/en/network/organisations/{ontario.pk}/").content.decode()
    assert "Canadian Union of Public Employees" in content
    assert "CUPE Local 4400" in content  # a branch
    assert "Solidarity with workers in Iran" in content
    assert "49th Annual CUPE Ontario Convention" in content
    assert "CUPE Ontario adopted a strong resolution in solidarity with workers in Iran" in content  # related article
    aptuf = aptuf_letter.recipients.get()
    content = client.get(f"/en/network/organisations/{aptuf.pk}/").content.decode()
    assert "Solidarity Message to: Asian Conference" in content


def test_an_event_page_shows_the_invitation_the_reason_and_the_message(client, aptuf_letter):
    content = client.get(f"/en/network/events/{aptuf_letter.event_id}/").content.decode()
    assert "The alliance was invited." in content
    assert "It could not attend." in content
    assert "Schedule and financial difficulties." in content
    assert "The alliance sent a message." in content
    assert f"/en/network/letters/{aptuf_letter.pk}/" in content
    assert "19–21 January 2008" in content and "Mumbai" in content


def test_a_published_letter_is_a_page_and_a_draft_is_not(client, aptuf_letter, alliance, make_org):
    content = client.get(f"/en/network/letters/{aptuf_letter.pk}/").content.decode()
    assert "Dear Comrades;" in content
    assert "Log live workers’ international solidarity" in content
    draft = services.write_letter(sender=alliance, recipients=[make_org("X")], date=datetime.date(2020, 1, 1),
                                  subject="Draft words", body="Not yet")
    assert client.get(f"/en/network/letters/{draft.pk}/").status_code == 404
    assert client.get(f"/en/network/letters/{draft.pk}/pdf/").status_code == 404
    assert "Draft words" not in client.get("/en/network/letters/").content.decode()


def test_staff_only_notes_and_contacts_never_reach_a_public_page_or_feed(client, resolution_21, aptuf_letter):
    ontario = resolution_21.adopting_organisation
    ontario.notes, ontario.contacts = SECRET, CONTACT
    ontario.save(update_fields=["notes", "contacts"])
    aptuf = aptuf_letter.recipients.get()
    aptuf.notes = SECRET
    aptuf.save(update_fields=["notes"])
    urls = [
        "/en/network/resolutions/", "/fa/network/resolutions/", "/en/network/resolutions/map.svg",
        "/en/network/resolutions/feed/", f"/en/network/resolutions/{resolution_21.pk}/",
        f"/en/network/organisations/{ontario.pk}/", f"/fa/network/organisations/{ontario.pk}/",
        f"/en/network/organisations/{aptuf.pk}/", f"/en/network/events/{resolution_21.event_id}/",
        f"/en/network/events/{aptuf_letter.event_id}/", "/en/network/letters/",
        f"/en/network/letters/{aptuf_letter.pk}/", f"/en/network/letters/{aptuf_letter.pk}/print/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert SECRET not in body, url
        assert CONTACT not in body, url


@pytest.mark.parametrize("name", ["resolution", "organisation", "event", "letter"])
def test_record_pages_cost_a_constant_number_of_queries(client, name, resolution_21, aptuf_letter, make_org,
                                                        django_assert_max_num_queries):
    ontario = resolution_21.adopting_organisation
    urls = {
        "resolution": f"/en/network/resolutions/{resolution_21.pk}/",
        "organisation": f"/en/network/organisations/{ontario.pk}/",
        "event": f"/en/network/events/{resolution_21.event_id}/",
        "letter": f"/en/network/letters/{aptuf_letter.pk}/",
    }
    client.get(urls[name])  # the site's settings are created on first use
    with django_assert_max_num_queries(25) as before:
        client.get(urls[name])
    baseline = len(before)  # read now: each request empties the query log
    # More of everything around the same records.
    for n in range(8):
        branch = make_org(f"Local {n}", parent=ontario, country="CA")
        services.record_resolution(adopting_organisation=ontario, event=resolution_21.event, title_en=f"R{n}",
                                   date=datetime.date(2012, 5, 24), submitted_by=[branch], commitments=["a", "b"])
        resolution_21.submitted_by.add(branch)
        resolution_21.save()
        resolution_21.event.organisers.add(branch)
        letter = services.write_letter(sender=ontario, recipients=[branch, aptuf_letter.sender],
                                       event=resolution_21.event, date=datetime.date(2012, 6, 1), subject=f"L{n}",
                                       body="x", status=Correspondence.Status.PUBLISHED)
        aptuf_letter.recipients.add(branch)
        letter.save()
    client.get(urls[name])  # saving records empties the shared cache; warm it again
    with django_assert_max_num_queries(baseline):
        response = client.get(urls[name])
    assert response.status_code == 200
