"""Importing the old website's files as draft records.

Each file is read, cleaned and understood (cleaning, classify, extract), then turned into
drafts: an unpublished article, a network resolution (pending) or a draft letter, with the
organisations and events they name (new ones proposed, marked in their private notes). The
file itself is kept; its checksum makes a second import of the same archive create nothing.
"""

import datetime
import hashlib
import html
import logging
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from solidarity.network import services as network
from solidarity.network.models import Correspondence, Event, Organisation, Resolution

from . import cleaning, extract
from .models import ImportedFile, ImportRun

logger = logging.getLogger(__name__)

FORMATS = {".htm": "html", ".html": "html", ".txt": "text", ".text": "text", ".pdf": "pdf"}
ARTICLE_TYPES = {"news": "news", "statement": "statement", "resolution": "news", "newsletter": "report",
                 "letter": "letter"}
BATCH = 100
PROPOSED_NOTE = "Proposed by the archive import from %s; check before relying on it."


class ArchiveError(Exception):
    pass


@dataclass
class Source:
    name: str  # path relative to the folder given, or the uploaded file's name
    content: bytes

    @property
    def file_format(self):
        return FORMATS.get(PurePosixPath(self.name).suffix.lower(), "")

    @property
    def checksum(self):
        return hashlib.sha256(self.content).hexdigest()


def collect_sources(paths):
    """Every importable file under the paths given (files or folders), named relative to its folder."""
    sources = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                if file.is_file() and file.suffix.lower() in FORMATS:
                    sources.append(Source(file.relative_to(path).as_posix(), file.read_bytes()))
        elif path.is_file():
            sources.append(Source(path.name, path.read_bytes()))
        else:
            raise ArchiveError(_("No such file or folder: %(path)s") % {"path": given})
    return sources


