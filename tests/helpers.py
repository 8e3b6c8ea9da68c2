"""Shared helpers: build a family's answers the way the journey would."""

from decisionaid import catalogue, journey


def default_answer(question):
    """'I'm not sure' where offered, else the first choice; free text left empty."""
    values = [c.value for c in question.choices]
    pick = "not-sure" if "not-sure" in values else values[0] if values else ""
    if question.kind == "grid":
        return {item.value: pick for item in question.items}
    if question.kind == "checkbox":
        return [pick]
    return pick


def complete_answers(**overrides):
    """Answer every question asked, in order, taking overrides (by question id) first."""
    overrides = {key.replace("_", "-"): value for key, value in overrides.items()}
    answers = {}
    while (question := journey.first_unanswered(answers)) is not None:
        answers[question.id] = overrides.get(question.id, default_answer(question))
    return answers


def question(question_id):
    found = catalogue.load().question(question_id)
    assert found is not None, question_id
    return found


# Answers that reach every question, conditional ones included.
EVERY_QUESTION = {
    "cancer-course": "relapsed",
    "treatments-had": ["topotecan", "transplant"],
    "side-effects": ["pain"],
}


def answers_before(question_id):
    """The answers a family has when it reaches this question on the way to every question."""
    answers = {}
    while (question := journey.first_unanswered(answers)).id != question_id:
        answers[question.id] = EVERY_QUESTION.get(question.id, default_answer(question))
    return answers


def forget_code_cookies(client):
    """The device loses its copies of the return code (cleared cookies, another browser)."""
    from decisionaid.saving_views import CODE_COOKIES

    for name in CODE_COOKIES:
        client.cookies.pop(name, None)
