"""An article as one self-contained file (?download), to pass on by messenger or USB stick."""

import base64
import io

from bs4 import BeautifulSoup
from PIL import Image


def png():
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "PNG")
    return out.getvalue()


def article_with_picture(site_tree, language="en"):
    from solidarity.publishing import factories

    image = factories.make_image(title="Picket", filename="picket.png", content=png())
    article = factories.make_article(
        site_tree["news"], title="Picket at the ministry", slug="picket",
        body=[("paragraph", "<p>Workers gathered. <a href=\"https://cupe.ca/\">CUPE</a></p>"), ("image", {"image": image, "caption": "", "alt_text": "A picket"})],
    )
    if language == "fa":
        return factories.translate(article, "fa", title="تجمع در برابر وزارتخانه")
    return article


def test_the_download_is_one_file_with_styles_and_pictures_inside(client, site_tree):
    article_with_picture(site_tree)
    response = client.get("/en/news/picket/?download")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert page.find("link", rel="stylesheet") is None and page.find("script") is None
    assert page.find("style") is not None
    sources = [image["src"] for image in page.find_all("img")]
    assert sources and all(source.startswith("data:image/") for source in sources)
    base64.b64decode(sources[0].split(",", 1)[1])
    # Nothing in it loads from anywhere: no address outside data: in src, and no font for English.
    assert not [tag for tag in page.find_all(src=True) if not tag["src"].startswith("data:")]
    assert "font/woff2" not in response.content.decode()
    assert page.find("a", href="https://cupe.ca/") is not None
    assert page.find("h1").get_text() == "Picket at the ministry"
    assert len(response.content) < 30_000


def test_a_persian_download_is_right_to_left_with_its_font_inside(client, site_tree):
    article_with_picture(site_tree, "fa")
    response = client.get("/fa/news/picket/?download")
    text = response.content.decode()
    page = BeautifulSoup(text, "html.parser")
    assert page.html["lang"] == "fa" and page.html["dir"] == "rtl"
    assert text.count("data:font/woff2;base64,") == 1  # the regular weight only
    assert "ذخیره‌شده از" in text
    assert len(response.content) < 60_000


def test_the_article_page_links_to_its_download(client, site_tree):
    article_with_picture(site_tree)
    page = BeautifulSoup(client.get("/en/news/picket/").content.decode(), "html.parser")
    assert page.find("a", href="/en/news/picket/?download") is not None


def test_other_pages_ignore_the_download_query(client, site_tree):
    response = client.get("/en/about-us/?download")
    assert response.status_code == 200 and "Content-Disposition" not in response


def test_an_article_restricted_to_signed_in_staff_cannot_be_downloaded_by_anyone_else(client, site_tree):
    from wagtail.models import PageViewRestriction

    article = article_with_picture(site_tree)
    article.title = "Internal briefing"
    article.save_revision().publish()
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/en/news/picket/?download")
    assert response.status_code == 302 and "/_util/login/" in response["Location"]
    assert "Internal briefing" not in response.content.decode()


def test_a_password_protected_article_asks_for_its_password_instead_of_downloading(client, site_tree):
    from wagtail.models import PageViewRestriction

    article = article_with_picture(site_tree)
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.PASSWORD, password="s3cret")
    response = client.get("/en/news/picket/?download")
    assert "Content-Disposition" not in response
    assert "Picket at the ministry" not in response.content.decode() or 'name="password"' in response.content.decode()
    assert "data:image/" not in response.content.decode()
