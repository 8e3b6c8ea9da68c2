"""The printable handout: one context for the HTML page and the PDF, and the PDF itself.

WeasyPrint is imported only when a PDF is asked for, so a machine without its system
libraries still serves every other page.
"""

import datetime
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from decisionaid import catalogue, hospital, library, presenters, tailoring, weighing
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
    very, deciding = items_rated(answers), how_we_want_to_decide(answers)
    details = hospital.Details()  # read once: the front sheet's room, then its contacts
    busy = lines_besides_questions(situation, answers, very, deciding, weighed, details.contacts)
    front, rest = front_sheet(answers, weighed["weighed"], our_questions, QUESTION_LINES - busy)
    return {
        "hospital": details,
        "front": front,
        "rest": rest,
        "page_title": "Our summary for the care team",
        "today": today,
        "summary": summary,
        "situation_lines": situation,
        "very_important": very,
        "somewhat_important": items_rated(answers, "somewhat"),
        "all_unsure": set((answers.get("what-matters") or {}).values()) == {"not-sure"},
        **weighed,
        "options": options,
        "options_combined": content.groups["combined_in_short"],
        "deciding": deciding,
        "deciding_together": deciding_together(answers, content.shared_decisions),
        "our_questions": our_questions,
        "terms": terms_used(printed, content.glossary),  # every medical word the paper uses
        "sources": questions.sources,
        "reviewed": content.reviewed,
    }


# What fits on the one printed front sheet, with every other part of it at its longest (measured
# with WeasyPrint: tests/test_handout.py). Longer words, more options or more questions go on the
# next page, and the front sheet says so: nothing is cut off unsaid.
FRONT_SHEET_MOST = {"own_words": 120, "reason": 70, "options": 2, "questions": 12}


def shortened(text: str, most: int) -> str:
    """The text, or its first words up to `most` letters and "…" ."""
    if len(text) <= most:
        return text
    return text[:most].rsplit(" ", 1)[0].rstrip(" ,.;:") + " …"


# The front sheet's room for everything but its fixed parts, in lines across the page (9.5 pt
# type; a column holds about half a line's letters). Measured with Chromium printing on US Letter,
# the shorter paper: browser/test_summary.py prints the fullest front sheet on A4 and Letter.
QUESTION_LINES = 42
LETTERS_ACROSS, LETTERS_IN_A_COLUMN = 80, 46


def lines(text: str, across: int = LETTERS_ACROSS) -> int:
    return -(-len(text) // across) if text else 0


def lines_besides_questions(situation, answers, very, deciding, weighed, contacts) -> int:
    """About how many lines the front sheet's other parts take: the contacts, the situation,
    and the taller of its two columns."""
    most = FRONT_SHEET_MOST
    left = (sum(lines(item, LETTERS_IN_A_COLUMN) for item in very)
            + sum(lines(answers.get(key, "")[:most["own_words"]], LETTERS_IN_A_COLUMN) for key in ("hopes", "worries"))
            + sum(lines(f"{what}: {answer}", LETTERS_IN_A_COLUMN) for what, answer in deciding))
    right = sum(2 + 2 * lines("x" * most["reason"], LETTERS_IN_A_COLUMN) for _ in weighed["weighed"][:most["options"]])
    right += 10 if weighed["sure_answers"] else 1
    return (2 * len(contacts) + sum(lines(" ".join(f"{w}: {a}" for w, a in line)) for line in situation)
            + lines(answers.get("side-effects-details", "")[:most["own_words"]])
            + max(left, right) + lines("; ".join(weighed["next_steps"])))


def front_sheet(answers: dict, weighed: list[dict], questions: list[str], room: int) -> tuple[dict, dict]:
    """What the front sheet shows, and what it leaves for the page after it ("In full"): the
    questions take the `room` left, in lines, two columns of them."""
    most = FRONT_SHEET_MOST
    texts = {key: answers.get(key, "") for key in ("hopes", "worries", "side-effects-details")}
    options = [{"title": row["option"].title,
                "for": shortened(row["reasons"].get("for", ""), most["reason"]),
                "against": shortened(row["reasons"].get("against", ""), most["reason"])}
               for row in weighed[:most["options"]]]
    shown, taken = [], 0
    for question in questions[:most["questions"]]:
        taken += lines(question, LETTERS_IN_A_COLUMN)
        if taken > 2 * room:  # two columns
            break
        shown.append(question)
    front = {
        **{key.replace("-", "_"): shortened(text, most["own_words"]) for key, text in texts.items()},
        "options": options,
        "more_options": [row["option"].title for row in weighed[most["options"]:]],
        "questions": shown,
    }
    cut_texts = {key.replace("-", "_"): text for key, text in texts.items() if len(text) > most["own_words"]}
    cut_reasons = [row for row, short in zip(weighed, options, strict=False)
                   if any(short[side] != row["reasons"].get(side, "") for side in ("for", "against"))]
    rest = {
        **cut_texts,
        "reasons": cut_reasons + weighed[most["options"]:],
        "questions": questions[len(shown):],
        "questions_from": len(shown) + 1,
    }
    rest["in_full"] = bool(cut_texts or rest["reasons"])  # what the family wrote, past the front sheet
    front["continues"] = bool(rest["in_full"] or rest["questions"])
    return front, rest


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


def render_pdf(context: dict, run=lambda work, *args: work(*args)) -> bytes:
    """The handout as a PDF whose front sheet is exactly one page. The front sheet's parts are
    already held to what fits (FRONT_SHEET_MOST); should it still run over (a long list of
    contacts, many long questions), its last questions move to the page after, until it fits.
    `run` does the layout and writing (pdfs.at_low_priority); the templates are rendered here,
    in the request's own thread, where the database connection is."""
    front, rest = dict(context["front"]), dict(context["rest"])
    while True:
        document = run(pdf_document, pdf_html({**context, "front": front, "rest": rest}))
        fits = len(document.pages) > 1 and AFTER_FRONT_SHEET in document.pages[1].anchors
        if fits or not front["questions"]:
            return run(document.write_pdf)
        moved = front["questions"][-QUESTIONS_MOVED_AT_ONCE:]
        front["questions"] = front["questions"][:-QUESTIONS_MOVED_AT_ONCE]
        rest["questions"] = moved + rest["questions"]
        rest["questions_from"] = len(front["questions"]) + 1
        front["continues"] = True


AFTER_FRONT_SHEET = "after-front-sheet"  # the id of what follows the front sheet in handout.html
QUESTIONS_MOVED_AT_ONCE = 2


def template_html(template: str, context: dict) -> str:
    """A printable page's template as WeasyPrint reads it (the blank handout, the poster): like
    the handout, it loads nothing but the handout's stylesheet (pdfs.printable_pdf makes it)."""
    return render_to_string(template, {**context, "for_pdf": True})


def pdf_html(context: dict) -> str:
    """The handout as WeasyPrint reads it: no site links, no scripts, no stylesheet link."""
    return render_to_string("handout.html", {**context, "for_pdf": True})


def pdf_from_html(html: str) -> bytes:
    return pdf_document(html).write_pdf()


def pdf_document(html: str):
    """The page laid out by WeasyPrint, before it is written: its pages say where each id fell."""
    from weasyprint import CSS, HTML  # noqa: PLC0415 - needs system libraries; see module doc

    fetcher = only_the_stylesheet()
    stylesheet = CSS(url=STYLESHEET_URL, url_fetcher=fetcher)
    return HTML(string=html, base_url=STYLESHEET_URL, url_fetcher=fetcher).render(stylesheets=[stylesheet])


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
