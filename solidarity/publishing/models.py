
from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from solidarity.campaigns.models import public_campaigns
from solidarity.core.text import html_text, search_document
from solidarity.core.validators import DeliverableEmailField

from .blocks import RICH_TEXT_FEATURES, BodyBlock


class SearchTextMixin:
    """Adds `search_text`: the page's words folded for Persian-aware search.

    Queries go through `solidarity.core.text.search_terms`, the same fold (see search.query).
    """

    def search_parts(self):
        return [self.title, getattr(self, "search_description", "")]

    def search_text(self):
        text = " ".join(html_text(str(part)) for part in self.search_parts() if part)
        # The title counted three times: both databases rank by how often a word occurs, and
        # a word in the title says more about the page than one in the body.
        return search_document(f"{self.title} {self.title} {text}")


def stream_text(stream):
    """The readable text of a StreamField value, for search and feeds."""
    parts = []
    for block in stream or []:
        value = block.value
        if hasattr(value, "source"):  # RichText
            parts.append(html_text(value.source))
        elif isinstance(value, str):
            parts.append(value)
        elif hasattr(value, "items"):  # StructValue
            parts.extend(str(v) for v in value.values() if isinstance(v, str))
        elif isinstance(value, list | tuple) or hasattr(value, "__iter__"):
            parts.extend(str(v) for v in value if isinstance(v, str))
    return " ".join(parts)


# The home page's featured campaign shows its confirmed count; the page is redrawn this often.
HOME_PAGE_MAX_AGE = 30


