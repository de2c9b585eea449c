"""Importing the old website's files as draft records.

Each file is read, cleaned and understood (cleaning, classify, extract), then turned into
drafts: an unpublished article, a draft network resolution or a draft letter, with the
organisations and events they name (new ones proposed as drafts). Network drafts stay off the
public site until an editor accepts them (`accept_draft`). The file itself is kept; its
checksum makes a second import of the same archive create nothing.

Speed: a draft article is written as `loaddata` would write it (its two rows and one revision,
no per-page signals), its place in the page tree taken from a counter kept for the batch, and
the whole run is indexed for search once, by a task, when it is committed.
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
from django.db.models import F
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from solidarity.core.richtext import clean_rich_text_before_save
from solidarity.network import services as network
from solidarity.network.models import Correspondence, Event, Organisation, Resolution

from . import cleaning, extract, tasks
from .models import ImportedFile, ImportRun

logger = logging.getLogger(__name__)

FORMATS = {".htm": "html", ".html": "html", ".txt": "text", ".text": "text", ".pdf": "pdf"}
ARTICLE_TYPES = {"news": "news", "statement": "statement", "resolution": "news", "newsletter": "report",
                 "letter": "letter"}
BATCH = 100
# Stored in English, translated when the report is shown.
SKIPPED_FORMAT = gettext_noop("not an HTML page, text file or PDF")
SKIPPED_DUPLICATE = gettext_noop("already imported")
NEWSLETTER_NOTE = gettext_noop("A newsletter issue: kept as a draft report until the newsletter import exists.")
PROPOSED_NOTE = "Proposed by the archive import from %s; check before relying on it."
# Old addresses looked up at once when the run starts.
LOOKUP_CHUNK = 500


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
    return extract.Directory(
        {"id": o["pk"], "names": [n for n in (o["name_en"], o["name_fa"]) if n],
         "acronyms": [a for a in (o["acronym_en"], o["acronym_fa"]) if a]}
        for o in Organisation.objects.values("pk", "name_en", "name_fa", "acronym_en", "acronym_fa")
    )


class _Importer:
    def __init__(self, run, *, existing_redirects=()):
        self.run = run
        self.directory = directory_of_organisations()
        alliance = network.the_alliance()
        self.alliance_id = alliance.pk if alliance else None
        self.indexes = {}
        # Looked up once per run, not once per document.
        self.organisations = {}
        self.events = {}
        self.slugs = {}
        self.redirected = set(existing_redirects)
        self.tree = {}
        self.file = None

    # -- organisations and events ---------------------------------------------------------

    def known_organisation(self, pk):
        if pk not in self.organisations:
            self.organisations[pk] = Organisation.objects.get(pk=pk)
        return self.organisations[pk]

    def organisation(self, ref, record, *, language="en", parents=None):
        if ref is None:
            return None
        if ref.get("id"):
            return self.known_organisation(ref["id"])
        entry = extract.find_organisation(ref["name"], self.directory)
        if entry:
            return self.known_organisation(entry["id"])
        parent = (parents or {}).get(ref.get("parent"))
        organisation = network.register_organisation(
            name_en=ref["name"][:255], name_fa=ref["name"][:255] if language == "fa" else "",
            acronym_en=ref.get("acronym", "")[:40], kind=ref.get("kind") or Organisation.Kind.OTHER,
            country=ref.get("country", ""), parent=parent, notes=PROPOSED_NOTE % record.name, draft=True,
        )
        self.file["organisations"].append(organisation)
        self.organisations[organisation.pk] = organisation
        self.directory.append({"id": organisation.pk, "names": [organisation.name_en],
                               "acronyms": [organisation.acronym_en] if organisation.acronym_en else []})
        ref["id"] = organisation.pk
        return organisation

    def event(self, found, *, organisers=(), invited=False, language="en"):
        if not found or not found.get("start"):
            return None
        start = datetime.date.fromisoformat(found["start"])
        title_field = "title_fa" if language == "fa" else "title_en"
        key = (title_field, found["title"], start)
        if key not in self.events:
            self.events[key] = Event.objects.filter(**{title_field: found["title"]}, start_date=start).first()
        if self.events[key] is None:
            self.events[key] = network.record_event(
                title_en=found["title"][:300], title_fa=found["title"][:300] if language == "fa" else "",
                kind=found.get("kind", Event.Kind.CONFERENCE), start_date=start,
                end_date=datetime.date.fromisoformat(found["end"]) if found.get("end") else None,
                place_en=found.get("place", ""), country=found.get("country", ""), organisers=organisers,
                invited=invited, draft=True,
            )
        return self.events[key]

    # -- records ----------------------------------------------------------------------------

    def article_index(self, language):
        from solidarity.publishing.models import ArticleIndexPage

        if language not in self.indexes:
            index = ArticleIndexPage.objects.filter(locale__language_code=language).order_by("path").first()
            self.indexes[language] = index or ArticleIndexPage.objects.order_by("path").first()
        return self.indexes[language]

    def place_in(self, index):
        """The next free place under the news section, and the counter of children it keeps.

        The section's row is locked for the batch (as treebeard's add_child does for one page),
        its last child read once; numchild is brought up to date when the batch ends.
        """
        from wagtail.models import Page

        state = self.tree.get(index.pk)
        if state is None:
            parent = Page.objects.select_for_update().only("path", "depth").get(pk=index.pk)
            last = (Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
                    .order_by("-path").values_list("path", flat=True).first())
            state = self.tree[index.pk] = {"next": Page._str2int(last[-Page.steplen:]) + 1 if last else 1, "added": 0}
        path = Page._get_path(index.path, index.depth + 1, state["next"])
        state["next"] += 1
        return path

    def free_slug(self, index, slug, checksum):
        if index.pk not in self.slugs:
            self.slugs[index.pk] = set(index.get_children().values_list("slug", flat=True))
        taken = self.slugs[index.pk]
        candidate, length = f"{slug}-{checksum[:8]}", 8
        while candidate in taken:  # the same title and the first characters of the checksum: longer suffix
            length += 4
            candidate = f"{slug}-{checksum[:length]}"
        taken.add(candidate)
        return candidate

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
            # Escaped text in a paragraph: exactly what the rich text whitelister would keep.
            body.append(("paragraph", f"<p>{html.escape(block['text'])}</p>"))
        if items:
            body.append(("list", items))
        title = found["title"][:255] or record.name
        slug = self.free_slug(index, slugify(title, allow_unicode=True)[:70] or "archive", record.checksum)
        date = datetime.date.fromisoformat(found["date"]) if found["date"] else datetime.date.today()
        article = ArticlePage(
            title=title, draft_title=title, slug=slug, date=date, summary=found["summary"] or title, body=body,
            article_type=ARTICLE_TYPES.get(found["kind"], "news"), live=False, has_unpublished_changes=True,
            locale_id=index.locale_id, depth=index.depth + 1, path=self.place_in(index), numchild=0,
            url_path=f"{index.url_path}{slug}/",
        )
        insert_draft_page(article)
        self.file["children"].append(index.pk)
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
            # What the old site reported; a draft stays out of the registry until an editor accepts it.
            status=part["status"] if part.get("status") in Resolution.Status.values else Resolution.Status.ADOPTED,
            draft=True, submitted_by=[o for o in submitted if o],
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
        if sender is None and self.alliance_id:
            sender = self.known_organisation(self.alliance_id)
        if sender is None:
            found["uncertainties"].append(_("No letter was recorded: its sender is unknown."))
            return None
        recipients = [r for r in (self.organisation(ref, record, language=language) for ref in part["recipients"]) if r]
        outgoing = self.alliance_id is not None and sender.pk == self.alliance_id
        if not recipients and not outgoing and self.alliance_id:
            # A letter from a union abroad with no other addressee was written to the alliance.
            recipients = [self.known_organisation(self.alliance_id)]
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
            # The old site's letters were sent; the draft stays off the public site until accepted and published.
            status=Correspondence.Status.SENT, draft=True,
        )
        if event and part["response"] and not event.response and (event.invited or part["response"] != "declined"):
            if event.draft:
                network.record_event_response(event, response=part["response"], reason_en=part["reason"],
                                              message=letter)
            else:
                # A reviewed event is not changed by a draft: the editor decides.
                found["uncertainties"].append(
                    _("The letter gives the alliance's response to %(event)s; the event, already reviewed, was "
                      "left as it was.") % {"event": event}
                )
        return letter

    def redirect(self, record, target_page=None, target_record=None, *, language="en"):
        from wagtail.contrib.redirects.models import Redirect

        old = Redirect.normalise_path(record.old_path)
        if old in self.redirected:
            record.uncertainties.append(_("A redirect from %(path)s already exists; it was left alone.") % {"path": old})
            return None
        redirect = Redirect(old_path=old, site=None, is_permanent=True)
        if target_page is not None:
            redirect.redirect_page = target_page
        else:
            with translation.override(language):
                redirect.redirect_link = target_record.get_absolute_url()
        redirect.save()
        self.redirected.add(old)
        self.file["redirects"].append(old)
        return redirect

    # -- one file ---------------------------------------------------------------------------

    def import_one(self, source, *, base_url, repeated):
        record = ImportedFile(
            run=self.run, name=source.name[:500], checksum=source.checksum, file_format=source.file_format,
            old_path=old_path(source.name, base_url)[:500],
        )
        known = len(self.directory)
        # What this file adds to the run's caches, forgotten again if the file is rolled back.
        self.file = {"organisations": [], "children": [], "redirects": []}
        try:
            with transaction.atomic():
                html_title, text = read_source(source)
                cleaned = cleaning.clean(text, repeated=repeated)
                found = extract.extract(cleaned, html_title=html_title, directory=self.directory,
                                        alliance=self.alliance_id, old_path=record.old_path)
                record.kind, record.language, record.title = found["kind"], found["language"], found["title"][:500]
                record.original.save(PurePosixPath(source.name).name, ContentFile(source.content), save=False)
                article = resolution = letter = None
                if found["kind"] == "letter":
                    letter = self.letter(found, record)
                if letter is None:
                    article = self.article(found, record)
                    if found["kind"] == "resolution":
                        resolution = self.resolution(found, record, article)
                record.uncertainties = found["uncertainties"]
                if found["kind"] == "newsletter" and article is not None:
                    record.uncertainties.append(_(NEWSLETTER_NOTE))
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
                if self.file["organisations"]:
                    record.proposed_organisations.add(*self.file["organisations"])
        except Exception as error:  # one bad file must not stop the archive: it is reported
            logger.exception("archive import of %s failed", source.name)
            self.forget_file(known)
            record.pk = None
            record.status = ImportedFile.Status.FAILED
            record.uncertainties = [_("Could not be imported: %(error)s") % {"error": str(error)[:300]}]
            record.extracted, record.article, record.resolution, record.letter, record.redirect = {}, None, None, None, None
            record.original.save(PurePosixPath(source.name).name, ContentFile(source.content), save=False)
            record.save()
        else:
            for index_pk in self.file["children"]:
                self.tree[index_pk]["added"] += 1
        return record

    def forget_file(self, known):
        """The file's savepoint was rolled back: so is what it added to the caches."""
        self.directory.truncate(known)
        # Records loaded before may have been changed in memory (an event's response): read again.
        self.organisations.clear()
        self.events.clear()
        self.redirected.difference_update(self.file["redirects"])

    def start_batch(self):
        self.tree = {}

    def end_batch(self):
        """The news sections' child counts, once per batch instead of once per page."""
        from wagtail.models import Page

        for index_pk, state in self.tree.items():
            if state["added"]:
                Page.objects.filter(pk=index_pk).update(numchild=F("numchild") + state["added"])


