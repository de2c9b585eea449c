"""The two documents of the old site import into exactly the network records they describe."""

import datetime

import pytest
from wagtail.contrib.redirects.models import Redirect

from solidarity.archive import services
from solidarity.archive.models import ImportedFile
from solidarity.network import legacy
from solidarity.network.models import Correspondence, Event, Organisation, Resolution
from solidarity.publishing.models import ArticlePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(site_tree, alliance, legacy_dir):
    run = services.import_files([str(legacy_dir)], base_url="http://www.iaswi.org/old/")
    return {f.name: f for f in run.files.all()}


def test_the_cupe_page_becomes_resolution_no_21_with_its_clauses(imported):
    resolution = imported["News/000_ea340a58f3985f13.txt"].resolution
    assert resolution.number == "21"
    assert resolution.title_en == "Solidarity with workers in Iran"
    assert resolution.adopting_organisation.name_en == "CUPE Ontario"
    assert resolution.adopting_organisation.country == "CA"
    assert resolution.adopting_organisation.kind == Organisation.Kind.UNION
    assert resolution.event.title_en == "49th Annual CUPE Ontario Convention"
    assert resolution.event.kind == Event.Kind.CONVENTION
    assert (resolution.event.start_date, resolution.event.end_date) == (datetime.date(2012, 5, 23), datetime.date(2012, 5, 26))
    assert list(resolution.event.organisers.all()) == [resolution.adopting_organisation]
    assert resolution.date == datetime.date(2012, 5, 26)
    assert sorted(o.name_en for o in resolution.submitted_by.all()) == ["CUPE Local 4400", "International Solidarity Committee"]
    assert {o.parent for o in resolution.submitted_by.all()} == {resolution.adopting_organisation}
    assert resolution.commitments_lead_en == "CUPE Ontario will:"
    assert [c.text_en for c in resolution.commitments] == legacy.CUPE_COMMITMENTS
    assert [c.text_en for c in resolution.considerations] == legacy.CUPE_CONSIDERATIONS
    assert resolution.source_title == "Resolutions and Constitutional Amendments booklet"


def test_the_imported_resolution_waits_for_an_editor_outside_the_public_registry(imported):
    record = imported["News/000_ea340a58f3985f13.txt"]
    assert record.resolution.status == Resolution.Status.ADOPTED
    assert record.resolution.draft is True
    assert record.extracted["resolution"]["status"] == "adopted"
    assert not Resolution.objects.adopted().exists()
    # The organisations it names are proposed as drafts too; the alliance already existed.
    assert record.resolution.adopting_organisation.draft is True
    assert record.resolution.event.draft is True


def test_the_cupe_page_becomes_a_draft_news_article_with_clean_text(imported, site_tree):
    record = imported["News/000_ea340a58f3985f13.txt"]
    article = ArticlePage.objects.get(pk=record.article_id)
    assert article.title == "CUPE Ontario adopted a strong resolution in solidarity with workers in Iran"
    assert not article.live
    assert article.get_latest_revision() is not None
    assert article.get_parent().specific == site_tree["news"]
    assert article.article_type == "news"
    assert article.date == datetime.date(2012, 5, 26)
    assert article.summary.startswith("Delegates at the 49th Annual CUPE Ontario Convention, May 23-26, 2012 adopted")
    kinds = [block.block_type for block in article.body]
    assert kinds == ["paragraph"] * 4 + ["list", "list", "paragraph"]
    assert list(article.body[4].value) == legacy.CUPE_COMMITMENTS
    assert list(article.body[5].value) == legacy.CUPE_CONSIDERATIONS
    assert "gratitude to our friends and comrades in the CUPE" in article.body[0].value.source
    text = " ".join(str(block.value) for block in article.body)
    for boilerplate in ("About Us", "Our objectives", "Contact Us", "©", "email protected", "·"):
        assert boilerplate not in text
    assert record.resolution.response_article.pk == article.pk


