"""Check your answers: "Change" brings the family back to the row they changed, and ratings are
read first. (In Chromium, with and without JavaScript: tests/browser/test_change_rows.py.)"""

import json
import re

import pytest

from decisionaid.family import journey
from decisionaid.family.checking import row_anchor
from tests.family.test_views import HTMX, store
from tests.helpers import complete_answers

pytestmark = pytest.mark.django_db


def rows(html):
    return re.findall(r'<div class="summary-list__row" id="([^"]+)" data-answer-row>', html)


def test_every_answer_row_has_the_anchor_a_change_comes_back_to(client):
    answers = complete_answers(cancer_course="relapsed", treatments_had=["topotecan", "transplant"])
    store(client, answers)
    html = client.get("/check-your-answers/").content.decode()
    assert rows(html) == [row_anchor(q.id) for q in journey.questions_to_ask(answers)]


def test_a_change_comes_back_to_its_row_and_back_goes_there_too(client):
    store(client, complete_answers())
    page = client.get("/questions/risk-group/?change=1").content.decode()
    assert 'href="/check-your-answers/#row-risk-group"' in page  # Back
    assert 'action="/questions/risk-group/?change=1"' in page
    response = client.post("/questions/risk-group/?change=1", {"answer": "high"})
    assert response["Location"] == "/check-your-answers/#row-risk-group"


def test_a_change_that_asks_a_new_question_comes_back_to_the_row_first_changed(client):
    store(client, complete_answers(treatments_had=["surgery"]))
    response = client.post("/questions/treatments-had/?change=1", {"answer": ["surgery", "transplant"]})
    assert response["Location"] == "/questions/transplant-count/?change=1&row=treatments-had"
    follow_up = client.get(response["Location"]).content.decode()
    assert 'action="/questions/transplant-count/?change=1&amp;row=treatments-had"' in follow_up
    assert 'href="/check-your-answers/#row-treatments-had"' in follow_up  # Back
    response = client.post("/questions/transplant-count/?change=1&row=treatments-had", {"answer": "once"})
    assert response["Location"] == "/check-your-answers/#row-treatments-had"


@pytest.mark.parametrize("row", ["no-such-question", "", "https://example.org/"])
def test_a_row_that_is_not_a_question_falls_back_to_this_question(client, row):
    store(client, complete_answers())
    response = client.post(f"/questions/risk-group/?change=1&row={row}", {"answer": "high"})
    assert response["Location"] == "/check-your-answers/#row-risk-group"


def test_with_htmx_the_way_back_keeps_its_anchor(client):
    """A redirect that htmx follows loses the #anchor, so htmx is told where to go (HX-Location),
    to swap the main panel without scrolling to the top."""
    store(client, complete_answers())
    response = client.post("/questions/risk-group/?change=1", {"answer": "high"}, **HTMX)
    assert response.status_code == 200
    assert json.loads(response["HX-Location"]) == {
        "path": "/check-your-answers/#row-risk-group", "target": "#main", "swap": "innerHTML"}
    onward = client.post("/questions/cancer-course/", {"answer": "relapsed"}, **HTMX)
    assert onward.status_code == 302 and "HX-Location" not in onward  # no anchor: an ordinary redirect


def test_ratings_come_first_in_bold(client):
    store(client, complete_answers(what_matters={
        "control": "very", "home": "somewhat", "comfort": "very", "everyday": "not-important",
        "travel": "not-sure", "research": "somewhat"}))
    html = client.get("/check-your-answers/").content.decode()
    assert ("<li><strong>Somewhat important:</strong> Time at home and fewer hospital stays, even if that meant "
            "saying no to some treatments</li>") in html
    assert "treatments: Somewhat important" not in html  # no longer at the end of a long phrase
