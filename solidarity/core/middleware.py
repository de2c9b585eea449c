"""Security headers on every response.

Public pages allow scripts from this site only. Wagtail's admin prints a few inline
scripts (inline panels, date pickers, wagtail-localize's editor); rather than allowing
every inline script, the admin's policy carries a fresh nonce per request and our copies
of those templates (core/templates/wagtailadmin/..., wagtail_localize/...) put it on
exactly those scripts. A script injected into content gets no nonce and does not run.
"""

import codecs
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


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _undecodable(request):
    """Whether a form's body cannot be read as the text it says it is.

    Django reads forms as UTF-8 and raises BadRequest, LookupError or ValueError, deep inside
    the CSRF check, for a charset it cannot use ("nonsense", "base64"); and it silently reads
    raw bytes that are not UTF-8 as Latin-1. Both are refused here, before anything reads
    request.POST. Percent-encoded bytes (%FF) are left to the form, as browsers send them.
    """
    if request.method not in ("POST", "PUT", "PATCH") or request.content_type not in FORM_TYPES:
        return False
    charset = request.content_params.get("charset")
    if charset is not None:
        try:
            b"a".decode(charset)
        except UnicodeDecodeError:  # a real text encoding (UTF-16, say) that this byte is not
            pass
        except (LookupError, ValueError):
            return True
        if request.content_type == FORM_TYPES[0] and codecs.lookup(charset).name != "utf-8":
            return True
    if request.content_type == FORM_TYPES[0]:
        try:
            request.body.decode("utf-8")
        except UnicodeDecodeError:
            return True
        except Exception:  # too large or unreadable: Django answers that itself
            return False
    return False


class UndecodableFormMiddleware:
    """A form posted in a charset we cannot read gets the 400 page, not a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _undecodable(request):
            return bad_request(request)
        return self.get_response(request)


def bad_request(request, exception=None):
    """The 400 page (also handler400). Unlike Django's own, it never reads request.POST (its CSRF
    decorator does), which fails again for the body that made the request bad."""
    from django.template.response import TemplateResponse

    response = TemplateResponse(request, "400.html", status=400)
    response.render()
    response["Cache-Control"] = "private, no-store"
    return response
