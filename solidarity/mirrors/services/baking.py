"""Baking the public site into a folder of static files, and baking it again.

What is baked is what an anonymous reader can reach: the crawl starts from each language's
home page, the sitemap and the lists, asks every address through Django's own request
handling (no network), and follows the links it finds. A page that is private, a draft or
restricted answers an anonymous request with a refusal or a sign-in redirect, and is left out.

Baking again renders everything again (pages still in the anonymous page cache cost nothing)
and writes only the files whose content hash changed; files the previous manifest listed and
this bake did not produce are deleted. The manifest is written last, each file through a
temporary name and a rename, so a mirror that copies the folder meanwhile sees either the old
file or the new one, never half of one.
"""

import contextlib
import fcntl
import hashlib
import json
import os
import re
import tarfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit
from xml.etree import ElementTree

from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone, translation
from wagtail.models import Site

from . import signing
from .addresses import mirror_addresses
from .files import content_type_of, is_file_address, local_bytes
from .links import Origin, file_for, host_of, is_html
from .rewriting import PageRewriter, css_links, page_links
from .signing import LOCK, MANIFEST, SIGNATURE

MANIFEST_VERSION = 1
MAX_REDIRECTS = 5
# Addresses that only make sense on the live site: sign-in, the admin, searching, the steps
# of signing and subscribing (links with a token), counters for scripts.
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/documents/authenticate_with_password/", "/static/admin/",
                    "/static/wagtailadmin/")
SKIPPED_IN_LANGUAGE = ("_util/", "search/", "newsletter/subscribe/", "newsletter/confirm/",
                       "newsletter/preferences/", "newsletter/unsubscribe/", "campaigns/confirm/",
                       "campaigns/letter/", "campaigns/endorsements/")
SKIPPED_ENDINGS = ("/sign/", "/thanks/", "/count.json")


@dataclass
class Resource:
    path: str
    query: str
    content_type: str
    body: bytes
    file: str
    attachment: bool = False


@dataclass
class BakeReport:
    folder: Path
    baked_at: str
    files: int = 0
    written: list = field(default_factory=list)
    deleted: list = field(default_factory=list)
    total_bytes: int = 0
    seconds: float = 0.0
    signed: bool = False
    archive: Path | None = None


def sha256(data):
    return hashlib.sha256(data).hexdigest()


