"""In Chromium: a coordinator enters a resolution in the admin; a visitor filters the registry,
with JavaScript and without."""

import datetime

import pytest
from playwright.sync_api import expect

from solidarity.network import services
from solidarity.network.models import Clause, Organisation, Resolution

pytestmark = pytest.mark.browser


VIEWPORT = {"width": 1280, "height": 900}


@pytest.fixture
def network(live):
    from solidarity.publishing import factories

    factories.make_site()
    ontario = services.register_organisation(name_en="CUPE Ontario", name_fa="کوپ انتاریو", country="CA")
    local = services.register_organisation(name_en="CUPE Local 4400", kind=Organisation.Kind.LOCAL, country="CA",
                                           parent=ontario)
    teachers = services.register_organisation(name_en="Northern Teachers' Federation", country="GB",
                                              kind=Organisation.Kind.FEDERATION)
    services.record_resolution(adopting_organisation=teachers, title_en="Free the jailed teachers",
                               date=datetime.date(2019, 4, 21))
    services.record_resolution(adopting_organisation=ontario, title_en="Solidarity with bus workers",
                               date=datetime.date(2015, 5, 30))
    return {"ontario": ontario, "local": local, "teachers": teachers}


@pytest.fixture
def coordinator(live):
    from django.contrib.auth.models import User

    return User.objects.create_superuser("coordinator", "c@example.org", "a long coordinator password")


# Records are made before the browser starts: Playwright's event loop would give Django other connections.
def test_a_coordinator_enters_a_resolution_with_its_clauses_in_the_admin(network, coordinator, browsing):
    page = browsing.signed_in_page("coordinator", "a long coordinator password", viewport=VIEWPORT)

    page.goto("/admin/snippets/network/resolution/add/")
    # The adopting organisation is chosen in Wagtail's chooser.
    page.locator("[data-contentpath=adopting_organisation]").get_by_role("button").first.click()
    page.locator(".modal").get_by_role("link", name="CUPE Ontario", exact=True).click()
    page.locator(".modal").wait_for(state="hidden")
    page.locator("#id_number").fill("21")
    page.locator("#id_date").fill("2012-05-26")
    page.keyboard.press("Escape")
    page.locator("#id_title_en").fill("Solidarity with workers in Iran")
    page.locator("#id_title_fa").fill("همبستگی با کارگران ایران")
    # The submitters' chooser: typing asks the server, a click adds the organisation.
    page.locator("#id_submitted_by").fill("4400")
    page.get_by_role("option", name="CUPE Local 4400").click()
    page.locator("#id_commitments_lead_en").fill("CUPE Ontario will:")
    texts = [("commitment", "Condemn the persecution of labour activists in Iran."),
             ("commitment", "Work with independent labour organizations in Iran."),
             ("consideration", "Iranian workers have no right to organize or strike.")]
    for n, (kind, text) in enumerate(texts):
        page.get_by_role("button", name="Add clause").click()
        page.locator(f"#id_clauses-{n}-kind").select_option(kind)
        page.locator(f"#id_clauses-{n}-text_en").fill(text)
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text("created")

    resolution = Resolution.objects.get(number="21")
    assert resolution.adopting_organisation == network["ontario"]
    assert resolution.date == datetime.date(2012, 5, 26) and resolution.year == 2012
    assert resolution.title_fa == "همبستگی با کارگران ایران"
    assert list(resolution.submitted_by.all()) == [network["local"]]
    assert [(c.kind, c.text_en) for c in resolution.clauses.all()] == [
        (Clause.Kind(kind), text) for kind, text in texts
    ]

    # What the coordinator entered is on the public page at once.
    page.goto(f"/en/network/resolutions/{resolution.pk}/")
    expect(page.locator("h1")).to_contain_text("Resolution No. 21")
    assert page.locator("ol.commitments li").all_inner_texts() == [texts[0][1], texts[1][1]]


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_a_visitor_filters_the_registry_by_country_and_year(network, browsing, javascript):
    page = browsing.new_page(javascript=javascript, viewport=VIEWPORT)
    page.goto("/en/network/resolutions/")
    rows = page.locator(".resolution-row h3")
    assert rows.all_inner_texts() == ["Free the jailed teachers", "Solidarity with bus workers"]
    page.get_by_label("Country", exact=True).select_option("CA")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/resolutions/?country=CA*")
    assert rows.all_inner_texts() == ["Solidarity with bus workers"]
    # Each list offers what the other filters leave: Canada's only year is 2015.
    assert page.get_by_label("Year", exact=True).locator("option").all_inner_texts() == ["All years", "2015 (1)"]
    page.get_by_label("Year", exact=True).select_option("2015")
    page.get_by_label("Kind of organisation").select_option("federation")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**kind=federation*")
    expect(page.locator(".resolution-list")).to_contain_text("No resolution matches these filters.")
    page.get_by_role("link", name="Clear filters").click()
    page.wait_for_load_state()
    assert rows.count() == 2
    # A country's circle on the map leads to the same filtered list.
    page.locator('svg.world-map a[aria-label="United Kingdom: 1"]').click()
    page.wait_for_url("**country=GB*")
    assert rows.all_inner_texts() == ["Free the jailed teachers"]


def test_the_persian_registry_reads_right_to_left(network, browsing):
    page = browsing.new_page(javascript=False, viewport=VIEWPORT)
    page.goto("/fa/network/resolutions/?country=CA")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".resolution-row").first.evaluate("e => getComputedStyle(e).direction") == "rtl"
    expect(page.locator(".resolution-list")).to_contain_text("کوپ انتاریو")
