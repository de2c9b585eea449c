"""A surge of signatures on one campaign, served by gunicorn, checked row by row.

1. A throwaway database (SQLite in WAL mode in a temporary directory, or a fresh PostgreSQL
   database named by --database / DATABASE_URL), migrated, with one active campaign.
2. gunicorn on 127.0.0.1 in production settings, BENCH_WORKERS workers.
3. Sign: BENCH_CLIENTS concurrent clients (asyncio, one keep-alive connection each), each like a browser: one GET of the campaign page
   (cookies and the form's hidden fields), then POSTs of the signing form, each with its own
   name, e-mail address and client address (X-Forwarded-For, behind one trusted proxy as in
   production). A 302 to the thanks page is the acknowledgement. Half way through, one
   gunicorn worker is killed with SIGKILL; a request that got no answer is sent again, as a
   person would press the button again.
4. The rows are read back: every acknowledged signature stored exactly once, nothing else.
5. Confirm: every signature confirmed by the POST of its confirmation page (the link's
   token is made from the stored row, as the e-mail would carry it).
6. Counter lag: from the last acknowledged confirmation until the public JSON count shows
   the full total.

Last line: `signatures: N/s accepted, p99 M ms, lost 0, duplicates 0, counter lag S s`.
"""

import argparse
import asyncio
import contextlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.client import Browser, hidden_fields  # noqa: E402
from bench.throwaway import drop_database, prepare_database, throwaway_postgres  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_PORT", "8300"))
SIGNATURES = int(os.environ.get("BENCH_SIGNATURES", "10000"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "64"))
CORES = os.cpu_count() or 2
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
WORKER_CLASS = os.environ.get("BENCH_WORKER_CLASS", "gthread")
THREADS = int(os.environ.get("BENCH_THREADS", "1"))
# PostgreSQL only: DATABASE_POOL_SIZE for each worker (0: a connection kept by each thread).
POOL_SIZE = int(os.environ.get("BENCH_POOL_SIZE", "0"))
SLUG = "bench-surge"
SIGN_PATH = f"/en/campaigns/{SLUG}/sign/"
PAGE_PATH = f"/en/campaigns/{SLUG}/"
COUNT_PATH = f"/en/campaigns/{SLUG}/count.json"
CONFIRMED_PATH = f"/en/campaigns/{SLUG}/confirmed/"
COUNTRIES = ["GB", "DE", "FR", "CA", "US", "SE", "ES", "IT", "NL", "AU", "BR", "ZA"]
ATTEMPTS = 10
# BENCH_REDIS=1: a throwaway redis-server for the shared cache (rate limits, cached counts), as
# in the scaled-out set-up; otherwise the default file-based cache in the temporary directory.
REDIS = os.environ.get("BENCH_REDIS", "") not in ("", "0")
REDIS_PORT = int(os.environ.get("BENCH_REDIS_PORT", "6390"))
# --compare without --database: a PostgreSQL cluster of our own on this port.
PG_PORT = int(os.environ.get("BENCH_PG_PORT", "5499"))

MAKE_CAMPAIGN = f"""
from solidarity.campaigns.factories import make_campaign
make_campaign(slug={SLUG!r}, title_en="Free the jailed bus drivers", goal=1_000_000)
"""

READ_ROWS = f"""
import json
from solidarity.campaigns import services
from solidarity.campaigns.models import Signature
rows = Signature.objects.filter(campaign__slug={SLUG!r}).values_list("pk", "email", "email_key", "status", "country")
print(json.dumps([
    {{"pk": pk, "email": email, "key": key, "status": status, "country": country,
      "token": services.confirmation_token(Signature(pk=pk))}}
    for pk, email, key, status, country in rows
]))
"""


def log(message):
    print(message, file=sys.stderr, flush=True)


def manage(args, env, **kwargs):
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs)


