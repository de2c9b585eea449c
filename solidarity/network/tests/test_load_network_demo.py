import pytest
from django.core.management import call_command

from solidarity.network.models import Correspondence, LetterTemplate, Organisation, Resolution


@pytest.mark.django_db
def test_the_demo_holds_both_legacy_documents_and_loads_only_once(site_tree):
    call_command("load_network_demo")
    call_command("load_network_demo")
    assert Resolution.objects.filter(number="21", adopting_organisation__name_en="CUPE Ontario").count() == 1
    assert Correspondence.objects.filter(subject__startswith="Solidarity Message to: Asian Conference").count() == 1
    assert Correspondence.objects.filter(language="fa", status="published").exists()
    assert Organisation.objects.filter(relationship=Organisation.Relationship.ALLIANCE).count() == 1
    assert set(LetterTemplate.objects.values_list("kind", "language")) == {
        ("greeting", "en"), ("greeting", "fa"), ("thanks", "en"), ("thanks", "fa")
    }
