import datetime

import pytest
from django.utils import translation

from solidarity.network import services
from solidarity.network.models import Clause, Correspondence, Event, LetterTemplate, Organisation, Resolution

pytestmark = pytest.mark.django_db


def test_an_organisation_shows_its_persian_name_on_persian_pages_and_falls_back_to_english(make_org):
    both = make_org("Canadian Labour Congress", name_fa="کنگره کار کانادا")
    english_only = make_org("UNISON")
    with translation.override("fa"):
        assert both.name == "کنگره کار کانادا"
        assert english_only.name == "UNISON"
        assert both.country_name == ""
    with translation.override("en"):
        assert both.name == "Canadian Labour Congress"


def test_a_country_is_named_in_the_reader_language(make_org):
    org = make_org("CUPE", country="CA")
    with translation.override("fa"):
        assert org.country_name == "کانادا"
    with translation.override("en"):
        assert org.country_name == "Canada"


def test_an_unknown_country_code_is_refused(make_org):
    with pytest.raises(services.NetworkError) as error:
        make_org("Nowhere union", country="XX")
    assert error.value.field == "country"


def test_a_parent_chain_reads_from_the_local_up(make_org):
    cupe = make_org("CUPE")
    ontario = make_org("CUPE Ontario", parent=cupe)
    local = make_org("CUPE Local 4400", parent=ontario)
    assert [o.name_en for o in local.ancestors()] == ["CUPE Ontario", "CUPE"]


def test_an_organisation_cannot_become_part_of_its_own_branch(make_org):
    cupe = make_org("CUPE")
    ontario = make_org("CUPE Ontario", parent=cupe)
    local = make_org("CUPE Local 4400", parent=ontario)
    with pytest.raises(services.NetworkError) as error:
        services.move_organisation(cupe, parent=local)
    assert "loop" in error.value.message
    cupe.refresh_from_db()
    assert cupe.parent is None


def test_an_organisation_cannot_be_part_of_itself(make_org):
    cupe = make_org("CUPE")
    with pytest.raises(services.NetworkError):
        services.move_organisation(cupe, parent=cupe)


def test_the_admin_form_validation_also_refuses_a_loop(make_org):
    from django.core.exceptions import ValidationError

    cupe = make_org("CUPE")
    ontario = make_org("CUPE Ontario", parent=cupe)
    cupe.parent = ontario
    with pytest.raises(ValidationError) as error:
        cupe.full_clean()
    assert "parent" in error.value.message_dict


def test_moving_an_organisation_saves_only_its_parent(make_org):
    cupe = make_org("CUPE")
    ontario = make_org("CUPE Ontario")
    Organisation.objects.filter(pk=ontario.pk).update(notes="changed elsewhere")
    services.move_organisation(ontario, parent=cupe)
    ontario.refresh_from_db()
    assert ontario.parent == cupe
    assert ontario.notes == "changed elsewhere"


def test_an_event_cannot_end_before_it_starts():
    with pytest.raises(services.NetworkError) as error:
        services.record_event(title_en="Convention", start_date=datetime.date(2012, 5, 26),
                              end_date=datetime.date(2012, 5, 23))
    assert error.value.field == "end_date"
    assert not Event.objects.exists()


def test_a_one_day_event_has_no_last_day_of_its_own():
    event = services.record_event(title_en="Rally", start_date=datetime.date(2020, 5, 1),
                                  end_date=datetime.date(2020, 5, 1))
    assert event.end_date is None
    assert event.last_day == datetime.date(2020, 5, 1)


def test_an_invitation_not_received_cannot_be_declined():
    event = services.record_event(title_en="Rally", start_date=datetime.date(2020, 5, 1))
    with pytest.raises(services.NetworkError):
        services.record_event_response(event, response=Event.Response.DECLINED, reason_en="busy")


def test_a_resolution_keeps_its_clauses_in_order(make_org):
    org = make_org("Union")
    resolution = services.record_resolution(
        adopting_organisation=org, title_en="Free the jailed", date=datetime.date(2020, 1, 1),
        commitments=["first", ("second", "دوم"), "third"], considerations=["whereas one", "whereas two"],
    )
    resolution = Resolution.objects.prefetch_related("clauses").get(pk=resolution.pk)
    assert [c.text_en for c in resolution.commitments] == ["first", "second", "third"]
    assert [c.text_en for c in resolution.considerations] == ["whereas one", "whereas two"]
    assert resolution.commitments[1].text_fa == "دوم"
    assert list(Clause.objects.filter(resolution=resolution).values_list("sort_order", flat=True)) == [0, 1, 2, 3, 4]


