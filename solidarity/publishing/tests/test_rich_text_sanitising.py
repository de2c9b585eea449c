"""Rich text reaches readers without scripts, event handlers or javascript: links, whether
it was typed into Wagtail's editor (even by a tampered browser) or stored by code."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from solidarity.publishing import factories
from solidarity.publishing.models import ArticlePage, ObjectivesPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_cache")]

HOSTILE_HTML = (
    '<p>Read <a href="javascript:alert(document.cookie)">the resolution</a>'
    '<script>alert("script")</script><img src="x" onerror="alert(1)">'
    '<b onmouseover="alert(2)">now</b></p>'
)
# What a tampered editor could send: text that looks like markup and a javascript: link.
# Wagtail's own HTML-to-editor converter cannot read an <img> without the image feature.
EDITOR_HTML = HOSTILE_HTML.replace('<img src="x" onerror="alert(1)">', "")
HOSTILE_TEXT = "<script>alert(1)</script> <img src=x onerror=alert(1)>"
HOSTILE_CONTENTSTATE = json.dumps({
    "blocks": [{
        "key": "a1b2c", "type": "unstyled", "depth": 0, "text": f"Read {HOSTILE_TEXT}",
        "inlineStyleRanges": [], "entityRanges": [{"offset": 0, "length": 4, "key": 0}], "data": {},
    }],
    "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(document.cookie)"}}},
})


def assert_harmless(html, *, expected_text):
    main = BeautifulSoup(html, "html.parser").find("main")
    assert expected_text in main.get_text()
    assert main.find_all("script") == []
    assert main.find_all("img", src="x") == []
    for element in main.find_all(True):
        assert not [name for name in element.attrs if name.lower().startswith("on")], element
        assert not element.get("href", "").strip().lower().startswith("javascript:"), element


def test_rich_text_typed_into_a_rich_text_field_is_shown_without_scripts(client, site_tree, make_staff):
    objectives = site_tree["objectives"]
    client.force_login(make_staff("editor", "Editors"))
    response = client.post(reverse("wagtailadmin_pages:edit", args=[objectives.pk]), nested_form_data({
        "title": objectives.title, "slug": objectives.slug,
        "intro": HOSTILE_CONTENTSTATE,
        "objectives": streamfield([("objective", rich_text(EDITOR_HTML, features=["bold", "italic", "link"]))]),
        "comments": inline_formset([]), "seo_title": "", "search_description": "",
        "action-publish": "action-publish",
    }))
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    html = client.get(objectives.url).content.decode()
    # The text the editor typed is shown as text.
    assert_harmless(html, expected_text=HOSTILE_TEXT)
    assert_harmless(html, expected_text="the resolution")


def test_rich_text_typed_into_an_article_body_paragraph_is_shown_without_scripts(client, site_tree, make_staff):
    client.force_login(make_staff("editor", "Editors"))
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["publishing", "articlepage", site_tree["news"].pk]),
        nested_form_data({
            "title": "Resolution No. 21", "slug": "resolution-21", "article_type": "news", "date": "2012-05-28",
            "summary": "Adopted.", "tags": "",
            "body": streamfield([("paragraph", HOSTILE_CONTENTSTATE), ("paragraph", rich_text(EDITOR_HTML))]),
            "attachments": inline_formset([]), "related_links": inline_formset([]), "comments": inline_formset([]),
            "action-publish": "action-publish",
        }),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    html = client.get(ArticlePage.objects.get(slug="resolution-21").url).content.decode()
    assert_harmless(html, expected_text=HOSTILE_TEXT)
    assert_harmless(html, expected_text="the resolution")


def test_rich_text_stored_by_code_is_cleaned_in_a_rich_text_field_and_a_paragraph(client, site_tree):
    # An import of old pages, for instance, writes HTML without the editor.
    objectives = ObjectivesPage.objects.get(pk=site_tree["objectives"].pk)
    objectives.intro = HOSTILE_HTML
    factories.publish(objectives)
    article = factories.make_article(site_tree["news"], title="Resolution No. 21", slug="resolution-21",
                                     body=[("paragraph", HOSTILE_HTML)])

    stored = ObjectivesPage.objects.get(pk=objectives.pk).intro
    assert "<script" not in stored and "onerror" not in stored and "javascript:" not in stored
    assert "<b>now</b>" in stored

    for page in (objectives, article):
        assert_harmless(client.get(page.url).content.decode(), expected_text="the resolution")


def test_internal_links_and_allowed_formatting_survive_the_cleaning(client, site_tree):
    about = site_tree["about"]
    article = factories.make_article(site_tree["news"], title="Resolution No. 21", slug="resolution-21", body=[
        ("paragraph", f'<h2>Considerations</h2><p>See <a linktype="page" id="{about.pk}">who we are</a>, '
                      '<i>in full</i>.</p><ul><li>one</li></ul>'),
    ])
    html = client.get(article.url).content.decode()
    main = BeautifulSoup(html, "html.parser").find("main")
    assert main.find("a", string="who we are")["href"] == about.url
    assert main.find("h2", string="Considerations") is not None
    assert main.find("i", string="in full") is not None
    assert main.find("li", string="one") is not None
