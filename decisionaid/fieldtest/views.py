"""The field test's pages for families: the invitation, Before, After (two steps) and thank you.

Thin: the session says whether the family takes part (participation.py), the forms check the
answers, the rules score them (rules.py) and the row keeps them. htmx requests get the page's
`main` partial, as every page of the app does.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from decisionaid.family.answers import Answers
from decisionaid.fieldtest import content, participation, rules
from decisionaid.fieldtest.forms import CheckForm, ToolForm, errors_of
from decisionaid.library import catalogue, loader

LEFT_MESSAGE = "You have left the field test. Nothing you answered for it is kept. The tool works just the same."


def page(request, template, context, status=200):
    """The full page, or only its `main` partial for an htmx request (not a history restore)."""
    if request.htmx and not request.htmx.history_restore_request:
        template = f"{template}#main"
    return render(request, template, context, status=status)


def titled(title, form):
    return f"Error: {title}" if form.is_bound and form.errors else title


@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request):
    store = Answers(request.session)
    test = participation.invitation(request.session)
    if test is None:  # answered already (the browser's Back), or no field test running
        return redirect(participation.next_page(request.session))
    if request.method == "POST" and request.POST.get("answer") in ("yes", "no"):
        yes = request.POST["answer"] == "yes"
        participation.answer_invitation(request.session, test, yes)
        return redirect("fieldtest:before" if yes else participation.onward(store.data))
    return page(request, "fieldtest/invitation.html", {
        "page_title": "Would you help us find out whether this tool helps?", "test": test, "words": content.load(),
        "session_days": settings.SESSION_COOKIE_AGE // 86400,
    })


@require_http_methods(["GET", "HEAD", "POST"])
def before(request):
    store = Answers(request.session)
    row = participation.participant(request.session)
    if row is None or not participation.before_is_open(request.session):
        # After the first question, Before is closed: the row keeps it as not answered.
        return redirect(participation.onward(store.data))
    words = content.load()
    if request.method == "POST":
        form = CheckForm(words, data=request.POST)
        if form.is_valid():
            row.write("knowledge_before", form.knowledge)
            row.knowledge_before_score = rules.knowledge_score(form.knowledge, words.statements)
            row.write("sure_before", form.sure)
            row.sure_before_score = rules.sure_score(form.sure, words.sure_items)
            row.save()
            return redirect(participation.onward(store.data))
    else:
        form = CheckForm(words, initial=_initial(row.read("knowledge_before"), row.read("sure_before")))
    return page(request, "fieldtest/check.html", {
        "page_title": titled("Before you start", form), "form": form, "errors": errors_of(form), "words": words,
        "step": "before", "test": row.field_test,
    })


def _initial(knowledge: dict, sure: dict) -> dict:
    return {**{f"knowledge-{k}": v for k, v in knowledge.items()}, **{f"sure-{k}": v for k, v in sure.items()}}


def _after_row(request, store):
    """(this family's row, None) when it may answer After now; else (None, where to go)."""
    row = participation.participant(request.session)
    if row is None:
        return None, redirect("summary")
    if not participation.may_answer_after(store.data):
        return None, redirect(participation.onward(store.data))
    if row.finished_on is not None:  # answered already: nothing more to ask
        return None, redirect("fieldtest:thank_you")
    return row, None


@require_http_methods(["GET", "HEAD", "POST"])
def after(request):
    store = Answers(request.session)
    row, elsewhere = _after_row(request, store)
    if elsewhere:
        return elsewhere
    words = content.load()
    if request.method == "POST":
        form = CheckForm(words, data=request.POST)
        if form.is_valid():
            row.write("knowledge_after", form.knowledge)
            row.knowledge_after_score = rules.knowledge_score(form.knowledge, words.statements)
            row.write("sure_after", form.sure)
            row.sure_after_score = rules.sure_score(form.sure, words.sure_items)
            row.save()
            return redirect("fieldtest:after_tool")
    else:
        # SURE as the family answered it in the weigh-up, where it did; its own answers here first.
        sure = {**(store.weigh_up.get("sure") or {}), **row.read("sure_after")}
        form = CheckForm(words, initial=_initial(row.read("knowledge_after"), sure))
    return page(request, "fieldtest/check.html", {
        "page_title": titled("Now that you have used the tool", form), "form": form, "errors": errors_of(form),
        "words": words, "step": "after", "test": row.field_test, "from_weigh_up": bool(store.weigh_up.get("sure")),
        "leaning_said": bool(store.weigh_up.get("leaning")),
    })


@require_http_methods(["GET", "HEAD", "POST"])
def after_tool(request):
    store = Answers(request.session)
    row, elsewhere = _after_row(request, store)
    if elsewhere:
        return elsewhere
    if not row.read("knowledge_after"):
        return redirect("fieldtest:after")
    words = content.load()
    if request.method == "POST":
        form = ToolForm(words, data=request.POST)
        if form.is_valid():
            _finish(row, form, store, words)
            return redirect("fieldtest:thank_you")
    else:
        initial = {**{f"prepdm-{k}": v for k, v in row.read("prepdm").items()},
                   **{f"about-{k}": v for k, v in row.read("acceptability").items()}}
        form = ToolForm(words, initial=initial)
    return page(request, "fieldtest/tool.html", {
        "page_title": titled("What you think of the tool", form), "form": form, "errors": errors_of(form),
        "words": words, "test": row.field_test,
    })


def _finish(row, form, store, words):
    """The last answers, and what the tool holds at this moment, read afresh from the session:
    what matters most, the leaning as the weigh-up has it now, the group."""
    answers = store.data
    row.write("prepdm", form.prepdm)
    row.prepdm_score = rules.prepdm_score(form.prepdm, words.prepdm_items)
    row.write("acceptability", form.acceptability)
    items = [i.value for i in catalogue.load().question("what-matters").items]
    row.write("what_matters", rules.what_matters(answers, items))
    comfort = {o.id for o in loader.load().options if o.for_every_family}
    leaning = rules.leaning(store.weigh_up, comfort)
    row.leaning, row.leaning_group = leaning["leaning"], leaning["group"]
    row.write("leaning_options", leaning["options"])
    row.situation = rules.situation_group(answers)
    row.finished_on = timezone.localdate()
    row.save()


@require_safe
def thank_you(request):
    row = participation.participant(request.session)
    if row is None or row.finished_on is None:
        return redirect("fieldtest:after" if row else "summary")
    return page(request, "fieldtest/thank_you.html", {
        "page_title": "Thank you for taking part", "words": content.load(), "test": row.field_test,
        "session_days": settings.SESSION_COOKIE_AGE // 86400,
    })


@require_POST
def leave(request):
    """Stop taking part, from Before, After or the thank-you page: the row goes; the tool goes on
    as before."""
    store = Answers(request.session)
    participation.leave(request.session)
    messages.info(request, LEFT_MESSAGE)
    if request.POST.get("step") in ("after", "done") and participation.may_answer_after(store.data):
        return redirect("summary")
    return redirect(participation.onward(store.data))
