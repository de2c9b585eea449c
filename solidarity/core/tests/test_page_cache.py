import hashlib
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.test import Client
from django.urls import path

from solidarity import urls as project_urls
from solidarity.core import pagecache
from solidarity.publishing import factories
from solidarity.publishing.models import ArticleIndexPage, SiteIdentity
from tests.redisserver import REFUSED_REDIS_CACHE


def cookie_view(request):
    response = HttpResponse("<p>Welcome back</p>")
    response.set_cookie("seen", "1")
    return response


def live_count_view(request):
    response = HttpResponse(f"<p>{len(Signature)} signatures</p>")
    response["Cache-Control"] = "max-age=5"
    return response


Signature = []


def private_view(request):
    response = HttpResponse("<p>Your message was received</p>")
    response["Cache-Control"] = "private, no-store"
    return response


def form_view(request):
    template = Template('<form method="post">{% csrf_token %}<input name="subject"></form>')
    return HttpResponse(template.render(RequestContext(request)))


# The project's addresses plus three views that stand for what other apps send.
urlpatterns = [
    path("en/test-cookie/", cookie_view),
    path("en/test-private/", private_view),
    path("en/test-count/", live_count_view),
    path("en/test-form/", form_view),
    *project_urls.urlpatterns,
]


@pytest.fixture(autouse=True)
def page_cache_on(settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 600
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "page-cache"),
        },
    }


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor", "editor@example.org", "pw", is_staff=True, is_superuser=True)


def test_a_second_anonymous_request_is_a_hit_with_no_queries(client, site_tree, django_assert_num_queries):
    first = client.get("/en/")
    with django_assert_num_queries(0):
        second = client.get("/en/")

    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert second.status_code == 200
    assert second.content == first.content
    assert "International Alliance in Support of Workers in Iran" in second.text
    assert second["Cache-Control"] == "public, max-age=60"
    assert second["Content-Type"] == "text/html; charset=utf-8"
    assert "Set-Cookie" not in second


def test_the_cached_page_still_carries_the_security_headers(client, site_tree):
    client.get("/en/")
    hit = client.get("/en/")

    assert hit["X-Cache"] == "hit"
    assert "frame-ancestors 'none'" in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"
    assert hit["X-Content-Type-Options"] == "nosniff"


def test_a_page_cached_by_one_worker_is_served_by_another_and_purged_for_both(site_tree):
    # Each test client has its own middleware, as each gunicorn worker has.
    first_worker, second_worker = Client(), Client()
    first_worker.get("/en/")
    assert second_worker.get("/en/")["X-Cache"] == "hit"
    assert first_worker.get("/en/")["X-Cache"] == "hit"

    factories.make_article(site_tree["news"], title="Released on bail after international pressure")

    for worker in (second_worker, first_worker):
        response = worker.get("/en/")
        assert "Released on bail after international pressure" in response.text


def test_english_and_persian_pages_are_separate_entries(client, site_tree):
    client.get("/en/")
    persian = client.get("/fa/")

    assert persian["X-Cache"] == "miss"
    assert 'dir="rtl"' in persian.text
    assert 'dir="rtl"' in client.get("/fa/").text
    assert 'dir="ltr"' in client.get("/en/").text


def test_a_logged_in_editor_never_gets_a_cached_page(client, site_tree, editor):
    client.get("/en/")
    client.force_login(editor)

    response = client.get("/en/")

    assert response.status_code == 200
    assert "X-Cache" not in response


def test_a_logged_in_editor_never_fills_the_cache(client, site_tree, editor):
    client.force_login(editor)
    client.get("/en/about-us/")
    client.logout()
    assert "sessionid" not in client.cookies

    response = client.get("/en/about-us/")

    assert response["X-Cache"] == "miss"


def test_publishing_an_article_purges_so_the_home_page_shows_it_at_once(client, site_tree):
    client.get("/en/")
    assert client.get("/en/")["X-Cache"] == "hit"

    factories.make_article(site_tree["news"], title="CUPE Ontario adopts Resolution No. 21")
    response = client.get("/en/")

    assert response["X-Cache"] == "miss"
    assert "CUPE Ontario adopts Resolution No. 21" in response.text


def test_unpublishing_an_article_purges_it_from_the_home_page(client, site_tree):
    article = factories.make_article(site_tree["news"], title="Message to the Asian Conference in Mumbai")
    assert "Message to the Asian Conference in Mumbai" in client.get("/en/").text
    assert client.get("/en/")["X-Cache"] == "hit"

    article.unpublish()
    response = client.get("/en/")

    assert "Message to the Asian Conference in Mumbai" not in response.text
    assert client.get(article.url).status_code == 404


def test_deleting_an_article_purges_it_from_the_article_list(client, site_tree):
    article = factories.make_article(site_tree["news"], title="Message to the Asian Conference in Mumbai")
    assert "Message to the Asian Conference in Mumbai" in client.get("/en/news/").text
    assert client.get("/en/news/")["X-Cache"] == "hit"

    article.delete()

    assert "Message to the Asian Conference in Mumbai" not in client.get("/en/news/").text


def test_moving_an_article_purges_the_list_it_left(client, site_tree):
    article = factories.make_article(site_tree["news"], title="Message to the Asian Conference in Mumbai")
    letters = factories.make_article_index(site_tree["home"], title="Letters", slug="letters")
    assert "Message to the Asian Conference in Mumbai" in client.get("/en/news/").text
    assert client.get("/en/news/")["X-Cache"] == "hit"

    article.move(ArticleIndexPage.objects.get(pk=letters.pk), pos="last-child")

    assert "Message to the Asian Conference in Mumbai" not in client.get("/en/news/").text
    assert "Message to the Asian Conference in Mumbai" in client.get("/en/letters/").text


