"""What every view answers with: a page (the `main` partial for htmx) and a question's address."""

import logging

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

logger = logging.getLogger(__name__)


def render_page(request, template, context=None, status=200):
    """The full page, or only its `main` partial for an htmx request (not a history restore)."""
    if request.htmx and not request.htmx.history_restore_request:
        template = f"{template}#main"
    return render(request, template, context or {}, status=status)


def question_url(question, changing=False):
    url = reverse("question", args=[question.id])
    return f"{url}?change=1" if changing else url


def pdf_response(request, make_pdf, filename, what="handout", page_url="", attachment=False, let_through=()):
    """The PDF that make_pdf() makes, or a plain page saying it could not be made (never a
    stack trace); page_url is the printable page to print instead (default: the handout).
    `attachment`: the browser saves it as a file rather than showing it. Exceptions in
    `let_through` are the caller's to answer."""
    try:
        pdf = make_pdf()
    except let_through:
        raise
    except Exception:  # any failure in the PDF library: a clear page, never a stack trace
        logger.exception("The %s PDF could not be made", what)  # the exception only: no answers
        failed = {"page_title": "We could not make the PDF", "page_url": page_url}
        return render(request, "handout_pdf_failed.html", failed, status=503)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'{"attachment" if attachment else "inline"}; filename="{filename}"'
    return response
