"""Every branch of journey.py, case by case."""

import pytest

from decisionaid import journey
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
    assert journey.first_unanswered(changed).id == "when-came-back"


def test_unanswered_before_finds_the_earliest_gap_only_before_the_question():
    answers = {"cancer-course": "relapsed", "risk-group": "high", "where-now": ["elsewhere"]}
    assert journey.unanswered_before(answers, question("risk-group")) is None
    assert journey.unanswered_before(answers, question("when-came-back")) is None
    assert journey.unanswered_before(answers, question("age")).id == "when-came-back"
    assert journey.unanswered_before({}, question("cancer-course")) is None


def test_next_and_previous_skip_questions_that_are_not_asked():
    refractory = {"cancer-course": "refractory"}
    assert journey.next_question(refractory, question("where-now")).id == "tumour-tested"
    assert journey.previous_question(refractory, question("tumour-tested")).id == "where-now"
    relapsed = {"cancer-course": "relapsed"}
    assert journey.next_question(relapsed, question("where-now")).id == "when-came-back"
    assert journey.previous_question(relapsed, question("cancer-course")) is None
    assert journey.next_question(complete_answers(), question("decision-style")) is None


def test_progress_counts_only_the_questions_these_answers_lead_to():
    refractory = journey.progress({"cancer-course": "refractory"}, question("risk-group"))
    relapsed = journey.progress({"cancer-course": "relapsed"}, question("risk-group"))
    assert str(refractory) == f"Part 1 of 3, question 2 of {relapsed.count_in_part - 1}"
    assert relapsed.part_title == "About the cancer now"
    later = journey.progress({}, question("decision-stage"))
    assert (later.part_number, later.number_in_part) == (3, 1)
