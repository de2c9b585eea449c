from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet

from solidarity.core.admin_panels import Line, WorkPanel
from solidarity.core.permissions import StaffSnippetViewSet

from .models import ContactMessage


class ContactMessageViewSet(StaffSnippetViewSet):
    """Messages from the Contact Us page: staff read them and mark them dealt with."""

    model = ContactMessage
    icon = "mail"
    menu_label = _("Contact messages")
    add_to_admin_menu = True
    menu_order = 250
    inspect_view_enabled = True
    list_display = ["subject", "name", "email", "language", "created", "notification_status", "handled"]
    list_filter = ["handled", "is_spam", "notification_status", "language"]
    search_fields = ["name", "email", "subject", "message"]
    inspect_view_fields = [
        "name", "email", "subject", "message", "language", "created", "is_spam", "handled",
        "notification_status", "notification_attempts", "notification_error",
    ]
    panels = [
        MultiFieldPanel(
            [FieldPanel(name, read_only=True) for name in ("name", "email", "subject", "message", "language", "created")],
            heading=_("Message"),
        ),
        FieldPanel("handled"),
    ]


register_snippet(ContactMessageViewSet)


@hooks.register("construct_homepage_panels")
def contact_homepage_panel(request, panels):
    if not request.user.has_perm("contact.change_contactmessage"):
        return
    unread = ContactMessage.objects.filter(handled=False, is_spam=False)
    listing = reverse(ContactMessage.snippet_viewset.get_url_name("list"))
    panels.append(WorkPanel(
        name="contact-messages", heading=gettext("Contact messages not dealt with"), order=30,
        lines=[Line(message.subject or message.name, date_format(timezone.localtime(message.created), "SHORT_DATE_FORMAT"),
                    reverse(ContactMessage.snippet_viewset.get_url_name("inspect"), args=[message.pk]))
               for message in unread.order_by("-created")[:8]],
        empty=gettext("Every message has been dealt with."),
        more_url=listing + "?handled=false", more_text=format_lazy("{} ({})", gettext("All messages not dealt with"),
                                                                    unread.count()),
    ))
