"""The stack's smoke tests talk to `bin/stack` (nginx, two app servers, PostgreSQL, Redis, RQ
workers, timers) over HTTPS, as a visitor would. They run only when asked for: STACK_TESTS=1.
A stack already running is used as it is; otherwise one is started and stopped afterwards."""

import email
import mailbox
import os
import secrets
import shlex
import subprocess
import time
from email import policy
from pathlib import Path

import pytest
import requests
from requests.adapters import HTTPAdapter

ROOT = Path(__file__).resolve().parents[2]
BIN = str(ROOT / "bin" / "stack")


def pytest_configure(config):
    config.addinivalue_line("markers", "stack: against bin/stack's running topology (STACK_TESTS=1)")


def pytest_collection_modifyitems(config, items):
    if os.environ.get("STACK_TESTS"):
        return
    skip = pytest.mark.skip(reason="the stack's smoke tests run with STACK_TESTS=1 (CI does)")
    for item in items:
        if item.get_closest_marker("stack"):
            item.add_marker(skip)


class SourceAddressAdapter(HTTPAdapter):
    """Connections from one address."""

    def __init__(self, address, **kwargs):
        self.address = address
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


class Visitor:
    """A browser (its cookies kept) connecting from 127.x.y.z: to the site, a visitor of its own,
    with rate limits of its own."""

    def __init__(self, stack):
        self.stack = stack
        self.session = requests.Session()
        address = f"127.{secrets.randbelow(250) + 1}.{secrets.randbelow(250) + 1}.{secrets.randbelow(250) + 1}"
        self.session.mount("https://", SourceAddressAdapter(address))

    def request(self, method, url, **kwargs):
        if url.startswith("/"):
            url = self.stack.url + url
        # verify= on each request: REQUESTS_CA_BUNDLE in the environment would override the session's.
        return self.session.request(method, url, verify=self.stack.ca, timeout=30, allow_redirects=False, **kwargs)

    def get(self, url, **kwargs):
        return self.request("GET", url, **kwargs)

    def post(self, url, **kwargs):
        return self.request("POST", url, **kwargs)


class Stack:
    def __init__(self, env):
        self.url = env["STACK_URL"]
        self.ca = env["STACK_CA"]
        self.maildir = env["STACK_MAILDIR"]
        home = Path(env["STACK_DIR"])
        self.run, self.log = home / "run", home / "log"  # the pid files and units.json; the logs

    def visitor(self):
        """A browser at a loopback address of its own."""
        return Visitor(self)

    def get(self, path, **kwargs):
        return requests.get(self.url + path, verify=self.ca, timeout=30, allow_redirects=False, **kwargs)

    def manage(self, *args):
        """manage.py with the stack's environment, as its units run it (started, not awaited)."""
        return subprocess.Popen([BIN, "manage", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def restart(self, part):
        """`bin/stack restart` of one part (redis, nginx, postgres, units), then wait until every
        unit runs again (an RQ worker that lost Redis is started again by the supervisor)."""
        result = subprocess.run([BIN, "restart", part], capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        deadline = time.monotonic() + 60
        while subprocess.run([BIN, "status"], capture_output=True).returncode != 0:
            assert time.monotonic() < deadline, "the stack did not run again within 60 s"
            time.sleep(0.5)

    def manage_output(self, *args):
        process = self.manage(*args)
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err[-3000:]
        return out

    def mail_to(self, address, timeout=60):
        """The first message the stack's SMTP sink received for `address`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            box = mailbox.Maildir(self.maildir, factory=lambda f: email.message_from_binary_file(f, policy=policy.default),
                                  create=False)
            for message in box:
                if address in (message["To"] or ""):
                    return message
            time.sleep(0.2)
        raise AssertionError(f"no mail to {address} within {timeout} s")


@pytest.fixture(scope="session")
def stack():
    started = False
    if subprocess.run([BIN, "status"], capture_output=True).returncode != 0:
        result = subprocess.run([BIN, "start"], capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        started = True
    lines = subprocess.run([BIN, "env"], capture_output=True, text=True, check=True).stdout.splitlines()
    env = dict(shlex.split(line.removeprefix("export "))[0].split("=", 1) for line in lines)
    yield Stack(env)
    if started:
        subprocess.run([BIN, "stop"], capture_output=True, timeout=300)
