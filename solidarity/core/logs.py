"""Structured logs: one line per request and per error, JSON in production (LOG_FORMAT).

No line carries a visitor's IP address: a request line has the first 16 hex digits of its
keyed hash (core.security.hash_ip), enough to see one address flooding the site and useless
to find out who it is. Paths are logged without the query string (what people search for is
theirs) and with the e-mailed secrets in them (confirmation, unsubscribe and set-up tokens)
blanked, so a leaked log lets nobody confirm, unsubscribe or enrol in someone's name. The
same blanking applies to the request Django attaches to its own error records.
"""

import functools
import json
import logging
import time
from datetime import UTC, datetime

from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

logger = logging.getLogger("solidarity.requests")

# Address parts whose value is a secret sent to one person.
SECRET_PARTS = ("token", "uidb64")
BLANK = "…"


def public_path(request):
    """The request's path without its query string, its secret parts blanked."""
    path = request.path
    match = getattr(request, "resolver_match", None) or _where_redirected(path)
    if match is not None:
        for name, value in match.kwargs.items():
            if name in SECRET_PARTS and value:
                path = path.replace(str(value), BLANK)
    return path


# Paths found to carry no secret, each with the language it was looked up in. The pages the
# page cache answers never reach the URL resolver, and looking each up again (the path, then
# with each language before it) cost as much as the cached answer itself. Forgotten all at
# once when full, so addresses made up by a robot do not pile up; a path longer than any of
# the site's is never kept (4,096 of gunicorn's longest would be 16 MB a process).
_plain_paths = set()
PLAIN_PATHS_KEPT = 4096
PLAIN_PATH_LONGEST = 200


def _where_redirected(path):
    """The view a path that did not resolve is redirected to (the final slash or the language
    added): a token in a link cut short is as secret as in the whole one."""
    from django.conf import settings
    from django.urls import get_urlconf
    from django.utils import translation

    key = (path, translation.get_language(), get_urlconf(settings.ROOT_URLCONF))
    if key in _plain_paths:
        return None
    match = _secret_match(path)
    if match is None and len(path) <= PLAIN_PATH_LONGEST:
        if len(_plain_paths) >= PLAIN_PATHS_KEPT:
            _plain_paths.clear()
        _plain_paths.add(key)
    return match


def _secret_match(path):
    """The match of a view with a secret in its address that `path` reaches once completed."""
    from django.conf import settings
    from django.urls import Resolver404, resolve
    from django.utils import translation

    slashed = path if path.endswith("/") else f"{path}/"
    candidates = [(slashed, None), *((f"/{code}{slashed}", code) for code, _name in settings.LANGUAGES)]
    for candidate, language in candidates:
        # A language prefix resolves only while its language is active.
        try:
            with translation.override(language or translation.get_language()):
                match = resolve(candidate)
        except Resolver404:
            continue
        if any(name in SECRET_PARTS for name in match.kwargs):
            return match
    return None


def ip_tag(request):
    from solidarity.core.security import client_ip

    address = client_ip(request)
    return _tag(address) if address else ""


@functools.lru_cache(maxsize=4096)
def _tag(address):
    # The same visitors come back request after request: hash each once (IP_HASH_KEY is fixed
    # for the life of the process).
    from solidarity.core.security import hash_ip

    return hash_ip(address)[:16]


class RequestLogMiddleware:
    """One line per request (logger `solidarity.requests`, INFO): method, path, status, time,
    and the CPU time of the thread that answered (what a kind of request costs, apart from
    waiting on the database or on other threads). First in the chain, so page-cache hits and
    refusals are counted too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not logger.isEnabledFor(logging.INFO):
            return self.get_response(request)
        started, cpu_started = time.perf_counter(), time.thread_time()
        response = self.get_response(request)
        milliseconds = round((time.perf_counter() - started) * 1000, 1)
        cpu_milliseconds = round((time.thread_time() - cpu_started) * 1000, 2)
        path = public_path(request)
        # makeRecord and handle, not info(): info() walks the stack to find the caller's line,
        # the dearest part of a line written on every request.
        logger.handle(logger.makeRecord(
            logger.name, logging.INFO, __file__, 0, "%s %s %s %.1f ms",
            (request.method, path, response.status_code, milliseconds), None,
            extra={"method": request.method, "path": path, "status": response.status_code,
                   "duration_ms": milliseconds, "cpu_ms": cpu_milliseconds, "ip_hash": ip_tag(request)},
        ))
        return response


class PrivateRequestFilter(logging.Filter):
    """Django's own records (`django.request`, `django.security`) carry the request: keep only
    its public path, in the message and in the record."""

    def filter(self, record):
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            path = public_path(request)
            if path != request.path and isinstance(record.args, tuple):
                record.args = tuple(
                    arg.replace(request.path, path) if isinstance(arg, str) else arg for arg in record.args
                )
            record.request = path
        return True


REQUEST_FIELDS = ("method", "path", "status", "duration_ms", "cpu_ms", "ip_hash")


class JsonFormatter(BaseJsonFormatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, then the extras."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", "time")
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__("%(levelname)s %(name)s %(message)s", *args, **kwargs)

    def format(self, record):
        # The request line, written on every request, skips the library's walk over the record's
        # attributes (a quarter of the time of a cached page); every other record goes through it.
        if record.name != logger.name or record.exc_info or not hasattr(record, "ip_hash"):
            return super().format(record)
        line = {"level": record.levelname, "logger": record.name, "message": record.getMessage()}
        line.update((name, getattr(record, name)) for name in REQUEST_FIELDS)
        line["time"] = datetime.fromtimestamp(record.created, UTC).isoformat()
        return json.dumps(line, ensure_ascii=False)
