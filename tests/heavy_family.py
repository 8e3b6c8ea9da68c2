"""The security review's heaviest family (N1), through the real journey's forms: 1,000 "W" in
its hopes, worries and side-effects details, 30 questions of its own of 300 "W", and every
option weighed up with 1,000-"W" reasons for and against."""

from decisionaid.library import loader
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
