"""`manage.py restore`: a backup of a filled site comes back whole into a fresh database and
fresh folders, on the database the tests run on (SQLite, or PostgreSQL with DATABASE_URL)."""

import hashlib
import io
import json
import sqlite3
import tarfile
from pathlib import Path

import pyrage
import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import CommandError, call_command
from django.db import connection

from tests.processes import database_url


@pytest.fixture
def key(tmp_path):
    """An age key pair; the private half in a file, as an operator brings it to a restore."""
    identity = pyrage.x25519.Identity.generate()
    path = tmp_path / "key.txt"
    path.write_text(f"# public key: {identity.to_public()}\n{identity}\n")
    return {"public": str(identity.to_public()), "file": str(path)}


@pytest.fixture
def folders(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CAMPAIGN_PRIVATE_ROOT = tmp_path / "private" / "campaigns"
    settings.BACKUP_DIR = tmp_path / "backups"
    return tmp_path


def png():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def filled_site(committed_db, folders):
    """The demo site (pages in both languages, network, cases, a campaign with signatures), a
    document, an image and a delivery pack."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    call_command("load_demo", stdout=io.StringIO())
    get_document_model().objects.create(
        title="Annual report", file=ContentFile(b"%PDF-1.4 report of the year", name="report.pdf"))
    get_image_model().objects.create(title="Picket line", file=ImageFile(io.BytesIO(png()), name="picket.png"))
    pack = Path(folders / "private" / "campaigns" / "packs" / "pack-1.pdf")
    pack.parent.mkdir(parents=True)
    pack.write_bytes(b"%PDF-1.4 names of the signers")
    assert apps.get_model("campaigns", "Signature").objects.exists()
    return folders


@pytest.fixture
def fresh_database(tmp_path):
    """The address of an empty database of the same kind as the test database."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored' / 'db.sqlite3'}"
        return
    name = f"{connection.settings_dict['NAME']}_restored"[:63]
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield database_url().rsplit("/", 1)[0] + f"/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def open_database(url):
    if url.startswith("sqlite:///"):
        return sqlite3.connect(url.removeprefix("sqlite:///"))
    import psycopg

    return psycopg.connect(url.replace("postgres://", "postgresql://", 1))


def every_row(url):
    """Every table's rows, in an order that does not depend on how they were stored."""
    tables = connection.introspection.table_names()
    database = open_database(url)
    try:
        return {
            table: sorted(map(repr, database.execute(f'SELECT * FROM "{table}"').fetchall()))  # noqa: S608
            for table in tables
        }
    finally:
        database.close()


def every_file(root):
    root = Path(root)
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in root.rglob("*") if path.is_file()}


def backup(**options):
    out = io.StringIO()
    call_command("backup", stdout=out, stderr=io.StringIO(), **options)
    return Path(out.getvalue().strip())


def test_a_filled_site_comes_back_whole_into_a_fresh_database_and_folders(filled_site, fresh_database, key):
    archive = backup(recipient=key["public"])
    restored = filled_site / "restored"
    call_command("restore", str(archive), identity=key["file"], database_url=fresh_database,
                 media_root=str(restored / "media"), private_root=str(restored / "private"),
                 stdout=io.StringIO())

    source, copy = every_row(database_url()), every_row(fresh_database)
    assert copy == source
    assert len(source) > 50
    assert source["campaigns_signature"] and source["wagtailcore_page"]
    assert every_file(restored / "media") == every_file(filled_site / "media")
    assert {"documents/report.pdf", "original_images/picket.png"} <= set(every_file(restored / "media"))
    assert every_file(restored / "private") == {"packs/pack-1.pdf": hashlib.sha256(b"%PDF-1.4 names of the signers").hexdigest()}


def test_an_encrypted_backup_shows_no_signer_and_a_plain_one_does(filled_site, key):
    email = apps.get_model("campaigns", "Signature").objects.first().email.encode()
    sealed = backup(recipient=key["public"])
    plain = backup(recipient="", unencrypted=True)
    assert sealed.name.endswith(".tar.age") and plain.name.endswith(".tar")
    assert email not in sealed.read_bytes()
    if connection.vendor == "sqlite":  # pg_dump's custom format is compressed
        assert email in plain.read_bytes()


