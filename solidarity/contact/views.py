from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language

from solidarity.core.security import client_ip
from solidarity.publishing.models import SiteIdentity

from . import services
from .forms import ContactForm

SENT_PARAMETER = "sent"


def contact_page(request, page):
    """The Contact Us page: GET shows the form, POST stores the message and redirects."""
    form = ContactForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.receive_message(
                name=data["name"],
                email=data["email"],
                subject=data["subject"],
                message=data["message"],
                language=get_language(),
                ip=client_ip(request),
                is_spam=form.is_honeypot_filled,
            )
        except services.ContactError as error:
            form.add_error(None, str(error))
            status = error.status
        else:
            return _never_cached(redirect(f"{page.url}?{SENT_PARAMETER}=1"))

    context = page.get_context(request)
    context.update(
        form=form,
        sent=request.method == "GET" and SENT_PARAMETER in request.GET,
        identity=SiteIdentity.load(request_or_site=request),
    )
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    # The form carries a CSRF token and the answer is personal: no shared cache may keep it.
    return _never_cached(response)


def _never_cached(response):
    add_never_cache_headers(response)
    return response
