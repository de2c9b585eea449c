from django.http import Http404


def csv_exchange(request):
    raise Http404


def csv_export(request, kind):
    raise Http404


def letter_from_template(request):
    raise Http404
