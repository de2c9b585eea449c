"""Every English/Persian pair in the admin is typed in its own direction: the Persian field right
to left and the English one left to right, whatever the admin's own language."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from solidarity.campaigns.models import Campaign
from solidarity.cases.models import Case
from solidarity.network.models import Event, Organisation
from solidarity.supporters.models import MailingList

pytestmark = pytest.mark.django_db


class _Fields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("input", "textarea") and attrs.get("name"):
            self.fields[attrs["name"]] = attrs


def fields_on(client, model):
    url_name = "supporters_mailinglist:add" if model is MailingList else model.snippet_viewset.get_url_name("add")
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    parser = _Fields()
    parser.feed(response.content.decode())
    return parser.fields


@pytest.mark.parametrize("model", [Campaign, Case, Organisation, Event, MailingList])
def test_persian_fields_are_typed_right_to_left_and_english_ones_left_to_right(client, make_staff, model):
    client.force_login(make_staff("admin", "Administrators"))
    fields = fields_on(client, model)
    persian = [name for name in fields if name.endswith("_fa")]
    english = [name for name in fields if name.endswith("_en")]
    assert persian and english
    typed = {name: (fields[name].get("dir"), fields[name].get("lang")) for name in persian + english}
    assert typed == dict.fromkeys(persian, ("rtl", "fa")) | dict.fromkeys(english, ("ltr", "en"))


def snippet_models_with_pairs():
    from wagtail.snippets.models import get_snippet_models

    return [model for model in get_snippet_models()
            if any(field.name.endswith("_fa") for field in model._meta.get_fields())]


def test_every_form_with_english_persian_pairs_types_each_in_its_own_direction_inline_rows_too(client, make_staff):
    client.force_login(make_staff("admin", "Administrators"))
    wrong = {}
    for model in [*snippet_models_with_pairs(), MailingList]:
        fields = fields_on(client, model)
        for name, attrs in fields.items():
            if name.endswith(("_fa", "_en")) and attrs.get("type") not in ("hidden", "checkbox", "file"):
                want = ("rtl", "fa") if name.endswith("_fa") else ("ltr", "en")
                if (attrs.get("dir"), attrs.get("lang")) != want:
                    wrong[f"{model.__name__}.{name}"] = (attrs.get("dir"), attrs.get("lang"))
    assert wrong == {}
