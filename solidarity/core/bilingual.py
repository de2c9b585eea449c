"""Records that keep a field in both languages as `<field>_en` and `<field>_fa` (the network,
cases and campaigns do), read in the current language, and edited in the admin side by side,
each typed in its own direction."""

from solidarity.core.i18n import direction, is_persian

__all__ = ["Bilingual", "english_panel", "field_pair", "is_persian", "persian_panel", "pick"]


def pick(en, fa, language=None):
    """The text in the reader's language, or the other one when it has not been written yet."""
    if is_persian(language):
        return fa or en
    return en or fa


class Bilingual:
    """Reads `<field>_en` / `<field>_fa` pairs as one value in the current language."""

    def translated(self, field, language=None):
        return pick(getattr(self, f"{field}_en"), getattr(self, f"{field}_fa"), language)


def _typed_panel(name, *, language, multiline):
    # Imported here: models import this module before Wagtail's admin is ready to load.
    from django import forms
    from wagtail.admin.panels import FieldPanel
    from wagtail.admin.widgets import AdminAutoHeightTextInput

    widget = AdminAutoHeightTextInput if multiline else forms.TextInput
    return FieldPanel(name, widget=widget(attrs={"dir": direction(language), "lang": language}))


def persian_panel(name, *, multiline=False):
    """A field typed in Persian: right to left in the admin, whatever the admin's language."""
    return _typed_panel(name, language="fa", multiline=multiline)


def english_panel(name, *, multiline=False):
    """A field typed in English: left to right, also in the Persian admin."""
    return _typed_panel(name, language="en", multiline=multiline)


def field_pair(field, heading=None, *, multiline=False):
    """`<field>_en` and `<field>_fa` side by side in the admin, each typed in its own direction."""
    from wagtail.admin.panels import FieldRowPanel

    return FieldRowPanel([english_panel(f"{field}_en", multiline=multiline),
                          persian_panel(f"{field}_fa", multiline=multiline)], heading=heading)