def start_redis(tmp):
    process = subprocess.Popen(
        [shutil.which("redis-server") or "/usr/bin/redis-server", "--port", str(REDIS_PORT), "--bind", HOST,
         "--dir", str(tmp), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    time.sleep(0.5)
    if process.poll() is not None:
        raise RuntimeError(f"redis-server did not start on port {REDIS_PORT}")
    return process


def server_cpu_seconds(pid):
    """CPU time used so far by gunicorn's master and its workers, living or dead.

    A worker's time is read from its own line while it lives; once the master has reaped it
    (the one killed half way), it is in the master's count of its children. Without that,
    the killed worker's work would vanish from the total and the time per signature would
    look smaller, the more so the fewer workers there are."""
    ticks = 0
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    for each in [str(pid), *children]:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        ticks += int(fields[11]) + int(fields[12])
        if each == str(pid):
            ticks += int(fields[13]) + int(fields[14])  # reaped workers
    return ticks / os.sysconf("SC_CLK_TCK")


def cpu_times():
    """The machine's CPU time so far, from /proc/stat: (all, stolen by the host)."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(fields[:8]), fields[7]


def stolen_share(before):
    """The share of the machine's time its host gave to others since `before` (from cpu_times).
    On a shared virtual machine this moves the rates far more than any change in the code, so
    the figures are printed with it, and the CPU time per signature is the one to compare."""
    total, steal = cpu_times()
    return (steal - before[1]) / max(total - before[0], 1)


def environment(tmp, database_url):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "DEBUG", "TASKS_BACKEND", "EMAIL_HOST")
    }
    env.update(
        DEBUG="false",
        SECRET_KEY="bench-not-secret-" + os.urandom(8).hex(),
        HTTPS="false",
        ALLOWED_HOSTS=HOST,
        SITE_URL=f"http://{HOST}:{PORT}",
        VAR_DIR=str(tmp / "var"),
        MEDIA_ROOT=str(tmp / "media"),
        STATIC_ROOT=str(tmp / "static"),
        # Pages are rendered with plain static addresses: no collectstatic needed.
        STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        DATABASE_URL=database_url,
        # One connection per worker thread, kept between requests (as a production set-up would).
        DATABASE_CONN_MAX_AGE=os.environ.get("BENCH_CONN_MAX_AGE", "60"),
        # Behind one reverse proxy: each simulated person comes from their own address, so
        # the per-address rate limits (1 a minute, 5 in five minutes) apply as in production.
        TRUSTED_PROXY_COUNT="1",
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    if POOL_SIZE and database_url.startswith("postgres"):
        # Connections from each worker's pool instead of one kept by each thread.
        env["DATABASE_POOL_SIZE"] = str(POOL_SIZE)
    if REDIS:
        env["REDIS_URL"] = f"redis://{HOST}:{REDIS_PORT}/0"
    return env


class Server:
    def __init__(self, env, log_file):
        self.env = env
        self.log_file = log_file
        self.process = None

    def __enter__(self):
        # Another server on the port (a second benchmark, say) would answer for this one and
        # the rows checked would not be the ones signed.
        try:
            socket.create_connection((HOST, PORT), timeout=1).close()
        except OSError:
            pass
        else:
            raise RuntimeError(f"something already listens on {HOST}:{PORT} (BENCH_PORT chooses another)")
        args = [
            GUNICORN, "solidarity.wsgi:application",
            "--bind", f"{HOST}:{PORT}",
            "--workers", str(WORKERS),
            "--worker-class", WORKER_CLASS,
            "--backlog", "2048",
            "--log-level", "warning",
            "--preload",
            "--no-control-socket",
            # The workers' heartbeat file in memory rather than on the disk the database is on.
            "--worker-tmp-dir", "/dev/shm",  # noqa: S108 (gunicorn creates its own files there)
            "--graceful-timeout", "5",
        ]
        if WORKER_CLASS == "gthread":
            args += ["--threads", str(THREADS)]
        self.process = subprocess.Popen(args, cwd=ROOT, env=self.env, start_new_session=True,
                                        stdout=subprocess.DEVNULL, stderr=self.log_file)
        try:
            self.wait_until_ready()
        except BaseException:
            self.__exit__()
            raise
        return self

    def wait_until_ready(self):
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited at start")
            try:
                status, _headers, _body = request("GET", PAGE_PATH)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer within 120 s")

    def workers(self):
        pid = self.process.pid
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def request(method, path, body=None, headers=None, connection=None, timeout=30):
    own = connection is None
    connection = connection or http.client.HTTPConnection(HOST, PORT, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        if own:
            connection.close()


def percentile(values, share):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


class Phase:
    """Work shared by the clients: each takes the next item until none is left."""

    def __init__(self, items, on_progress=None):
        self.items = items
        self.next = 0
        self.latencies = []
        self.acknowledged = []
        self.refused = []
        self.retries = 0
        self.done = 0
        self.on_progress = on_progress
        self.requests = None

    def take(self):
        if self.next >= len(self.items):
            return None
        self.next += 1
        return self.items[self.next - 1]

    def record(self, item, ok, latency, retries):
        self.latencies.append(latency)
        self.retries += retries
        (self.acknowledged if ok else self.refused).append(item)
        self.done += 1
        if self.on_progress:
            self.on_progress(self)


def run_phase(phase, clients, work):
    """(wall seconds, client CPU seconds) for `clients` concurrent clients doing `work`."""

    async def client():
        browser = Browser(HOST, PORT)
        try:
            await work(phase, browser)
        finally:
            browser.close()

    async def everyone():
        await asyncio.gather(*(client() for _ in range(clients)))

    started, cpu = time.monotonic(), time.process_time()
    asyncio.run(everyone())
    return time.monotonic() - started, time.process_time() - cpu


async def attempt(browser, method, path, fields=None, headers=None):
    """Send until the server answers (a killed worker drops the connection); (answer, latency, retries)."""
    for tries in range(ATTEMPTS):
        started = time.monotonic()
        try:
            answer = await browser.send(method, path, fields, headers)
        except ConnectionError:
            await asyncio.sleep(0.05 * (tries + 1))
            continue
        return answer, time.monotonic() - started, tries
    return None, 0.0, ATTEMPTS


async def sign_work(phase, browser):
    status, _location, page = await browser.send("GET", PAGE_PATH)
    if status != 200:
        raise RuntimeError(f"campaign page answered {status}")
    hidden = hidden_fields(page.decode())
    while (number := phase.take()) is not None:
        email, body, address = phase.requests[number] if phase.requests else signing_request(number, hidden)
        answer, latency, retries = await attempt(browser, "POST", SIGN_PATH, body, {"X-Forwarded-For": address})
        ok = answer is not None and answer[0] == 302 and "/thanks/" in answer[1]
        if answer is not None and not ok and len(phase.refused) < 3:
            log(f"  refused: {answer[0]} {answer[2][:300]!r}")
        phase.record(email, ok, latency, retries)


def signing_request(number, hidden):
    """(e-mail address, form body, client address) of signer `number`: made before the clock
    starts, as a load generator should, so that it takes less of the two cores from the server."""
    fields = {
        **hidden,
        "name": f"Signer {number} Ñandú رضا",
        "name_shown": ("full", "initials", "count")[number % 3],
        "email": f"signer.{number}@union{number % 50}.example",
        "country": COUNTRIES[number % len(COUNTRIES)],
        "organisation": f"Local {number % 900}",
        "website": "",
    }
    address = f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"
    return fields["email"], urllib.parse.urlencode(fields).encode(), address


async def confirm_work(phase, browser):
    while (row := phase.take()) is not None:
        answer, latency, retries = await attempt(browser, "POST", f"/en/campaigns/confirm/{row['token']}/", {})
        # The confirmation answers with a redirect to the campaign's confirmed page, which a
        # browser then asks for: it is part of the confirmation's time and of its cost.
        ok = answer is not None and answer[0] == 303 and answer[1].endswith(CONFIRMED_PATH)
        if ok:
            page, more, again = await attempt(browser, "GET", CONFIRMED_PATH)
            ok = page is not None and page[0] == 200
            latency, retries = latency + more, retries + again
        elif answer is not None and len(phase.refused) < 3:
            log(f"  not confirmed: {answer[0]} {answer[1]} {answer[2][:300]!r}")
        phase.record(row["email"], ok, latency, retries)


def read_rows(env):
    out = manage(["shell", "-c", READ_ROWS], env, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def count_lag(expected, started):
    """Seconds from `started` until the public count shows `expected`."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            status, _headers, body = request("GET", COUNT_PATH, timeout=10)
            if status == 200 and json.loads(body)["total"] >= expected:
                return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"the public count did not reach {expected} within two minutes")


def load():
    return os.getloadavg()[0]


def stop(signum, frame):
    raise SystemExit(128 + signum)


def run(database, *, sign_only=False, database_pid=None):
    """One benchmark on SQLite ("" for a file in a temporary directory) or the PostgreSQL
    database named; prints its lines and returns its figures. `database_pid`: the postmaster
    of a cluster of our own, whose CPU time (its backends') is counted with the server's."""
    tmp = Path(tempfile.mkdtemp(prefix="solidarity-bench-signatures-"))
    server_log = open(tmp / "gunicorn.log", "w+")  # noqa: SIM115
    database_url = ""
    redis = None
    result = {}

    def server_cpu(server):
        """(gunicorn's CPU seconds, PostgreSQL's) so far."""
        return server_cpu_seconds(server.process.pid), server_cpu_seconds(database_pid) if database_pid else 0.0

    def spent(before, after, count):
        app, database = ((a - b) / max(count, 1) for a, b in zip(after, before, strict=True))
        text = f"server CPU {(app + database) * 1e3:.1f} ms"
        if database_pid:
            text += f" (gunicorn {app * 1e3:.1f}, PostgreSQL {database * 1e3:.1f})"
        return app + database, text

    try:
        redis = start_redis(tmp) if REDIS else None
        database_url = prepare_database(database, tmp, 'solidarity_bench_signatures')
        engine = "PostgreSQL" if database_url.startswith("postgres") else "SQLite (WAL)"
        result["engine"] = engine
        env = environment(tmp, database_url)
        # BENCH_DIR keeps the migrated SQLite database with its campaign for the next run.
        keep = Path(os.environ["BENCH_DIR"]) / "prepared.sqlite3" if os.environ.get("BENCH_DIR") else None
        if keep and keep.exists() and engine.startswith("SQLite"):
            shutil.copyfile(keep, tmp / "bench.sqlite3")
        else:
            log(f"preparing a throwaway {engine} database ...")
            setup = {**env, "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
            manage(["migrate", "--noinput", "-v0"], setup, stdout=subprocess.DEVNULL)
            manage(["shell", "-c", MAKE_CAMPAIGN], setup)
            if keep and engine.startswith("SQLite"):
                keep.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(tmp / "bench.sqlite3", keep)
        threads = f" x {THREADS} threads" if WORKER_CLASS == "gthread" else ""
        log(f"gunicorn {WORKERS} {WORKER_CLASS} workers{threads} on {CORES} cores; {CLIENTS} clients; "
            f"{SIGNATURES} signatures; {engine}; cache {'Redis' if REDIS else 'files'}; load average {load():.1f}")

        with Server(env, server_log) as server:
            killed = {}

            def kill_half_way(phase):
                if not killed and phase.done >= SIGNATURES // 2:
                    victim = server.workers()[0]
                    os.kill(victim, signal.SIGKILL)
                    killed[victim] = phase.done
                    log(f"  SIGKILL to worker {victim} after {phase.done} signatures")

            signing = Phase(list(range(SIGNATURES)), kill_half_way)
            # Every client reads the same hidden fields from the (cached) campaign page.
            _status, _headers, page = request("GET", PAGE_PATH)
            hidden = hidden_fields(page.decode())
            signing.requests = [signing_request(number, hidden) for number in range(SIGNATURES)]
            cpu, machine = server_cpu(server), cpu_times()
            seconds, client_cpu = run_phase(signing, CLIENTS, sign_work)
            accepted = len(signing.acknowledged)
            (cpu, cpu_text), stolen = spent(cpu, server_cpu(server), accepted), stolen_share(machine)
            sign_rate = accepted / seconds
            sign_p99 = percentile(signing.latencies, 0.99) * 1000
            result.update(sign_rate=sign_rate, sign_p99=sign_p99, sign_cpu=cpu, sign_stolen=stolen)
            print(f"sign: {accepted}/{SIGNATURES} acknowledged in {seconds:.1f} s = {sign_rate:.0f}/s, "
                  f"p50 {percentile(signing.latencies, 0.5) * 1000:.0f} ms, p99 {sign_p99:.0f} ms, "
                  f"{signing.retries} sent again after the worker was killed, {len(signing.refused)} refused; "
                  f"{cpu_text} and clients' {client_cpu / max(accepted, 1) * 1e3:.2f} ms per signature; "
                  f"load average {load():.1f}; "
                  f"stolen by the host {stolen:.0%}", flush=True)
            if not killed:
                raise RuntimeError("no worker was killed")
            if len(server.workers()) != WORKERS:
                raise RuntimeError("gunicorn did not replace the killed worker")

            rows = read_rows(env)
            emails = [row["email"] for row in rows]
            keys = [row["key"] for row in rows]
            intended = {f"signer.{n}@union{n % 50}.example" for n in range(SIGNATURES)}
            lost = len(set(signing.acknowledged) - set(emails))
            duplicates = (len(keys) - len(set(keys))) + (len(emails) - len(set(emails))) + len(set(emails) - intended)
            result.update(lost=lost, duplicates=duplicates)
            print(f"rows: {len(rows)} stored for {accepted} acknowledged, lost {lost}, duplicates {duplicates}",
                  flush=True)
            if sign_only:
                return result

            confirming = Phase(rows)
            cpu, machine = server_cpu(server), cpu_times()
            seconds, client_cpu = run_phase(confirming, CLIENTS, confirm_work)
            finished = time.monotonic()
            confirmed = len(confirming.acknowledged)
            (cpu, cpu_text), stolen = spent(cpu, server_cpu(server), confirmed), stolen_share(machine)
            result.update(confirm_rate=confirmed / seconds, confirm_cpu=cpu, confirm_stolen=stolen)
            print(f"confirm: {confirmed}/{len(rows)} confirmed in {seconds:.1f} s = {confirmed / seconds:.0f}/s, "
                  f"p50 {percentile(confirming.latencies, 0.5) * 1000:.0f} ms, "
                  f"p99 {percentile(confirming.latencies, 0.99) * 1000:.0f} ms; "
                  f"{cpu_text} and clients' {client_cpu / max(confirmed, 1) * 1e3:.2f} ms per confirmation "
                  f"(its POST and the page it leads to); "
                  f"load average {load():.1f}; stolen by the host {stolen:.0%}", flush=True)
            lag = count_lag(confirmed, finished)

            stored = read_rows(env)
            in_db = sum(1 for row in stored if row["status"] == "confirmed")
            if in_db != confirmed:
                lost += abs(confirmed - in_db)
                log(f"  {in_db} confirmed rows for {confirmed} acknowledged confirmations")
        result.update(lost=lost, lag=lag)
        print(f"signatures: {sign_rate:.0f}/s accepted, p99 {sign_p99:.0f} ms, lost {lost}, "
              f"duplicates {duplicates}, counter lag {lag:.1f} s", flush=True)
        return result
    except BaseException:
        server_log.seek(0)
        log("gunicorn's log ends with:\n" + "".join(server_log.readlines()[-30:]))
        raise
    finally:
        server_log.close()
        if redis is not None:
            redis.terminate()
            redis.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)
        if database_url:
            drop_database(database_url)


def compare(database, *, sign_only=False):
    """SQLite, then PostgreSQL (the database named, or a cluster of our own), in one go."""
    with contextlib.ExitStack() as stack:
        pid = None
        if not database:
            database, pid = stack.enter_context(throwaway_postgres(PG_PORT))
        results = []
        for engine in ("", database):
            results.append(run(engine, sign_only=sign_only, database_pid=pid if engine else None))
    sqlite, postgres = results
    ratio = postgres["sign_rate"] / sqlite["sign_rate"]
    confirming = "" if sign_only else (f"; confirmed {sqlite['confirm_rate']:.0f}/s and {postgres['confirm_rate']:.0f}/s, "
                                       f"{sqlite['confirm_cpu'] * 1e3:.1f} and {postgres['confirm_cpu'] * 1e3:.1f} ms CPU each")
    print(f"compared: signing costs {sqlite['sign_cpu'] * 1e3:.1f} ms of CPU on SQLite, {postgres['sign_cpu'] * 1e3:.1f} ms "
          f"on PostgreSQL (its own processes included){confirming}; stolen by the host "
          f"{sqlite['sign_stolen']:.0%} and {postgres['sign_stolen']:.0%}", flush=True)
    print(f"signatures compared: SQLite {sqlite['sign_rate']:.0f}/s, PostgreSQL {postgres['sign_rate']:.0f}/s accepted "
          f"= {ratio:.2f} x, lost {sqlite['lost'] + postgres['lost']}, "
          f"duplicates {sqlite['duplicates'] + postgres['duplicates']}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default=os.environ.get("DATABASE_URL", ""),
                        help="postgres://... for a fresh PostgreSQL database of that name (default: SQLite)")
    parser.add_argument("--sign-only", action="store_true",
                        help="stop after the signing phase and the row check (for comparing the signing path)")
    parser.add_argument("--compare", action="store_true",
                        help="SQLite, then PostgreSQL (--database, or a throwaway cluster on BENCH_PG_PORT), "
                             "and the ratio of their signing rates")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if args.compare:
        compare(args.database, sign_only=args.sign_only)
    else:
        run(args.database, sign_only=args.sign_only)


if __name__ == "__main__":
    main()
