"""Every admin page stays usable at thousands of records: no form, filter or chooser lists
every organisation, resolution, event, case, letter, subscriber, list or signature as an
<option> or a checkbox; records are chosen by searching for them.

The pages are those of the permission matrix (every admin address the project registers),
asked by an administrator, who sees every form and every filter."""

import datetime
import json
import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.urls import resolve

from solidarity.core.services import ADMINISTRATORS
from tests.test_admin_permission_matrix import (
    NOT_FOUND,
    admin_patterns,
    fill,
    make_records,
    outcome,
    parameters,
    query_for,
    rule_for,
    text_of,
)

pytestmark = pytest.mark.slow

# More records than any page may list as choices of one field, and the most it may list.
MANY = 250
ORGANISATIONS = 2000
LIMIT = 200


def add_many_records():
    """2,000 organisations and a few hundred of everything else that grows."""
    from django.utils import timezone

    from solidarity.campaigns.factories import make_campaign
    from solidarity.campaigns.models import Campaign, Signature
    from solidarity.cases.models import Case
    from solidarity.network.models import Correspondence, Event, Organisation, Resolution
    from solidarity.supporters.models import MailingList, Subscriber

    organisations = Organisation.objects.bulk_create(
        Organisation(name_en=f"Bulk Workers Union {number}", name_fa=f"سندیکای کارگران {number}")
        for number in range(ORGANISATIONS))
    day = datetime.date(2024, 5, 1)
    events = Event.objects.bulk_create(Event(title_en=f"Bulk Conference {number}", start_date=day) for number in range(MANY))
    Resolution.objects.bulk_create(
        Resolution(title_en=f"Bulk Resolution {number}", date=day, year=day.year,
                   adopting_organisation=organisations[number], event=events[number]) for number in range(MANY))
    Correspondence.objects.bulk_create(
        Correspondence(subject=f"Bulk Letter {number}", date=day, body="Greetings.", sender=organisations[number])
        for number in range(MANY))
    Case.objects.bulk_create(Case(name_latin=f"Bulk Person {number}", slug=f"bulk-person-{number}") for number in range(MANY))
    MailingList.objects.bulk_create(
        MailingList(slug=f"bulk-branch-{number}", name_en=f"Bulk Branch {number}", kind=MailingList.Kind.BRANCH)
        for number in range(MANY))
    Subscriber.objects.bulk_create(
        Subscriber(email=f"bulk{number}@example.org", email_key=f"bulk{number}@example.org", token=f"bulk-token-{number}")
        for number in range(MANY))
    campaign = Campaign.objects.order_by("pk").first() or make_campaign(slug="bulk-campaign")
    Signature.objects.bulk_create(
        Signature(campaign=campaign, name=f"Bulk Signer {number}", email=f"signer{number}@example.org",
                  email_key=f"signer{number}@example.org", country="GB", created_at=timezone.now())
        for number in range(MANY))


class Choices(HTMLParser):
    """For each field name, the choices a page offers that name a record by its number: the
    <option>s of a <select>, and checkboxes and radio buttons."""

    def __init__(self):
        super().__init__()
        self.counts = Counter()
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.select = attrs.get("name") or attrs.get("id") or "?"
        elif tag == "option" and self.select and re.fullmatch(r"\d+", attrs.get("value") or ""):
            self.counts[self.select] += 1
        elif tag == "input" and attrs.get("type") in ("checkbox", "radio") and re.fullmatch(r"\d+", attrs.get("value") or ""):
            self.counts[attrs.get("name") or "?"] += 1

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None


def html_of(body):
    """The HTML of an answer: a page, or the pieces of HTML a modal's JSON carries."""
    try:
        data = json.loads(body)
    except ValueError:
        return body
    pieces = []

    def collect(value):
        if isinstance(value, str):
            pieces.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(data)
    return "\n".join(pieces)


def crowded_fields(body):
    parser = Choices()
    parser.feed(html_of(body))
    return {name: count for name, count in parser.counts.items() if count > LIMIT}


