"""In Chromium: an editor who reads the admin in Persian uploads the old site's two documents,
reads the import report right to left, and accepts the resolution it made."""

import pytest
from playwright.sync_api import expect

from solidarity.network.models import Resolution

from .conftest import LEGACY

pytestmark = pytest.mark.browser


PASSWORD = "a long editor password"


@pytest.fixture
def live(live, settings, tmp_path):
    """The shared live server; uploads go to the test's own folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return live


@pytest.fixture
def editor(live):
    """An editor who reads the admin in Persian, on a site with the alliance's records."""
    from django.contrib.auth.models import Group, User
    from wagtail.users.models import UserProfile

    from solidarity.network import legacy
    from solidarity.publishing import factories

    home = factories.make_site()
    factories.make_article_index(home)
    legacy.alliance()
    editor = User.objects.create_user("editor", "editor@example.org", PASSWORD)
    editor.groups.add(Group.objects.get(name="Editors"))
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "fa"
    profile.save(update_fields=["preferred_language"])
    return editor


@pytest.fixture
def page(editor, browsing):
    """The editor's page, signed in to the admin."""
    return browsing.signed_in_page("editor", PASSWORD, viewport={"width": 1400, "height": 1000})


def test_an_editor_reads_the_import_report_in_persian_and_accepts_the_resolution(page, tmp_path):
    page.goto("/admin/archive/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    expect(page.get_by_role("heading", name="درون‌ریزی از سایت قدیمی")).to_be_visible()
    page.locator("#id_files").set_input_files([str(LEGACY / "000_ea340a58f3985f13.txt"),
                                               str(LEGACY / "001_7b632b9c3ca00494.txt")])
    page.get_by_role("button", name="درون‌ریزی به‌صورت پیش‌نویس").click()
    page.wait_for_url("**/admin/archive/runs/*/")

    report = page.locator("#archive-report")
    expect(page.get_by_role("heading", name="گزارش درون‌ریزی")).to_be_visible()
    assert "قطعنامه (پیش‌نویس، برای بازبینی)" in report.inner_text()
    assert "نامه (پیش‌نویس، برای بازبینی)" in report.inner_text()
    assert "انگلیسی" in report.inner_text()
    # The table reads right to left: its first column (the file) is at the right.
    file_header = page.locator("#archive-report th").first.bounding_box()
    last_header = page.locator("#archive-report th").last.bounding_box()
    assert file_header["x"] > last_header["x"]
    page.screenshot(path=str(tmp_path / "archive-report-fa.png"), full_page=True)

    page.get_by_role("link", name="قطعنامه (پیش‌نویس، برای بازبینی)").click()
    expect(page.locator("#archive-review")).to_contain_text("CUPE Ontario will:")
    page.get_by_role("button", name="پذیرفتن").click()
    page.wait_for_url("**/admin/archive/drafts/")
    resolution = Resolution.objects.get()
    assert resolution.draft is False and resolution.adopting_organisation.draft is False
    page.goto("/fa/network/resolutions/")
    assert "Solidarity with workers in Iran" in page.content()
