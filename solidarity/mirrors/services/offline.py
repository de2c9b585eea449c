"""An article as one self-contained HTML file, to pass on by messenger or USB stick: the
stylesheet inline, pictures as data: addresses, the Persian font inline on Persian articles
(the regular weight only: bold is drawn from it, and the file stays small). Nothing in it
loads from anywhere; its links name the live site, written out so they can be copied."""

import base64
import mimetypes
import re
from urllib.parse import quote, urljoin, urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from solidarity.core.i18n import direction, is_persian

from .addresses import mirror_addresses
from .files import local_bytes

FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}", re.S)
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
# A picture larger than this is left out (with its description) rather than inlined.
MAX_PICTURE_BYTES = 400 * 1024


def data_uri(data, name):
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def inline_css(css, *, css_path, persian):
    """The stylesheet with its fonts inline (the regular Persian weight) or left out."""
    def keep(match):
        rule = match.group(0)
        if not persian or "bold" in rule.lower() or "font-weight: 700" in rule:
            return ""
        return CSS_URL.sub(lambda url: _inline_url(url, css_path), rule)

    return FONT_FACE.sub(keep, css)


def _inline_url(match, css_path):
    target = urlsplit(urljoin(css_path, match.group(2))).path
    data = local_bytes(target)
    return f'url("{data_uri(data, target)}")' if data else "none"


def offline_html(*, markup, page_url, language):
    """The self-contained file made from an article's rendered page."""
    soup = BeautifulSoup(markup, "html.parser")
    persian = is_persian(language)
    styles = []
    for link in soup.find_all("link", rel="stylesheet"):
        path = urlsplit(link.get("href", "")).path
        css = local_bytes(path)
        if css:
            styles.append(inline_css(css.decode("utf-8"), css_path=path, persian=persian))
    article = soup.find("article") or soup.find("main")
    for tag in article.find_all(["script", "form", "nav"]):
        tag.decompose()
    # The link to download this very file.
    for anchor in article.find_all("a", download=True):
        (anchor.find_parent("p") or anchor).decompose()
    for picture in article.find_all("source"):
        picture.decompose()
    for image in article.find_all("img"):
        del image["srcset"]
        data = local_bytes(urlsplit(image.get("src", "")).path)
        if data and len(data) <= MAX_PICTURE_BYTES:
            image["src"] = data_uri(data, image["src"])
            image["loading"] = "eager"
        else:
            image.replace_with(soup.new_string(image.get("alt", "")))
    live = settings.SITE_URL
    for anchor in article.find_all("a", href=True):
        href = anchor["href"]
        if href.startswith("#"):
            continue
        # Links back to the site, written out in full: the file travels alone.
        anchor["href"] = urljoin(live + page_url, href)
    title = soup.title.get_text() if soup.title else ""
    addresses = mirror_addresses()
    with translation.override(language):
        return render_to_string("mirrors/offline_article.html", {
            "language": language,
            "direction": direction(language),
            "title": title,
            "style": "\n".join(styles),
            "article": str(article),
            "live_url": live + page_url,
            "addresses": addresses,
            "site_name": settings.WAGTAIL_SITE_NAME,
        })


def offline_response(page, request, response):
    """The article `page`, served as `response`, as a download (the on_serve_page hook
    answers ?download with it)."""
    from django.http import HttpResponse

    if hasattr(response, "render"):
        response.render()
    if response.status_code != 200:
        return response
    language = page.locale.language_code
    body = offline_html(markup=response.content.decode("utf-8"), page_url=page.get_url(request) or request.path,
                        language=language)
    download = HttpResponse(body, content_type="text/html; charset=utf-8")
    download["Content-Disposition"] = f"attachment; filename=article-{page.pk}.html; filename*=UTF-8''{quote(page.slug)}.html"
    download["Content-Language"] = language
    return download