def backup_of_a_small_site(folders, key):
    (folders / "media" / "documents").mkdir(parents=True)
    (folders / "media" / "documents" / "letter.txt").write_text("Dear colleagues")
    return backup(recipient=key["public"])


def decrypt(archive, key, target):
    identity = pyrage.x25519.Identity.from_str(Path(key["file"]).read_text().splitlines()[1])
    target.write_bytes(pyrage.decrypt(archive.read_bytes(), [identity]))
    return target


def test_a_changed_file_in_the_archive_is_refused_before_anything_is_written(db, folders, key, tmp_path):
    plain = decrypt(backup_of_a_small_site(folders, key), key, tmp_path / "plain.tar")
    tampered = tmp_path / "tampered.tar"
    with tarfile.open(plain) as source, tarfile.open(tampered, "w") as out:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "media/documents/letter.txt":
                data = b"Dear comrades"
                member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    target = tmp_path / "new" / "db.sqlite3"
    with pytest.raises(CommandError, match=r"does not match its manifest \(1 files: media/documents/letter.txt\)"):
        call_command("restore", str(tampered), database_url=f"sqlite:///{target}",
                     media_root=str(tmp_path / "new" / "media"), private_root=str(tmp_path / "new" / "private"))
    assert not target.exists() and not (tmp_path / "new" / "media").exists()


def test_a_manifest_cannot_make_restore_read_a_database_from_outside_the_archive(db, folders, key, tmp_path):
    # Anyone can encrypt to the public key: a planted backup must not pull in another file.
    outside = tmp_path / "elsewhere.sqlite3"
    with sqlite3.connect(outside) as other:
        other.execute("CREATE TABLE secret (value TEXT)")
    other.close()
    plain = decrypt(backup_of_a_small_site(folders, key), key, tmp_path / "plain.tar")
    crafted = tmp_path / "crafted.tar"
    with tarfile.open(plain) as source, tarfile.open(crafted, "w") as out:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(data)
                manifest["database"]["file"] = str(outside)
                data = json.dumps(manifest).encode()
                member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    target = tmp_path / "new" / "db.sqlite3"
    if connection.vendor != "sqlite":
        pytest.skip("the crafted database is an SQLite file")
    with pytest.raises(CommandError, match="database"):
        call_command("restore", str(crafted), database_url=f"sqlite:///{target}",
                     media_root=str(tmp_path / "new" / "media"), private_root=str(tmp_path / "new" / "private"))
    assert not target.exists()


def test_an_encrypted_backup_needs_the_private_key(db, folders, key, tmp_path):
    archive = backup_of_a_small_site(folders, key)
    with pytest.raises(CommandError, match="give the private key"):
        call_command("restore", str(archive))
    other = tmp_path / "other.txt"
    other.write_text(f"{pyrage.x25519.Identity.generate()}\n")
    with pytest.raises(CommandError, match="could not be decrypted with this key"):
        call_command("restore", str(archive), identity=str(other))


def test_a_database_in_use_is_never_overwritten(db, folders, key):
    archive = backup_of_a_small_site(folders, key)
    with pytest.raises(CommandError, match="is not empty: restore into a new one"):
        call_command("restore", str(archive), identity=key["file"], media_root=str(folders / "new-media"),
                     private_root=str(folders / "new-private"))


def test_a_media_folder_with_files_is_never_overwritten(db, folders, key, tmp_path):
    archive = backup_of_a_small_site(folders, key)
    if connection.vendor != "sqlite":
        pytest.skip("the folder is checked after the database, and a fresh database needs a server here")
    with pytest.raises(CommandError, match=r"media is not empty"):
        call_command("restore", str(archive), identity=key["file"],
                     database_url=f"sqlite:///{tmp_path / 'new.sqlite3'}", media_root=str(folders / "media"))
