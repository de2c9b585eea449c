"""The onion service as deploy/ sets it up: a real tor process makes the service's keys and
address from deploy/tor/torrc (with the network off, so nothing leaves the machine), nginx runs
deploy/nginx (the site over TLS, and sites/onion.conf where tor sends the onion's port 80) in
front of the app (gunicorn in production mode, ONION_ADDRESS set to the address tor wrote), and
pages are fetched through nginx on the onion host, as tor hands nginx a reader's circuit, and on
the public host over HTTPS."""

import http.client
import os
import re
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
import requests

from solidarity.core.onion import validated_onion_address
from solidarity.publishing import factories
from tests.processes import process_env

REPO = Path(__file__).resolve().parent.parent
PUBLIC = "solidarity.example.org"
NGINX_PORT, APP_PORT, HTTP_PORT, HTTPS_PORT = 8752, 8753, 8754, 8755
ABSOLUTE = re.compile(r"""(?:href|src|content|action)="(https?://[^"]+)"|<loc>(https?://[^<]+)</loc>""")

pytestmark = pytest.mark.skipif(not (shutil.which("tor") and shutil.which("nginx")),
                                reason="Debian's tor and nginx packages (bin/system-packages)")


def wait_for(check, *, seconds, what, process=None):
    deadline = time.monotonic() + seconds
    while not check():
        if (process is not None and process.poll() is not None) or time.monotonic() > deadline:
            errors = process.stderr.read()[-3000:] if process is not None and process.stderr else ""
            pytest.fail(f"{what} did not start: {errors}")
        time.sleep(0.1)


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
def onion_address(tmp_path):
    """Runs tor with deploy/tor/torrc, its paths and port moved into the test's folder."""
    service, data = tmp_path / "service", tmp_path / "tor"
    data.mkdir(mode=0o700)
    torrc = (REPO / "deploy/tor/torrc").read_text()
    torrc = torrc.replace("/var/lib/tor/solidarity/", f"{service}/").replace("127.0.0.1:8081", f"127.0.0.1:{NGINX_PORT}")
    # Keys and hostname are made without the network; nothing is published.
    torrc += f"\nDataDirectory {data}\nSocksPort 0\nDisableNetwork 1\nLog notice file {tmp_path / 'tor.log'}\n"
    (tmp_path / "torrc").write_text(torrc)
    tor = subprocess.Popen(["tor", "-f", str(tmp_path / "torrc"), "--defaults-torrc", os.devnull],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    hostname = service / "hostname"
    wait_for(hostname.exists, seconds=60, what="tor", process=tor)
    yield hostname.read_text().strip()
    stop(tor)


@pytest.fixture
def app(onion_address, committed_db, site_tree, settings, tmp_path):
    """gunicorn in production mode on the test database, behind one trusted proxy."""
    article = factories.make_article(site_tree["news"], title="CUPE Ontario adopts resolution 21", slug="cupe-ontario",
                                     summary="Solidarity with workers in Iran.")
    factories.translate(article, "fa", title="قطعنامه ۲۱", summary="همبستگی با کارگران ایران.")
    env = process_env(
        DJANGO_SETTINGS_MODULE="solidarity.settings", DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=PUBLIC, SITE_URL=f"https://{PUBLIC}", TRUSTED_PROXY_COUNT="1", ONION_ADDRESS=onion_address,
        VAR_DIR=str(tmp_path / "var"), STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        TASKS_BACKEND="database", LOG_LEVEL="ERROR", LOG_REQUESTS="false", LOGIN_FAILURE_LIMIT="2", STAFF_TWO_FACTOR="false",
    )
    for name in ("PAGE_CACHE_SECONDS", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "solidarity.wsgi:application", "--bind", f"127.0.0.1:{APP_PORT}",
         "--workers", "1", "--threads", "4", "--worker-class", "gthread", "--reuse-port"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )

    def answers():
        try:
            return requests.get(f"http://127.0.0.1:{APP_PORT}/robots.txt", timeout=5,
                                headers={"Host": PUBLIC, "X-Forwarded-Proto": "https"}).ok
        except requests.RequestException:
            return False

    wait_for(answers, seconds=120, what="gunicorn", process=gunicorn)
    yield
    stop(gunicorn)


def render(text, values):
    """A deploy/ template filled in as bin/stack does: {{NAME}} replaced, except in comments."""
    return "".join(line if line.lstrip().startswith("#") else re.sub(r"\{\{([A-Z0-9_]+)\}\}", lambda m: values[m.group(1)], line)
                   for line in text.splitlines(keepends=True))


@pytest.fixture
def nginx(onion_address, app, tmp_path):
    """nginx with deploy/nginx as an operator fills it in (the site's servers, their locations and
    sites/onion.conf), on the test's ports: the onion server where tor sends it, the public site
    over TLS with a certificate of the test's own."""
    etc = tmp_path / "etc"
    (etc / "sites").mkdir(parents=True)
    for folder in ("cache", "log", "var", "tmp"):
        (tmp_path / folder).mkdir(exist_ok=True)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-days", "1", "-subj", f"/CN={PUBLIC}", "-addext", f"subjectAltName=DNS:{PUBLIC}", "-keyout", str(tmp_path / "key.pem"),
                    "-out", str(tmp_path / "cert.pem")], check=True, capture_output=True)
    values = {
        "DOMAIN": PUBLIC, "SITE_URL": f"https://{PUBLIC}", "NGINX_DIR": str(etc), "NGINX_CACHE_DIR": str(tmp_path / "cache"),
        "NGINX_LOG_DIR": str(tmp_path / "log"), "VAR_DIR": str(tmp_path / "var"), "TLS_CERT": str(tmp_path / "cert.pem"),
        "TLS_KEY": str(tmp_path / "key.pem"), "HTTP_LISTEN": f"127.0.0.1:{HTTP_PORT}", "HTTPS_LISTEN": f"127.0.0.1:{HTTPS_PORT}",
        "HTTP_LISTEN6": "", "HTTPS_LISTEN6": "", "IPV6": "#", "BROTLI": "#",
        "APP_SERVERS": f"    server 127.0.0.1:{APP_PORT};", "ONION_ADDRESS": onion_address,
    }
    for name in ("solidarity.conf", "locations.conf", "sites/onion.conf"):
        text = render((REPO / "deploy/nginx" / name).read_text(), values)
        (etc / name).write_text(text.replace("listen 127.0.0.1:8081 ", f"listen 127.0.0.1:{NGINX_PORT} "))
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = " ".join(f"{name}_temp_path {tmp_path / 'tmp' / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (tmp_path / "nginx.conf").write_text(
        f"{user}worker_processes 1;\npid {tmp_path / 'nginx.pid'};\nerror_log {tmp_path / 'nginx-error.log'};\n"
        f"events {{}}\nhttp {{\ninclude /etc/nginx/mime.types;\n{temp}\ninclude {etc / 'solidarity.conf'};\n}}\n"
    )
    process = subprocess.Popen(["nginx", "-e", str(tmp_path / "nginx-error.log"), "-p", str(tmp_path), "-c",
                                str(tmp_path / "nginx.conf"), "-g", "daemon off;"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def answers():
        try:
            on_onion(onion_address, "/robots.txt")
            return True
        except OSError:
            return False

    wait_for(answers, seconds=30, what="nginx", process=process)
    yield f"http://127.0.0.1:{NGINX_PORT}"
    stop(process)


class Circuit(http.client.HTTPConnection):
    """A reader's connection as tor opens it to nginx: the PROXY header first, naming the
    circuit (HiddenServiceExportCircuitID haproxy)."""

    def __init__(self, number):
        super().__init__("127.0.0.1", NGINX_PORT, timeout=30)
        self.number = number

    def connect(self):
        super().connect()
        address = f"fc00:dead:beef:4dad::{self.number >> 16:x}:{self.number & 0xffff:x}"
        self.sock.sendall(f"PROXY TCP6 {address} ::1 {self.number & 0xffff} 80\r\n".encode())


@dataclass
class Answer:
    status: int
    headers: object
    text: str
    cookies: dict


def on_onion(onion_address, path, *, circuit=1, method="GET", data=None, cookies=None):
    """`path` fetched on the onion host through nginx, as tor hands it a reader's circuit."""
    connection = Circuit(circuit)
    headers = {"Host": onion_address}
    body = None
    if data is not None:
        body = urlencode(data)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
    finally:
        connection.close()
    jar = SimpleCookie()
    for value in response.headers.get_all("Set-Cookie") or []:
        jar.load(value)
    return Answer(response.status, response.headers, text, jar)


def test_tor_makes_a_v3_address_the_settings_accept(onion_address):
    assert validated_onion_address(onion_address) == onion_address


def test_a_page_on_the_onion_host_through_nginx_keeps_its_links_on_it(nginx, onion_address):
    for path in ("/en/news/cupe-ontario/", "/fa/", "/sitemap.xml"):
        response = on_onion(onion_address, path)
        print(f"GET http://{onion_address}{path} through nginx -> {response.status}, "
              f"Onion-Location: {response.headers.get('Onion-Location')}")

        assert response.status == 200
        assert "Onion-Location" not in response.headers
        assert "Strict-Transport-Security" not in response.headers
        urls = [next(group for group in match.groups() if group) for match in ABSOLUTE.finditer(response.text)]
        assert urls and all(url.startswith(f"http://{onion_address}/") for url in urls), urls
        print("  absolute links:", ", ".join(sorted(set(urls))[:3]))
    assert f'<link rel="canonical" href="http://{onion_address}/en/news/cupe-ontario/">' in (
        on_onion(onion_address, "/en/news/cupe-ontario/").text)


class PublicSite(http.client.HTTPSConnection):
    """A browser on the public site: TLS to nginx with the site's name, checking its certificate."""

    def __init__(self, certificate):
        super().__init__(PUBLIC, HTTPS_PORT, timeout=30, context=ssl.create_default_context(cafile=certificate))

    def connect(self):
        self.sock = self._context.wrap_socket(socket.create_connection(("127.0.0.1", HTTPS_PORT), timeout=30),
                                              server_hostname=PUBLIC)


def test_the_public_host_names_the_same_page_on_the_onion(nginx, onion_address, tmp_path):
    connection = PublicSite(tmp_path / "cert.pem")
    connection.request("GET", "/en/news/cupe-ontario/?from=feed", headers={"Host": PUBLIC})
    response = connection.getresponse()
    text = response.read().decode()
    connection.close()
    print(f"GET https://{PUBLIC}/en/news/cupe-ontario/?from=feed through nginx -> {response.status}, "
          f"Onion-Location: {response.headers.get('Onion-Location')}")

    assert response.status == 200
    assert response.headers["Onion-Location"] == f"http://{onion_address}/en/news/cupe-ontario/?from=feed"
    assert "Strict-Transport-Security" in response.headers
    assert '<link rel="canonical" href="http://localhost/en/news/cupe-ontario/">' in text
    assert onion_address not in text


def test_a_form_works_over_the_onions_plain_http(nginx, onion_address):
    form = on_onion(onion_address, "/admin/login/")
    cookie = form.cookies["csrftoken"]

    answer = on_onion(onion_address, "/admin/login/", method="POST", cookies={"csrftoken": cookie.value},
                      data={"username": "nobody", "password": "wrong", "csrfmiddlewaretoken": cookie.value})

    assert form.status == 200 and not cookie["secure"]
    assert answer.status == 200  # the form again with its error, not the CSRF refusal (403)
    assert "password didn&#x27;t match" in answer.text


def test_each_tor_circuit_is_limited_on_its_own(nginx, onion_address):
    def sign_in(circuit, username):
        form = on_onion(onion_address, "/admin/login/", circuit=circuit)
        token = form.cookies["csrftoken"].value
        return on_onion(onion_address, "/admin/login/", circuit=circuit, method="POST", cookies={"csrftoken": token},
                        data={"username": username, "password": "wrong", "csrfmiddlewaretoken": token}).status

    # LOGIN_FAILURE_LIMIT=2 failures per address: the third from one circuit is refused ...
    assert [sign_in(1, "ana"), sign_in(1, "bahar"), sign_in(1, "cyrus")] == [200, 200, 429]
    # ... and another reader's circuit is not.
    assert sign_in(2, "dara") == 200
