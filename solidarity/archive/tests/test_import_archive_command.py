"""The import_archive command on the whole sample archive: drafts only, redirects, idempotent."""

import pytest
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect

from solidarity.archive.models import ImportedFile
from solidarity.network.models import Correspondence, Organisation, Resolution
from solidarity.publishing.models import ArticlePage

from .conftest import SAMPLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(site_tree, alliance, capsys):
    call_command("import_archive", str(SAMPLES / "archive"), "--base-url", "http://www.iaswi.org/old/")
    return capsys.readouterr().out


def test_every_sample_file_becomes_drafts_and_nothing_is_published(imported):
    assert ImportedFile.objects.count() == 21
    assert not ImportedFile.objects.filter(status=ImportedFile.Status.FAILED).exists()
    assert ArticlePage.objects.filter(live=True).count() == 0
    # 21 files: 3 resolutions (each with its news article), 4 letters, and 14 other articles, one of them
    # a Persian letter whose addressee was not found, kept as an article of type letter.
    assert ArticlePage.objects.count() == 17
    assert ArticlePage.objects.filter(article_type="letter").count() == 1
    assert Resolution.objects.drafts().count() == 3
    assert not Resolution.objects.public().exists()
    assert Correspondence.objects.drafts().count() == 4
    assert not Correspondence.objects.filter(status=Correspondence.Status.PUBLISHED).exists()
    assert "Imported 21 file(s) as drafts, skipped 0" in imported


def test_a_newsletter_issue_is_kept_as_a_draft_report_and_the_report_says_so(imported):
    record = ImportedFile.objects.get(name="Newsletter/newsletter-vol3-no2.htm")
    assert record.article.article_type == "report" and not record.article.live
    assert "A newsletter issue: kept as a draft report until the newsletter import exists." in record.uncertainties
    assert "newsletter issue (kept as a draft report until newsletter import exists)" in imported


def test_the_drafts_are_indexed_for_the_admin_search_once_the_run_is_committed(
        site_tree, alliance, django_capture_on_commit_callbacks):
    folder = SAMPLES / "archive" / "News"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        call_command("import_archive", str(folder))
    record = ImportedFile.objects.get(name="may-day-2009-arrests.htm")
    assert record.article_id not in [page.pk for page in ArticlePage.objects.search("gathering")]
    # Tests run tasks at once: the run's index task runs when the import commits.
    for callback in callbacks:
        callback()
    assert record.article_id in [page.pk for page in ArticlePage.objects.search("gathering")]


def test_persian_pages_become_drafts_in_the_persian_news_section(imported, site_tree):
    record = ImportedFile.objects.get(name="fa/bazdasht-reza-shahabi.htm")
    article = ArticlePage.objects.get(pk=record.article_id)
    assert article.locale.language_code == "fa"
    assert article.get_parent().pk == site_tree["fa_news"].pk
    assert article.title == "بازداشت رضا شهابی عضو هیئت مدیره سندیکای واحد"
    assert str(article.date) == "2010-06-13"


def test_a_letter_from_a_union_abroad_is_recorded_as_incoming_to_the_alliance(imported, alliance):
    letter = ImportedFile.objects.get(name="text/letter-from-cupe-bc-2009.txt").letter
    assert letter.direction == Correspondence.Direction.INCOMING
    assert letter.sender.name_en == "CUPE British Columbia"
    assert list(letter.recipients.all()) == [alliance]
    assert letter.signatories == "Barry O'Neill\nPresident, CUPE British Columbia"
    assert letter.body.startswith("On behalf of the members of CUPE British Columbia, we send our warmest greetings")


def test_a_pdf_is_read_and_kept(imported):
    record = ImportedFile.objects.get(name="pdf/letter-to-cgt-2009.pdf")
    assert record.file_format == "pdf"
    assert record.letter.salutation == "Dear Comrades,"
    assert record.letter.recipients.get().name_en == "General Confederation of Labour"
    record.original.open("rb")
    assert record.original.read().startswith(b"%PDF")


def test_each_record_has_a_permanent_redirect_from_its_old_address(imported):
    assert Redirect.objects.filter(is_permanent=True).count() == 21
    redirect = Redirect.objects.get(old_path="/old/News/may-day-2009-arrests.htm")
    assert redirect.redirect_page.specific.title == "More than 150 workers arrested at May Day gathering in Tehran"


