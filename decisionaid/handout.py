"""The printable handout: one context for the HTML page and the PDF, and the PDF itself.

WeasyPrint is imported only when a PDF is asked for, so a machine without its system
libraries still serves every other page.
"""

import datetime

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from decisionaid import catalogue, library, tailoring
from decisionaid.presenters import answer_rows, answer_text, terms_used

STYLESHEET = "css/handout.css"


def handout_context(answers: dict, saved_questions: dict, today: datetime.date) -> dict:
    summary = tailoring.summarise(answers)
    content = library.load()
    questions = catalogue.load()
    offered = {q.id: q.on_paper for q in summary.suggested_questions}
    our_questions = [offered[i] for i in saved_questions["chosen"] if i in offered] + saved_questions["own"]
    situation = [p for p in answer_rows(answers) if p["part"].medical]
    printed = [
        *(f"{o.title} {o.summary} {' '.join(o.comparison.values())}" for o in summary.options_shown),
        *(line for part in situation for row in part["rows"] for line in row["lines"]),
        *our_questions,
    ]
    return {
        "page_title": "Our summary for the care team",
        "today": today,
        "summary": summary,
        "groups_text": content.groups,
        "situation": situation,
        "stage": answer_text(questions.question("decision-stage"), answers.get("decision-stage")),
        "ratings": answer_text(questions.question("what-matters"), answers.get("what-matters") or {}),
        "hopes": answers.get("hopes", ""),
        "worries": answers.get("worries", ""),
        "sure": sure_rows(answers, content.shared_decisions["sure_help"]),
        "decision_style": answer_text(questions.question("decision-style"), answers.get("decision-style")),
        "our_questions": our_questions,
        "terms": terms_used(printed, content.glossary),  # every medical word the paper uses
        "sources": questions.sources,
        "reviewed": content.reviewed,
    }


def sure_rows(answers, help_by_item):
    sure = catalogue.load().question("sure")
    given = answers.get("sure") or {}
    return [
        {
            "question": item.label,
            "answer": sure.label_for(given.get(item.value)),
            "help": help_by_item.get(item.value, "") if given.get(item.value) == "no" else "",
        }
        for item in sure.items
    ]


def render_pdf(context: dict) -> bytes:
    return template_pdf("handout.html", context)


def template_pdf(template: str, context: dict, stylesheet: str = STYLESHEET) -> bytes:
    """A printable page's template as a PDF (the handout, the blank handout, the poster)."""
    from weasyprint import CSS, HTML  # noqa: PLC0415 - needs system libraries; see module doc

    html = render_to_string(template, {**context, "for_pdf": True})
    path = str(finders.find(stylesheet))
    return HTML(string=html, base_url=path).write_pdf(stylesheets=[CSS(filename=path)])
