"""In Chromium: a coordinator chooses a resolution's submitters in the many-to-many chooser, in the
Persian admin with the mouse and in the English one with the keyboard only; what is saved is what
was chosen. Screenshots, desktop and phone, in both languages, go to var/screenshots/ (and
SCREENSHOTS_COPY_TO when set) as chooser-*.png."""

import datetime
import http.server
import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from solidarity.core.services import EDITORS

from .fixtures import SCREENSHOTS

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("SCREENSHOTS_COPY_TO", "")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SCRIPT = Path(__file__).resolve().parents[2] / "solidarity" / "core" / "static" / "core" / "choose-many.js"


def keep(page, name):
    """The screen as the coordinator sees it, the chooser in the middle, in var/screenshots/
    (and SCREENSHOTS_COPY_TO)."""
    page.locator(".choose-many").first.evaluate("e => e.scrollIntoView({block: 'center'})")
    path = SCREENSHOTS / f"{name}.png"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(SHOTS) / f"{name}.png")


@pytest.fixture
def registry(live):
    from solidarity.network.models import Organisation, Resolution

    Organisation.objects.bulk_create([Organisation(name_en=f"Amalgamated Local {n}", name_fa=f"شاخه متحد {n}")
                                      for n in range(300)])
    names = {"ontario": ("CUPE Ontario", "کوپ انتاریو"), "local": ("CUPE Local 4400", "کوپ شاخه ۴۴۰۰"),
             "unifor": ("Unifor", "یونیفور"), "vahed": ("Vahed Bus Workers Syndicate", "سندیکای کارگران شرکت واحد")}
    organisations = {key: Organisation.objects.create(name_en=en, name_fa=fa) for key, (en, fa) in names.items()}
    resolution = Resolution.objects.create(adopting_organisation=organisations["ontario"], number="21",
                                           title_en="Solidarity with workers in Iran", date=datetime.date(2012, 5, 26))
    return organisations, resolution


def stored(resolution):
    from solidarity.network.models import Resolution

    return {o.name_en for o in Resolution.objects.get(pk=resolution.pk).submitted_by.all()}


def chosen(page):
    return page.locator(".choose-many").filter(has=page.locator("#id_submitted_by")).locator(".choose-many__item bdi")


def test_a_coordinator_picks_two_submitters_removes_one_and_saves_in_the_persian_admin(registry, browsing,
                                                                                       make_staff):
    organisations, resolution = registry
    make_staff("hamid", EDITORS, language="fa")
    page = browsing.signed_in_page("hamid", viewport=DESKTOP)
    page.goto(f"/admin/snippets/network/resolution/edit/{resolution.pk}/")
    search = page.locator("#id_submitted_by")
    box = page.locator(".choose-many").filter(has=search)
    assert box.evaluate("e => getComputedStyle(e).direction") == "rtl"
    expect(search).to_have_attribute("placeholder", "جست‌وجوی تشکل‌ها با نام، به انگلیسی یا فارسی")

    # Latin digits find the Persian name written with Persian ones.
    search.fill("4400")
    option = page.get_by_role("option", name="کوپ شاخه ۴۴۰۰")
    expect(option).to_be_visible()
    option.click()
    search.fill("شرکت واحد")
    page.get_by_role("option", name="سندیکای کارگران شرکت واحد").click()
    search.fill("انتاریو")
    page.get_by_role("option", name="کوپ انتاریو").click()
    expect(chosen(page)).to_have_text(["کوپ شاخه ۴۴۰۰", "سندیکای کارگران شرکت واحد", "کوپ انتاریو"])
    search.fill("هیچ اتحادیه‌ای")
    expect(box.locator(".choose-many__empty")).to_have_text("چیزی پیدا نشد. املای دیگری یا واژه‌های کمتری را امتحان کنید.")
    search.fill("یونی")
    expect(page.get_by_role("option", name="یونیفور")).to_be_visible()
    keep(page, "chooser-fa-desktop")
    search.fill("")

    page.get_by_role("button", name="حذف: کوپ انتاریو").click()
    expect(chosen(page)).to_have_text(["کوپ شاخه ۴۴۰۰", "سندیکای کارگران شرکت واحد"])
    expect(box.locator(".choose-many__status")).to_have_text("برداشته شد: کوپ انتاریو")
    assert chosen(page).first.get_attribute("lang") == "fa" and chosen(page).first.get_attribute("dir") == "rtl"

    page.get_by_role("button", name="ذخیره", exact=True).first.click()
    page.wait_for_url("**/admin/snippets/network/resolution/")
    assert stored(resolution) == {"CUPE Local 4400", "Vahed Bus Workers Syndicate"}

    page.set_viewport_size(PHONE)
    page.goto(f"/admin/snippets/network/resolution/edit/{resolution.pk}/")
    search.fill("کوپ")
    expect(page.get_by_role("option", name="کوپ انتاریو")).to_be_visible()
    keep(page, "chooser-fa-phone")