def test_a_resolution_with_an_empty_clause_is_not_recorded(make_org):
    org = make_org("Union")
    with pytest.raises(services.NetworkError):
        services.record_resolution(adopting_organisation=org, title_en="X", date=datetime.date(2020, 1, 1),
                                   commitments=["fine", "  "])
    assert not Resolution.objects.exists()


def test_a_resolution_dated_outside_its_event_is_refused(make_org):
    org = make_org("Union")
    event = services.record_event(title_en="Convention", start_date=datetime.date(2012, 5, 23),
                                  end_date=datetime.date(2012, 5, 26))
    with pytest.raises(services.NetworkError) as error:
        services.record_resolution(adopting_organisation=org, event=event, title_en="X",
                                   date=datetime.date(2012, 6, 1))
    assert error.value.field == "date"


def test_a_letter_needs_a_recipient_or_an_event(alliance):
    with pytest.raises(services.NetworkError) as error:
        services.write_letter(sender=alliance, date=datetime.date(2020, 1, 1), subject="Hello", body="Text")
    assert error.value.field == "recipients"


def test_a_translation_must_be_in_another_language(alliance, make_org):
    org = make_org("Union")
    original = services.write_letter(sender=alliance, recipients=[org], date=datetime.date(2020, 1, 1),
                                     subject="Hello", body="Text")
    with pytest.raises(services.NetworkError):
        services.write_letter(sender=alliance, recipients=[org], date=datetime.date(2020, 1, 1), subject="Hi",
                              body="Text", translation_of=original, language="en")
    persian = services.write_letter(sender=alliance, recipients=[org], date=datetime.date(2020, 1, 1),
                                    subject="درود", body="متن", translation_of=original, language="fa")
    assert list(original.translations.all()) == [persian]


def test_a_letter_goes_from_draft_to_sent_to_published(alliance, make_org):
    org = make_org("Union")
    letter = services.write_letter(sender=alliance, recipients=[org], date=datetime.date(2020, 1, 1),
                                   subject="Hello", body="Text")
    assert letter.status == Correspondence.Status.DRAFT
    services.mark_letter_sent(letter)
    services.publish_letter(letter)
    letter.refresh_from_db()
    assert letter.status == Correspondence.Status.PUBLISHED
    with pytest.raises(services.NetworkError):
        services.mark_letter_sent(letter)


def test_a_greeting_template_prefills_a_draft_for_a_conference(alliance, make_org):
    aptuf = make_org("All Pakistan Trade Union Federation", acronym_en="APTUF")
    event = services.record_event(title_en="Asian Conference", start_date=datetime.date(2008, 1, 19),
                                  end_date=datetime.date(2008, 1, 21), place_en="Mumbai", organisers=[aptuf],
                                  invited=True)
    template = LetterTemplate.objects.create(
        name="Greeting", kind=LetterTemplate.Kind.GREETING, language="en",
        subject="Solidarity message to the {event}", salutation="Dear Comrades,",
        body="{alliance} sends its warmest greetings to the {event} in {place}, {dates}.",
        closing="In solidarity,", signatories="{alliance}",
    )
    draft = services.draft_letter_from_template(template, event=event, date=datetime.date(2008, 1, 14))
    assert draft.status == Correspondence.Status.DRAFT
    assert draft.subject == "Solidarity message to the Asian Conference"
    assert draft.body == (
        "International Alliance in Support of Workers in Iran sends its warmest greetings to the Asian Conference "
        "in Mumbai, 19–21 January 2008."
    )
    assert list(draft.recipients.all()) == [aptuf]
    assert draft.event == event


def test_a_persian_thanks_template_prefills_a_draft_for_a_resolution(alliance, resolution_21):
    template = LetterTemplate.objects.create(
        name="سپاس", kind=LetterTemplate.Kind.THANKS, language="fa", subject="سپاس برای قطعنامه {resolution}",
        body="{alliance} از {organisation} برای تصویب قطعنامه {resolution} سپاسگزار است.",
    )
    draft = services.draft_letter_from_template(template, resolution=resolution_21)
    assert draft.language == "fa"
    assert draft.subject == "سپاس برای قطعنامه 21"
    assert draft.body == "اتحاد بین‌المللی در حمایت از کارگران در ایران از کوپ انتاریو برای تصویب قطعنامه 21 سپاسگزار است."
    assert list(draft.recipients.all()) == [resolution_21.adopting_organisation]
