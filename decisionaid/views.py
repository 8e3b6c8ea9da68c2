"""Thin views: translate HTTP to the journey's pure functions and back.

htmx requests get the page's `main` partial; every other request gets the full page,
from the same template.
"""

import functools
import logging
import sys

from django.conf import settings
from django.contrib import messages
from django.db import DatabaseError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from decisionaid import catalogue, codes, handout, journey, library, plans, readability, tailoring, throttle
from decisionaid.answers import OWN_QUESTION_MAX_LENGTH, OWN_QUESTIONS_MAX, Answers
from decisionaid.forms import QuestionForm, fieldsets, initial_for
from decisionaid.presenters import answer_rows, return_code, summary_context

logger = logging.getLogger(__name__)
ANSWER_EARLIER_FIRST = "Please answer this question first. Your other answers are saved."


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
            "save_offer": save_offer(store),
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
            "saved_days": settings.SAVED_PLAN_DAYS,
            "attempt_window": wait_in_words(settings.RETURN_ATTEMPTS_WINDOW_SECONDS),
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
            "save_offer": save_offer(store),
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
    store = Answers(request.session)
    answers = store.data
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


@require_GET
def summary(request):
    store = Answers(request.session)
    answers = store.data
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
    offered = {q.id for q in tailoring.summarise(answers).suggested_questions}
    chosen = [i for i in dict.fromkeys(request.POST.getlist("chosen")) if i in offered]
    own = store.questions_to_bring["own"]
    remove = request.POST.get("remove", "")
    if remove.isdigit() and int(remove) < len(own):
        own.pop(int(remove))
    new_question = request.POST.get("own_question", "").strip()
    if len(new_question) > OWN_QUESTION_MAX_LENGTH:
        # Keep the ticks, and give the question back in its box with the error beside it.
        store.replace_questions_to_bring(chosen, own)
        error = (
            f"Your question must be {OWN_QUESTION_MAX_LENGTH} characters or fewer. "
            f"It has {len(new_question)} now. Please shorten it."
        )
        context = summary_context(answers, store.questions_to_bring)
        context.update(page_title=f"Error: {context['page_title']}", own_question_error=error,
                       own_question_draft=new_question)
        return render_page(request, "summary.html", context)
    if new_question and new_question not in own and len(own) < OWN_QUESTIONS_MAX:
        own.append(new_question)
    store.replace_questions_to_bring(chosen, own)
    keep_saved_plan_current(store)
    return redirect(reverse("summary") + "?saved=1#questions-to-bring")


def handout_not_ready(request, answers):
    """Before the journey is complete: a page that explains why, or None when it is."""
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

    return require_GET(wrapped)


@handout_view
def handout_page(request):
    store = Answers(request.session)
    if not_ready := handout_not_ready(request, store.data):
        return not_ready
    return render(request, "handout.html", handout_for(request, store))


@handout_view
def handout_pdf(request):
    store = Answers(request.session)
    if not_ready := handout_not_ready(request, store.data):
        return not_ready
    context = handout_for(request, store)
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
    if plan is None:
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


# Save and continue later ---------------------------------------------------------------------
#
# The return code is kept only on the family's own device, in a signed cookie: never in the
# database (which keeps only a hash), never in a URL (which logs keep). Signed, so no code the
# server did not issue is ever looked up through a cookie, outside the limit on guesses.
# On a shared device the code is shown once, from a cookie that lasts minutes, after the
# answers have been erased from the tablet.
CODE_COOKIE = "return_code"
CODE_ONCE_COOKIE = "return_code_once"
CODE_COOKIE_SALT = "decisionaid.return-code"
SHOW_ONCE_SECONDS = 10 * 60
WRONG_CODE = (
    "We could not open saved answers with that code. Check the six words and try again. "
    "A code stops working when its saved answers are deleted, or {days} days after they were last saved."
)
ENTER_CODE = "Enter the six words of your return code."
TOO_MANY_TRIES = (
    "There have been too many tries with codes that did not work. To keep saved answers safe, "
    "please wait {wait} and try again."
)
QUESTIONS_CHANGED = (
    "Welcome back. We have opened your saved answers. Some questions have changed since you saved "
    "them, so please answer the questions that are new or different."
)
WELCOME_BACK = "Welcome back. We have opened your saved answers."


def long_date(moment) -> str:
    return dateformat.format(timezone.localdate(moment), "j F Y")


def remembered_code(request, once=False) -> str | None:
    name, max_age = (CODE_ONCE_COOKIE, SHOW_ONCE_SECONDS) if once else (CODE_COOKIE, settings.SESSION_COOKIE_AGE)
    value = request.get_signed_cookie(name, default=None, salt=CODE_COOKIE_SALT, max_age=max_age)
    return codes.normalise(value) if value else None


def remember_code(response, code, once=False):
    name, max_age = (CODE_ONCE_COOKIE, SHOW_ONCE_SECONDS) if once else (CODE_COOKIE, settings.SESSION_COOKIE_AGE)
    response.set_signed_cookie(
        name, codes.for_link(code), salt=CODE_COOKIE_SALT, max_age=max_age,
        secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax",
    )


def forget_codes(response):
    response.delete_cookie(CODE_COOKIE, samesite="Lax")
    response.delete_cookie(CODE_ONCE_COOKIE, samesite="Lax")


