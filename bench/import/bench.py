"""Benchmark of the legacy archive import; see ./run."""

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

NAV = ("<table class='menu'><tr><td><a href='/old/index.htm'>Home</a></td><td><a href='/old/about.htm'>About Us</a>"
       "</td><td><a href='/old/objectives.htm'>Our objectives</a></td><td><a href='/old/contact.htm'>Contact Us</a>"
       "</td></tr></table><p>International Alliance in Support of Workers in Iran (IASWI)</p>")
FOOT = "<p>[email&#160;protected]</p><p>© 2003-2013 IASWI</p>"
UNIONS = [("Canadian Union of Public Employees", "CUPE"), ("Ontario Public Service Employees Union", "OPSEU"),
          ("Canadian Union of Postal Workers", "CUPW"), ("International Transport Workers' Federation", "ITF"),
          ("International Trade Union Confederation", "ITUC"), ("All Pakistan Trade Union Federation", "APTUF"),
          ("General Confederation of Labour", "CGT"), ("Hospital Employees' Union", "HEU")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
FA_MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]
SENTENCES = [
    "Security forces arrested workers' representatives after a peaceful gathering in front of the factory.",
    "The workers have not been paid for four months and their families face hunger.",
    "Unions abroad sent messages of solidarity and protested to the Iranian embassy.",
    "The alliance calls for the immediate and unconditional release of all jailed labour activists.",
    "Independent unions remain banned and strikes are broken up by force.",
    "Delegates voted unanimously to support the campaign for the release of the bus drivers.",
]
FA_SENTENCES = ["کارگران برای دریافت دستمزدهای معوقه دست به اعتصاب زدند.",
                "ما خواهان آزادی فوری و بی‌قید و شرط همه کارگران زندانی هستیم.",
                "اتحادیه‌های کارگری در کشورهای دیگر پیام همبستگی فرستادند."]


def _paragraph(rng, sentences, n=3):
    return " ".join(rng.choice(sentences) for _ in range(n))


def _wrap(text, width=72):
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join(lines + [line])


def document(n, rng):
    """(relative path, bytes) of the n-th generated old document."""
    year, month, day = rng.randint(2003, 2013), rng.randint(1, 12), rng.randint(1, 26)
    date = f"{MONTHS[month - 1]} {day}, {year}"
    name, acronym = rng.choice(UNIONS)
    kind = n % 10
    if kind < 4:  # news page with the site's menu
        title = f"Workers arrested in Tehran, report {n}"
        body = "".join(f"<p>{_paragraph(rng, SENTENCES)}</p>" for _ in range(3))
        html = (f"<html><head><title>IASWI - {title}</title></head><body>{NAV}<h2>{title}</h2><p>{date}</p>"
                f"<p>The {name} ({acronym}) protested.</p>{body}{FOOT}</body></html>")
        return f"News/{year}/news-{n}.htm", html.encode()
    if kind < 6:  # statement, text extraction, hard-wrapped
        text = f"Statement on the arrest of workers, no. {n}\n\n{date}\n\n" + "\n\n".join(
            _wrap("We strongly condemn the arrests. " + _paragraph(rng, SENTENCES)) for _ in range(3))
        return f"text/statement-{n}.txt", text.encode()
    if kind == 6:  # resolution page
        html = (f"<html><head><title>IASWI - {acronym} adopted a resolution in solidarity with workers in Iran "
                f"{n}</title></head><body>{NAV}<p>Delegates at the {year - 1960}th Annual {acronym} Convention, "
                f"{MONTHS[month - 1]} {day}-{day + 2}, {year} adopted resolution {n}.</p><p>Resolution No. {n}</p>"
                f"<p>Submitted by Local {n % 900 + 100}</p><p>{acronym} will:</p><ul><li>{rng.choice(SENTENCES)}</li>"
                f"<li>{rng.choice(SENTENCES)}</li></ul><p>&#160;</p><p>&#160;</p><p>&#160;</p>"
                f"<ul><li>{rng.choice(SENTENCES)}</li></ul>{FOOT}</body></html>")
        return f"Resolutions/resolution-{n}.htm", html.encode()
    if kind == 7:  # letter, PDF-like double spacing
        lines = _wrap(f"The International Alliance in Support of Workers in Iran (IASWI) sends its greetings to the "
                      f"{name} ({acronym}). " + _paragraph(rng, SENTENCES)).split("\n")
        text = (f"RE: Solidarity message to the {name}\n\n \n\nDear Comrades;\n\n \n\n" + "\n\n".join(lines) +
                f"\n\n \n\nIn solidarity,\n\n \n\nInternational Alliance in Support of Workers in Iran (IASWI)\n{date}\n")
        return f"letters/letter-{n}.txt", text.encode()
    fa_date = f"{rng.randint(1, 28)} {rng.choice(FA_MONTHS)} {rng.randint(1382, 1392)}"
    html = (f"<html dir='rtl'><head><title>خبر شماره {n}</title></head><body><p>درباره ما</p><p>تماس با ما</p>"
            f"<h2>خبر شماره {n}</h2><p>{fa_date}</p><p>{_paragraph(rng, FA_SENTENCES)}</p></body></html>")
    return f"fa/news-{n}.htm", html.encode()


