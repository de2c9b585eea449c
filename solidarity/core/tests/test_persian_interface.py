"""The Persian catalogue: complete, compiled, and what Persian readers actually see."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

SOLIDARITY = Path(__file__).resolve().parents[2]
# The main catalogue and each app's own (apps with their own catalogue keep their strings there).
CATALOGUES = sorted(SOLIDARITY.glob("**/locale/fa/LC_MESSAGES/django.po"))


def entries(catalogue):
    return [entry for entry in polib.pofile(str(catalogue)) if not entry.obsolete]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(SOLIDARITY)))
def test_every_message_has_a_persian_translation(path):
    catalogue = polib.pofile(str(path))

    assert catalogue.metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(SOLIDARITY)))
def test_the_compiled_catalogue_matches_the_translations(path):
    # Fails when the .po was edited and compilemessages not run again.
    with translation.override("fa"):
        for entry in entries(path):
            if entry.msgid_plural:
                assert translation.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgstr_plural[0]
                assert translation.ngettext(entry.msgid, entry.msgid_plural, 5) == entry.msgstr_plural[1]
            elif entry.msgctxt:
                assert translation.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr, entry.msgid
            else:
                assert translation.gettext(entry.msgid) == entry.msgstr, entry.msgid


def test_the_persian_home_page_speaks_persian(client, site_tree):
    response = client.get("/fa/")

    assert "تازه‌ترین نوشته‌ها" in response.text
    assert "پرش به محتوا" in response.text
    assert "هنوز چیزی منتشر نشده است." in response.text
    for english in ("Latest articles", "Skip to content", "Search the site", "Nothing has been published yet."):
        assert english not in response.text
