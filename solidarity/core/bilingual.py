"""Records that keep a field in both languages as `<field>_en` and `<field>_fa` (the network,
cases and campaigns do), read in the current language, and edited in the admin side by side,
each typed in its own direction."""

from solidarity.core.i18n import direction, is_persian

__all__ = ["Bilingual", "Text", "english_panel", "field_pair", "in_language", "is_persian", "persian_panel", "pick"]


class Text(str):
    """A string that knows its language ("en" or "fa"), so a template can mark English shown
    on a Persian page (a field not translated yet) with lang and dir (core's `bidi` filter)."""

    __slots__ = ("language",)

    def __new__(cls, value, language):
        text = super().__new__(cls, value)
        text.language = language
        return text

    def __reduce__(self):
        return (Text, (str(self), self.language))


def in_language(value, language):
    """`value` marked as written in `language`; empty stays a plain empty string."""
    return Text(value, "fa" if is_persian(language) else "en") if value else ""


def pick(en, fa, language=None):
    """The text in the reader's language, or the other one when it has not been written yet;
    either way it says which language it is in (a Text)."""
    if is_persian(language):
        return in_language(fa, "fa") or in_language(en, "en")
    return in_language(en, "en") or in_language(fa, "fa")


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
