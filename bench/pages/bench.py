"""Serves the demo site with gunicorn in production mode and measures it with wrk.

Everything lives in a temporary directory (database, page cache, collected static files) and
is removed at the end, with the server, whatever happens. See bench/README.md.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
WRK = shutil.which("wrk") or "/usr/bin/wrk"
HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_PORT", "8150"))
BASE = f"http://{HOST}:{PORT}"
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "20"))
WRK_THREADS = int(os.environ.get("BENCH_WRK_THREADS", "1"))
CORES = os.cpu_count() or 2
# gthread keeps connections alive and came out ahead of sync here; "sync gthread" runs both
# and keeps the faster.
WORKER_CLASSES = os.environ.get("BENCH_WORKER_CLASS", "gthread").split()
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * CORES + 1)))
THREADS = int(os.environ.get("BENCH_THREADS", "4"))
STATIC_NAME = "bench/cached-article.html"
PAIRED = ("article", "static (same bytes)")
ROUNDS = 5
STATIC_PROBE = "css/site.css"
SEARCH_QUERY = "workers"

FIND_URLS = """
import json
from solidarity.publishing.models import ArticleIndexPage, ArticlePage
article = ArticlePage.objects.live().filter(locale__language_code="en").order_by("-date", "-pk").first()
index = ArticleIndexPage.objects.live().filter(locale__language_code="en").first()
print(json.dumps({"article": article.url, "index": index.url}))
"""


def log(message):
    print(message, file=sys.stderr, flush=True)


def run(args, env):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def prepare(tmp):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "DEBUG", "TASKS_BACKEND")
    }
    env.update(
        DEBUG="false",
        SECRET_KEY="bench-not-secret-" + os.urandom(8).hex(),
        HTTPS="false",
        ALLOWED_HOSTS=HOST,
        SITE_URL=BASE,
        PAGE_CACHE_SECONDS="600",
        VAR_DIR=str(tmp / "var"),
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        STATICFILES_STORAGE="whitenoise.storage.CompressedManifestStaticFilesStorage",
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    setup = {**env, "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    if not (tmp / "prepared").exists():
        log("preparing a throwaway database with the demo content ...")
        run(["migrate", "--noinput", "-v0"], setup)
        run(["load_demo"], setup)
        run(["collectstatic", "--noinput", "-v0"], setup)
        (tmp / "prepared").touch()
    shutil.rmtree(tmp / "var" / "page-cache", ignore_errors=True)
    found = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", FIND_URLS], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    urls = json.loads(found.stdout.strip().splitlines()[-1])
    return env, urls


class Server:
    def __init__(self, env, worker_class, log):
        self.env = env
        self.log = log
        self.worker_class = worker_class
        self.process = None

    def __enter__(self):
        args = [
            GUNICORN, "solidarity.wsgi:application",
            "--bind", f"{HOST}:{PORT}",
            "--workers", str(WORKERS),
            "--worker-class", self.worker_class,
            "--backlog", "2048",
            "--log-level", "warning",
            # Load the project once, before forking: workers are ready at once.
            "--preload",
            "--no-control-socket",
        ]
        if self.worker_class == "gthread":
            args += ["--threads", str(THREADS)]
        # Its own process group, so that stopping it stops every worker.
        self.process = subprocess.Popen(
            args, cwd=ROOT, env=self.env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=self.log
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited at start")
            try:
                # Workers load the project after the socket opens: wait for a real answer.
                fetch("/static/" + STATIC_PROBE, timeout=60)
                return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("gunicorn did not answer within 120 s")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def fetch(path, timeout=30):
    with urllib.request.urlopen(BASE + path, timeout=timeout) as response:
        return response.status, dict(response.headers), response.read()


def wrk(path, seconds):
    out = subprocess.run(
        [WRK, "--latency", "-t", str(WRK_THREADS), "-c", str(CONNECTIONS), "-d", f"{seconds}s", "--timeout", "5s", BASE + path],
        check=True, capture_output=True, text=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rate": rate,
        "requests": requests,
        "p50": to_ms(latency["50"]),
        "p99": to_ms(latency["99"]),
        "bad": int(bad.group(1)) if bad else 0,
        "errors": errors.group(1) if errors else "",
    }


def combine(rounds):
    """One result from several rounds: the overall rate, the worst p50 and p99."""
    requests = sum(r["requests"] for r in rounds)
    return {
        "rate": requests / sum(r["seconds"] for r in rounds),
        "requests": requests,
        "p50": max(r["p50"] for r in rounds),
        "p99": max(r["p99"] for r in rounds),
        "bad": sum(r["bad"] for r in rounds),
        "errors": "; ".join(r["errors"] for r in rounds if r["errors"]),
        "cpu_us": sum(r["cpu"] for r in rounds) / requests * 1e6,
    }


def to_ms(value):
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def server_cpu_seconds(pid):
    """CPU time used so far by gunicorn's master and workers."""
    ticks = 0
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    for each in [str(pid), *children]:
        fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def measure(env, targets, worker_class, static_body, server_log):
    results = {}
    with Server(env, worker_class, server_log) as server:
        for path in targets.values():
            fetch(path)  # warm the page cache
            fetch(path)
        if fetch(targets["static (same bytes)"])[2] != static_body:
            raise RuntimeError("the static reference does not hold the article's bytes")
        # The article and the static file are measured in alternating rounds, so that a
        # change in what else the machine does falls on both.
        plan = [(name, SECONDS) for name in targets if name not in PAIRED]
        plan += [(name, max(1, round(SECONDS / ROUNDS))) for _round in range(ROUNDS) for name in PAIRED]
        for name in targets:
            wrk(targets[name], 2)  # warm the workers
        rounds = {}
        for name, seconds in plan:
            path = targets[name]
            cpu = server_cpu_seconds(server.process.pid)
            result = wrk(path, seconds)
            # What a request costs the server, whatever else the machine is doing.
            result["cpu"] = server_cpu_seconds(server.process.pid) - cpu
            result["seconds"] = seconds
            rounds.setdefault(name, []).append(result)
        for name, path in targets.items():
            result = combine(rounds[name])
            status, headers, _body = fetch(path)
            result.update(status=status, cache=headers.get("X-Cache", "-"))
            results[name] = result
            log(f"  {worker_class:8} {name:16} {result['rate']:9.0f} req/s  p50 {result['p50']:6.2f} ms  p99 {result['p99']:6.2f} ms  {result['cpu_us']:5.0f} us CPU/request")
    return results


