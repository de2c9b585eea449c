"""The registry's public lists of organisations and events, in both languages."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_organisations_list_names_every_public_organisation_sorted_in_the_reader_s_language(
        client, resolution_21, make_org):
    make_org("Zeta Workers Union", name_fa="آزادگان")
    make_org("Hidden Draft Union", draft=True)
    english = client.get("/en/network/organisations/").content.decode()
    assert "Canadian Union of Public Employees" in english and "CUPE Ontario" in english
    assert "Hidden Draft Union" not in english
    assert english.index("Canadian Union of Public Employees") < english.index("Zeta Workers Union")
    persian = client.get("/fa/network/organisations/").content.decode()
    # Sorted in Persian order: آ before ا, whatever the English names.
    assert persian.index("آزادگان") < persian.index("اتحادیه کارکنان خدمات عمومی کانادا")


def test_the_events_list_shows_each_event_with_its_dates_in_both_languages(client, resolution_21):
    english = client.get("/en/network/events/").content.decode()
    assert "49th Annual CUPE Ontario Convention" in english and "23–26 May 2012" in english
    persian = client.get("/fa/network/events/").content.decode()
    assert 'dir="rtl"' in persian and "۲۰۱۲" in persian


def test_the_registry_links_to_both_lists(client, resolution_21):
    content = client.get("/en/network/resolutions/").content.decode()
    assert 'href="/en/network/organisations/"' in content and 'href="/en/network/events/"' in content
