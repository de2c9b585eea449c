"""A rendered page made fit for a static copy."""

from bs4 import BeautifulSoup

from solidarity.mirrors.services.rewriting import PageRewriter

PAGE = """<!DOCTYPE html><html lang="fa" dir="rtl"><head>
<link rel="stylesheet" href="/static/css/site.css">
<link rel="canonical" href="https://solidarity.example/fa/campaigns/free/">
<meta property="og:url" content="https://solidarity.example/fa/campaigns/free/">
<meta property="og:image" content="https://solidarity.example/fa/preview.png">
<script src="/static/campaigns/pow.js"></script></head><body>
<a href="/fa/about-us/">درباره ما</a> <a href="https://solidarity.example/fa/news/?tag=a">برچسب</a>
<a href="/fa/search/?q=x">جست‌وجو</a> <a href="https://cupe.ca/">CUPE</a> <a href="#sign">امضا</a>
<img src="/media/images/a.webp" srcset="/media/images/a.webp 1x, /media/images/b.webp 2x" alt="">
<svg><a href="/fa/network/resolutions/?country=CA"><rect/></a></svg>
<section id="sign"><form id="sign-form" method="post" action="/fa/campaigns/free/sign/#sign">
<input name="name"></form></section>
<form role="search" action="/fa/search/" method="get"><input name="q"></form>
</body></html>"""

BAKED = {
    "/fa/about-us/": "fa/about-us/index.html",
    "/fa/news/?tag=a": "fa/news/index.tag-a.html",
    "/fa/campaigns/free/": "fa/campaigns/free/index.html",
    "/static/css/site.css": "static/css/site.css",
    "/media/images/a.webp": "media/images/a.webp",
    "/fa/network/resolutions/?country=CA": "fa/network/resolutions/index.country-CA.html",
}


def resolve(link):
    link = link.replace("https://solidarity.example", "")
    if not link.startswith("/"):
        return False
    path, _hash, fragment = link.partition("#")
    return (BAKED[path], fragment) if path in BAKED else None


def rewritten(**options):
    rewriter = PageRewriter(file="fa/campaigns/free/index.html", page_path="/fa/campaigns/free/", resolve=resolve,
                            language="fa", live_base="https://solidarity.example", **options)
    return BeautifulSoup(rewriter.rewrite_html(PAGE), "html.parser")


def test_links_to_the_site_become_relative_links_to_the_baked_files():
    page = rewritten()
    hrefs = [a.get("href") for a in page.find_all("a")]
    assert "../../about-us/index.html" in hrefs
    assert "../../news/index.tag-a.html" in hrefs
    assert "https://cupe.ca/" in hrefs and "#sign" in hrefs
    assert page.find("link", rel="stylesheet")["href"] == "../../../static/css/site.css"
    assert page.find("link", rel="canonical")["href"] == "index.html"
    assert page.find("img")["src"] == "../../../media/images/a.webp"
    assert page.find("img")["srcset"] == "../../../media/images/a.webp 1x"
    assert page.find("svg").find("a")["href"] == "../../network/resolutions/index.country-CA.html"


def test_no_address_of_the_live_site_is_left_in_a_link():
    page = rewritten()
    for tag in page.find_all(True):
        for name in ("href", "src", "content"):
            assert "solidarity.example" not in (tag.get(name) or ""), tag


def test_a_link_to_what_the_copy_does_not_hold_keeps_its_words_without_the_link():
    anchor = rewritten().find("a", string="جست‌وجو")
    assert anchor is not None and anchor.get("href") is None


def test_scripts_go():
    assert rewritten().find("script") is None


def test_the_signing_form_becomes_a_box_in_persian_saying_where_to_sign():
    page = rewritten(onion_base="http://abcdef.onion", sign_by_email="sign@example.org")
    assert page.find("form") is None
    box = page.find(id="sign-form")
    text = box.get_text(" ", strip=True)
    assert "امضا کردن در سایت اصلی" in text
    assert "https://solidarity.example/fa/campaigns/free/" in text
    assert "http://abcdef.onion/fa/campaigns/free/" in text
    assert box.find("a", href="mailto:sign@example.org") is not None


def test_the_search_form_names_the_live_search_page():
    page = rewritten()
    notes = [box.get_text(" ", strip=True) for box in page.find_all(class_="mirror-elsewhere")]
    assert any("جست‌وجو فقط در سایت اصلی" in note and "https://solidarity.example/fa/search/" in note for note in notes)


def test_in_english_the_box_speaks_english_and_offers_no_email_when_none_is_configured():
    rewriter = PageRewriter(file="en/campaigns/free/index.html", page_path="/en/campaigns/free/", resolve=resolve,
                            language="en", live_base="https://solidarity.example")
    page = BeautifulSoup(rewriter.rewrite_html(PAGE.replace("/fa/", "/en/")), "html.parser")
    text = page.get_text(" ", strip=True)
    assert "This is a copy of the site: signing works on the live site." in text
    assert "mailto:" not in str(page) and "Tor Browser" not in text


def test_stylesheet_addresses_become_relative():
    rewriter = PageRewriter(file="static/css/site.css", page_path="/static/css/site.css",
                            resolve=lambda link: ("static/fonts/v.woff2", "") if "v.woff2" in link else False,
                            language="en", live_base="https://solidarity.example")
    css = rewriter.rewrite_css('@font-face { src: url("/static/fonts/v.woff2") } a { background: url(data:x) }')
    assert 'url("../fonts/v.woff2")' in css and "url(data:x)" in css
