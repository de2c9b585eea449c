import datetime

from solidarity.publishing import factories


def test_english_home_page_lists_the_latest_article(client, site_tree):
    factories.make_article(site_tree["news"], title="CUPE Ontario adopts resolution 21", date=datetime.date(2012, 5, 28))

    response = client.get("/en/")

    assert response.status_code == 200
    assert b'<html lang="en" dir="ltr">' in response.content
    assert "CUPE Ontario adopts resolution 21" in response.text


def test_persian_home_page_is_right_to_left(client, site_tree):
    response = client.get("/fa/")

    assert response.status_code == 200
    assert '<html lang="fa" dir="rtl">' in response.text
    assert "همبستگی کارگر با کارگر" in response.text
