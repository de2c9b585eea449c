"""Benchmark of the newsletter's sending engine; see ./run and bench/README.md."""

import argparse
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def configure(workdir, servers, args):
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "bench_settings", "PYTHONPATH": str(HERE) + os.pathsep + str(ROOT),
        "DEBUG": "false", "SECRET_KEY": "bench-only-not-secret", "HTTPS": "false",
        "ALLOWED_HOSTS": "testserver,localhost", "PAGE_CACHE_SECONDS": "0", "SITE_URL": "https://bench.example",
        "VAR_DIR": str(workdir), "MEDIA_ROOT": str(workdir / "media"),
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}", "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "STATIC_ROOT": str(workdir / "static"), "LOG_LEVEL": "ERROR",
        "BENCH_SMTP_SERVERS": json.dumps(servers), "BENCH_PARALLEL_TASKS": str(args.workers),
        "BENCH_BATCH_SIZE": str(args.batch),
    })
    sys.path[:0] = [str(HERE), str(ROOT)]


def cpu_seconds(pid):
    """User and system CPU time a process has used so far, from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_kb(pid):
    """Resident memory of one process, from /proc (0 once it has gone)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class MemoryWatch(threading.Thread):
    """Samples the sum of the senders' resident memory every 100 ms and keeps the peak."""

    def __init__(self, pids):
        super().__init__(daemon=True)
        self.pids, self.peak_kb, self.running = pids, 0, True

    def run(self):
        while self.running:
            self.peak_kb = max(self.peak_kb, sum(rss_kb(pid) for pid in self.pids))
            time.sleep(0.1)


def make_subscribers(count, newsletter):
    """`count` active subscribers on the list, a tenth of them reading Persian (bulk insert)."""
    from solidarity.supporters.models import Subscriber, Subscription

    batch = 5000
    for start in range(0, count, batch):
        rows = []
        for n in range(start, min(start + batch, count)):
            email = f"reader{n}@bench{n % 97}.example"
            rows.append(Subscriber(email=email, email_key=email, name=f"Reader {n}" if n % 3 else "",
                                   language="fa" if n % 10 == 0 else "en", status=Subscriber.Status.ACTIVE,
                                   token=secrets.token_urlsafe(24)))
        Subscriber.objects.bulk_create(rows, batch_size=1000)
    ids = Subscriber.objects.values_list("pk", flat=True).iterator(chunk_size=batch)
    rows = []
    for subscriber_id in ids:
        rows.append(Subscription(subscriber_id=subscriber_id, mailing_list=newsletter))
        if len(rows) == batch:
            Subscription.objects.bulk_create(rows)
            rows = []
    Subscription.objects.bulk_create(rows)


def make_issue():
    import datetime

    from solidarity.newsletter import services
    from solidarity.newsletter.models import Issue

    paragraph = ("<p>Security forces arrested workers' representatives after a peaceful gathering; unions abroad "
                 "sent messages of solidarity and protested to the embassy.</p>")
    en = Issue.objects.create(language="en", volume=12, number=3, date=datetime.date(2026, 11, 22),
                              introduction="<p>In this issue: a renewed campaign, a speech, an update.</p>")
    fa = Issue.objects.create(language="fa", volume=12, number=3, date=datetime.date(2026, 11, 22),
                              introduction="<p>در این شماره: کارزاری دوباره، یک سخنرانی و خبرهای سندیکا.</p>",
                              counterpart=en)
    for heading in ("Renewed campaign for jailed activists", "A speech at the rally",
                    "An update from the Haft Tappeh workers' syndicate", "A sample protest letter"):
        services.add_item(issue=en, heading=heading, text=paragraph * 3, url="https://bench.example/en/news/")
    for heading in ("کارزار دوباره برای فعالان زندانی", "سخنرانی در گردهمایی", "خبر از سندیکای کارگران هفت‌تپه"):
        services.add_item(issue=fa, heading=heading, text="<p>کارگران برای دریافت دستمزدهای معوقه دست به اعتصاب "
                                                          "زدند و اتحادیه‌ها پیام همبستگی فرستادند.</p>" * 3)
    en.refresh_from_db()
    return en


