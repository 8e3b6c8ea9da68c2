"""Turn stored answers into words for pages (check your answers, summary, handout)."""

import functools
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from decisionaid import catalogue, codes, journey, library, tailoring
from decisionaid.answers import OWN_QUESTION_MAX_LENGTH


def answer_text(question, answer) -> list[str]:
    """The family's answer as lines of plain words."""
    if question.kind == "grid":
        return [f"{item.label}{'' if item.label.endswith('?') else ':'} {question.label_for(answer.get(item.value))}"
                for item in question.items]
    if question.kind == "checkbox":
        return [question.label_for(value) for value in answer]
    if question.kind == "text":
        return [answer] if answer else []
    return [question.label_for(answer)]


def answer_rows(answers: dict) -> list[dict]:
    """Every question asked on these answers, grouped by part, with the family's answer."""
    asked = journey.questions_to_ask(answers)
    return [
        {
            "part": part,
            "rows": [
                {"question": q, "lines": answer_text(q, answers.get(q.id))}
                for q in asked
                if q.part == part.id and q.id in answers
            ],
        }
        for part in catalogue.load().parts
    ]


def terms_used(texts, glossary) -> list:
    """The glossary terms that appear in these texts, so they are explained where they appear."""
    words = " ".join(texts).lower()
    return [term for term, pattern in _term_patterns(glossary) if pattern.search(words)]


@functools.cache
def _term_patterns(glossary) -> tuple:
    """Each term's pattern, compiled once: the glossary never changes while the app runs. (The
    texts searched may hold what a family typed, so no result is ever kept.)"""
    return tuple((t, re.compile(rf"\b{re.escape(t.term.lower())}\b")) for t in glossary)


def option_terms(option, glossary) -> list:
    return terms_used([option.summary, *option.sections.values()], glossary)


def out_of_100(number) -> str:
    """'about 30 out of 100 children in that study', one denominator everywhere."""
    qualifier = "" if number.qualifier == "exactly" else number.qualifier
    words = f"{qualifier} {number.out_of_100} out of 100 {number.group}".strip()
    return f"{words}, {number.time_frame}" if number.time_frame else words


def summary_context(answers: dict, saved_questions: dict) -> dict:
    """Everything the summary page shows, from the answers and the family's questions."""
    result = tailoring.summarise(answers)
    content = library.load()
    situation = [p for p in answer_rows(answers) if p["part"].medical]
    restated = [f"{row['question'].in_short} {' '.join(row['lines'])}" for p in situation for row in p["rows"]]
    table = [f"{o.title} {' '.join(o.comparison.values())}" for o in result.options_shown]
    return {
        "page_title": "Your summary",
        "summary": result,
        "situation": situation,
        # Medical words explained where they appear: under the situation and its notes, and
        # under the side-by-side table; each option card explains its own.
        "situation_terms": terms_used([*restated, *(n.text for n in result.notes)], content.glossary),
        "comparison_terms": terms_used(table, content.glossary),
        # Rendered content is cached by this (see summary.html): it changes when a file does.
        "content_version": content.version,
        "chosen": set(saved_questions["chosen"]),
        "own_questions": saved_questions["own"],
        "own_question_max": OWN_QUESTION_MAX_LENGTH,
        "shared_what_it_is": content.shared_decisions["what_it_is"],
        "reviewed": content.reviewed,
    }


def return_code(code: str, return_url: str) -> dict:
    """A return code as pages and the handout show it: six words, the address to type them
    at, and a QR code of the return link.

    The code goes after '#' in the link: browsers never send that part to the server, so the
    code never appears in a server's or a proxy's access log."""
    link = f"{return_url}#{codes.for_link(code)}"
    return {
        "words": codes.words(code),
        "spoken": " ".join(codes.words(code)),
        "address": without_scheme(return_url),
        "qr": qr_svg(link, "QR code that opens the page for your return code"),
    }


def qr_svg(link: str, label: str):
    """A QR code of a link as inline SVG: no style attributes, so the strict Content Security
    Policy allows it, and no request to any other site."""
    import segno  # noqa: PLC0415 - only pages that show a QR code need it

    svg = segno.make(link, error="m").svg_inline(
        scale=1, omitsize=True, svgclass="qr__code", lineclass="qr__dark", dark="#000", light="#fff"
    )
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return mark_safe(svg)  # noqa: S308 - made by segno from our own link, nothing typed


def without_scheme(url: str) -> str:
    """An address as people type it: 'aid.example.org/return/'."""
    return re.sub(r"^https?://", "", url)
