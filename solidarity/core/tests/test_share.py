"""Share links are plain addresses with the words prefilled; nothing is asked of another host
until a reader clicks."""

from urllib.parse import parse_qs, urlsplit

from solidarity.core.share import share_links


def test_every_share_link_carries_the_words_and_the_address():
    links = {link.key: link.href for link in share_links(url="https://example.org/fa/campaigns/x/",
                                                         text="من «آزادی» را امضا کردم", subject="آزادی")}

    assert set(links) == {"email", "telegram", "whatsapp", "x", "mastodon"}
    assert parse_qs(urlsplit(links["telegram"]).query) == {
        "url": ["https://example.org/fa/campaigns/x/"], "text": ["من «آزادی» را امضا کردم"]}
    assert parse_qs(urlsplit(links["email"]).query)["subject"] == ["آزادی"]
    for key in ("whatsapp", "mastodon"):
        assert parse_qs(urlsplit(links[key]).query)["text"] == ["من «آزادی» را امضا کردم https://example.org/fa/campaigns/x/"]
    assert all(href.startswith(("mailto:?", "https://")) for href in links.values())
