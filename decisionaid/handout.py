"""The printable handout: one context for the HTML page and the PDF, and the PDF itself.

WeasyPrint is imported only when a PDF is asked for, so a machine without its system
libraries still serves every other page.
"""

import datetime
from pathlib import Path

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
        *(f"{o.title} {o.summary} {' '.join(o.comparison.values())}" for o in summary.leading),
        *(line for part in situation for row in part["rows"] for line in row["lines"]),
        *our_questions,
    ]
    return {
        "page_title": "Our summary for the care team",
        "today": today,
        "summary": summary,
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


def pdf_html(context: dict) -> str:
    """The handout as WeasyPrint reads it: no site links, no scripts, no stylesheet link."""
    return render_to_string("handout.html", {**context, "for_pdf": True})


def pdf_from_html(html: str) -> bytes:
    from weasyprint import CSS, HTML  # noqa: PLC0415 - needs system libraries; see module doc

    fetcher = only_the_stylesheet()
    stylesheet = CSS(url=STYLESHEET_URL, url_fetcher=fetcher)
    return HTML(string=html, base_url=STYLESHEET_URL, url_fetcher=fetcher).write_pdf(stylesheets=[stylesheet])


# The one address WeasyPrint may load: the handout's stylesheet, under a scheme of its own, so
# no relative address in the page can become a file on this server or a request to anywhere.
STYLESHEET_URL = "handout:css/handout.css"


def only_the_stylesheet():
    """WeasyPrint's URL fetcher, refusing everything but the handout's own stylesheet (a file,
    a web address, an image a page might carry), whatever reaches the HTML."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: PLC0415 - see module doc

    class OnlyTheStylesheet(URLFetcher):
        def fetch(self, url, headers=None):
            if url != STYLESHEET_URL:
                raise ValueError("the handout PDF loads nothing but its own stylesheet")
            css = Path(finders.find(STYLESHEET)).read_bytes()
            return URLFetcherResponse(url, css, {"Content-Type": "text/css; charset=utf-8"})

    return OnlyTheStylesheet()
