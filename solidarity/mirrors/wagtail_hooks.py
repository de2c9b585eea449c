from wagtail import hooks

from solidarity.publishing.models import ArticlePage

from .services.links import DOWNLOAD_QUERY


# "?download": the article as one self-contained file, to pass on by messenger or USB stick.
# An on_serve_page wrapper ordered after Wagtail's own (order 0), so the page's view
# restrictions (login, password, groups) are checked before anything is served; a
# before_serve_page hook would run before that check.
@hooks.register("on_serve_page", order=100)
def serve_article_download(serve):
    def inner(page, request, serve_args, serve_kwargs):
        response = serve(page, request, serve_args, serve_kwargs)
        if DOWNLOAD_QUERY in request.GET and isinstance(page.specific, ArticlePage):
            from .services.offline import offline_response

            return offline_response(page.specific, request, response)
        return response

    return inner
