"""Public campaign pages and actions, all usable without JavaScript.

The signing and endorsement forms carry no CSRF token: each action only counts after the
e-mail link is confirmed, so a forged cross-site submission achieves nothing a direct one
could not, and without a per-visitor token the campaign page can be served from the
anonymous page cache during a surge (a page with a token never is). Readers whose
browsers refuse cookies can sign too.
"""

import functools

from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Site

from solidarity.core.countries import country_name
from solidarity.core.i18n import site_language
from solidarity.core.preview import png_response as preview_response
from solidarity.core.security import client_ip
from solidarity.core.share import absolute_url
from solidarity.publishing.models import SiteIdentity

from . import letters, services
from .forms import EndorsementForm, SignatureForm
from .models import Campaign, Signature
from .services.confirmations import confirm_from_link

# Counts on a page are at most CAMPAIGN_COUNTS_SECONDS old when it is drawn; the page may be
# kept this long by the page cache and proxies: 5 seconds in all. The JSON count is counted
# when drawn and kept 5 seconds.
PAGE_MAX_AGE = 4
COUNT_MAX_AGE = 5

public_campaigns = Campaign.objects.exclude(status=Campaign.Status.DRAFT)


def _language():
    return site_language()


def _short_lived(response, seconds):
    patch_cache_control(response, public=True, max_age=seconds)
    return response


# What django.utils.cache.add_never_cache_headers writes, written directly: these responses are
# new and carry no caching headers of their own, and in a surge each signature's answer is one.
NEVER_CACHED = "max-age=0, no-cache, no-store, must-revalidate, private"


def _never_cached(response):
    response.headers["Expires"] = http_date()
    response.headers["Cache-Control"] = NEVER_CACHED
    return response


@require_GET
def index(request):
    campaigns = list(public_campaigns.select_related("image").order_by("-starts_on", "-pk"))
    active = [c for c in campaigns if c.is_open_for_signing()]
    # Closed by staff, or past their end date and waiting for the outcome report.
    today = timezone.localdate()
    closed = [c for c in campaigns if c not in active and c.starts_on <= today]
    response = TemplateResponse(request, "campaigns/index.html", {
        "active": [services.campaign_card(campaign) for campaign in active], "closed": closed,
        "preview": {"title": _("Urgent actions")},
    })
    return _short_lived(response, PAGE_MAX_AGE)


def _preview(request, campaign):
    """What a link preview of the campaign shows: its picture, or one drawn with its title and count."""
    title = campaign.translated("title") or campaign.slug
    if campaign.image_id:
        rendition = campaign.image.get_rendition("fill-1200x630|format-jpeg|jpegquality-80")
        image, image_alt = rendition.url, campaign.translated("image_alt")
    else:
        image, image_alt = reverse("campaigns:preview", kwargs={"slug": campaign.slug}), title
    description = campaign.headline() or campaign.translated("summary")
    return {"title": title, "description": Truncator(" ".join(description.split())).chars(300),
            "image": image, "image_alt": image_alt, "canonical": campaign.get_absolute_url()}


def _next_steps(request, campaign):
    """The thanks and confirmed pages' invitation: share the action, the newsletter, the other live actions."""
    url = absolute_url(request, campaign.get_absolute_url())
    return {"share_url": url, "share_links": services.share_links(campaign, url=url),
            "other_actions": services.live_campaign_cards(exclude=campaign, limit=3)}


def _campaign_context(request, campaign, form, endorsement_form=None):
    now = timezone.now()
    numbers = services.counts(campaign)
    by_country = sorted(
        ((country_name(code), count) for code, count in numbers["by_country"].items()),
        key=lambda row: (-row[1], row[0]),
    )
    return {
        "campaign": campaign,
        "open": campaign.is_open_for_signing(),
        "title": campaign.translated("title"),
        "total": numbers["total"],
        "by_country": by_country,
        "milestones": campaign.milestones(numbers["total"]),
        "targets": list(campaign.targets.all()),
        "cases": _cases(campaign),
        "updates": list(campaign.updates.filter(published_at__lte=now)),
        "endorsements": list(campaign.endorsements.filter(status="approved", confirmed_at__isnull=False)
                             .order_by("organisation_name")),
        "form": form,
        "endorsement_form": endorsement_form,
        "pow_challenge": services.new_challenge(campaign) if campaign.pow_enabled else "",
        "pow_bits": services.pow_bits(),
        "preview": _preview(request, campaign),
    }


def _cases(campaign):
    """Linked cases that are public."""
    return list(campaign.cases.filter(is_public=True))


@require_GET
def detail(request, slug):
    campaign = get_object_or_404(public_campaigns, slug=slug)
    form = SignatureForm(campaign=campaign, language=_language())
    response = TemplateResponse(request, "campaigns/detail.html", _campaign_context(request, campaign, form))
    return _short_lived(response, PAGE_MAX_AGE)


