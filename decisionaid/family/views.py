"""The family's journey: the start page, one question a page, check your answers, and start over.

Thin views: they translate HTTP to the journey's pure functions (journey.py) and back. htmx
requests get the page's `main` partial; every other request gets the full page, from the same
template.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from decisionaid.family import journey, tailoring
from decisionaid.family.answers import Answers, answers_erased
from decisionaid.family.checking import answer_rows
from decisionaid.family.forms import QuestionForm, fieldsets, initial_for
from decisionaid.family.navigation import back_from, question_url, row_being_changed, where_next
from decisionaid.fieldtest.participation import after_start
from decisionaid.library import catalogue
from decisionaid.saving import plans
from decisionaid.saving.offer import forget_codes, keep_saved_plan_current, long_date, save_offer
from decisionaid.saving.views import erased_after_saving, save_and_show_code
from decisionaid.site.context_processors import seconds_in_words
from decisionaid.site.middleware import ERASED_FOR_PRIVACY
from decisionaid.site.pages import TRY_AGAIN, go_to, render_page
from decisionaid.weighing import rules
from decisionaid.weighing.presenters import weigh_up_words

ANSWER_THIS_FIRST = "Please answer this question first."
ANSWER_EARLIER_FIRST = f"{ANSWER_THIS_FIRST} Your other answers are saved."  # only when there are some


@require_http_methods(["GET", "HEAD", "POST"])
def start(request):
    store = Answers(request.session)
    if request.method == "POST":  # "Start now", perhaps on a shared device
        request.session.cycle_key()  # a session key set before this (by anyone) stops working
        store.start_again()
        if request.POST.get("shared_device") == "yes":
            store.mark_shared_device()
        return redirect(after_start(request.session, question_url(catalogue.load().questions[0])))
    answers = store.data
    resume = journey.first_unanswered(answers)
    return render_page(
        request,
        "family/start.html",
        {
            "page_title": "Getting ready to talk about your child's next step",
            "has_answers": bool(answers),
            "resume_url": question_url(resume) if resume else reverse("check_answers"),
            "clinic_shared_device": settings.SHARED_DEVICE,
            "shared_warning": seconds_in_words(settings.SHARED_DEVICE_WARNING_SECONDS),  # grace: context_processors
            "save_offer": save_offer(store),
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
        "family/question.html",
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
    weigh_up = rules.WeighUp.from_session(store.weigh_up)
    weighed = weigh_up_words(tailoring.summarise(answers), weigh_up, answers) if weigh_up.started else {}
    return render_page(request, "family/check_answers.html", {
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


@require_http_methods(["GET", "HEAD", "POST"])
def start_over(request):
    """GET asks first (the page a browser without JavaScript opens; with it, a dialog asks).
    POST erases; HEAD, like GET, never does (Django checks no CSRF token on it)."""
    store = Answers(request.session)
    if request.method in ("GET", "HEAD"):
        return render_page(request, "family/start_over.html", {
            "page_title": "Erase your answers and start over?", "keep_url": where_you_left_off(store.data),
        })
    plan = plans.live(store.saved_plan_id)
    answers_erased.send(sender=Answers, session=request.session)
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
