from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


registry = registry_map = resolution = organisation = event = letters = letter = letter_print = letter_pdf = _todo


def ResolutionFeed():  # noqa: N802
    return _todo
