"""Turn stored answers into words for pages (check your answers, summary, handout)."""

import functools
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from decisionaid import catalogue, codes, journey, library, tailoring
from decisionaid.answers import OWN_QUESTION_MAX_LENGTH
from decisionaid.library import text_id


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


TIME_NOT_GIVEN = "The source does not say over what time."


def amounts(number) -> tuple[str, str]:
    """The figure and its complement in words: the seed's counts where it gives them, else
    out of 100; an upper limit stays an upper limit ("fewer than 10", "more than 90")."""
    if number.has_counts:
        return f"{number.count} of {number.total}", f"{number.total - number.count} of {number.total}"
    n, rest = number.out_of_100, 100 - number.out_of_100
    if number.bound == "fewer-than":
        return f"fewer than {n} out of 100", f"more than {rest} out of 100"
    about = "about " if number.bound == "about" else ""
    return f"{about}{n} out of 100", f"{about}{rest} out of 100"


def figure_words(number) -> str:
    """One sentence naming the outcome, the group, the figure and its complement:
    "The cancer shrank in 14 of 17 patients with a new relapse; it did not shrink in 3 of 17."
    """
    amount, rest = amounts(number)
    if number.phrasing == "were":
        happened = f"{number.happened} {number.time_frame}".strip()
        text = f"{amount} {number.group} {happened}; {rest} {number.did_not}."
    else:
        text = f"{number.happened} in {amount} {number.group}; {number.did_not} in {rest}."
        if number.time_frame:
            text += f" This was {number.time_frame}."
    return text[0].upper() + text[1:]


def figure(number, age_answer) -> dict:
    """A figure as every page shows it. A figure about adults is drawn only for the family of
    someone 18 or older; for a child under 18 it is only mentioned, as being about adults."""
    adult_for_a_child = number.adults_only and age_answer != "18-or-older"
    return {
        "number": number,
        "words": figure_words(number),
        "time": "" if number.time_frame else TIME_NOT_GIVEN,
        "drawn": not adult_for_a_child,
        "mentioned_only": adult_for_a_child and age_answer == "under-18",
    }


SECTION_HEADINGS = {"Questions to ask": "Questions you could ask"}


def option_sections(option, age_answer, level) -> list[dict]:
    """An option's sections as a page shows them, each with its figures: the same headings,
    in the same order, for every option (palliative and hospice care too)."""
    sections = []
    for title in library.OPTION_SECTIONS:
        figures = [figure(n, age_answer) for n in option.numbers_in(title)]
        sections.append({
            "title": SECTION_HEADINGS.get(title, title),
            "html": mark_safe(markdown_html(option.sections[title], level + 1)),  # noqa: S308 - reviewed content
            "figures": figures,
            "survival": any(f["number"].survival for f in figures),
        })
    return sections


@functools.cache
def markdown_html(text, heading_level):
    """Content never changes while the app runs, so neither does its HTML. A '###' inside a
    section becomes the level below the section's own heading, so headings never skip."""
    import markdown  # noqa: PLC0415

    return re.sub(r"<(/?)h3>", rf"<\g<1>h{heading_level}>", markdown.markdown(text))


def summary_context(answers: dict, saved_questions: dict) -> dict:
    """Everything the summary page shows, from the answers and the family's questions."""
    result = tailoring.summarise(answers)
    content = library.load()
    situation = [p for p in answer_rows(answers) if p["part"].medical]
    restated = [f"{row['question'].in_short} {' '.join(row['lines'])}" for p in situation for row in p["rows"]]
    table = [f"{o.title} {' '.join(o.comparison.values())}" for o in result.options_shown]
    age = answers.get("age")
    return {
        "page_title": "Your summary",
        "summary": result,
        "groups_text": content.groups,
        "option_groups": option_groups(result, age, content.groups),
        "age_answer": age or "",
        "option_ids": " ".join(o.id for o in result.options_shown),
        "palliative_sections": option_sections(result.palliative, age, 3),
        "hospice_sections": option_sections(result.hospice, age, 3),
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


def option_groups(result, age_answer, groups_text) -> list[dict]:
    """Each group of options as the summary shows it: its data-group name, heading, words and
    one card an option (its sections, figures and the reasons it is put forward)."""
    return [
        {
            "name": name,
            **groups_text[name],
            # What the cached cards depend on: which options, and why each is put forward.
            "ids": " ".join(f"{o.id}:{text_id(' '.join(r.situation for r in result.reasons.get(o.id, ())))}"
                            for o in options),
            "cards": [
                {"option": o, "reasons": result.reasons.get(o.id, ()), "sections": option_sections(o, age_answer, 4)}
                for o in options
            ],
        }
        for name, options in result.groups
    ]


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
