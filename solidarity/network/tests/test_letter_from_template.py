import datetime

import pytest
from django.contrib.auth.models import User

from solidarity.network.models import Correspondence, LetterTemplate

pytestmark = pytest.mark.django_db


def test_a_coordinator_starts_a_thanks_letter_from_a_template(client, alliance, resolution_21):
    client.force_login(User.objects.create_superuser("coordinator", "c@example.org", "pw"))
    template = LetterTemplate.objects.create(
        name="Thanks", kind=LetterTemplate.Kind.THANKS, language="en",
        subject="Thank you for Resolution {resolution}", salutation="Dear friends at {organisation},",
        body="The {alliance} thanks {organisation} for Resolution {resolution}.", closing="In solidarity,",
        signatories="{alliance}",
    )
    response = client.post("/admin/network/letters/new-from-template/", {
        "template": template.pk, "resolution": resolution_21.pk, "date": "2012-05-30",
    })
    letter = Correspondence.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/{letter.pk}/")
    assert letter.status == Correspondence.Status.DRAFT
    assert letter.subject == "Thank you for Resolution 21"
    assert letter.salutation == "Dear friends at CUPE Ontario,"
    assert letter.body == "The International Alliance in Support of Workers in Iran thanks CUPE Ontario for Resolution 21."
    assert letter.date == datetime.date(2012, 5, 30)
    assert letter.resolution == resolution_21
    assert [o.name_en for o in letter.recipients.all()] == ["CUPE Ontario"]
