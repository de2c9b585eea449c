"""The two documents of the old website, held exactly as records."""

import datetime

import pytest

from solidarity.network.models import Clause, Correspondence, Event, Organisation, Resolution


@pytest.mark.django_db
def test_cupe_ontario_resolution_21_is_held_clause_by_clause(resolution_21, cupe_article):
    resolution = Resolution.objects.get(pk=resolution_21.pk)
    assert resolution.number == "21"
    assert resolution.status == Resolution.Status.ADOPTED
    assert resolution.date == datetime.date(2012, 5, 26)
    assert resolution.title_en == "Solidarity with workers in Iran"
    assert resolution.adopting_organisation.name_en == "CUPE Ontario"
    assert resolution.adopting_organisation.country == "CA"
    assert resolution.adopting_organisation.country_name == "Canada"
    assert [o.name_en for o in resolution.adopting_organisation.ancestors()] == ["Canadian Union of Public Employees"]
    assert resolution.adopting_organisation.parent.acronym_en == "CUPE"

    event = resolution.event
    assert event.title_en == "49th Annual CUPE Ontario Convention"
    assert event.kind == Event.Kind.CONVENTION
    assert (event.start_date, event.end_date) == (datetime.date(2012, 5, 23), datetime.date(2012, 5, 26))
    assert [o.name_en for o in event.organisers.all()] == ["CUPE Ontario"]

    submitters = resolution.submitted_by.order_by("name_en")
    assert [o.name_en for o in submitters] == ["CUPE Local 4400", "International Solidarity Committee"]
    local = submitters[0]
    assert local.kind == Organisation.Kind.LOCAL
    assert [o.name_en for o in local.ancestors()] == ["CUPE Ontario", "Canadian Union of Public Employees"]

    assert resolution.commitments_lead_en == "CUPE Ontario will:"
    assert [(c.kind, c.text_en) for c in resolution.clauses.all()] == [
        (Clause.Kind.COMMITMENT, "Condemn the persecution of labour activists in Iran by the Iranian government and "
         "support the right of Iranian workers to freely establish independent workers’ organizations."),
        (Clause.Kind.COMMITMENT, "Work with independent labour organizations in Iran to strengthen worker-to-worker "
         "solidarity, as part of the world-wide struggle against the capitalist and neoliberal agenda."),
        (Clause.Kind.COMMITMENT, "Take a clear stand against economic sanctions and any attempts by the U.S. and its "
         "allies, including Canada, to pursue military interventions against Iran."),
        (Clause.Kind.CONSIDERATION, "The government's anti-worker and repressive policies have consistently been "
         "violently imposed on workers in Iran."),
        (Clause.Kind.CONSIDERATION, "Iranian workers have no right to organize or strike and often face persecution, "
         "arrests and imprisonment."),
        (Clause.Kind.CONSIDERATION, "Economic sanctions and military intervention against Iran will be disastrous and "
         "unacceptable under any pretext and its main victims are surely the working and ordinary people of Iran."),
        (Clause.Kind.CONSIDERATION, "The US and its allies' drive to wage war against Iran has been a pretext for "
         "increased attacks on workers’ and human rights by both sides of the current dispute."),
    ]
    assert len(resolution.commitments) == 3
    assert len(resolution.considerations) == 4
    assert resolution.source_title == "Resolutions and Constitutional Amendments booklet"
    assert resolution.response_article.pk == cupe_article.pk
    assert list(event.related_articles.values_list("pk", flat=True)) == [cupe_article.pk]


@pytest.mark.django_db
def test_the_2008_message_to_aptuf_is_held_as_a_published_letter(aptuf_letter):
    letter = Correspondence.objects.get(pk=aptuf_letter.pk)
    assert letter.direction == Correspondence.Direction.OUTGOING
    assert letter.status == Correspondence.Status.PUBLISHED
    assert letter.language == "en"
    assert letter.date == datetime.date(2008, 1, 14)
    assert letter.sender.name_en == "International Alliance in Support of Workers in Iran"
    assert letter.sender.acronym_en == "IASWI"
    assert letter.sender.relationship == Organisation.Relationship.ALLIANCE
    assert [(o.name_en, o.acronym_en, o.country) for o in letter.recipients.all()] == [
        ("All Pakistan Trade Union Federation", "APTUF", "PK")
    ]
    assert letter.subject == (
        "Solidarity Message to: Asian Conference In defence of peace and nations’ rights, in defence of the labour "
        "movement’s independence from world governance. Held in Mumbai 19-21 January, 2008"
    )
    assert letter.salutation == "Dear Comrades;"
    paragraphs = letter.paragraphs()
    assert len(paragraphs) == 6
    assert paragraphs[0].startswith("The International Alliance in Support of Workers in Iran (IASWI) sends its "
                                    "warmest solidarity greetings to the All Pakistan Trade Union Federation (APTUF)")
    assert "due to schedule and financial difficulties, we could not send any representative" in paragraphs[0]
    # Words broken across lines in the PDF are whole again; real compounds keep their hyphen.
    assert "progressive or anti-imperialist whatsoever" in paragraphs[1]
    assert "broad-based organizations" in paragraphs[3]
    assert "ever-growing poor populations" in paragraphs[2]
    assert all("\n" not in p for p in paragraphs)
    assert paragraphs[-1] == ("Please inform us of the outcome of the conference. We hope that we will be able to "
                              "continue our dialogue and solidarity initiatives for many more years to come.")
    assert letter.closing_lines() == ["Log live workers’ international solidarity", "Best wishes for all of you!"]
    assert letter.signatory_lines() == ["International Alliance in Support of Workers in Iran (IASWI)"]


@pytest.mark.django_db
def test_the_asian_conference_shows_the_alliance_was_invited_declined_and_sent_the_message(aptuf_letter):
    event = aptuf_letter.event
    assert event.title_en.startswith("Asian Conference in defence of peace and nations’ rights")
    assert event.kind == Event.Kind.CONFERENCE
    assert (event.start_date, event.end_date) == (datetime.date(2008, 1, 19), datetime.date(2008, 1, 21))
    assert (event.place_en, event.country) == ("Mumbai", "IN")
    assert event.invited is True
    assert event.response == Event.Response.DECLINED
    assert event.response_reason_en == "Schedule and financial difficulties."
    assert event.sent_message is True
    assert list(event.letters.all()) == [aptuf_letter]
