"""The family's summary, each option's own page, the options side by side, and the words A to Z."""

from django.http import Http404
from django.views.decorators.http import require_safe

from decisionaid.family import journey, presenters, tailoring
from decisionaid.family.answers import Answers
from decisionaid.family.option_page import option_context
from decisionaid.family.presenters import glossary_a_to_z, summary_context
from decisionaid.family.views import unfinished_journey
from decisionaid.library import catalogue, loader
from decisionaid.saving.offer import save_offer
from decisionaid.saving.views import erased_after_saving
from decisionaid.site.pages import render_page


@require_safe
def summary(request):
    store = Answers(request.session)
    answers = store.data
    if store.erased_after_saving:
        return erased_after_saving(request)
    if redirect_to := unfinished_journey(request, answers):
        return redirect_to
    context = summary_context(answers, store.questions_to_bring, store.weigh_up)
    return render_page(request, "family/summary.html", {
        **context, "saved": request.GET.get("saved"), "save_offer": save_offer(store),
    })


@require_safe
def option_page(request, option_id):
    """One option with all of its detail; open to anyone, tailored once the journey is complete."""
    content = loader.load()
    option = next((o for o in (*content.options, content.palliative, content.hospice) if o.id == option_id), None)
    if option is None:
        raise Http404("No such option")
    store = Answers(request.session)
    answers = store.data
    context = option_context(option, answers, store.questions_to_bring, journey.is_complete(answers))
    return render_page(request, "family/option.html", {**context, "saved": request.GET.get("saved")})


@require_safe
def compare(request):
    """The options side by side: grouped as the family's summary groups them, else A to Z."""
    content = loader.load()
    answers = Answers(request.session).data
    if journey.is_complete(answers):
        summary = tailoring.summarise(answers)
        groups = [(content.groups[words]["heading"], options) for _, words, options in summary.groups]
    else:
        groups = [("", tuple(sorted(content.options, key=lambda o: o.title.lower())))]
    table = [f"{o.title} {' '.join(o.comparison.values())}" for _, options in groups for o in options]
    return render_page(request, "family/compare.html", {
        "page_title": "The options side by side", "groups": groups, "palliative": content.palliative,
        "combined": content.groups["combined"],
        "terms": presenters.terms_used(table, content.glossary),
    })


@require_safe
def words(request):
    """Every medical word the tool explains, A to Z: each "Words used here" links here."""
    content = loader.load()
    sources = {source for term in content.glossary for source in term.sources}
    return render_page(request, "family/words.html", {
        "page_title": "Words used here, A to Z",
        "has_answers": journey.is_complete(Answers(request.session).data),
        "letters": glossary_a_to_z(content.glossary),
        "sources": [s for s in catalogue.load().sources if s.id in sources],
    })
