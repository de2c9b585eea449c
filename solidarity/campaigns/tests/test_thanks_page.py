"""After signing: share links that load nothing from another host, with the words in the
signer's language; the address to copy; the newsletter; the other live actions."""

from urllib.parse import parse_qs, urlsplit

from solidarity.campaigns.factories import make_campaign


def share_hrefs(content):
    section = content.split('<section class="share"')[1].split("</section>")[0]
    return [part.split('"')[0].replace("&amp;", "&") for part in section.split('href="')[1:]]


def test_the_thanks_page_offers_plain_share_links_with_the_words_in_persian(client, db):
    campaign = make_campaign()

    content = client.get("/fa/campaigns/free-the-drivers/thanks/").content.decode()

    hrefs = share_hrefs(content)
    assert [urlsplit(href).netloc or urlsplit(href).scheme for href in hrefs] == [
        "mailto", "t.me", "wa.me", "x.com", "mastodon.social"]
    telegram = parse_qs(urlsplit(hrefs[1]).query)
    assert telegram["text"] == [f"من «{campaign.title_fa}» را امضا کردم. شما هم امضا کنید:"]
    assert telegram["url"] == ["http://localhost/fa/campaigns/free-the-drivers/"]
    # Nothing from another host: only this site's own script, which only shows the copy button.
    assert '<script src="/static/campaigns/share.js" defer></script>' in content
    assert content.count("<script") == 1
    assert 'value="http://localhost/fa/campaigns/free-the-drivers/" readonly' in content
    assert "hidden>کپی</button>" in content


def test_the_thanks_page_offers_the_newsletter_and_the_other_live_actions_only(client, db):
    make_campaign()
    make_campaign(slug="other", title_en="Pay the sugar workers")
    make_campaign(slug="draft", title_en="A draft action", status="draft")

    content = client.get("/en/campaigns/free-the-drivers/thanks/").content.decode()

    assert 'href="/en/newsletter/subscribe/"' in content
    others = content.split('<section class="other-actions"')[1].split("</section>")[0]
    assert "Pay the sugar workers" in others
    assert "A draft action" not in others and "/campaigns/free-the-drivers/" not in others


def test_the_thanks_page_previews_as_the_campaign_not_as_itself(client, db):
    make_campaign()

    content = client.get("/en/campaigns/free-the-drivers/thanks/").content.decode()

    assert '<link rel="canonical" href="http://localhost/en/campaigns/free-the-drivers/">' in content
    assert '<meta property="og:title" content="Free the bus drivers">' in content
