"""A case's photo is shown only with consent and with its description; a case page links to
the actions about the person, in the reader's language."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from solidarity.campaigns.factories import make_campaign
from solidarity.publishing import factories


def photo():
    out = io.BytesIO()
    Image.new("RGB", (400, 400), "#444").save(out, format="PNG")
    return factories.make_image(title="Portrait", filename="portrait.png", content=out.getvalue())


def test_without_consent_the_photo_is_not_shown_anywhere_public(client, make_case):
    case = make_case("Kamran Example", photo=photo(), photo_alt_en="Kamran at work", show_photo=True,
                     photo_consent=False)

    content = client.get(case.get_absolute_url()).content.decode()

    assert "Kamran at work" not in content and "/media/images/portrait" not in content
    assert f"/en/cases/{case.slug}/preview.png" in content  # the preview is drawn instead


def test_with_consent_but_not_chosen_for_publication_the_photo_is_not_shown(client, make_case):
    case = make_case("Kamran Example", photo=photo(), photo_alt_en="Kamran at work", show_photo=False,
                     photo_consent=True)

    content = client.get(case.get_absolute_url()).content.decode()

    assert "Kamran at work" not in content and "/media/images/portrait" not in content


def test_with_consent_the_photo_is_shown_with_its_description_in_the_readers_language(client, make_case):
    case = make_case("Kamran Example", name_fa="کامران نمونه", photo=photo(), photo_alt_en="Kamran at work",
                     photo_alt_fa="کامران سر کار", show_photo=True, photo_consent=True)

    content = client.get(f"/fa/cases/{case.slug}/").content.decode()

    assert 'alt="کامران سر کار"' in content
    assert '<meta property="og:image" content="http://localhost/media/images/portra' in content


def test_a_photo_needs_its_description_in_each_language_the_case_has_a_name_in(make_case):
    case = make_case("Kamran Example", name_fa="کامران نمونه", photo=photo(), photo_alt_en="Kamran at work")

    with pytest.raises(ValidationError) as error:
        case.clean()

    assert set(error.value.message_dict) == {"photo_alt_fa"}


def test_the_case_page_links_to_its_public_actions_open_ones_first(client, make_case):
    case = make_case("Kamran Example")
    closed = make_campaign(slug="earlier", title_en="An earlier action", status="closed")
    open_action = make_campaign(slug="now", title_en="Free Kamran now")
    draft = make_campaign(slug="draft", title_en="A draft action", status="draft")
    for campaign in (closed, open_action, draft):
        campaign.cases.add(case)

    english = client.get(f"/en/cases/{case.slug}/").content.decode()
    persian = client.get(f"/fa/cases/{case.slug}/").content.decode()

    actions = english.split('<section class="case-actions"')[1].split("</section>")[0]
    assert actions.index("Free Kamran now") < actions.index("An earlier action")
    assert 'href="/en/campaigns/now/#sign"' in actions
    assert "A draft action" not in english
    assert 'href="/fa/campaigns/now/"' in persian


def test_the_drawn_preview_of_a_case_is_a_png(client, make_case):
    case = make_case("Kamran Example", name_fa="کامران نمونه")

    response = client.get(f"/fa/cases/{case.slug}/preview.png")

    assert response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)
