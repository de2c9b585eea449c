"""The admin's menu grouped by what people do, not one flat item per model.

Each app registers its own menu items (wagtail_hooks.py); this puts them, by their names, under
Publishing, Campaigns, Network, Cases, Supporters and newsletter, and Settings. An item not
named here stays where it is, so a new app's item is never lost. The group shows when the person
may see one of its items.
"""

from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.wagtail_hooks import ExplorerMenuItem

# (name, label, icon, order, the names of the items it holds: a group's own items are taken in)
GROUPS = [
    ("publishing", _("Publishing"), "doc-full-inverse", 100,
     ["pages", "images", "documents", "translations-waiting", "old-site-archive"]),
    ("campaigns", _("Campaigns"), "warning", 200, ["campaigns", "signatures", "campaign-dashboards"]),
    ("network", _("Network"), "group", 300, ["network", "network-csv", "new-letter-from-a-template"]),
    ("cases", _("Cases"), "user", 400, ["cases"]),
    ("supporters-and-newsletter", _("Supporters and newsletter"), "mail", 500,
     ["supporters", "supporters-csv", "newsletter-issues", "send-the-newsletter", "contact-messages"]),
]


def pages_item():
    # Wagtail's page explorer opens a flyout that only works at the top of the menu; inside the
    # Publishing group, "Pages" goes to the same page listing.
    return MenuItem(_("Pages"), reverse("wagtailadmin_explore_root"), name="pages", icon_name="folder-open-inverse",
                    order=1)


def translations_waiting_item():
    return MenuItem(_("Waiting for translation"), reverse("core_translations_waiting"), name="translations-waiting",
                    icon_name="globe", order=5)


def english_name(item):
    """The item's name from its English label. Wagtail names an item from its label when it is
    made, which is in the language of the first request that builds the menu: Persian after a
    restart if a Persian staff member comes first."""
    if isinstance(item, ExplorerMenuItem):
        return "explorer"
    with translation.override("en"):
        return slugify(str(item.label))


def group_menu(request, items):
    """Regroups the top-level `items` in place (Wagtail's construct_main_menu hook)."""
    by_name = {english_name(item): item for item in items}
    for name, item in by_name.items():
        item.name = name  # the same name in every language (the sidebar keys its state by it)
    if "explorer" in by_name:
        items.remove(by_name.pop("explorer"))
        by_name["pages"] = pages_item()
    by_name["translations-waiting"] = translations_waiting_item()
    grouped = []
    for name, label, icon, order, members in GROUPS:
        children = []
        for member in members:
            item = by_name.get(member)
            if item is None:
                continue
            if item in items:
                items.remove(item)
            if isinstance(item, SubmenuMenuItem) and member == name:
                inner = item.menu.menu_items_for_request(request)
                for child in inner:
                    child.name = english_name(child)
                children += inner
            else:
                children.append(item)
        for position, child in enumerate(children):
            child.order = position * 10 + 10
        if len(children) == 1 and not isinstance(children[0], SubmenuMenuItem):
            single = children[0]
            single.order = order
            grouped.append(single)
        elif children:
            grouped.append(SubmenuMenuItem(label, Menu(items=children), name=name, icon_name=icon, order=order))
    items[:0] = grouped