def configure(workdir):
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "solidarity.settings", "DEBUG": "false", "SECRET_KEY": "bench-only-not-secret",
        "HTTPS": "false", "ALLOWED_HOSTS": "testserver,localhost", "PAGE_CACHE_SECONDS": "0",
        "VAR_DIR": str(workdir), "MEDIA_ROOT": str(workdir / "media"),
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "STATIC_ROOT": str(workdir / "static"), "LOG_LEVEL": "ERROR",
    })
    (workdir / "static").mkdir(exist_ok=True)
    sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        workdir = Path(tmp)
        configure(workdir)
        subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, check=True)
        import django

        django.setup()
        from solidarity.archive import services, tasks
        from solidarity.archive.models import ImportedFile
        from solidarity.network import legacy
        from solidarity.publishing import factories

        home = factories.make_site()
        news = factories.make_article_index(home)
        factories.translate(news, "fa", title="اخبار")
        legacy.alliance()
        rng = random.Random(2008)
        archive = workdir / "archive"
        for n in range(args.documents):
            path, content = document(n, rng)
            target = archive / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        print(f"generated {args.documents} documents in {archive}")
        started, cpu_started = time.perf_counter(), time.process_time()
        run = services.import_files([str(archive)], base_url="http://www.iaswi.org/old/")
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        files = ImportedFile.objects.filter(run=run)
        failed = files.filter(status=ImportedFile.Status.FAILED).count()
        by_kind = dict(files.values_list("kind").annotate(n=django.db.models.Count("pk")))
        print(f"imported {files.count()} files in {elapsed:.1f} s, {cpu:.1f} s of CPU ({failed} failed); "
              f"kinds: {by_kind}")
        verify(run, args.documents)
        indexed = time.perf_counter()
        # What the worker does once the run is committed (the benchmark has no worker running).
        count = tasks.index_imported_run.call(run.pk)
        print(f"search and reference index of the {count} draft articles (the worker's task after the import): "
              f"{time.perf_counter() - indexed:.1f} s")
        again = time.perf_counter()
        second = services.import_files([str(archive)], base_url="http://www.iaswi.org/old/")
        print(f"second import of the same archive: {second.files.count()} new, {len(second.skipped)} skipped "
              f"in {time.perf_counter() - again:.1f} s")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"import: {files.count() / elapsed:.0f} docs/s, peak memory {peak:.0f} MB")


def verify(run, documents):
    """What the import wrote, checked: a fast import that wrote the wrong thing would be no use."""
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.models import Page

    from solidarity.archive.models import ImportedFile
    from solidarity.network.models import Correspondence, Resolution
    from solidarity.publishing.models import ArticleIndexPage, ArticlePage

    files = ImportedFile.objects.filter(run=run, status=ImportedFile.Status.IMPORTED)
    articles = ArticlePage.objects.filter(pk__in=files.exclude(article=None).values("article"))
    problems = []
    if files.count() != documents:
        problems.append(f"{files.count()} of {documents} files imported")
    if articles.filter(live=True).exists() or articles.filter(latest_revision=None).exists():
        problems.append("an article is live or has no revision")
    if articles.count() != files.exclude(article=None).count():
        problems.append("an imported file points to no article")
    sections = ArticleIndexPage.objects.values_list("path", flat=True)
    if articles.exclude(path__regex=r"^(" + "|".join(sections) + r")[0-9A-Z]{4}$").exists():
        problems.append("an article outside the news sections")
    tree = Page.find_problems()
    if any(tree):
        problems.append(f"page tree problems (bad alphabet, bad path, orphans, wrong depth, wrong numchild): {tree}")
    if Redirect.objects.filter(is_permanent=True).count() != files.exclude(redirect=None).count():
        problems.append("a record without its redirect")
    if Resolution.objects.public().exists() or Correspondence.objects.public().exists():
        problems.append("a resolution or letter that is not a draft")
    sample = files.exclude(article=None).order_by("?").first()
    if sample and sample.title[:40] not in sample.article.get_latest_revision_as_object().title:
        problems.append(f"{sample.name}: its article's revision does not hold its title")
    if problems:
        raise SystemExit("import: verification failed: " + "; ".join(problems))
    print(f"verified: {files.count()} files, {articles.count()} draft articles with a revision each, "
          f"{files.exclude(resolution=None).count()} draft resolutions, {files.exclude(letter=None).count()} draft "
          f"letters, page tree consistent, one redirect per record")


if __name__ == "__main__":
    main()