class Crawler:
    def __init__(self):
        site = urlsplit(settings.SITE_URL)
        self.secure = site.scheme == "https"
        self.host = site.netloc or "localhost"
        extra = {"HTTP_X_FORWARDED_PROTO": "https"} if self.secure else {}
        self.client = Client(HTTP_HOST=self.host, **extra)
        addresses = mirror_addresses()
        # Wagtail writes links with its sites' own root addresses too.
        site_hosts = [host for site in Site.objects.all() for host in (site.hostname, f"{site.hostname}:{site.port}")]
        self.origin = Origin([self.host, host_of(addresses.onion_url), *site_hosts])
        self.languages = [code for code, _name in settings.LANGUAGES]
        self.resources = {}  # (path, query) -> Resource
        self.redirects = {}  # (path, query) -> (path, query)
        self.missing = set()
        self.queue = []

    # What to ask for

    def seeds(self):
        from solidarity.publishing.models import ArticlePage

        seeds = [("/sitemap.xml", ""), ("/robots.txt", "")]
        for code in self.languages:
            with translation.override(code):
                from django.urls import reverse

                seeds += [(reverse(name), "") for name in (
                    "mirrors:page", "campaigns:index", "cases:list", "network:registry", "network:letters",
                    "newsletter:archive",
                )]
            seeds.append((f"/{code}/", ""))
        for article in ArticlePage.objects.live().public().specific():
            url = article.get_url()
            if url and url.startswith("/"):
                seeds.append((unquote(url), "download="))
        return seeds

    def skipped(self, path):
        if path.startswith(SKIPPED_PREFIXES) or path.endswith(SKIPPED_ENDINGS):
            return True
        head, _slash, rest = path.lstrip("/").partition("/")
        return head in self.languages and rest.startswith(SKIPPED_IN_LANGUAGE)

    # Asking

    def crawl(self):
        self.queue = list(self.seeds())
        while self.queue:
            key = self.queue.pop()
            if key in self.resources or key in self.redirects or key in self.missing:
                continue
            resource = self.fetch(*key)
            if resource is None or resource.attachment:
                continue
            for link in self.links_of(resource):
                target = self.origin.own_path(resource.path, link)
                if target is not None and not self.skipped(target[0]):
                    self.queue.append(target[:2])
        return self.resources

    def links_of(self, resource):
        if is_html(resource.content_type):
            return page_links(resource.body.decode("utf-8"))
        if resource.content_type.startswith("text/css"):
            return css_links(resource.body.decode("utf-8"))
        if resource.path == "/sitemap.xml":
            sitemap = ElementTree.fromstring(resource.body)  # noqa: S314 - our own sitemap, just rendered
            return [element.text for element in sitemap.iter()
                    if element.tag.endswith("}loc") and element.text]
        return []

    def fetch(self, path, query):
        key = (path, query)
        if self.skipped(path):
            self.missing.add(key)
            return None
        if is_file_address(path):
            body = local_bytes(path)
            if body is None:
                self.missing.add(key)
                return None
            content_type = content_type_of(path)
            resource = Resource(path, "", content_type, body, file_for(path, "", content_type))
            self.resources[key] = resource
            return resource
        self.client.cookies.clear()
        response = self.client.get(quote(path, safe="/-._~"), data=_query_dict(query), secure=self.secure)
        if response.status_code in (301, 302, 303, 307, 308):
            target = self.origin.own_path(path, response["Location"])
            if target is None or target[:2] == key or self.skipped(target[0]) or len(self.redirects) > 10_000:
                self.missing.add(key)
                return None
            # Links to `key` go where it redirects; that address is asked for in its turn.
            self.redirects[key] = target[:2]
            self.queue.append(target[:2])
            return None
        if response.status_code != 200:
            self.missing.add(key)
            return None
        body = b"".join(response.streaming_content) if response.streaming else response.content
        content_type = response.get("Content-Type", "application/octet-stream")
        attachment = response.get("Content-Disposition", "").startswith("attachment") and is_html(content_type)
        resource = Resource(path, query, content_type, body, file_for(path, query, content_type), attachment)
        self.resources[key] = resource
        return resource

    # Where links go

    def file_of(self, key, depth=0):
        while key in self.redirects and depth < MAX_REDIRECTS:
            key, depth = self.redirects[key], depth + 1
        resource = self.resources.get(key)
        return resource.file if resource else None

    def resolver(self, page_path):
        def resolve(link):
            target = self.origin.own_path(page_path, link)
            if target is None:
                return False
            path, query, fragment = target
            if not path or path == "/":
                return ("index.html", fragment)
            file = self.file_of((path, query))
            return (file, fragment) if file else None

        return resolve


def _query_dict(query):
    from urllib.parse import parse_qsl

    pairs = parse_qsl(query, keep_blank_values=True)
    result = {}
    for key, value in pairs:
        result.setdefault(key, []).append(value)
    return result


class BakeError(Exception):
    """A bake that must not replace the copy already there."""


def check_complete(crawler):
    # A misconfigured host (SITE_URL not in ALLOWED_HOSTS) or a broken home page would bake an
    # empty site, and the next step deletes everything the last bake made: stop instead.
    for code in crawler.languages:
        if crawler.file_of((f"/{code}/", "")) is None:
            raise BakeError(f"/{code}/ did not answer 200 when asked as {crawler.host}: nothing was changed. "
                            "Is SITE_URL's host in ALLOWED_HOSTS, and is the site published?")


def render_files(crawler):
    """{file: bytes} for every baked file, links made relative."""
    addresses = mirror_addresses()
    files = {}
    for resource in crawler.resources.values():
        body = resource.body
        if resource.attachment:
            files[resource.file] = body
            continue
        if is_html(resource.content_type) or resource.content_type.startswith("text/css"):
            language = resource.file.split("/", 1)[0]
            if language not in crawler.languages:
                language = settings.LANGUAGE_CODE
            rewriter = PageRewriter(
                file=resource.file, page_path=resource.path, resolve=crawler.resolver(resource.path),
                language=language, live_base=settings.SITE_URL, onion_base=addresses.onion_url,
                sign_by_email=addresses.sign_by_email,
            )
            text = body.decode("utf-8")
            text = rewriter.rewrite_html(text) if is_html(resource.content_type) else rewriter.rewrite_css(text)
            body = text.encode("utf-8")
        files[resource.file] = body
    files["index.html"] = render_to_string("mirrors/root_index.html", {
        "languages": [(code, f"{code}/index.html") for code in crawler.languages],
        "mirrors_pages": {code: f"{code}/mirrors/index.html" for code in crawler.languages},
        "site_name": settings.WAGTAIL_SITE_NAME,
    }).encode("utf-8")
    return files


