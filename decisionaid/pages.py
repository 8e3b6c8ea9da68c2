"""What every view answers with: a page (the `main` partial for htmx) and a question's address."""

from django.shortcuts import render
from django.urls import reverse


def render_page(request, template, context=None, status=200):
    """The full page, or only its `main` partial for an htmx request (not a history restore)."""
    if request.htmx and not request.htmx.history_restore_request:
        template = f"{template}#main"
    return render(request, template, context or {}, status=status)


def question_url(question, changing=False):
    url = reverse("question", args=[question.id])
    return f"{url}?change=1" if changing else url
