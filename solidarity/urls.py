from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from solidarity.core import login, pagecache, passkeys, permissions, twofactor
from solidarity.core.health import health
from solidarity.publishing import sitemaps
from solidarity.publishing import views as publishing_views

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
    path("mirrors/", include("solidarity.mirrors.urls")),
    # The link-preview picture of pages that have none of their own.
    path("preview.png", publishing_views.site_preview, name="publishing_preview"),
    # Wagtail's front-end sign-in and page passwords, limited against guessing.
    path("_util/login/", login.FrontendLoginView.as_view(), name="wagtailcore_login"),
    path("_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/", login.page_password,
         name="wagtailcore_authenticate_with_password"),
    path("", include(wagtail_urls)),
)

urlpatterns += [
    # For the proxy and monitoring: status and check names to anyone, measures with HEALTH_TOKEN.
    path("health/", health, name="core_health"),
    # For nginx only (its location is internal): the token its copies of pages are keyed by.
    path("page-generation/", pagecache.front_generation, name="core_page_generation"),
    # Staff sign-in limited against guessing, two-step sign-in, a reset that answers alike for
    # every address, sign-out by POST only; before the admin includes so these win.
    path("admin/login/", login.AdminLoginView.as_view(), name="solidarity_login"),
    path("admin/logout/", login.logout, name="wagtailadmin_logout"),
    path("admin/password_reset/", login.QueuedPasswordResetView.as_view(), name="wagtailadmin_password_reset"),
    path("admin/two-factor/", twofactor.verify, name="core_two_factor_verify"),
    path("admin/two-factor/enrol/", twofactor.enrol, name="core_two_factor_enrol"),
    path("admin/two-factor/enrol/<str:token>/", twofactor.enrol_link, name="core_two_factor_enrol_link"),
    path("admin/two-factor/set-up/", twofactor.setup, name="core_two_factor_setup"),
    path("admin/two-factor/recovery-codes/", twofactor.recovery_codes, name="core_two_factor_recovery_codes"),
    path("admin/two-factor/passkey/", include(passkeys.urlpatterns)),
    # Not under /admin/two-factor/: only a session that has given the second step reaches it.
    path("admin/two-factor-links/", twofactor.issue_link, name="core_two_factor_issue_link"),
    path("django-admin/login/", login.django_admin_login),
    path("documents/authenticate_with_password/<int:restriction_id>/", login.document_password,
         name="wagtaildocs_authenticate_with_password"),
    path("django-admin/", admin.site.urls),
    # Wagtail's bulk actions, after a check that the person may read the model.
    path("admin/bulk/<str:app_label>/<str:model_name>/<str:action>/", permissions.bulk_action,
         name="core_bulk_action"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemaps.sitemap, name="publishing_sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="publishing_robots_txt"),
    path("brand.css", publishing_views.brand_css, name="publishing_brand_css"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Django's own 400 view reads request.POST again (through its CSRF decorator), and fails again.
handler400 = "solidarity.core.middleware.bad_request"
