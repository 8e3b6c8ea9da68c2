"""Every branch of journey.py, case by case."""

import pytest

from decisionaid.family import journey
from decisionaid.library import catalogue
from tests.helpers import complete_answers, question


def asked_ids(answers):
    return [q.id for q in journey.questions_to_ask(answers)]


def test_first_question_is_the_cancer_now():
    assert journey.first_unanswered({}).id == "cancer-course"


def test_conditional_questions_wait_for_the_answers_they_depend_on():
    ids = asked_ids({})
    for conditional in ("when-came-back", "topotecan-response", "transplant-count", "side-effects-details"):
        assert conditional not in ids


@pytest.mark.parametrize(
    ("course", "asked"),
    [("relapsed", True), ("not-sure", True), ("refractory", False), ("during-treatment", False)],
)
def test_when_it_came_back_is_asked_only_if_it_went_away_first_or_unsure(course, asked):
    assert ("when-came-back" in asked_ids({"cancer-course": course})) is asked


@pytest.mark.parametrize(
    ("course", "where", "asked"),
    [
        ("relapsed", ["elsewhere"], True),
        ("relapsed", ["nearby"], True),
        ("relapsed", ["not-sure"], True),
        ("during-treatment", ["same-place", "elsewhere"], True),
        ("not-sure", ["elsewhere"], True),
        ("relapsed", ["same-place"], False),  # only where it started: not in the brain or spinal cord
        ("relapsed", ["tests-pending"], False),  # nothing to answer yet
        ("refractory", ["elsewhere"], False),  # it has not come back
    ],
)
def test_the_brain_or_spinal_cord_is_asked_only_where_it_may_have_come_back_there(course, where, asked):
    """NCI lists treatments for neuroblastoma that "recurs (comes back) in the central nervous
    system (CNS; brain and spinal cord)": asked only where the answer can matter."""
    assert ("brain-or-spinal-cord" in asked_ids({"cancer-course": course, "where-now": where})) is asked


@pytest.mark.parametrize(
    ("treatments", "topotecan", "transplant"),
    [
        (["topotecan"], True, False),
        (["transplant"], False, True),
        (["chemotherapy", "topotecan", "transplant"], True, True),
        (["chemotherapy"], False, False),
        (["not-sure"], False, False),
    ],
)
def test_treatment_follow_ups(treatments, topotecan, transplant):
    ids = asked_ids({"treatments-had": treatments})
    assert ("topotecan-response" in ids) is topotecan
    assert ("transplant-count" in ids) is transplant


@pytest.mark.parametrize(
    ("side_effects", "asked"),
    [(["pain"], True), (["other"], True), (["none"], False), (["not-sure"], False), (["none", "growth"], True)],
)
def test_side_effect_details_only_after_a_serious_side_effect(side_effects, asked):
    assert ("side-effects-details" in asked_ids({"side-effects": side_effects})) is asked


def test_changing_an_answer_drops_the_answers_it_made_irrelevant():
    answers = complete_answers(treatments_had=["topotecan", "transplant"], topotecan_response="yes", transplant_count="twice")
    assert answers["topotecan-response"] == "yes"
    changed = journey.relevant_answers({**answers, "treatments-had": ["transplant"]})
    assert "topotecan-response" not in changed
    assert changed["transplant-count"] == "twice"
    assert journey.is_complete(changed)


def test_relevant_answers_drops_answers_to_unknown_questions():
    assert "retired-question" not in journey.relevant_answers({**complete_answers(), "retired-question": "x"})


def test_a_complete_journey_and_a_new_question_after_a_change():
    answers = complete_answers(cancer_course="refractory")
    assert journey.is_complete(answers)
    changed = journey.relevant_answers({**answers, "cancer-course": "relapsed"})
    assert not journey.is_complete(changed)
    assert journey.first_unanswered(changed).id == "brain-or-spinal-cord"  # it may have come back there
    changed["brain-or-spinal-cord"] = "no"
    assert journey.first_unanswered(changed).id == "when-came-back"


def test_unanswered_before_finds_the_earliest_gap_only_before_the_question():
    answers = {"cancer-course": "relapsed", "risk-group": "high", "where-now": ["elsewhere"]}
    assert journey.unanswered_before(answers, question("risk-group")) is None
    assert journey.unanswered_before(answers, question("brain-or-spinal-cord")) is None
    assert journey.unanswered_before(answers, question("when-came-back")).id == "brain-or-spinal-cord"
    assert journey.unanswered_before({**answers, "brain-or-spinal-cord": "no"}, question("age")).id == "when-came-back"
    assert journey.unanswered_before({}, question("cancer-course")) is None


def test_next_and_previous_skip_questions_that_are_not_asked():
    refractory = {"cancer-course": "refractory"}
    assert journey.next_question(refractory, question("where-now")).id == "tumour-tested"
    assert journey.previous_question(refractory, question("tumour-tested")).id == "where-now"
    relapsed = {"cancer-course": "relapsed"}
    assert journey.next_question(relapsed, question("where-now")).id == "when-came-back"
    assert journey.previous_question(relapsed, question("cancer-course")) is None
    assert journey.next_question(complete_answers(), question("decision-style")) is None


def test_progress_numbers_only_the_questions_these_answers_lead_to():
    refractory = journey.progress({"cancer-course": "refractory"}, question("tumour-tested"))
    relapsed = journey.progress({"cancer-course": "relapsed"}, question("tumour-tested"))
    assert (refractory.number_in_part, relapsed.number_in_part) == (4, 5)
    assert relapsed.part_title == "About the cancer now"
    later = journey.progress({}, question("decision-stage"))
    assert (later.part_number, later.number_in_part) == (3, 1)


def test_a_parts_total_is_every_question_it_can_ask_and_says_so():
    content = catalogue.load()
    cancer = journey.progress({"cancer-course": "refractory"}, question("risk-group"))
    assert cancer.count_in_part == len([q for q in content.questions if q.part == "cancer"])
    assert not cancer.count_is_exact  # "When did it come back?" is asked only after some answers
    assert str(cancer) == f"Part 1 of 3, question 2 of up to {cancer.count_in_part}"


def journeys():
    """Every way through the questions that changes which are asked: each answer of each
    question that another question's condition depends on, the rest "I'm not sure"."""
    tried = [{}]
    for q in catalogue.load().questions:
        if q.kind in ("radio", "checkbox"):
            tried += [complete_answers(**{q.id.replace("-", "_"): [c.value] if q.kind == "checkbox" else c.value})
                      for c in q.choices]
    return tried


def test_the_total_shown_never_changes_within_a_part_and_the_number_never_passes_it():
    totals = {}
    for answers in journeys():
        numbers = {}
        for asked in journey.questions_to_ask(answers):
            shown = journey.progress(answers, asked)
            totals.setdefault(asked.part, set()).add((shown.count_in_part, shown.count_is_exact))
            numbers.setdefault(asked.part, []).append(shown.number_in_part)
            assert shown.number_in_part <= shown.count_in_part
        for part_numbers in numbers.values():
            assert part_numbers == list(range(1, len(part_numbers) + 1))
    assert all(len(shown) == 1 for shown in totals.values()), totals


def test_the_decision_is_named_where_the_familys_part_begins_and_nowhere_else():
    answers = complete_answers()
    named = [q.id for q in journey.questions_to_ask(answers) if journey.progress(answers, q).names_the_decision]
    first_family_question = next(q.id for q in journey.questions_to_ask(answers) if q.part == "family")
    assert named == [first_family_question]