def pdf_text(content):
    """The text of a PDF, as poppler's pdftotext reads it."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(content)
        pdf.flush()
        # A fixed program and arguments; only the temporary file's name varies.
        done = subprocess.run(  # noqa: S603
            [shutil.which("pdftotext") or "/usr/bin/pdftotext", "-enc", "UTF-8", pdf.name, "-"],
            capture_output=True, timeout=60,
        )
    if done.returncode:
        raise ArchiveError(_("The PDF could not be read: %(error)s") % {"error": done.stderr.decode()[:200]})
    return done.stdout.decode("utf-8", "replace").replace("\f", "\n\n")


def decode(content):
    for encoding in ("utf-8-sig", "windows-1256", "latin-1"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("utf-8", "replace")


def read_source(source):
    """(title from the markup, text) of one file."""
    if source.file_format == "pdf":
        return "", pdf_text(source.content)
    text = decode(source.content)
    if source.file_format == "html":
        title, text = cleaning.strip_html(text)
        return _page_title(title), text
    return "", text


def _page_title(title):
    # "IASWI - Statement on May Day": the site's name before or after the page's own title.
    parts = [p.strip() for p in title.replace(" | ", " - ").split(" - ") if p.strip()]
    parts = [p for p in parts if not cleaning.is_boilerplate(p) and p.upper() != "IASWI"
             and not any(pattern.match(p) for pattern in cleaning.SITE_TITLES)]
    return html.unescape(max(parts, key=len)) if parts else ""


def old_path(name, base_url=""):
    """The file's old address: its path under the old site's base (e.g. /old/News/a.htm)."""
    base = urlsplit(base_url).path if base_url else ""
    return "/" + "/".join(part for part in [base.strip("/"), name.strip("/")] if part)


def directory_of_organisations():
    """Names and acronyms of every organisation, read once per import."""
    return [
        {"id": o["pk"], "names": [n for n in (o["name_en"], o["name_fa"]) if n],
         "acronyms": [a for a in (o["acronym_en"], o["acronym_fa"]) if a]}
        for o in Organisation.objects.values("pk", "name_en", "name_fa", "acronym_en", "acronym_fa")
    ]


class _Importer:
    def __init__(self, run):
        self.run = run
        self.directory = directory_of_organisations()
        alliance = network.the_alliance()
        self.alliance_id = alliance.pk if alliance else None
        self.indexes = {}

    # -- organisations and events ---------------------------------------------------------

    def organisation(self, ref, record, *, language="en", parents=None):
        if ref is None:
            return None
        if ref.get("id"):
            return Organisation.objects.get(pk=ref["id"])
        entry = extract.find_organisation(ref["name"], self.directory)
        if entry:
            return Organisation.objects.get(pk=entry["id"])
        parent = (parents or {}).get(ref.get("parent"))
        organisation = network.register_organisation(
            name_en=ref["name"][:255], name_fa=ref["name"][:255] if language == "fa" else "",
            acronym_en=ref.get("acronym", "")[:40], kind=ref.get("kind") or Organisation.Kind.OTHER,
            country=ref.get("country", ""), parent=parent, notes=PROPOSED_NOTE % record.name,
        )
        record.proposed_organisations.add(organisation)
        self.directory.append({"id": organisation.pk, "names": [organisation.name_en],
                               "acronyms": [organisation.acronym_en] if organisation.acronym_en else []})
        ref["id"] = organisation.pk
        return organisation

    def event(self, found, *, organisers=(), invited=False, language="en"):
        if not found or not found.get("start"):
            return None
        start = datetime.date.fromisoformat(found["start"])
        title_field = "title_fa" if language == "fa" else "title_en"
        existing = Event.objects.filter(**{title_field: found["title"]}, start_date=start).first()
        if existing:
            return existing
        return network.record_event(
            title_en=found["title"][:300], title_fa=found["title"][:300] if language == "fa" else "",
            kind=found.get("kind", Event.Kind.CONFERENCE), start_date=start,
            end_date=datetime.date.fromisoformat(found["end"]) if found.get("end") else None,
            place_en=found.get("place", ""), country=found.get("country", ""), organisers=organisers,
            invited=invited,
        )

    # -- records ----------------------------------------------------------------------------

    def article_index(self, language):
        from solidarity.publishing.models import ArticleIndexPage

        if language not in self.indexes:
            index = ArticleIndexPage.objects.filter(locale__language_code=language).order_by("path").first()
            self.indexes[language] = index or ArticleIndexPage.objects.order_by("path").first()
        return self.indexes[language]

    def article(self, found, record):
        from solidarity.publishing.models import ArticlePage

        index = self.article_index(found["language"])
        if index is None:
            found["uncertainties"].append(_("There is no news section to hold the article; none was made."))
            return None
        if index.locale.language_code != found["language"]:
            found["uncertainties"].append(_("No news section in this language; the article was put in another."))
        body, items, item_gap = [], [], None
        for block in found["blocks"]:
            if block["kind"] == "li":
                # A wider gap between items starts another list (commitments, then considerations).
                if items and block.get("gap", 1) > (item_gap or 1) + 1:
                    body.append(("list", items))
                    items = []
                item_gap = block.get("gap", 1) if not items else min(item_gap, block.get("gap", 1))
                items.append(block["text"])
                continue
            if items:
                body.append(("list", items))
                items = []
            body.append(("paragraph", f"<p>{html.escape(block['text'], quote=False)}</p>"))
        if items:
            body.append(("list", items))
        title = found["title"][:255] or record.name
        slug = (slugify(title, allow_unicode=True)[:70] or "archive") + f"-{record.checksum[:8]}"
        date = datetime.date.fromisoformat(found["date"]) if found["date"] else datetime.date.today()
        article = ArticlePage(
            title=title, slug=slug, date=date, summary=found["summary"] or title, body=body,
            article_type=ARTICLE_TYPES.get(found["kind"], "news"), live=False, locale=index.locale,
        )
        index.add_child(instance=article)
        article.save_revision()
        return article

    def resolution(self, found, record, article):
        part = found["resolution"]
        language = found["language"]
        adopting = self.organisation(part["adopting_organisation"], record, language=language)
        if adopting is None:
            found["uncertainties"].append(_("No resolution was recorded: its adopting organisation is unknown."))
            return None
        submitted = [self.organisation(ref, record, language=language, parents={adopting.name_en: adopting})
                     for ref in part["submitted_by"]]
        event = self.event(part["event"], organisers=[adopting], language=language)
        date = part["date"] or found["date"]
        if not date:
            return None
        fa = language == "fa"
        return network.record_resolution(
            adopting_organisation=adopting, event=event, number=part["number"][:40],
            title_en=part["title"][:300], title_fa=part["title"][:300] if fa else "",
            date=datetime.date.fromisoformat(date),
            # Drafts stay out of the public registry until an editor confirms what was read.
            status=Resolution.Status.PENDING, submitted_by=[o for o in submitted if o],
            commitments_lead_en="" if fa else part["commitments_lead"][:200],
            commitments_lead_fa=part["commitments_lead"][:200] if fa else "",
            # A clause needs its English text; a Persian original stands in until it is translated.
            commitments=[(c, c) if fa else c for c in part["commitments"]],
            considerations=[(c, c) if fa else c for c in part["considerations"]],
            source_title=part["source_title"][:300], response_article=article,
        )

    def letter(self, found, record):
        part = found["letter"]
        language = found["language"]
        sender = self.organisation(part["sender"], record, language=language)
        if sender is None:
            sender = network.the_alliance()
        if sender is None:
            found["uncertainties"].append(_("No letter was recorded: its sender is unknown."))
            return None
        recipients = [r for r in (self.organisation(ref, record, language=language) for ref in part["recipients"]) if r]
        outgoing = self.alliance_id is not None and sender.pk == self.alliance_id
        if not recipients and not outgoing and self.alliance_id:
            # A letter from a union abroad with no other addressee was written to the alliance.
            recipients = [Organisation.objects.get(pk=self.alliance_id)]
        event = self.event(part["event"], invited=part["invited"], language=language)
        if not recipients and event is None:
            found["uncertainties"].append(
                _("The letter's recipient was not found; it was kept as a draft article of type letter.")
            )
            return None
        if not part["date"]:
            found["uncertainties"].append(_("No letter was recorded: it has no date."))
            return None
        letter = network.write_letter(
            sender=sender, recipients=recipients, event=event,
            date=datetime.date.fromisoformat(part["date"]), subject=part["subject"][:300] if part["subject"] else "",
            salutation=part["salutation"][:200], body=part["body"] or found["summary"], closing=part["closing"],
            signatories=part["signature"], language=language,
            direction=Correspondence.Direction.OUTGOING if outgoing else Correspondence.Direction.INCOMING,
            status=Correspondence.Status.DRAFT,
        )
        if event and part["response"] and not event.response and (event.invited or part["response"] != "declined"):
            network.record_event_response(event, response=part["response"], reason_en=part["reason"], message=letter)
        return letter

    def redirect(self, record, target_page=None, target_record=None, *, language="en"):
        from wagtail.contrib.redirects.models import Redirect

        old = Redirect.normalise_path(record.old_path)
        if Redirect.objects.filter(old_path=old, site=None).exists():
            record.uncertainties.append(_("A redirect from %(path)s already exists; it was left alone.") % {"path": old})
            return None
        redirect = Redirect(old_path=old, site=None, is_permanent=True)
        if target_page is not None:
            redirect.redirect_page = target_page
        else:
            with translation.override(language):
                redirect.redirect_link = target_record.get_absolute_url()
        redirect.save()
        return redirect

    # -- one file ---------------------------------------------------------------------------

    def import_one(self, source, *, base_url, repeated):
        record = ImportedFile(
            run=self.run, name=source.name[:500], checksum=source.checksum, file_format=source.file_format,
            old_path=old_path(source.name, base_url)[:500],
        )
        known = len(self.directory)
        try:
            with transaction.atomic():
                html_title, text = read_source(source)
                cleaned = cleaning.clean(text, repeated=repeated)
                found = extract.extract(cleaned, html_title=html_title, directory=self.directory,
                                        alliance=self.alliance_id, old_path=record.old_path)
                record.kind, record.language, record.title = found["kind"], found["language"], found["title"][:500]
                record.original.save(PurePosixPath(source.name).name, ContentFile(source.content), save=False)
                record.save()
                article = resolution = letter = None
                if found["kind"] == "letter":
                    letter = self.letter(found, record)
                if letter is None:
                    article = self.article(found, record)
                    if found["kind"] == "resolution":
                        resolution = self.resolution(found, record, article)
                record.uncertainties = found["uncertainties"]
                record.article, record.resolution, record.letter = article, resolution, letter
                target = article or resolution or letter
                if target is not None:
                    record.redirect = self.redirect(
                        record, target_page=article, target_record=resolution or letter, language=found["language"]
                    )
                else:
                    record.uncertainties.append(_("No record was made from this file."))
                found.pop("uncertainties")
                record.extracted = found
                record.save()
        except Exception as error:  # one bad file must not stop the archive: it is reported
            logger.exception("archive import of %s failed", source.name)
            del self.directory[known:]  # organisations proposed by this file were rolled back with it
            record.pk = None
            record.status = ImportedFile.Status.FAILED
            record.uncertainties = [_("Could not be imported: %(error)s") % {"error": str(error)[:300]}]
            record.extracted, record.article, record.resolution, record.letter, record.redirect = {}, None, None, None, None
            record.original.save(PurePosixPath(source.name).name, ContentFile(source.content), save=False)
            record.save()
        return record


def import_files(sources, *, base_url="", started_by=None, source_label=""):
    """Imports files (Source objects, or paths of files and folders) as drafts; returns the ImportRun.

    A file already imported (same checksum) is named in the run's `skipped` and left alone; a
    file that failed before is tried again.
    """
    if sources and not isinstance(sources[0], Source):
        source_label = source_label or ", ".join(str(s) for s in sources)[:500]
        sources = collect_sources(sources)
    run = ImportRun.objects.create(source=source_label[:500], base_url=base_url[:500], started_by=started_by)
    ImportedFile.objects.filter(status=ImportedFile.Status.FAILED,
                                checksum__in=[s.checksum for s in sources]).delete()
    done = dict(ImportedFile.objects.filter(checksum__in=[s.checksum for s in sources]).values_list("checksum", "pk"))
    fresh, seen = [], set()
    for source in sources:
        if not source.file_format:
            run.skipped.append({"name": source.name, "reason": _("not an HTML page, text file or PDF")})
        elif source.checksum in done or source.checksum in seen:
            run.skipped.append({"name": source.name, "reason": _("already imported"),
                                "file": done.get(source.checksum)})
        else:
            seen.add(source.checksum)
            fresh.append(source)
    # Menus, headers and footers are the lines the old site repeated on many of its pages.
    texts = [decode(s.content) for s in fresh if s.file_format != "pdf"]
    repeated = cleaning.repeated_lines(texts)
    importer = _Importer(run)
    # Files are committed a hundred at a time (each in its own savepoint, so one bad file is
    # rolled back alone): a commit per file costs more than reading the file.
    for start in range(0, len(fresh), BATCH):
        with transaction.atomic():
            for source in fresh[start:start + BATCH]:
                importer.import_one(source, base_url=base_url, repeated=repeated)
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at", "skipped"])
    return run
