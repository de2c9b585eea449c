"""E-mails to supporters, each in the recipient's language, as HTML (right to left in
Persian) and plain text."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import formats, timezone, translation

from solidarity.core import dates
from solidarity.core.i18n import direction, is_persian
from solidarity.core.text import clean_line

from . import services


def plain_date(value, language):
    """A date for a plain-text line: Jalali with the Gregorian date in Persian."""
    value = timezone.localtime(value).date()
    if is_persian(language):
        return f"{dates.jalali(value)} ({dates.gregorian_fa(value)})"
    with translation.override(language):
        return formats.date_format(value, "j F Y")


def plain_subject(template_name, context):
    """A subject is plain text on one line: rendered without HTML escaping (a name with < or '
    stays as typed), line breaks and hidden controls gone."""
    return clean_line(get_template(template_name).template.render(Context(context, autoescape=False)))


def send_mail(*, template, to, language, context, headers=None):
    with translation.override(language):
        context = {**context, "language": language, "direction": direction(language),
                   "site_url": settings.SITE_URL}
        subject = plain_subject(f"supporters/email/{template}_subject.txt", context)
        text = render_to_string(f"supporters/email/{template}.txt", context)
        html = render_to_string(f"supporters/email/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to], headers=headers or {})
    message.attach_alternative(html, "text/html")
    message.send()


def send_confirmation_email(request):
    subscriber = request.subscriber
    send_mail(
        template="confirm", to=subscriber.email, language=request.language,
        context={"request": request, "name": request.name or subscriber.name,
                 "lists": list(request.lists.all()), "confirm_url": services.confirmation_url(request),
                 "expires": plain_date(request.expires_at, request.language)},
    )


def send_already_subscribed_email(subscriber):
    send_mail(
        template="already_subscribed", to=subscriber.email, language=subscriber.language,
        context={"subscriber": subscriber, "name": subscriber.name, "lists": list(subscriber.lists.all()),
                 "preferences_url": services.preferences_url(subscriber)},
    )
