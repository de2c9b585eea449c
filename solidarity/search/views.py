from django.shortcuts import render


def search(request):
    return render(request, "search/results.html", {"query": request.GET.get("q", "")})
