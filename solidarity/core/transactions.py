"""Work that runs once the current transaction commits."""

import functools

from django.db import transaction


def after_commit(func, /, *args, **kwargs):
    """Call `func(*args, **kwargs)` once the current transaction commits (at once outside one).
    If it raises (a queue that does not answer), the error is logged and the rest of the
    after-commit work still runs: what was committed stays answered as stored.

    Django's robust on_commit names a failing callable by its __qualname__, which a
    functools.partial lacks: the AttributeError raised while logging escaped, skipped the
    remaining work and failed a request whose data was already committed."""
    call = functools.partial(func, *args, **kwargs)
    call.__qualname__ = getattr(func, "__qualname__", repr(func))
    transaction.on_commit(call, robust=True)
