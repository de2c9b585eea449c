"""A surge of the whole site, on the production topology of bin/stack: nginx (TLS) in front of two
gunicorn app servers, PostgreSQL, Redis (cache and queue), two RQ workers, the timers and a
local mail sink. For SURGE_SECONDS (70) many clients in both languages:

- 85 % anonymous page reads (home, article list, articles, campaign, case, both languages) and
  10 % count.json polls: wrk with a Lua script (tools/surge.lua), SURGE_CONNECTIONS keep-alive
  TLS connections;
- 3 % signatures and 2 % confirmations: asyncio clients, each signer from an address of its
  own (127.x.y.z: nginx passes it on as the visitor's address, so the per-address limits apply
  as in production, nothing relaxed), paced at 3/95 and 2/95 of the reads nginx answered in
  the last seconds (its stub_status), so that they keep their share of what is served. A confirmation takes the link from the e-mail the RQ worker sent to the sink
  (its Maildir), POSTs it and follows the redirect, as a person would.

During the run, at fixed moments: one app server's gunicorn gets SIGKILL (its supervisor starts
it again), Redis is restarted, one RQ worker gets SIGKILL, and an article is published (seen
through nginx: the article list is fetched until it shows the new title).

Then: every acknowledged signature stored exactly once (lost, duplicates); the public count equals
the confirmed rows; the published article seen within 5 s; every error answer counted, with the
seconds it happened in, against the windows of the kills. Last, the cached article through nginx
against the same bytes as a static file from the same nginx (alternating rounds of wrk).

Last line:
surge: N req/s, p99 M ms, errors E, lost 0, duplicates 0, confirmed C/s, front F x nginx static
"""

import argparse
import asyncio
import email
import email.policy
import json
import os
import re
import resource
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.client import Browser, hidden_fields  # noqa: E402

STACK = str(ROOT / "bin" / "stack")
LUA = Path(__file__).resolve().parent / "surge.lua"
SECONDS = int(os.environ.get("SURGE_SECONDS", "70"))
# Reads and count polls are sent at RATE requests a second in all (so that latency is measured at
# a given load, not at whatever saturates the machine), over CONNECTIONS keep-alive connections.
RATE = int(os.environ.get("SURGE_RATE", "5500"))
CONNECTIONS = int(os.environ.get("SURGE_CONNECTIONS", "128"))
WRK_THREADS = int(os.environ.get("SURGE_WRK_THREADS", "2"))
SIGNERS = int(os.environ.get("SURGE_SIGNERS", "48"))
CONFIRMERS = int(os.environ.get("SURGE_CONFIRMERS", "16"))
PORT = int(os.environ.get("SURGE_PORT", "8690"))
PG_PORT = int(os.environ.get("SURGE_PG_PORT", "5463"))
STATIC_ROUNDS = int(os.environ.get("SURGE_STATIC_ROUNDS", "2"))
STATIC_SECONDS = int(os.environ.get("SURGE_STATIC_SECONDS", "5"))
# When, in seconds from the start, each event happens (scaled to SURGE_SECONDS).
EVENTS = {"kill app server": 0.15, "restart Redis": 0.35, "kill worker": 0.55, "publish": 0.70}
# An error answer within this many seconds after an event's window closes still belongs to it
# (nginx marks a failed server down for fail_timeout=2s; clients see the last of it late).
WINDOW_GRACE = 3
MIX = {"read": 85, "count": 10, "sign": 3, "confirm": 2}

DISCOVER = r"""
import json
from django.utils import translation
from solidarity.campaigns.models import Campaign
from solidarity.cases.models import Case
from solidarity.publishing.models import ArticleIndexPage, ArticlePage, HomePage
out = {"reads": [], "campaign": None, "article": None, "index": None}
for page in HomePage.objects.live().public():
    out["reads"].append(page.url)
for index in ArticleIndexPage.objects.live().public():
    out["reads"].append(index.url)
    if index.locale.language_code == "en":
        out["index"] = index.url
for article in ArticlePage.objects.live().public().order_by("-first_published_at")[:12]:
    out["reads"].append(article.url)
    if article.locale.language_code == "en" and out["article"] is None:
        out["article"] = article.url
for campaign in Campaign.objects.exclude(status="draft"):
    for language in ("en", "fa"):
        with translation.override(language):
            out["reads"].append(campaign.get_absolute_url())
    if out["campaign"] is None and campaign.is_open_for_signing() and not campaign.pow_enabled:
        out["campaign"] = campaign.slug
for case in Case.objects.filter(is_public=True)[:4]:
    for language in ("en", "fa"):
        with translation.override(language):
            out["reads"].append(case.get_absolute_url())
print("DISCOVERED " + json.dumps(out))
"""

