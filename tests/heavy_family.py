"""The security review's heaviest family (N1), through the real journey's forms: 1,000 "W" in
its hopes, worries and side-effects details, 30 questions of its own of 300 "W", and every
option weighed up with 1,000-"W" reasons for and against. And the front sheet's heaviest
answers and weigh-up (every_answer_given, weighed_up: tests/printing/test_front_sheet_pages.py)."""

from decisionaid.family import journey
from decisionaid.library import loader
from decisionaid.weighing import rules
from tests.helpers import complete_answers
from tests.servers import answer_in_turn

RUN = "W" * 1000


def heavy_journey(family):
    """Walk `family` (tests.servers.AlternatingFamily) through the journey as the heaviest family."""
    answer_in_turn(family, complete_answers(cancer_course="relapsed", side_effects=["pain", "other"],
                                            hopes=RUN, worries=RUN, side_effects_details=RUN))
    for number in range(30):
        status, _, _ = family.post("/summary/questions/", {"own_question": f"{number:02d}" + "W" * 298})
        assert status == 302, status
    status, _, page = family.request("/weigh-up/")
    assert status == 200, status
    shown = [o.id for o in loader.load().options if f'value="{o.id}"' in page]
    assert family.post("/weigh-up/", {"options": shown})[0] == 302
    reasons = {f"{o}-{side}": RUN for o in shown for side in ("for", "against")}
    assert family.post("/weigh-up/reasons/", reasons)[0] == 302
    assert family.post("/weigh-up/leaning/", {"leaning": shown[0]})[0] == 302
    return shown


def every_answer_given(text: str) -> dict:
    """The front sheet's heaviest answers: every box ticked but "I'm not sure", the first choice
    of every other question, everything very important, `text` in every box to write in."""
    answers = {}
    while (question := journey.first_unanswered(answers)) is not None:
        values = [c.value for c in question.choices if c.value != "not-sure"]
        answers[question.id] = {"grid": {item.value: "very" for item in question.items}, "checkbox": values,
                                "text": text}.get(question.kind, values[0] if values else "")
    return answers


def weighed_up(option_ids: list[str], reason: str) -> dict:
    """A weigh-up of these options, `reason` for and against each, leaning to the first, every
    SURE question and every next step answered."""
    content = rules.content()
    return {"options": option_ids, "reasons": {o: {"for": reason, "against": reason} for o in option_ids},
            "leaning": option_ids[0] if option_ids else "",
            "sure": {item["value"]: "no" for item in content["sure"]["items"]},
            "next_steps": [step["value"] for step in content["next_steps"]]}
