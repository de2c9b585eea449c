"""The throwaway database a benchmark runs on: a SQLite file in the benchmark's temporary
directory by default, or a PostgreSQL database created afresh under the name given (and
dropped again at the end)."""

import urllib.parse


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
