"""The alliance's Ed25519 key (PyNaCl): signing a bake's manifest, and checking a copy.

Why a signature and not only hashes: anyone may host a mirror, and a mirror run by someone
hostile could change a page and its hash together. The manifest's signature can only be made
with the alliance's private key, which never leaves the machine that bakes; readers and
mirror hosts check it against the public key published on the Mirrors page (and in every bake).
"""

import base64
import hashlib
import json
import os
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote, urljoin

from django.conf import settings
from django.utils import timezone
from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
# An empty file the baker holds while it writes (never listed, never reported as extra).
LOCK = ".bake.lock"
FETCH_TIMEOUT = 30


class MirrorKeyError(ValueError):
    """A key that cannot be read (a missing file, not a key)."""


def generate_key_pair():
    """(private key, public key), each as base64 text."""
    key = SigningKey.generate()
    return (base64.b64encode(bytes(key)).decode("ascii"),
            base64.b64encode(bytes(key.verify_key)).decode("ascii"))


def write_key_pair(path):
    """Writes a new private key to `path` (readable by its owner only) and returns the public key."""
    private, public = generate_key_pair()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as out:
        out.write(private + "\n")
    return public


def _signing_key():
    path = settings.MIRROR_SIGNING_KEY_FILE
    if not path:
        return None
    try:
        return SigningKey(base64.b64decode(Path(path).read_text("ascii").strip(), validate=True))
    except (OSError, ValueError) as error:
        raise MirrorKeyError(f"The mirror signing key in {path} cannot be read: {error}") from error


def public_key():
    """The public key as base64: MIRROR_PUBLIC_KEY, or the one of the signing key."""
    if settings.MIRROR_PUBLIC_KEY:
        return settings.MIRROR_PUBLIC_KEY.strip()
    try:
        key = _signing_key()
    except MirrorKeyError:
        return ""
    return base64.b64encode(bytes(key.verify_key)).decode("ascii") if key else ""


def fingerprint(public):
    """A short form of a public key to read aloud or compare by eye: SHA-256, 8 groups of 4."""
    if not public:
        return ""
    digest = hashlib.sha256(base64.b64decode(public)).hexdigest()[:32].upper()
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))


def sign(data):
    """The base64 signature of `data`, or "" when no signing key is configured."""
    key = _signing_key()
    if key is None:
        return ""
    return base64.b64encode(key.sign(data).signature).decode("ascii")


def _verify_key(public):
    try:
        return VerifyKey(base64.b64decode(public, validate=True))
    except (ValueError, TypeError) as error:
        raise MirrorKeyError(f"Not an Ed25519 public key: {error}") from error


@dataclass
class Verification:
    location: str
    signature_ok: bool = False
    baked_at: str = ""
    key_fingerprint: str = ""
    stale: bool = False
    files: int = 0
    altered: list = field(default_factory=list)
    missing: list = field(default_factory=list)
    extra: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    @property
    def ok(self):
        return (self.signature_ok and not self.stale and not self.altered and not self.missing
                and not self.extra and not self.problems)


class _Folder:
    def __init__(self, root):
        self.root = Path(root)

    def read(self, name):
        try:
            return (self.root / name).read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None

    def names(self):
        return {path.relative_to(self.root).as_posix() for path in self.root.rglob("*") if path.is_file()}


class _Address:
    def __init__(self, base):
        self.base = base if base.endswith("/") else base + "/"

    def read(self, name):
        # Only http(s): verify_mirror reads any other location as a folder.
        request = urllib.request.Request(urljoin(self.base, quote(name, safe="/-._~")),  # noqa: S310
                                         headers={"User-Agent": "solidarity-verify-mirror"})
        try:
            with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:  # noqa: S310
                return response.read()
        except urllib.error.HTTPError as error:
            if error.code in (404, 410):
                return None
            raise

    def names(self):
        return None  # a web server does not list its files: extra files cannot be seen


def verify_mirror(location, *, public, max_age_days=7, now=None):
    """Checks the copy at `location` (a folder or an http(s) address) against `public`: the
    manifest's signature, the age of the bake, and every file's hash."""
    report = Verification(location=str(location))
    is_address = str(location).startswith(("http://", "https://"))
    source = _Address(str(location)) if is_address else _Folder(location)
    manifest_bytes, signature = source.read(MANIFEST), source.read(SIGNATURE)
    if manifest_bytes is None:
        report.problems.append(f"{MANIFEST} is missing")
        return report
    if signature is None:
        report.problems.append(f"{SIGNATURE} is missing: the manifest is not signed")
    else:
        try:
            _verify_key(public).verify(manifest_bytes, base64.b64decode(signature.strip(), validate=True))
            report.signature_ok = True
        except (BadSignatureError, ValueError):
            report.problems.append("the manifest's signature does not match the public key")
    try:
        manifest = json.loads(manifest_bytes)
        files = manifest["files"]
        report.baked_at = manifest["baked_at"]
        report.key_fingerprint = manifest.get("key_fingerprint", "")
        baked_at = datetime.fromisoformat(report.baked_at)
    except (ValueError, KeyError, TypeError):
        report.problems.append(f"{MANIFEST} cannot be read")
        return report
    now = now or timezone.now()
    if max_age_days is not None and now - baked_at > timedelta(days=max_age_days):
        report.stale = True
    report.files = len(files)
    for name, digest in sorted(files.items()):
        if name.startswith("/") or ".." in name.split("/"):
            report.problems.append(f"the manifest names a file outside the folder: {name}")
            continue
        data = source.read(name)
        if data is None:
            report.missing.append(name)
        elif hashlib.sha256(data).hexdigest() != digest:
            report.altered.append(name)
    present = source.names()
    if present is not None:
        report.extra = sorted(present - set(files) - {MANIFEST, SIGNATURE, LOCK})
    return report