def test_a_coordinator_chooses_with_the_keyboard_only_in_the_english_admin(registry, browsing, make_staff):
    organisations, resolution = registry
    resolution.submitted_by.set([organisations["unifor"]])
    resolution.save()
    make_staff("coordinator", EDITORS)
    page = browsing.signed_in_page("coordinator", viewport=DESKTOP)
    page.goto(f"/admin/snippets/network/resolution/edit/{resolution.pk}/")
    search = page.locator("#id_submitted_by")
    options = page.locator("#id_submitted_by-results").get_by_role("option")
    expect(chosen(page)).to_have_text(["Unifor"])

    search.focus()
    page.keyboard.type("cupe")
    expect(options).to_have_count(2)
    # The first is marked; the arrow moves to the second; Enter picks it and does not send the form.
    expect(search).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("option", name="CUPE Ontario")).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")
    expect(chosen(page)).to_have_text(["Unifor", "CUPE Ontario"])
    expect(search).to_be_focused()
    expect(search).to_have_value("")
    page.keyboard.type("amalgamated")
    expect(page.locator(".choose-many__more")).to_be_visible()
    expect(options).to_have_count(20)
    keep(page, "chooser-en-desktop")
    page.keyboard.press("Escape")
    expect(options).to_have_count(0)

    # Shift+Tab from the search box reaches the last chip's remove button.
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("button", name="Remove: CUPE Ontario")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("button", name="Remove: Unifor")).to_be_focused()
    page.keyboard.press("Enter")
    expect(chosen(page)).to_have_text(["CUPE Ontario"])

    page.get_by_role("button", name="Save", exact=True).first.click()
    page.wait_for_url("**/admin/snippets/network/resolution/")
    assert stored(resolution) == {"CUPE Ontario"}

    page.set_viewport_size(PHONE)
    page.goto(f"/admin/snippets/network/resolution/edit/{resolution.pk}/")
    search.fill("local")
    expect(options.first).to_be_visible()
    keep(page, "chooser-en-phone")


class _PageInTwoPieces(http.server.BaseHTTPRequestHandler):
    """The chooser's script, and a page that sends the chooser's first part, waits, then the rest:
    what a slow line or a busy server does to the admin's edit page."""

    first = rest = b""

    def do_GET(self):  # noqa: N802 (the standard library's name)
        self.send_response(200)
        if self.path == "/choose-many.js":
            self.send_header("Content-Type", "text/javascript")
            self.end_headers()
            self.wfile.write(SCRIPT.read_bytes())
            return
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(self.first)
        self.wfile.flush()
        time.sleep(1)
        self.wfile.write(self.rest)

    def log_message(self, *args):
        pass


def test_the_chooser_is_set_up_when_its_page_arrives_in_pieces(chromium):
    from solidarity.core.admin_choosers import ChooseMany
    from solidarity.network.models import Resolution

    box = ChooseMany(Resolution._meta.get_field("submitted_by")).render("submitted_by", [], {"id": "id_submitted_by"})
    # Cut after the list of chosen records: the parser has the box but not its search box yet.
    cut = box.index("</ul>") + len("</ul>")
    padding = "<!-- " + "a page read in pieces " * 200 + "-->"  # enough for Chromium to parse the first piece
    _PageInTwoPieces.first = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chooser</title>'
                              f'<script src="/choose-many.js"></script></head><body>{box[:cut]}{padding}').encode()
    _PageInTwoPieces.rest = f"{box[cut:]}</body></html>".encode()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _PageInTwoPieces)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = chromium.new_context()
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
        expect(page.locator("#id_submitted_by")).to_be_visible()
        expect(page.locator(".choose-many__nojs")).to_be_hidden()
        assert errors == []
    finally:
        context.close()
        server.shutdown()
        server.server_close()
