"""Weighing up the options, after the summary: which options, our reasons, which way we lean.

Three short steps, then an overview. Each step works as a plain form (no JavaScript needed)
and is optional; what the family writes is kept with its answers, saved with a return code
and printed on the handout.
"""

import functools
from dataclasses import replace

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from decisionaid.family import tailoring
from decisionaid.family.answers import Answers
from decisionaid.family.views import unfinished_journey
from decisionaid.library import loader
from decisionaid.saving.offer import keep_saved_plan_current, save_offer
from decisionaid.saving.views import save_and_show_code
from decisionaid.site.pages import TRY_AGAIN, render_page
from decisionaid.weighing import rules
from decisionaid.weighing.forms import LeaningForm, ReasonsForm, WeighOptionsForm, form_errors, reason_fields
from decisionaid.weighing.presenters import weigh_up_words


def weighing_step(view):
    """A weigh-up page: only once the journey is complete (before, it sends the family to the
    first unanswered question), given the answers, the summary and the weigh-up so far."""

    @functools.wraps(view)
    def wrapped(request, **retry):
        store = Answers(request.session)
        answers = store.data
        if redirect_to := unfinished_journey(request, answers):
            return redirect_to
        weigh_up = rules.WeighUp.from_session(store.weigh_up)
        return view(request, store, answers, tailoring.summarise(answers), weigh_up, **retry)

    return wrapped


def keep(store, weigh_up: rules.WeighUp):
    store.replace_weigh_up(weigh_up.as_session())
    keep_saved_plan_current(store)


def then(request, store, next_step):
    """After a step is kept: the next step, or, for "Save and continue later", the return code."""
    return save_and_show_code(request, store) if "save_later" in request.POST else redirect(next_step)


def saving_as_is(request, problem) -> bool:
    """Save and continue later, pressed on a step of choices not made as they must be: what was
    kept before is saved, as on a question page. The family wanted to stop, not to hear what is
    missing. (Not on the reasons step, where the family's own words would be lost.)"""
    return "save_later" in request.POST and not problem


def chosen_options(summary, weigh_up):
    return [o for o in summary.options_shown if o.id in weigh_up.chosen]


def step(request, store, template, title, form, anchors=None, problem="", brief_save=True, **context):
    """A weigh-up step's page. `problem` is ours (faults.py: the database was in trouble): it
    heads the error summary, above what was sent, still in its boxes."""
    errors = form_errors(form, anchors) if form.is_bound else []
    if problem:  # linked to the first box on the page (anchors["problem"]), else the form's first
        first = next(iter(form.fields))
        anchor = (anchors or {}).get("problem") or (anchors or {}).get(first, f"field-{first}")
        errors.insert(0, {"anchor": anchor, "error": problem})
    return render_page(request, template, {
        "page_title": f"{TRY_AGAIN}: {title}" if problem else f"Error: {title}" if errors else title,
        "error_title": TRY_AGAIN if problem else "", "form": form, "errors": errors,
        "save_offer": {**save_offer(store), "brief": brief_save}, **context,
    }, status=503 if problem else 200)


@require_http_methods(["GET", "HEAD", "POST"])
@weighing_step
def weigh_options(request, store, answers, summary, weigh_up, problem=""):
    options = summary.options_shown
    if request.method == "POST":
        form = WeighOptionsForm(options, data=request.POST)
        if form.is_valid() and not problem:
            chosen = tuple(form.cleaned_data["options"])
            keep(store, replace(
                weigh_up, options=chosen,
                reasons={o: r for o, r in weigh_up.reasons.items() if o in chosen},
                leaning=weigh_up.leaning if weigh_up.leaning in (*chosen, rules.MIX, rules.NOT_SURE) else "",
            ))
            has_options = any(o != rules.DONT_KNOW for o in chosen)
            return then(request, store, "weigh_up_reasons" if has_options else "weigh_up_leaning")
        if saving_as_is(request, problem):
            return save_and_show_code(request, store)
    else:
        form = WeighOptionsForm(options, initial={"options": list(weigh_up.options)})
    headings = loader.load().groups
    groups = [{"heading": headings[words]["heading"], "options": group} for _, words, group in summary.groups]
    return step(request, store, "weighing/weigh_up_options.html", "Which options do you want to talk about?", form,
                groups=groups, chosen=set(form["options"].value() or ()), intro=rules.content()["intro"],
                anchors={"options": f"field-options-{options[0].id}"}, problem=problem, brief_save=False)


@require_http_methods(["GET", "HEAD", "POST"])
@weighing_step
def weigh_reasons(request, store, answers, summary, weigh_up, problem=""):
    options = chosen_options(summary, weigh_up)
    if not options:
        return redirect("weigh_up")
    if request.method == "POST":
        form = ReasonsForm(options, data=request.POST)
        if form.is_valid() and not problem:
            keep(store, replace(weigh_up, reasons=form.reasons(options)))
            return then(request, store, "weigh_up_leaning")
        # Not saved as it is: a reason too long would be lost. Its error shows, the words in their boxes.
    else:
        initial = {name: weigh_up.reasons.get(o.id, {}).get(side, "")
                   for o in options for side, name in zip(("for", "against"), reason_fields(o.id))}
        form = ReasonsForm(options, initial=initial)
    rows = [{"option": o, "fields": [("Reasons for", form[reason_fields(o.id)[0]]),
                                     ("Reasons against", form[reason_fields(o.id)[1]])]} for o in options]
    return step(request, store, "weighing/weigh_up_reasons.html", "Your reasons for and against", form,
                rows=rows, prompts=rules.value_prompts(answers), max_length=settings.FREE_TEXT_MAX_LENGTH,
                problem=problem)


@require_http_methods(["GET", "HEAD", "POST"])
@weighing_step
def weigh_leaning(request, store, answers, summary, weigh_up, problem=""):
    options = chosen_options(summary, weigh_up)
    content = rules.content()
    args = (rules.leaning_choices(options), rules.sure_items(), content["next_steps"])
    if request.method == "POST":
        form = LeaningForm(*args, data=request.POST)
        if form.is_valid() and not problem:
            keep(store, replace(weigh_up, leaning=form.cleaned_data["leaning"], sure=form.sure,
                                next_steps=tuple(form.cleaned_data["next_steps"])))
            return then(request, store, "weigh_up_done")
        if saving_as_is(request, problem):
            return save_and_show_code(request, store)
    else:
        form = LeaningForm(*args, initial={
            "leaning": weigh_up.leaning, "next_steps": list(weigh_up.next_steps),
            **{f"sure-{k}": v for k, v in weigh_up.sure.items()},
        })
    back = reverse("weigh_up_reasons") if options else reverse("weigh_up")
    sure_rows = [{"label": item["label"], "field": form[f"sure-{item['value']}"]} for item in rules.sure_items()]
    return step(request, store, "weighing/weigh_up_leaning.html", "Where you are now", form,
                asks_leaning=bool(options), leaning_note=content["leaning_note"], sure_credit=content["sure"]["credit"],
                sure_rows=sure_rows, back_url=back, problem=problem,
                anchors={"problem": "field-leaning" if options else f"field-{sure_rows[0]['field'].html_name}"})


@require_safe
@weighing_step
def weigh_done(request, store, answers, summary, weigh_up):
    return render_page(request, "weighing/weigh_up_done.html", {
        "page_title": "Your weigh-up", **weigh_up_words(summary, weigh_up, answers), "save_offer": save_offer(store),
    })
