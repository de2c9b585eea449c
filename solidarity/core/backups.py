"""Backups: the database and the uploaded files in one archive, checked, and encrypted to a key
that never lives on the server.

An archive is a tar file that holds
  database.sqlite3  SQLite's online backup API: a consistent copy while the site runs, or
  database.pgdump   pg_dump's custom format: consistent as of its start;
  media/...         MEDIA_ROOT (images, documents, the archive import's originals);
  private/...       CAMPAIGN_PRIVATE_ROOT (the delivery packs);
  manifest.json     last: the SHA-256 and size of every other member, the database's kind and
                    the migrations applied to it.
The database is copied before the files, so a file uploaded meanwhile may be in the archive
without its row, never a row without its file (unless a file was deleted meanwhile).

With a recipient (BACKUP_RECIPIENT, an age public key, "age1...") the archive is encrypted with
age (pyrage) before it is given its name: whoever steals the backups, or the server, cannot read
who signed; only the holder of the private key, kept off the server, can restore. The age
command-line tool decrypts it too (`age -d -i key.txt`).

Restoring checks every member against the manifest before anything is written, refuses an
archive made by a newer release than the code, and writes only into an empty database and
empty folders.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.db import connection

FORMAT = 1
MANIFEST = "manifest.json"
AGE_HEADER = b"age-encryption.org/v1"
CHUNK = 1024 * 1024
SQLITE, POSTGRESQL = "sqlite", "postgresql"
DATABASE_FILES = {SQLITE: "database.sqlite3", POSTGRESQL: "database.pgdump"}


class BackupError(Exception):
    """A backup or a restore that cannot go on; the message says what to do."""


def folders(*, media_root=None, private_root=None):
    """The folders an archive holds, by the name they have inside it."""
    return {
        "media": Path(media_root or settings.MEDIA_ROOT),
        "private": Path(private_root or settings.CAMPAIGN_PRIVATE_ROOT),
    }


# Backing up


def make_backup(*, folder=None, recipient=None, allow_plain=False, keep=None):
    """Write one archive into `folder` (BACKUP_DIR) and return its path; keep the newest `keep`."""
    import pyrage

    recipient = recipient if recipient is not None else settings.BACKUP_RECIPIENT
    if not recipient and not allow_plain and not settings.DEBUG:
        raise BackupError(
            "No BACKUP_RECIPIENT is set: a backup in clear would give away every signer to whoever "
            "takes it. Set BACKUP_RECIPIENT to an age public key, or pass --unencrypted."
        )
    try:
        public_key = pyrage.x25519.Recipient.from_str(recipient) if recipient else None
    except pyrage.RecipientError as error:
        raise BackupError("The recipient is not an age public key (age1...).") from error
    folder = Path(folder or settings.BACKUP_DIR)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = folder / f"solidarity-{stamp}.tar{'.age' if public_key else ''}"
    # The plain copy of the database is made in VAR_DIR, never in the folder operators copy off
    # the machine (a sync during a run would carry it). A run killed half-way leaves its work
    # folders: the next run removes them.
    plain_parent = Path(settings.VAR_DIR)
    plain_parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    for stale in (*folder.glob(".backup-*"), *plain_parent.glob(".backup-*")):
        shutil.rmtree(stale, ignore_errors=True)
    with tempfile.TemporaryDirectory(dir=folder, prefix=".backup-") as work, \
            tempfile.TemporaryDirectory(dir=plain_parent, prefix=".backup-") as plain_work:
        partial = Path(work) / "archive.partial"
        with open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
            if public_key:
                _encrypting(out, public_key, lambda stream: _write_archive(stream, Path(plain_work)))
            else:
                _write_archive(out, Path(plain_work))
        partial.rename(target)
    prune(folder=folder, keep=settings.BACKUP_KEEP if keep is None else keep)
    return target


def _encrypting(out, public_key, write):
    """Run write(stream) with what it writes encrypted into `out` as it goes (age, through a
    pipe), so no plain copy of the whole archive is ever on disk."""
    import threading

    import pyrage

    read_end, write_end = os.pipe()
    failed = []

    def encrypt():
        try:
            with os.fdopen(read_end, "rb") as reader:
                pyrage.encrypt_io(reader, out, [public_key])
        except Exception as error:  # reported by the writing side, below
            failed.append(error)

    worker = threading.Thread(target=encrypt, name="backup-encrypt")
    worker.start()
    try:
        with os.fdopen(write_end, "wb") as writer:
            write(writer)
    finally:
        worker.join()
    if failed:
        raise BackupError(f"Encrypting the backup failed: {failed[0]}")


def prune(*, folder, keep):
    archives = sorted(Path(folder).glob("solidarity-*.tar*"), key=lambda path: path.name, reverse=True)
    for old in archives[max(keep, 1):]:
        old.unlink()


class _Hashing:
    """A file read through, hashed as tarfile copies it."""

    def __init__(self, file):
        self.file, self.digest = file, hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.digest.update(data)
        return data


def _write_archive(stream, work):
    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Backups know SQLite and PostgreSQL, not {vendor}.")
    dump = work / DATABASE_FILES[vendor]
    applied = _applied_migrations()
    if vendor == SQLITE:
        _sqlite_copy(connection.settings_dict["NAME"], dump)
    else:
        _pg_dump(connection.settings_dict, dump)
    members = {}
    with tarfile.open(fileobj=stream, mode="w|", format=tarfile.PAX_FORMAT) as archive:
        members[dump.name] = _add(archive, dump, dump.name)
        dump.unlink()
        for name, root in folders().items():
            if not root.is_dir():
                continue
            for file in sorted(root.rglob("*")):
                if file.is_file() and not file.is_symlink():
                    member = f"{name}/{file.relative_to(root).as_posix()}"
                    members[member] = _add(archive, file, member)
        manifest = json.dumps({
            "format": FORMAT,
            "created": datetime.now(UTC).isoformat(),
            "database": {"vendor": vendor, "file": dump.name},
            "migrations": applied,
            "files": members,
        }, indent=1, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode = len(manifest), 0o600
        archive.addfile(info, io.BytesIO(manifest))


def _add(archive, file, member):
    with open(file, "rb") as source:
        info = archive.gettarinfo(fileobj=source, arcname=member)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        reader = _Hashing(source)
        archive.addfile(info, reader)
    return {"sha256": reader.digest.hexdigest(), "size": info.size}


def _applied_migrations():
    from django.db.migrations.recorder import MigrationRecorder

    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def _sqlite_copy(source, target):
    # The online backup API copies a consistent snapshot while the site keeps writing (WAL).
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def _pg_command(db):
    """Connection options for pg_dump/pg_restore, and the environment carrying the password."""
    args = [f"--dbname={db['NAME']}"]
    if db.get("HOST"):
        args.append(f"--host={db['HOST']}")
    if db.get("PORT"):
        args.append(f"--port={db['PORT']}")
    if db.get("USER"):
        args.append(f"--username={db['USER']}")
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    return args, env


def _run(command, env, what):
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client).")
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 (our own arguments)
    if result.returncode != 0:
        raise BackupError(f"{what} failed: {result.stderr.strip()[-2000:]}")


def _pg_dump(db, target):
    args, env = _pg_command(db)
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}", *args], env,
         "pg_dump")


# Restoring


def restore_backup(*, archive, identity=None, database_url=None, media_root=None, private_root=None):
    """Check `archive` and restore it into an empty database (DATABASE_URL, or `database_url`) and
    empty media and private folders. Returns what was restored: {"files": n, "migrations_behind": n}."""
    archive = Path(archive)
    target_db = dj_database_url.parse(database_url) if database_url else settings.DATABASES["default"]
    targets = folders(media_root=media_root, private_root=private_root)
    # On the data disk, not in a /tmp that may be memory: it holds the whole archive unpacked.
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=settings.VAR_DIR) as work:
        work = Path(work)
        plain = _decrypted(archive, identity, work)
        staging = work / "staging"
        manifest = _extract_and_check(plain, staging)
        vendor = manifest["database"]["vendor"]
        behind = _check_migrations(manifest["migrations"])
        _check_empty(target_db, vendor, targets)
        dump = staging / manifest["database"]["file"]
        if vendor == SQLITE:
            Path(target_db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
            _sqlite_copy(dump, target_db["NAME"])
        else:
            args, env = _pg_command(target_db)
            _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                  *args, str(dump)], env, "pg_restore")
        for name, root in targets.items():
            if (staging / name).is_dir():
                shutil.copytree(staging / name, root, dirs_exist_ok=True)
    return {"files": len(manifest["files"]) - 1, "migrations_behind": behind}


def _decrypted(archive, identity, work):
    import pyrage

    with open(archive, "rb") as file:
        encrypted = file.read(len(AGE_HEADER)) == AGE_HEADER
    if not encrypted:
        return archive
    if not identity:
        raise BackupError("This backup is encrypted: give the private key's file with --identity.")
    try:
        key = next(line.strip() for line in Path(identity).read_text().splitlines()
                   if line.strip().startswith("AGE-SECRET-KEY-"))
        secret = pyrage.x25519.Identity.from_str(key)
    except (OSError, StopIteration, pyrage.IdentityError) as error:
        raise BackupError("The identity file holds no age private key (AGE-SECRET-KEY-...).") from error
    plain = work / "archive.tar"
    try:
        with open(archive, "rb") as sealed, open(plain, "wb") as out:
            pyrage.decrypt_io(sealed, out, [secret])
    except pyrage.DecryptError as error:
        raise BackupError("The backup could not be decrypted with this key (another key, or a damaged file).") from error
    return plain


def _extract_and_check(plain, staging):
    try:
        with tarfile.open(plain, "r:") as archive:
            # The "data" filter refuses absolute names, "..", links out of the folder, devices.
            archive.extractall(staging, filter="data")
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"The archive cannot be read: {error}") from error
    try:
        manifest = json.loads((staging / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError("The archive has no readable manifest.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"The archive's format {manifest.get('format')!r} is not one this release reads.")
    found = {path.relative_to(staging).as_posix() for path in staging.rglob("*") if path.is_file()} - {MANIFEST}
    listed = set(manifest["files"])
    wrong = sorted(found ^ listed)
    for member in sorted(found & listed):
        expected = manifest["files"][member]
        digest = hashlib.sha256()
        with open(staging / member, "rb") as file:
            for chunk in iter(lambda file=file: file.read(CHUNK), b""):
                digest.update(chunk)
        if digest.hexdigest() != expected["sha256"]:
            wrong.append(member)
    if wrong:
        raise BackupError(f"The archive does not match its manifest ({len(wrong)} files: {', '.join(wrong[:5])}).")
    if manifest["database"]["vendor"] not in DATABASE_FILES:
        raise BackupError("The archive's database is of an unknown kind.")
    # The database is the archive's own file, never a path the manifest names elsewhere.
    if manifest["database"].get("file") != DATABASE_FILES[manifest["database"]["vendor"]] \
            or manifest["database"]["file"] not in found:
        raise BackupError("The archive's manifest names a database file the archive does not hold.")
    return manifest


def _check_migrations(applied):
    """How many of this release's migrations the backup lacks (migrate applies them); a backup
    with a migration this release does not know comes from a newer release and is refused."""
    from django.db.migrations.loader import MigrationLoader

    known = {f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}
    unknown = sorted(set(applied) - known)
    if unknown:
        raise BackupError(f"The backup comes from a newer release (migrations {', '.join(unknown[:3])}): "
                          "restore it with that release's code.")
    return len(known - set(applied))


def _check_empty(db, vendor, targets):
    engine = db["ENGINE"]
    if (vendor == SQLITE) != (engine == "django.db.backends.sqlite3") or (
        vendor == POSTGRESQL and "postgresql" not in engine
    ):
        raise BackupError(f"The backup is of a {vendor} database; the target database is {engine}.")
    if vendor == SQLITE:
        path = Path(db["NAME"])
        if path.exists() and path.stat().st_size:
            with sqlite3.connect(path) as existing:
                tables = existing.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
            existing.close()
            if tables:
                raise BackupError(f"The database {path} is not empty: restore into a new one.")
    else:
        import psycopg

        conninfo = psycopg.conninfo.make_conninfo(
            dbname=db["NAME"], host=db.get("HOST") or None, port=db.get("PORT") or None,
            user=db.get("USER") or None, password=db.get("PASSWORD") or None,
        )
        with psycopg.connect(conninfo) as existing:
            tables = existing.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
            ).fetchone()[0]
        if tables:
            raise BackupError(f"The database {db['NAME']} is not empty: restore into a new one.")
    for root in targets.values():
        if root.is_dir() and any(root.iterdir()):
            raise BackupError(f"The folder {root} is not empty: restore into a new one.")
