"""The families the benchmark and the load script follow through the real journey.

A plan maps a question id to an answer value (a list for several, a mapping for a grid).
Anything not in a plan is answered "I'm not sure" where offered, else the first choice,
the same rule as tests/helpers.py.
"""

from decisionaid.library import catalogue

NOT_SURE = "not-sure"


def plan_from_words(words: dict) -> dict:
    """A family written as the page shows it (question text -> answer labels), as ids and values."""
    questions = {q.text: q for q in catalogue.load().questions}
    plan = {}
    for text, answer in words.items():
        question = questions[text]
        if question.kind == "text":
            plan[question.id] = answer
            continue
        by_label = {c.label: c.value for c in question.choices}
        if question.kind == "grid":
            items = {i.label: i.value for i in question.items}
            plan[question.id] = {items[item]: by_label[label] for item, label in answer.items()}
        elif isinstance(answer, list):
            plan[question.id] = [by_label[label] for label in answer]
        else:
            plan[question.id] = by_label[answer]
    return plan


def typical_family() -> dict:
    """The high-risk family of the browser tests (tests/browser/family.py)."""
    from tests.browser.family import HIGH_RISK_FAMILY  # the browser tests' own family

    return plan_from_words(HIGH_RISK_FAMILY)


def heaviest_family() -> dict:
    """The most a summary shows: high risk and an ALK change put forward the most options a
    source ties to a situation (the rest follow as "others"); topotecan brings
    its note; everything that matters is "very important", so the summary and handout carry
    every prompt."""
    def every_item(question_id, value):
        return {item.value: value for item in catalogue.load().question(question_id).items}

    return {
        "cancer-course": "relapsed",
        "risk-group": "high",
        "alk": "yes",
        "treatments-had": ["topotecan", "transplant", "anti-gd2"],
        "transplant-count": "once",
        "topotecan-response": "yes",
        "health-now": "some-problems",
        "what-matters": every_item("what-matters", "very"),
        "hopes": "That she can be at home for her birthday, with her brother and the dog.",
        "worries": "That the treatment will make her feel worse and keep her in hospital.",
    }


def every_question_family() -> dict:
    """Answers that make every question be asked (tests/site/test_html_valid.py's EVERY_QUESTION)."""
    return {"cancer-course": "relapsed", "treatments-had": ["topotecan", "transplant"], "side-effects": ["pain"]}


def answer_form(question_id: str, form, plan: dict) -> dict:
    """The fields to post for one question form, answered from the plan."""
    wanted = plan.get(question_id)
    data = dict(form.hidden)
    for name, (kind, values) in form.choices.items():
        # A grid names each field after its item; other questions have one field.
        answer = wanted.get(name) if isinstance(wanted, dict) else wanted
        if answer is None:
            answer = NOT_SURE if NOT_SURE in values else values[0]
        if kind == "checkbox":
            data[name] = answer if isinstance(answer, list) else [answer]
        else:
            data[name] = answer
    for name in form.texts:
        data[name] = wanted if isinstance(wanted, str) else ""
    return data
