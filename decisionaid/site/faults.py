"""What a family sees when something fails on our side: a plain page, never a stack trace.

When the database is in trouble (locked, gone, read-only) as a family sends what they chose
or typed, they get the page they were on again, status 503, "Sorry, please try again" at the
top and what they sent still in its boxes, so trying again is one press of the same button.
"""

import logging
import sys

from django.db import DatabaseError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve

from decisionaid.family import questions_views, views
from decisionaid.family.answers import Answers
from decisionaid.family.forms import QuestionForm
from decisionaid.library import catalogue
from decisionaid.site.pages import TRY_AGAIN

logger = logging.getLogger(__name__)
NOT_SAVED = (
    "The service cannot reach the place where answers are kept just now, so this is not saved yet. "
    "What you chose or wrote is still here: wait a moment, then send it again."
)


def server_error(request):
    database_trouble = isinstance(sys.exc_info()[1], DatabaseError)
    if database_trouble and request.method == "POST" and (again := same_page_again(request)):
        return again
    html = render_to_string("500.html", {"database_trouble": database_trouble})
    return HttpResponse(html, status=503 if database_trouble else 500)


def same_page_again(request):
    """The question, the summary's questions or a weigh-up step, as posted, or None for any
    other page (or when the answers themselves cannot be read just now)."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    page = PAGES_AGAIN.get(match.url_name)
    if page is None:
        return None
    try:
        return page(request, Answers(request.session), match)
    except Exception:  # the database is in trouble; the plain page says so
        logger.warning("Could not show the page again after database trouble", exc_info=True)
        return None


def question_again(request, store, match):
    question = catalogue.load().question(match.kwargs["question_id"])
    if question is None:
        return None
    form = QuestionForm(question, data=request.POST)
    form.is_valid()  # any error in what was sent shows as well
    changing = request.GET.get("change") == "1"
    return views.question_page(request, question, form, store, changing, problem=NOT_SAVED, status=503)


def own_question_again(request, store, match):
    chosen, own, draft = questions_views.questions_posted(request, store)
    questions = {"chosen": chosen, "own": own}
    problem = f"{TRY_AGAIN}. {NOT_SAVED}"
    return questions_views.own_question_page(request, store, questions, draft, problem, status=503)


def weigh_up_step_again(request, store, match):
    """The weigh-up step as it was sent; the step itself does not try to save it again."""
    return match.func(request, problem=NOT_SAVED)


PAGES_AGAIN = {
    "question": question_again,
    "questions_to_bring": own_question_again,
    **dict.fromkeys(("weigh_up", "weigh_up_reasons", "weigh_up_leaning"), weigh_up_step_again),
}