def insert_draft_page(page, *, clean_rich_text=False):
    """Writes a new draft page and its first revision as `loaddata` writes pages: its rows, no signals.

    `page` must already have its place in the tree (path, depth, url_path). What the signals
    of a normal save would do is done by the caller or once for the run: rich text must be
    clean already (the archive's paragraphs are escaped text, which the whitelister keeps
    as it is; `clean_rich_text=True` runs it anyway), search and reference indexes are updated
    by `tasks.index_imported_run` after the commit, and a draft changes no public page, so
    there is no page cache to purge.
    """
    from modelcluster.models import get_all_child_relations
    from wagtail.models import Page, Revision

    if clean_rich_text:
        clean_rich_text_before_save(type(page), instance=page)
    Page.objects.bulk_create([page])  # the wagtailcore_page row
    page.page_ptr_id = page.id
    page.save_base(raw=True, force_insert=True)  # the row of the page's own model
    # A new page has no attachments, links, tags or comments yet: said so, its revision is
    # serialised without asking the database for each kind of child.
    for relation in get_all_child_relations(page):
        setattr(page, relation.get_accessor_name(), [])
    revision = Revision.objects.create(
        content_object=page, base_content_type=page.get_base_content_type(), content=page.serializable_data(),
        object_str=str(page), created_at=timezone.now(),
    )
    page.latest_revision, page.latest_revision_created_at = revision, revision.created_at
    Page.objects.filter(pk=page.pk).update(latest_revision=revision, latest_revision_created_at=revision.created_at)
    return page


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
            run.skipped.append({"name": source.name, "reason": SKIPPED_FORMAT})
        elif source.checksum in done or source.checksum in seen:
            run.skipped.append({"name": source.name, "reason": SKIPPED_DUPLICATE,
                                "file": done.get(source.checksum)})
        else:
            seen.add(source.checksum)
            fresh.append(source)
    # Menus, headers and footers are the lines the old site repeated on many of its pages.
    texts = [decode(s.content) for s in fresh if s.file_format != "pdf"]
    repeated = cleaning.repeated_lines(texts)
    importer = _Importer(run, existing_redirects=existing_redirects(fresh, base_url))
    # Files are committed a hundred at a time (each in its own savepoint, so one bad file is
    # rolled back alone): a commit per file costs more than reading the file. A crash loses at
    # most the batch under way, which the next import of the same files makes again.
    for start in range(0, len(fresh), BATCH):
        with transaction.atomic():
            importer.start_batch()
            for source in fresh[start:start + BATCH]:
                importer.import_one(source, base_url=base_url, repeated=repeated)
            importer.end_batch()
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at", "skipped"])
    if fresh:
        # Search and reference indexes once for the whole run, after it is committed.
        transaction.on_commit(lambda: tasks.index_imported_run.enqueue(run.pk))
    return run


