"""Each page as plain HTTP, with and without htmx."""

import re

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from decisionaid.family import journey
from decisionaid.family.answers import SESSION_KEY
from decisionaid.library import catalogue
from tests.helpers import complete_answers, default_answer

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def store(client, answers):
    session = client.session
    session[SESSION_KEY] = answers
    session.save()


def stored(client):
    return client.session.get(SESSION_KEY, {})


def post_data(question, answer):
    if question.kind == "grid":
        return answer
    return {"answer": answer}


# Answers that lead to every question, conditional ones included.
EVERY_QUESTION = {
    "cancer-course": "relapsed",
    "where-now": ["elsewhere"],
    "treatments-had": ["topotecan", "transplant"],
    "side-effects": ["pain"],
}
QUESTIONS = journey.questions_to_ask(EVERY_QUESTION)


def answered_up_to(question_id):
    """Answers for every question asked before this one."""
    answers = {}
    while (next_q := journey.first_unanswered(answers)).id != question_id:
        answers[next_q.id] = EVERY_QUESTION.get(next_q.id, default_answer(next_q))
    return answers


def test_the_journey_covers_every_question():
    assert {q.id for q in QUESTIONS} == {q.id for q in catalogue.load().questions}


def test_start_page(client):
    page = client.get("/")
    assert page.status_code == 200
    assert b"Start now" in page.content and b"This is a shared device" in page.content
    assert client.post("/")["Location"] == "/questions/cancer-course/"


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_question_get_shows_the_question_as_the_heading(client, question):
    store(client, answered_up_to(question.id))
    page = client.get(f"/questions/{question.id}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f"<title>{question.text}".replace("'", "&#x27;") in html
    assert html.count("<h1") == 1
    assert 'type="submit" class="button">Continue</button>' in html
    for choice in question.choices:
        assert choice.label.replace("'", "&#x27;") in html


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_question_valid_post_stores_and_moves_on(client, question):
    answers = answered_up_to(question.id)
    store(client, answers)
    answer = default_answer(question)
    response = client.post(f"/questions/{question.id}/", post_data(question, answer))
    assert response.status_code == 302
    assert stored(client)[question.id] == answer
    following = journey.next_question({**answers, question.id: answer}, question)
    assert response["Location"] == (f"/questions/{following.id}/" if following else "/check-your-answers/")


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.kind != "text"], ids=lambda q: q.id)
def test_question_invalid_post_shows_an_error_summary_and_keeps_answers(client, question):
    answers = answered_up_to(question.id)
    store(client, answers)
    page = client.post(f"/questions/{question.id}/", {})
    html = page.content.decode()
    assert page.status_code == 200
    assert "<title>Error: " in html
    assert "There is a problem" in html and 'class="error-message"' in html
    assert 'href="#field-' in html
    assert stored(client) == answers


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_question_htmx_post_returns_only_the_next_partial(client, question):
    store(client, answered_up_to(question.id))
    response = client.post(f"/questions/{question.id}/", post_data(question, default_answer(question)), **HTMX)
    assert response.status_code == 302
    partial = client.get(response["Location"], **HTMX)
    html = partial.content.decode()
    assert partial.status_code == 200
    assert "<html" not in html and "<h1" in html and "<title>" in html


def test_htmx_invalid_post_returns_the_partial_without_a_history_entry(client):
    response = client.post("/questions/cancer-course/", {}, **HTMX)
    assert response.status_code == 200
    assert response["HX-Push-Url"] == "false"
    assert "<html" not in response.content.decode()
    assert "There is a problem" in response.content.decode()


def test_unknown_question_is_a_plain_404(client):
    page = client.get("/questions/no-such-question/")
    assert page.status_code == 404
    assert b"Page not found" in page.content


def test_a_later_question_before_the_earlier_ones_sends_the_family_back(client):
    response = client.get("/questions/age/", follow=True)
    assert response.redirect_chain[-1][0] == "/questions/cancer-course/"
    assert b"Please answer this question first." in response.content
    assert b"saved" not in response.content.split(b"<main")[1].split(b"</main>")[0]  # there is nothing to save
    store(client, {"cancer-course": "relapsed"})
    response = client.get("/questions/age/", follow=True)
    assert response.redirect_chain[-1][0] == "/questions/risk-group/"
    assert b"Please answer this question first. Your other answers are saved." in response.content


def test_after_an_erase_no_page_says_anything_is_saved(client):
    """Back after "Start over" (or a shared tablet's erase) opens pages again from the server."""
    store(client, complete_answers())
    client.post("/start-over/", {"reason": "not-in-use"})
    for url in ("/questions/hopes/", "/summary/?saved=1", "/options/chemotherapy/?saved=1", "/check-your-answers/",
                "/no-such-page/"):
        html = client.get(url, follow=True).content.decode()
        main = html.split("<main")[1].split("</main>")[0]
        assert not re.search(r"\b(saved|safe)\b", main), (url, main)


def test_check_answers_before_finishing_goes_to_the_first_unanswered_question(client):
    store(client, {"cancer-course": "relapsed"})
    response = client.get("/check-your-answers/")
    assert response["Location"] == "/questions/risk-group/"
    assert client.get("/summary/")["Location"] == "/questions/risk-group/"


def test_a_question_that_does_not_apply_moves_on(client):
    store(client, answered_up_to("topotecan-response") | {"treatments-had": ["surgery"]})
    response = client.get("/questions/topotecan-response/")
    assert response["Location"] == "/questions/side-effects/"


