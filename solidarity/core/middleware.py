"""Security headers on every response.

Public pages allow scripts from this site only. Wagtail's admin prints a few inline
scripts (inline panels, date pickers, wagtail-localize's editor); rather than allowing
every inline script, the admin's policy carries a fresh nonce per request and our copies
of those templates (core/templates/wagtailadmin/..., wagtail_localize/...) put it on
exactly those scripts. A script injected into content gets no nonce and does not run.
"""

import contextvars
import secrets

from django.conf import settings

# Widgets are rendered without the request, so the nonce travels in a context variable.
csp_nonce = contextvars.ContextVar("csp_nonce", default="")

COMMON = [
    "default-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
]
# Public pages load nothing from another host, run no inline script and are never framed.
PUBLIC_CSP = "; ".join(
    COMMON
    + [
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "frame-ancestors 'none'",
    ]
)
# Wagtail's admin needs inline styles and frames its own previews; still nothing third-party.
ADMIN_CSP = "; ".join(
    COMMON
    + [
        "script-src 'self' 'nonce-{nonce}'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "frame-src 'self'",
        "frame-ancestors 'self'",
    ]
)
ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        admin = request.path.startswith(ADMIN_PREFIXES)
        nonce = secrets.token_urlsafe(18) if admin else ""
        token = csp_nonce.set(nonce)
        request.csp_nonce = nonce
        try:
            response = self.get_response(request)
        finally:
            csp_nonce.reset(token)
        if admin:
            # Replaces the public policy of a page rendered inside the admin for preview.
            response.headers["Content-Security-Policy"] = ADMIN_CSP.format(nonce=nonce)
        else:
            response.headers.setdefault("Content-Security-Policy", PUBLIC_CSP)
        response.headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


def nonce_chooser_scripts():
    """Puts the nonce on the one inline script Wagtail's chooser widgets write from Python.

    BaseChooser.render appends `<script>{js}</script>` after the widget; there is no template
    to override, so the method is wrapped (installed once, from CoreConfig.ready).
    """
    from django.utils.safestring import mark_safe
    from wagtail.admin.widgets.chooser import BaseChooser

    if getattr(BaseChooser.render, "nonced", False):
        return
    render = BaseChooser.render

    def render_with_nonce(self, name, value, attrs=None, renderer=None):
        html = render(self, name, value, attrs=attrs, renderer=renderer)
        nonce = csp_nonce.get()
        head, script, tail = html.rpartition("<script>")
        if not (nonce and script and tail.endswith("</script>")):
            return html
        return mark_safe(f'{head}<script nonce="{nonce}">{tail}')  # noqa: S308 - Wagtail's own markup

    render_with_nonce.nonced = True
    BaseChooser.render = render_with_nonce
