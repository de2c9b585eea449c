"""The staff manual is served inside the admin in both languages, from docs/manual/, with the
screenshots beside it; the admin's Help menu links to it."""

import re

import pytest

from solidarity.core import manual
from solidarity.core.services import CAMPAIGNERS, TRANSLATORS


def signed_in(client, make_staff, group, language=""):
    client.force_login(make_staff("reader", group, language=language),
                       backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_every_page_of_the_manual_exists_in_both_languages_and_its_images_are_there():
    english, persian = dict(manual.pages("en")), dict(manual.pages("fa"))
    assert set(english) == set(persian) >= {"index", "editors", "translators", "campaigners", "coordinators",
                                            "administrators"}
    for language in ("en", "fa"):
        for name in english:
            text = manual.page_path(language, name).read_text(encoding="utf-8")
            for image in re.findall(r"\]\(\.\./images/(\w+)/([\w-]+\.png)\)", text):
                assert image[0] == language, (language, name, image)
                assert manual.image_path(*image).is_file(), (language, name, image)


@pytest.mark.django_db
def test_a_persian_translator_opens_the_manual_in_persian_from_the_help_menu(client, make_staff):
    client = signed_in(client, make_staff, TRANSLATORS, language="fa")
    home = client.get("/admin/").content.decode()
    assert '"url": "/admin/manual/"' in home  # in the Help menu

    response = client.get("/admin/manual/", follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == "/admin/manual/fa/index.md"
    assert "<title>راهنمای کارکنان" in page and 'dir="rtl"' in page
    assert '<a href="translators.md">مترجمان</a>' in page
    assert '<img src="../images/fa/dashboard.png"' in page


@pytest.mark.django_db
def test_manual_images_are_served_and_nothing_else_is(client, make_staff):
    client = signed_in(client, make_staff, CAMPAIGNERS)
    image = client.get("/admin/manual/images/en/dashboard.png")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    for address in ("/admin/manual/images/en/..%2F..%2F..%2Fsettings.py", "/admin/manual/xx/index.md",
                    "/admin/manual/en/..%2Fen%2Findex.md", "/admin/manual/images/en/missing.png"):
        response = client.get(address)
        # Not found, or sent to the same address with a slash, which nothing answers either.
        assert response.status_code in (301, 404) and b"import" not in response.content, address


def test_a_manual_page_cannot_carry_markup_of_its_own(tmp_path, monkeypatch):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "index.md").write_text("# Manual\n\n<script>alert(1)</script>\n", encoding="utf-8")
    monkeypatch.setattr(manual, "MANUAL", tmp_path)
    title, html = manual.render("en", "index")
    assert title == "Manual" and "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.django_db
def test_people_outside_the_admin_are_sent_to_sign_in(client):
    assert "/login/" in client.get("/admin/manual/en/index.md")["Location"]
