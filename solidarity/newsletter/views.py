from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from .models import Issue
from .rendering import issue_context


def archive(request):
    issues = Issue.objects.archived(get_language()[:2])
    return render(request, "newsletter/archive.html", {"issues": issues})


def issue(request, volume, number):
    issue = get_object_or_404(Issue.objects.archived(get_language()[:2]), volume=volume, number=number)
    return render(request, "newsletter/issue.html", issue_context(issue, web=True))
