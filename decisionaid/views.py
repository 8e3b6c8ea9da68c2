"""Thin views: translate HTTP to the journey's pure functions and back.

htmx requests get the page's `main` partial; every other request gets the full page,
from the same template.
"""

import logging
import sys

from django.conf import settings
from django.contrib import messages
from django.db import DatabaseError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from decisionaid import catalogue, handout, journey, library, readability, tailoring
from decisionaid.answers import Answers
from decisionaid.forms import QuestionForm, fieldsets, initial_for
from decisionaid.presenters import answer_rows, option_terms

logger = logging.getLogger(__name__)
ANSWER_EARLIER_FIRST = "Please answer this question first. Your other answers are saved."
OWN_QUESTION_MAX_LENGTH = 300
OWN_QUESTIONS_MAX = 30


def render_page(request, template, context=None, status=200):
    if request.htmx and not request.htmx.history_restore_request:
        template = f"{template}#main"
    return render(request, template, context or {}, status=status)


def question_url(question, changing=False):
    url = reverse("question", args=[question.id])
    return f"{url}?change=1" if changing else url


@require_http_methods(["GET", "POST"])
def start(request):
    store = Answers(request.session)
    if request.method == "POST":  # "Start now", perhaps on a shared device
        if request.POST.get("shared_device") == "yes":
            store.mark_shared_device()
        return redirect(question_url(catalogue.load().questions[0]))
    answers = store.data
    resume = journey.first_unanswered(answers)
    return render_page(
        request,
        "start.html",
        {
            "page_title": "Getting ready to talk about your child's next step",
            "has_answers": bool(answers),
            "resume_url": question_url(resume) if resume else reverse("check_answers"),
            "clinic_shared_device": settings.SHARED_DEVICE,
            "shared_minutes": settings.SHARED_DEVICE_WARNING_SECONDS // 60,
        },
    )


@require_POST
def still_here(request):
    """'I'm still here' on a shared device: the middleware has already noted the activity."""
    next_url = request.POST.get("next", "")
    # Only a path on this site: never another site, never a name redirect() would look up.
    is_local_path = next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    )
    return HttpResponseRedirect(next_url if is_local_path else reverse("start"))


@require_GET
def privacy(request):
    return render_page(
        request,
        "privacy.html",
        {
            "page_title": "Your privacy",
            "session_days": settings.SESSION_COOKIE_AGE // 86400,
            "shared_minutes": settings.SHARED_DEVICE_WARNING_SECONDS // 60,
        },
    )


def server_error(request):
    """A plain page, never a stack trace; database trouble asks the family to try again."""
    database_trouble = isinstance(sys.exc_info()[1], DatabaseError)
    html = render_to_string("500.html", {"database_trouble": database_trouble})
    return HttpResponse(html, status=503 if database_trouble else 500)


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


def unfinished_journey(request, answers):
    """A redirect to the first unanswered question, or None when the journey is complete."""
    unanswered = journey.first_unanswered(answers)
    if unanswered is None:
        return None
    messages.info(request, ANSWER_EARLIER_FIRST)
    return redirect(question_url(unanswered))


@require_GET
def summary(request):
    store = Answers(request.session)
    answers = store.data
    if redirect_to := unfinished_journey(request, answers):
        return redirect_to
    result = tailoring.summarise(answers)
    glossary = library.load().glossary
    saved = store.questions_to_bring
    return render_page(
        request,
        "summary.html",
        {
            "page_title": "Your summary",
            "summary": result,
            # What the cached parts of the page depend on (see summary.html).
            "content_key": " ".join(
                [*(n.id for n in result.notes), "|", *(o.id for o in result.leading), "|",
                 str(result.hospice_in_full)]
            ),
            "questions_key": " ".join(
                [*(q.id for q in result.suggested_questions), "|", *sorted(saved["chosen"])]
            ),
            "situation": answer_rows(answers),
            # Only needed when the options part of the page is not yet cached (see summary.html).
            "option_cards": lambda: [
                {"option": o, "terms": option_terms(o, glossary), "leading": o in result.leading}
                for o in result.options_shown
            ],
            "chosen": set(saved["chosen"]),
            "own_questions": saved["own"],
            "own_question_max": OWN_QUESTION_MAX_LENGTH,
            "hospice_terms": option_terms(result.hospice, glossary),
            "shared_what_it_is": library.load().shared_decisions["what_it_is"],
            "reviewed": min(catalogue.load().reviewed, library.load().reviewed),
            "palliative_terms": option_terms(result.palliative, glossary),
        },
    )


@require_POST
def questions_to_bring(request):
    """Tick, untick, add or remove questions to bring; kept with the answers."""
    store = Answers(request.session)
    answers = store.data
    if redirect_to := unfinished_journey(request, answers):
        return redirect_to
    offered = {q.id for q in tailoring.summarise(answers).suggested_questions}
    chosen = [i for i in dict.fromkeys(request.POST.getlist("chosen")) if i in offered]
    own = store.questions_to_bring["own"]
    remove = request.POST.get("remove", "")
    if remove.isdigit() and int(remove) < len(own):
        own.pop(int(remove))
    new_question = request.POST.get("own_question", "").strip()
    if len(new_question) > OWN_QUESTION_MAX_LENGTH:
        messages.error(
            request,
            f"Your question must be {OWN_QUESTION_MAX_LENGTH} characters or fewer. "
            f"It was {len(new_question)}. Please shorten it and add it again.",
        )
    elif new_question and new_question not in own and len(own) < OWN_QUESTIONS_MAX:
        own.append(new_question)
    store.replace_questions_to_bring(chosen, own)
    return redirect(reverse("summary") + "#questions-to-bring")


def handout_or_why_not(request):
    """The handout's context, or a page that explains what is still to answer."""
    store = Answers(request.session)
    answers = store.data
    unanswered = journey.first_unanswered(answers)
    if unanswered:
        page = render(
            request,
            "handout_not_ready.html",
            {"page_title": "Your summary is not ready yet", "question_url": question_url(unanswered),
             "question": unanswered},
            status=409,
        )
        return None, page
    return handout.handout_context(answers, store.questions_to_bring, timezone.localdate()), None


@require_GET
def handout_page(request):
    context, not_ready = handout_or_why_not(request)
    return not_ready or render(request, "handout.html", context)


@require_GET
def handout_pdf(request):
    context, not_ready = handout_or_why_not(request)
    if not_ready:
        return not_ready
    try:
        pdf = handout.render_pdf(context)
    except Exception:  # any failure in the PDF library: a clear page, never a stack trace
        logger.exception("The handout PDF could not be made")  # the exception only: no answers
        return render(request, "handout_pdf_failed.html", {"page_title": "We could not make the PDF"}, status=503)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"neuroblastoma-conversation-summary-{context['today']:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def about(request):
    return render_page(
        request,
        "about.html",
        {
            "page_title": "About this decision aid",
            "sources": catalogue.load().sources,
            "reviewed": min(catalogue.load().reviewed, library.load().reviewed),
            "published": settings.DECISIONAID_PUBLISHED,
            "funding": settings.DECISIONAID_FUNDING,
            "conflicts": settings.DECISIONAID_CONFLICTS,
            "grades": readability.content_grades(),
        },
    )


@require_POST
def start_over(request):
    Answers(request.session).clear()
    messages.success(request, "Everything you entered has been erased from this device and our server.")
    return redirect("start")


def csrf_failure(request, reason=""):
    """A form sent from a page left open too long: say so kindly; the answers are untouched."""
    return render(request, "csrf_failure.html", {"retry_url": request.path}, status=403)