def test_saving_a_site_setting_purges_the_cache(client, site_tree):
    client.get("/en/")
    assert client.get("/en/")["X-Cache"] == "hit"

    identity = SiteIdentity.load()
    identity.contact_email = "info@example.org"
    identity.save()

    assert client.get("/en/")["X-Cache"] == "miss"


def test_a_page_rendered_before_the_publish_commits_is_purged_when_it_commits(
    client, site_tree, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        factories.make_article(site_tree["news"], title="Released on bail")
        # A request served while the publish's transaction is still open.
        client.get("/en/")
        assert client.get("/en/")["X-Cache"] == "hit"
    for callback in callbacks:
        callback()

    assert client.get("/en/")["X-Cache"] == "miss"


def test_query_strings_are_separate_entries(client, site_tree):
    factories.make_article(site_tree["news"], title="A statement on the arrests", article_type="statement")
    factories.make_article(site_tree["news"], title="News from the convention", article_type="news")
    everything = client.get("/en/news/")

    statements = client.get("/en/news/?type=statement")

    assert everything["X-Cache"] == "miss"
    assert statements["X-Cache"] == "miss"
    assert "News from the convention" in everything.text
    assert "News from the convention" not in statements.text
    assert "A statement on the arrests" in statements.text
    assert client.get("/en/news/?type=statement")["X-Cache"] == "hit"
    assert "News from the convention" not in client.get("/en/news/?type=statement").text


def test_a_post_is_never_cached_nor_served_from_the_cache(client, site_tree):
    client.get("/en/about-us/")
    assert client.get("/en/about-us/")["X-Cache"] == "hit"

    posted = client.post("/en/about-us/", {"q": "x"})

    assert "X-Cache" not in posted
    client.post("/en/our-objectives/", {"q": "x"})
    assert client.get("/en/our-objectives/")["X-Cache"] == "miss"


def test_a_head_request_is_answered_from_the_cache(client, site_tree):
    client.get("/en/")

    response = client.head("/en/")

    assert response.status_code == 200
    assert response["X-Cache"] == "hit"


def test_a_browser_with_the_current_copy_gets_not_modified(client, site_tree):
    etag = client.get("/en/")["ETag"]

    response = client.get("/en/", headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""
    # What the browser keeps its copy by, and for how long, as the full answer says.
    assert response["ETag"] == etag
    assert response["Cache-Control"] == pagecache.PUBLIC_CACHE_CONTROL


def test_a_page_is_rendered_again_once_its_time_is_up(client, site_tree, monkeypatch):
    client.get("/en/")
    assert client.get("/en/")["X-Cache"] == "hit"
    later = pagecache.time.time() + 601
    monkeypatch.setattr(pagecache.time, "time", lambda: later)

    assert client.get("/en/")["X-Cache"] == "miss"


def test_a_missing_page_is_not_cached(client, site_tree):
    assert client.get("/en/no-such-page/").status_code == 404
    response = client.get("/en/no-such-page/")

    assert response.status_code == 404
    assert "X-Cache" not in response


def test_a_response_that_sets_a_cookie_is_not_cached(client, site_tree, settings):
    settings.ROOT_URLCONF = __name__
    client.get("/en/test-cookie/")
    response = client.get("/en/test-cookie/")

    assert "X-Cache" not in response
    assert response.cookies["seen"].value == "1"


def test_a_private_response_is_not_cached(client, site_tree, settings):
    settings.ROOT_URLCONF = __name__
    client.get("/en/test-private/")
    response = client.get("/en/test-private/")

    assert "X-Cache" not in response
    assert response["Cache-Control"] == "private, no-store"


def test_a_page_that_says_how_long_it_stays_true_is_kept_no_longer(client, site_tree, settings, monkeypatch):
    settings.ROOT_URLCONF = __name__
    Signature.clear()
    assert client.get("/en/test-count/")["Cache-Control"] == "max-age=5, public"
    Signature.append("Jane")
    assert "0 signatures" in client.get("/en/test-count/").text
    later = pagecache.time.time() + 6
    monkeypatch.setattr(pagecache.time, "time", lambda: later)

    assert "1 signatures" in client.get("/en/test-count/").text


def test_a_form_with_a_csrf_token_is_not_cached(client, site_tree, settings):
    settings.ROOT_URLCONF = __name__
    first = client.get("/en/test-form/")
    client.cookies.clear()

    second = client.get("/en/test-form/")

    assert "X-Cache" not in second
    assert 'name="csrfmiddlewaretoken"' in second.text
    assert first.content != second.content


def test_a_form_with_a_csrf_token_is_not_stored_even_without_a_new_cookie(rf):
    request = rf.get("/en/test-form/")
    response = form_view(request)
    response.cookies.clear()

    assert not pagecache.storable(request, response)


def test_a_visitor_with_only_a_csrf_cookie_is_served_from_the_cache(client, site_tree):
    client.get("/en/")
    client.cookies["csrftoken"] = "x" * 32

    assert client.get("/en/")["X-Cache"] == "hit"


def test_admin_and_documents_are_never_cached(client, site_tree):
    for address in ("/admin/login/", "/django-admin/login/", "/documents/1/missing.pdf"):
        client.get(address)
        assert "X-Cache" not in client.get(address), address


def test_nothing_is_cached_when_the_page_cache_is_off(client, site_tree, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/en/")

    assert "X-Cache" not in client.get("/en/")


def cached(client, *addresses):
    """Fill the cache with these pages and check each is now served from it."""
    for address in addresses:
        client.get(address)
        assert client.get(address)["X-Cache"] == "hit", address


def test_an_anonymous_contact_message_leaves_the_cached_pages_cached(client, site_tree, settings):
    from solidarity.contact.factories import make_contact_page
    from solidarity.contact.models import ContactMessage

    settings.CONTACT_NOTIFY_EMAILS = ["staff@alliance.example"]
    make_contact_page(site_tree["home"])
    cached(client, "/en/", "/fa/", "/en/news/")

    response = client.post("/en/contact-us/", {"name": "Jane", "email": "jane@union.example", "subject": "Hello",
                                               "message": "Solidarity.", "website": ""})

    assert response.status_code == 302 and ContactMessage.objects.exists()
    assert [client.get(address)["X-Cache"] for address in ("/en/", "/fa/", "/en/news/")] == ["hit"] * 3


def test_an_endorsement_leaves_the_cached_pages_cached_until_a_campaigner_approves_it(client, site_tree):
    from solidarity.campaigns.factories import make_campaign
    from solidarity.campaigns.models import Endorsement

    campaign = make_campaign()
    campaign_page = campaign.get_absolute_url("en")
    cached(client, "/en/", campaign_page)

    endorsement = Endorsement.objects.create(
        campaign=campaign, organisation_name="Local 4400", representative_name="Jane Worker",
        representative_role="Secretary", email="local4400@union.example", country="CA")
    endorsement.confirmed_at = endorsement.created_at
    endorsement.save(update_fields=["confirmed_at"])

    assert client.get("/en/")["X-Cache"] == "hit"
    assert client.get(campaign_page)["X-Cache"] == "hit"

    endorsement.approve(None)

    assert client.get(campaign_page)["X-Cache"] == "miss"
    assert client.get("/en/")["X-Cache"] == "hit"


def test_a_signature_leaves_the_cached_pages_cached(client, site_tree):
    from solidarity.campaigns.factories import make_campaign, make_signature

    campaign = make_campaign()
    cached(client, "/en/")

    make_signature(campaign)

    assert client.get("/en/")["X-Cache"] == "hit"


def test_publishing_an_english_article_purges_english_pages_but_not_the_persian_ones(client, site_tree):
    cached(client, "/en/", "/en/news/", "/fa/", "/fa/news/")

    article = factories.make_article(site_tree["news"], title="Released on bail after international pressure")

    news = client.get("/en/news/")
    assert news["X-Cache"] == "miss" and "Released on bail after international pressure" in news.text
    assert client.get("/en/")["X-Cache"] == "miss"
    assert client.get("/fa/")["X-Cache"] == "hit"
    assert client.get("/fa/news/")["X-Cache"] == "hit"
    cached(client, article.url)

    article.title = "Released on bail, a week later"
    article.save_revision().publish()

    assert "Released on bail, a week later" in client.get(article.url).text
    assert client.get("/fa/")["X-Cache"] == "hit"


def test_a_translation_published_purges_the_language_links_of_its_original(client, site_tree):
    article = factories.make_article(site_tree["news"], title="Released on bail")
    cached(client, article.url, "/fa/")

    translated = factories.translate(article, "fa", title="با وثیقه آزاد شد")

    assert client.get(article.url)["X-Cache"] == "miss"
    assert client.get(translated.url).status_code == 200


def test_a_network_record_purges_the_network_pages_but_not_the_articles(client, site_tree):
    from solidarity.network import services as network

    cached(client, "/en/", "/en/news/", "/fa/network/resolutions/")

    network.register_organisation(name_en="CUPE Ontario")

    assert client.get("/fa/network/resolutions/")["X-Cache"] == "miss"
    assert client.get("/en/")["X-Cache"] == "hit"
    assert client.get("/en/news/")["X-Cache"] == "hit"


def test_a_case_made_private_leaves_the_home_page_and_the_search_results_at_once(client, site_tree):
    from solidarity.cases.models import Case
    from solidarity.core.pages import publish
    from solidarity.publishing.models import HomeFeature

    case = Case.objects.create(name_latin="Kamran Example", name_fa="کامران نمونه", summary_en="Arrested at the depot",
                               is_public=True)
    home = site_tree["home"]
    home.features = [HomeFeature(case=case)]
    publish(home)
    cached(client, "/en/", "/en/search/?q=Kamran")
    assert "Kamran Example" in client.get("/en/search/?q=Kamran").content.decode()

    case.is_public = False
    case.save(update_fields=["is_public"])

    assert "Kamran Example" not in client.get("/en/").content.decode()
    assert "Kamran Example" not in client.get("/en/search/?q=Kamran").content.decode()


def test_a_campaign_back_to_draft_leaves_the_home_page_and_the_search_results_at_once(client, site_tree):
    from solidarity.campaigns.factories import make_campaign

    campaign = make_campaign(slug="drivers", title_en="Free the bus drivers")
    cached(client, "/en/", "/en/search/?q=drivers")
    assert "Free the bus drivers" in client.get("/en/search/?q=drivers").content.decode()

    campaign.status = "draft"
    campaign.save(update_fields=["status"])

    assert "Free the bus drivers" not in client.get("/en/").content.decode()
    assert "Free the bus drivers" not in client.get("/en/search/?q=drivers").content.decode()


def test_a_new_draft_from_the_archive_purges_nothing(client, site_tree):
    from solidarity.network import services as network

    cached(client, "/en/network/resolutions/")

    network.register_organisation(name_en="Proposed union", draft=True)

    assert client.get("/en/network/resolutions/")["X-Cache"] == "hit"


def test_making_a_page_private_purges_it_at_once(client, site_tree):
    from wagtail.models import PageViewRestriction

    cached(client, "/en/about-us/")

    PageViewRestriction.objects.create(page=site_tree["about"], restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/en/about-us/")
    assert response.get("X-Cache") != "hit"
    assert response.status_code == 302


def test_a_page_depends_on_everything_its_language_and_its_declared_area():
    assert pagecache.generation_keys("/en/network/resolutions/") == (
        "pagecache:generation:all", "pagecache:generation:lang:en", "pagecache:generation:area:network")
    assert pagecache.generation_keys("/fa/news/") == ("pagecache:generation:all", "pagecache:generation:lang:fa")
    # The home page's area is "": the apps whose records it features purge it.
    assert pagecache.generation_keys("/fa/") == (
        "pagecache:generation:all", "pagecache:generation:lang:fa", "pagecache:generation:area:")
    assert pagecache.generation_keys("/sitemap.xml") == ("pagecache:generation:all", "pagecache:generation:shared")


def test_an_address_a_visitor_makes_up_adds_no_token_to_the_cache(client, site_tree):
    client.get("/en/")
    files = len(pagecache.page_cache()._list_cache_files())

    for number in range(20):
        client.get(f"/en/made-up-{number}/")

    assert pagecache.generation_keys("/en/made-up-1/") == pagecache.generation_keys("/en/news/")
    assert len(pagecache.page_cache()._list_cache_files()) == files


def test_a_flood_of_made_up_addresses_culls_pages_but_never_the_purge_tokens(client, site_tree, settings, tmp_path):
    from django.core.cache import caches

    from solidarity.core import pagecache

    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                  "LOCATION": str(tmp_path / "small-page-cache"), "OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2}},
        "page-tokens": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                        "LOCATION": str(tmp_path / "page-tokens")},
    }
    client.get("/en/")
    keys = pagecache.generation_keys("/en/")
    before = caches["page-tokens"].get_many(keys)

    for number in range(40):
        client.get(f"/en/?flood={number}")

    assert client.get("/en/")["X-Cache"] == "hit"
    assert len(before) == len(keys)
    assert caches["page-tokens"].get_many(keys) == before


def test_pages_are_drawn_and_served_while_the_shared_cache_does_not_answer(client, site_tree, settings):
    settings.CACHES = {"default": REFUSED_REDIS_CACHE, "pages": REFUSED_REDIS_CACHE, "page-tokens": REFUSED_REDIS_CACHE}

    first, second = client.get("/en/"), client.get("/fa/")

    assert first.status_code == second.status_code == 200
    assert "International Alliance in Support of Workers in Iran" in first.text
    assert client.get("/en/")["X-Cache"] == "miss"  # nothing was kept, nothing stale is served


def test_a_publish_is_answered_with_an_error_rather_than_leave_old_pages_served_in_silence(site_tree, settings):
    settings.CACHES = {"default": REFUSED_REDIS_CACHE, "pages": REFUSED_REDIS_CACHE, "page-tokens": REFUSED_REDIS_CACHE}

    with pytest.raises(pagecache.PurgeFailed):
        factories.make_article(site_tree["news"], title="Released on bail after international pressure")


def test_a_purge_the_cache_refuses_after_the_commit_is_logged_and_the_changes_other_work_still_runs(
        site_tree, settings, django_capture_on_commit_callbacks, caplog):
    others = []
    with django_capture_on_commit_callbacks(execute=True):
        factories.make_article(site_tree["news"], title="Released on bail")
        transaction.on_commit(lambda: others.append("the article's tasks queued"))
        # Redis stops between the publish's first purge and its commit.
        settings.CACHES = {"default": REFUSED_REDIS_CACHE, "pages": REFUSED_REDIS_CACHE,
                           "page-tokens": REFUSED_REDIS_CACHE}

    assert others == ["the article's tasks queued"]
    assert any("PurgeFailed" in record.getMessage() or record.exc_info and record.exc_info[0] is pagecache.PurgeFailed
               for record in caplog.records)


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """An article published and committed, as an editor's publish is (nginx's generation is
    renewed once the publish commits)."""

    def publish(parent, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return factories.make_article(parent, **fields)

    return publish


def front_generation(client):
    response = client.get("/page-generation/")
    assert response.status_code == 200
    assert not response.cookies
    return response[pagecache.FRONT_GENERATION]


def test_every_purge_gives_the_front_proxy_a_new_generation(client, site_tree, django_capture_on_commit_callbacks):
    first = front_generation(client)
    assert front_generation(client) == first

    with django_capture_on_commit_callbacks(execute=True):
        pagecache.purge_pages(areas=["network"])
    second = front_generation(client)
    with django_capture_on_commit_callbacks(execute=True):
        pagecache.purge_page_cache()
    third = front_generation(client)

    assert len({first, second, third}) == 3


def test_a_publish_gives_the_front_proxy_a_new_generation(publish, client, site_tree):
    before = front_generation(client)

    publish(site_tree["news"], title="Released on bail after international pressure")

    assert front_generation(client) != before


def test_nginx_gets_a_new_generation_once_the_publish_commits_not_before(
    client, site_tree, django_capture_on_commit_callbacks
):
    before = front_generation(client)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        factories.make_article(site_tree["news"], title="Released on bail")
        # Before the commit nginx would only fetch every page again as it was.
        assert front_generation(client) == before
    for callback in callbacks:
        callback()

    assert front_generation(client) != before


def test_the_front_proxys_generation_is_never_kept_by_the_page_cache(client, site_tree):
    response = client.get("/page-generation/")

    assert response["Cache-Control"] == "no-store"
    assert "X-Cache" not in response


def test_the_front_proxy_keeps_its_generation_while_the_cache_does_not_answer(client, site_tree, settings):
    settings.CACHES = {"default": REFUSED_REDIS_CACHE, "pages": REFUSED_REDIS_CACHE, "page-tokens": REFUSED_REDIS_CACHE}

    response = client.get("/page-generation/")

    # nginx serves its last token on a 503 (locations.conf); a made-up one would purge nothing.
    assert response.status_code == 503
    assert pagecache.FRONT_GENERATION not in response


def test_the_front_proxy_may_keep_a_page_as_long_as_the_apps_copy_has_left(client, site_tree, monkeypatch):
    assert client.get("/en/")[pagecache.FRONT_EXPIRES] == "600"
    later = pagecache.time.time() + 200.5
    monkeypatch.setattr(pagecache.time, "time", lambda: later)

    hit = client.get("/en/")

    assert hit["X-Cache"] == "hit"
    assert hit[pagecache.FRONT_EXPIRES] == "399"


def test_the_front_proxy_keeps_a_live_count_no_longer_than_the_app_does(client, site_tree, settings, monkeypatch):
    settings.ROOT_URLCONF = __name__
    assert client.get("/en/test-count/")[pagecache.FRONT_EXPIRES] == "5"
    later = pagecache.time.time() + 4.5
    monkeypatch.setattr(pagecache.time, "time", lambda: later)

    # Under a second left: one second, what nginx keeps an answer that does not say (0 would
    # send every reader to the app until our copy expires).
    assert client.get("/en/test-count/")[pagecache.FRONT_EXPIRES] == "1"


def test_an_answer_the_page_cache_does_not_keep_tells_the_front_proxy_nothing(client, site_tree, settings):
    settings.ROOT_URLCONF = __name__

    assert pagecache.FRONT_EXPIRES not in client.get("/en/test-private/")
    assert pagecache.FRONT_EXPIRES not in client.get("/en/test-form/")


def test_a_generation_the_cache_lost_is_made_anew_and_kept(client, site_tree):
    before = front_generation(client)
    pagecache.token_cache().clear()

    after = front_generation(client)

    assert after != before
    assert front_generation(client) == after


# nginx says it keeps copies of what it is answered (FRONT_KEEPS_COPIES).
FROM_NGINX = {"HTTP_X_FRONT_KEEPS_COPIES": "1", "HTTP_ACCEPT_ENCODING": "identity"}


def _entry_key(path):
    address = f"http://testserver{path}"
    return pagecache.ENTRY_PREFIX + hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()


@pytest.fixture
def purged_hard_long_ago():
    """The last hard purge of every scope an hour ago (a site that has been running a while)."""
    scopes = ["all", "shared", "lang:en", "lang:fa", *(f"area:{area}" for area in pagecache._areas)]
    tokens = pagecache.token_cache()
    pagecache._current_generations(tokens, [pagecache.GENERATION_PREFIX + scope for scope in scopes])
    tokens.set_many({pagecache.HARD_PREFIX + scope: (pagecache.time.time() - 3600, "an-older-token") for scope in scopes},
                    None)


def test_after_a_publish_nginx_gets_the_page_as_it_was_for_a_second_and_then_the_new_one(
    publish, client, site_tree, purged_hard_long_ago
):
    assert client.get("/en/", **FROM_NGINX)["X-Cache"] == "miss"

    publish(site_tree["news"], title="Released on bail after international pressure")
    first = client.get("/en/", **FROM_NGINX)
    refresh = client.get("/en/", **FROM_NGINX)

    # Its readers are not kept waiting for the page's drawing: the copy from before, kept a
    # second and served by nginx meanwhile; the page is drawn once that answer has gone, so
    # nginx's refresh a second later finds it drawn.
    assert first["X-Cache"] == "outdated"
    assert first[pagecache.FRONT_EXPIRES] == "1"
    assert "Released on bail after international pressure" not in first.text
    assert refresh["X-Cache"] == "hit"
    assert int(refresh[pagecache.FRONT_EXPIRES]) >= 599
    assert "Released on bail after international pressure" in refresh.text


def test_a_page_that_cannot_be_drawn_after_its_copy_from_before_is_drawn_by_nginxs_refresh(
    publish, client, site_tree, purged_hard_long_ago, monkeypatch, caplog
):
    client.get("/en/", **FROM_NGINX)
    publish(site_tree["news"], title="Released on bail after international pressure")
    cache = pagecache.page_cache()
    store = cache.set

    def fails_once(key, *args, **kwargs):
        if key.startswith(pagecache.ENTRY_PREFIX):
            monkeypatch.setattr(cache, "set", store)
            raise OSError(28, "No space left on device")
        return store(key, *args, **kwargs)

    monkeypatch.setattr(cache, "set", fails_once)

    first = client.get("/en/", **FROM_NGINX)
    refresh = client.get("/en/", **FROM_NGINX)

    assert first.status_code == 200 and first["X-Cache"] == "outdated"
    assert "could not be drawn after its copy from before" in caplog.text
    assert refresh["X-Cache"] == "miss"
    assert "Released on bail after international pressure" in refresh.text


def test_nginx_gets_the_page_as_it_was_once_for_each_encoding_it_keeps_a_copy_of(
    publish, client, site_tree, purged_hard_long_ago, monkeypatch
):
    client.get("/en/", **FROM_NGINX)
    publish(site_tree["news"], title="Released on bail after international pressure")
    # The drawing after the first answer ends without keeping the page (it set a cookie, say).
    monkeypatch.setattr(pagecache.AnonymousPageCacheMiddleware, "_draw_later",
                        lambda self, request, key, generation, drawing: self.cache.delete(drawing))

    assert client.get("/en/", **FROM_NGINX)["X-Cache"] == "outdated"
    assert client.get("/en/", **{**FROM_NGINX, "HTTP_ACCEPT_ENCODING": "gzip"})["X-Cache"] == "outdated"
    assert client.get("/en/", **FROM_NGINX)["X-Cache"] == "miss"


def test_while_the_page_is_drawn_after_its_first_answer_nginx_gets_it_as_it_was_again_not_drawn_twice(
    publish, client, site_tree, purged_hard_long_ago, monkeypatch
):
    client.get("/en/", **FROM_NGINX)
    publish(site_tree["news"], title="Released on bail after international pressure")
    # nginx refreshes its copy under the generation before the publish, and asks for the page
    # under the new one before that first answer's drawing has ended.
    draw_later, waiting = pagecache.AnonymousPageCacheMiddleware._draw_later, []

    def begun(self, request, key, generation, drawing):
        self.cache.add(drawing, 1, pagecache.DRAWING_SECONDS)
        waiting.append((self, (request, key, generation, drawing)))

    monkeypatch.setattr(pagecache.AnonymousPageCacheMiddleware, "_draw_later", begun)

    assert client.get("/en/", **FROM_NGINX)["X-Cache"] == "outdated"
    assert client.get("/en/", **FROM_NGINX)["X-Cache"] == "outdated"
    assert len(waiting) == 1

    for each, (request, key, generation, drawing) in waiting:
        each.cache.delete(drawing)
        draw_later(each, request, key, generation, drawing)

    assert client.get("/en/", **FROM_NGINX)["X-Cache"] == "hit"


def test_a_drawing_cut_short_holds_back_the_new_page_for_seconds_only(
    publish, client, site_tree, purged_hard_long_ago, monkeypatch
):
    client.get("/en/", **FROM_NGINX)
    publish(site_tree["news"], title="Released on bail after international pressure")
    # The app server drawing the page after the first answer is killed.
    monkeypatch.setattr(pagecache.AnonymousPageCacheMiddleware, "_draw_later",
                        lambda self, request, key, generation, drawing: self.cache.add(drawing, 1, 10))
    assert client.get("/en/", **FROM_NGINX)["X-Cache"] == "outdated"
    assert client.get("/en/", **FROM_NGINX)["X-Cache"] == "outdated"

    later = pagecache.time.time() + pagecache.DRAWING_SECONDS + 1
    monkeypatch.setattr(pagecache.time, "time", lambda: later)
    response = client.get("/en/", **FROM_NGINX)

    assert response["X-Cache"] == "miss"
    assert "Released on bail after international pressure" in response.text


@pytest.fixture
def drawing_on(publish, client, site_tree, purged_hard_long_ago, monkeypatch):
    """After a publish, nginx was given the home page as it was, and the page is being drawn
    (its drawing not done: the app server is busy)."""
    client.get("/en/", **FROM_NGINX)
    publish(site_tree["news"], title="Released on bail after international pressure")
    monkeypatch.setattr(pagecache.AnonymousPageCacheMiddleware, "_draw_later",
                        lambda self, request, key, generation, drawing: self.cache.add(drawing, 1, 10))
    assert client.get("/en/", **FROM_NGINX)["X-Cache"] == "outdated"


REFRESHING = {**FROM_NGINX, "HTTP_X_FRONT_COPY": "EXPIRED"}


def test_nginx_refreshing_its_copy_while_the_page_is_drawn_gets_the_new_page_once_drawn(
    drawing_on, client, monkeypatch
):
    waited = []

    def meanwhile(seconds):  # the drawing ends while the refresh waits
        waited.append(seconds)
        Client().get("/en/")

    monkeypatch.setattr(pagecache.time, "sleep", meanwhile)
    response = client.get("/en/", **REFRESHING)

    assert response["X-Cache"] == "hit"
    assert "Released on bail after international pressure" in response.text
    assert waited == [pagecache.DRAWING_POLL_SECONDS]


def test_nginx_asking_for_a_page_it_has_no_copy_of_while_it_is_drawn_gets_the_copy_at_once(
    drawing_on, client, monkeypatch
):
    # Its readers wait for this answer (a new generation): no waiting for the drawing.
    monkeypatch.setattr(pagecache.time, "sleep", lambda seconds: pytest.fail("waited"))

    response = client.get("/en/", **{**FROM_NGINX, "HTTP_X_FRONT_COPY": "MISS"})

    assert response["X-Cache"] == "outdated"
    assert "Released on bail after international pressure" not in response.text


def test_a_refresh_waits_for_a_drawing_no_longer_than_its_limit(drawing_on, client, monkeypatch):
    clock = [pagecache.time.monotonic()]
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(pagecache.time, "sleep", lambda seconds: clock.__setitem__(0, clock[0] + seconds))
    started = clock[0]

    response = client.get("/en/", **REFRESHING)

    assert response["X-Cache"] == "outdated"
    assert clock[0] - started == pytest.approx(pagecache.DRAWING_WAIT_SECONDS, abs=pagecache.DRAWING_POLL_SECONDS)


def test_a_refresh_stops_waiting_when_the_drawing_ends_without_the_page(drawing_on, client, monkeypatch):
    waited = []

    def meanwhile(seconds):  # the drawing failed: its mark is gone, no page stored
        waited.append(seconds)
        keys = pagecache.generation_keys("/en/")
        generation = pagecache._current_generations(pagecache.token_cache(), keys)
        pagecache.page_cache().delete(pagecache._drawing_key(_entry_key("/en/"), generation))

    monkeypatch.setattr(pagecache.time, "sleep", meanwhile)
    response = client.get("/en/", **REFRESHING)

    assert response["X-Cache"] == "outdated"
    assert len(waited) == 1


def test_a_page_given_as_it_was_for_two_encodings_is_drawn_once(
    publish, client, site_tree, purged_hard_long_ago, monkeypatch
):
    middleware = pagecache.AnonymousPageCacheMiddleware
    client.get("/en/", **FROM_NGINX)
    publish(site_tree["news"], title="Released on bail after international pressure")
    # Both answered before either drawing has begun.
    draw_later, waiting = middleware._draw_later, []
    monkeypatch.setattr(middleware, "_draw_later", lambda self, *args: waiting.append((self, args)))
    assert client.get("/en/", **FROM_NGINX)["X-Cache"] == "outdated"
    assert client.get("/en/", **{**FROM_NGINX, "HTTP_ACCEPT_ENCODING": "gzip"})["X-Cache"] == "outdated"
    draw, drawn = middleware._draw, []

    def drawing(self, *args):
        drawn.append(args)
        if len(drawn) == 1:  # the second answer's drawing begins while the first is on
            second, second_args = waiting[1]
            draw_later(second, *second_args)
        return draw(self, *args)

    monkeypatch.setattr(middleware, "_draw", drawing)

    each, args = waiting[0]
    draw_later(each, *args)

    assert len(waiting) == 2 and len(drawn) == 1
    assert client.get("/en/", **FROM_NGINX)["X-Cache"] == "hit"


def test_after_an_unpublish_nginx_never_gets_the_page_as_it_was(client, site_tree, purged_hard_long_ago):
    article = factories.make_article(site_tree["news"], title="Message to the Asian Conference in Mumbai")
    assert "Message to the Asian Conference in Mumbai" in client.get("/en/", **FROM_NGINX).text

    article.unpublish()
    response = client.get("/en/", **FROM_NGINX)

    assert response["X-Cache"] == "miss"
    assert "Message to the Asian Conference in Mumbai" not in response.text


def test_a_copy_drawn_before_a_hard_purge_is_not_given_to_nginx_after_a_later_publish(
    client, site_tree, purged_hard_long_ago
):
    client.get("/en/", **FROM_NGINX)
    pagecache.purge_page_cache()  # a setting, an image: anything on the page may have gone
    factories.make_article(site_tree["news"], title="Released on bail after international pressure")

    assert client.get("/en/", **FROM_NGINX)["X-Cache"] == "miss"


def test_a_copy_drawn_just_after_a_hard_purge_is_given_to_nginx_after_a_publish_as_it_carries_the_purges_token(
    publish, client, site_tree, purged_hard_long_ago
):
    pagecache.purge_page_cache()
    client.get("/en/", **FROM_NGINX)
    publish(site_tree["news"], title="Released on bail after international pressure")

    assert client.get("/en/", **FROM_NGINX)["X-Cache"] == "outdated"


def test_a_copy_from_before_a_hard_purge_that_a_clock_ahead_says_was_drawn_after_it_is_not_given_to_nginx(
    publish, client, site_tree, purged_hard_long_ago
):
    client.get("/en/", **FROM_NGINX)
    pagecache.purge_page_cache()
    # Drawn before the purge, on a machine whose clock says a second after it.
    cache, key = pagecache.page_cache(), _entry_key("/en/")
    generation, headers, content, etag, expires, _drawn = cache.get(key)
    cache.set(key, (generation, headers, content, etag, expires, pagecache.time.time() + 1))
    publish(site_tree["news"], title="Released on bail after international pressure")

    assert Client().get("/en/", **FROM_NGINX)["X-Cache"] == "miss"  # another worker: no copy of its own


def test_a_copy_drawn_just_after_the_cache_lost_its_tokens_is_given_to_nginx_after_a_publish(
    publish, client, site_tree, purged_hard_long_ago
):
    # Redis restarted: every token and the time of every hard purge lost, then made anew.
    pagecache.token_cache().clear()
    client.get("/en/", **FROM_NGINX)
    publish(site_tree["news"], title="Released on bail after international pressure")

    assert client.get("/en/", **FROM_NGINX)["X-Cache"] == "outdated"


def test_an_unpublish_while_a_lost_token_is_made_anew_is_not_forgotten(
    publish, site_tree, purged_hard_long_ago, monkeypatch
):
    article = factories.make_article(site_tree["news"], title="Message to the Asian Conference in Mumbai")
    tokens = pagecache.token_cache()
    tokens.delete(pagecache.GENERATION_PREFIX + "lang:en")  # lost with the cache
    made_anew = tokens.add

    def add(key, *args, **kwargs):
        added = made_anew(key, *args, **kwargs)
        if added and key == pagecache.GENERATION_PREFIX + "lang:en":
            # Between the new token and the record of it: another worker draws the home page
            # with the new token, then an editor unpublishes the article.
            Client().get("/en/", **FROM_NGINX)
            article.unpublish()
        return added

    with monkeypatch.context() as patched:
        patched.setattr(tokens, "add", add)
        Client().get("/en/news/", **FROM_NGINX)
    publish(site_tree["news"], title="Released on bail after international pressure")
    response = Client().get("/en/", **FROM_NGINX)

    assert "Message to the Asian Conference in Mumbai" not in response.text
    assert response["X-Cache"] == "miss"


def test_while_the_time_of_the_last_hard_purge_is_not_known_nginx_gets_the_new_page(
    publish, client, site_tree, purged_hard_long_ago
):
    client.get("/en/", **FROM_NGINX)
    publish(site_tree["news"], title="Released on bail after international pressure")
    key = pagecache.HARD_PREFIX + "lang:en"
    pagecache.token_cache().delete(key)  # lost with the cache

    assert client.get("/en/", **FROM_NGINX)["X-Cache"] == "miss"
    # From now on it counts as the last hard purge.
    assert abs(pagecache.token_cache().get(key)[0] - pagecache.time.time()) < 5


def test_a_reader_who_does_not_come_through_nginx_gets_the_new_page_at_once(
    publish, client, site_tree, purged_hard_long_ago
):
    client.get("/en/")
    publish(site_tree["news"], title="Released on bail after international pressure")

    response = client.get("/en/")

    assert response["X-Cache"] == "miss"
    assert "Released on bail after international pressure" in response.text


def test_a_copy_whose_time_is_just_up_is_still_given_to_nginx_after_a_publish(
    publish, client, site_tree, purged_hard_long_ago, monkeypatch
):
    # A page with a live count lives seconds: after a publish its copy has often just expired.
    client.get("/en/", **FROM_NGINX)
    publish(site_tree["news"], title="Released on bail after international pressure")
    later = pagecache.time.time() + 600 + pagecache.OUTDATED_GRACE_SECONDS - 5
    monkeypatch.setattr(pagecache.time, "time", lambda: later)

    assert Client().get("/en/", **FROM_NGINX)["X-Cache"] == "outdated"  # from the shared cache


def test_a_copy_whose_time_is_long_up_is_never_given_to_nginx(client, site_tree, purged_hard_long_ago, monkeypatch):
    client.get("/en/", **FROM_NGINX)
    factories.make_article(site_tree["news"], title="Released on bail after international pressure")
    later = pagecache.time.time() + 600 + pagecache.OUTDATED_GRACE_SECONDS + 5
    monkeypatch.setattr(pagecache.time, "time", lambda: later)

    assert client.get("/en/", **FROM_NGINX)["X-Cache"] == "miss"


def test_after_a_purge_elsewhere_nginx_gets_a_page_whose_time_is_just_up_as_it_was(
    publish, client, site_tree, purged_hard_long_ago, monkeypatch
):
    # Every purge renews nginx's generation: it has no copy of the Persian pages either, and
    # the app's copy of one with a live count has often just expired.
    client.get("/fa/", **FROM_NGINX)
    publish(site_tree["news"], title="Released on bail after international pressure")
    later = pagecache.time.time() + 601
    monkeypatch.setattr(pagecache.time, "time", lambda: later)

    assert client.get("/fa/", **FROM_NGINX)["X-Cache"] == "outdated"
    assert client.get("/fa/", **FROM_NGINX)["X-Cache"] == "hit"


def test_nginx_gets_a_page_as_it_was_once_for_each_of_its_generations(publish, client, site_tree, purged_hard_long_ago):
    client.get("/en/", **FROM_NGINX)
    publish(site_tree["news"], title="Released on bail after international pressure")
    assert client.get("/en/", **FROM_NGINX)["X-Cache"] == "outdated"
    assert client.get("/en/", **FROM_NGINX)["X-Cache"] == "hit"

    publish(site_tree["news"], title="CUPE Ontario adopts Resolution No. 21")

    assert client.get("/en/", **FROM_NGINX)["X-Cache"] == "outdated"


def test_a_copy_from_another_worker_is_given_to_nginx_after_a_publish(publish, site_tree, purged_hard_long_ago):
    Client().get("/en/", **FROM_NGINX)
    publish(site_tree["news"], title="Released on bail after international pressure")

    response = Client().get("/en/", **FROM_NGINX)

    assert response["X-Cache"] == "outdated"
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_a_publish_leaves_the_time_of_the_last_hard_purge_as_it_was(client, site_tree, purged_hard_long_ago):
    key = pagecache.HARD_PREFIX + "lang:en"
    before = pagecache.token_cache().get(key)

    factories.make_article(site_tree["news"], title="Released on bail after international pressure")

    assert pagecache.token_cache().get(key) == before


def test_on_a_new_site_the_first_publish_counts_as_the_last_hard_purge(client, site_tree):
    key = pagecache.HARD_PREFIX + "lang:en"
    pagecache.token_cache().delete(key)

    factories.make_article(site_tree["news"], title="Released on bail after international pressure")

    assert abs(pagecache.token_cache().get(key)[0] - pagecache.time.time()) < 5


def test_a_generation_the_cache_lost_counts_as_purged_hard_when_made_anew(client, site_tree, purged_hard_long_ago):
    pagecache.token_cache().delete(pagecache.GENERATION_PREFIX + "lang:en")

    client.get("/en/")

    made = pagecache.token_cache().get(pagecache.HARD_PREFIX + "lang:en")
    assert abs(made[0] - pagecache.time.time()) < 5
    assert made[1] == pagecache.token_cache().get(pagecache.GENERATION_PREFIX + "lang:en")


def test_a_purge_outside_a_transaction_renews_nginxs_generation_at_once(client, site_tree, monkeypatch):
    before = front_generation(client)

    # As a command or a worker does, in autocommit.
    with monkeypatch.context() as patched:
        patched.setattr(pagecache.transaction, "get_connection", lambda: SimpleNamespace(in_atomic_block=False))
        pagecache.purge_pages(areas=["network"])

    assert front_generation(client) != before
