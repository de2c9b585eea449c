import datetime
import html
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from solidarity.publishing import factories
from solidarity.publishing.models import ArticlePage
from solidarity.search.services import MAX_QUERY_LENGTH


def result_titles(response):
    found = re.findall(r'<h2 lang="\w+" dir="\w+"><a href="[^"]*">(.*?)</a></h2>', response.text)
    return [html.unescape(title) for title in found]


def status(response):
    return re.search(r'id="search-status">(.*?)</p>', response.text, re.S).group(1)


def test_a_persian_article_is_found_by_a_query_typed_with_arabic_yeh_and_kaf(client, persian_article):
    response = client.get("/fa/search/", {"q": "فعالان كارگري"})

    assert response.status_code == 200
    assert result_titles(response) == ["بازداشت فعالان کارگری در تهران"]


def test_a_word_written_with_a_zero_width_non_joiner_is_found_with_or_without_it(client, persian_article):
    for query in ["کمیته‌ی همبستگی", "کمیتهی همبستگی", "كميته ي", "آن‌ها", "آنها", "ان ها"]:
        response = client.get("/fa/search/", {"q": query})

        assert result_titles(response) == ["بازداشت فعالان کارگری در تهران"], query


def test_a_query_with_harakat_and_tatweel_finds_the_plain_word(client, persian_article):
    response = client.get("/fa/search/", {"q": "بـازداشـتِ فَعّالان"})

    assert result_titles(response) == ["بازداشت فعالان کارگری در تهران"]


def test_a_persian_singular_finds_the_article_that_has_the_plural(client, persian_article):
    response = client.get("/fa/search/", {"q": "كارگر سنديكا"})

    assert "سندیکای کارگران" in persian_article.body[0].value.source
    assert result_titles(response) == ["بازداشت فعالان کارگری در تهران"]


def test_digits_in_any_script_find_the_article(client, persian_article):
    for query in ["۱۳۹۱", "١٣٩١", "1391"]:
        assert result_titles(client.get("/fa/search/", {"q": query})) == ["بازداشت فعالان کارگری در تهران"], query
    for query in ["2012", "۲۰۱۲", "٢٠١٢"]:
        assert result_titles(client.get("/en/search/", {"q": query})) == ["Workers' rights activists arrested in Tehran"], query


def test_english_search_finds_singular_and_plural_alike(client, persian_article):
    for query in ["worker union", "WORKERS unions", "activist"]:
        assert result_titles(client.get("/en/search/", {"q": query})) == ["Workers' rights activists arrested in Tehran"], query


def test_a_page_with_the_words_in_its_title_comes_before_one_that_mentions_them(client, site_tree):
    factories.make_article(site_tree["news"], title="Bus drivers jailed", summary="Two members of the union.")
    factories.make_article(
        site_tree["news"],
        title="Annual report 2023",
        summary="The bus drivers' union, and what the alliance did this year.",
        body=[("paragraph", "<p>We met bus drivers and wrote about the drivers of the bus company.</p>")],
    )

    response = client.get("/en/search/", {"q": "bus drivers"})

    assert result_titles(response) == ["Bus drivers jailed", "Annual report 2023"]


def test_every_word_of_the_query_must_match(client, persian_article):
    response = client.get("/en/search/", {"q": "activists Montreal"})

    assert result_titles(response) == []
    assert "No pages match “activists Montreal”." in status(response)


def test_an_english_page_is_found_from_english_search_and_not_from_persian_search(client, persian_article):
    english = client.get("/en/search/", {"q": "Tehran"})
    persian = client.get("/fa/search/", {"q": "Tehran"})

    assert result_titles(english) == ["Workers' rights activists arrested in Tehran"]
    assert result_titles(persian) == []
    assert 'href="?q=Tehran&amp;languages=all"' in persian.text


def test_all_languages_finds_pages_in_english_and_persian(client, site_tree, persian_article):
    factories.translate(
        factories.make_article(site_tree["news"], title="Tehran bus drivers"),
        "fa",
        title="رانندگان اتوبوس Tehran",
        slug="ranandegan",
        summary="رانندگان",
    )

    response = client.get("/fa/search/", {"q": "Tehran", "languages": "all"})

    titles = result_titles(response)
    assert sorted(titles) == sorted(
        ["Workers' rights activists arrested in Tehran", "Tehran bus drivers", "رانندگان اتوبوس Tehran"]
    )
    assert 'lang="en" dir="ltr"><a href="/en/news/workers-rights-activists-arrested-in-tehran/"' in response.text
    assert 'lang="fa" dir="rtl"><a href="/fa/news/ranandegan/"' in response.text
    assert 'name="languages" value="all" checked' in response.text


