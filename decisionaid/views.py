"""Thin views: translate HTTP to the journey's pure functions and back.

htmx requests get the page's `main` partial; every other request gets the full page,
from the same template.
"""

import functools

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import defaults
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from decisionaid import (
    catalogue,
    handout,
    hospital,
    journey,
    library,
    pdfs,
    plans,
    presenters,
    readability,
    signoff,
    tailoring,
    weighing,
)
from decisionaid.answers import Answers
from decisionaid.checking import answer_rows
from decisionaid.context_processors import seconds_in_words
from decisionaid.forms import QuestionForm, fieldsets, initial_for
from decisionaid.middleware import ERASED_FOR_PRIVACY
from decisionaid.option_page import option_context
from decisionaid.pages import back_from, go_to, pdf_response, question_url, render_page, row_being_changed, where_next
from decisionaid.presenters import glossary_a_to_z, summary_context
from decisionaid.saving_views import (
    forget_codes,
    keep_saved_plan_current,
    long_date,
    save_and_show_code,
    save_offer,
    saved_plan_display,
    wait_in_words,
)

ANSWER_THIS_FIRST = "Please answer this question first."
ANSWER_EARLIER_FIRST = f"{ANSWER_THIS_FIRST} Your other answers are saved."  # only when there are some
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
            "shared_warning": seconds_in_words(settings.SHARED_DEVICE_WARNING_SECONDS),  # grace: context_processors
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
            "hospital": hospital.Details(),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def question(request, question_id):
    question = catalogue.load().question(question_id)
    if question is None:
        raise Http404("No such question")
    store = Answers(request.session)
    answers = store.data
    changing = row_being_changed(request, question)  # the row to come back to, or ""

    earlier = journey.unanswered_before(answers, question)
    if earlier:  # after an erase (Back on a shared tablet) nothing is saved: never say it is
        messages.info(request, ANSWER_EARLIER_FIRST if answers else ANSWER_THIS_FIRST)
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
            return go_to(request, where_next(answers, question, changing))
    else:
        form = QuestionForm(question, initial=initial_for(question, answers.get(question.id)))
    return question_page(request, question, form, store, changing)


def question_page(request, question, form, store, changing, problem="", status=200):
    """The question with its form; `problem` heads the error summary when the trouble was ours
    (faults.py), under "Sorry, please try again"."""
    answers = store.data
    groups = fieldsets(form)
    errors = [g for g in groups if g["error"]]
    if problem:
        errors.insert(0, {"anchor": groups[0]["anchor"], "error": problem})
    shown = journey.progress(answers, question)
    if shown.names_the_decision:  # the words naming the decision describe the question too
        groups[0]["describedby"] = f"part-intro {groups[0]['describedby']}".strip()
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
            "max_length_number": settings.FREE_TEXT_MAX_LENGTH,
            "progress": shown,
            "back_url": back_from(answers, question, changing),
            "changing": changing,
            "save_offer": {**save_offer(store), "brief": len(store.data) > 1},  # said in full once
        },
        status=status,
    )
    if errors and request.htmx:
        response["HX-Push-Url"] = "false"  # same page again: no new history entry
    return response


@require_safe
def check_answers(request):
    store = Answers(request.session)
    answers = store.data
    if store.erased_after_saving:
        return erased_after_saving(request)
    if redirect_to := unfinished_journey(request, answers):
        return redirect_to
    weigh_up = weighing.WeighUp.from_session(store.weigh_up)
    weighed = presenters.weigh_up_words(tailoring.summarise(answers), weigh_up, answers) if weigh_up.started else {}
    return render_page(request, "check_answers.html", {
        "page_title": "Check your answers",
        "parts": answer_rows(answers),
        "back_url": question_url(journey.questions_to_ask(answers)[-1]),  # the last question
        "save_offer": save_offer(store),
        **weighed,
    })


def where_you_left_off(answers) -> str:
    if not answers:
        return reverse("start")
    unanswered = journey.first_unanswered(answers)
    return question_url(unanswered) if unanswered else reverse("summary")


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
    context = summary_context(answers, store.questions_to_bring, store.weigh_up)
    return render_page(request, "summary.html", {
        **context, "saved": request.GET.get("saved"), "save_offer": save_offer(store),
    })


