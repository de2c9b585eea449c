import pytest
from django.contrib.auth.models import Group

from solidarity.cases.models import Case, Status
from solidarity.network.models import Organisation

pytestmark = pytest.mark.django_db

FIELDS = ["kind", "date", "date_precision", "place_en", "place_fa", "description_en", "description_fa", "sources",
          "verification", "prison_years", "prison_months", "lashes", "fine_amount", "fine_currency", "ban_en",
          "ban_fa", "bail_amount", "bail_currency"]


def form(events=(), **fields):
    data = {
        "name_latin": "Sara Example", "name_fa": "سارا نمونه", "slug": "", "occupation_en": "Nurse",
        "occupation_fa": "پرستار", "affiliations_text_en": "", "affiliations_text_fa": "", "city_en": "Tabriz",
        "city_fa": "تبریز", "summary_en": "A nurse who spoke up.", "summary_fa": "", "photo": "",
        "is_public": "on", "show_occupation": "on",
        "events-TOTAL_FORMS": str(len(events)), "events-INITIAL_FORMS": "0", "events-MIN_NUM_FORMS": "0",
        "events-MAX_NUM_FORMS": "1000",
    }
    for i, event in enumerate(events):
        data |= {f"events-{i}-{name}": "" for name in FIELDS}
        data |= {f"events-{i}-id": "", f"events-{i}-ORDER": str(i + 1), f"events-{i}-DELETE": "",
                 f"events-{i}-verification": "unverified", f"events-{i}-date_precision": "day"}
        data |= {f"events-{i}-{name}": value for name, value in event.items()}
    return data | fields


@pytest.fixture
def editor(client, make_staff):
    client.force_login(make_staff("editor", "Editors"))
    return client


def test_an_editor_creates_a_case_with_its_timeline(editor):
    union = Organisation.objects.create(name_en="Nurses' Union")
    response = editor.post("/admin/snippets/cases/case/add/", form(
        events=[
            {"kind": "arrest", "date": "2023-03-12", "date_precision": "month", "place_en": "Tabriz Prison",
             "is_public": "on", "verification": "confirmed"},
            {"kind": "bail", "date": "2023-05-02", "bail_amount": "5000000000", "bail_currency": "IRR",
             "sources": "Family"},
        ],
        affiliations=[union.pk],
    ))
    assert response.status_code == 302, response.content.decode()[-3000:]
    case = Case.objects.get()
    assert case.slug == "sara-example"
    assert list(case.affiliations.all()) == [union]
    arrest, bail = case.timeline()
    assert (arrest.kind, str(arrest.date), arrest.date_precision, arrest.is_public) == ("arrest", "2023-03-01", "month", True)
    assert (bail.kind, bail.bail_amount, bail.is_public) == ("bail", 5000000000, False)
    # The status from every event for staff, from the public ones for the public.
    assert (case.status, case.public_status) == (Status.ON_BAIL, Status.DETAINED)
    assert editor.get("/en/cases/sara-example/").status_code == 200


def test_the_admin_explains_a_bail_amount_on_an_arrest_and_keeps_what_was_typed(editor):
    response = editor.post("/admin/snippets/cases/case/add/", form(
        events=[{"kind": "arrest", "date": "2023-03-12", "bail_amount": "100", "bail_currency": "IRR",
                 "place_en": "Somewhere kept"}],
    ))
    assert response.status_code == 200
    content = response.content.decode()
    assert "A bail amount belongs only on a release on bail." in content
    assert "Somewhere kept" in content
    assert not Case.objects.exists()


def test_the_admin_refuses_an_impossible_date(editor):
    response = editor.post("/admin/snippets/cases/case/add/", form(events=[{"kind": "arrest", "date": "2023-02-30"}]))
    assert response.status_code == 200
    assert not Case.objects.exists()


def test_the_admin_lists_and_searches_cases(editor, make_case):
    make_case("Sara Example", name_fa="سارا نمونه", is_public=False)
    make_case("Someone Else")
    content = editor.get("/admin/snippets/cases/case/", {"q": "سارا"}).content.decode()
    assert "Sara Example" in content and "Someone Else" not in content
    content = editor.get("/admin/snippets/cases/case/", {"is_public": "false"}).content.decode()
    assert "Sara Example" in content and "Someone Else" not in content


@pytest.mark.parametrize("group", ["Editors", "Campaigners"])
def test_editors_and_campaigners_may_manage_cases(group):
    codenames = set(Group.objects.get(name=group).permissions.filter(content_type__app_label="cases")
                    .values_list("codename", flat=True))
    assert {"add_case", "change_case", "delete_case", "view_case", "add_caseevent", "change_caseevent"} <= codenames


def test_a_translator_cannot_open_the_cases(client, make_staff):
    client.force_login(make_staff("translator", "Translators"))
    response = client.get("/admin/snippets/cases/case/")
    assert response.status_code == 403


def test_the_admin_filters_cases_by_status_and_organisation(editor, make_case):
    union = Organisation.objects.create(name_en="Nurses' Union")
    nurse = make_case("Nurse Example", events=[{"kind": "arrest", "date": "2023-01-01"}])
    nurse.affiliations.add(union)
    nurse.save()
    make_case("Released Example", events=[{"kind": "release", "date": "2023-01-01"}])
    content = editor.get("/admin/snippets/cases/case/", {"status": "detained"}).content.decode()
    assert "Nurse Example" in content and "Released Example" not in content
    content = editor.get("/admin/snippets/cases/case/", {"affiliations": union.pk}).content.decode()
    assert "Nurse Example" in content and "Released Example" not in content
