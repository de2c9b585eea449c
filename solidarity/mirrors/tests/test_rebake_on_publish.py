"""Publishing or unpublishing bakes the mirror folder again, from the worker's task."""

import pytest

from solidarity.mirrors.services.rebake import request_rebake


@pytest.fixture
def bake_dir(settings, tmp_path, signing_key):
    settings.SITE_URL = "http://localhost"
    settings.MIRROR_BAKE_DIR = str(tmp_path / "mirror")
    return tmp_path / "mirror"


def test_publishing_an_article_bakes_it_into_the_mirror(site_tree, bake_dir, django_capture_on_commit_callbacks):
    from solidarity.publishing import factories

    with django_capture_on_commit_callbacks(execute=True):
        article = factories.make_article(site_tree["news"], title="Teachers on strike", slug="teachers-on-strike")
    assert (bake_dir / "en/news/teachers-on-strike/index.html").is_file()

    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert not (bake_dir / "en/news/teachers-on-strike/index.html").exists()
    assert (bake_dir / "en/news/index.html").is_file()


def test_many_changes_before_the_worker_starts_queue_one_bake(site_tree, bake_dir, settings,
                                                            django_capture_on_commit_callbacks):
    # A queue that keeps tasks instead of running them, as when the worker is busy.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            request_rebake()
    from django_tasks import default_task_backend

    assert len(default_task_backend.results) == 1


def test_nothing_is_queued_when_no_folder_is_configured(site_tree, settings, django_capture_on_commit_callbacks):
    settings.MIRROR_BAKE_DIR = ""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        request_rebake()
    assert callbacks == []
