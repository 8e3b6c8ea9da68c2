"""Families and the field test: invited once after Start; a No keeps nothing; a Yes keeps one row
of exactly what was asked; Start over removes it."""

import datetime
import json

import pytest

from decisionaid.family.answers import SESSION_KEY, WEIGH_UP_KEY
from decisionaid.fieldtest import content
from decisionaid.fieldtest.models import FieldTest, Participant
from tests.fieldtest.families import check_answers, right_answers, tool_answers
from tests.helpers import complete_answers

pytestmark = pytest.mark.django_db
FIRST_QUESTION = "/questions/cancer-course/"
MATTERS = {"control": "somewhat", "home": "very", "comfort": "very", "everyday": "not-sure",
           "travel": "not-important", "research": "somewhat"}
WEIGH_UP = {"options": ["chemotherapy", "comfort-care"], "leaning": "mix", "next_steps": [],
            "reasons": {"chemotherapy": {"for": "It may shrink it, we hope", "against": ""}},
            "sure": {"sure": "yes", "understand": "no"}}


def start(client):
    return client.post("/", {})


def answer_everything(client):
    """The family answers every question and weighs up the options, as the journey would keep it."""
    session = client.session
    session[SESSION_KEY] = complete_answers(risk_group="high", cancer_course="relapsed", what_matters=MATTERS,
                                            hopes="Home for Aisha's birthday")
    session[WEIGH_UP_KEY] = WEIGH_UP
    session.save()


def test_without_an_open_field_test_start_goes_straight_to_the_first_question(client, field_test):
    field_test.is_open = False
    field_test.save()
    assert start(client)["Location"] == FIRST_QUESTION
    assert client.get("/field-test/")["Location"] == FIRST_QUESTION


def test_a_field_test_before_its_first_day_or_after_its_last_invites_no_one(client, field_test):
    field_test.starts_on = datetime.date.today() + datetime.timedelta(days=1)
    field_test.ends_on = field_test.starts_on
    field_test.save()
    assert start(client)["Location"] == FIRST_QUESTION


def test_a_family_that_says_no_keeps_nothing_and_is_asked_once(client, field_test):
    assert start(client)["Location"] == "/field-test/"
    page = client.get("/field-test/").content.decode()
    assert "Would you help us find out whether this tool helps?" in page
    for promise in ("Saying no changes nothing in the tool", "No name is kept", "Audit 2027/014",
                    "Sam Patel, research nurse", field_test.keep_until.strftime("%-d %B %Y"),
                    "you answer 12 short questions", "26 short questions in all"):
        assert promise in page, promise
    assert client.head("/field-test/").status_code == 200  # looking again counts nothing
    assert client.post("/field-test/", {"answer": "no"})["Location"] == FIRST_QUESTION
    assert Participant.objects.count() == 0
    counted = FieldTest.objects.get()
    assert (counted.invited, counted.declined, counted.agreed) == (1, 1, 0)
    assert client.session["field_test"] == {"test": field_test.pk, "answered": "no"}
    assert start(client)["Location"] == FIRST_QUESTION  # Start again: not asked twice
    assert client.get("/field-test/before/")["Location"] == FIRST_QUESTION
    assert client.get("/field-test/after/")["Location"] == "/summary/"
    assert FieldTest.objects.get().invited == 1 and Participant.objects.count() == 0


def test_before_must_be_answered_whole_with_not_sure_always_an_answer(client, field_test):
    start(client)
    assert client.post("/field-test/", {"answer": "yes"})["Location"] == "/field-test/before/"
    page = client.get("/field-test/before/").content.decode()
    assert "I&#x27;m not sure" in page and "Do you feel SURE about the best choice for you?" in page
    response = client.post("/field-test/before/", check_answers(**{"sure-sure": ""}))
    page = response.content.decode()
    assert response.status_code == 200 and "Choose Yes or No. If you are not sure, choose No." in page
    assert 'href="#field-sure-sure"' in page and 'id="field-sure-sure"' in page
    assert Participant.objects.get().knowledge_before == ""  # nothing kept from a form with an error
    assert client.post("/field-test/before/", check_answers())["Location"] == FIRST_QUESTION


