"""`manage.py backup`: one archive, its manifest of checksums, encrypted unless told otherwise."""

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pyrage
import pytest
from django.core.management import CommandError, call_command


@pytest.fixture
def site_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CAMPAIGN_PRIVATE_ROOT = tmp_path / "private"
    settings.BACKUP_DIR = tmp_path / "backups"
    (tmp_path / "media" / "documents").mkdir(parents=True)
    (tmp_path / "media" / "documents" / "statement.pdf").write_bytes(b"%PDF-1.4 statement")
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "pack.pdf").write_bytes(b"%PDF-1.4 pack")
    return tmp_path


def backup(**options):
    out, err = io.StringIO(), io.StringIO()
    call_command("backup", stdout=out, stderr=err, **options)
    return Path(out.getvalue().strip()), err.getvalue()


def test_production_refuses_to_write_a_backup_in_clear(db, site_files, settings):
    settings.DEBUG = False
    settings.BACKUP_RECIPIENT = ""
    with pytest.raises(CommandError, match="Set BACKUP_RECIPIENT to an age public key"):
        call_command("backup")
    assert not (site_files / "backups").exists() or not any((site_files / "backups").iterdir())


def test_a_plain_backup_must_be_asked_for_and_says_so(db, site_files, settings):
    settings.DEBUG = False
    settings.BACKUP_RECIPIENT = ""
    path, warning = backup(unencrypted=True)
    assert path.name.endswith(".tar") and "not encrypted" in warning


def test_the_manifest_has_the_checksum_of_every_file_and_the_migrations(db, site_files):
    path, _warning = backup(unencrypted=True)
    with tarfile.open(path) as archive:
        names = archive.getnames()
        manifest = json.loads(archive.extractfile("manifest.json").read())
        database = archive.extractfile(manifest["database"]["file"]).read()
    assert names[-1] == "manifest.json"
    assert manifest["files"]["media/documents/statement.pdf"] == {
        "sha256": hashlib.sha256(b"%PDF-1.4 statement").hexdigest(), "size": 18}
    assert manifest["files"]["private/pack.pdf"]["size"] == 13
    assert manifest["files"][manifest["database"]["file"]]["sha256"] == hashlib.sha256(database).hexdigest()
    assert "campaigns.0001_initial" in manifest["migrations"]


def test_an_archive_is_readable_by_its_owner_only_and_opens_with_the_private_key(db, site_files):
    identity = pyrage.x25519.Identity.generate()
    path, _warning = backup(recipient=str(identity.to_public()))
    assert path.name.endswith(".tar.age")
    assert path.stat().st_mode & 0o777 == 0o600
    plain = pyrage.decrypt(path.read_bytes(), [identity])
    with tarfile.open(fileobj=io.BytesIO(plain)) as archive:
        assert "media/documents/statement.pdf" in archive.getnames()


def test_a_recipient_that_is_not_an_age_key_is_refused(db, site_files):
    with pytest.raises(CommandError, match="not an age public key"):
        call_command("backup", recipient="ssh-ed25519 AAAA")


def test_only_the_newest_archives_are_kept(db, site_files):
    old = site_files / "backups"
    old.mkdir()
    for day in ("20250101", "20250102", "20250103"):
        (old / f"solidarity-{day}-023000.tar.age").write_bytes(b"old")
    (old / "notes.txt").write_text("not a backup: left alone")
    newest, _warning = backup(unencrypted=True, keep=2)
    assert sorted(path.name for path in old.iterdir()) == sorted(
        [newest.name, "solidarity-20250103-023000.tar.age", "notes.txt"])


def test_a_wrong_recipient_in_the_environment_stops_the_start():
    import os
    import subprocess
    import sys

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "solidarity.settings", "DEBUG": "true",
           "BACKUP_RECIPIENT": "age1notakey"}
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=Path(__file__).resolve().parents[3],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "BACKUP_RECIPIENT is not an age public key" in result.stderr


def test_what_a_killed_run_left_behind_is_removed_by_the_next(db, site_files):
    leftover = site_files / "backups" / ".backup-killed"
    leftover.mkdir(parents=True)
    (leftover / "database.sqlite3").write_bytes(b"a plain copy of the database")
    identity = pyrage.x25519.Identity.generate()
    path, _warning = backup(recipient=str(identity.to_public()))
    assert [entry.name for entry in (site_files / "backups").iterdir()] == [path.name]


def test_a_copy_of_the_backup_folder_taken_during_a_run_never_holds_the_database_in_clear(db, site_files, settings,
                                                                                       monkeypatch):
    # Operators sync BACKUP_DIR off the machine (docs/operations.md), maybe while a backup runs.
    from solidarity.core import backups

    settings.VAR_DIR = site_files / "var"
    seen = []
    add = backups._add

    def look_then_add(archive, file, member):
        if member in backups.DATABASE_FILES.values():  # the database's copy is on the disk now
            seen.extend(path.name for path in (site_files / "backups").rglob("*") if path.is_file())
        return add(archive, file, member)

    monkeypatch.setattr(backups, "_add", look_then_add)
    identity = pyrage.x25519.Identity.generate()
    backup(recipient=str(identity.to_public()))

    assert seen == ["archive.partial"]