class HomePage(SearchTextMixin, Page):
    mission = RichTextField(features=["bold", "italic", "link"], verbose_name=_("mission"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("mission"),
        InlinePanel("features", label=_("Featured"), heading=_("What the home page features"),
                    help_text=_("Campaigns, cases or articles, in this order. When empty, the most recent "
                                "campaign open for signing is featured.")),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("search_text")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def search_parts(self):
        return [self.title, self.mission, stream_text(self.body)]

    def featured(self):
        """What the editors chose to feature, in their order: (kind, record) pairs, each record
        shown only while it is public (a campaign not a draft, a public case, a live article)."""
        chosen = []
        for feature in self.features.select_related("campaign", "case", "article").order_by("sort_order", "pk"):
            record = feature.record()
            if record is not None:
                chosen.append(record)
        return chosen

    def feature_cards(self):
        """What the home page's featured area shows, as public views: ("campaign", card),
        ("case", public case) or ("article", page). By default, the most recent campaign open
        for signing."""
        from solidarity.campaigns import services as campaigns
        from solidarity.cases import services as cases

        cards = []
        for kind, record in self.featured():
            if kind == "campaign":
                cards.append((kind, campaigns.campaign_card(record)))
            elif kind == "case":
                cards.append((kind, cases.public_case(record, with_timeline=False)))
            else:
                cards.append((kind, record))
        if not cards:
            cards = [("campaign", campaigns.campaign_card(campaign)) for campaign in campaigns.live_campaigns(limit=1)]
        return cards

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["features"] = self.feature_cards()
        return context

    def serve(self, request, *args, **kwargs):
        from django.utils.cache import patch_cache_control

        response = super().serve(request, *args, **kwargs)
        features = (getattr(response, "context_data", None) or {}).get("features") or []
        if any(kind == "campaign" for kind, _card in features):
            # It shows a live count: kept by the page cache and browsers for seconds, not minutes.
            patch_cache_control(response, public=True, max_age=HOME_PAGE_MAX_AGE)
        return response

    def latest_articles(self, count=6):
        return (
            ArticlePage.objects.live()
            .public()
            .filter(locale=self.locale)
            .order_by("-date", "-pk")
            .specific()[:count]
        )


class HomeFeature(Orderable):
    """One thing the home page features: a campaign, a case or an article."""

    page = ParentalKey(HomePage, related_name="features", on_delete=models.CASCADE)
    # Chosen from a list of the public campaigns, so that editors, who may not open the
    # campaigns' admin, can feature one too.
    campaign = models.ForeignKey("campaigns.Campaign", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="+", verbose_name=_("campaign"), limit_choices_to=public_campaigns)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("case"))
    article = models.ForeignKey("publishing.ArticlePage", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="+", verbose_name=_("article"))

    panels = [FieldPanel("campaign", widget=forms.Select), FieldPanel("case"), FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured item")
        verbose_name_plural = _("featured items")

    def clean(self):
        super().clean()
        if sum(1 for pk in (self.campaign_id, self.case_id, self.article_id) if pk) != 1:
            raise ValidationError(_("Choose one campaign, one case or one article for each featured item."))

    def record(self):
        """("campaign" | "case" | "article", the record), or None while it is not public (an
        article behind a password or a sign-in is not). An article is featured in the reader's
        language when it has been translated."""
        if self.campaign_id:
            return ("campaign", self.campaign) if self.campaign.is_public else None
        if self.case_id:
            return ("case", self.case) if self.case.is_public else None
        if self.article_id:
            article = self.article.localized
            # A page behind a password or a sign-in is not shown to everyone, even by its title.
            public = article.live and not article.get_view_restrictions().exists()
            return ("article", article.specific) if public else None
        return None


class StandardPage(SearchTextMixin, Page):
    """About Us and other pages of plain text."""

    intro = models.TextField(blank=True, verbose_name=_("introduction"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("search_text")]
    parent_page_types = ["publishing.HomePage", "publishing.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def search_parts(self):
        return [self.title, self.intro, stream_text(self.body)]


class ObjectivesPage(SearchTextMixin, Page):
    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True, verbose_name=_("introduction"))
    objectives = StreamField(
        [("objective", blocks.RichTextBlock(features=["bold", "italic", "link"], label=_("Objective")))],
        verbose_name=_("objectives"),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("objectives")]
    search_fields = Page.search_fields + [index.SearchField("search_text")]
    parent_page_types = ["publishing.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("objectives page")

    def search_parts(self):
        return [self.title, self.intro, stream_text(self.objectives)]


class ArticleType(models.TextChoices):
    NEWS = "news", _("News")
    STATEMENT = "statement", _("Statement")
    REPORT = "report", _("Report")
    INTERVIEW = "interview", _("Interview")
    LETTER = "letter", _("Letter")


class ArticleIndexPage(SearchTextMixin, Page):
    intro = models.TextField(blank=True, verbose_name=_("introduction"))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("search_text")]
    parent_page_types = ["publishing.HomePage"]
    subpage_types = ["publishing.ArticlePage"]
    per_page = 10

    class Meta:
        verbose_name = _("article index")

    def search_parts(self):
        return [self.title, self.intro]

    def articles(self):
        return (
            ArticlePage.objects.live().public().descendant_of(self).order_by("-date", "-pk")
        )

    def filtered_articles(self, params):
        articles = self.articles()
        article_type = params.get("type", "")
        if article_type in ArticleType.values:
            articles = articles.filter(article_type=article_type)
        tag = params.get("tag", "")
        if tag:
            articles = articles.filter(tags__slug=tag)
        year = params.get("year", "")
        if year.isdigit():
            articles = articles.filter(date__year=int(year))
        return articles.distinct(), {"type": article_type, "tag": tag, "year": year}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles, filters = self.filtered_articles(request.GET)
        paginator = Paginator(articles, self.per_page)
        try:
            page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page = paginator.page(1)
        except EmptyPage:
            page = paginator.page(paginator.num_pages)
        context.update(
            articles=page,
            filters=filters,
            article_types=ArticleType.choices,
            years=self.articles().dates("date", "year", order="DESC"),
            tags=ArticlePage.tags.most_common()[:30] if articles else [],
        )
        return context


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("publishing.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


class ArticlePage(SearchTextMixin, Page):
    article_type = models.CharField(
        max_length=20, choices=ArticleType.choices, default=ArticleType.NEWS, verbose_name=_("type")
    )
    date = models.DateField(verbose_name=_("date"))
    summary = models.TextField(verbose_name=_("summary"))
    body = StreamField(BodyBlock(), verbose_name=_("body"))
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("article_type"), FieldPanel("date"), FieldPanel("tags")], heading=_("About")),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Attachments")),
        InlinePanel("related_links", label=_("Related articles")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("search_text"),
        index.FilterField("article_type"),
        index.FilterField("date"),
    ]
    parent_page_types = ["publishing.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def search_parts(self):
        return [self.title, self.summary, stream_text(self.body)]

    def records(self):
        """The network's public records this article is about, whichever language's version of
        the article they name: resolutions it answers, events it reports and their letters, each
        at its address in the reader's language (a letter's translation when there is one)."""
        from django.urls import reverse
        from django.utils.translation import gettext

        from solidarity.core.i18n import site_language
        from solidarity.network.models import Correspondence, Event, Resolution

        versions = ArticlePage.objects.filter(translation_key=self.translation_key).values("pk")
        resolutions = list(Resolution.objects.public().filter(response_article__in=versions,
                                                             adopting_organisation__draft=False))
        events = list(Event.objects.public().filter(related_articles__in=versions).distinct())
        letters = (Correspondence.objects.public().filter(status=Correspondence.Status.PUBLISHED)
                   .filter(models.Q(event__in=events) | models.Q(resolution__in=resolutions))
                   .prefetch_related("translations").distinct())
        language = site_language()
        records = [{"kind": gettext("Resolution"), "url": resolution.get_absolute_url(),
                    "title": (gettext("No. %(number)s: %(title)s") % {"number": resolution.number,
                                                                    "title": resolution.translated("title")}
                              if resolution.number else resolution.translated("title"))}
                   for resolution in resolutions]
        for letter in letters:
            if letter.language != language:
                letter = next((t for t in letter.translations.all() if t.language == language and t.is_public), letter)
            records.append({"kind": gettext("Letter"), "title": letter.subject, "url": letter.get_absolute_url(),
                            "pdf_url": reverse("network:letter_pdf", args=[letter.pk]), "language": letter.language})
        records += [{"kind": gettext("Event"), "title": event.translated("title"), "url": event.get_absolute_url()}
                    for event in events]
        return records

    def related_articles(self):
        # The editor's order; links added by code may share a sort_order, so then the order added.
        links = self.related_links.select_related("article").order_by("sort_order", "pk")
        return [link.article.specific for link in links if link.article.live]


class ArticleAttachment(Orderable):
    page = ParentalKey(ArticlePage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("document")
    )
    title = models.CharField(max_length=255, blank=True, verbose_name=_("title"))

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def label(self):
        return self.title or self.document.title


class RelatedArticle(Orderable):
    page = ParentalKey(ArticlePage, related_name="related_links", on_delete=models.CASCADE)
    article = models.ForeignKey(
        ArticlePage, on_delete=models.CASCADE, related_name="+", verbose_name=_("article")
    )

    panels = [FieldPanel("article")]


# The colours site.css starts from (its :root custom properties).
DEFAULT_COLOURS = {"--accent": "#a8201a", "--dark": "#3b0a08"}
# WCAG AA for normal text.
MIN_CONTRAST = 4.5
HEX_COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Write the colour as # and six hexadecimal digits, e.g. #a8201a."))


def contrast(first, second):
    """The WCAG contrast ratio of two #rrggbb colours."""

    def luminance(colour):
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@register_setting(icon="site")
class SiteIdentity(BaseGenericSetting):
    """What every page shows about the organisation that runs the site."""

    contact_email = DeliverableEmailField(blank=True, verbose_name=_("contact e-mail address"))
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("logo"), help_text=_("Shown beside the site's name in the header; best wider than tall."),
    )
    favicon = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("browser tab icon"), help_text=_("A square picture; shown small in browser tabs and bookmarks."),
    )
    accent_colour = models.CharField(
        max_length=7, blank=True, validators=[HEX_COLOUR], verbose_name=_("accent colour"),
        help_text=_("Links, buttons and the line under the header, as #rrggbb; dark enough for white text on it."),
    )
    dark_colour = models.CharField(
        max_length=7, blank=True, validators=[HEX_COLOUR], verbose_name=_("dark colour"),
        help_text=_("The home page's featured area and link preview pictures, as #rrggbb; dark enough for white "
                    "text on it."),
    )

    panels = [
        FieldPanel("contact_email"),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("favicon"), FieldPanel("accent_colour"),
                         FieldPanel("dark_colour")], heading=_("Look")),
    ]

    class Meta:
        verbose_name = _("site identity")

    def clean(self):
        super().clean()
        errors = {}
        for name in ("accent_colour", "dark_colour"):
            value = getattr(self, name)
            if value and HEX_COLOUR.regex.fullmatch(value) and contrast(value, "#ffffff") < MIN_CONTRAST:
                errors[name] = _("White text on this colour is hard to read: choose a darker colour.")
        if errors:
            raise ValidationError(errors)

    def preview_colours(self):
        """The colours of drawn link-preview pictures (core.preview.draw's arguments)."""
        return {key: value for key, value in (("background", self.dark_colour), ("accent", self.accent_colour))
                if value}

    def colours(self):
        """The CSS custom properties that differ from the stylesheet's defaults: only a site that
        changes them pays for the small stylesheet that carries them."""
        return {prop: value for prop, value in (("--accent", self.accent_colour), ("--dark", self.dark_colour))
                if value and value.lower() != DEFAULT_COLOURS[prop]}

