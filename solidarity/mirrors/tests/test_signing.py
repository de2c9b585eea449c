"""The manifest's signature, and checking a copy against the public key."""

import datetime
import json
import stat

import pytest
from django.utils import timezone

from solidarity.mirrors.services import signing


def make_copy(folder, files, *, baked_at=None, sign=True):
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    manifest = json.dumps({
        "version": 1, "baked_at": (baked_at or timezone.now()).isoformat(),
        "files": {name: signing.hashlib.sha256(data).hexdigest() for name, data in files.items()},
    }).encode()
    (folder / "manifest.json").write_bytes(manifest)
    if sign:
        (folder / "manifest.sig").write_text(signing.sign(manifest))


FILES = {"index.html": b"<p>home</p>", "en/index.html": b"<p>news</p>", "static/site.css": b"body{}"}


def test_a_copy_as_baked_verifies(signing_key, tmp_path):
    make_copy(tmp_path / "copy", FILES)
    report = signing.verify_mirror(tmp_path / "copy", public=signing_key)
    assert report.ok and report.signature_ok and report.files == 3


def test_an_altered_missing_or_added_file_is_reported(signing_key, tmp_path):
    copy = tmp_path / "copy"
    make_copy(copy, FILES)
    (copy / "en/index.html").write_bytes(b"<p>news</p><script src=https://evil.example/x.js></script>")
    (copy / "static/site.css").unlink()
    (copy / "en/extra.html").write_bytes(b"<p>planted</p>")
    report = signing.verify_mirror(copy, public=signing_key)
    assert not report.ok and report.signature_ok
    assert (report.altered, report.missing, report.extra) == (["en/index.html"], ["static/site.css"], ["en/extra.html"])


def test_a_manifest_rewritten_to_match_altered_files_fails_the_signature(signing_key, tmp_path):
    copy = tmp_path / "copy"
    make_copy(copy, FILES)
    manifest = json.loads((copy / "manifest.json").read_bytes())
    (copy / "en/index.html").write_bytes(b"<p>lies</p>")
    manifest["files"]["en/index.html"] = signing.hashlib.sha256(b"<p>lies</p>").hexdigest()
    (copy / "manifest.json").write_text(json.dumps(manifest))
    report = signing.verify_mirror(copy, public=signing_key)
    assert not report.ok and not report.signature_ok and report.altered == []


def test_another_key_does_not_verify(signing_key, tmp_path):
    make_copy(tmp_path / "copy", FILES)
    _private, other_public = signing.generate_key_pair()
    assert not signing.verify_mirror(tmp_path / "copy", public=other_public).signature_ok


def test_an_unsigned_copy_does_not_verify(signing_key, tmp_path):
    make_copy(tmp_path / "copy", FILES, sign=False)
    report = signing.verify_mirror(tmp_path / "copy", public=signing_key)
    assert not report.ok and any("not signed" in problem for problem in report.problems)


def test_a_copy_older_than_the_limit_is_stale(signing_key, tmp_path):
    make_copy(tmp_path / "copy", FILES, baked_at=timezone.now() - datetime.timedelta(days=8))
    assert signing.verify_mirror(tmp_path / "copy", public=signing_key, max_age_days=7).stale
    assert signing.verify_mirror(tmp_path / "copy", public=signing_key, max_age_days=10).ok


def test_a_manifest_naming_a_file_outside_the_folder_is_refused(signing_key, tmp_path):
    (tmp_path / "secret.txt").write_text("x")
    copy = tmp_path / "copy"
    make_copy(copy, FILES)
    manifest = json.loads((copy / "manifest.json").read_bytes())
    manifest["files"]["../secret.txt"] = "0" * 64
    data = json.dumps(manifest).encode()
    (copy / "manifest.json").write_bytes(data)
    (copy / "manifest.sig").write_text(signing.sign(data))
    report = signing.verify_mirror(copy, public=signing_key)
    assert not report.ok and any("outside the folder" in problem for problem in report.problems)


def test_the_private_key_file_is_readable_by_its_owner_only_and_never_overwritten(tmp_path):
    path = tmp_path / "mirror.key"
    signing.write_key_pair(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(FileExistsError):
        signing.write_key_pair(path)


def test_the_public_key_comes_from_the_key_file_unless_set_and_has_a_fingerprint(signing_key, settings):
    assert signing.public_key() == signing_key
    fingerprint = signing.fingerprint(signing_key)
    assert len(fingerprint.split()) == 8 and all(len(group) == 4 for group in fingerprint.split())
    settings.MIRROR_PUBLIC_KEY = "published-elsewhere"
    assert signing.public_key() == "published-elsewhere"