def test_each_result_shows_its_type_date_summary_and_language(client, persian_article):
    response = client.get("/en/search/", {"q": "activists"})

    html = response.text
    result = html[html.index('<li class="search-result') :]
    assert '<span class="type">News</span>' in result
    assert '<time datetime="2012-05-28">28 May 2012</time>' in result
    assert "Three labour activists were arrested on 23 May 2012." in result
    assert '<span class="language">English</span>' in result


def test_a_persian_results_page_counts_in_persian_digits_and_shows_jalali_dates(client, persian_article):
    response = client.get("/fa/search/", {"q": "كارگري"})

    assert status(response) == "۱ نتیجه برای «كارگري»"
    assert '<time datetime="2012-05-28">' in response.text
    assert "۱۳۹۱" in response.text


def test_pages_of_every_type_are_found_with_their_own_summary(client, site_tree):
    response = client.get("/en/search/", {"q": "who we are"})

    assert result_titles(response) == ["About Us"]
    assert '<span class="type">Page</span>' in response.text
    assert "Who we are." in response.text


def test_a_draft_article_is_not_found(client, site_tree):
    # As the admin creates it: saved, never published.
    draft = ArticlePage(
        title="Unannounced picket at the embassy", slug="picket", date=datetime.date(2024, 1, 1),
        summary="Not yet.", body=[], live=False,
    )
    site_tree["news"].add_child(instance=draft)
    draft.save_revision()

    response = client.get("/en/search/", {"q": "picket"})

    assert result_titles(response) == []
    assert "No pages match “picket”." in status(response)


def test_draft_changes_to_a_published_article_are_not_found_until_published(client, site_tree):
    article = factories.make_article(site_tree["news"], title="Convention adopts resolution")
    article.summary = "Names of delegates still to be confirmed: Rezaei"
    article.save_revision()

    assert result_titles(client.get("/en/search/", {"q": "Rezaei"})) == []

    article.get_latest_revision().publish()

    assert result_titles(client.get("/en/search/", {"q": "Rezaei"})) == ["Convention adopts resolution"]


def test_an_unpublished_article_is_no_longer_found(client, persian_article):
    persian_article.unpublish()

    response = client.get("/fa/search/", {"q": "بازداشت"})

    assert result_titles(response) == []


def test_a_private_page_is_not_found(client, site_tree):
    article = factories.make_article(site_tree["news"], title="Internal briefing on the case")
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="not-for-readers"
    )

    response = client.get("/en/search/", {"q": "briefing"})

    assert result_titles(response) == []


def test_a_page_below_a_private_page_is_not_found(client, site_tree):
    article = factories.make_article(site_tree["news"], title="Solidarity rally in Toronto")
    PageViewRestriction.objects.create(
        page=site_tree["news"], restriction_type=PageViewRestriction.PASSWORD, password="not-for-readers"
    )

    assert result_titles(client.get("/en/search/", {"q": "rally"})) == []
    assert article.live


def test_a_deleted_article_is_not_found(client, persian_article):
    persian_article.delete()

    assert result_titles(client.get("/fa/search/", {"q": "بازداشت"})) == []


def make_articles(news, count, first=1):
    for number in range(first, first + count):
        factories.make_article(
            news, title=f"Day of action {number}", date=datetime.date(2020, 1, 1) + datetime.timedelta(days=number)
        )


def test_results_are_shown_ten_to_a_page_with_links_that_keep_the_query(client, site_tree):
    make_articles(site_tree["news"], 12)

    first = client.get("/en/search/", {"q": "action", "languages": "all"})
    second = client.get("/en/search/", {"q": "action", "languages": "all", "page": "2"})

    assert "12 results for “action”" in status(first)
    assert len(result_titles(first)) == 10
    assert "Page 1 of 2" in first.text
    assert 'rel="next" href="?q=action&amp;languages=all&amp;page=2"' in first.text
    assert len(result_titles(second)) == 2
    assert 'rel="prev" href="?q=action&amp;languages=all&amp;page=1"' in second.text
    assert '<ol class="search-results article-list" start="11">' in second.text
    assert set(result_titles(first)) | set(result_titles(second)) == {f"Day of action {n}" for n in range(1, 13)}


