"""Thin views: translate HTTP to the journey's pure functions and back.

htmx requests get the page's `main` partial; every other request gets the full page,
from the same template.
"""

import functools
import logging

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from decisionaid import catalogue, handout, journey, library, pdfs, plans, readability, tailoring
from decisionaid.answers import OWN_QUESTION_MAX_LENGTH, OWN_QUESTIONS_MAX, Answers
from decisionaid.cleaning import plain_text
from decisionaid.context_processors import seconds_in_words
from decisionaid.forms import QuestionForm, fieldsets, initial_for
from decisionaid.middleware import ERASED_FOR_PRIVACY
from decisionaid.pages import question_url, render_page
from decisionaid.presenters import answer_rows, summary_context
from decisionaid.saving_views import (
    forget_codes,
    keep_saved_plan_current,
    long_date,
    save_and_show_code,
    save_offer,
    saved_plan_display,
    wait_in_words,
)

logger = logging.getLogger(__name__)
ANSWER_EARLIER_FIRST = "Please answer this question first. Your other answers are saved."
TRY_AGAIN = "Sorry, please try again"


@require_http_methods(["GET", "HEAD", "POST"])
def start(request):
    store = Answers(request.session)
    if request.method == "POST":  # "Start now", perhaps on a shared device
        request.session.cycle_key()  # a session key set before this (by anyone) stops working
        store.start_again()
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
            "save_offer": save_offer(store),
        },
    )


@require_POST
def still_here(request):
    """'I'm still here' on a shared device, or the page saying it is in use (typing, scrolling,
    tapping): the middleware has already noted the time."""
    if request.POST.get("in_use"):
        return HttpResponse(status=204)
    next_url = request.POST.get("next", "")
    # Only a path on this site: never another site, never a name redirect() would look up.
    is_local_path = next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    )
    return HttpResponseRedirect(next_url if is_local_path else reverse("start"))