def existing_redirects(sources, base_url):
    """Old addresses that already redirect somewhere, among those of the files to import."""
    from wagtail.contrib.redirects.models import Redirect

    paths = [Redirect.normalise_path(old_path(s.name, base_url)[:500]) for s in sources]
    found = set()
    for start in range(0, len(paths), LOOKUP_CHUNK):
        found.update(Redirect.objects.filter(site=None, old_path__in=paths[start:start + LOOKUP_CHUNK])
                     .values_list("old_path", flat=True))
    return found


# -- reviewing what was imported ------------------------------------------------------------

# The network records an import makes as drafts, by the name used in admin addresses.
DRAFT_KINDS = {"resolution": Resolution, "letter": Correspondence, "event": Event, "organisation": Organisation}


def draft_kind(record):
    return next(kind for kind, model in DRAFT_KINDS.items() if isinstance(record, model))


def _with_draft_ancestors(organisations):
    found = []
    for organisation in organisations:
        if organisation is None:
            continue
        for node in [organisation, *organisation.ancestors()]:
            if node.draft and node not in found:
                found.append(node)
    return found


def drafts_named_by(record):
    """The other draft records that `record` names, which accepting it accepts too: a public
    resolution must not point to an organisation or event nobody has reviewed."""
    if isinstance(record, Resolution):
        organisations = [record.adopting_organisation, *record.submitted_by.all()]
        events = [record.event]
    elif isinstance(record, Correspondence):
        organisations = [record.sender, *record.recipients.all()]
        events = [record.event]
    elif isinstance(record, Event):
        organisations, events = list(record.organisers.all()), []
    else:
        organisations, events = [record], []
    events = [event for event in events if event is not None and event.draft]
    for event in events:
        organisations += list(event.organisers.all())
    return [r for r in _with_draft_ancestors(organisations) if r != record] + events


@transaction.atomic
def accept_draft(record):
    """An editor has reviewed a draft network record: it becomes a normal record, shown on the
    public site as any other (a letter once it is published), with the drafts it names.
    Returns the records accepted."""
    if not record.draft:
        raise ArchiveError(_("%(record)s is not a draft.") % {"record": record})
    accepted = [*drafts_named_by(record), record]
    for item in accepted:
        item.accept()
    return accepted
