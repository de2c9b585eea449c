"""Work done once for a whole import run, after it is committed."""

from django_tasks import task


@task()
def index_imported_run(run_id):
    """Search and reference indexes of the run's draft articles, which were written without signals.

    Staff find the drafts through the admin's search; the reference index lets Wagtail warn
    before an article is deleted while something still points to it.
    """
    from modelsearch.backends import get_search_backends
    from wagtail.models import ReferenceIndex

    from solidarity.publishing.models import ArticlePage

    from .models import ImportedFile

    ids = list(ImportedFile.objects.filter(run_id=run_id, article__isnull=False).values_list("article_id", flat=True))
    for start in range(0, len(ids), 500):
        pages = list(ArticlePage.objects.filter(pk__in=ids[start:start + 500]))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(ArticlePage, pages)
        for page in pages:
            ReferenceIndex.create_or_update_for_object(page)
    return len(ids)