def test_a_family_that_finishes_leaves_one_row_of_exactly_what_it_was_asked(client, field_test):
    words = content.load()
    start(client)
    client.post("/field-test/", {"answer": "yes"})
    client.post("/field-test/before/", check_answers(knowledge="not-sure", sure="no"))
    assert client.get("/field-test/after/")["Location"] == FIRST_QUESTION  # not before the summary
    answer_everything(client)

    summary = client.get("/summary/").content.decode()
    assert "You are taking part in the field test “Riverside field test”" in summary and 'href="/field-test/after/"' in summary
    assert 'href="/field-test/after/"' in client.get("/weigh-up/summary/").content.decode()
    after = client.get("/field-test/after/").content.decode()
    assert 'name="sure-sure" value="yes" id="field-sure-sure" checked' in after  # the weigh-up's own answer
    assert 'value="no" id="field-sure-understand-1" checked' in after
    assert client.post("/field-test/after/", {**right_answers(), **check_answers(sure="yes", **right_answers())}
                       )["Location"] == "/field-test/after/the-tool/"
    page = client.get("/field-test/after/the-tool/").content.decode()
    assert '<button type="submit" class="button">Send my answers</button>' in page  # the last step says so
    assert client.post("/field-test/after/the-tool/", tool_answers(scale="4"))["Location"] == "/field-test/thank-you/"

    row = Participant.objects.get()
    today = datetime.date.today()
    assert client.session["field_test"] == {"test": field_test.pk, "answered": "yes", "participant": str(row.id)}
    expected = {
        "id": str(row.id), "field_test": field_test.pk, "joined_on": today, "finished_on": today,
        "situation": "high/relapsed",
        "knowledge_before": {s.id: "not-sure" for s in words.statements}, "knowledge_before_score": 0,
        "knowledge_after": {s.id: s.answer for s in words.statements}, "knowledge_after_score": len(words.statements),
        "sure_before": {i.id: "no" for i in words.sure_items}, "sure_before_score": 0,
        "sure_after": {i.id: "yes" for i in words.sure_items}, "sure_after_score": 4,
        "prepdm": {i.id: "4" for i in words.prepdm_items}, "prepdm_score": 75.0,
        "acceptability": {"length": "about-right", "amount": "about-right", "balance": "towards-treatment",
                          "suggest": "yes"},
        "what_matters": MATTERS, "leaning": "mix", "leaning_options": ["chemotherapy", "comfort-care"],
        "leaning_group": "both",
    }
    assert row.as_row() == expected
    kept = json.dumps(row.as_row(), default=str)
    assert "Aisha" not in kept and "shrink" not in kept and client.session.session_key not in kept

    thanks = client.get("/field-test/thank-you/").content.decode()
    for statement in words.statements:
        assert statement.explanation in thanks
    assert "Cancer Research UK" in thanks
    assert "You are taking part" not in client.get("/summary/").content.decode()  # finished: no more offer
    assert client.get("/field-test/after/")["Location"] == "/field-test/thank-you/"
    counted = FieldTest.objects.get()
    assert (counted.invited, counted.declined, counted.agreed) == (1, 0, 1)


@pytest.mark.parametrize("erase", [{}, {"reason": "not-in-use"}], ids=["start-over", "shared-device-time-out"])
def test_a_family_that_starts_over_leaves_no_row(client, field_test, erase):
    start(client)
    client.post("/field-test/", {"answer": "yes"})
    client.post("/field-test/before/", check_answers())
    assert Participant.objects.count() == 1
    client.post("/start-over/", erase)
    assert Participant.objects.count() == 0
    assert FieldTest.objects.get().agreed == 1  # the count of yeses stays: it holds nothing of the family


def test_a_family_may_stop_taking_part_and_its_row_goes(client, field_test):
    start(client)
    client.post("/field-test/", {"answer": "yes"})
    assert client.post("/field-test/leave/", {"step": "before"})["Location"] == FIRST_QUESTION
    assert Participant.objects.count() == 0
    assert "Nothing you answered for it is kept" in client.get(FIRST_QUESTION).content.decode()
    assert start(client)["Location"] == FIRST_QUESTION  # not invited again


def test_after_needs_the_before_row_and_the_tool_page_needs_after(client, field_test):
    start(client)
    client.post("/field-test/", {"answer": "yes"})
    answer_everything(client)
    assert client.get("/field-test/after/the-tool/")["Location"] == "/field-test/after/"
    assert client.get("/field-test/thank-you/")["Location"] == "/field-test/after/"
    response = client.post("/field-test/after/the-tool/", tool_answers())
    assert response["Location"] == "/field-test/after/" and Participant.objects.get().finished_on is None


