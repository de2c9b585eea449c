"""An article links to the network's records it is about, at their address in the reader's
language: the CUPE Ontario article to Resolution No. 21, the 2008 message to the letter and
its PDF."""

import pytest

from solidarity.network import legacy
from solidarity.publishing import factories

pytestmark = pytest.mark.usefixtures("private_cache")


def records_section(content):
    return content.split('<section class="related-records"')[1].split("</section>")[0]


def test_the_cupe_article_links_to_resolution_21_in_each_language(client, site_tree):
    article = factories.make_article(site_tree["news"], title="CUPE Ontario adopted Resolution No. 21", slug="cupe")
    fa_article = factories.translate(article, "fa", title="کوپ انتاریو قطعنامه شماره ۲۱ را تصویب کرد")
    resolution = legacy.cupe_resolution_21(article=article)

    english = records_section(client.get(article.url).text)
    persian = records_section(client.get(fa_article.url).text)

    assert f'href="/en/network/resolutions/{resolution.pk}/">No. 21: ' in english
    assert f'href="/fa/network/resolutions/{resolution.pk}/">' in persian


def test_the_2008_message_links_to_the_letter_and_its_pdf(client, site_tree):
    article = factories.make_article(site_tree["news"], title="Solidarity message to the Asian Conference", slug="aptuf")
    letter = legacy.aptuf_message_2008(article=article)

    english = records_section(client.get(article.url).text)

    assert f'href="/en/network/letters/{letter.pk}/"' in english
    assert f'href="/en/network/letters/{letter.pk}/pdf/"' in english
    assert client.get(f"/en/network/letters/{letter.pk}/pdf/")["Content-Type"] == "application/pdf"


def test_an_article_about_no_record_has_no_records_section(client, site_tree):
    article = factories.make_article(site_tree["news"], title="May Day greetings", slug="may-day")

    assert "related-records" not in client.get(article.url).text
