"""Text in the other language than the page's is marked, and names inside a line are isolated."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _element_holding(content, text):
    """The opening tag of the innermost element that holds `text`."""
    index = content.index(text)
    start = content.rindex("<", 0, index)
    return content[start:content.index(">", start) + 1]


def test_an_untranslated_commitment_on_a_persian_resolution_page_is_marked_english(client, resolution_21):
    content = client.get(f"/fa/network/resolutions/{resolution_21.pk}/").content.decode()
    assert _element_holding(content, "Condemn the persecution") == '<span lang="en" dir="ltr">'


def test_a_translated_title_on_a_persian_page_is_not_marked_english(client, resolution_21):
    content = client.get(f"/fa/network/resolutions/{resolution_21.pk}/").content.decode()
    heading = re.search(r"<h1>.*?</h1>", content, re.S).group(0)
    assert 'lang="en"' not in heading and "همبستگی با کارگران ایران" in heading


def test_on_an_english_page_a_text_written_only_in_persian_is_marked_persian(client, resolution_21):
    clause = resolution_21.commitments[0]
    clause.text_en, clause.text_fa = "", "محکوم کردن آزار کارگران"
    clause.save(update_fields=["text_en", "text_fa"])
    content = client.get(f"/en/network/resolutions/{resolution_21.pk}/").content.decode()
    assert _element_holding(content, "محکوم کردن آزار کارگران") == '<span lang="fa" dir="rtl">'


def test_an_english_letter_listed_on_a_persian_page_is_marked_english(client, aptuf_letter):
    aptuf = aptuf_letter.recipients.get()
    content = client.get(f"/fa/network/organisations/{aptuf.pk}/").content.decode()
    assert _element_holding(content, aptuf_letter.subject) == '<span lang="en" dir="ltr">'


def test_names_in_a_line_of_the_registry_are_isolated(client, resolution_21):
    content = client.get(f"/en/network/organisations/{resolution_21.adopting_organisation.pk}/").content.decode()
    # A resolution number next to its title is isolated, so "21:" keeps its colon on the right side.
    assert "<bdi>21</bdi>: " in content


def test_the_persian_registry_marks_an_english_organisation_name(client, resolution_21, make_org):
    organisation = resolution_21.adopting_organisation
    organisation.name_fa = ""
    organisation.save(update_fields=["name_fa"])
    content = client.get("/fa/network/resolutions/").content.decode()
    assert f'<span lang="en" dir="ltr">{organisation.name_en}</span>' in content
