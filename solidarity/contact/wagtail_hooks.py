from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet

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
