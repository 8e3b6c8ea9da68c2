"""The printable handout: one context for the HTML page and the PDF, and the PDF itself.

WeasyPrint is imported only when a PDF is asked for, so a machine without its system
libraries still serves every other page.
"""

import datetime
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from decisionaid import catalogue, library, presenters, tailoring, weighing
from decisionaid.presenters import answer_text, terms_used

STYLESHEET = "css/handout.css"


def handout_context(answers: dict, saved_questions: dict, today: datetime.date, weigh_up=None) -> dict:
    """Page 1 is a front sheet for the care team: what they need in one minute. Then, briefly,
    only the options the family wants to talk about, palliative care, and the words used."""
    summary = tailoring.summarise(answers)
    content = library.load()
    questions = catalogue.load()
    offered = {q.id: q.on_paper for q in summary.suggested_questions}
    chosen = presenters.chosen_questions(summary, saved_questions)
    our_questions = [offered[i] for i in chosen if i in offered] + saved_questions["own"]
    weighed = presenters.weigh_up_words(summary, weighing.WeighUp.from_session(weigh_up), answers)
    options = [row["option"] for row in weighed["weighed"]]
    situation = presenters.situation_in_short(answers, also=ALSO_TOLD_US, then=presenters.UNSURE_TO_TEAM)
    printed = [
        *(f"{o.title} {o.summary} {' '.join(o.comparison.values())}" for o in (*options, summary.palliative)),
        *(answer for line in situation for _, answer in line),
        *our_questions,
    ]
    return {
        "page_title": "Our summary for the care team",
        "today": today,
        "summary": summary,
        "situation_lines": situation,
        "very_important": very_important(answers),
        "all_unsure": set((answers.get("what-matters") or {}).values()) == {"not-sure"},
        "side_effects_note": answers.get("side-effects-details", ""),
        "hopes": answers.get("hopes", ""),
        "worries": answers.get("worries", ""),
        **weighed,
        "options": options,
        "options_combined": content.groups["combined_in_short"],
        "deciding": how_we_want_to_decide(answers),
        "our_questions": our_questions,
        "terms": terms_used(printed, content.glossary),  # every medical word the paper uses
        "sources": questions.sources,
        "reviewed": content.reviewed,
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


def very_important(answers) -> list[str]:
    """What the family rated very important, in the question's own words."""
    grid = catalogue.load().question("what-matters")
    rated = answers.get("what-matters") or {}
    return [item.label for item in grid.items if rated.get(item.value) == "very"]


def render_pdf(context: dict) -> bytes:
    return pdf_from_html(pdf_html(context))


def template_html(template: str, context: dict) -> str:
    """A printable page's template as WeasyPrint reads it (the blank handout, the poster): like
    the handout, it loads nothing but the handout's stylesheet (pdfs.printable_pdf makes it)."""
    return render_to_string(template, {**context, "for_pdf": True})


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
