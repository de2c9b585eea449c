"""For tests that start a command in a process of its own (a background worker, a sender):
the environment that points it at the test's settings and database."""

import os


def database_url():
    """The test database's address, as DATABASE_URL, for a process of its own."""
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{os.path.abspath(db['NAME'])}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def process_env(**extra):
    """This process's environment with the test settings and the test database, and `extra`."""
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "solidarity.settings_test", "DATABASE_URL": database_url(),
            **extra}