@require_safe
def privacy(request):
    return render_page(
        request,
        "privacy.html",
        {
            "page_title": "Your privacy",
            "session_days": settings.SESSION_COOKIE_AGE // 86400,
            "shared_minutes": settings.SHARED_DEVICE_WARNING_SECONDS // 60,
            "shared_grace": seconds_in_words(settings.SHARED_DEVICE_GRACE_SECONDS),
            "saved_days": settings.SAVED_PLAN_DAYS,
            "attempt_window": wait_in_words(settings.RETURN_ATTEMPTS_WINDOW_SECONDS),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def question(request, question_id):
    question = catalogue.load().question(question_id)
    if question is None:
        raise Http404("No such question")
    store = Answers(request.session)
    answers = store.data
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
            store.replace(answers)
            keep_saved_plan_current(store)
        if "save_later" in request.POST and answers:
            # "Save and continue later": this answer too if it is complete, and stop here.
            return save_and_show_code(request, store)
        if form.is_valid():
            return redirect(where_next(answers, question, changing))
    else:
        form = QuestionForm(question, initial=initial_for(question, answers.get(question.id)))
    return question_page(request, question, form, store, changing)


def question_page(request, question, form, store, changing, problem="", status=200):
    """The question with its form; `problem` heads the error summary when the trouble was ours
    (faults.py), under "Sorry, please try again"."""
    answers = store.data
    previous = journey.previous_question(answers, question)
    back_url = (
        reverse("check_answers") if changing
        else question_url(previous) if previous
        else reverse("start")
    )
    groups = fieldsets(form)
    errors = [g for g in groups if g["error"]]
    if problem:
        errors.insert(0, {"anchor": groups[0]["anchor"], "error": problem})
    response = render_page(
        request,
        "question.html",
        {
            "page_title": f"{TRY_AGAIN}: {question.text}" if problem
            else f"Error: {question.text}" if errors else question.text,
            "error_title": TRY_AGAIN if problem else "",
            "question": question,
            "groups": groups,
            "errors": errors,
            "max_length": f"{settings.FREE_TEXT_MAX_LENGTH:,}",
            "progress": journey.progress(answers, question),
            "back_url": back_url,
            "changing": changing,
            "save_offer": save_offer(store),
        },
        status=status,
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


@require_safe
def check_answers(request):
    store = Answers(request.session)
    answers = store.data
    if store.erased_after_saving:
        return erased_after_saving(request)
    if redirect_to := unfinished_journey(request, answers):
        return redirect_to
    return render_page(
        request,
        "check_answers.html",
        {"page_title": "Check your answers", "parts": answer_rows(answers), "save_offer": save_offer(store)},
    )


def unfinished_journey(request, answers):
    """A redirect to the first unanswered question, or None when the journey is complete."""
    unanswered = journey.first_unanswered(answers)
    if unanswered is None:
        return None
    if answers:  # with nothing answered yet, there is nothing "saved" to mention
        messages.info(request, ANSWER_EARLIER_FIRST)
    return redirect(question_url(unanswered))


@require_safe
def summary(request):
    store = Answers(request.session)
    answers = store.data
    if store.erased_after_saving:
        return erased_after_saving(request)
    if redirect_to := unfinished_journey(request, answers):
        return redirect_to
    context = summary_context(answers, store.questions_to_bring)
    return render_page(request, "summary.html", {
        **context, "saved": request.GET.get("saved") == "1", "save_offer": save_offer(store),
    })


@require_POST
def questions_to_bring(request):
    """Tick, untick, add or remove questions to bring; kept with the answers."""
    store = Answers(request.session)
    answers = store.data
    if redirect_to := unfinished_journey(request, answers):
        return redirect_to
    chosen, own, new_question = questions_posted(request, store)
    if len(new_question) > OWN_QUESTION_MAX_LENGTH:
        # Keep the ticks, and give the question back in its box with the error beside it.
        store.replace_questions_to_bring(chosen, own)
        error = (
            f"Your question must be {OWN_QUESTION_MAX_LENGTH} characters or fewer. "
            f"It has {len(new_question)} now. Please shorten it."
        )
        return own_question_page(request, answers, store.questions_to_bring, new_question, error)
    if new_question and new_question not in own and len(own) < OWN_QUESTIONS_MAX:
        own.append(new_question)
    store.replace_questions_to_bring(chosen, own)
    keep_saved_plan_current(store)
    return redirect(reverse("summary") + "?saved=1#questions-to-bring")


def questions_posted(request, store):
    """(ticked question ids, the family's own questions, the new one typed) from the form."""
    offered = {q.id for q in tailoring.summarise(store.data).suggested_questions}
    chosen = [i for i in dict.fromkeys(request.POST.getlist("chosen")) if i in offered]
    own = store.questions_to_bring["own"]
    remove = request.POST.get("remove", "")
    if remove.isascii() and remove.isdigit() and int(remove) < len(own):  # not "²", which isdigit() too
        own.pop(int(remove))
    return chosen, own, plain_text(request.POST.get("own_question", "")).strip()


def own_question_page(request, answers, questions, draft, error, status=200):
    """The summary again, the family's question back in its box with the error beside it."""
    context = summary_context(answers, questions)
    context.update(page_title=f"Error: {context['page_title']}", own_question_error=error,
                   own_question_draft=draft)
    return render_page(request, "summary.html", context, status=status)


def erased_after_saving(request):
    """A shared device erased the answers it saved: say so, and how to open them again."""
    return render_page(request, "erased_after_saving.html", {"page_title": "Your answers were erased from this device"})


def handout_not_ready(request, store):
    """Before the journey is complete: a page that explains why, or None when it is."""
    if store.erased_after_saving:
        return erased_after_saving(request)
    answers = store.data
    unanswered = journey.first_unanswered(answers)
    if unanswered is None:
        return None
    context = {"page_title": "Your summary is not ready yet", "question_url": question_url(unanswered),
               "question": unanswered}
    return render(request, "handout_not_ready.html", context, status=409)


def handout_for(request, store) -> dict:
    context = handout.handout_context(store.data, store.questions_to_bring, timezone.localdate())
    return {**context, "saved": saved_plan_display(request, store)}


def handout_view(view):
    """The handout is a page of its own (no site layout, no htmx), so a link followed by htmx
    becomes a full page load."""

    @functools.wraps(view)
    def wrapped(request):
        if request.htmx:
            return HttpResponseClientRedirect(request.get_full_path())
        return view(request)

    return require_safe(wrapped)


@handout_view
def handout_page(request):
    store = Answers(request.session)
    if not_ready := handout_not_ready(request, store):
        return not_ready
    return render(request, "handout.html", handout_for(request, store))


@handout_view
def handout_pdf(request):
    store = Answers(request.session)
    if not_ready := handout_not_ready(request, store):
        return not_ready
    context = handout_for(request, store)
    try:
        pdf = pdfs.pdf_for(request.session.session_key, context)
    except pdfs.TooMany:
        return pdf_later(request, "too-many", status=429)
    except pdfs.Busy:
        return pdf_later(request, "busy", status=503)
    except Exception:  # any failure in the PDF library: a clear page, never a stack trace
        logger.exception("The handout PDF could not be made")  # the exception only: no answers
        return render(request, "handout_pdf_failed.html", {"page_title": "We could not make the PDF"}, status=503)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"neuroblastoma-conversation-summary-{context['today']:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def pdf_later(request, reason, status):
    minutes = max(1, settings.PDF_WINDOW_SECONDS // 60) if reason == "too-many" else 1
    response = render(request, "handout_pdf_later.html", {
        "page_title": "Please try the PDF again soon", "reason": reason, "minutes": minutes,
    }, status=status)
    response["Retry-After"] = str(minutes * 60)
    return response


@require_safe
def about(request):
    return render_page(
        request,
        "about.html",
        {
            "page_title": "About this decision aid",
            "sources": catalogue.load().sources,
            "reviewed": library.load().reviewed,
            "published": settings.DECISIONAID_PUBLISHED,
            "funding": settings.DECISIONAID_FUNDING,
            "conflicts": settings.DECISIONAID_CONFLICTS,
            "grades": readability.content_grades(),
        },
    )


@require_POST
def start_over(request):
    store = Answers(request.session)
    plan = plans.live(store.saved_plan_id)
    store.clear()
    if request.POST.get("reason") == "not-in-use":  # a shared device's page, after its warning
        messages.info(request, ERASED_FOR_PRIVACY)
    elif plan is None:
        messages.success(request, "Everything you entered has been erased from this device and our server.")
    else:
        messages.success(
            request,
            "Everything you entered has been erased from this device. The answers you saved with a "
            f"return code are kept until {long_date(plan.expires_at)}. To delete those too, open them "
            "with your return code and choose “Delete my saved answers”.",
        )
    response = redirect("start")
    forget_codes(response)
    return response


def csrf_failure(request, reason=""):
    """A form sent from a page left open too long: say so kindly; the answers are untouched."""
    return render(request, "csrf_failure.html", {"retry_url": request.path}, status=403)
