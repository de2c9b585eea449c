from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from solidarity.core import login, twofactor
from solidarity.publishing import sitemaps

# Public pages carry their language in the address: /en/..., /fa/... They come first, and the
# campaigns first among them: a surge's signatures are most of the requests, and each pattern
# before the one that matches is tried on every request.
urlpatterns = i18n_patterns(
    path("campaigns/", include("solidarity.campaigns.urls")),
    path("search/", include("solidarity.search.urls")),
    path("feeds/", include("solidarity.publishing.feeds")),
    path("network/", include("solidarity.network.urls")),
    path("cases/", include("solidarity.cases.urls")),
    # Past issues first, so the subscription pages never shadow them.
    path("newsletter/issues/", include("solidarity.newsletter.urls")),
    path("newsletter/", include("solidarity.supporters.urls")),
    path("", include(wagtail_urls)),
)

urlpatterns += [
    # Staff log-in limited against guessing; before the admin includes so these win.
    path("admin/login/", login.RateLimitedLoginView.as_view(), name="solidarity_login"),
    path("admin/two-factor/", twofactor.verify, name="core_two_factor_verify"),
    path("admin/two-factor/set-up/", twofactor.setup, name="core_two_factor_setup"),
    path("django-admin/login/", login.django_admin_login),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemaps.sitemap, name="publishing_sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="publishing_robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