# Started with the run, so that Django is loaded when the moment comes (it takes seconds): it
# publishes when told to on its standard input, as an editor's click would.
PUBLISH = r"""
import datetime
import sys
import time
from solidarity.publishing.factories import make_article
from solidarity.publishing.models import ArticleIndexPage
index = ArticleIndexPage.objects.live().filter(locale__language_code="en").first()
title = "{title}"
print("READY", flush=True)
sys.stdin.readline()
make_article(index, title=title, summary=title, date=datetime.date.today())
print("PUBLISHED", time.time(), flush=True)
"""

READ_ROWS = r"""
SELECT s.email, s.email_key, s.status FROM campaigns_signature s JOIN campaigns_campaign c ON c.id = s.campaign_id
WHERE c.slug = %s
"""


def quote(path):
    """An address as a browser sends it (Persian slugs percent-encoded)."""
    return urllib.parse.quote(path, safe="/%?=&")


def log(message):
    print(message, file=sys.stderr, flush=True)


def say(message):
    print(message, flush=True)


# --- The stack -------------------------------------------------------------------------------

def stack_env(stack_dir):
    return {**os.environ, "STACK_DIR": str(stack_dir), "STACK_PORT": str(PORT), "STACK_PG_PORT": str(PG_PORT),
            "STACK_DEMO": "1"}


def stack(stack_dir, *args, **kwargs):
    return subprocess.run([sys.executable, STACK, *args], env=stack_env(stack_dir), cwd=ROOT, **kwargs)


def stack_values(stack_dir):
    out = stack(stack_dir, "env", check=True, capture_output=True, text=True).stdout
    values = {}
    for line in out.splitlines():
        key, _, value = line.removeprefix("export ").partition("=")
        values[key] = value.strip("'")
    return values


def units(stack_dir):
    return json.loads((Path(stack_dir) / "run" / "units.json").read_text())


def read_pid(path):
    try:
        return int(Path(path).read_text().split()[0])
    except (FileNotFoundError, ValueError, IndexError):
        return None


def manage(stack_dir, script):
    return stack(stack_dir, "manage", "shell", "-c", script, check=True, capture_output=True, text=True).stdout


# --- CPU ---------------------------------------------------------------------------------------

def process_tree():
    """Every living process's children, from /proc."""
    children = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    return children


def descendants(roots, children):
    """Every living process under `roots` (their own ids included)."""
    found, todo = set(), [pid for pid in roots if pid]
    while todo:
        pid = todo.pop()
        if pid in found:
            continue
        found.add(pid)
        todo.extend(children.get(pid, ()))
    return found


