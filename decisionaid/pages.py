"""What every view answers with: a page (the `main` partial for htmx), a question's address, and
where a question leads (on, back, or to the row being changed on check your answers)."""

import logging

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django_htmx.http import HttpResponseLocation

from decisionaid import catalogue, journey
from decisionaid.checking import row_anchor

logger = logging.getLogger(__name__)


def render_page(request, template, context=None, status=200):
    """The full page, or only its `main` partial for an htmx request (not a history restore)."""
    if request.htmx and not request.htmx.history_restore_request:
        template = f"{template}#main"
    return render(request, template, context or {}, status=status)


def question_url(question, changing=""):
    """A question's address. `changing`: the question whose row on check your answers to come
    back to (or True: this question's), carried through the follow-up questions a change asks."""
    url = reverse("question", args=[question.id])
    if not changing:
        return url
    row = "" if changing is True or changing == question.id else f"&row={changing}"
    return f"{url}?change=1{row}"


def row_being_changed(request, question) -> str:
    """On a question reached by "Change" (?change=1): the question whose row on check your
    answers to come back to (`row`, a question of ours, else this one); otherwise ""."""
    if request.GET.get("change") != "1":
        return ""
    row = request.GET.get("row", "")
    return row if catalogue.load().question(row) is not None else question.id


def check_answers_at(question_id: str) -> str:
    """Check your answers, at the row of this question."""
    return f"{reverse('check_answers')}#{row_anchor(question_id)}"


def go_to(request, url):
    """A redirect. For htmx, an address with an #anchor goes as HX-Location: a redirect followed
    by the browser's own request keeps the anchor, but one followed by htmx's loses it. The swap
    leaves the scrolling to the anchor (no "show:window:top")."""
    if request.htmx and "#" in url:
        return HttpResponseLocation(url, target="#main", swap="innerHTML")
    return redirect(url)


def where_next(answers, question, changing):
    """After an answer: the next question, or back to the changed row when changing."""
    if changing:
        unanswered = journey.first_unanswered(answers)
        return question_url(unanswered, changing) if unanswered else check_answers_at(changing)
    following = journey.next_question(answers, question)
    if following:
        return question_url(following)
    unanswered = journey.first_unanswered(answers)
    return question_url(unanswered) if unanswered else reverse("check_answers")


def back_from(answers, question, changing) -> str:
    """A question's Back link: to the row being changed, else the question before, else the start."""
    previous = journey.previous_question(answers, question)
    return check_answers_at(changing) if changing else question_url(previous) if previous else reverse("start")


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
