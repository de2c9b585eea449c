"""The throwaway database a benchmark runs on: a SQLite file in the benchmark's temporary
directory by default, or a PostgreSQL database created afresh under the name given (and
dropped again at the end)."""

import contextlib
import os
import shutil
import subprocess
import tempfile
import urllib.parse
from pathlib import Path


def prepare_database(url, tmp, default_name):
    """The DATABASE_URL to use: a file in `tmp`, or a fresh PostgreSQL database."""
    if not url:
        return f"sqlite:///{tmp / 'bench.sqlite3'}"
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("--database takes a postgres:// address (SQLite is the default)")
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/") or default_name
    _administer(parts, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
    return parts._replace(path=f"/{name}").geturl()


def drop_database(url):
    if url.startswith("postgres"):
        parts = urllib.parse.urlsplit(url)
        _administer(parts, f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


def _administer(parts, *statements):
    import psycopg

    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


@contextlib.contextmanager
def throwaway_postgres(port, *, options=()):
    """A PostgreSQL cluster of our own on 127.0.0.1:`port`, in a temporary directory, with the
    server's default settings (durable commits: nothing is tuned for the benchmark), stopped and
    removed at the end. Needs Debian's `postgresql` package (its initdb and pg_ctl); run as root,
    the cluster runs as the postgres user, as the package's own do. Yields (address, pid of the
    postmaster), whose children are the backends: their CPU time is the database's."""
    binaries = _postgres_binaries()
    data = Path(tempfile.mkdtemp(prefix="solidarity-bench-pg-"))
    as_postgres = []
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    try:
        subprocess.run([*as_postgres, str(binaries / "initdb"), "-D", str(data / "data"), "-U", "postgres",
                        "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], check=True, stdout=subprocess.DEVNULL)
        server_options = " ".join([f"-p {port}", f"-k {data}", "-c listen_addresses=127.0.0.1", *options])
        subprocess.run([*as_postgres, str(binaries / "pg_ctl"), "-D", str(data / "data"), "-l", str(data / "log"),
                        "-o", server_options, "-w", "start"], check=True, stdout=subprocess.DEVNULL)
        pid = int((data / "data" / "postmaster.pid").read_text().split()[0])
        yield f"postgres://postgres@127.0.0.1:{port}/solidarity_bench", pid
    finally:
        if (data / "data" / "postmaster.pid").exists():
            subprocess.run([*as_postgres, str(binaries / "pg_ctl"), "-D", str(data / "data"), "-m", "immediate",
                            "-w", "stop"], check=False, stdout=subprocess.DEVNULL)
        shutil.rmtree(data, ignore_errors=True)


def _postgres_binaries():
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if not found:
        raise SystemExit("PostgreSQL is not installed: apt-get install postgresql (Debian's package: its initdb and pg_ctl)")
    return found[-1].parent
