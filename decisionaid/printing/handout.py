"""The printable handout: one context for the HTML page and the PDF, and the PDF's HTML
(pdf_process.py makes the PDF of it; front_sheet.py works out what page 1 holds).
"""

import datetime

from django.template.loader import render_to_string

from decisionaid.family import presenters, tailoring
from decisionaid.family.presenters import answer_text, terms_used
from decisionaid.hospital import organisation
from decisionaid.library import catalogue, loader
from decisionaid.printing import front_sheet
from decisionaid.weighing import rules
from decisionaid.weighing.presenters import weigh_up_words


def handout_context(answers: dict, saved_questions: dict, today: datetime.date, weigh_up=None) -> dict:
    """Page 1 is a front sheet for the care team: what they need in one minute. Then, briefly,
    only the options the family wants to talk about, palliative care, and the words used."""
    summary = tailoring.summarise(answers)
    content = loader.load()
    questions = catalogue.load()
    offered = {q.id: q.on_paper for q in summary.suggested_questions}
    chosen = presenters.chosen_questions(summary, saved_questions)
    our_questions = [offered[i] for i in chosen if i in offered] + saved_questions["own"]
    weighed = weigh_up_words(summary, rules.WeighUp.from_session(weigh_up), answers)
    options = [row["option"] for row in weighed["weighed"]]
    situation = presenters.situation_in_short(answers, also=ALSO_TOLD_US, then=presenters.UNSURE_TO_TEAM)
    printed = [
        *(f"{o.title} {o.summary} {' '.join(o.comparison.values())}" for o in (*options, summary.palliative)),
        *(answer for line in situation for _, answer in line),
        *our_questions,
    ]
    very, deciding = items_rated(answers), how_we_want_to_decide(answers)
    details = organisation.Details()  # read once: the front sheet's room, then its contacts
    parts = {"answers": answers, "situation": situation, "very_important": very, "deciding": deciding,
             "contacts": details.contacts, **weighed}
    front, rest = front_sheet.front_sheet(parts, our_questions)  # for the browser's print, on either paper
    pdf_front, pdf_rest = front_sheet.front_sheet(parts, our_questions, front_sheet.A4_LINES)  # the PDF is A4
    return {
        "hospital": details,
        "front": front,
        "rest": rest,
        "pdf_sheet": {"front": pdf_front, "rest": pdf_rest},
        "front_sheet_parts": parts,
        "page_title": "Our summary for the care team",
        "today": today,
        "summary": summary,
        "situation_lines": situation,
        "very_important": very,
        "somewhat_important": items_rated(answers, "somewhat"),
        "all_unsure": set((answers.get("what-matters") or {}).values()) == {"not-sure"},
        **weighed,
        "options": options,
        "sure_help_on_paper": rules.sure_help_on_paper(rules.WeighUp.from_session(weigh_up)),
        "options_combined": content.groups["combined_in_short"],
        "deciding": deciding,
        "deciding_together": deciding_together(answers, content.shared_decisions),
        "our_questions": our_questions,
        "terms": terms_used(printed, content.glossary),  # every medical word the paper uses
        "sources": questions.sources,
        "reviewed": content.last_reviewed,
    }


# What the front sheet adds to the situation: the rest of what the family said about the illness.
ALSO_TOLD_US = ("when-came-back", "health-now", "transplant-count", "topotecan-response", "side-effects",
                "tumour-tested", "mibg-scan", "mycn", "age")


def how_we_want_to_decide(answers) -> list[tuple[str, str]]:
    """The answers about deciding, and on one line at the end, those the family is not sure of."""
    questions = catalogue.load()
    answered = [q for q in map(questions.question, ("decision-stage", "who-decides", "decision-style",
                                                    "child-involvement")) if answers.get(q.id)]
    known = [(q.in_short, "; ".join(answer_text(q, answers[q.id]))) for q in answered
             if answers[q.id] != catalogue.NOT_SURE]
    unsure = [q.in_short for q in answered if answers[q.id] == catalogue.NOT_SURE]
    return known + ([("Not sure yet", presenters.unsure_in_words(unsure))] if unsure else [])


def deciding_together(answers, shared) -> list[str]:
    """The who-decides and child prompts, in the family's voice to the team."""
    prompts = {"who-decides": shared["who_decides_on_paper"], "child-involvement": shared["child_involvement_on_paper"]}
    return [words for question, said in prompts.items() if (words := said.get(answers.get(question)))]


def items_rated(answers, rating="very") -> list[str]:
    """What the family rated very important (or `rating`), in short (each without its cost
    clause, alike)."""
    grid = catalogue.load().question("what-matters")
    rated = answers.get("what-matters") or {}
    return [item.in_short or item.label for item in grid.items if rated.get(item.value) == rating]


def template_html(template: str, context: dict) -> str:
    """A printable page's template as WeasyPrint reads it (the blank handout, the poster): like
    the handout, it loads nothing but the handout's stylesheet (pdfs.printable_pdf makes it)."""
    return render_to_string(template, {**context, "for_pdf": True})


def pdf_html(context: dict) -> str:
    """The handout as WeasyPrint reads it: no site links, no scripts, no stylesheet link; its
    front sheet as it fits on A4."""
    return render_to_string("printing/handout.html", {**context, **context["pdf_sheet"], "for_pdf": True})


def refit(context: dict, measured: dict) -> str:
    """The handout's HTML again, its front sheet worked out from what the PDF's first layout
    `measured` (pdf_render.measured: the second and last layout)."""
    sheet = context["pdf_sheet"]
    front, rest = front_sheet.refit(context["front_sheet_parts"], sheet["front"], sheet["rest"],
                                    context["our_questions"], measured)
    return pdf_html({**context, "pdf_sheet": {"front": front, "rest": rest}})