@require_safe
def option_page(request, option_id):
    """One option with all of its detail; open to anyone, tailored once the journey is complete."""
    content = library.load()
    option = next((o for o in (*content.options, content.palliative, content.hospice) if o.id == option_id), None)
    if option is None:
        raise Http404("No such option")
    store = Answers(request.session)
    answers = store.data
    context = option_context(option, answers, store.questions_to_bring, journey.is_complete(answers))
    return render_page(request, "option.html", {**context, "saved": request.GET.get("saved")})


@require_safe
def compare(request):
    """The options side by side: grouped as the family's summary groups them, else A to Z."""
    content = library.load()
    answers = Answers(request.session).data
    if journey.is_complete(answers):
        summary = tailoring.summarise(answers)
        groups = [(content.groups[words]["heading"], options) for _, words, options in summary.groups]
    else:
        groups = [("", tuple(sorted(content.options, key=lambda o: o.title.lower())))]
    table = [f"{o.title} {' '.join(o.comparison.values())}" for _, options in groups for o in options]
    return render_page(request, "compare.html", {
        "page_title": "The options side by side", "groups": groups, "palliative": content.palliative,
        "combined": content.groups["combined"],
        "terms": presenters.terms_used(table, content.glossary),
    })


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
    context = handout.handout_context(store.data, store.questions_to_bring, timezone.localdate(), store.weigh_up)
    return {**context, "saved": saved_plan_display(request, store), "shared_device": store.is_shared_device}


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
    filename = f"neuroblastoma-conversation-summary-{context['today']:%Y-%m-%d}.pdf"
    try:  # one PDF at a time on the machine, a few per session, the same answers' PDF kept (pdfs.py)
        # A download, as the button says: opened inline, a phone shows it and saves nothing.
        return pdf_response(request, lambda: pdfs.pdf_for(request.session.session_key, context), filename,
                            attachment=True, let_through=(pdfs.TooMany, pdfs.Busy))
    except pdfs.TooMany:
        return pdf_later(request, "too-many", status=429)
    except pdfs.Busy:
        return pdf_later(request, "busy", status=503)


def pdf_later(request, reason, status, page_url=""):
    """Please try again; page_url is the printable page to print now (default: the handout)."""
    minutes = max(1, settings.PDF_WINDOW_SECONDS // 60) if reason == "too-many" else 1
    response = render(request, "handout_pdf_later.html", {
        "page_title": "Please try the PDF again soon", "reason": reason, "minutes": minutes, "page_url": page_url,
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
            "own_words": [t for t in library.load().glossary if t.own_wording],
            "reviewed": library.load().reviewed,
            "hospital": hospital.Details(),
            "review": signoff.states(),
            "grades": readability.content_grades(),
        },
    )


@require_safe
def words(request):
    """Every medical word the tool explains, A to Z: each "Words used here" links here."""
    content = library.load()
    sources = {source for term in content.glossary for source in term.sources}
    return render_page(request, "words.html", {
        "page_title": "Words used here, A to Z",
        "has_answers": journey.is_complete(Answers(request.session).data),
        "letters": glossary_a_to_z(content.glossary),
        "sources": [s for s in catalogue.load().sources if s.id in sources],
    })


@require_http_methods(["GET", "HEAD", "POST"])
def start_over(request):
    """GET asks first (the page a browser without JavaScript opens; with it, a dialog asks).
    POST erases; HEAD, like GET, never does (Django checks no CSRF token on it)."""
    store = Answers(request.session)
    if request.method in ("GET", "HEAD"):
        return render_page(request, "start_over.html", {
            "page_title": "Erase your answers and start over?", "keep_url": where_you_left_off(store.data),
        })
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


def server_error(request):
    from decisionaid import faults  # noqa: PLC0415 - faults imports this module

    return faults.server_error(request)


ERROR_PAGES = {
    400: lambda request: defaults.bad_request(request, None),
    403: csrf_failure,
    404: lambda request: defaults.page_not_found(request, Http404()),
    500: lambda request: server_error(request),
    503: lambda request: HttpResponse(render_to_string("500.html", {"database_trouble": True}), status=503),
}


@require_safe
def error_page(request, status):
    """The error pages families see, to look at while developing: debug mode (`make run`)
    shows Django's own screens in their place. Outside debug mode there is nothing here."""
    if not settings.DEBUG or status not in ERROR_PAGES:
        raise Http404("No such page")
    return ERROR_PAGES[status](request)
