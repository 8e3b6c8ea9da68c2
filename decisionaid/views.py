"""Thin views: translate HTTP to the journey's pure functions and back.

htmx requests get the page's `main` partial; every other request gets the full page,
from the same template.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from decisionaid import catalogue, journey
from decisionaid.answers import Answers
from decisionaid.forms import QuestionForm, fieldsets, initial_for
from decisionaid.presenters import answer_rows

ANSWER_EARLIER_FIRST = "Please answer this question first. Your other answers are saved."


def render_page(request, template, context=None, status=200):
    if request.htmx and not request.htmx.history_restore_request:
        template = f"{template}#main"
    return render(request, template, context or {}, status=status)


def question_url(question, changing=False):
    url = reverse("question", args=[question.id])
    return f"{url}?change=1" if changing else url


@require_GET
def start(request):
    answers = Answers(request.session).data
    resume = journey.first_unanswered(answers)
    return render_page(
        request,
        "start.html",
        {
            "has_answers": bool(answers),
            "page_title": "Getting ready to talk about your child's next step",
            "first_question": catalogue.load().questions[0],
            "resume_url": question_url(resume) if resume else reverse("check_answers"),
        },
    )


@require_http_methods(["GET", "POST"])
def question(request, question_id):
    question = catalogue.load().question(question_id)
    if question is None:
        raise Http404("No such question")
    answers = Answers(request.session).data
    changing = request.GET.get("change") == "1"

    earlier = journey.unanswered_before(answers, question)
    if earlier:
        messages.info(request, ANSWER_EARLIER_FIRST)
        return redirect(question_url(earlier, changing))
    if not journey.is_asked(answers, question):
        # Earlier answers mean this question does not apply (or no longer does).
        return redirect(where_next(answers, question, changing))

    if request.method == "POST":
        form = QuestionForm(question, data=request.POST)
        if form.is_valid():
            answers = journey.relevant_answers({**answers, question.id: form.answer()})
            Answers(request.session).replace(answers)
            return redirect(where_next(answers, question, changing))
    else:
        form = QuestionForm(question, initial=initial_for(question, answers.get(question.id)))

    previous = journey.previous_question(answers, question)
    back_url = (
        reverse("check_answers") if changing
        else question_url(previous) if previous
        else reverse("start")
    )
    groups = fieldsets(form)
    errors = [g for g in groups if g["error"]]
    response = render_page(
        request,
        "question.html",
        {
            "page_title": f"Error: {question.text}" if errors else question.text,
            "question": question,
            "groups": groups,
            "errors": errors,
            "max_length": f"{settings.FREE_TEXT_MAX_LENGTH:,}",
            "progress": journey.progress(answers, question),
            "back_url": back_url,
            "changing": changing,
        },
    )
    if errors and request.htmx:
        response["HX-Push-Url"] = "false"  # same page again: no new history entry
    return response


def where_next(answers, question, changing):
    """After an answer: the next question, or back to check your answers when changing."""
    if changing:
        unanswered = journey.first_unanswered(answers)
        return question_url(unanswered, changing=True) if unanswered else reverse("check_answers")
    following = journey.next_question(answers, question)
    if following:
        return question_url(following)
    unanswered = journey.first_unanswered(answers)
    return question_url(unanswered) if unanswered else reverse("check_answers")


@require_GET
def check_answers(request):
    answers = Answers(request.session).data
    unanswered = journey.first_unanswered(answers)
    if unanswered:
        if answers:
            messages.info(request, ANSWER_EARLIER_FIRST)
        return redirect(question_url(unanswered))
    return render_page(
        request,
        "check_answers.html",
        {"page_title": "Check your answers", "parts": answer_rows(answers)},
    )


@require_GET
def summary(request):
    answers = Answers(request.session).data
    unanswered = journey.first_unanswered(answers)
    if unanswered:
        messages.info(request, ANSWER_EARLIER_FIRST)
        return redirect(question_url(unanswered))
    return render_page(request, "summary.html", {"page_title": "Your summary"})


@require_POST
def start_over(request):
    Answers(request.session).clear()
    messages.success(request, "Everything you entered has been erased from this device and our server.")
    return redirect("start")


def csrf_failure(request, reason=""):
    """A form sent from a page left open too long: say so kindly; the answers are untouched."""
    return render(request, "csrf_failure.html", {"retry_url": request.path}, status=403)
