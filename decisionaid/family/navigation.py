"""Where a question leads: its address, the next question or the one before, and the row on
check your answers that a change comes back to."""

from django.urls import reverse

from decisionaid.family import journey
from decisionaid.family.checking import row_anchor
from decisionaid.library import catalogue


def question_url(question, changing=""):
    """A question's address. `changing`: the question whose row on check your answers to come
    back to (or True: this question's), carried through the follow-up questions a change asks."""
    url = reverse("question", args=[question.id])
    if not changing:
        return url
    row = "" if changing is True or changing == question.id else f"&row={changing}"
    return f"{url}?change=1{row}"


def row_being_changed(request, question) -> str:
    """On a question reached by "Change" (?change=1): the question whose row on check your
    answers to come back to (`row`, a question of ours, else this one); otherwise ""."""
    if request.GET.get("change") != "1":
        return ""
    row = request.GET.get("row", "")
    return row if catalogue.load().question(row) is not None else question.id


def check_answers_at(question_id: str) -> str:
    """Check your answers, at the row of this question."""
    return f"{reverse('check_answers')}#{row_anchor(question_id)}"


def where_next(answers, question, changing):
    """After an answer: the next question, or back to the changed row when changing."""
    if changing:
        unanswered = journey.first_unanswered(answers)
        return question_url(unanswered, changing) if unanswered else check_answers_at(changing)
    following = journey.next_question(answers, question)
    if following:
        return question_url(following)
    unanswered = journey.first_unanswered(answers)
    return question_url(unanswered) if unanswered else reverse("check_answers")


def back_from(answers, question, changing) -> str:
    """A question's Back link: to the row being changed, else the question before, else the start."""
    previous = journey.previous_question(answers, question)
    return check_answers_at(changing) if changing else question_url(previous) if previous else reverse("start")
