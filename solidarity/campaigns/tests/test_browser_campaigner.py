"""In Chromium: a campaigner creates a campaign in Wagtail's admin, a union endorses it from
the public page and confirms from the e-mail, the campaigner approves the endorsement and
downloads the confirmed signatures as CSV; the admin screens run under their
Content-Security-Policy without a violation."""

import csv
import io
import re
import time

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from solidarity.campaigns.models import Campaign, Endorsement, ExportLog, Signature
from tests.browser.fixtures import csp_violations

from .conftest import link_in

pytestmark = pytest.mark.browser

def sign_and_confirm(browsing, smtp_server, campaign, *, name, email, country, confirm=True):
    """A supporter signs on the public page (without JavaScript) and, if asked, confirms from the e-mail."""
    page = browsing.new_page(javascript=False)
    page.goto(f"/en/campaigns/{campaign.slug}/")
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Show my name as I typed it").check()
    page.get_by_label("Your e-mail address").fill(email)
    page.get_by_label("Your country").select_option(country)
    received = len(smtp_server.messages)  # counted before: the e-mail may arrive before the page
    page.get_by_role("button", name="Sign").click()
    expect(page.locator("h1")).to_have_text("Please check your e-mail")
    message = next(m for m in smtp_server.wait_for(received + 1) if email in m["To"])
    if confirm:
        page.goto(link_in(message, "/confirm/"))
        page.get_by_role("button", name="Confirm my signature").click()
        expect(page.locator("h1")).not_to_have_text("This link is not valid")
    page.context.close()