@functools.lru_cache(maxsize=1024)
def _thanks_url(slug, language):
    """The thanks page's address, reversed once per campaign and language."""
    with translation.override(language):
        return reverse("campaigns:thanks", kwargs={"slug": slug})


@csrf_exempt
@require_POST
def sign(request, slug):
    # The one request a surge is made of: see services.sign for what it costs.
    campaign = services.campaign_for_signing(slug)
    if campaign is None:
        raise Http404
    language = _language()
    form = SignatureForm(request.POST, campaign=campaign, language=language)
    status = 400
    if not campaign.is_open_for_signing():
        form.is_valid()
        form.add_error(None, str(services.CampaignClosed()))
        status = services.CampaignClosed.status
    elif form.is_valid():
        if form.is_honeypot_filled:
            # Robots are thanked like people and nothing is stored.
            return _never_cached(redirect("campaigns:thanks", slug=campaign.slug))
        data = form.cleaned_data
        proof = None
        if campaign.pow_enabled:
            proof = services.verify_proof(campaign, challenge=request.POST.get("pow_challenge", ""),
                                          nonce=request.POST.get("pow_nonce", ""), email=data["email"])
        try:
            services.sign(
                campaign, name=data["name"], name_shown=data["name_shown"], email=data["email"],
                country=data["country"], language=language,
                organisation=data["organisation"], message=data.get("message", ""),
                wants_updates=data["wants_updates"], wants_newsletter=data["wants_newsletter"],
                ip=client_ip(request), proof_of_work=proof,
            )
        except services.SigningError as error:
            form.add_error(None, str(error))
            status = error.status
        else:
            # One answer for a new address and a known one, so nobody learns who signed: the
            # letter link goes by e-mail, with the confirmation, to the address's owner only.
            return _never_cached(HttpResponseRedirect(_thanks_url(campaign.slug, language)))
    campaign = public_campaigns.get(pk=campaign.pk)
    response = TemplateResponse(request, "campaigns/detail.html", _campaign_context(request, campaign, form), status=status)
    return _never_cached(response)


@require_GET
def thanks(request, slug):
    campaign = get_object_or_404(public_campaigns, slug=slug)
    context = {"campaign": campaign, "title": campaign.translated("title"), "letter": campaign.letter_enabled,
               "days": services.confirmation_lifetime().days, "preview": _preview(request, campaign),
               **_next_steps(request, campaign)}
    return _never_cached(TemplateResponse(request, "campaigns/thanks.html", context))


@require_GET
def preview(request, slug):
    """The campaign's drawn link-preview picture, at an address that stays the same."""
    campaign = get_object_or_404(public_campaigns, slug=slug)
    identity = SiteIdentity.load(request_or_site=request)
    png = services.preview_png(campaign, site_name=_site_name(request), colours=identity.preview_colours())
    return preview_response(png)


def _site_name(request):
    site = Site.find_for_request(request)
    return site.root_page.localized.title if site else ""



@require_GET
def count_json(request, slug):
    campaign = get_object_or_404(public_campaigns, slug=slug)
    # Counted afresh: the answer itself is kept 5 seconds by the page cache and proxies.
    numbers = services.counts(campaign, max_age=0)
    data = {"campaign": campaign.slug, "total": numbers["total"], "by_country": numbers["by_country"],
            "goal": campaign.goal, "open": campaign.is_open_for_signing()}
    response = JsonResponse(data)
    response["Access-Control-Allow-Origin"] = "*"
    return _short_lived(response, COUNT_MAX_AGE)


