"""Public pages for supporters: signup, confirmation, preferences and unsubscribe.

Personal pages are reached by a secret link (the token in the address), never by a login.
A GET never changes anything (mail scanners and link previews follow links); every change
is a POST from a button on the page. None of these answers may be kept by a shared cache.
"""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt

from solidarity.core.security import client_ip

from . import services
from .forms import PreferencesForm, SubscribeForm
from .models import Subscriber, SubscriptionRequest

SENT_PARAMETER = "sent"


def _render(request, template, context, status=200):
    response = TemplateResponse(request, f"supporters/{template}", context, status=status)
    add_never_cache_headers(response)
    return response


def _language():
    return (get_language() or "en")[:2]


def subscribe(request):
    """The signup form. Every accepted address gets the same answer, whatever we know of it."""
    language = _language()
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():
            if form.is_honeypot_filled:
                return redirect(f"{reverse('supporters:subscribe')}?{SENT_PARAMETER}=1")
            data = form.cleaned_data
            try:
                services.request_subscription(
                    email=data["email"], name=data["name"], language=data["language"], lists=data["lists"],
                    source=services.SIGNUP_SOURCE, consent_text=services.consent_text(language),
                    consent_language=language, ip=client_ip(request),
                )
            except services.TooManyRequests as error:
                form.add_error(None, str(error))
                return _render(request, "subscribe.html", {"form": form, "consent": services.consent_text(language)},
                               status=429)
            response = redirect(f"{reverse('supporters:subscribe')}?{SENT_PARAMETER}=1")
            add_never_cache_headers(response)
            return response
    else:
        form = SubscribeForm(initial={
            "email": request.GET.get("email", "")[:254],
            "language": language,
            "lists": list(services.newsletter_lists(language).filter(is_public=True)),
        })
    return _render(request, "subscribe.html", {
        "form": form, "sent": request.method == "GET" and SENT_PARAMETER in request.GET,
        "consent": services.consent_text(language),
    })


def confirm(request, token):
    """The link in the confirmation e-mail opens a page with a button; only its POST confirms."""
    signup = SubscriptionRequest.objects.select_related("subscriber").filter(token=token).first()
    if signup is None:
        raise Http404
    if request.method == "POST":
        state = _confirm_or_renew(request, signup)
        if state == "limited":
            return _render(request, "confirm.html", {"state": state, "signup": signup}, status=429)
        signup.refresh_from_db()
    else:
        state = "confirmed" if signup.confirmed_at else "expired" if signup.is_expired() else "ask"
    return _render(request, "confirm.html", {
        "state": state, "signup": signup, "lists": list(signup.lists.all()),
        "preferences_url": reverse("supporters:preferences", args=[signup.subscriber.token]) if state == "confirmed" else "",
    })


def _confirm_or_renew(request, signup):
    """What the button did: "confirmed", "expired", "refused", "renewed" or "limited"."""
    if request.POST.get("action") == "renew":
        if signup.confirmed_at or not signup.is_expired():
            return "confirmed" if signup.confirmed_at else "ask"
        try:
            services.renew_confirmation(token=signup.token, ip=client_ip(request))
        except services.TooManyRequests:
            return "limited"
        return "renewed"
    try:
        services.confirm_subscription(token=signup.token, ip=client_ip(request))
    except services.ConfirmationExpired:
        return "expired"
    except services.CannotSubscribe:
        return "refused"
    except SubscriptionRequest.DoesNotExist:  # voided meanwhile (unsubscribed, erased)
        raise Http404 from None
    return "confirmed"


def preferences(request, token):
    subscriber = Subscriber.objects.filter(token=token).first()
    if subscriber is None:
        raise Http404
    here = reverse("supporters:preferences", args=[token])
    action = request.POST.get("action", "save") if request.method == "POST" else None
    form = PreferencesForm(request.POST if action == "save" else None, initial={
        "name": subscriber.name, "language": subscriber.language, "lists": list(subscriber.lists.all()),
    })
    if action == "unsubscribe":
        services.unsubscribe(subscriber, how="preferences")
        return redirect(f"{here}?done=unsubscribed")
    if action == "resubscribe" and not subscriber.is_active:
        try:
            services.request_subscription(
                email=subscriber.email, name=subscriber.name, language=subscriber.language,
                lists=list(services.newsletter_lists(subscriber.language)), source=services.SIGNUP_SOURCE,
                consent_text=services.consent_text(_language()), consent_language=_language(), ip=client_ip(request),
            )
        except services.TooManyRequests as error:
            return _render(request, "preferences.html", {"subscriber": subscriber, "form": form, "error": str(error)},
                           status=429)
        return redirect(f"{here}?done=resubscribe")
    if action == "save" and subscriber.is_active and form.is_valid():
        data = form.cleaned_data
        services.update_preferences(subscriber, name=data["name"], language=data["language"], lists=data["lists"])
        # The page follows the language just chosen, like the messages will.
        with translation.override(data["language"]):
            return redirect(reverse("supporters:preferences", args=[token]) + "?done=saved")
    return _render(request, "preferences.html", {
        "subscriber": subscriber, "form": form, "done": request.GET.get("done", ""),
        "consent": services.consent_text(_language()),
    })


# One-click unsubscribe (RFC 8058): mail clients POST "List-Unsubscribe=One-Click" to the
# address in the List-Unsubscribe header, with no cookies and no CSRF token. Exempting this
# one view from CSRF is safe: the secret token in the address is the authority (no session
# or cookie is used), and all a forged POST could do is what the token's holder can already
# do, stop mail to that address.
@csrf_exempt
def unsubscribe(request, token):
    subscriber = Subscriber.objects.filter(token=token).first()
    if subscriber is None:
        raise Http404
    done = False
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        services.unsubscribe(subscriber, how="one-click" if one_click else "link")
        done = True
    return _render(request, "unsubscribe.html", {
        "subscriber": subscriber, "done": done or not subscriber.is_active and subscriber.status != "pending",
        "preferences_url": reverse("supporters:preferences", args=[token]),
    })