def test_new_organisations_are_proposed_once_as_drafts(imported):
    vahed = Organisation.objects.filter(name_en="Syndicate of Workers of Tehran and Suburbs Bus Company")
    # Named in several files, proposed only where a record needed it.
    assert vahed.count() <= 1
    proposed = Organisation.objects.filter(notes__startswith="Proposed by the archive import")
    assert proposed.exists()
    assert set(proposed) == set(Organisation.objects.drafts())
    assert not Organisation.objects.filter(name_en="International Alliance in Support of Workers in Iran").exclude(
        relationship=Organisation.Relationship.ALLIANCE).exists()


def test_running_the_command_again_creates_nothing(imported, capsys):
    before = [m.objects.count() for m in (ImportedFile, ArticlePage, Resolution, Correspondence, Organisation, Redirect)]
    call_command("import_archive", str(SAMPLES / "archive"), "--base-url", "http://www.iaswi.org/old/")
    assert [m.objects.count() for m in (ImportedFile, ArticlePage, Resolution, Correspondence, Organisation,
                                        Redirect)] == before
    assert "skipped 21" in capsys.readouterr().out


def test_a_file_that_cannot_be_read_is_reported_and_the_others_imported(site_tree, alliance, tmp_path, capsys):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a PDF")
    (tmp_path / "letter.txt").write_bytes((SAMPLES / "archive" / "text" / "letter-to-ituc-2010.txt").read_bytes())
    call_command("import_archive", str(tmp_path))
    broken = ImportedFile.objects.get(name="broken.pdf")
    assert broken.status == ImportedFile.Status.FAILED
    assert broken.uncertainties[0].startswith("Could not be imported: The PDF could not be read")
    assert ImportedFile.objects.get(name="letter.txt").letter.salutation == "Dear Sharan Burrow,"
    # A failed file is tried again by the next import.
    call_command("import_archive", str(tmp_path))
    assert ImportedFile.objects.filter(name="broken.pdf").count() == 1


def test_the_draft_pages_sit_in_a_consistent_page_tree_with_one_revision_each(imported, site_tree):
    from wagtail.models import Page, Revision

    assert not any(Page.find_problems())
    for section in (site_tree["news"], site_tree["fa_news"]):
        section.refresh_from_db()
        assert section.numchild == section.get_children().count()
    for article in ArticlePage.objects.all():
        assert Revision.page_revisions.filter(object_id=str(article.pk)).count() == 1
        assert article.latest_revision.as_object().title == article.title
        assert article.url_path == article.get_parent().url_path + article.slug + "/"


def test_stored_paragraphs_are_what_the_rich_text_whitelister_keeps(imported):
    from solidarity.core.richtext import sanitise_rich_text
    from solidarity.publishing.blocks import RICH_TEXT_FEATURES

    paragraphs = [block.value.source for article in ArticlePage.objects.all() for block in article.body
                  if block.block_type == "paragraph"]
    assert len(paragraphs) > 50
    assert all(sanitise_rich_text(p, features=RICH_TEXT_FEATURES) == p for p in paragraphs)


def test_markup_in_an_old_page_is_kept_as_text_never_as_markup(site_tree, alliance, tmp_path):
    (tmp_path / "attack.htm").write_text(
        "<html><head><title>Workers arrested</title></head><body><h2>Workers arrested</h2><p>May 1, 2009</p>"
        "<p>Security forces &lt;script&gt;alert(1)&lt;/script&gt; arrested \"workers\" & <img src=x onerror=alert(2)>"
        " their representatives.</p></body></html>", encoding="utf-8")
    call_command("import_archive", str(tmp_path))
    article = ImportedFile.objects.get(name="attack.htm").article
    source = " ".join(block.value.source for block in article.body)
    assert "<script" not in source and "onerror" not in source and "<img" not in source
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source


def test_a_file_failing_after_its_article_was_written_is_rolled_back_alone(site_tree, alliance, monkeypatch):
    from wagtail.models import Page

    from solidarity.archive import services

    def broken(**kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(services.network, "record_resolution", broken)
    call_command("import_archive", str(SAMPLES / "archive"))
    failed = ImportedFile.objects.filter(status=ImportedFile.Status.FAILED)
    assert failed.count() == 3
    assert all(f.uncertainties == ["Could not be imported: the disk is full"] for f in failed)
    # Their articles went with them; the others are in place and the tree adds up.
    assert ArticlePage.objects.count() == 17 - 3
    assert not any(Page.find_problems())
    news = Page.objects.get(pk=site_tree["news"].pk)
    assert news.numchild == news.get_children().count()
