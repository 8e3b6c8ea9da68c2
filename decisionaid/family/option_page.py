"""An option's own page: all of its detail, its figures, and, once the family can tick questions
to bring, each list of questions in its sections as tick boxes where it stands. So every
question is shown once, among the words that lead to it ("Ask:"), rather than once as a list
and again as tick boxes at the end.
"""

import itertools
import re

from django.utils.safestring import mark_safe

from decisionaid.family import tailoring
from decisionaid.family.presenters import chosen_questions, markdown_html, option_sections
from decisionaid.library import loader
from decisionaid.library.options import OPTION_SECTIONS, tailored

SECTION_LEVEL = 2  # an option's own page: its sections are h2

BULLET = re.compile(r"^[-*] ")


def blocks(markdown_text: str, tickable: dict) -> list[tuple[str, object]]:
    """A section's Markdown as ("markdown", text) and ("questions", [question]) blocks, in order.

    `tickable` maps a question's words to the question the family can tick. A list whose every
    bullet is a question becomes a questions block of those it holds; any it does not hold stay
    a plain list. Everything else stays Markdown, as written."""
    found: list[tuple[str, object]] = []

    def add_markdown(text):
        if found and found[-1][0] == "markdown":
            found[-1] = ("markdown", f"{found[-1][1]}\n\n{text}")
        else:
            found.append(("markdown", text))

    for chunk in (c.strip() for c in re.split(r"\n\s*\n", markdown_text) if c.strip()):
        lines = chunk.splitlines()
        bullets = [BULLET.sub("", line).strip() for line in lines if BULLET.match(line)]
        if not bullets or len(bullets) != len(lines) or not all(b.endswith("?") for b in bullets):
            add_markdown(chunk)
            continue
        plain = [b for b in bullets if b not in tickable]
        if plain:
            add_markdown("\n".join(f"- {b}" for b in plain))
        if len(plain) < len(bullets):
            found.append(("questions", [tickable[b] for b in bullets if b in tickable]))
    return found


def place_the_rest(sections_blocks: list[list], questions) -> list[list]:
    """Every tickable question not in any section's words (a question for this family, from the
    list of questions to ask) joins the last section ("Questions you could ask"): none is lost."""
    placed = {q.id for section in sections_blocks for kind, value in section if kind == "questions" for q in value}
    rest = [q for q in questions if q.id not in placed]
    if rest and sections_blocks:
        last = sections_blocks[-1]
        if last and last[-1][0] == "questions":
            last[-1] = ("questions", [*last[-1][1], *rest])
        else:
            last.append(("questions", rest))
    return sections_blocks


def option_context(option, answers: dict, saved_questions: dict, complete: bool) -> dict:
    """An option's own page: all of its detail, its figures, and its questions to tick."""
    result = tailoring.summarise(answers) if complete else None
    questions = option.questions
    if result is not None:  # with the questions filed under it that fit this family
        questions = [q for q in result.suggested_questions if q.topic == option.title] or list(questions)
    return {
        "page_title": option.title,
        "option": option,
        "sections": with_tick_boxes(option, answers, questions) if result else
        option_sections(option, answers, SECTION_LEVEL),
        "named_for": (named := tailoring.named_for(option, answers if complete else None)),
        "closing": (closing := tailoring.closing(option, named, complete)),
        "why_not": tailoring.why_not(option, answers) if closing == tailoring.NOT_YOURS else "",
        "page_words": loader.load().groups["option_page"],
        "option_questions": questions,
        "chosen": set(chosen_questions(result, saved_questions)) if result else set(),
        "can_choose": result is not None,
    }


def with_tick_boxes(option, answers, questions) -> list[dict]:
    """The sections, each as blocks of HTML and of questions to tick where they stand (each with
    its own group number, for the boxes' ids): every question once, where it stands (blocks)."""
    sections = option_sections(option, answers, SECTION_LEVEL)
    tickable = {q.text: q for q in questions}
    split = [blocks(tailored(option.sections[title], answers), tickable) for title in OPTION_SECTIONS]
    groups = itertools.count()
    for section, section_blocks in zip(sections, place_the_rest(split, questions), strict=True):
        section["blocks"] = [{"questions": value, "group": next(groups)} if kind == "questions" else
                             {"html": mark_safe(markdown_html(value, SECTION_LEVEL + 1))}  # noqa: S308 - reviewed content
                             for kind, value in section_blocks]
    return sections

