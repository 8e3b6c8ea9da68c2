"""Check your answers: every answer as a row, and the way back to a row after changing it.

Each row has an id (its anchor), so "Change" can bring the family back to the row they
changed rather than to the top of a long page.
"""

from decisionaid.family import journey
from decisionaid.family.presenters import answer_text
from decisionaid.library import catalogue


def row_anchor(question_id: str) -> str:
    """The id of a question's row on check your answers (the template writes the same)."""
    return f"row-{question_id}"


def answer_rows(answers: dict) -> list[dict]:
    """Every question asked on these answers, grouped by part, with the family's answer.

    A rating (a grid's answer) comes first, in its own words, so "Very important" is seen at
    the start of the line rather than at the end of a long phrase."""
    asked = journey.questions_to_ask(answers)
    return [
        {
            "part": part,
            "rows": [
                {"question": q, "lines": answer_text(q, answers.get(q.id)), "ratings": ratings(q, answers.get(q.id))}
                for q in asked
                if q.part == part.id and q.id in answers
            ],
        }
        for part in catalogue.load().parts
    ]


def ratings(question, answer) -> list[tuple[str, str]]:
    """(rating, item) for each item of a grid question, in the question's order; else []."""
    if question.kind != "grid":
        return []
    return [(question.label_for(answer.get(item.value)), item.label) for item in question.items]
