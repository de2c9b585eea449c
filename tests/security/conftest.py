"""The app as an attacker meets it: gunicorn in production mode (DEBUG off, HTTPS, one trusted
proxy in front), on the test database, with the real database worker and a real SMTP server.

The test client plays the proxy: it sends X-Forwarded-Proto and appends the visitor's address to
X-Forwarded-For, so each probe can come from an address of its choosing.
"""

import secrets
import socket
import subprocess
import sys
import time

import pytest
import requests

from tests.processes import process_env

HOST = "solidarity.example.org"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ProductionServer:
    def __init__(self, port):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"

    def visitor(self, ip="198.51.100.10"):
        """A browser at `ip`, seen through the proxy."""
        return Visitor(self.base, ip)


class Visitor:
    """Keeps its cookies itself: the site's cookies are Secure (HTTPS behind the proxy), which a
    cookie jar would not send over the loopback's plain HTTP. Redirects are not followed."""

    def __init__(self, base, ip):
        self.base = base
        self.ip = ip
        self.cookies = {}

    def request(self, method, path, **kwargs):
        headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.ip,
            "Referer": f"https://{HOST}{path}",
            **kwargs.pop("headers", {}),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        response = requests.request(method, self.base + path, headers=headers, allow_redirects=False,
                                    timeout=60, **kwargs)
        for cookie in response.cookies:
            if cookie.value:
                self.cookies[cookie.name] = cookie.value
            else:
                self.cookies.pop(cookie.name, None)
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data=None, **kwargs):
        """A POST with the CSRF token the site gave this visitor."""
        data = dict(data or {})
        if "csrftoken" in self.cookies:
            data.setdefault("csrfmiddlewaretoken", self.cookies["csrftoken"])
        return self.request("POST", path, data=data, **kwargs)

    def form_post(self, path, data=None, **kwargs):
        """GET the form first (for its CSRF cookie), then POST to it."""
        self.get(path)
        return self.post(path, data, **kwargs)


@pytest.fixture
def production_server(committed_db, smtp_server, settings, tmp_path):
    port = _free_port()
    env = process_env(
        DJANGO_SETTINGS_MODULE="solidarity.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        SITE_URL=f"https://{HOST}",
        CSRF_TRUSTED_ORIGINS=f"https://{HOST}",
        TRUSTED_PROXY_COUNT="1",
        VAR_DIR=str(tmp_path / "var"),
        STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        TASKS_BACKEND="database",
        EMAIL_HOST=smtp_server.host,
        EMAIL_PORT=str(smtp_server.port),
        LOG_LEVEL="ERROR",
        # stderr is a pipe nobody reads until the end: one line per request would fill it.
        LOG_REQUESTS="false",
    )
    for name in ("PAGE_CACHE_SECONDS", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "solidarity.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--threads", "4", "--worker-class", "gthread", "--timeout", "60",
         # As deploy/ runs it: the app imported once, before the workers are forked.
         "--preload"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    server = ProductionServer(port)
    deadline = time.monotonic() + 120
    while True:
        try:
            requests.get(server.base + "/robots.txt", headers={"Host": HOST, "X-Forwarded-Proto": "https"}, timeout=10)
            break
        except requests.RequestException:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"gunicorn did not start: {process.stderr.read()[-3000:]}")
            time.sleep(0.2)
    server.env = env
    yield server
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
def production_worker(production_server, settings):
    """Runs the real database worker once through the queue, with the server's settings."""

    def run():
        return subprocess.run(
            [sys.executable, "manage.py", "db_worker", "--batch", "--interval", "0", "--no-startup-delay"],
            cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=300, env=production_server.env,
        )

    return run
