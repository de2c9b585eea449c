"""The bytes behind a static or media address, read from storage without a request: what a
page links to under STATIC_URL (stylesheets, fonts) or MEDIA_URL (pictures only; documents go
through their own view, which checks their privacy)."""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage

MEDIA_FOLDERS = ("images/", "original_images/")


def _safe(name):
    return name and not name.startswith("/") and ".." not in name.split("/")


def static_bytes(name):
    if not _safe(name):
        return None
    # The collected folder (hashed names in production), else the apps' own static folders.
    if staticfiles_storage.exists(name):
        with staticfiles_storage.open(name) as handle:
            return handle.read()
    found = finders.find(name)
    return Path(found).read_bytes() if found else None


def media_bytes(name):
    if not _safe(name) or not name.startswith(MEDIA_FOLDERS) or not default_storage.exists(name):
        return None
    with default_storage.open(name) as handle:
        return handle.read()


def is_file_address(path):
    return path.startswith((settings.STATIC_URL, settings.MEDIA_URL))


def local_bytes(path):
    """The file at the address `path` (/static/..., /media/images/...), or None."""
    if path.startswith(settings.STATIC_URL):
        return static_bytes(path[len(settings.STATIC_URL):])
    if path.startswith(settings.MEDIA_URL):
        return media_bytes(path[len(settings.MEDIA_URL):])
    return None


def content_type_of(path):
    return mimetypes.guess_type(path)[0] or "application/octet-stream"
