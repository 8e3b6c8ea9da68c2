"""Pure functions of the family's answers: which questions to ask, in what order, and
whether the journey is complete. No requests, sessions or database here."""

from dataclasses import dataclass

from decisionaid.library import catalogue, conditions
from decisionaid.library.catalogue import Question


def questions_to_ask(answers: dict) -> list[Question]:
    """Every question whose condition holds, in the order of questions.yaml."""
    return [q for q in catalogue.load().questions if conditions.holds(q.asked_when, answers)]


def is_asked(answers: dict, question: Question) -> bool:
    return conditions.holds(question.asked_when, answers)


def relevant_answers(answers: dict) -> dict:
    """Drop answers to questions that earlier answers have made irrelevant.

    Repeated until nothing changes, because dropping one answer can make another irrelevant.
    """
    while True:
        asked = {q.id for q in questions_to_ask(answers)}
        kept = {qid: value for qid, value in answers.items() if qid in asked}
        if kept == answers:
            return kept
        answers = kept


def first_unanswered(answers: dict) -> Question | None:
    return next((q for q in questions_to_ask(answers) if q.id not in answers), None)


def is_complete(answers: dict) -> bool:
    return first_unanswered(answers) is None


def unanswered_before(answers: dict, question: Question) -> Question | None:
    """The first question to ask before this one that has no answer yet, if any."""
    order = catalogue.load().questions
    position = order.index(question)
    return next(
        (q for q in questions_to_ask(answers) if order.index(q) < position and q.id not in answers),
        None,
    )


def next_question(answers: dict, question: Question) -> Question | None:
    """The question to ask after this one, or None when it was the last."""
    return _neighbour(answers, question, step=1)


def previous_question(answers: dict, question: Question) -> Question | None:
    return _neighbour(answers, question, step=-1)


def _neighbour(answers, question, step):
    ordered = catalogue.load().questions
    index = ordered.index(question) + step
    while 0 <= index < len(ordered):
        if is_asked(answers, ordered[index]):
            return ordered[index]
        index += step
    return None


@dataclass(frozen=True)
class Progress:
    part_number: int
    part_count: int
    part_title: str
    number_in_part: int
    count_in_part: int  # every question the part can ask: a total that never changes with answers
    count_is_exact: bool  # False when some of them are asked only after certain answers
    names_the_decision: bool  # the first question about the family's own view of the decision

    def __str__(self):
        count = self.count_in_part if self.count_is_exact else f"up to {self.count_in_part}"
        return f"Part {self.part_number} of {self.part_count}, question {self.number_in_part} of {count}"


def progress(answers: dict, question: Question) -> Progress:
    """Where this question sits in its part.

    The total is the same on every page of a part, whatever the answers: a total that grew as
    answers unlocked questions ("1 of 9", then "2 of 10") would leave a family never sure how
    far they had come. When some questions may be skipped it is "up to" that many. The number
    counts the questions these answers lead to, so it never passes the total.
    Only for a question that is asked on these answers (see is_asked)."""
    content = catalogue.load()
    part_index = next(i for i, p in enumerate(content.parts) if p.id == question.part)
    part = content.parts[part_index]
    in_part = [q for q in content.questions if q.part == part.id]
    asked_in_part = [q for q in questions_to_ask(answers) if q.part == part.id]
    number = asked_in_part.index(question) + 1
    return Progress(
        part_number=part_index + 1,
        part_count=len(content.parts),
        part_title=part.title,
        number_in_part=number,
        count_in_part=len(in_part),
        count_is_exact=all(q.asked_when is None for q in in_part),
        # The medical parts come first; the decision is named where the family's own part begins.
        names_the_decision=number == 1 and part == next((p for p in content.parts if not p.medical), None),
    )