def _signature_page(request, template, context, status=200):
    # Personal pages (they carry a signer's token): never kept by any cache, never indexed.
    response = TemplateResponse(request, template, context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return _never_cached(response)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button; only the POST confirms, so mail scanners that fetch links neither
    confirm nor spend them. The POST that confirms answers with a redirect to the campaign's
    confirmed page, the same for every signer and so kept by the page cache: a surge of
    confirmations costs a check of the link, one read and one UPDATE each, no page drawn.
    A campaign with a letter sends the signer's own letter link along in the address's
    fragment, which browsers keep across the redirect and never send to any server (nor to a
    log, nor in a Referer): the shared page shows it with a line of script, and says where it
    is without one (the confirmation e-mail brings it too)."""
    if request.method == "POST":
        try:
            newly = confirm_from_link(token)
        except services.InvalidLink:
            return _signature_page(request, "campaigns/confirm.html", {"state": "invalid"}, status=404)
        if newly is not None:
            location = _confirmed_url(newly.campaign.slug, _language())
            if newly.campaign.letter_enabled:
                location += "#letter=" + services.letter_token(newly)
            return _never_cached(HttpResponseRedirect(location, status=303))
    try:
        signature, expired = services.signature_for_token(token)
    except services.InvalidLink:
        return _signature_page(request, "campaigns/confirm.html", {"state": "invalid"}, status=404)
    campaign = signature.campaign
    context = {"campaign": campaign, "title": campaign.translated("title"), "signature": signature, "token": token,
               "days": services.confirmation_lifetime().days, "preview": _preview(request, campaign)}
    if signature.status == Signature.Status.CONFIRMED:
        return _signature_page(request, "campaigns/confirm.html", {**context, "state": "already", **_letter(signature),
                                                                   **_next_steps(request, campaign)})
    if expired:
        return _signature_page(request, "campaigns/confirm.html", {**context, "state": "expired"}, status=410)
    # A GET, or a POST that lost the race with another confirming the same link.
    return _signature_page(request, "campaigns/confirm.html", {**context, "state": "ask"})


@functools.lru_cache(maxsize=1024)
def _confirmed_url(slug, language):
    with translation.override(language):
        return reverse("campaigns:confirmed", kwargs={"slug": slug})


@require_GET
def confirmed(request, slug):
    """Where a confirmation leads: nothing personal on it, so one copy serves every signer."""
    campaign = get_object_or_404(public_campaigns, slug=slug)
    context = {"campaign": campaign, "title": campaign.translated("title"), "state": "confirmed",
               "total": services.counts(campaign)["total"], "preview": _preview(request, campaign),
               "letter_in_fragment": campaign.letter_enabled, **_next_steps(request, campaign)}
    return _short_lived(TemplateResponse(request, "campaigns/confirm.html", context), PAGE_MAX_AGE)


def _letter(signature):
    if not signature.campaign.letter_enabled:
        return {}
    return {"letter_url": reverse("campaigns:letter", args=[services.letter_token(signature)])}


@csrf_exempt
@require_POST
def resend(request, token):
    try:
        signature, _expired = services.signature_for_token(token)
    except services.InvalidLink:
        return _signature_page(request, "campaigns/confirm.html", {"state": "invalid"}, status=404)
    sent = services.resend_confirmation(signature)
    campaign = signature.campaign
    context = {"campaign": campaign, "title": campaign.translated("title"), "state": "resent" if sent else "not_resent"}
    return _signature_page(request, "campaigns/confirm.html", context, status=200 if sent else 429)


@require_GET
def letter(request, token):
    try:
        signature = services.signature_for_letter(token)
    except services.InvalidLink:
        raise Http404() from None
    response = letters.pdf_response(signature)
    response["X-Robots-Tag"] = "noindex"
    return _never_cached(response)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def endorse(request, slug):
    campaign = get_object_or_404(public_campaigns.filter(endorsement_enabled=True), slug=slug)
    if request.method == "GET":
        response = TemplateResponse(request, "campaigns/endorse.html", {
            "campaign": campaign, "title": campaign.translated("title"), "form": EndorsementForm(),
            "open": campaign.is_open_for_signing(),
        })
        return _short_lived(response, PAGE_MAX_AGE)
    form = EndorsementForm(request.POST)
    status = 400
    if form.is_valid():
        if form.is_honeypot_filled:
            return _never_cached(redirect("campaigns:endorse_thanks", slug=campaign.slug))
        data = form.cleaned_data
        try:
            services.endorse(
                campaign, organisation_name=data["organisation_name"], representative_name=data["representative_name"],
                representative_role=data["representative_role"], email=data["email"], country=data["country"],
                language=_language(), ip=client_ip(request),
            )
        except services.SigningError as error:
            form.add_error(None, str(error))
            status = error.status
        else:
            return _never_cached(redirect("campaigns:endorse_thanks", slug=campaign.slug))
    response = TemplateResponse(request, "campaigns/endorse.html", {
        "campaign": campaign, "title": campaign.translated("title"), "form": form,
        "open": campaign.is_open_for_signing(),
    }, status=status)
    return _never_cached(response)


@require_GET
def endorse_thanks(request, slug):
    campaign = get_object_or_404(public_campaigns.filter(endorsement_enabled=True), slug=slug)
    context = {"campaign": campaign, "title": campaign.translated("title"), "days": services.confirmation_lifetime().days}
    return _never_cached(TemplateResponse(request, "campaigns/endorse_thanks.html", context))


@csrf_exempt
@require_http_methods(["GET", "POST"])
def endorsement_confirm(request, token):
    try:
        endorsement = services.endorsement_for_token(token)
    except services.InvalidLink:
        return _signature_page(request, "campaigns/endorsement_confirm.html", {"state": "invalid"}, status=404)
    campaign = endorsement.campaign
    context = {"campaign": campaign, "title": campaign.translated("title"), "endorsement": endorsement, "token": token}
    if endorsement.confirmed_at is not None:
        return _signature_page(request, "campaigns/endorsement_confirm.html", {**context, "state": "already"})
    if request.method == "GET":
        return _signature_page(request, "campaigns/endorsement_confirm.html", {**context, "state": "ask"})
    services.confirm_endorsement(endorsement)
    return _signature_page(request, "campaigns/endorsement_confirm.html", {**context, "state": "confirmed"})