def test_a_page_number_out_of_range_shows_the_nearest_page(client, site_tree):
    make_articles(site_tree["news"], 12)

    assert len(result_titles(client.get("/en/search/", {"q": "action", "page": "99"}))) == 2
    assert len(result_titles(client.get("/en/search/", {"q": "action", "page": "x"}))) == 10


def test_the_number_of_database_queries_does_not_grow_with_the_results(client, site_tree, settings):
    # A cache of this test's own, so that Wagtail's cached site paths stay warm between requests.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    make_articles(site_tree["news"], 2)
    factories.make_standard_page(site_tree["home"], title="Action network", slug="action-network")
    client.get("/en/search/", {"q": "action"})  # warm the site root paths cache

    with CaptureQueriesContext(connection) as few:
        response = client.get("/en/search/", {"q": "action"})
    assert len(result_titles(response)) == 3
    make_articles(site_tree["news"], 8, first=3)
    factories.make_standard_page(site_tree["home"], title="Action committee", slug="action-committee")
    client.get("/en/search/", {"q": "action"})
    with CaptureQueriesContext(connection) as many:
        response = client.get("/en/search/", {"q": "action"})

    assert len(result_titles(response)) == 10
    assert len(many.captured_queries) == len(few.captured_queries)
    # About ten for the pages, about twelve for the records that are not pages (each kind in a
    # query or two, whatever their number).
    assert len(many.captured_queries) <= 32, "\n".join(q["sql"][:120] for q in many.captured_queries)


def test_an_empty_query_asks_for_words(client, site_tree):
    for params in [{}, {"q": ""}, {"q": "   "}, {"q": "،؟!"}]:
        response = client.get("/fa/search/", params)

        assert response.status_code == 200
        assert result_titles(response) == []
        assert status(response) == "برای جست‌وجو در سایت، یک یا چند واژه بنویسید."
        assert '<ol class="search-results' not in response.text


def test_an_overlong_query_is_cut_and_the_reader_told(client, persian_article):
    query = "بازداشت " + "x" * 5000

    response = client.get("/fa/search/", {"q": query})

    assert response.status_code == 200
    prefilled = re.search(r'id="search-query" type="search" name="q" value="([^"]*)"', response.text).group(1)
    assert len(prefilled) == MAX_QUERY_LENGTH
    assert "عبارت جست‌وجو بیش از اندازه بلند بود: تنها ۲۰۰ نویسه‌ی نخست آن به کار رفت." in response.text
    assert "x" * (MAX_QUERY_LENGTH + 1) not in status(response)


def test_a_query_with_many_words_is_answered(client, persian_article):
    response = client.get("/en/search/", {"q": " ".join(["activists"] + [f"w{n}" for n in range(100)])})

    assert response.status_code == 200
    assert result_titles(response) == []


def test_script_in_the_query_is_shown_as_text(client, persian_article):
    response = client.get("/en/search/", {"q": '"><script>alert("x")</script>'})

    assert response.status_code == 200
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in response.text


def test_search_syntax_typed_by_a_reader_is_read_as_words(client, persian_article):
    for query in ['"Tehran', "Tehran AND (", "NOT Tehran", "Tehran*", "title:Tehran", "'; DROP TABLE x; --", "\\", "nul\x00byte"]:
        response = client.get("/en/search/", {"q": query})

        assert response.status_code == 200, query


def test_the_form_is_prefilled_and_works_without_javascript(client, persian_article):
    response = client.get("/fa/search/", {"q": "كارگري", "languages": "all"})

    html = response.text
    assert '<form class="search-page-form" role="search" method="get" action="/fa/search/">' in html
    assert 'id="search-query" type="search" name="q" value="كارگري"' in html
    assert '<label for="search-query">' in html
    assert '<label for="search-all-languages">' in html


def test_anonymous_results_may_be_kept_for_a_minute(client, persian_article):
    response = client.get("/en/search/", {"q": "Tehran"})

    assert "max-age=60" in response["Cache-Control"]
    assert "private" not in response["Cache-Control"]
    assert "Set-Cookie" not in response


def test_results_for_a_signed_in_editor_are_private(client, persian_article, django_user_model):
    client.force_login(django_user_model.objects.create_user("editor", password="x"))

    response = client.get("/en/search/", {"q": "Tehran"})

    assert "private" in response["Cache-Control"]


def test_search_results_are_not_indexed_by_search_engines(client, site_tree):
    response = client.get("/en/search/", {"q": "solidarity"})

    assert '<meta name="robots" content="noindex">' in response.text
