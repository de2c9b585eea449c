"""E-mails to supporters, each in the recipient's language, as HTML (right to left in
Persian) and plain text."""

from django.utils import formats, timezone, translation

from solidarity.core import dates, mail
from solidarity.core.i18n import is_persian

from . import services


def plain_date(value, language):
    """A date for a plain-text line: Jalali with the Gregorian date in Persian."""
    value = timezone.localtime(value).date()
    if is_persian(language):
        return f"{dates.jalali(value)} ({dates.gregorian_fa(value)})"
    with translation.override(language):
        return formats.date_format(value, "j F Y")


def send_mail(*, template, to, language, context, headers=None):
    mail.render_message(f"supporters/email/{template}", language=language, to=[to], context=context,
                        headers=headers).send()


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