def save_offer(store) -> dict:
    """What the "Save and continue later" panel needs: offered once there is an answer."""
    plan = plans.live(store.saved_plan_id)
    return {"can_save": bool(store.data), "saved_until": plan.expires_at if plan else None}


def keep_saved_plan_current(store):
    """Once a family has saved, what they change afterwards is saved too, until they delete it."""
    if store.saved_plan_id and not plans.update(store.saved_plan_id, store.data, store.questions_to_bring):
        store.unlink_saved_plan()  # deleted or expired meanwhile


def return_url(request) -> str:
    return request.build_absolute_uri(reverse("return"))


def saved_plan_display(request, store) -> dict | None:
    """For the handout: when these answers are saved, until when, and the code if known here."""
    plan = plans.live(store.saved_plan_id)
    if plan is None:
        return None
    code = remembered_code(request)
    known = code if code and plans.matches(plan, code) else None
    return {"until": plan.expires_at, "code": return_code(known, return_url(request)) if known else None}


@require_POST
def save_for_later(request):
    store = Answers(request.session)
    if not store.data:
        return redirect("start")
    return save_and_show_code(request, store)


def save_and_show_code(request, store):
    saved = plans.save(store.data, store.questions_to_bring, store.saved_plan_id, remembered_code(request))
    if store.is_shared_device:
        # A shared tablet: nothing of this family's stays on it. The code is shown once, on
        # a fresh page (so nothing of the old one stays either), then forgotten.
        store.clear()
        store.mark_shared_device()
        response = (HttpResponseClientRedirect if request.htmx else HttpResponseRedirect)(reverse("saved"))
        forget_codes(response)
        remember_code(response, saved.code, once=True)
    else:
        store.link_saved_plan(saved.plan.pk)
        response = redirect("saved")
        remember_code(response, saved.code)
    if saved.replaced_code:
        messages.info(request, "This is a new return code. The code you had before no longer works.")
    return response


@never_cache
@require_GET
def saved(request):
    store = Answers(request.session)
    once = remembered_code(request, once=True)
    if once and (plan := plans.find(once)):
        response = render_page(request, "saved.html", {
            "page_title": "Write down your return code",
            "shown_once": True,
            "expires": plan.expires_at,
            "code": return_code(once, return_url(request)),
        })
        response.delete_cookie(CODE_ONCE_COOKIE, samesite="Lax")
        return response
    plan = plans.live(store.saved_plan_id)
    if plan is None:  # nothing saved, or shown once already, or deleted or expired meanwhile
        store.unlink_saved_plan()
        response = redirect("start")
        forget_codes(response)
        return response
    code = remembered_code(request)
    known = code if code and plans.matches(plan, code) else None
    unanswered = journey.first_unanswered(store.data)
    return render_page(request, "saved.html", {
        "page_title": "Your answers are saved",
        "shown_once": False,
        "expires": plan.expires_at,
        "code": return_code(known, return_url(request)) if known else None,
        "complete": unanswered is None,
        "resume_url": question_url(unanswered) if unanswered else reverse("summary"),
    })


@require_POST
def delete_saved(request):
    store = Answers(request.session)
    if store.saved_plan_id:
        plans.delete(store.saved_plan_id)
    store.unlink_saved_plan()
    still_here = " Your answers are still on this device until you choose “Start over and erase my answers”."
    messages.success(
        request,
        "Your saved answers have been deleted, and the return code no longer works."
        + (still_here if store.data else ""),
    )
    response = redirect("start")
    forget_codes(response)
    return response


def wait_in_words(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    if minutes % 60 == 0:
        hours = minutes // 60
        return "an hour" if hours == 1 else f"{hours} hours"
    return "a minute" if minutes == 1 else f"{minutes} minutes"


@require_http_methods(["GET", "POST"])
def return_with_code(request):
    """'I have a return code': open saved answers in a new session on this device."""
    store = Answers(request.session)
    typed, error, status = "", "", 200
    if request.method == "POST":
        typed = request.POST.get("code", "").strip()
        if not typed:
            error = ENTER_CODE
        elif (ticket := throttle.begin(request.META)) is None:
            error, status = TOO_MANY_TRIES.format(wait=wait_in_words(settings.RETURN_ATTEMPTS_WINDOW_SECONDS)), 429
        elif (plan := plans.find(typed)) is None:
            error = WRONG_CODE.format(days=settings.SAVED_PLAN_DAYS)
        else:
            throttle.right_code(ticket)
            return restore_saved_plan(request, store, plan, codes.normalise(typed))
    return render_page(
        request,
        "return.html",
        {
            "page_title": "Error: Open your saved answers" if error else "Open your saved answers",
            "typed": typed[:200],
            "errors": [{"anchor": "return-code", "error": error}] if error else [],
            "error": error,
            "has_answers": bool(store.data),
            "saved_days": settings.SAVED_PLAN_DAYS,
        },
        status=status,
    )


def restore_saved_plan(request, store, plan, code):
    restored = plans.restorable(plan)
    store.restore(restored.answers, restored.questions_to_bring, plan.pk)
    unanswered = journey.first_unanswered(restored.answers)
    if restored.changed and unanswered:
        messages.info(request, QUESTIONS_CHANGED)
    else:
        messages.success(request, WELCOME_BACK)
    response = redirect(question_url(unanswered) if unanswered else reverse("summary"))
    forget_codes(response)
    if not store.is_shared_device:  # a shared tablet keeps no code
        remember_code(response, code)
    return response
