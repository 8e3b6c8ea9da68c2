"""Turn stored answers into words for pages (check your answers, summary, handout)."""

import functools
import re

from decisionaid import catalogue, journey


def answer_text(question, answer) -> list[str]:
    """The family's answer as lines of plain words."""
    if question.kind == "grid":
        return [f"{item.label}: {question.label_for(answer.get(item.value))}" for item in question.items]
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
    return list(_terms_in(" ".join(texts).lower(), glossary))


@functools.lru_cache(maxsize=256)
def _terms_in(words, glossary) -> tuple:
    """Content does not change while the app runs and the texts are few (an option's words, or
    the options a handout shows), so each is searched once, not on every request."""
    return tuple(t for t in glossary if re.search(rf"\b{re.escape(t.term.lower())}\b", words))


def option_terms(option, glossary) -> list:
    return terms_used([option.summary, *option.sections.values()], glossary)


def out_of_100(number) -> str:
    """'about 30 out of 100 children in that study', one denominator everywhere."""
    qualifier = "" if number.qualifier == "exactly" else number.qualifier
    words = f"{qualifier} {number.out_of_100} out of 100 {number.group}".strip()
    return f"{words}, {number.time_frame}" if number.time_frame else words