def test_a_campaigner_creates_a_campaign_approves_an_endorsement_and_exports_the_signatures(
    browsing, smtp_server, make_staff
):
    from solidarity.publishing import factories

    factories.make_site()
    campaigner = make_staff("campaigner", "Campaigners")
    admin = browsing.signed_in_page("campaigner", watch_csp=True, viewport={"width": 1200, "height": 900})
    assert csp_violations(admin) == []

    # The campaign, through Wagtail's form, tab by tab.
    admin.goto(reverse("wagtailsnippets_campaigns_campaign:add"))
    assert csp_violations(admin) == []
    admin.fill("#id_title_en", "Free the bus drivers")
    admin.fill("#id_title_fa", "رانندگان اتوبوس را آزاد کنید")
    admin.fill("#id_slug", "free-the-drivers")
    admin.select_option("#id_status", "active")
    admin.fill("#id_summary_en", "Three bus drivers were arrested for organising a union.")
    admin.fill("#id_summary_fa", "سه راننده اتوبوس به خاطر سازماندهی سندیکا بازداشت شدند.")
    admin.fill("#id_demands_en", "Release the drivers now\nDrop all charges")
    admin.fill("#id_demands_fa", "رانندگان را فوراً آزاد کنید\nهمه اتهامات را لغو کنید")
    admin.get_by_role("tab", name="Targets").click()
    admin.get_by_role("button", name=re.compile("Add target", re.IGNORECASE)).click()
    admin.fill("#id_targets-0-name_en", "Head of the Judiciary")
    admin.fill("#id_targets-0-name_fa", "رئیس قوه قضاییه")
    admin.fill("#id_targets-0-email", "judiciary@authority.example")
    admin.get_by_role("tab", name="Actions").click()
    assert admin.is_checked("#id_petition_enabled")
    admin.check("#id_endorsement_enabled")
    # Everyone signs from 127.0.0.1 here: room for more than the default one signature a minute.
    admin.get_by_role("tab", name="Protection against abuse").click()
    admin.fill("#id_burst_limit", "10")
    admin.fill("#id_sustained_limit", "10")
    assert csp_violations(admin) == []
    admin.get_by_role("button", name="Save", exact=True).click()
    admin.wait_for_url(re.compile(r"/admin/snippets/campaigns/campaign/$"))
    assert csp_violations(admin) == []

    campaign = Campaign.objects.get(slug="free-the-drivers")
    assert (campaign.title_fa, campaign.status, campaign.petition_enabled, campaign.endorsement_enabled) == (
        "رانندگان اتوبوس را آزاد کنید", "active", True, True)
    assert campaign.demands() == ["Release the drivers now", "Drop all charges"]
    assert [t.email for t in campaign.targets.all()] == ["judiciary@authority.example"]
    assert campaign.ends_on is not None  # three months by default

    # The public page exists, in both languages.
    visitor = browsing.new_page(javascript=False)
    visitor.goto("/fa/campaigns/free-the-drivers/")
    expect(visitor.locator("h1")).to_have_text("رانندگان اتوبوس را آزاد کنید")
    visitor.goto("/en/campaigns/free-the-drivers/")
    expect(visitor.locator("h1")).to_have_text("Free the bus drivers")
    expect(visitor.locator("main")).to_contain_text("Head of the Judiciary")

    # A union endorses it and confirms from the e-mail (the link opens a page with a button).
    visitor.get_by_role("link", name="Endorse this action on behalf of your union or organisation").click()
    form = visitor.locator("form.sign-form")
    form.get_by_label("Union or organisation").fill("Transport Workers' Union")
    form.get_by_label("Name of its representative").fill("Sam Organiser")
    form.get_by_label("Role in the organisation").fill("General Secretary")
    form.get_by_label("E-mail address").fill("sam@twu.example")
    form.get_by_label("Country").select_option("GB")
    form.get_by_role("button", name="Endorse").click()
    (message,) = smtp_server.wait_for(1)
    assert message["To"] == "sam@twu.example"
    visitor.goto(link_in(message, "/endorsements/confirm/"))
    assert Endorsement.objects.get().confirmed_at is None  # opening the link confirms nothing
    visitor.get_by_role("button", name="Confirm the endorsement").click()
    expect(visitor.locator("h1")).to_have_text("Thank you")
    endorsement = Endorsement.objects.get()
    assert (endorsement.status, endorsement.confirmed_at is not None) == ("pending", True)
    visitor.context.close()

    # Two confirmed signatures and one that never confirms.
    sign_and_confirm(browsing, smtp_server, campaign, name="Jane Worker", email="jane@union.example", country="GB")
    sign_and_confirm(browsing, smtp_server, campaign, name="مریم رضایی", email="maryam@union.example", country="IR")
    sign_and_confirm(browsing, smtp_server, campaign, name="Pat Pending", email="pat@union.example", country="FR",
                     confirm=False)
    assert sorted(Signature.objects.values_list("email", "status")) == [
        ("jane@union.example", "confirmed"), ("maryam@union.example", "confirmed"), ("pat@union.example", "pending")]

    # The dashboard: from the menu's list to the campaign.
    admin.goto(reverse("campaigns_staff_dashboards"))
    assert csp_violations(admin) == []
    admin.get_by_role("link", name="Free the bus drivers").click()
    admin.wait_for_url(re.compile(rf"/admin/campaigns/dashboards/{campaign.pk}/$"))
    assert csp_violations(admin) == []
    assert admin.locator("#count-confirmed strong").inner_text() == "2"
    assert admin.locator("#count-pending strong").inner_text() == "1"
    endorsements = admin.locator("#endorsements")
    assert "Transport Workers' Union" in endorsements.inner_text()

    endorsements.get_by_role("button", name="Approve").click()
    admin.wait_for_url(re.compile(rf"/admin/campaigns/dashboards/{campaign.pk}/$"))
    expect(admin.locator("body")).to_contain_text("Endorsement by Transport Workers' Union approved.")
    expect(admin.locator("#endorsements")).to_contain_text("No endorsements waiting.")
    assert csp_violations(admin) == []
    endorsement.refresh_from_db()
    assert (endorsement.status, endorsement.decided_by) == ("approved", campaigner)

    # The public page shows it (the page may be kept a few seconds in the shared cache).
    reader = browsing.new_page(javascript=False)
    deadline = time.monotonic() + 15
    while True:
        reader.goto("/en/campaigns/free-the-drivers/")
        shown = reader.locator("ul.endorsements").all_inner_texts()
        if shown or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert shown == ["Transport Workers' Union (United Kingdom): Sam Organiser, General Secretary"]

    # The CSV export: confirmed signatures only (the form's default), logged with the campaigner's name.
    assert admin.is_checked("input[name=statuses][value=confirmed]")
    with admin.expect_download() as download_info:
        admin.get_by_role("button", name="Download the signatures (CSV)").click()
    download = download_info.value
    assert re.fullmatch(rf"signatures-{campaign.pk}-\d{{4}}-\d\d-\d\d-\d{{4}}\.csv", download.suggested_filename)
    with open(download.path(), encoding="utf-8") as file:
        text = file.read()
    assert text.startswith("\ufeff")  # spreadsheets then read the Persian names
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert sorted((row["name"], row["email"], row["country"], row["status"]) for row in rows) == [
        ("Jane Worker", "jane@union.example", "GB", "confirmed"),
        ("مریم رضایی", "maryam@union.example", "IR", "confirmed"),
    ]
    assert all(row["confirmed_at"] for row in rows)
    (log,) = ExportLog.objects.all()
    assert (log.campaign, log.user, log.rows) == (campaign, campaigner, 2)

    admin.goto(reverse("campaigns_staff_dashboard", args=[campaign.pk]))
    expect(admin.locator("#export-log")).to_contain_text("campaigner")
    assert csp_violations(admin) == []