def cpu_of(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class CpuMeter:
    """CPU seconds of the stack's parts, sampled: a process is counted from when it is first
    seen (from its start, if it started after the meter) to its last sample, so a process that
    dies loses at most one interval; a reaped child is not counted twice through its parent.
    `parts()` names each part's root processes; a process belongs to the first part that
    holds it (list the app servers and workers before the supervisor that runs them)."""

    def __init__(self, parts):
        self.parts = parts
        self.first, self.last, self.part_of = {}, {}, {}
        self.started = None

    def sample(self):
        children = process_tree()
        for part, roots in self.parts().items():
            for pid in descendants(roots, children):
                if self.part_of.setdefault(pid, part) != part:
                    continue
                value = cpu_of(pid)
                if value is None:
                    continue
                if pid not in self.first:
                    self.first[pid] = value if self.started is None else 0.0
                self.last[pid] = value

    def start(self):
        self.sample()
        self.started = time.monotonic()

    def by_part(self):
        totals = dict.fromkeys(self.parts(), 0.0)
        for pid, value in self.last.items():
            totals[self.part_of[pid]] += value - self.first[pid]
        return totals

    def total(self):
        return sum(self.by_part().values())


def machine_times():
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(fields[:8]), fields[7]


# --- HTTP clients ------------------------------------------------------------------------------

class Tally:
    """Requests of one kind: latencies, error answers with the second they came in."""

    def __init__(self):
        self.latencies = []
        self.errors = []  # (epoch second, status or "connection")
        self.done = 0

    def record(self, started, status):
        self.done += 1
        self.latencies.append(time.monotonic() - started)
        if status == "connection" or status >= 400:
            self.errors.append((int(time.time()), status))


class Pacer:
    """Hands out turns at `rate` per second among the tasks that wait for one."""

    def __init__(self, rate):
        self.set_rate(rate)
        self.next = time.monotonic()

    def set_rate(self, rate):
        self.interval = 1 / max(rate, 0.1)

    async def turn(self):
        now = time.monotonic()
        self.next = max(self.next + self.interval, now - 1)
        if self.next > now:
            await asyncio.sleep(self.next - now)


def browser(context, source=None):
    """A visitor's connection to nginx over TLS, from `source` (an address of its own)."""
    return Browser("127.0.0.1", PORT, context=context, server_hostname="localhost", source=source,
                   headers={"Accept-Language": "en"}, timeout=30)


async def nginx_requests(context):
    """nginx's count of requests handled so far (stub_status, open to this machine only)."""
    client = browser(context)
    try:
        _status, _location, content = await client.send("GET", "/nginx-status")
    finally:
        client.close()
    return int(content.split(b"\n")[2].split()[2])


class People:
    """The signers and confirmers: 3 % and 2 % of the mix, paced from wrk's rate."""

    def __init__(self, context, slug, hidden, maildir, sign_rate, confirm_rate, run_id):
        self.context, self.slug, self.hidden, self.maildir = context, slug, hidden, Path(maildir)
        self.sign_pacer, self.confirm_pacer = Pacer(sign_rate), Pacer(confirm_rate)
        self.run_id = run_id
        self.sign, self.confirm = Tally(), Tally()
        self.acknowledged, self.sent = set(), set()
        self.confirmed = self.already = 0
        self.links = asyncio.Queue()
        # As a mail reader does, a message read moves from new/ to cur/: new/ stays short, and
        # the mail of earlier runs is not read again.
        (self.maildir / "cur").mkdir(exist_ok=True)
        for path in (self.maildir / "new").iterdir():
            self.file_away(path)
        self.number = 0
        self.stopping = False

    def next_signer(self):
        self.number += 1
        return self.number

    async def signer(self, index):
        # A connection of its own from an address of its own, for every signature of this client.
        client = browser(self.context, source=f"127.{20 + index // 250}.{index % 250 + 1}.{self.run_id % 250 + 1}")
        while not self.stopping:
            await self.sign_pacer.turn()
            number = self.next_signer()
            address = f"surge{self.run_id}.{number}@union{number % 40}.example"
            fields = {**self.hidden, "name": f"Signer {number} " + ("رضا" if number % 2 else "Jane"),
                      "name_shown": ("full", "initials", "count")[number % 3], "email": address,
                      "country": ("GB", "DE", "FR", "SE", "CA")[number % 5], "organisation": "", "website": ""}
            language = "fa" if number % 4 == 0 else "en"
            body = urllib.parse.urlencode(fields).encode()
            self.sent.add(address)
            for _attempt in range(5):  # a person presses the button again after an error
                started = time.monotonic()
                try:
                    status, location, _content = await client.send("POST", f"/{language}/campaigns/{self.slug}/sign/", body)
                except ConnectionError:
                    self.sign.record(started, "connection")
                    await asyncio.sleep(0.2)
                    continue
                self.sign.record(started, status)
                if status in (302, 303) and "/thanks/" in location:
                    self.acknowledged.add(address)
                    break
                if status < 500:
                    log(f"  signature refused: {status} {_content[:200]!r}")
                    break
                await asyncio.sleep(0.2)

    async def read_mail(self):
        """The confirmation links in the e-mails the workers sent, as they arrive. Read in a
        thread: the clients' own loop must not wait for it (their latencies are the site's)."""
        while not self.stopping:
            for path in await asyncio.to_thread(self.new_links):
                self.links.put_nowait(path)
            await asyncio.sleep(0.2)

    def new_links(self):
        links = []
        for path in (self.maildir / "new").iterdir():
            try:
                message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
                text = message.get_body(("plain",)).get_content()
            except (OSError, AttributeError):
                continue
            finally:
                self.file_away(path)
            if f"surge{self.run_id}." not in message.get("To", ""):
                continue
            link = re.search(r"https?://[^\s]+/campaigns/confirm/[^\s/]+/", text)
            if link:
                links.append(urllib.parse.urlsplit(link.group(0)).path)
        return links

    def file_away(self, path):
        try:
            path.rename(self.maildir / "cur" / f"{path.name}:2,S")
        except OSError:
            pass

    async def confirmer(self):
        client = browser(self.context)
        while not self.stopping:
            try:
                path = await asyncio.wait_for(self.links.get(), 1)
            except TimeoutError:
                continue
            await self.confirm_pacer.turn()
            for _attempt in range(5):
                started = time.monotonic()
                newly = False
                try:
                    status, location, _content = await client.send("POST", path)
                    if status == 303:
                        newly = True
                        self.confirm.record(started, status)
                        started = time.monotonic()
                        status, _location, _content = await client.send("GET", urllib.parse.urlsplit(location).path)
                except ConnectionError:
                    self.confirm.record(started, "connection")
                    await asyncio.sleep(0.2)
                    continue
                self.confirm.record(started, status)
                if status == 200:
                    # A confirmation answers with a redirect; a page at once says the signature
                    # was confirmed already (a second e-mail for it, or a retry after a lost answer).
                    if newly:
                        self.confirmed += 1
                    else:
                        self.already += 1
                    break
                if status < 500:
                    log(f"  confirmation answered {status}")
                    break
                await asyncio.sleep(0.2)


# --- wrk ---------------------------------------------------------------------------------------

def wrk_command(seconds, script_args, connections=CONNECTIONS, url=None):
    return ["wrk", "-t", str(WRK_THREADS), "-c", str(connections), "-d", f"{seconds}s", "--latency", "--timeout", "10s",
            "-s", str(LUA), url or f"https://localhost:{PORT}", "--", *script_args]


def parse_wrk(out):
    for line in out.splitlines():
        if line.startswith("SURGE "):
            return json.loads(line[6:])
    raise RuntimeError("wrk printed no summary:\n" + out[-2000:])


def wrk(seconds, script_args, **kwargs):
    out = subprocess.run(wrk_command(seconds, script_args, **kwargs), capture_output=True, text=True, check=True).stdout
    return parse_wrk(out)


def weighted_percentile(samples, share):
    """samples: [(value, weight)]."""
    ordered = sorted(samples)
    total = sum(weight for _value, weight in ordered)
    running = 0.0
    for value, weight in ordered:
        running += weight
        if running >= total * share:
            return value
    return ordered[-1][0] if ordered else 0.0


# --- The run -----------------------------------------------------------------------------------

async def surge(stack_dir, values, found, context):
    paths_file = Path(stack_dir) / "surge-paths.txt"
    reads, count_path = [quote(path) for path in found["reads"]], f"/en/campaigns/{found['campaign']}/count.json"
    paths_file.write_text("\n".join([f"read {path}" for path in reads]
                                    + [f"count {count_path}", f"count /fa/campaigns/{found['campaign']}/count.json"]) + "\n")
    mix = f"{MIX['read']}:{MIX['count']}"

    # Warm-up: every address once (the caches filled), then wrk's rate for pacing the people
    # at 3 % and 2 %.
    client = browser(context)
    for path in [*reads, count_path]:
        status, _location, _content = await client.send("GET", path)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
    client.close()
    warm = wrk(5, [str(paths_file), mix, "/dev/null"])
    wrk_rate = warm["requests"] / warm["seconds"]
    # The writers start at their share of the rate asked for and follow the reads served from
    # the first second on (follow_reads).
    reads_rate = RATE * (MIX["read"] + MIX["count"]) / 100
    sign_rate = reads_rate * MIX["sign"] / (MIX["read"] + MIX["count"])
    confirm_rate = reads_rate * MIX["confirm"] / (MIX["read"] + MIX["count"])
    say(f"warm-up: reads and counts alone, as fast as they are answered: {wrk_rate:.0f} req/s over {len(reads)} "
        f"pages and 2 counts (the ceiling); the surge sends {RATE} req/s: reads and counts {reads_rate:.0f}/s "
        f"on a schedule, signatures and confirmations from {sign_rate:.0f}/s and {confirm_rate:.0f}/s, following "
        f"the reads served")

    client = browser(context)
    _status, _location, page = await client.send("GET", f"/en/campaigns/{found['campaign']}/")
    client.close()
    run_id = int(time.time()) % 100000
    people = People(context, found["campaign"], hidden_fields(page.decode()), values["STACK_MAILDIR"],
                    sign_rate, confirm_rate, run_id)

    def parts():
        run = Path(stack_dir) / "run"
        running = units(stack_dir)
        return {"nginx": [read_pid(run / "nginx.pid")],
                "app servers": [unit.get("pid") for name, unit in running.items() if name.startswith("solidarity-web@")],
                "RQ workers": [unit.get("pid") for name, unit in running.items() if name.startswith("solidarity-rq-worker@")],
                "PostgreSQL": [read_pid(Path(stack_dir) / "pg" / "postmaster.pid")], "Redis": [read_pid(run / "redis.pid")],
                "mail sink": [read_pid(run / "mail.pid")], "timers": [read_pid(run / "supervisor.pid")]}

    title = f"Surge bulletin {run_id}"
    editor = await asyncio.create_subprocess_exec(
        sys.executable, STACK, "manage", "shell", "-c", PUBLISH.replace("{title}", title), env=stack_env(stack_dir),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
    while (line := await editor.stdout.readline()) and not line.startswith(b"READY"):
        pass  # the shell's own lines first
    ready = line

    meter = CpuMeter(parts)
    meter.start()
    machine = machine_times()
    own_cpu = time.process_time()
    children_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    errors_file = Path(stack_dir) / "surge-errors.json"
    started_wall, started = time.time(), time.monotonic()
    per_thread = RATE * (MIX["read"] + MIX["count"]) / 100 / WRK_THREADS
    load = await asyncio.create_subprocess_exec(*wrk_command(SECONDS, [str(paths_file), mix, str(errors_file),
                                                                       f"{per_thread:.1f}"]),
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    tasks = [asyncio.create_task(people.signer(n)) for n in range(SIGNERS)]
    tasks += [asyncio.create_task(people.confirmer()) for _ in range(CONFIRMERS)]
    tasks.append(asyncio.create_task(people.read_mail()))
    windows, published = [], {}

    async def sampler():
        # In a thread, like the mail: reading /proc takes milliseconds the clients' loop would wait.
        while True:
            await asyncio.to_thread(meter.sample)
            await asyncio.sleep(0.25)

    async def follow_reads():
        """Signatures and confirmations keep their share of what is served: every second their
        pace follows the reads nginx answered in the last two (wrk's own rate is not known
        until it ends), so a slower site gets fewer of them, and a faster one more."""
        history = []
        while True:
            await asyncio.sleep(1)
            try:
                history.append((time.monotonic(), await nginx_requests(context) - people.sign.done - people.confirm.done))
            except (ConnectionError, ValueError, IndexError):
                continue
            history = history[-3:]
            if len(history) >= 2:
                (before, first), (now, last) = history[0], history[-1]
                reads = (last - first) / (now - before)
                people.sign_pacer.set_rate(reads * MIX["sign"] / (MIX["read"] + MIX["count"]))
                people.confirm_pacer.set_rate(reads * MIX["confirm"] / (MIX["read"] + MIX["count"]))

    async def port_answers(port):
        try:
            _reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return True
        except OSError:
            return False

    async def at(share):
        await asyncio.sleep(max(0.0, started + SECONDS * share - time.monotonic()))

    async def kill_app_server():
        await at(EVENTS["kill app server"])
        unit = sorted(name for name in units(stack_dir) if name.startswith("solidarity-web@"))[0]
        pid, port = units(stack_dir)[unit]["pid"], int(unit.split("@")[1].split(".")[0])
        begin = time.time()
        log(f"  {begin - started_wall:.1f} s: SIGKILL to {unit} (gunicorn {pid})")
        os.kill(pid, signal.SIGKILL)
        while not await port_answers(port) or units(stack_dir)[unit].get("pid") in (None, pid):
            await asyncio.sleep(0.1)
        # Up when it answers a page again.
        probe = browser(context)
        while True:
            try:
                status, _l, _c = await probe.send("GET", "/health/")
                if status < 500:
                    break
            except ConnectionError:
                pass
            await asyncio.sleep(0.2)
        probe.close()
        windows.append(("app server SIGKILL", begin, time.time()))

    async def restart_redis():
        await at(EVENTS["restart Redis"])
        begin = time.time()
        log(f"  {begin - started_wall:.1f} s: Redis restarted")
        process = await asyncio.create_subprocess_exec(sys.executable, STACK, "restart", "redis", env=stack_env(stack_dir),
                                                       stdout=asyncio.subprocess.DEVNULL)
        await process.wait()
        windows.append(("Redis restart", begin, time.time()))

    async def kill_worker():
        await at(EVENTS["kill worker"])
        unit = sorted(name for name in units(stack_dir) if name.startswith("solidarity-rq-worker@"))[0]
        # A worker may be between two lives (its supervisor starts it again after a failure).
        waiting = time.time()
        while (pid := units(stack_dir)[unit].get("pid")) is None:
            await asyncio.sleep(0.1)
        if time.time() - waiting > 0.5:
            log(f"  (waited {time.time() - waiting:.1f} s for {unit} to run again)")
        begin = time.time()
        log(f"  {begin - started_wall:.1f} s: SIGKILL to {unit} ({pid})")
        os.kill(pid, signal.SIGKILL)
        while units(stack_dir)[unit].get("pid") in (None, pid):
            await asyncio.sleep(0.1)
        windows.append(("RQ worker SIGKILL", begin, time.time()))

    async def publish():
        await at(EVENTS["publish"])
        if not ready.startswith(b"READY"):
            published["error"] = "the publishing process did not start"
            return
        log(f"  {time.time() - started_wall:.1f} s: publishing “{title}”")
        editor.stdin.write(b"go\n")
        await editor.stdin.drain()
        probe = browser(context)
        moment = None
        while True:
            line = await editor.stdout.readline()
            if not line:
                break
            if line.startswith(b"PUBLISHED"):
                moment = float(line.split()[1])
        await editor.wait()
        if moment is None:
            published["error"] = "the publish script failed"
            return
        published["at"] = moment
        while time.time() - moment < 30:
            try:
                status, _l, content = await probe.send("GET", quote(found["index"]))
                if status == 200 and title.encode() in content:
                    published["seen"] = time.time() - moment
                    break
            except ConnectionError:
                pass
            await asyncio.sleep(0.1)
        probe.close()

    events = [asyncio.create_task(coroutine()) for coroutine in (kill_app_server, restart_redis, kill_worker, publish)]
    sampling = asyncio.create_task(sampler())
    following = asyncio.create_task(follow_reads())
    out, err = await load.communicate()
    elapsed = time.monotonic() - started
    log(f"  {time.time() - started_wall:.1f} s: wrk finished; signatures and confirmations stop")
    people.stopping = True
    await asyncio.gather(*tasks, return_exceptions=True)
    sampling.cancel()
    following.cancel()
    await asyncio.gather(sampling, following, return_exceptions=True)
    await asyncio.to_thread(meter.sample)  # after the sampler's thread is done with the meter
    await asyncio.gather(*events)
    if load.returncode:
        raise RuntimeError("wrk failed: " + err.decode()[-1000:])
    total, steal = machine_times()
    stolen = (steal - machine[1]) / max(total - machine[0], 1)
    stack_cpu = meter.total()
    cpu_parts = meter.by_part()
    client_cpu = time.process_time() - own_cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    wrk_cpu = children.ru_utime + children.ru_stime - children_cpu.ru_utime - children_cpu.ru_stime
    summary = parse_wrk(out.decode())
    wrk_errors = json.loads(errors_file.read_text()) if errors_file.exists() else {}
    return {"summary": summary, "wrk_errors": wrk_errors, "people": people, "windows": windows,
            "published": published, "elapsed": elapsed, "started_wall": started_wall, "stack_cpu": stack_cpu,
            "client_cpu": client_cpu, "cpu_parts": cpu_parts, "wrk_cpu": wrk_cpu, "stolen": stolen}


def in_windows(second, windows):
    return any(begin - 1 <= second <= end + WINDOW_GRACE for _name, begin, end in windows)


def check_rows(values, slug, people):
    import psycopg

    with psycopg.connect(values["DATABASE_URL"]) as connection:
        rows = connection.execute(READ_ROWS, [slug]).fetchall()
    mine = [(address, key, status) for address, key, status in rows if address.startswith(f"surge{people.run_id}.")]
    addresses = [address for address, _key, _status in mine]
    stored = set(addresses)
    lost = len(people.acknowledged - stored)
    duplicates = (len(addresses) - len(stored)) + len(stored - people.sent)
    confirmed_rows = sum(1 for _a, _k, status in rows if status == "confirmed")
    return lost, duplicates, len(mine), confirmed_rows


async def public_count(context, slug, expected, timeout=20):
    client = browser(context)
    deadline = time.monotonic() + timeout
    total = None
    while time.monotonic() < deadline:
        try:
            status, _l, content = await client.send("GET", f"/en/campaigns/{slug}/count.json")
            if status == 200:
                total = json.loads(content)["total"]
                if total == expected:
                    break
        except (ConnectionError, ValueError):
            pass
        await asyncio.sleep(0.5)
    client.close()
    return total


def front_against_static(stack_dir, article):
    """The cached article through nginx, and the same bytes as a static file of the same nginx,
    in alternating rounds of wrk: (article req/s, static req/s, article p99 ms, static p99 ms)."""
    context = ssl.create_default_context(cafile=str(Path(stack_dir) / "tls" / "cert.pem"))
    import http.client

    connection = http.client.HTTPSConnection("localhost", PORT, context=context, timeout=10)
    connection.request("GET", article)
    body = connection.getresponse().read()
    connection.close()
    static = Path(stack_dir) / "app" / "static" / "bench"
    static.mkdir(parents=True, exist_ok=True)
    (static / "article.html").write_bytes(body)
    if os.geteuid() == 0:
        shutil.chown(static, "www-data", "www-data")
    rates = {"article": [], "static": []}
    p99 = {"article": [], "static": []}
    for _round in range(STATIC_ROUNDS):
        for name, path in (("article", article), ("static", "/static/bench/article.html")):
            result = wrk(STATIC_SECONDS, ["single", path], connections=32)
            rates[name].append(result["requests"] / result["seconds"])
            p99[name].append(result["p99"] / 1000)
            if result["errors"]:
                log(f"  {name}: {result['errors']} error answers")
    mean = {name: sum(values) / len(values) for name, values in rates.items()}
    return mean["article"], mean["static"], max(p99["article"]), max(p99["static"]), len(body)


def front_of_the_queue():
    """The visitors stand for people on other machines: their own wait for a core is not the
    site's latency. As root, the load generators (this process, wrk, the clients) get nginx's
    priority (its drop-in's Nice=-5, on the process and its session, as bin/stack applies it);
    they still share the two cores with the stack, and their CPU is counted apart."""
    if os.geteuid() != 0:
        return
    os.setpriority(os.PRIO_PROCESS, 0, -5)
    try:
        Path("/proc/self/autogroup").write_text("-5")
    except OSError:
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stack-dir", default=os.environ.get("SURGE_STACK_DIR", ""),
                        help="use (and keep) the stack in this folder, starting it there if it is not running; "
                             "by default a new stack in a temporary folder, stopped and removed at the end")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    front_of_the_queue()
    keep = bool(args.stack_dir)
    stack_dir = Path(args.stack_dir or tempfile.mkdtemp(prefix="solidarity-surge-")).resolve()
    if not keep and os.geteuid() == 0:
        stack_dir.chmod(0o755)  # nginx's workers (www-data) read the static files under it
    def stop(signum, _frame):
        log(f"stopped by signal {signum}")
        sys.exit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        log(f"starting the stack in {stack_dir} (nginx on 127.0.0.1:{PORT}, PostgreSQL on {PG_PORT}) ...")
        started = time.monotonic()
        stack(stack_dir, "start", check=True, stdout=subprocess.DEVNULL)
        log(f"  stack up in {time.monotonic() - started:.0f} s; load average {os.getloadavg()[0]:.1f}")
        values = stack_values(stack_dir)
        found = json.loads(next(line for line in manage(stack_dir, DISCOVER).splitlines()
                                if line.startswith("DISCOVERED "))[11:])
        if not found["campaign"] or not found["article"]:
            raise RuntimeError(f"the demo has no open campaign or no article: {found}")
        context = ssl.create_default_context(cafile=values["STACK_CA"])
        result = asyncio.run(surge(stack_dir, values, found, context))
        people = result["people"]
        summary, windows = result["summary"], result["windows"]

        # The counts settle: the worker's last e-mails and confirmations, the cached counts.
        lost, duplicates, stored, confirmed_rows = check_rows(values, found["campaign"], people)
        total = asyncio.run(public_count(context, found["campaign"], confirmed_rows))

        seconds = result["elapsed"]
        wrk_requests = summary["requests"]
        requests = wrk_requests + people.sign.done + people.confirm.done
        shares = {"read": summary["reads"], "count": summary["counts"], "sign": people.sign.done,
                  "confirm": people.confirm.done}
        wrk_error_seconds = {int(second): count for second, count in result["wrk_errors"].get("by_second", {}).items()}
        errors_by_second = dict(wrk_error_seconds)
        for tally in (people.sign, people.confirm):
            for second, _status in tally.errors:
                errors_by_second[second] = errors_by_second.get(second, 0) + 1
        errors = sum(errors_by_second.values()) + summary["socket_errors"]
        outside = {second: count for second, count in errors_by_second.items() if not in_windows(second, windows)}
        latencies = [(value, summary["requests"] / len(summary["quantiles"])) for value in summary["quantiles"]]
        latencies += [(value * 1e6, 1) for value in people.sign.latencies + people.confirm.latencies]
        p99 = weighted_percentile(latencies, 0.99) / 1000
        rate = requests / seconds
        confirmed_rate = people.confirmed / seconds

        say(f"surge: {seconds:.0f} s on the stack (nginx, 2 gunicorn app servers, PostgreSQL, Redis, 2 RQ workers); "
            f"wrk {CONNECTIONS} connections at {RATE * 0.95:.0f} req/s, {SIGNERS} signers and {CONFIRMERS} confirmers")
        say("mix: " + ", ".join(f"{name} {count} ({count / max(requests, 1):.1%})" for name, count in shares.items()))
        say(f"reads and counts (wrk): {wrk_requests / seconds:.0f} req/s, p50 {summary['p50'] / 1000:.1f} ms, "
            f"p99 {summary['p99'] / 1000:.1f} ms, {summary['errors']} error answers, {summary['socket_errors']} socket errors")
        for name, tally in (("signatures", people.sign), ("confirmations", people.confirm)):
            ordered = sorted(tally.latencies) or [0]
            say(f"{name}: {tally.done} requests ({tally.done / seconds:.0f}/s), p50 {ordered[len(ordered) // 2] * 1000:.0f} ms, "
                f"p99 {ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000:.0f} ms, {len(tally.errors)} errors")
        start = result["started_wall"]
        for name, begin, end in windows:
            say(f"event: {name} at {begin - start:.1f} s, back after {end - begin:.1f} s")
        published = result["published"]
        if "seen" in published:
            say(f"event: article published at {published['at'] - start:.1f} s, seen through nginx after {published['seen']:.1f} s")
        else:
            say(f"event: the published article was NOT seen through nginx ({published.get('error', 'within 30 s')})")
        say("errors by second (from the start): " + (", ".join(
            f"{second - int(start)} s: {count}" for second, count in sorted(errors_by_second.items())) or "none"))
        say(f"errors outside the kill windows: {sum(outside.values())}")
        say(f"signatures: {len(people.acknowledged)} acknowledged, {stored} stored, lost {lost}, duplicates {duplicates}; "
            f"confirmations: {people.confirmed} acknowledged, {people.already} links found theirs confirmed already, "
            f"{confirmed_rows} confirmed rows, public count {total}"
            + ("" if total == confirmed_rows else " (DIFFERENT)"))
        say(f"CPU: the stack {result['stack_cpu'] / max(requests, 1) * 1e6:.0f} us per request "
            f"({result['stack_cpu'] / seconds:.2f} cores); the load generators, not counted in it: wrk "
            f"{result['wrk_cpu'] / seconds:.2f} cores, the Python clients {result['client_cpu'] / seconds:.2f} cores; "
            f"stolen by the host {result['stolen']:.0%}; "
            f"load average {os.getloadavg()[0]:.1f}")
        say("CPU by part: " + ", ".join(f"{part} {cpu / seconds:.2f} cores" for part, cpu in result["cpu_parts"].items()))

        article_rate, static_rate, article_p99, static_p99, size = front_against_static(stack_dir, quote(found["article"]))
        front = article_rate / static_rate
        say(f"front: cached article {found['article']} ({size} bytes) {article_rate:.0f} req/s, p99 {article_p99:.1f} ms; "
            f"the same bytes as a static file {static_rate:.0f} req/s, p99 {static_p99:.1f} ms")
        say(f"surge: {rate:.0f} req/s, p99 {p99:.0f} ms, errors {errors}, lost {lost}, duplicates {duplicates}, "
            f"confirmed {confirmed_rate:.0f}/s, front {front:.2f} x nginx static")
    finally:
        if not keep:
            stack(stack_dir, "stop", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            shutil.rmtree(stack_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
