from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from solidarity.core.i18n import sort_key

from . import letters as letter_rendering
from . import registry as reg
from . import worldmap
from .models import Clause, Correspondence, Event, Organisation, Resolution

# Short pages: lighter for readers on slow, filtered connections, and quicker to draw.
PER_PAGE = 25
# Enough for Local → division → national union → federation → international, in one query.
PARENT_CHAIN = "parent__parent__parent__parent"

# Drafts from the archive import are never shown, nor named, until an editor accepts them.
published_letters = Correspondence.objects.public().filter(status=Correspondence.Status.PUBLISHED)
public_organisations = Organisation.objects.public()
public_resolutions = Resolution.objects.public().filter(adopting_organisation__draft=False)



def _map_query(request):
    """Each map marker links to the registry as it is, filtered by that country (and on its first page)."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _url_prefixes():
    """Addresses of records as prefixes: fifty rows need fifty links, not a hundred and fifty reverse()s."""
    return {name: reverse(f"network:{name}", args=[0]).removesuffix("0/")
            for name in ("resolution", "organisation", "event")}


def _hide_draft_event(record):
    # A record accepted by an editor may still point to an event nobody has reviewed yet: the
    # page leaves it out (in memory only) rather than name it.
    if record.event_id and record.event.draft:
        record.event = None


def registry(request):
    filters = reg.RegistryFilters.from_params(request.GET)
    paginator = Paginator(reg.adopted_resolutions(filters), PER_PAGE)
    by_year = reg.counts_by_year(filters)
    if not filters.year:
        # Without a year filter the year counts add up to the list's length: no separate COUNT query.
        paginator.count = sum(row["count"] for row in by_year)
    page = paginator.get_page(request.GET.get("page"))
    by_country = reg.counts_by_country(filters)
    return render(request, "network/registry.html", {
        "resolutions": page,
        "filters": filters,
        "by_country": by_country,
        "by_year": by_year,
        "kinds": Organisation.Kind.choices,
        "urls": _url_prefixes(),
        "world_map": worldmap.render_for_query(by_country, query=_map_query(request), selected=filters.country),
    })


def organisations(request):
    """Every public organisation, by name in the reader's language, with its kind and country."""
    rows = sorted(public_organisations.only("pk", "name_en", "name_fa", "acronym_en", "acronym_fa", "kind", "country"),
                  key=lambda organisation: sort_key(organisation.name))
    page = Paginator(rows, PER_PAGE * 4).get_page(request.GET.get("page"))
    return render(request, "network/organisations.html", {"organisations": page, "urls": _url_prefixes()})


def events(request):
    """Every public event, the latest first: conventions, conferences, days of action."""
    rows = Event.objects.public().order_by("-start_date", "-pk")
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "network/events.html", {"events": page, "urls": _url_prefixes()})


def registry_map(request):
    filters = reg.RegistryFilters.from_params(request.GET)
    svg = worldmap.render_for_query(reg.counts_by_country(filters), query=_map_query(request),
                                    selected=filters.country, standalone=True)
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


def resolution(request, pk):
    resolution = get_object_or_404(
        public_resolutions.select_related(
            f"adopting_organisation__{PARENT_CHAIN}", "event", "response_article", "source_document"
        ).prefetch_related(
            Prefetch("clauses", queryset=Clause.objects.order_by("sort_order")),
            Prefetch("submitted_by", queryset=public_organisations),
            Prefetch("letters", queryset=published_letters, to_attr="public_letters"),
        ),
        pk=pk,
    )
    _hide_draft_event(resolution)
    return render(request, "network/resolution.html", {"resolution": resolution})


def organisation(request, pk):
    organisation = get_object_or_404(
        public_organisations.select_related(PARENT_CHAIN).prefetch_related(
            Prefetch("children", queryset=public_organisations),
            Prefetch("resolutions",
                     queryset=Resolution.objects.public().select_related("event").order_by("-date", "-pk")),
            Prefetch("submitted_resolutions",
                     queryset=public_resolutions.select_related("adopting_organisation").order_by("-date", "-pk")),
            Prefetch("organised_events", queryset=Event.objects.public()),
            "related_articles",
        ),
        pk=pk,
    )
    letters = published_letters.filter(Q(sender=organisation) | Q(recipients=organisation)).distinct()
    return render(request, "network/organisation.html", {
        "organisation": organisation,
        "letters": letters,
        "urls": _url_prefixes(),
        "related_articles": [a for a in organisation.related_articles.all() if a.live],
    })


def event(request, pk):
    event = get_object_or_404(
        Event.objects.public().prefetch_related(
            Prefetch("organisers", queryset=public_organisations),
            Prefetch("resolutions", queryset=public_resolutions.select_related("adopting_organisation")),
            Prefetch("letters", queryset=published_letters, to_attr="public_letters"),
            "related_articles",
        ),
        pk=pk,
    )
    return render(request, "network/event.html", {
        "event": event,
        "related_articles": [a for a in event.related_articles.all() if a.live],
    })


def letters(request):
    page = Paginator(published_letters.select_related("sender", "event"), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "network/letters.html", {"letters": page})


def _published_letter(pk):
    letter = get_object_or_404(
        published_letters.select_related("sender", "event", "resolution", "translation_of").prefetch_related(
            Prefetch("recipients", queryset=public_organisations),
            Prefetch("translations", queryset=published_letters, to_attr="public_translations"),
        ),
        pk=pk,
    )
    _hide_draft_event(letter)
    return letter


def letter(request, pk):
    letter = _published_letter(pk)
    return render(request, "network/letter.html", {"letter": letter})


def letter_print(request, pk):
    letter = _published_letter(pk)
    return HttpResponse(letter_rendering.render_html(letter, request=request))


def letter_pdf(request, pk):
    letter = _published_letter(pk)
    response = HttpResponse(letter_rendering.render_pdf(letter), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="letter-{letter.pk}-{letter.date:%Y-%m-%d}.pdf"'
    return response


class ResolutionFeed(Feed):
    """The latest adopted resolutions; only public fields of the records appear here."""

    title = _("Resolutions in solidarity with workers in Iran")
    description = _("Resolutions adopted by unions and organisations around the world.")

    def link(self):
        return reverse("network:registry")

    def items(self):
        return Resolution.objects.adopted().select_related("adopting_organisation").order_by("-date", "-pk")[:50]

    def item_title(self, item):
        return f"{item.adopting_organisation.name}: {item.title}"

    def item_description(self, item):
        return f"{item.adopting_organisation.name} ({item.adopting_organisation.country_name}), {item.date:%Y-%m-%d}"

    def item_pubdate(self, item):
        import datetime

        return datetime.datetime.combine(item.date, datetime.time(12), tzinfo=datetime.UTC)
