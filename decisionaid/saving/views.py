"""Save and continue later: a saved plan under a six-word return code, and opening it again.

The rules live in plans.py (saving, restoring, expiry), codes.py (the words) and throttle.py
(the limit on wrong codes); these views only translate HTTP to them and back.
"""

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from decisionaid.family import journey
from decisionaid.family.answers import Answers
from decisionaid.family.forms import still_valid_answer
from decisionaid.family.navigation import question_url
from decisionaid.saving import codes, plans, throttle
from decisionaid.saving.offer import (
    CODE_ONCE_COOKIE,
    forget_codes,
    remember_code,
    remembered_code,
    return_url,
)
from decisionaid.saving.presenters import return_code
from decisionaid.site.cleaning import plain_text
from decisionaid.site.pages import render_page

# One short message whatever the reason; why a code stops working is in the page's own text.
WRONG_CODE = "We could not open saved answers with that code. Check the six words and try again."
ENTER_CODE = "Enter the six words of your return code."
TOO_MANY_TRIES = (
    "Many codes that did not work have been tried from this network lately, so to keep saved "
    "answers safe, codes from it are checked one at a time. Please wait a minute, then choose "
    "“Open my saved answers” again."
)
TRY_AGAIN_SECONDS = 60
QUESTIONS_CHANGED = (
    "Welcome back. We have opened your saved answers. Some questions have changed since you saved "
    "them, so please answer the questions that are new or different."
)
WELCOME_BACK = "Welcome back. We have opened your saved answers."


@require_POST
def save_for_later(request):
    store = Answers(request.session)
    if not store.data:
        return redirect("start")
    return save_and_show_code(request, store, new_code=request.POST.get("new_code") == "1")


def save_and_show_code(request, store, new_code=False):
    """Save, and show the code. Answers saved before are saved again under the same code, which
    the code page shows if this device has it; a new code only when asked for ("Get a new return
    code"), or on a shared tablet, which keeps no code to show."""
    plan = plans.live(store.saved_plan_id)
    if plan is not None and not new_code and not store.is_shared_device:
        plans.update(plan.pk, store.data, store.questions_to_bring, store.weigh_up)
        request.session.cycle_key()
        return redirect("saved")
    saved = plans.save(store.data, store.questions_to_bring, store.saved_plan_id, store.weigh_up)
    if store.is_shared_device:
        # A shared tablet: nothing of this family's stays on it. The code is shown once, on
        # a fresh page (so nothing of the old one stays either), then forgotten.
        store.clear()
        store.mark_shared_device()
        store.note_erased_after_saving()
        response = (HttpResponseClientRedirect if request.htmx else HttpResponseRedirect)(reverse("saved"))
        forget_codes(response)
        remember_code(response, saved.code, once=True)
    else:
        request.session.cycle_key()  # a session key set before this (by anyone) stops working
        store.link_saved_plan(saved.plan.pk)
        response = redirect("saved")
        remember_code(response, saved.code)
    if saved.replaced_code:
        messages.info(request, "This is a new return code. The code you had before no longer works.")
    return response


@never_cache
@require_safe
def saved(request):
    store = Answers(request.session)
    once = remembered_code(request, once=True)
    if once and (plan := plans.find(once)):
        response = render_page(request, "saving/saved.html", {
            "page_title": "Write down your return code",
            "shown_once": True,
            "expires": plan.expires_at,
            "code": return_code(once, return_url(request)),
        })
        response.delete_cookie(CODE_ONCE_COOKIE, path=reverse("saved"), samesite="Lax")
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
    return render_page(request, "saving/saved.html", {
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


@transaction.non_atomic_requests  # a code may wait its turn: never inside a held transaction
@require_http_methods(["GET", "HEAD", "POST"])
def return_with_code(request):
    """'I have a return code': open saved answers in a new session on this device."""
    store = Answers(request.session)
    typed, error, status = "", "", 200
    if request.method == "POST":
        typed = plain_text(request.POST.get("code", "")).strip()
        # A code this device was given is never held back by strangers' wrong guesses.
        # This device's own code, from its signed cookie, skips the limit; a device with none
        # (or a code that is not six words) is limited like any other.
        own_code = bool(typed) and (remembered := remembered_code(request)) is not None \
            and codes.normalise(typed) == remembered
        turn = None
        if not typed:
            error = ENTER_CODE
        elif not own_code and ((turn := throttle.begin(request.META)) is None or not throttle.wait_for(turn)):
            # Every turn near is taken, or no place to wait for one: refused unchecked. (A code
            # waits only where this network has tried many wrong codes lately.)
            error, status = TOO_MANY_TRIES, 429
        else:
            if (plan := plans.find(typed)) is None:
                error = WRONG_CODE
            else:
                if turn is not None:
                    throttle.right_code(turn)
                return restore_saved_plan(request, store, plan, codes.normalise(typed))
    response = render_page(
        request,
        "saving/return.html",
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
    if status == 429:
        response["Retry-After"] = str(TRY_AGAIN_SECONDS)
    return response


def restore_saved_plan(request, store, plan, code):
    restored = plans.restorable(plan, still_valid_answer)
    store.restore(restored.answers, restored.questions_to_bring, plan.pk, restored.weigh_up)
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


def erased_after_saving(request):
    """A shared device erased the answers it saved: say so, and how to open them again."""
    return render_page(request, "saving/erased_after_saving.html",
                       {"page_title": "Your answers were erased from this device"})
