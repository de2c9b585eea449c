"""The campaign staff dashboard at scale.

1. A throwaway database (SQLite in a temporary directory, or a fresh PostgreSQL database named
   by --database), migrated, with one active campaign that started 30 days ago.
2. BENCH_SIGNATURES (200,000) generated signatures inserted in bulk: spread over the 30 days
   with a surge in the first days, 80 % confirmed, 15 % waiting, 5 % invalidated, 60
   countries, addresses at 300 domains, a few IP addresses behind many signatures.
3. A campaigner (the Campaigners group) opens the dashboard through Django's test client:
   BENCH_WARMUP untimed requests, then BENCH_REQUESTS timed ones; every answer must be a 200
   showing the right confirmed count.

Last line: `dashboard: N ms median, M ms p95 for 200000 signatures`.
"""

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.throwaway import drop_database, prepare_database  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
SIGNATURES = int(os.environ.get("BENCH_SIGNATURES", "200000"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "2"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "20"))
DAYS = 30
COUNTRIES = [
    "GB", "DE", "FR", "CA", "US", "SE", "ES", "IT", "NL", "AU", "BR", "ZA", "NO", "DK", "FI", "BE", "AT", "CH", "IE",
    "PT", "GR", "TR", "IN", "JP", "KR", "MX", "AR", "CL", "CO", "PE", "NZ", "PL", "CZ", "HU", "RO", "BG", "HR", "SI",
    "SK", "LT", "LV", "EE", "IS", "LU", "MT", "CY", "IL", "EG", "MA", "TN", "NG", "KE", "GH", "PH", "ID", "MY", "SG",
    "TH", "VN", "IR",
]


def log(message):
    print(message, file=sys.stderr, flush=True)


def load():
    return os.getloadavg()[0]


def environment(tmp, database_url):
    for key in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "DEBUG", "TASKS_BACKEND", "EMAIL_HOST"):
        os.environ.pop(key, None)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="solidarity.settings",
        DEBUG="false",
        SECRET_KEY="bench-not-secret-" + os.urandom(8).hex(),
        HTTPS="false",
        ALLOWED_HOSTS="testserver",
        # The second factor is the log-in's business, not the dashboard's.
        STAFF_TWO_FACTOR="false",
        SITE_URL="http://testserver",
        VAR_DIR=str(tmp / "var"),
        MEDIA_ROOT=str(tmp / "media"),
        STATIC_ROOT=str(tmp / "static"),
        STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        DATABASE_URL=database_url,
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )


def generate(campaign):
    """Signatures in bulk, the way the signing INSERT stores them (no e-mail sent)."""
    from django.db import transaction
    from django.utils import timezone

    from solidarity.campaigns.models import Signature

    rng = random.Random(4)
    start = timezone.now() - timezone.timedelta(days=DAYS)
    span = DAYS * 86400
    domains = [f"union{n}.example" for n in range(300)]
    busy_ips = [f"{rng.getrandbits(256):064x}" for _ in range(10)]
    batch = []
    for number in range(SIGNATURES):
        # A surge: half the signatures in the first three days.
        offset = rng.random() * (3 * 86400 if rng.random() < 0.5 else span)
        created = start + timezone.timedelta(seconds=offset)
        roll = rng.random()
        status = "confirmed" if roll < 0.80 else "pending" if roll < 0.95 else "invalidated"
        email = f"signer{number}@{rng.choice(domains)}"
        batch.append(Signature(
            campaign=campaign, name=f"Signer {number}", email=email, email_key=email,
            country=rng.choice(COUNTRIES), language="fa" if number % 3 == 0 else "en", status=status,
            created_at=created, confirmed_at=created + timezone.timedelta(minutes=5) if status == "confirmed" else None,
            ip_hash=rng.choice(busy_ips) if rng.random() < 0.02 else f"{rng.getrandbits(256):064x}",
            wants_updates=rng.random() < 0.3,
        ))
        if len(batch) == 5000:
            with transaction.atomic():
                Signature.objects.bulk_create(batch)
            batch = []
    if batch:
        Signature.objects.bulk_create(batch)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default="",
                        help="postgres://... for a fresh PostgreSQL database of that name (default: SQLite)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="solidarity-bench-dashboard-"))
    database_url = ""
    try:
        (tmp / "static").mkdir()
        database_url = prepare_database(args.database, tmp, 'solidarity_bench_dashboard')
        engine = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
        environment(tmp, database_url)
        # BENCH_DIR keeps the prepared SQLite database (migrated, signatures in) for the next run.
        keep = Path(os.environ["BENCH_DIR"]) / "prepared.sqlite3" if os.environ.get("BENCH_DIR") else None
        reuse = bool(keep and keep.exists() and engine == "SQLite")
        if reuse:
            shutil.copyfile(keep, tmp / "bench.sqlite3")
        else:
            log(f"preparing a throwaway {engine} database ...")
        subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.contrib.auth.models import Group, User
        from django.db import connection
        from django.test import Client
        from django.urls import reverse
        from django.utils import timezone

        from solidarity.campaigns.factories import make_campaign
        from solidarity.campaigns.models import Campaign, Signature

        campaign = Campaign.objects.filter(slug="bench-dashboard").first()
        if campaign is None:
            campaign = make_campaign(slug="bench-dashboard",
                                     starts_on=timezone.localdate() - timezone.timedelta(days=DAYS))
            began = time.perf_counter()
            generate(campaign)
            with connection.cursor() as cursor:
                # What autovacuum does after a bulk insert: statistics for the planner and, on
                # PostgreSQL, the visibility map that lets index-only scans skip the table.
                cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
            log(f"{SIGNATURES} signatures inserted in {time.perf_counter() - began:.1f} s")
            if keep and engine == "SQLite":
                keep.parent.mkdir(parents=True, exist_ok=True)
                connection.close()
                shutil.copyfile(tmp / "bench.sqlite3", keep)
        confirmed = Signature.objects.filter(campaign=campaign, status="confirmed").count()
        User.objects.filter(username="campaigner").delete()
        user = User.objects.create_user("campaigner", "campaigner@example.org", "bench")
        user.groups.add(Group.objects.get(name="Campaigners"))
        client = Client()
        client.force_login(user)
        url = reverse("campaigns_staff_dashboard", args=[campaign.pk])
        expected = f"{confirmed:,}".encode()
        log(f"{engine}; {WARMUP} warm-up and {REQUESTS} timed requests of {url}; load average {load():.1f}")
        timings = []
        for number in range(WARMUP + REQUESTS):
            began = time.perf_counter()
            # secure: the session cookie is only sent over HTTPS in production settings.
            response = client.get(url, secure=True)
            elapsed = (time.perf_counter() - began) * 1000
            if response.status_code != 200:
                raise SystemExit(f"the dashboard answered {response.status_code} {response.get('Location', '')}")
            if number == 0:
                page = response.content
                if expected not in page and str(confirmed).encode() not in page:
                    raise SystemExit(f"the dashboard does not show the {confirmed} confirmed signatures")
            if number >= WARMUP:
                timings.append(elapsed)
        timings.sort()
        median = statistics.median(timings)
        p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
        log(f"fastest {timings[0]:.0f} ms, slowest {timings[-1]:.0f} ms; load average {load():.1f}")
        print(f"dashboard: {median:.0f} ms median, {p95:.0f} ms p95 for {SIGNATURES} signatures", flush=True)
    finally:
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001,S110 - Django may not be set up yet
            pass
        drop_database(database_url)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
