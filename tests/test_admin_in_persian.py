"""A Persian staff member meets no English in the admin: every address the admin answers (the
permission matrix's list: pages, snippets, images, documents, reports, the apps' own screens,
wagtail-localize's screens...) is asked by an administrator whose admin is in Persian, and the
text a person sees (text, titles, placeholders, labels for screen readers) may hold Latin words
only when they are what staff typed (every string stored in the database), or names that stay
as they are (ALLOWED). The translation editor's script-written words are checked in Chromium
(tests/browser/test_persian_admin.py)."""

import re
import zoneinfo
from html.parser import HTMLParser

import pytest

from solidarity.core.services import ADMINISTRATORS
from tests.test_admin_permission_matrix import (
    NOT_ASKED,
    POST_ONLY,
    SIGN_IN_FOR_ALL,
    UNREACHABLE,
    admin_patterns,
    fill,
    make_records,
    parameters,
    query_for,
    rule_for,
)

pytestmark = pytest.mark.slow

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Written the same in a Persian sentence: file formats and units, the date format staff type,
# key names printed on keyboards, Wagtail's name, and the e-mail header "Message-ID" / the
# "[TEST]" mark of a test newsletter (what a mail program shows).
ALLOWED = {
    "Wagtail", "CSV", "PDF", "PO", "HTML", "JSON", "XLSX", "TSV", "RSS", "Atom", "AVIF", "GIF", "JPG", "JPEG",
    "PNG", "WEBP", "SVG", "MB", "KB", "IP", "URL", "YYYY", "MM", "DD", "Ctrl", "Alt", "Shift", "Esc", "Cmd",
    "UTF", "Message", "ID", "TEST",
}
# Wagtail's words it fixes when the server starts, beyond a catalogue's reach (say why).
KNOWN_ENGLISH = {
    "Redirects",  # the breadcrumb of Wagtail's redirect form
}
# Addresses, file names and column names (consent_source) are data, not words.
NOT_WORDS = re.compile(r"#[0-9a-z]+\b|\S*://\S*|\S*\w\.\w{2,4}\b|\w*_\w+|\[[\w-]+\]")
SKIPPED_ELEMENTS = {"script", "style", "code", "pre", "textarea", "svg", "noscript"}
VISIBLE_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area", "base", "embed", "param", "track"}


class VisibleText(HTMLParser):
    """The text of a page a person reads, outside what is marked as typed in English."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []
        self.texts = []

    def skipping(self):
        return any(tag in SKIPPED_ELEMENTS or lang == "en" for tag, lang in self.open)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in VOID:
            self.open.append((tag, attrs.get("lang")))
        if self.skipping():
            return
        self.texts += [attrs[name] for name in VISIBLE_ATTRIBUTES if attrs.get(name)]
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.texts.append(attrs["value"])

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        if data.strip() and not self.skipping():
            self.texts.append(" ".join(data.split()))


def english_words(text, data):
    return [word for word in LATIN_WORD.findall(NOT_WORDS.sub(" ", text)) if word not in ALLOWED and word not in data]


def stored_words():
    """Every Latin word the database holds: what staff and the demo typed is not the admin's."""
    from django.apps import apps
    from django.db import models

    words = {user.username for user in apps.get_model("auth", "User").objects.all()}
    for model in apps.get_models():
        fields = [field.attname for field in model._meta.concrete_fields
                  if isinstance(field, (models.CharField, models.TextField, models.JSONField, models.FileField))]
        for row in model._base_manager.values_list(*fields) if fields else ():
            for value in row:
                words.update(LATIN_WORD.findall(str(value or "")))
    return words


def english_on_admin_pages(client, records):
    """{visible text with English in it: the addresses that show it}, for every admin page."""
    pages = {}
    for route, name, _pattern in admin_patterns():
        answer = rule_for(route, name)[1]
        if answer in (NOT_ASKED, POST_ONLY, SIGN_IN_FOR_ALL, UNREACHABLE) or "/api/" in route:
            continue
        path = fill(route, parameters(name, records)) + query_for(name, records)
        response = client.get(path)
        if response.status_code == 200 and not response.streaming and "html" in response.get("Content-Type", ""):
            pages[path] = response.content.decode()
    data = stored_words() | set(zoneinfo.available_timezones())
    found = {}
    for path, html in pages.items():
        parser = VisibleText()
        parser.feed(html)
        for text in parser.texts:
            if text not in data and text not in KNOWN_ENGLISH and english_words(text, data):
                found.setdefault(text, []).append(path)
    return found


@pytest.fixture
def records(site_tree, make_staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return make_records(site_tree, make_staff)


def test_an_administrator_who_works_in_persian_reads_no_english_anywhere_in_the_admin(client, make_staff, records):
    client.force_login(make_staff("walker", ADMINISTRATORS, language="fa"),
                       backend="django.contrib.auth.backends.ModelBackend")
    found = english_on_admin_pages(client, records)
    assert not found, "English in the Persian admin:\n" + "\n".join(
        f"{text!r} on {', '.join(paths[:3])}" for text, paths in sorted(found.items()))


def test_the_walk_sees_english_words_but_not_what_staff_typed():
    parser = VisibleText()
    parser.feed('<h1 title="Choose parent">انتخاب</h1><p lang="en">Typed in English</p><script>var a="Save"</script>'
                '<p>فایل CSV از http://example.org/old.txt</p><button aria-label="Collapse all"></button>')
    texts = parser.texts
    assert texts == ["Choose parent", "انتخاب", "فایل CSV از http://example.org/old.txt", "Collapse all"]
    assert [english_words(text, {"Reza"}) for text in texts] == [["Choose", "parent"], [], [], ["Collapse", "all"]]
    assert english_words("Reza Hidden", {"Reza", "Hidden"}) == []


def test_the_set_up_screens_name_their_columns_and_permissions_in_persian(client, make_staff, records):
    # Words the walk lets pass because the database holds them too (the root page is "Root",
    # Django stores "Can view signature"): looked for here by name.
    client.force_login(make_staff("walker", ADMINISTRATORS, language="fa"),
                       backend="django.contrib.auth.backends.ModelBackend")
    sites = client.get("/admin/sites/").content.decode()
    for english, persian in (("Root page", "صفحهٔ ریشه"), ("Site name", "نام سایت"), ("Port", "درگاه")):
        assert english not in sites
        assert persian in sites
    group = client.get("/admin/groups/new/").content.decode()
    assert "Can view" not in group
    assert "Select images in choosers" not in group
    assert "انتخاب تصویر در پنجره‌های انتخاب" in group
    locales = client.get("/admin/locales/").content.decode()
    assert "زبان‌ها" in locales
    assert not re.search(r">\s*\d* ?[Ll]ocales?\s*<", locales)