def check_links(received, sample):
    """Each reader's token is theirs; a sample of the links unsubscribes with one POST."""
    from django.test import Client

    from solidarity.supporters.models import Subscriber

    tokens = dict(Subscriber.objects.values_list("email", "token"))
    wrong = [email for email, (_count, token, in_body) in received.items()
             if tokens.get(email) != token or not in_body]
    client = Client()
    worked = 0
    for email in list(received)[:sample]:
        subscriber = Subscriber.objects.get(email=email)
        path = f"/{subscriber.language}/newsletter/unsubscribe/{received[email][1]}/"
        response = client.post(path, {"List-Unsubscribe": "One-Click"})
        subscriber.refresh_from_db()
        worked += response.status_code < 400 and subscriber.status == Subscriber.Status.UNSUBSCRIBED
    return wrong, worked


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--servers", type=int, default=2, help="SMTP sinks, one process each")
    parser.add_argument("--connections", type=int, default=1, help="SMTP connections per server and worker")
    parser.add_argument("--workers", type=int, default=1, help="db_worker processes")
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--profile", action="store_true",
                        help="send in this process under cProfile instead of through the workers (diagnosis)")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="bench-newsletter-")
    workdir = Path(tmp)
    ports = [free_port() for _ in range(args.servers)]
    servers = [{"host": "127.0.0.1", "port": port, "rate": 0, "connections": args.connections} for port in ports]
    configure(workdir, servers, args)
    sinks, workers = [], []
    try:
        started = time.perf_counter()
        subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, check=True)
        import django

        django.setup()
        from solidarity.newsletter import services
        from solidarity.newsletter.models import Delivery, Send
        from solidarity.supporters.models import MailingList

        newsletter = MailingList.objects.get(slug="newsletter-en")
        t = time.perf_counter()
        make_subscribers(args.subscribers, newsletter)
        print(f"migrated in {t - started:.0f} s; {args.subscribers} subscribers inserted in "
              f"{time.perf_counter() - t:.1f} s", flush=True)
        issue = make_issue()

        for port in ports:
            sink = subprocess.Popen([sys.executable, str(HERE / "sink.py"), str(port), str(workdir / f"sink-{port}.json")],
                                    stdout=subprocess.PIPE, text=True)
            sink.stdout.readline()
            sinks.append(sink)
        log = open(workdir / "workers.log", "w")  # noqa: SIM115 (closed with the directory)
        for number in range(args.workers):
            workers.append(subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay",
                 "--worker-id", f"bench-{number}"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT))
        time.sleep(3)  # the workers start (import Django) before the clock does
        watch = MemoryWatch([worker.pid for worker in workers])
        watch.start()

        workers_cpu_at_start = sum(cpu_seconds(worker.pid) for worker in workers)
        sinks_cpu_at_start = sum(cpu_seconds(sink.pid) for sink in sinks)
        t0 = time.perf_counter()
        t0_monotonic = time.monotonic()
        if args.profile:
            import cProfile
            import pstats

            from django.test import override_settings

            with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
                send = services.create_send(issue=issue, lists=[newsletter])
                services.start_send(send=send, enqueue=False)
            profile = cProfile.Profile()
            profile.enable()
            cpu = time.process_time()
            services.process_send(send=send)
            profile.disable()
            print(f"sender CPU {1e6 * (time.process_time() - cpu) / args.subscribers:.0f} us/message")
            pstats.Stats(profile).sort_stats("tottime").print_stats(30)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(45)
        send = services.create_send(issue=issue, lists=[newsletter]) if not args.profile else send
        send.refresh_from_db()
        while send.status != Send.Status.SENT:
            time.sleep(0.25)
            send.refresh_from_db()
            if time.perf_counter() - t0 > 1800:
                raise SystemExit("the send did not finish in 30 minutes")
        elapsed = time.perf_counter() - t0
        watch.running = False
        counts = send.progress()
        sender_cpu = sum(cpu_seconds(worker.pid) for worker in workers) - workers_cpu_at_start
        sink_cpu = sum(cpu_seconds(sink.pid) for sink in sinks) - sinks_cpu_at_start
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        for worker in workers:
            worker.wait(timeout=60)
        for sink in sinks:
            sink.send_signal(signal.SIGTERM)
            sink.wait(timeout=60)
        workers = sinks = []

        received, messages, first, last = {}, 0, None, None
        for port in ports:
            data = json.loads((workdir / f"sink-{port}.json").read_text())
            messages += data["messages"]
            for email, entry in data["received"].items():
                if email in received:
                    received[email][0] += entry[0]
                else:
                    received[email] = entry
            if data["first"]:
                first = min(first or data["first"], data["first"])
                last = max(last or data["last"], data["last"])
        expected = set(Delivery.objects.filter(send=send).values_list("email", flat=True))
        duplicates = sum(entry[0] - 1 for entry in received.values() if entry[0] > 1)
        missing = len(expected - set(received))
        strangers = len(set(received) - expected)
        wrong, worked = check_links(received, sample=50)
        rate = counts["sent"] / elapsed
        print(f"deliveries: {counts}")
        print(f"sinks received {messages} messages for {len(received)} addresses; first to last message "
              f"{last - first:.1f} s ({messages / (last - first):.0f} msg/s as the sinks saw it)")
        sent = max(counts["sent"], 1)
        per_message = (sender_cpu + sink_cpu) / sent
        print(f"CPU per message: senders {1e6 * sender_cpu / sent:.0f} us, sinks {1e6 * sink_cpu / sent:.0f} us "
              f"(so {os.cpu_count()} idle cores would carry about {os.cpu_count() / per_message:.0f} msg/s)")
        print(f"first message {first - t0_monotonic:.1f} s after the send was started")
        print(f"whole send (creating {counts['total']} deliveries, sending, finishing): {elapsed:.1f} s")
        print(f"links: {len(wrong)} messages without the reader's own unsubscribe link; "
              f"{worked} of 50 sampled links unsubscribed their reader with one POST; {strangers} unknown addresses")
        print(f"senders: {args.workers} db_worker processes x {args.servers} servers x {args.connections} "
              f"connections; peak memory = highest sum of the workers' VmRSS, sampled every 100 ms")
        print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1, 5, 15 min)")
        failures = [line for line in (workdir / "workers.log").read_text().splitlines() if "state=FAILED" in line]
        if failures:
            print(f"{len(failures)} worker tasks failed: {failures[:3]}")
        if wrong or strangers or worked != 50:
            print("FAILED: some links were not the reader's own or did not work")
        print(f"newsletter: {rate:.0f} msg/s, peak memory {watch.peak_kb / 1024:.0f} MB, "
              f"duplicates {duplicates}, missing {missing}")
    finally:
        for process in [*workers, *sinks]:
            if process.poll() is None:
                process.kill()
        if not args.keep:
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