def stop(signum, frame):
    raise SystemExit(128 + signum)


def main():
    # Ctrl+C or a kill still stops gunicorn and removes the temporary directory.
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # BENCH_DIR keeps a prepared directory between runs (for working on the page cache).
    keep = os.environ.get("BENCH_DIR")
    tmp = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="solidarity-bench-pages-"))
    tmp.mkdir(parents=True, exist_ok=True)
    server_log = open(tmp / "gunicorn.log", "w+")  # noqa: SIM115
    try:
        env, urls = prepare(tmp)
        article = urls["article"]
        targets = {
            "home": "/en/",
            "article": article,
            "article list": urls["index"],
            "search": f"/en/search/?q={SEARCH_QUERY}",
        }
        # The reference: the cached article's exact bytes as a static file, served by WhiteNoise
        # in the same gunicorn (WhiteNoise reads STATIC_ROOT when a worker starts).
        with Server(env, "sync", server_log):
            fetch(article)
            status, headers, body = fetch(article)
            if status != 200 or headers.get("X-Cache") != "hit":
                raise RuntimeError(f"the article is not served from the page cache: {status} {headers.get('X-Cache')}")
        static_file = tmp / "static" / STATIC_NAME
        static_file.parent.mkdir(parents=True, exist_ok=True)
        static_file.write_bytes(body)
        targets["static (same bytes)"] = "/static/" + STATIC_NAME

        log(f"gunicorn: {WORKERS} workers on {CORES} cores; wrk: {CONNECTIONS} connections, {SECONDS} s per address")
        runs = {worker_class: measure(env, targets, worker_class, body, server_log) for worker_class in WORKER_CLASSES}
        best = max(runs, key=lambda worker_class: runs[worker_class]["article"]["rate"])
        results = runs[best]

        threads = f", {THREADS} threads each" if best == "gthread" else ""
        print(f"gunicorn {best} workers: {WORKERS}{threads}; wrk {CONNECTIONS} connections, {SECONDS} s per address; article {len(body)} bytes")
        print(f"{'address':38} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'CPU us/req':>10}  cache  errors")
        for name, path in targets.items():
            r = results[name]
            problems = ", ".join(filter(None, [f"{r['bad']} non-2xx" if r["bad"] else "", r["errors"]])) or "-"
            print(f"{name + ' ' + path:38.38} {r['rate']:9.0f} {r['p50']:8.2f} {r['p99']:8.2f} {r['cpu_us']:10.0f}  {r['cache']:5}  {problems}")
        cached = results["article"]
        ratio = cached["rate"] / results["static (same bytes)"]["rate"]
        print(f"pages: cached article {cached['rate']:.0f} req/s = {ratio:.2f} x static, p99 {cached['p99']:.1f} ms")
    except Exception:
        server_log.seek(0)
        log("gunicorn's log ends with:\n" + "".join(server_log.readlines()[-30:]))
        raise
    finally:
        server_log.close()
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
