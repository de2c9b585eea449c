import pytest
from django.core.management import call_command

from solidarity.cases.models import Case, CaseEvent, Status

pytestmark = pytest.mark.django_db


def test_the_demo_cases_are_loaded_once(capsys):
    call_command("load_cases_demo")
    first = sorted(Case.objects.values_list("slug", "status", "public_status", "is_public"))
    events = CaseEvent.objects.count()
    call_command("load_cases_demo")
    assert sorted(Case.objects.values_list("slug", "status", "public_status", "is_public")) == first
    assert CaseEvent.objects.count() == events
    assert "already loaded" in capsys.readouterr().out
    assert len(first) == 4
    assert [slug for slug, *_rest, public in first if not public] == ["omid-karimkhani"]


def test_the_demo_cases_are_valid_and_bilingual():
    call_command("load_cases_demo")
    statuses = {}
    for case in Case.objects.all():
        case.full_clean()
        assert case.name_fa and case.summary_en and case.summary_fa
        for event in case.events.all():
            event.full_clean(exclude=["case"])
        statuses[case.slug] = case.status
    assert statuses == {
        "kamran-sadeghpour": Status.HUNGER_STRIKE,
        "hamid-bavi": Status.SENTENCED,
        "nasrin-jafarzadeh": Status.RELEASED,
        "omid-karimkhani": Status.DETAINED,
    }


def test_the_demo_shows_on_the_public_list_in_both_languages(client):
    call_command("load_cases_demo")
    content = client.get("/fa/cases/").content.decode()
    assert "کامران صادق‌پور" in content and "امید کریم‌خانی" not in content
    assert client.get("/en/cases/omid-karimkhani/").status_code == 404


def test_the_demo_links_the_bus_workers_union_from_the_network_records(client):
    from solidarity.network.models import Organisation

    union = Organisation.objects.create(name_en="Syndicate of Workers of Tehran and Suburbs Bus Company")
    call_command("load_cases_demo")
    assert list(Case.objects.get(slug="kamran-sadeghpour").affiliations.all()) == [union]
    content = client.get("/en/cases/", {"organisation": union.pk}).content.decode()
    assert "Kamran Sadeghpour" in content and "Hamid Bavi" not in content


def test_the_demo_timelines_pass_the_checks_an_editor_would_meet():
    call_command("load_cases_demo")
    for case in Case.objects.all():
        assert [(problem.event.describe(), problem.message) for problem in case.check_timeline()] == [], case