def test_the_2008_message_becomes_a_draft_letter_to_aptuf_and_the_mumbai_conference(imported, alliance):
    letter = imported["News/001_7b632b9c3ca00494.txt"].letter
    assert (letter.status, letter.draft) == (Correspondence.Status.SENT, True)
    assert letter.direction == Correspondence.Direction.OUTGOING
    assert letter.sender == alliance
    assert [o.name_en for o in letter.recipients.all()] == ["All Pakistan Trade Union Federation"]
    aptuf = letter.recipients.get()
    assert (aptuf.acronym_en, aptuf.kind, aptuf.country) == ("APTUF", Organisation.Kind.FEDERATION, "PK")
    assert letter.date == datetime.date(2008, 1, 14)
    assert letter.subject == legacy.APTUF_SUBJECT
    assert letter.salutation == "Dear Comrades;"
    assert letter.body == legacy.APTUF_BODY
    assert letter.closing == legacy.APTUF_CLOSING
    assert letter.signatories == "International Alliance in Support of Workers in Iran (IASWI)"
    assert letter.language == "en"


def test_the_mumbai_conference_shows_the_invitation_declined_and_the_message_sent(imported):
    event = imported["News/001_7b632b9c3ca00494.txt"].letter.event
    assert event.title_en == (
        "Asian Conference in defence of peace and nations’ rights, in defence of the labour movement’s "
        "independence from world governance"
    )
    assert (event.start_date, event.end_date) == (datetime.date(2008, 1, 19), datetime.date(2008, 1, 21))
    assert (event.place_en, event.country, event.kind) == ("Mumbai", "IN", Event.Kind.CONFERENCE)
    assert event.invited is True
    assert event.response == Event.Response.DECLINED
    assert event.response_reason_en == "Schedule and financial difficulties."
    assert event.sent_message is True


def test_each_file_is_kept_with_its_old_address_redirecting_permanently(imported):
    page_file = imported["News/000_ea340a58f3985f13.txt"]
    letter_file = imported["News/001_7b632b9c3ca00494.txt"]
    page_redirect = Redirect.objects.get(old_path="/old/News/000_ea340a58f3985f13.txt")
    assert page_redirect.is_permanent and page_redirect.redirect_page_id == page_file.article_id
    letter_redirect = Redirect.objects.get(old_path="/old/News/001_7b632b9c3ca00494.txt")
    assert letter_redirect.link == f"/en/network/letters/{letter_file.letter_id}/"
    page_file.original.open("rb")
    assert page_file.original.read() == (legacy_bytes := (services.Path(__file__).parents[1] / "samples" / "legacy" /
                                                          "000_ea340a58f3985f13.txt").read_bytes())
    assert page_file.checksum == services.hashlib.sha256(legacy_bytes).hexdigest()


def test_the_importer_reports_the_lost_address_and_the_guessed_date(imported):
    unsure = imported["News/000_ea340a58f3985f13.txt"].uncertainties
    assert "1 e-mail address(es) were lost by the old site's scraper." in unsure
    assert "The day of the vote is not given; the resolution is dated the last day of the event." in unsure


def test_importing_the_same_archive_again_creates_nothing(imported, legacy_dir):
    counts = [m.objects.count() for m in (ImportedFile, ArticlePage, Resolution, Correspondence, Event,
                                          Organisation, Redirect)]
    run = services.import_files([str(legacy_dir)], base_url="http://www.iaswi.org/old/")
    assert [m.objects.count() for m in (ImportedFile, ArticlePage, Resolution, Correspondence, Event,
                                        Organisation, Redirect)] == counts
    assert sorted(s["name"] for s in run.skipped) == ["News/000_ea340a58f3985f13.txt", "News/001_7b632b9c3ca00494.txt"]


def test_organisations_already_in_the_network_are_matched_by_name_or_acronym(site_tree, alliance, legacy_dir):
    aptuf = Organisation.objects.create(name_en="All-Pakistan Federation of Unions", acronym_en="APTUF", country="PK")
    ontario = Organisation.objects.create(name_en="CUPE Ontario", country="CA", kind=Organisation.Kind.UNION)
    run = services.import_files([str(legacy_dir)])
    files = {f.name: f for f in run.files.all()}
    assert list(files["News/001_7b632b9c3ca00494.txt"].letter.recipients.all()) == [aptuf]
    assert files["News/000_ea340a58f3985f13.txt"].resolution.adopting_organisation == ontario
    assert aptuf not in files["News/001_7b632b9c3ca00494.txt"].proposed_organisations.all()
    proposed = files["News/000_ea340a58f3985f13.txt"].proposed_organisations.all()
    assert sorted(o.name_en for o in proposed) == ["CUPE Local 4400", "International Solidarity Committee"]
    assert all("Proposed by the archive import" in o.notes and o.draft for o in proposed)
    assert not aptuf.draft and not ontario.draft
