"""Answers that contradict themselves are never stored (forms.contradiction and QuestionForm)."""

import pytest
from django.test import Client

from decisionaid.family.forms import QuestionForm, contradiction, fieldsets
from decisionaid.library import catalogue
from tests.helpers import answers_before, question

CHECKBOX_QUESTIONS = [q.id for q in catalogue.load().questions if q.kind == "checkbox"]


def standing_alone(q):
    return [c for c in q.choices if c.exclusive]


def test_every_multi_choice_question_has_answers_that_stand_alone():
    for question_id in CHECKBOX_QUESTIONS:
        assert "not-sure" in [c.value for c in standing_alone(question(question_id))], question_id
    assert [c.label for c in standing_alone(question("side-effects"))] == ["None that we know of", "I'm not sure"]


@pytest.mark.parametrize("question_id", CHECKBOX_QUESTIONS)
def test_an_answer_that_stands_alone_ticked_with_another_is_a_contradiction(question_id):
    q = question(question_id)
    ordinary = next(c for c in q.choices if not c.exclusive)
    for alone in standing_alone(q):
        error = contradiction(q, [ordinary.value, alone.value])
        assert error == f"“{alone.label}” cannot be chosen with other answers. Choose it on its own, or untick it."
        assert not QuestionForm(q, data={"answer": [ordinary.value, alone.value]}).is_valid()
        assert contradiction(q, [alone.value]) == ""
        assert QuestionForm(q, data={"answer": [alone.value]}).is_valid()


def test_ordinary_answers_together_are_fine():
    q = question("side-effects")
    assert contradiction(q, ["infections", "pain", "growth"]) == ""
    assert QuestionForm(q, data={"answer": ["infections", "pain"]}).is_valid()


def test_two_answers_that_stand_alone_together_are_a_contradiction():
    assert contradiction(question("side-effects"), ["none", "not-sure"]).startswith("“None that we know of”")


def test_answers_that_stand_alone_are_set_apart_after_an_or():
    groups = fieldsets(QuestionForm(question("side-effects")))
    shown = [(c["label"], c["exclusive"], c["or_before"]) for c in groups[0]["choices"]][-3:]
    assert shown == [("Other serious side effects", False, False), ("None that we know of", True, True),
                     ("I'm not sure", True, False)]
    radio = fieldsets(QuestionForm(question("risk-group")))[0]
    assert not radio["has_exclusive"] and not any(c["exclusive"] for c in radio["choices"])


@pytest.mark.django_db
def test_a_contradictory_answer_is_not_stored_and_the_page_says_why(client: Client):
    session = client.session
    session["answers"] = answers_before("side-effects")
    session.save()
    response = client.post("/questions/side-effects/", {"answer": ["infections", "none", "not-sure"]})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "“None that we know of” cannot be chosen with other answers" in page
    assert "side-effects" not in client.session["answers"]
