"""An article's body for an e-mail: HTML with inline styles (mail programs drop style sheets)
and plain text, with no link but to the onion address and the mirrors, and pictures carried
inside the message (Content-ID) up to a budget, or left out."""

from dataclasses import dataclass, field
from email.mime.image import MIMEImage
from email.utils import make_msgid

from bs4 import BeautifulSoup
from django.utils.html import format_html, format_html_join
from wagtail.rich_text import expand_db_html

TEXT = "margin:0 0 1em 0;line-height:1.8;font-size:16px;"
STYLES = {
    "p": TEXT,
    "h2": "margin:1.2em 0 .5em 0;font-size:20px;line-height:1.5;",
    "h3": "margin:1.2em 0 .5em 0;font-size:18px;line-height:1.5;",
    "h4": "margin:1em 0 .4em 0;font-size:16px;line-height:1.5;",
    "ul": "margin:0 0 1em 0;padding-inline-start:1.5em;line-height:1.8;",
    "ol": "margin:0 0 1em 0;padding-inline-start:1.5em;line-height:1.8;",
    "li": "margin:0 0 .3em 0;",
    "blockquote": "margin:0 0 1em 0;padding:.5em 1em;border-inline-start:4px solid #b3261e;background:#f6f2f1;",
    "b": "", "strong": "", "i": "", "em": "", "br": "",
}
CAPTION = "margin:.3em 0 1em 0;font-size:14px;color:#555;"


@dataclass
class Body:
    html: str = ""
    text: str = ""
    images: list = field(default_factory=list)  # MIMEImage parts to carry inside the message
    left_out: int = 0  # pictures over the budget


def rich_text_html(source):
    """Rich text with our own tags only, each styled inline; links keep their words only."""
    soup = BeautifulSoup(expand_db_html(source), "html.parser")
    for tag in soup.find_all(True):
        if tag.name in STYLES:
            tag.attrs = {"style": STYLES[tag.name]} if STYLES[tag.name] else {}
        else:
            tag.unwrap()
    return str(soup)


def _rich_text_text(source):
    soup = BeautifulSoup(expand_db_html(source), "html.parser")
    for item in soup.find_all("li"):
        item.insert(0, "- ")
    for block in soup.find_all(["p", "h2", "h3", "h4", "li", "blockquote", "br"]):
        block.append("\n")
    return "\n".join(line.strip() for line in soup.get_text("").splitlines() if line.strip())


def render_body(stream, *, image_budget, onion_url=""):
    body = Body()
    html, text = [], []
    for block in stream or []:
        kind, value = block.block_type, block.value
        if kind == "heading":
            html.append(format_html('<h2 style="{}">{}</h2>', STYLES["h2"], value))
            text.append(str(value).upper() if value.isascii() else str(value))
        elif kind == "paragraph":
            html.append(rich_text_html(value.source))
            text.append(_rich_text_text(value.source))
        elif kind == "quote":
            attribution = format_html("<br>— {}", value["attribution"]) if value.get("attribution") else ""
            html.append(format_html('<blockquote style="{}">{}{}</blockquote>', STYLES["blockquote"],
                                    value["text"], attribution))
            text.append(f"“{value['text']}”" + (f" — {value['attribution']}" if value.get("attribution") else ""))
        elif kind == "list":
            items = format_html_join("", '<li style="{}">{}</li>', ((STYLES["li"], item) for item in value))
            html.append(format_html('<ul style="{}">{}</ul>', STYLES["ul"], items))
            text.append("\n".join(f"- {item}" for item in value))
        elif kind == "image":
            _picture(body, html, text, value, image_budget)
        elif kind == "document":
            document = value["document"]
            title = value.get("title") or document.title
            if onion_url:
                html.append(format_html('<p style="{}">📄 <a href="{}{}">{}</a></p>', TEXT, onion_url, document.url, title))
                text.append(f"[{title}] {onion_url}{document.url}")
            else:
                html.append(format_html('<p style="{}">📄 {}</p>', TEXT, title))
                text.append(f"[{title}]")
    body.html = "\n".join(str(part) for part in html)
    body.text = "\n\n".join(part for part in text if part)
    return body


def _picture(body, html, text, value, image_budget):
    caption = value.get("caption") or ""
    alt = value.get("alt_text") or caption
    data = None
    try:
        rendition = value["image"].get_rendition("max-560x560|format-jpeg|jpegquality-60")
        with rendition.file.open("rb") as handle:
            data = handle.read()
    except Exception:  # noqa: BLE001 - a missing file or an image Pillow cannot read is left out
        data = None
    used = sum(len(image.get_payload(decode=True)) for image in body.images)
    if data is None or used + len(data) > image_budget:
        body.left_out += 1
        if caption:
            html.append(format_html('<p style="{}">[{}]</p>', CAPTION, caption))
            text.append(f"[{caption}]")
        return
    cid = make_msgid(domain="picture.invalid")[1:-1]
    image = MIMEImage(data, "jpeg")
    image.add_header("Content-ID", f"<{cid}>")
    image.add_header("Content-Disposition", "inline", filename=f"picture-{len(body.images) + 1}.jpg")
    body.images.append(image)
    html.append(format_html('<p style="margin:0 0 1em 0;"><img src="cid:{}" alt="{}" width="{}" '
                            'style="max-width:100%;height:auto;display:block;"></p>', cid, alt, rendition.width))
    if caption:
        html.append(format_html('<p style="{}">{}</p>', CAPTION, caption))
    text.append(f"[{caption or alt}]" if (caption or alt) else "")

