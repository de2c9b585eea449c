"""In Chromium, at 2,000 organisations and 250 mailing lists: a subscriber's lists and the case
listing's organisation filter are searched for, not listed; a set-up screen in Persian.
Screenshots at desktop and phone widths go to $SHOTS_DIR (else the browser tests' folder) for a
person to look at."""

import os
import re
from pathlib import Path

import pytest

from solidarity.core.services import ADMINISTRATORS
from tests.browser.fixtures import SCREENSHOTS

pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("SHOTS_DIR") or SCREENSHOTS)
WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture
def records(live, make_staff):
    # Made before the browser starts: Playwright's event loop would give Django other connections.
    from solidarity.cases.models import Case
    from solidarity.network.models import Organisation
    from solidarity.publishing import factories
    from solidarity.supporters.models import MailingList, Subscriber

    factories.make_site()
    Organisation.objects.bulk_create(
        Organisation(name_en=f"Bulk Workers Union {number}", name_fa=f"سندیکای کارگران {number}") for number in range(2000))
    union = Organisation.objects.create(name_en="Haft Tappeh Sugar Workers", name_fa="سندیکای کارگران نیشکر هفت‌تپه")
    case = Case(name_latin="Ismail Bakhshi", name_fa="اسماعیل بخشی", slug="ismail-bakhshi")
    case.affiliations = [union]
    case.save()
    Case.objects.create(name_latin="Other Person", slug="other-person")
    MailingList.objects.bulk_create(
        MailingList(slug=f"bulk-branch-{number}", name_en=f"Branch {number}", name_fa=f"شاخهٔ {number}",
                    kind=MailingList.Kind.BRANCH) for number in range(250))
    tehran = MailingList.objects.create(slug="tehran-bus", name_en="Tehran bus drivers", name_fa="رانندگان اتوبوس تهران")
    reader = Subscriber.objects.create(email="reader@example.org", email_key="reader@example.org", name="Quiet Reader")
    reader.lists.add(tehran)
    make_staff("scale-admin", ADMINISTRATORS)
    make_staff("scale-admin-fa", ADMINISTRATORS, language="fa")
    return {"reader": reader, "union": union}


def search_and_pick(page, box, text, name):
    """Types `text` into a chooser's search box and clicks the record `name` among its answers;
    what the server answered is in the failure's message."""
    with page.expect_response(lambda response: "/admin/choose/" in response.url) as answer:
        box.locator(".choose-many__input").fill(text)
    assert answer.value.status == 200, answer.value.text()
    assert name in answer.value.text(), answer.value.text()
    option = page.get_by_role("option", name=name)
    option.wait_for(timeout=10_000)
    option.click()


def shoot(page, name, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    page.screenshot(path=str(SHOTS / f"admin13-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})


def test_a_subscribers_lists_are_searched_for_and_the_case_filter_searches_organisations(records, browsing):
    page = browsing.signed_in_page("scale-admin")
    page.goto(f"/admin/supporters/subscribers/edit/{records['reader'].pk}/")
    assert page.locator("input[name=lists]").count() == 1
    search_and_pick(page, page.locator(".choose-many"), "Branch 249", "Branch 249")
    assert page.locator("input[name=lists]:checked").count() == 2
    for width in WIDTHS.values():
        shoot(page, "subscriber-lists", width)
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/admin/supporters/subscribers/(\?.*)?$"))
    assert sorted(records["reader"].lists.values_list("slug", flat=True)) == ["bulk-branch-249", "tehran-bus"]

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/admin/snippets/cases/case/")
    page.get_by_role("button", name="Show filters").click()
    assert page.locator("input[name=affiliations]").count() == 0
    page.get_by_role("button", name="Organisations").click()
    search_and_pick(page, page.locator(".choose-many"), "Haft Tappeh", "Haft Tappeh Sugar Workers")
    page.wait_for_url(re.compile(r"affiliations="))
    page.locator("#listing-results").get_by_text("Ismail Bakhshi").wait_for()
    assert page.locator("#listing-results").get_by_text("Other Person").count() == 0
    for width in WIDTHS.values():
        shoot(page, "case-filter", width)


def test_a_set_up_screen_reads_in_persian(records, browsing):
    page = browsing.signed_in_page("scale-admin-fa")
    page.goto("/admin/groups/new/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_text("انتخاب تصویر در پنجره‌های انتخاب").count() or page.get_by_text("Select images in choosers").count() == 0
    for width in WIDTHS.values():
        shoot(page, "groups-fa", width)
    page.goto("/admin/sites/")
    for width in WIDTHS.values():
        shoot(page, "sites-fa", width)


def test_a_new_organisations_parent_is_searched_for_in_the_choosers_create_tab(records, browsing):
    from solidarity.network.models import Organisation

    page = browsing.signed_in_page("scale-admin")
    page.goto("/admin/snippets/network/resolution/add/")
    page.get_by_role("button", name=re.compile("Choose (an )?organisation")).first.click()
    modal = page.locator(".modal-dialog")
    # The modal takes the focus once it has faded in: typing before that would lose it.
    page.wait_for_function("() => document.activeElement && document.activeElement.classList.contains('modal')")
    modal.get_by_role("tab", name=re.compile("Create")).click()
    modal.locator("[name=name_en]").fill("Haft Tappeh Sugar Workers, Shush branch")
    box = modal.locator(".choose-many[data-single]")
    search_and_pick(page, box, "Haft Tappeh", "Haft Tappeh Sugar Workers")
    search_and_pick(page, box, "Bulk Workers Union 1999", "Bulk Workers Union 1999")
    # One record: the second replaces the first.
    assert box.locator("input[name=parent]:checked").count() == 1
    for width in WIDTHS.values():
        shoot(page, "organisation-create-tab", width)
    modal.get_by_role("button", name="Create").click()
    page.locator(".modal-dialog").wait_for(state="detached")
    branch = Organisation.objects.get(name_en="Haft Tappeh Sugar Workers, Shush branch")
    assert branch.parent.name_en == "Bulk Workers Union 1999"