def test_a_closed_field_test_takes_no_more_answers(client, field_test):
    start(client)
    client.post("/field-test/", {"answer": "yes"})
    answer_everything(client)
    FieldTest.objects.update(is_open=False)
    assert client.get("/field-test/after/")["Location"] == "/summary/"
    assert "You are taking part" not in client.get("/summary/").content.decode()


def test_an_old_or_tampered_field_test_entry_in_the_session_is_not_taking_part(client, field_test):
    start(client)
    session = client.session
    session["field_test"] = {"test": field_test.pk, "answered": "yes", "participant": "not-a-uuid"}
    session.save()
    answer_everything(client)
    assert client.get("/field-test/after/")["Location"] == "/summary/"
    assert client.post("/start-over/").status_code == 302


def test_the_invitation_says_honestly_until_when_answers_can_be_taken_out(client, field_test):
    """The row stays linked to the family's session (so that Start over can remove it) only as
    long as the session lives; the invitation says exactly that, and no more."""
    start(client)
    page = client.get("/field-test/").content.decode()
    assert "Once you have closed this tool" not in page and "No one can tell which answers are yours" not in page
    # Fresh eyes F1: with so few families, the day and the group could point to a family for
    # someone who knew it used the tool that day, so the page promises no names, not "no one can tell".
    assert "cannot tell which answers are yours" not in page and "could show who your child is" not in page
    assert ("The people who look at the results see no names, only what is listed above. Your answers stay with "
            "the team. What the team learns, added up across families, may be shared, for example on this tool’s "
            "About page.") in page
    assert "the day you said yes and the day you finished" in page  # two days are kept (fact-check 5, F2)
    assert ("That works for as long as this tool keeps your answers: 14 days from the last time you answered or "
            "changed something. After that, nothing links them to you, so no one can take them out.") in page


def test_before_is_not_skipped_by_the_browsers_back_or_by_starting_again(client, field_test):
    start(client)
    client.post("/field-test/", {"answer": "yes"})
    assert client.get("/field-test/")["Location"] == "/field-test/before/"  # Back, from Before: Before again
    assert start(client)["Location"] == "/field-test/before/"  # the start page's Start: Before again
    assert FieldTest.objects.get().invited == 1
    client.post("/field-test/before/", check_answers())
    assert client.get("/field-test/")["Location"] == FIRST_QUESTION
    assert start(client)["Location"] == FIRST_QUESTION


def test_before_closes_at_the_first_question_and_the_row_says_it_was_not_answered(client, field_test):
    start(client)
    client.post("/field-test/", {"answer": "yes"})
    client.post(FIRST_QUESTION, {"answer": "relapsed"})  # on to the questions without Before
    assert client.get("/field-test/before/")["Location"] == "/questions/risk-group/"
    assert client.post("/field-test/before/", check_answers())["Location"] == "/questions/risk-group/"
    assert client.get("/field-test/")["Location"] == "/questions/risk-group/"
    row = Participant.objects.get()
    assert row.knowledge_before == "" and row.knowledge_before_score is None  # nothing taken after the tool was seen
    answer_everything(client)
    client.post("/field-test/after/", check_answers())
    client.post("/field-test/after/the-tool/", tool_answers())
    row.refresh_from_db()
    assert row.finished_on is not None and row.knowledge_before_score is None and row.knowledge_after_score == 0


def test_before_answered_cannot_be_changed_once_the_questions_have_begun(client, field_test):
    start(client)
    client.post("/field-test/", {"answer": "yes"})
    client.post("/field-test/before/", check_answers(knowledge="not-sure"))
    client.post(FIRST_QUESTION, {"answer": "relapsed"})
    client.post("/field-test/before/", {**check_answers(), **right_answers()})
    assert Participant.objects.get().knowledge_before_score == 0


def test_a_family_that_has_answered_questions_already_is_not_invited(client, field_test):
    session = client.session
    session[SESSION_KEY] = {"cancer-course": "relapsed"}
    session.save()
    assert client.post("/", {})["Location"] == FIRST_QUESTION
    assert FieldTest.objects.get().invited == 0 and "field_test" not in client.session


def finish(client):
    start(client)
    client.post("/field-test/", {"answer": "yes"})
    client.post("/field-test/before/", check_answers())
    answer_everything(client)
    client.post("/field-test/after/", check_answers())
    client.post("/field-test/after/the-tool/", tool_answers())
    assert Participant.objects.get().finished_on is not None


