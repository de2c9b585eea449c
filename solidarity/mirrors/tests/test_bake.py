"""The bake command's workflow: the public site in a folder, and baking it again."""

import tarfile

import pytest
from bs4 import BeautifulSoup

from solidarity.mirrors.services.baking import bake_site
from solidarity.mirrors.services.signing import verify_mirror


@pytest.fixture
def site(site_tree, settings):
    from solidarity.publishing import factories

    settings.SITE_URL = "https://solidarity.example"
    settings.ALLOWED_HOSTS = ["solidarity.example"]
    article = factories.make_article(site_tree["news"], title="Bus drivers released", slug="bus-drivers-released",
                                     summary="Released on bail.", body=[("paragraph", "<p>They are free.</p>")])
    factories.translate(article, "fa", title="رانندگان اتوبوس آزاد شدند", summary="با وثیقه آزاد شدند.")
    return {**site_tree, "article": article}


def links_in(folder):
    found = []
    for path in folder.rglob("*.html"):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for tag in soup.find_all(True):
            for attribute in ("href", "src", "action"):
                if tag.get(attribute):
                    found.append((path.relative_to(folder).as_posix(), tag[attribute]))
    return found


def test_a_bake_holds_both_languages_and_links_only_to_its_own_files(site, signing_key, tmp_path):
    folder = tmp_path / "mirror"
    report = bake_site(folder=folder)

    for name in ("index.html", "en/index.html", "fa/index.html", "en/news/bus-drivers-released/index.html",
                 "fa/news/bus-drivers-released/index.html", "en/news/bus-drivers-released/offline.html",
                 "en/mirrors/index.html", "fa/mirrors/index.html", "static/css/site.css", "sitemap.xml",
                 "en/feeds/rss.xml", "manifest.json", "manifest.sig"):
        assert (folder / name).is_file(), name
    assert report.signed and report.files > 20
    for page, link in links_in(folder):
        if page.endswith("offline.html"):
            # The article as one file travels alone: its links name the live site on purpose.
            continue
        assert "solidarity.example" not in link, (page, link)
        if link.startswith(("mailto:", "#", "data:")):
            continue
        assert "://" not in link, (page, link)
        target = (folder / page).parent / link.split("#")[0]
        assert target.resolve().is_file(), (page, link)
    assert verify_mirror(folder, public=signing_key).ok


def test_a_persian_page_of_the_bake_is_in_persian_with_its_forms_replaced(site, signing_key, tmp_path):
    bake_site(folder=tmp_path / "mirror")
    page = BeautifulSoup((tmp_path / "mirror/fa/news/bus-drivers-released/index.html").read_text("utf-8"), "html.parser")
    assert page.html["lang"] == "fa" and page.html["dir"] == "rtl"
    assert page.find("form") is None and page.find("script") is None
    assert "اشتراک خبرنامه در سایت اصلی" in page.get_text()
    assert "https://solidarity.example/fa/newsletter/subscribe/" in page.get_text()


def test_baking_again_writes_only_what_changed_and_deletes_what_disappeared(site, signing_key, tmp_path):
    from solidarity.publishing import factories

    folder = tmp_path / "mirror"
    first = bake_site(folder=folder)
    assert first.written and not first.deleted

    again = bake_site(folder=folder)
    assert again.written == [] and again.deleted == []

    factories.make_article(site["news"], title="A new statement", slug="a-new-statement", summary="New.")
    after_publish = bake_site(folder=folder)
    assert "en/news/a-new-statement/index.html" in after_publish.written
    assert "en/news/index.html" in after_publish.written
    assert "fa/about-us/index.html" not in after_publish.written
    assert len(after_publish.written) < len(first.written) / 2

    site["article"].unpublish()
    after_unpublish = bake_site(folder=folder)
    assert "en/news/bus-drivers-released/index.html" in after_unpublish.deleted
    assert "en/news/bus-drivers-released/offline.html" in after_unpublish.deleted
    assert not (folder / "en/news/bus-drivers-released").exists()
    assert verify_mirror(folder, public=signing_key).ok


def test_a_file_altered_in_the_folder_is_written_again_on_the_next_bake(site, signing_key, tmp_path):
    folder = tmp_path / "mirror"
    bake_site(folder=folder)
    (folder / "en/about-us/index.html").write_text("<p>defaced</p>")
    assert bake_site(folder=folder).written == ["en/about-us/index.html"]
    assert verify_mirror(folder, public=signing_key).ok


def test_a_private_draft_page_is_not_baked(site, signing_key, tmp_path):
    from solidarity.publishing import factories

    factories.make_article(site["news"], title="Not yet", slug="not-yet", publish_now=False)
    bake_site(folder=tmp_path / "mirror")
    assert not (tmp_path / "mirror/en/news/not-yet").exists()


def test_the_bake_packs_into_one_archive(site, signing_key, tmp_path):
    report = bake_site(folder=tmp_path / "mirror", archive=tmp_path / "mirror.tar.gz")
    with tarfile.open(report.archive) as archive:
        names = archive.getnames()
    assert "mirror/manifest.json" in names and "mirror/manifest.sig" in names
    assert "mirror/fa/news/bus-drivers-released/index.html" in names


def test_a_bake_that_cannot_reach_the_home_pages_changes_nothing(site, signing_key, tmp_path, settings):
    from solidarity.mirrors.services.baking import BakeError

    folder = tmp_path / "mirror"
    bake_site(folder=folder)
    before = sorted(path.relative_to(folder) for path in folder.rglob("*"))
    settings.ALLOWED_HOSTS = ["elsewhere.example"]  # every request is refused as a bad host
    with pytest.raises(BakeError, match="did not answer"):
        bake_site(folder=folder)
    assert sorted(path.relative_to(folder) for path in folder.rglob("*")) == before
    assert verify_mirror(folder, public=signing_key).ok


def test_a_tampered_manifest_cannot_make_the_bake_delete_outside_its_folder(site, signing_key, tmp_path):
    import json

    folder = tmp_path / "mirror"
    bake_site(folder=folder)
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me")
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["files"]["../precious.txt"] = "0" * 64
    (folder / "manifest.json").write_text(json.dumps(manifest))
    bake_site(folder=folder)
    assert outside.read_text() == "keep me"


def test_the_front_door_offers_both_languages_and_the_mirrors_page_in_each(site, signing_key, tmp_path):
    bake_site(folder=tmp_path / "mirror")
    door = (tmp_path / "mirror/index.html").read_text("utf-8")
    assert 'href="en/index.html"' in door and 'href="fa/index.html"' in door
    assert "Mirrors: how to check this copy" in door and "آینه‌ها: چگونه این نسخه را وارسی کنید" in door
