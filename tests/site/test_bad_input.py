"""Generated bad input against every form: never a 5xx, never an answer changed that was not asked for."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decisionaid.family import journey, tailoring
from decisionaid.family.answers import QUESTIONS_KEY, SESSION_KEY
from decisionaid.library import catalogue
from tests.helpers import complete_answers

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

ALL_VALUES = sorted({c.value for q in catalogue.load().questions for c in q.choices})
value = st.one_of(
    st.sampled_from(ALL_VALUES),
    st.text(max_size=40),
    st.text(min_size=900, max_size=1200),
    st.integers().map(str),
    st.binary(max_size=30).map(lambda b: b.decode("latin-1")),
    st.just(""),
)
field_name = st.one_of(
    st.sampled_from(["answer", "chosen", "own_question", "remove", "change", "next", "shared_device",
                     "control", "home", "sure", "csrfmiddlewaretoken", "save_later", "code"]),
    st.text(min_size=1, max_size=12),
)
form_data = st.dictionaries(field_name, st.lists(value, min_size=1, max_size=4), max_size=6)
with_csrf = st.booleans()
BEFORE = complete_answers(cancer_course="relapsed", treatments_had=["topotecan", "transplant"], side_effects=["pain"],
                          hopes="Home soon")
QUESTION_IDS = [q.id for q in journey.questions_to_ask(BEFORE)]


def client_with_answers(enforce_csrf):
    client = Client(enforce_csrf_checks=enforce_csrf)
    session = client.session
    session[SESSION_KEY] = dict(BEFORE)
    session[QUESTIONS_KEY] = {"chosen": [], "own": ["Mine"]}
    session.save()
    return client


def stored(client):
    return client.session.get(SESSION_KEY, {})


def is_valid_answer(question, answer):
    values = {c.value for c in question.choices}
    if question.kind == "radio":
        return answer in values
    if question.kind == "checkbox":
        return bool(answer) and set(answer) <= values
    if question.kind == "grid":
        return set(answer) == {i.value for i in question.items} and set(answer.values()) <= values
    return isinstance(answer, str) and len(answer) <= 1000


@pytest.mark.parametrize("question_id", QUESTION_IDS)
@FUZZ
@given(data=form_data, missing_csrf=with_csrf)
def test_any_post_to_a_question(question_id, data, missing_csrf):
    client = client_with_answers(missing_csrf)
    response = client.post(f"/questions/{question_id}/", data)
    assert response.status_code < 500
    after = stored(client)
    if response.status_code != 302 or missing_csrf:
        assert after == BEFORE
        return
    question = catalogue.load().question(question_id)
    assert is_valid_answer(question, after[question_id])
    for other, answer in after.items():
        if other != question_id:
            assert answer == BEFORE[other], other  # others kept, or dropped as no longer asked
    assert set(after) <= set(BEFORE) | {question_id}


@FUZZ
@given(data=form_data, missing_csrf=with_csrf)
def test_any_post_to_the_questions_to_bring(data, missing_csrf):
    client = client_with_answers(missing_csrf)
    response = client.post("/summary/questions/", data)
    assert response.status_code < 500
    assert stored(client) == BEFORE
    saved = client.session[QUESTIONS_KEY]
    offered = {q.id for q in tailoring.summarise(BEFORE).suggested_questions}
    assert set(saved["chosen"]) <= offered
    assert all(len(q) <= 300 for q in saved["own"])


@FUZZ
@given(data=form_data, missing_csrf=with_csrf, method=st.sampled_from(["get", "post", "put", "delete"]))
def test_any_request_to_the_other_pages(data, missing_csrf, method):
    client = client_with_answers(missing_csrf)
    for url in ("/check-your-answers/", "/handout/", "/summary/", "/", "/still-here/", "/privacy/",
                "/save/", "/saved/", "/saved/delete/", "/return/", "/options/compare/", "/options/chemotherapy/",
                "/weigh-up/", "/weigh-up/reasons/", "/weigh-up/leaning/", "/weigh-up/summary/"):
        response = getattr(client, method)(url, data) if method in ("get", "post") else getattr(client, method)(url)
        assert response.status_code < 500, url
        assert stored(client) == BEFORE, url


@FUZZ
@given(data=form_data, missing_csrf=with_csrf)
def test_start_over_erases_only_when_asked_properly(data, missing_csrf):
    client = client_with_answers(missing_csrf)
    response = client.post("/start-over/", data)
    assert response.status_code < 500
    assert stored(client) == ({} if not missing_csrf else BEFORE)
