"""A publish queues the re-bake, and the real background worker (`manage.py db_worker`) bakes
the mirror folder: only what changed, with a signed manifest."""

import json

from solidarity.mirrors.services.signing import verify_mirror


def test_the_worker_bakes_the_article_just_published_into_the_mirror(committed_db, site_tree, settings, db_worker,
                                                                    signing_key, tmp_path):
    from solidarity.publishing import factories

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MIRROR_BAKE_DIR = str(tmp_path / "mirror")
    settings.SITE_URL = "http://localhost"
    factories.make_article(site_tree["news"], title="Teachers on strike", slug="teachers-on-strike")
    assert not (tmp_path / "mirror").exists()

    worker = db_worker(MIRROR_BAKE_DIR=settings.MIRROR_BAKE_DIR,
                       MIRROR_SIGNING_KEY_FILE=settings.MIRROR_SIGNING_KEY_FILE, ALLOWED_HOSTS="localhost")

    assert worker.returncode == 0, worker.stderr
    assert (tmp_path / "mirror/en/news/teachers-on-strike/index.html").is_file(), worker.stderr
    manifest = json.loads((tmp_path / "mirror/manifest.json").read_text())
    assert "en/news/teachers-on-strike/offline.html" in manifest["files"]
    assert verify_mirror(tmp_path / "mirror", public=signing_key).ok
