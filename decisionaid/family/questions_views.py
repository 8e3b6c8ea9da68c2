"""The family's list of questions to bring: the summary's and each option page's tick boxes,
and their own questions. Kept with the answers, and said to be saved beside the control used."""

import re

from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from decisionaid.family import presenters, tailoring
from decisionaid.family.answers import OWN_QUESTION_MAX_LENGTH, OWN_QUESTIONS_MAX, Answers
from decisionaid.family.presenters import summary_context
from decisionaid.family.views import unfinished_journey
from decisionaid.library import loader
from decisionaid.saving.offer import keep_saved_plan_current, save_offer
from decisionaid.site.cleaning import plain_text
from decisionaid.site.pages import render_page

SAVED_NOTE = "questions-saved"  # the id of "Your questions are saved." in summary.html and option.html


@require_POST
def questions_to_bring(request):
    """Tick, untick, add or remove questions to bring; kept with the answers.

    A form says which questions it showed (`offered`): only their ticks change, so the
    summary and each option's page can each keep their own part of one list."""
    store = Answers(request.session)
    answers = store.data
    if redirect_to := unfinished_journey(request, answers):
        return redirect_to
    chosen, own, new_question = questions_posted(request, store)
    if error := own_question_error(new_question, own):
        # Keep the ticks, and give the question back in its box, with the error beside it and
        # in the error summary at the top (where a page without JavaScript opens).
        store.replace_questions_to_bring(chosen, own)
        return own_question_page(request, store, store.questions_to_bring, new_question, error)
    if new_question and new_question not in own:
        own.append(new_question)
    store.replace_questions_to_bring(chosen, own)
    keep_saved_plan_current(store)
    # "Saved" is said beside the button that was used (a question's Remove, or Save), and the
    # page opens there: the note's anchor, without JavaScript too.
    done = "removed" if request.POST.get("remove") else "1"
    return redirect(f"{back_to(request.POST.get('next', ''))}?saved={done}#{SAVED_NOTE}")


def questions_posted(request, store):
    """(ticked question ids, the family's own questions, the new one typed) from the form."""
    result = tailoring.summarise(store.data)
    known = {q.id for q in result.suggested_questions}
    shown = set(request.POST.getlist("offered")) & known
    ticked = set(request.POST.getlist("chosen")) & shown
    kept = set(presenters.chosen_questions(result, store.questions_to_bring)) - shown  # ticked on other pages
    chosen = [i for i in result.questions_in_order if i in kept | ticked]
    own = store.questions_to_bring["own"]
    remove = request.POST.get("remove", "")
    if remove.isascii() and remove.isdigit() and int(remove) < len(own):  # not "²", which isdigit() too
        own.pop(int(remove))
    return chosen, own, plain_text(request.POST.get("own_question", "")).strip()


def own_question_page(request, store, questions, draft, error, status=200):
    """The summary again, the family's question back in its box, with the error beside it and
    in the error summary at the top."""
    context = summary_context(store.data, questions, store.weigh_up)
    context.update(page_title=f"Error: {context['page_title']}", own_question_error=error,
                   own_question_draft=draft, errors=[{"anchor": "own-question", "error": error}],
                   save_offer=save_offer(store))
    return render_page(request, "family/summary.html", context, status=status)


def back_to(path) -> str:
    """Where a questions form came from: the summary, or one option's own page."""
    option_ids = {o.id for o in (*loader.load().options, loader.load().palliative, loader.load().hospice)}
    match = re.fullmatch(r"/options/([\w-]+)/", path)
    return path if match and match.group(1) in option_ids else reverse("summary")


def own_question_error(new_question: str, own: list[str]) -> str:
    """Why a family's own question cannot be kept, or "" when it can: never dropped unsaid."""
    if len(new_question) > OWN_QUESTION_MAX_LENGTH:
        return (
            f"Your question must be {OWN_QUESTION_MAX_LENGTH} characters or fewer. "
            f"It has {len(new_question)} now. Please shorten it."
        )
    if new_question and new_question not in own and len(own) >= OWN_QUESTIONS_MAX:
        return (
            f"You already have {OWN_QUESTIONS_MAX} questions of your own, the most the list can keep. "
            "To add this one, first remove a question you no longer need."
        )
    return ""