def test_check_answers_lists_every_answer_with_change_links(client):
    answers = complete_answers(cancer_course="relapsed", hopes="To be at home for her birthday")
    store(client, answers)
    html = client.get("/check-your-answers/").content.decode()
    for question in journey.questions_to_ask(answers):
        assert f'href="/questions/{question.id}/?change=1"' in html
    assert "To be at home for her birthday" in html
    assert "Continue to your summary" in html


def test_changing_an_answer_returns_to_check_your_answers(client):
    store(client, complete_answers())
    response = client.post("/questions/risk-group/?change=1", {"answer": "high"})
    assert response["Location"] == "/check-your-answers/#row-risk-group"  # back at the row changed
    assert stored(client)["risk-group"] == "high"


def test_a_change_that_brings_a_new_question_asks_it_then_returns(client):
    store(client, complete_answers(treatments_had=["surgery"]))
    response = client.post("/questions/treatments-had/?change=1", {"answer": ["surgery", "topotecan"]})
    assert response["Location"] == "/questions/topotecan-response/?change=1&row=treatments-had"
    response = client.post("/questions/topotecan-response/?change=1&row=treatments-had", {"answer": "no"})
    assert response["Location"] == "/check-your-answers/#row-treatments-had"  # the row the family chose to change


def test_a_change_that_makes_answers_irrelevant_drops_them(client):
    store(client, complete_answers(treatments_had=["topotecan"], topotecan_response="yes"))
    client.post("/questions/treatments-had/?change=1", {"answer": ["surgery"]})
    assert "topotecan-response" not in stored(client)


@pytest.mark.parametrize(
    ("question_id", "data", "message"),
    [
        ("risk-group", {"answer": "very-high"}, "Choose one of the answers shown"),
        ("risk-group", {"answer": ["high", "low"]}, "sent more than once"),
        ("where-now", {"answer": ["same-place", "moon"]}, "Choose from the answers shown"),
        ("hopes", {"answer": "x" * 1001}, "must be 1,000 characters or fewer"),
        ("what-matters", {"control": "very"}, "Choose an answer for"),
    ],
)
def test_bad_input_gets_a_clear_answer_and_changes_nothing(client, question_id, data, message):
    answers = answered_up_to(question_id)
    store(client, answers)
    page = client.post(f"/questions/{question_id}/", data)
    assert page.status_code == 200
    assert message in page.content.decode()
    assert stored(client) == answers


def test_over_long_text_is_kept_in_the_box_so_nothing_is_lost(client):
    store(client, answered_up_to("hopes"))
    long_text = "We hope " + "x" * 1000
    assert long_text in client.post("/questions/hopes/", {"answer": long_text}).content.decode()


def test_optional_text_can_be_left_empty(client):
    store(client, answered_up_to("hopes"))
    client.post("/questions/hopes/", {"answer": ""})
    assert stored(client)["hopes"] == ""


def test_expired_csrf_token_gets_a_friendly_page_and_keeps_answers(client):
    csrf_client = Client(enforce_csrf_checks=True)
    store(csrf_client, answered_up_to("risk-group"))
    page = csrf_client.post("/questions/risk-group/", {"answer": "high"})
    assert page.status_code == 403
    assert b"Please try that again" in page.content and b"Your earlier answers are safe" in page.content
    assert "risk-group" not in stored(csrf_client) and "cancer-course" in stored(csrf_client)


def test_answers_live_in_the_database_session_not_the_cookie(client):
    client.post("/questions/cancer-course/", {"answer": "refractory"})
    cookie = client.cookies["sessionid"].value
    assert "refractory" not in cookie
    assert Session.objects.get(session_key=cookie).get_decoded()[SESSION_KEY] == {"cancer-course": "refractory"}


def test_start_over_deletes_the_session_row(client):
    client.post("/questions/cancer-course/", {"answer": "refractory"})
    key = client.cookies["sessionid"].value
    response = client.post("/start-over/", follow=True)
    assert not Session.objects.filter(session_key=key).exists()
    assert b"Everything you entered has been erased" in response.content
    assert stored(client) == {}


def test_start_over_asks_first_and_erases_only_on_post(client):
    client.post("/questions/cancer-course/", {"answer": "refractory"})
    page = client.get("/start-over/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<h1 tabindex=\"-1\">Erase your answers and start over?</h1>" in html
    assert 'action="/start-over/"' in html and "Yes, erase my answers" in html
    assert 'href="/questions/risk-group/" class="button button--secondary">No, keep my answers' in html
    assert stored(client) == {"cancer-course": "refractory"}
    assert client.put("/start-over/").status_code == 405


def test_every_page_offers_start_over_as_a_red_link_not_a_button_once_there_is_something_to_erase(client):
    for url in ("/", "/privacy/"):  # a family that has entered nothing has nothing to erase
        assert 'href="/start-over/"' not in client.get(url).content.decode()
    client.post("/questions/cancer-course/", {"answer": "refractory"})
    html = client.get("/privacy/").content.decode()
    assert '<a href="/start-over/" class="warning-link"' in html
    assert ">Start over and erase my answers</button>" not in html


def test_questions_refuse_other_methods(client):
    assert client.put("/questions/cancer-course/").status_code == 405


def test_the_start_page_says_who_describes_focusing_on_comfort_as_a_choice(client):
    """Review N13: the seeds do not describe comfort as a choice; NCI's page for adults does:
    "If you choose not to go through more active cancer treatment, you can continue to receive
    supportive care in order to keep you as comfortable as possible." """
    from tests.library.test_content import SEED_TEXT

    text = client.get("/").content.decode().replace("&#x27;", "'")
    assert "including focusing on comfort, which NCI's pages for adults and for young people describe as a choice" in text
    assert "If you choose not to go through more active cancer treatment, you can continue to receive supportive care" \
        in SEED_TEXT["nci-choices-for-care-advanced-cancer.txt"]