def test_the_thank_you_page_says_how_to_take_the_answers_out_and_who_to_ask(client, field_test):
    finish(client)
    page = client.get("/field-test/thank-you/").content.decode()
    assert "choose “Take my answers out of the field test” below, or “Start over”" in page
    assert "14 days from the last time you answered or changed something" in page
    assert "Sam Patel, research nurse" in page and "Audit 2027/014" in page
    assert 'name="step" value="done"' in page
    response = client.post("/field-test/leave/", {"step": "done"})
    assert response["Location"] == "/summary/" and Participant.objects.count() == 0
    assert "You have left the field test. Nothing you answered for it is kept." in client.get("/summary/").content.decode()
    assert client.get("/field-test/thank-you/")["Location"] == "/summary/"


def test_a_family_may_leave_out_a_preparation_question_and_still_finish(client, field_test, admin_client):
    """PrepDM is used unaltered, so it has no "I'm not sure": a question that does not fit may be
    left out instead. The item stays blank, the scale's score too (it needs all ten), and the
    staff page counts the family in every item it did answer."""
    words = content.load()
    left_out = words.prepdm_items[0]
    start(client)
    client.post("/field-test/", {"answer": "yes"})
    client.post("/field-test/before/", check_answers())
    answer_everything(client)
    client.post("/field-test/after/", check_answers())
    page = client.get("/field-test/after/the-tool/").content.decode()
    assert "If a question does not fit, you can leave it out." in page
    answers = tool_answers(scale="4")
    del answers[f"prepdm-{left_out.id}"]
    assert client.post("/field-test/after/the-tool/", answers)["Location"] == "/field-test/thank-you/"
    row = Participant.objects.get()
    assert row.finished_on is not None and row.prepdm_score is None
    assert row.read("prepdm") == {i.id: "4" for i in words.prepdm_items[1:]}
    report = admin_client.get(f"/admin/fieldtest/fieldtest/{field_test.pk}/change/").content.decode()
    assert "No family has answered every question yet." in report  # the score needs all ten
    assert report.count("Mean 4 of 5 (1 answered)") == len(words.prepdm_items) - 1


def test_start_over_after_finishing_still_removes_the_row(client, field_test):
    finish(client)
    client.post("/start-over/", {})
    assert Participant.objects.count() == 0


def test_the_leaning_is_taken_when_after_is_sent_from_the_weigh_up_as_it_is_then(client, field_test):
    start(client)
    client.post("/field-test/", {"answer": "yes"})
    client.post("/field-test/before/", check_answers())
    answer_everything(client)
    session = client.session
    session[WEIGH_UP_KEY] = {"options": ["chemotherapy"], "leaning": "", "reasons": {}, "next_steps": []}
    session.save()
    summary = client.get("/summary/").content.decode()
    assert "If you want to weigh up the options, you may like to do that first" in summary
    after = client.get("/field-test/after/").content.decode()
    assert "You have not said which way you are leaning in the weigh-up." in after and 'href="/weigh-up/"' in after
    client.post("/field-test/after/", check_answers())
    session = client.session
    session[WEIGH_UP_KEY] = WEIGH_UP  # the family weighs up between the two parts
    session.save()
    client.post("/field-test/after/the-tool/", tool_answers())
    row = Participant.objects.get()
    assert (row.leaning, row.leaning_group, row.read("leaning_options")) == ("mix", "both", ["chemotherapy", "comfort-care"])


def test_once_the_leaning_is_said_after_does_not_send_the_family_to_the_weigh_up(client, field_test):
    start(client)
    client.post("/field-test/", {"answer": "yes"})
    answer_everything(client)
    assert "you may like to do that first" not in client.get("/summary/").content.decode()
    assert "You have not said which way you are leaning" not in client.get("/field-test/after/").content.decode()


def test_your_privacy_speaks_of_the_field_test_only_while_one_runs(client, field_test):
    page = client.get("/privacy/").content.decode()
    assert "If you take part in the field test" in page and "A field test of this tool is running" in page
    start(client)
    client.post("/field-test/", {"answer": "yes"})
    assert "You are taking part in the field test “Riverside field test”" in client.get("/privacy/").content.decode()
    FieldTest.objects.update(is_open=False)
    assert "If you take part in the field test" not in client.get("/privacy/").content.decode()
