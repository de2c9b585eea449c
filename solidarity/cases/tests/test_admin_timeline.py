import re

import pytest
from wagtail.users.models import UserProfile

from solidarity.cases.models import Case, Status
from solidarity.cases.tests.test_admin import form

pytestmark = pytest.mark.django_db

DEATH_THEN_RELEASE = [
    {"kind": "arrest", "date": "2023-01-05", "place_en": "Evin Prison"},
    {"kind": "death_in_custody", "date": "2023-03-12", "description_en": "Died after interrogation, says the family"},
    {"kind": "release", "date": "2023-04-02", "description_en": "Body handed to the family at night"},
]
AFTER_DEATH = "This is dated after the death in custody (12 March 2023)."


@pytest.fixture
def staff_user(make_staff):
    return make_staff("editor", "Editors")


@pytest.fixture
def editor(client, staff_user):
    client.force_login(staff_user)
    return client


def prefer_persian(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fa"
    profile.save(update_fields=["preferred_language"])


def errors_next_to(content, index, field):
    """The error messages shown next to one field of the event at this place in the timeline."""
    found = re.search(rf'id="[^"]*-timeline-{index}-[^"]*-{field}-errors">(.*?)</div>', content, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip() if found else ""


def edit_form(case, events, **fields):
    """The edit form for a stored case: its stored events as they are, then new ones."""
    stored = [{"id": str(event.pk), "kind": event.kind, "date": event.date.isoformat(),
               "date_precision": event.date_precision, "description_en": event.description_en,
               "is_public": "on" if event.is_public else ""} for event in case.timeline()]
    data = form(events=stored + events, name_latin=case.name_latin, **fields)
    data["events-INITIAL_FORMS"] = str(len(stored))
    for i, event in enumerate(stored):
        data[f"events-{i}-id"] = event["id"]
    return data


def test_the_admin_refuses_a_release_after_a_death_in_custody_next_to_the_release_and_keeps_what_was_typed(editor):
    response = editor.post("/admin/snippets/cases/case/add/", form(events=DEATH_THEN_RELEASE))
    assert response.status_code == 200
    content = response.content.decode()
    assert AFTER_DEATH in errors_next_to(content, 2, "date")
    assert errors_next_to(content, 0, "date") == errors_next_to(content, 1, "date") == ""
    for typed in ("Evin Prison", "Died after interrogation, says the family", "Body handed to the family at night",
                  'value="2023-04-02"'):
        assert typed in content
    assert not Case.objects.exists()


def test_the_admin_refuses_a_second_death_in_custody_and_keeps_the_stored_timeline(editor, make_case):
    case = make_case("Sara Example", events=[{"kind": "arrest", "date": "2023-01-05"},
                                             {"kind": "death_in_custody", "date": "2023-03-12",
                                              "description_en": "Stored report"}])
    stored = [(event.pk, event.kind, event.date, event.description_en) for event in case.timeline()]
    response = editor.post(f"/admin/snippets/cases/case/edit/{case.pk}/", edit_form(case, [
        {"kind": "death_in_custody", "date": "2023-03-14", "description_en": "A second report, typed now"}]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "A person dies only once" in errors_next_to(content, 2, "kind")
    assert "A second report, typed now" in content and "Stored report" in content
    case.refresh_from_db()
    assert [(event.pk, event.kind, event.date, event.description_en) for event in case.timeline()] == stored
    assert case.status == Status.DECEASED


def test_the_errors_next_to_the_events_are_in_persian_on_the_persian_admin(editor, staff_user):
    prefer_persian(staff_user)
    response = editor.post("/admin/snippets/cases/case/add/", form(events=DEATH_THEN_RELEASE))
    shown = errors_next_to(response.content.decode(), 2, "date")
    assert "پس از جان‌باختن در بازداشت" in shown and "۱۲ مارس ۲۰۲۳" in shown


def test_the_admin_saves_a_release_that_partial_dates_may_place_before_the_death(editor):
    # "2023" for the death and "March 2023" for the release: the sources do not say which came first.
    response = editor.post("/admin/snippets/cases/case/add/", form(events=[
        {"kind": "arrest", "date": "2022-11-03"},
        {"kind": "release", "date": "2023-03-01", "date_precision": "month"},
        {"kind": "death_in_custody", "date": "2023-01-01", "date_precision": "year"},
    ]))
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert Case.objects.get().events.count() == 3


def test_a_release_with_no_arrest_is_saved_and_the_edit_view_asks_to_check_it(editor):
    response = editor.post("/admin/snippets/cases/case/add/", form(events=[
        {"kind": "release", "date": "2023-05-01"}, {"kind": "appeal", "date": "2023-06-01"}]))
    assert response.status_code == 302
    case = Case.objects.get()
    content = editor.get(f"/admin/snippets/cases/case/edit/{case.pk}/").content.decode()
    assert "To check (saving is not refused):" in content
    assert "Release (1 May 2023): Nothing before this in the timeline shows the person held" in content
    assert "Appeal (1 June 2023): No sentence comes before this appeal in the timeline." in content


def test_deleting_the_event_that_conflicts_lets_the_case_be_saved(editor, make_case):
    case = make_case("Sara Example", events=[{"kind": "arrest", "date": "2023-01-05"},
                                             {"kind": "death_in_custody", "date": "2023-03-12"}])
    data = edit_form(case, [{"kind": "release", "date": "2023-04-02"}])
    data["events-2-DELETE"] = "on"
    assert editor.post(f"/admin/snippets/cases/case/edit/{case.pk}/", data).status_code == 302
    assert case.events.count() == 2


def test_the_edit_view_shows_the_staff_and_public_status_in_english_and_persian(editor, make_case):
    case = make_case("Sara Example", is_public=False, events=[
        {"kind": "arrest", "date": "2023-01-05"},
        {"kind": "bail", "date": "2023-02-01", "is_public": False},
    ])
    content = editor.get(f"/admin/snippets/cases/case/edit/{case.pk}/").content.decode()
    staff = re.search(r'class="case-status-staff">(.*?)</dd>', content, re.S).group(1)
    public = re.search(r'class="case-status-public">(.*?)</dd>', content, re.S).group(1)
    assert '<span lang="en" dir="ltr">Released on bail</span>' in staff
    assert '<span lang="fa" dir="rtl">آزاد با وثیقه</span>' in staff
    assert '<span lang="en" dir="ltr">Detained</span>' in public
    assert '<span lang="fa" dir="rtl">در بازداشت</span>' in public
    assert "Status on the public page (from the public events only)" in content
    assert "The case is not public yet: no public page shows it." in content


def test_the_persian_admin_shows_the_statuses_with_persian_headings(editor, staff_user, make_case):
    prefer_persian(staff_user)
    case = make_case("Sara Example", events=[{"kind": "arrest", "date": "2023-01-05"}])
    content = editor.get(f"/admin/snippets/cases/case/edit/{case.pk}/").content.decode()
    assert "وضعیت در صفحهٔ عمومی" in content
    assert '<span lang="fa" dir="rtl">در بازداشت</span>' in content
    assert '<span lang="en" dir="ltr">Detained</span>' in content


def test_a_new_case_says_its_status_comes_once_saved(editor):
    content = editor.get("/admin/snippets/cases/case/add/").content.decode()
    assert "The status follows from the timeline once the case is saved." in content


def test_the_case_list_shows_both_statuses_and_filters_by_the_public_one(editor, make_case):
    make_case("Bailed Example", events=[{"kind": "arrest", "date": "2023-01-05"},
                                        {"kind": "bail", "date": "2023-02-01", "is_public": False}])
    make_case("Released Example", events=[{"kind": "arrest", "date": "2023-01-05"},
                                          {"kind": "release", "date": "2023-02-01"}])
    content = editor.get("/admin/snippets/cases/case/").content.decode()
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*Bailed Example.*?</tr>", content, re.S).group(0)
    # The staff status, then the public one, as words.
    assert re.search(r"Released on bail.*Detained", row, re.S)
    content = editor.get("/admin/snippets/cases/case/", {"public_status": "detained"}).content.decode()
    assert "Bailed Example" in content and "Released Example" not in content
    content = editor.get("/admin/snippets/cases/case/", {"public_status": "released"}).content.decode()
    assert "Bailed Example" not in content and "Released Example" in content


def test_after_a_save_the_editor_is_told_the_statuses_and_what_to_check(editor):
    response = editor.post("/admin/snippets/cases/case/add/", form(events=[
        {"kind": "release", "date": "2023-05-01", "is_public": "on"},
        {"kind": "bail", "date": "2023-04-01"},
    ]), follow=True)
    content = response.content.decode()
    assert "Sara Example: status for staff “Released”, on the public page “Released”." in content
    assert ("Sara Example, Release on bail (1 April 2023): Nothing before this in the timeline shows the "
            "person held") in content


def test_after_a_save_on_the_persian_admin_the_statuses_are_told_in_persian(editor, staff_user):
    prefer_persian(staff_user)
    response = editor.post("/admin/snippets/cases/case/add/", form(events=[
        {"kind": "arrest", "date": "2023-03-01", "is_public": "on"}]), follow=True)
    content = response.content.decode()
    assert "Sara Example: وضعیت برای کارکنان «در بازداشت»، در صفحهٔ عمومی «در بازداشت»." in content


def test_a_name_with_markup_is_shown_as_text_in_the_messages_after_a_save(editor):
    response = editor.post("/admin/snippets/cases/case/add/", form(
        events=[{"kind": "release", "date": "2023-05-01"}], name_latin="<script>alert(1)</script>"), follow=True)
    content = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;: status for staff" in content
    assert "<script>alert(1)</script>" not in content
