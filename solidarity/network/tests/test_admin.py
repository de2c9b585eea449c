import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

MODELS = ["organisation", "event", "resolution", "correspondence", "lettertemplate"]


@pytest.mark.parametrize("model", MODELS)
def test_coordinators_list_and_add_every_network_record_in_the_wagtail_admin(client, model, resolution_21, aptuf_letter):
    client.force_login(User.objects.create_superuser("coordinator", "c@example.org", "pw"))
    assert client.get(f"/admin/snippets/network/{model}/").status_code == 200
    assert client.get(f"/admin/snippets/network/{model}/add/").status_code == 200


def test_the_organisation_form_keeps_private_notes_on_a_staff_only_tab(client, resolution_21):
    client.force_login(User.objects.create_superuser("coordinator", "c@example.org", "pw"))
    content = client.get(f"/admin/snippets/network/organisation/edit/{resolution_21.adopting_organisation_id}/").content.decode()
    assert "Staff only" in content
    assert 'name="notes"' in content and 'name="name_fa"' in content


def test_the_admin_refuses_a_parent_loop(client, resolution_21):
    client.force_login(User.objects.create_superuser("coordinator", "c@example.org", "pw"))
    ontario = resolution_21.adopting_organisation
    cupe = ontario.parent
    response = client.post(f"/admin/snippets/network/organisation/edit/{cupe.pk}/", {
        "name_en": cupe.name_en, "kind": "union", "relationship": "partner", "parent": ontario.pk, "country": "CA",
    })
    assert response.status_code == 200
    assert "cannot be part of itself or of one of its own branches" in response.content.decode()
    cupe.refresh_from_db()
    assert cupe.parent_id is None
