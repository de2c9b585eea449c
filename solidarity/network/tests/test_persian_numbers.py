"""On Persian pages years are Jalali in the filters, and nothing that reads as a Persian zero
(a dot, a middle dot) stands between numbers."""

import re

import pytest

pytestmark = pytest.mark.django_db

PERSIAN_DIGIT = "[۰-۹]"


def test_the_persian_registry_filters_show_jalali_years(client, resolution_21):
    content = client.get("/fa/network/resolutions/").content.decode()
    # 2012 began in 1390 and ended in 1391.
    assert '<option value="2012">۱۳۹۰–۱۳۹۱ (۱)</option>' in content
    assert ">۱۳۹۰–۱۳۹۱</a>" in content
    english = client.get("/en/network/resolutions/").content.decode()
    assert '<option value="2012">2012 (1)</option>' in english


def test_no_middle_dot_follows_a_persian_number_on_persian_network_pages(client, resolution_21, aptuf_letter):
    organisation = resolution_21.adopting_organisation
    for address in ("/fa/network/resolutions/", f"/fa/network/resolutions/{resolution_21.pk}/",
                    f"/fa/network/organisations/{organisation.pk}/", f"/fa/network/events/{resolution_21.event_id}/",
                    "/fa/network/events/", "/fa/network/letters/"):
        text = re.sub(r"<[^>]+>", "", client.get(address).content.decode())
        assert not re.search(f"{PERSIAN_DIGIT}\\)?\\s*[·.]\\s", text), address


def test_english_pages_keep_the_middle_dot(client, resolution_21):
    content = client.get("/en/network/resolutions/").content.decode()
    assert "</time> · " in content


def test_the_country_filter_is_sorted_in_the_reader_s_alphabet(client, resolution_21, make_org):
    from solidarity.network import services

    for code, name in (("PK", "Pakistan Union"), ("GR", "Greek Union"), ("GR", "Greek Union 2")):
        services.record_resolution(adopting_organisation=make_org(name, country=code), title_en="Solidarity",
                                   date=resolution_21.date)

    def options(language):
        content = client.get(f"/{language}/network/resolutions/").content.decode()
        select = content[content.index('id="filter-country"'):]
        return re.findall(r'<option value="([A-Z]{2})"', select[:select.index("</select>")])

    # Greece has two resolutions and Pakistan one, but the list goes by name: "Canada, Greece,
    # Pakistan" in English; in Persian "پاکستان" (پ) before "کانادا" (ک) before "یونان" (ی).
    assert options("en") == ["CA", "GR", "PK"]
    assert options("fa") == ["PK", "CA", "GR"]