@contextlib.contextmanager
def _locked(folder):
    # One bake of a folder at a time (two workers, or the command beside the worker).
    lock_path = folder / LOCK
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def read_manifest(folder):
    try:
        return json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}


# A feed with no dated item says it was built now: not a change worth writing and signing again.
_FEED_DATE = re.compile(rb"<(lastBuildDate|updated)>[^<]*</(lastBuildDate|updated)>")


def _same_feed(path, data):
    """The file already baked when `data` is the same feed but for its build date, else `data`."""
    if not path.name.endswith(".xml") or not _FEED_DATE.search(data):
        return data
    try:
        old = path.read_bytes()
    except OSError:
        return data
    return old if _FEED_DATE.sub(b"", old) == _FEED_DATE.sub(b"", data) else data


def _unchanged(path, digest, size):
    try:
        if path.stat().st_size != size:
            return False
        return sha256(path.read_bytes()) == digest
    except OSError:
        return False


def bake_site(*, folder, archive=None):
    """Bakes the public site into `folder` (made if missing), writing only what changed since
    the last bake there, and signs its manifest when a signing key is configured."""
    started = time.monotonic()
    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder):
        crawler = Crawler()
        crawler.crawl()
        check_complete(crawler)
        files = render_files(crawler)
        baked_at = timezone.now().replace(microsecond=0).isoformat()
        report = BakeReport(folder=folder, baked_at=baked_at)
        previous = read_manifest(folder).get("files", {})
        hashes = {}
        for name in sorted(files):
            data = _same_feed(folder / name, files[name])
            digest = hashes[name] = sha256(data)
            report.total_bytes += len(data)
            target = folder / name
            if not _unchanged(target, digest, len(data)):
                _write(target, data)
                report.written.append(name)
        for name in sorted(set(previous) - set(files)):
            if name.startswith("/") or ".." in name.split("/") or "\\" in name:
                continue  # a manifest edited by someone else: never delete outside the folder
            with contextlib.suppress(FileNotFoundError):
                (folder / name).unlink()
                report.deleted.append(name)
            _remove_empty_parents(folder, folder / name)
        manifest = json.dumps({
            "version": MANIFEST_VERSION, "site": settings.SITE_URL, "baked_at": baked_at, "files": hashes,
            # Which key signs it, so that after a key is rotated a reader knows which one to ask for.
            "key_fingerprint": signing.fingerprint(signing.public_key()),
        }, indent=1, sort_keys=True, ensure_ascii=False).encode("utf-8")
        signature = signing.sign(manifest)
        _write(folder / MANIFEST, manifest)
        if signature:
            _write(folder / SIGNATURE, signature.encode("ascii"))
            report.signed = True
        else:
            with contextlib.suppress(FileNotFoundError):
                (folder / SIGNATURE).unlink()
        report.files = len(files)
        if archive:
            report.archive = pack(folder=folder, names=sorted(files) + [MANIFEST] + ([SIGNATURE] if signature else []),
                                  archive=Path(archive))
    report.seconds = time.monotonic() - started
    return report


def _remove_empty_parents(root, path):
    parent = path.parent
    while parent != root and root in parent.parents:
        try:
            parent.rmdir()
        except OSError:
            return
        parent = parent.parent


def pack(*, folder, names, archive):
    """One archive (.tar.gz, .tgz or .zip) of the baked folder, in a folder of its own inside."""
    top = "mirror"
    archive.parent.mkdir(parents=True, exist_ok=True)
    if archive.name.endswith(".zip"):
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
            for name in names:
                out.write(folder / name, f"{top}/{name}")
    else:
        with tarfile.open(archive, "w:gz") as out:
            for name in names:
                out.add(folder / name, f"{top}/{name}")
    return archive
