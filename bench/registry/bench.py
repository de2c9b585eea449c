"""Benchmark of the network's public pages; see ./run."""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def configure(workdir):
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "solidarity.settings",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-not-secret",
        "HTTPS": "false",
        "ALLOWED_HOSTS": "testserver,localhost",
        "PAGE_CACHE_SECONDS": "0",
        "VAR_DIR": str(workdir),
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "STATIC_ROOT": str(workdir / "static"),
        "LOG_LEVEL": "ERROR",
    })
    (workdir / "static").mkdir(exist_ok=True)
    sys.path.insert(0, str(ROOT))


def generate(organisations, resolutions, events, seed=1999):
    from django.db import transaction

    from solidarity.core.countries import COORDINATES
    from solidarity.network.models import Clause, Event, Organisation, Resolution
    from solidarity.publishing import factories

    rng = random.Random(seed)
    factories.make_site()
    codes = sorted(COORDINATES)
    kinds = Organisation.Kind.values
    with transaction.atomic():
        orgs = Organisation.objects.bulk_create(
            Organisation(name_en=f"Union {n}", name_fa=f"اتحادیه {n}", acronym_en=f"U{n}", kind=rng.choice(kinds),
                         country=rng.choice(codes), city_en="City", relationship="ally",
                         notes="staff only")
            for n in range(organisations)
        )
        # A third are branches of an earlier organisation: chains a few levels deep.
        children = []
        for org in orgs[100:]:
            if rng.random() < 0.33:
                org.parent_id = orgs[rng.randrange(0, orgs.index(org) if False else 100)].pk
                children.append(org)
        Organisation.objects.bulk_update(children, ["parent"], batch_size=1000)
        day0 = 730000
        import datetime

        evs = Event.objects.bulk_create(
            Event(title_en=f"Convention {n}", kind=rng.choice(Event.Kind.values),
                  start_date=datetime.date.fromordinal(day0 + rng.randrange(0, 9000)), country=rng.choice(codes),
                  invited=rng.random() < 0.5)
            for n in range(events)
        )
        for event in evs:
            event.end_date = event.start_date + datetime.timedelta(days=rng.randrange(0, 4))
        Event.objects.bulk_update(evs, ["end_date"], batch_size=1000)
        Event.organisers.through.objects.bulk_create(
            Event.organisers.through(event_id=e.pk, organisation_id=rng.choice(orgs).pk) for e in evs
        )
        statuses = ["adopted"] * 8 + ["referred", "pending"]
        res = []
        for n in range(resolutions):
            event = rng.choice(evs) if rng.random() < 0.6 else None
            date = event.start_date if event else datetime.date.fromordinal(day0 + rng.randrange(0, 9000))
            res.append(Resolution(adopting_organisation=rng.choice(orgs), event=event, number=str(n % 90 + 1),
                                  title_en=f"Solidarity with workers in Iran {n}", title_fa=f"همبستگی {n}",
                                  date=date, year=date.year, status=rng.choice(statuses)))
        res = Resolution.objects.bulk_create(res, batch_size=1000)
        Resolution.submitted_by.through.objects.bulk_create(
            (Resolution.submitted_by.through(resolution_id=r.pk, organisation_id=rng.choice(orgs).pk) for r in res),
            batch_size=1000,
        )
        Clause.objects.bulk_create(
            (Clause(resolution_id=r.pk, kind="commitment" if i < 3 else "consideration",
                    text_en=f"Clause {i} of resolution {r.pk}: support independent workers' organisations.",
                    sort_order=i)
             for r in res for i in range(rng.randrange(3, 8))),
            batch_size=2000,
        )
    busy = (Resolution.objects.values_list("adopting_organisation", flat=True).order_by("?")[:200])
    return list(busy), codes


def measure(client, urls, rounds):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Queries: counted on a separate pass so the timing pass carries no capture overhead.
    queries = []
    for url in urls[:20]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        queries.append(len(captured))
    timings, cpu = [], []
    for i in range(rounds):
        url = urls[i % len(urls)]
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200
    return percentiles(timings), percentiles(cpu), min(queries), max(queries)


def percentiles(values):
    values = sorted(values)
    return statistics.median(values), values[min(len(values) - 1, int(len(values) * 0.99))]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--resolutions", type=int, default=5_000)
    parser.add_argument("--events", type=int, default=2_000)
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--keep", metavar="DIR", help="keep the database in DIR and reuse it on the next run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-registry-") as tmp:
        workdir = Path(args.keep or tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        reuse = (workdir / "bench.sqlite3").exists()
        configure(workdir)
        started = time.perf_counter()
        if not reuse:
            subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, check=True)
        import django

        django.setup()
        if reuse:
            from solidarity.core.countries import COORDINATES
            from solidarity.network.models import Resolution

            busy = list(Resolution.objects.values_list("adopting_organisation", flat=True).order_by("?")[:200])
            codes = sorted(COORDINATES)
        else:
            busy, codes = generate(args.organisations, args.resolutions, args.events)
        from django.test import Client

        from solidarity.network.models import Organisation, Resolution

        print(f"data: {Organisation.objects.count()} organisations, {Resolution.objects.count()} resolutions "
              f"({Resolution.objects.adopted().count()} adopted), set up in {time.perf_counter() - started:.0f} s")
        client = Client()
        kinds = Organisation.Kind.values
        pages = {
            "registry, unfiltered": ["/en/network/resolutions/", "/fa/network/resolutions/",
                                     "/en/network/resolutions/?page=7"],
            "registry, filtered": [f"/en/network/resolutions/?country={codes[i % len(codes)]}&year={1999 + i % 25}"
                                   f"&kind={kinds[i % len(kinds)]}" for i in range(40)]
            + [f"/fa/network/resolutions/?country={c}" for c in codes[:20]],
            "organisation page": [f"/en/network/organisations/{pk}/" for pk in busy],
            "map": ["/en/network/resolutions/map.svg", "/en/network/resolutions/map.svg?year=2012"],
        }
        for urls in pages.values():  # warm up: templates compiled, caches filled
            for url in urls[:5]:
                client.get(url)
        worst_p99, worst_queries = 0.0, 0
        for name, urls in pages.items():
            (p50, p99), (cpu50, cpu99), q_min, q_max = measure(client, urls, args.rounds)
            worst_p99, worst_queries = max(worst_p99, p99), max(worst_queries, q_max)
            spread = f"{q_min}" if q_min == q_max else f"{q_min}-{q_max}"
            # CPU time of this process beside wall time: on a busy machine the two differ a lot.
            print(f"{name:22} p50 {p50:6.1f} ms   p99 {p99:6.1f} ms   (cpu p50 {cpu50:5.1f} p99 {cpu99:5.1f} ms)"
                  f"   queries {spread}")
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"registry: p99 {worst_p99:.0f} ms, max {worst_queries} queries per page")


if __name__ == "__main__":
    main()
