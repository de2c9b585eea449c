from wagtail import hooks

from solidarity.publishing.models import ArticlePage

from .services.links import DOWNLOAD_QUERY


@hooks.register("before_serve_page")
def serve_article_download(page, request, serve_args, serve_kwargs):
    # "?download": the article as one self-contained file, to pass on by messenger or USB.
    if DOWNLOAD_QUERY in request.GET and isinstance(page.specific, ArticlePage):
        from .services.offline import offline_response

        return offline_response(page.specific, request)
    return None
