"""The summary page, its questions to bring, and the About page."""

import re

import pytest
from django.utils.html import escape

from decisionaid import library, tailoring
from decisionaid.answers import QUESTIONS_KEY, SESSION_KEY
from tests.helpers import complete_answers

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def family(client, **answers):
    answers = complete_answers(**answers)
    session = client.session
    session[SESSION_KEY] = answers
    session.save()
    return tailoring.summarise(answers)


def saved(client):
    return client.session.get(QUESTIONS_KEY, {"chosen": [], "own": []})


def test_summary_shows_situation_options_care_and_questions(client):
    summary = family(client, risk_group="high", hopes="Home by spring")
    html = client.get("/summary/").content.decode()
    for words in ["Your child's situation", "High risk", "Options the sources name for a situation like your child",
                  "Palliative and supportive care", "Hospice and end-of-life care", "Making the decision together",
                  "Questions to bring", 'href="/check-your-answers/"']:
        assert words in html, words
    for option in summary.options_shown:
        assert f'data-option="{option.id}"' in html
    assert html.count("<details") >= len(summary.options_shown)


@pytest.mark.parametrize(("answers", "groups"), [
    (dict(risk_group="high"), {"leading": 4, "others": 6}),
    (dict(risk_group="low", cancer_course="relapsed", where_now=["elsewhere"]), {"all": 10}),
    (dict(risk_group="not-sure"), {"all": 10}),
])
def test_each_option_is_marked_inside_its_group(client, answers, groups):
    family(client, **answers)
    html = client.get("/summary/").content.decode()
    found = {}
    for name, body in re.findall(r'data-group="(\w+)"(.*?)</section>', html, re.S):
        found[name] = len(re.findall(r'data-option="[\w-]+"', body))
    assert found == groups


def test_low_risk_where_it_started_has_no_high_risk_prognosis_words(client):
    family(client, risk_group="low", where_now=["same-place"])
    html = client.get("/summary/").content.decode()
    assert "very poor" not in html


def test_summary_before_the_journey_is_complete_goes_to_the_first_unanswered_question(client):
    session = client.session
    session[SESSION_KEY] = {"cancer-course": "relapsed"}
    session.save()
    assert client.get("/summary/")["Location"] == "/questions/risk-group/"
    assert client.post("/summary/questions/", {"chosen": ["x"]})["Location"] == "/questions/risk-group/"


def test_ticking_and_adding_questions_is_kept(client):
    summary = family(client)
    first, second = (q.id for q in summary.suggested_questions[:2])
    response = client.post("/summary/questions/", {"chosen": [first, second, "not-offered"], "own_question": "  Can we go home between treatments?  "})
    assert response["Location"] == "/summary/?saved=1#questions-to-bring"
    assert saved(client) == {"chosen": [first, second], "own": ["Can we go home between treatments?"]}
    assert "Your questions are saved." in client.get(response["Location"]).content.decode()
    html = client.get("/summary/").content.decode()
    assert re.search(rf'value="{first}" id="ask-[0-9]+-[0-9]+" checked', html)
    assert "Can we go home between treatments?" in html

    client.post("/summary/questions/", {"chosen": [second]})
    assert saved(client)["chosen"] == [second]
    assert saved(client)["own"] == ["Can we go home between treatments?"]


def test_removing_an_own_question(client):
    family(client)
    client.post("/summary/questions/", {"own_question": "One"})
    client.post("/summary/questions/", {"own_question": "Two"})
    client.post("/summary/questions/", {"remove": "0"})
    assert saved(client)["own"] == ["Two"]
    client.post("/summary/questions/", {"remove": "7"})
    client.post("/summary/questions/", {"remove": "-1"})
    assert saved(client)["own"] == ["Two"]


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_an_over_long_own_question_is_refused_kindly_and_kept_in_its_box(client, headers):
    summary = family(client)
    first = summary.suggested_questions[0].id
    draft = "Can we " + "x" * 300
    response = client.post("/summary/questions/", {"own_question": draft, "chosen": [first]}, **headers)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="own-question-error"' in html and "must be 300 characters or fewer. It has 307 now." in html
    assert 'aria-describedby="own-question-hint own-question-error"' in html
    assert f">{draft}</textarea>" in html
    assert 'id="questions-to-bring"' in html
    assert saved(client) == {"chosen": [first], "own": []}
    if not headers:
        assert "<title>Error: Your summary" in html


def test_htmx_question_save_returns_the_summary_partial(client):
    family(client)
    response = client.post("/summary/questions/", {"own_question": "Hello"}, **HTMX)
    partial = client.get(response["Location"].split("#")[0], **HTMX)
    assert 'id="questions-to-bring"' in partial.content.decode()
    assert "<html" not in partial.content.decode()


def test_about_page_meets_the_ipdas_certification_items(client):
    html = client.get("/about/").content.decode()
    for words in ["Where the information comes from", "Cancer Research UK", "How the content was chosen",
                  "Published:", "last reviewed", "reviewed at least once a year", "Funding and conflicts of interest",
                  "Flesch-Kincaid grade"]:
        assert words in html, words


def test_about_credits_sure_dates_each_source_and_lists_our_own_words(client):
    html = client.get("/about/").content.decode()
    assert "Annette O'Connor and France Légaré" in html and "Ottawa Hospital Research Institute" in html
    assert "Its own next review was due on 31 August 2025: that date has passed" in html
    for term in ("Prognosis", "Cycle", "Still alive", "T cells"):
        assert f"<strong>{term}</strong>" in html, term
    assert "<strong>Refractory</strong>" not in html  # its meaning comes from the sources


def test_about_page_funding_can_be_overridden(client, settings):
    settings.DECISIONAID_FUNDING = "Funded by the Example Children's Hospital."
    assert "Funded by the Example Children&#x27;s Hospital." in client.get("/about/").content.decode()


def test_medical_words_are_explained_where_they_appear(client):
    family(client, risk_group="high", cancer_course="refractory")
    html = client.get("/summary/").content.decode()
    situation = html[html.index('id="situation"'):html.index('id="options"')]
    assert "Words used here, explained" in situation
    assert "<dt>Refractory</dt>" in situation and "<dt>Risk group</dt>" in situation
    table = html[html.index('id="comparison"'):html.index('id="palliative"')]
    assert "Words used here, explained" in table and "<dt>Chemotherapy</dt>" in table


def test_cached_content_never_carries_one_familys_page_into_anothers(client):
    """Notes, cards and care sections are rendered once per server process and reused: each
    family must still see exactly what its own answers lead to."""
    pages = {}
    for name, answers in [("high", dict(risk_group="high", alk="yes")),
                          ("low", dict(risk_group="low", where_now=["same-place"])),
                          ("high again", dict(risk_group="high", alk="yes"))]:
        summary = family(client, **answers)
        html = client.get("/summary/").content.decode()
        leading = html[html.index('id="options"'):html.index('id="comparison"')]
        assert re.findall(r'data-option="([\w-]+)"', leading) == [o.id for o in summary.options_shown]
        for note in library.load().notes:
            assert (f">{escape(note.heading)}<" in html) == (note in summary.notes), (name, note.id)
        assert "Read about hospice and end-of-life care" in html
        pages[name] = html[html.index('id="situation"'):html.index('id="deciding"')]
    assert pages["high"] == pages["high again"] != pages["low"]
