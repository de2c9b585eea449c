"""Records that keep a field in both languages as `<field>_en` and `<field>_fa` (the network,
cases and campaigns do), read in the current language."""

from solidarity.core.i18n import is_persian

__all__ = ["Bilingual", "is_persian", "pick"]


def pick(en, fa, language=None):
    """The text in the reader's language, or the other one when it has not been written yet."""
    if is_persian(language):
        return fa or en
    return en or fa


class Bilingual:
    """Reads `<field>_en` / `<field>_fa` pairs as one value in the current language."""

    def translated(self, field, language=None):
        return pick(getattr(self, f"{field}_en"), getattr(self, f"{field}_fa"), language)