@pytest.fixture
def administrator(client, make_staff, site_tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    records = make_records(site_tree, make_staff)
    add_many_records()
    client.force_login(make_staff("scale-admin", ADMINISTRATORS), backend="django.contrib.auth.backends.ModelBackend")
    client.raise_request_exception = True
    return client, records


def test_no_admin_page_lists_thousands_of_records_as_choices_of_one_field(administrator):
    client, records = administrator
    crowded, asked = [], 0
    for route, name, pattern in admin_patterns():
        if not route.startswith("admin/") or rule_for(route, name)[1] == "not asked":
            continue
        path = fill(route, parameters(name, records))
        if resolve(path).func is not pattern.callback:
            continue
        response = client.get(path + query_for(name, records))
        if response.status_code != 200:
            continue
        asked += 1
        fields = crowded_fields(text_of(response))
        if fields:
            crowded.append(f"{path} ({name}): {fields}")
    assert asked > 100
    assert not crowded, "choices listed one by one:\n" + "\n".join(crowded)


def test_the_case_listing_filters_by_organisation_without_listing_the_thousands(client, make_staff, site_tree):
    from solidarity.cases.models import Case
    from solidarity.network.models import Organisation

    client.force_login(make_staff("scale-admin", ADMINISTRATORS), backend="django.contrib.auth.backends.ModelBackend")
    union = Organisation.objects.create(name_en="Haft Tappeh Sugar Workers", name_fa="کارگران نیشکر هفت‌تپه")
    case = Case(name_latin="Ismail Bakhshi", slug="ismail-bakhshi")
    case.affiliations = [union]
    case.save()
    Case.objects.create(name_latin="Other Person", slug="other-person")
    Case.objects.bulk_create(Case(name_latin=f"Bulk Person {number}", slug=f"bulk-person-{number}") for number in range(60))
    few = len(client.get("/admin/snippets/cases/case/").content)
    Organisation.objects.bulk_create(
        Organisation(name_en=f"Bulk Workers Union {number}", name_fa=f"سندیکای کارگران {number}")
        for number in range(ORGANISATIONS))

    listing = client.get("/admin/snippets/cases/case/").content.decode()
    assert len(listing) < few + 5_000
    assert not crowded_fields(listing)
    assert "Bulk Workers Union 1999" not in listing
    # The filter searches organisations, and a chosen one filters the cases and stays chosen.
    assert 'data-url="/admin/choose/cases/case/affiliations/"' in listing
    found = client.get("/admin/choose/cases/case/affiliations/", {"q": "هفت تپه"}).json()["results"]
    assert [record["id"] for record in found] == [str(union.pk)]
    filtered = client.get("/admin/snippets/cases/case/", {"affiliations": union.pk}).content.decode()
    assert "Ismail Bakhshi" in filtered
    assert "Other Person" not in filtered
    assert f'name="affiliations" value="{union.pk}" checked' in filtered


def test_a_subscribers_lists_are_chosen_by_searching_and_saved(client, make_staff, site_tree):
    from solidarity.supporters.models import MailingList, Subscriber

    client.force_login(make_staff("scale-admin", ADMINISTRATORS), backend="django.contrib.auth.backends.ModelBackend")
    add_many_records()
    branch = MailingList.objects.create(slug="tehran-bus", name_en="Tehran bus drivers", name_fa="رانندگان اتوبوس تهران")
    reader = Subscriber.objects.create(email="reader@example.org", email_key="reader@example.org", name="Reader")
    reader.lists.add(branch)

    form = client.get(f"/admin/supporters/subscribers/edit/{reader.pk}/").content.decode()
    assert not crowded_fields(form)
    assert f'name="lists" value="{branch.pk}" checked' in form
    assert "Bulk Branch 7" not in form
    found = client.get("/admin/choose/supporters/subscriber/lists/", {"q": "Bulk Branch 249"}).json()["results"]
    last = MailingList.objects.get(slug="bulk-branch-249")
    assert [record["id"] for record in found] == [str(last.pk)]

    response = client.post(f"/admin/supporters/subscribers/edit/{reader.pk}/",
                           {"name": "Reader", "language": "en", "lists": [branch.pk, last.pk]})
    assert response.status_code == 302
    assert set(reader.lists.all()) == {branch, last}


def test_nobody_searches_subscribers_or_signatures_through_a_chooser(client, make_staff, site_tree):
    client.force_login(make_staff("scale-admin", ADMINISTRATORS), backend="django.contrib.auth.backends.ModelBackend")
    add_many_records()
    for address in ("/admin/choose/supporters/bounce/subscriber/", "/admin/choose/newsletter/delivery/subscriber/",
                    "/admin/choose/campaigns/protestdelivery/signatures/", "/admin/choose/campaigns/updateemail/signature/"):
        response = client.get(address + "?q=bulk")
        assert outcome(response, address + "?q=bulk") == NOT_FOUND, address
        assert "bulk1@example.org" not in response.content.decode()


def test_a_letters_sender_in_the_choosers_create_tab_is_one_searched_organisation(client, make_staff, site_tree):
    from solidarity.network.models import Correspondence, Organisation

    client.force_login(make_staff("scale-admin", ADMINISTRATORS), backend="django.contrib.auth.backends.ModelBackend")
    add_many_records()
    union = Organisation.objects.create(name_en="Haft Tappeh Sugar Workers", name_fa="سندیکای کارگران نیشکر هفت‌تپه")
    tab = html_of(client.get("/admin/snippets/choose/network/correspondence/create/").content.decode())
    assert not crowded_fields(tab)
    assert 'data-url="/admin/choose/network/correspondence/sender/" data-single' in tab
    found = client.get("/admin/choose/network/correspondence/sender/", {"q": "هفت تپه"}).json()["results"]
    assert [record["id"] for record in found] == [str(union.pk)]

    form_class = Correspondence.snippet_viewset.chooser_viewset.creation_form_class
    form = form_class({"direction": "outgoing", "language": "en", "sender": [str(union.pk)], "date": "1402/5/12",
                       "subject": "Greetings", "body": "We stand with you."})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["sender"] == union


def test_a_foreign_keys_search_answers_only_those_who_may_read_its_records(client, make_staff, site_tree):
    from solidarity.core.services import CAMPAIGNERS
    from solidarity.network.models import Organisation

    Organisation.objects.create(name_en="Haft Tappeh Sugar Workers")
    # Campaigners change endorsements but do not read the network's records.
    client.force_login(make_staff("campaigner", CAMPAIGNERS), backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/admin/choose/campaigns/endorsement/organisation/", {"q": "Haft"})
    assert response.status_code == 403
    assert "Haft Tappeh" not in response.content.decode()
    # Their export's list: mailing lists they may read.
    assert client.get("/admin/choose/supporters/subscription/mailing_list/", {"q": "x"}).status_code == 200
