"""Save and continue later: saving, the return code, restoring, expiry, deletion, shared tablets
and content that changed since a plan was saved."""

import dataclasses
import json
import logging
import re
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from decisionaid.family import tailoring
from decisionaid.family.answers import QUESTIONS_KEY, SAVED_PLAN_KEY, SESSION_KEY
from decisionaid.family.forms import still_valid_answer
from decisionaid.library import catalogue
from decisionaid.saving import codes, plans
from decisionaid.saving.models import SavedPlan
from tests.helpers import complete_answers, forget_code_cookies

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
OWN_QUESTION = "Can her grandmother stay the night?"
WRONG_CODE = "We could not open saved answers with that code."


def family(client, answers=None, own=(OWN_QUESTION,), shared=False):
    answers = complete_answers(risk_group="high", hopes="Home for her birthday") if answers is None else answers
    session = client.session
    session[SESSION_KEY] = answers
    chosen = [q.id for q in tailoring.summarise(answers).suggested_questions][:2] if answers else []
    session[QUESTIONS_KEY] = {"chosen": chosen, "own": list(own)}
    if shared:
        session["shared_device"] = True
        session["last_seen"] = timezone.now().timestamp()
    session.save()
    return answers


def shown_code(html: str) -> str:
    """The six words as the code page lists them."""
    listed = html.split('class="return-code__words"')[1].split("</ol>")[0]
    words = re.findall(r"<li>([a-z]+)</li>", listed)
    assert len(words) == 6, listed
    return " ".join(words)


def save(client, data=None, **extra) -> str:
    response = client.post("/save/", data or {}, **extra)
    assert response.status_code == 302 and response["Location"] == "/saved/"
    return shown_code(client.get("/saved/").content.decode())


def restore(code, client=None, **extra):
    client = client or Client()
    return client, client.post("/return/", {"code": code}, **extra)


def error_text(response):
    html = response.content.decode()
    return re.search(r'<p class="error-message" id="return-code-error">(.*?)</p>', html, re.S).group(1)


# Saving ----------------------------------------------------------------------------------


def test_saving_shows_six_words_a_qr_code_and_the_date_it_is_kept_until(client):
    family(client)
    page = client.get("/saved/")
    assert page.status_code == 302  # nothing saved yet
    code = save(client)
    html = client.get("/saved/").content.decode()
    assert "<h1 tabindex=\"-1\">Your answers are saved</h1>" in html and html.count("<h1") == 1
    until = (timezone.localdate() + timedelta(days=90)).strftime("%-d %B %Y")
    assert until in html
    assert '<svg role="img" aria-label="QR code' in html
    assert "testserver/return/" in html
    assert "Delete my saved answers" in html
    assert set(code.split()) <= set(codes.WORDS)


def test_the_code_page_needs_nothing_the_strict_csp_refuses(client):
    family(client)
    save(client)
    response = client.get("/saved/")
    html = response.content.decode()
    assert "style=" not in html and "<style" not in html
    assert "http://" not in html and "https://" not in html  # no xmlns, nothing from elsewhere
    assert "style-src 'self'" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]  # Back never shows a code again from cache


def test_the_plan_keeps_answers_chosen_questions_and_own_questions(client):
    answers = family(client)
    save(client)
    plan = SavedPlan.objects.get()
    assert plan.contents["answers"] == answers
    assert plan.contents["questions_to_bring"] == client.session[QUESTIONS_KEY]
    assert OWN_QUESTION in plan.contents["questions_to_bring"]["own"]
    assert plan.expires_at - plan.saved_at == timedelta(days=90)


def test_the_expiry_is_a_setting(client, settings):
    settings.SAVED_PLAN_DAYS = 7
    family(client)
    save(client)
    plan = SavedPlan.objects.get()
    assert plan.expires_at - plan.saved_at == timedelta(days=7)


def test_saving_is_offered_once_there_is_an_answer(client):
    assert b"Save and continue later" not in client.get("/").content
    assert b"Save and continue later" not in client.get("/questions/cancer-course/").content
    client.post("/questions/cancer-course/", {"answer": "relapsed"})
    for url in ("/", "/questions/risk-group/", "/questions/cancer-course/"):
        assert b"Save and continue later" in client.get(url).content, url
    family(client)
    for url in ("/check-your-answers/", "/summary/"):
        assert b"Save and continue later" in client.get(url).content, url


def test_save_later_on_a_question_keeps_the_answer_on_screen_too(client):
    client.post("/questions/cancer-course/", {"answer": "relapsed"})
    response = client.post("/questions/risk-group/", {"answer": "high", "save_later": "1"})
    assert response["Location"] == "/saved/"
    assert SavedPlan.objects.get().contents["answers"] == {"cancer-course": "relapsed", "risk-group": "high"}


def test_save_later_on_a_question_left_unanswered_saves_the_rest(client):
    client.post("/questions/cancer-course/", {"answer": "relapsed"})
    response = client.post("/questions/risk-group/", {"save_later": "1"})
    assert response["Location"] == "/saved/"
    assert SavedPlan.objects.get().contents["answers"] == {"cancer-course": "relapsed"}


def test_nothing_to_save_goes_to_the_start(client):
    assert client.post("/save/")["Location"] == "/"
    assert not SavedPlan.objects.exists()


def test_saving_again_keeps_the_same_code_and_changes_are_saved_too(client):
    family(client)
    code = save(client)
    client.post("/questions/risk-group/?change=1", {"answer": "intermediate"})
    assert SavedPlan.objects.get().contents["answers"]["risk-group"] == "intermediate"
    client.post("/summary/questions/", {"own_question": "Who do we call at night?"})
    assert "Who do we call at night?" in SavedPlan.objects.get().contents["questions_to_bring"]["own"]
    assert save(client) == code
    assert SavedPlan.objects.count() == 1


def test_a_device_that_lost_the_code_gets_a_new_one_and_the_old_one_stops_working(client):
    family(client)
    old = save(client)
    forget_code_cookies(client)
    page = client.get("/saved/").content.decode()
    assert "we cannot show it again" in page and "Get a new return code" in page
    # "Save and continue later" again saves under the same code, which this device no longer shows.
    assert client.post("/save/")["Location"] == "/saved/"
    assert "Get a new return code" in client.get("/saved/").content.decode()
    assert restore(old)[1].status_code == 302
    new = save(client, {"new_code": "1"})  # "Get a new return code"
    assert new != old
    assert SavedPlan.objects.count() == 1
    assert WRONG_CODE in restore(old)[1].content.decode()
    assert restore(new)[1].status_code == 302


def test_a_forged_code_cookie_is_never_looked_up(client):
    family(client)
    code = save(client)
    forget_code_cookies(client)
    client.cookies["return_code"] = codes.for_link(code)  # unsigned: not issued by the server
    page = client.get("/saved/").content.decode()
    assert "Get a new return code" in page and 'class="return-code__words"' not in page


# The stored table ------------------------------------------------------------------------


def every_value_in_the_database():
    """Every column of every row of every table, as text."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                for value in row:
                    yield table, str(value)
    for session in Session.objects.all():
        yield "django_session (decoded)", str(session.get_decoded())


def test_no_table_holds_a_working_code(client):
    answers = family(client)
    code = save(client)
    Client().post("/return/", {"code": code})  # a restore elsewhere, too
    anywhere = re.compile(r"\W*".join(code.split()), re.IGNORECASE)
    typed_by_family = str(answers) + str(client.session[QUESTIONS_KEY])
    found = list(every_value_in_the_database())
    assert any(table == "decisionaid_savedplan" for table, _ in found)
    for table, value in found:
        assert not anywhere.search(value), table
        assert codes.for_link(code) not in value
        if table == "decisionaid_savedplan":  # a word of the code only where the family wrote it
            for word in code.split():
                assert not re.search(rf"\b{word}\b", value) or re.search(rf"\b{word}\b", typed_by_family), word
    plan = SavedPlan.objects.get()
    assert plan.code_hash == plans.code_hashes(code)[0] and len(plan.code_hash) == 64
    import hashlib

    assert plan.code_hash != hashlib.sha256(code.encode()).hexdigest()  # keyed: a dump alone is not enough


def test_codes_are_unique_across_many_saves():
    made = [plans.save({"cancer-course": "relapsed"}, {"chosen": [], "own": []}) for _ in range(2000)]
    assert len({saved.code for saved in made}) == 2000
    assert SavedPlan.objects.values("code_hash").distinct().count() == 2000
    assert not any(saved.replaced_code for saved in made)


# Restoring -------------------------------------------------------------------------------


def test_restoring_on_another_device_gives_back_everything_in_a_new_session(client):
    answers = family(client)
    questions = client.session[QUESTIONS_KEY]
    code = save(client)
    home = Client()
    home.post("/questions/cancer-course/", {"answer": "refractory"})  # something else on this device
    old_key = home.session.session_key
    _, response = restore(code.upper().replace(" ", "-"), home)
    assert response["Location"] == "/summary/"
    assert home.session[SESSION_KEY] == answers
    assert home.session[QUESTIONS_KEY] == questions
    assert home.session[SAVED_PLAN_KEY] == SavedPlan.objects.get().pk
    assert home.session.session_key != old_key
    assert not Session.objects.filter(session_key=old_key).exists()
    summary = home.get("/summary/").content.decode()
    assert "Welcome back. We have opened your saved answers." in summary
    assert OWN_QUESTION in summary and "High risk" in summary


def test_a_restored_device_can_show_the_code_and_print_it(client):
    family(client)
    code = save(client)
    home, _ = restore(code)
    assert shown_code(home.get("/saved/").content.decode()) == code
    handout = home.get("/handout/").content.decode()
    assert code in handout and '<svg role="img"' in handout


def test_restoring_a_journey_half_done_goes_to_the_next_question(client):
    client.post("/questions/cancer-course/", {"answer": "relapsed"})
    code = save(client)
    _, response = restore(code)
    assert response["Location"] == "/questions/risk-group/"


@pytest.mark.parametrize(
    "typed",
    ["maple river jacket honey orbit tenant", "zoo zoo zoo zoo zoo zoo", "not a code", "12345",
     "x" * 5000, "maple river jacket honey orbit"],
    ids=["unknown", "unknown-2", "malformed", "digits", "huge", "five-words"],
)
def test_a_wrong_code_gets_the_same_plain_message(typed):
    client, response = restore(typed)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Open your saved answers" in html
    assert 'class="error-summary"' in html
    assert error_text(response).endswith(
        "We could not open saved answers with that code. Check the six words and try again."
    )
    assert SESSION_KEY not in client.session


def test_expired_and_deleted_codes_get_the_same_message_as_unknown_ones(client, monkeypatch):
    unknown = error_text(restore(codes.new_code())[1])
    family(client)
    expired = save(client)
    later = timezone.now() + timedelta(days=91)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert error_text(restore(expired)[1]) == unknown
    monkeypatch.undo()

    other = Client()
    family(other)
    deleted = save(other)
    other.post("/saved/delete/")
    assert error_text(restore(deleted)[1]) == unknown
    assert error_text(restore("garbled")[1]) == unknown


def test_an_empty_code_asks_for_one_and_is_not_counted():
    client, response = restore("   ")
    assert "Enter the six words of your return code." in error_text(response)
    from decisionaid.saving.models import ReturnAttempt

    assert not ReturnAttempt.objects.exists()


def test_the_return_page(client):
    html = client.get("/return/").content.decode()
    assert html.count("<h1") == 1 and "Open your saved answers" in html
    assert '<label class="label label--large" for="return-code">Your return code</label>' in html
    assert '<button type="submit" class="button">Open my saved answers</button>' in html
    assert b"I have a return code" in client.get("/").content


# Expiry and deletion ---------------------------------------------------------------------


def test_deleting_removes_the_plan_at_once_and_keeps_this_devices_answers(client):
    answers = family(client)
    code = save(client)
    response = client.post("/saved/delete/", follow=True)
    assert not SavedPlan.objects.exists()
    assert "Your saved answers have been deleted" in response.content.decode()
    assert client.session[SESSION_KEY] == answers and SAVED_PLAN_KEY not in client.session
    assert client.cookies["return_code"].value == ""
    assert WRONG_CODE in restore(code)[1].content.decode()
    assert client.get("/saved/")["Location"] == "/"


def test_clearsavedplans_removes_only_expired_plans(client, monkeypatch, capsys):
    family(client)
    save(client)
    plans.save({"cancer-course": "relapsed"}, {"chosen": [], "own": []})
    SavedPlan.objects.filter(pk=SavedPlan.objects.first().pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    call_command("clearsavedplans")
    assert SavedPlan.objects.count() == 1
    assert "Deleted 1 expired saved plan(s)" in capsys.readouterr().out
    later = timezone.now() + timedelta(days=91)
    monkeypatch.setattr(timezone, "now", lambda: later)
    call_command("clearsavedplans", verbosity=0)
    assert not SavedPlan.objects.exists()


def test_an_expired_plan_is_refused_even_before_it_is_cleared(client, monkeypatch):
    family(client)
    code = save(client)
    later = timezone.now() + timedelta(days=90, seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert WRONG_CODE in restore(code)[1].content.decode()
    assert SavedPlan.objects.exists()  # until clearsavedplans runs


def test_start_over_still_erases_this_device_and_says_the_saved_copy_is_kept(client):
    family(client)
    save(client)
    key = client.session.session_key
    response = client.post("/start-over/", follow=True)
    html = response.content.decode()
    assert "Everything you entered has been erased from this device." in html
    assert "Delete my saved answers" in html
    assert not Session.objects.filter(session_key=key).exists()
    assert SESSION_KEY not in client.session
    assert SavedPlan.objects.exists()
    assert client.cookies["return_code"].value == ""


# Shared tablets --------------------------------------------------------------------------


def test_a_shared_tablet_shows_the_code_once_after_erasing_the_answers(client):
    family(client, shared=True)
    key = client.session.session_key
    response = client.post("/save/")
    assert response["Location"] == "/saved/"
    assert not Session.objects.filter(session_key=key).exists()
    assert SESSION_KEY not in client.session and QUESTIONS_KEY not in client.session
    assert client.session.get("shared_device") is True  # still a shared device
    assert "return_code" not in client.cookies or client.cookies["return_code"].value == ""

    page = client.get("/saved/")
    html = page.content.decode()
    assert "Write down your return code" in html
    assert "Your answers have been erased from this device." in html
    assert "I have a return code" in html and "any phone" in html
    code = shown_code(html)
    assert "Delete my saved answers" not in html  # nothing of theirs is left here to delete

    again = client.get("/saved/")
    assert again.status_code == 302 and again["Location"] == "/"  # shown once

    home, restored = restore(code)
    assert restored["Location"] == "/summary/"
    assert OWN_QUESTION in home.get("/summary/").content.decode()


def test_after_saving_a_shared_tablet_says_the_answers_were_erased_and_how_to_open_them(client):
    family(client, shared=True)
    client.post("/save/")
    code_page = client.get("/saved/").content.decode()
    assert "Print or write it down first." in code_page and "Print the code" in code_page
    for url in ("/summary/", "/handout/", "/handout.pdf", "/check-your-answers/"):
        page = client.get(url)
        html = page.content.decode()
        assert page.status_code == 200, url
        assert "Your answers were erased from this device" in html, url
        assert "when you saved your answers, we erased them" in html and 'href="/return/"' in html, url
    client.post("/", {})  # starting again: a new journey, and the pages are as ever
    assert client.get("/summary/")["Location"] == "/questions/cancer-course/"


def test_the_still_there_warning_says_the_real_time_left_and_offers_saving(client, settings):
    settings.SHARED_DEVICE_GRACE_SECONDS = 45
    family(client, shared=True)
    html = client.get("/questions/hopes/").content.decode()
    assert "they will be erased in <span data-time-left>45 seconds</span>" in html
    dialog = html.split('<dialog id="still-here"')[1].split("</dialog>")[0]
    assert "I'm still here" in dialog and "Save and continue later" in dialog
    settings.SHARED_DEVICE_GRACE_SECONDS = 600
    assert "<span data-time-left>10 minutes</span>" in client.get("/questions/hopes/").content.decode()
    assert re.search(r'<form method="post" action="/save/" data-save>', dialog)  # shown
    assert re.search(r"<body [^>]*data-has-answers", html)
    empty = Client()
    empty.post("/", {"shared_device": "yes"})
    html = empty.get("/questions/cancer-course/").content.decode()
    dialog = html.split('<dialog id="still-here"')[1].split("</dialog>")[0]
    # Nothing to save yet: the form is there, hidden, for when there is (app.js, shared-device.js)
    assert re.search(r'<form method="post" action="/save/" data-save hidden>', dialog)
    assert not re.search(r"<body [^>]*data-has-answers", html)


def test_every_htmx_response_says_whether_there_is_anything_to_save(client):
    """htmx swaps only part of the page: its header tells the page, however it was reached."""
    client.post("/", {"shared_device": "yes"})
    assert client.get("/questions/cancer-course/", **HTMX)["Decisionaid-Has-Answers"] == "no"
    answered = client.post("/questions/cancer-course/", {"answer": "relapsed"}, follow=True, **HTMX)
    assert answered.redirect_chain and answered["Decisionaid-Has-Answers"] == "yes"
    assert "Decisionaid-Has-Answers" not in client.get("/questions/risk-group/")  # a full page has data-has-answers
    client.post("/start-over/", {"reason": "not-in-use"})
    assert client.get("/", **HTMX)["Decisionaid-Has-Answers"] == "no"


def test_a_shared_tablet_saving_through_htmx_reloads_the_whole_page(client):
    family(client, shared=True)
    response = client.post("/save/", **HTMX)
    assert response.status_code == 200 and response["HX-Redirect"] == "/saved/"
    assert "Write down your return code" in client.get("/saved/").content.decode()


def test_a_clinic_wide_shared_tablet_saves_the_same_way(client, settings):
    settings.SHARED_DEVICE = True
    client.get("/")
    client.post("/questions/cancer-course/", {"answer": "relapsed"})
    assert client.post("/questions/risk-group/", {"answer": "high", "save_later": "1"})["Location"] == "/saved/"
    assert SESSION_KEY not in client.session
    code = shown_code(client.get("/saved/").content.decode())
    assert restore(code)[1]["Location"] == "/questions/where-now/"


def test_restoring_on_a_shared_tablet_keeps_it_shared_and_keeps_no_code(client):
    other = Client()
    family(other)
    code = save(other)
    tablet = Client()
    tablet.post("/", {"shared_device": "yes"})
    _, response = restore(code, tablet)
    assert response.status_code == 302
    assert tablet.session.get("shared_device") is True
    assert tablet.cookies["return_code"].value == ""  # deleted, if ever there
    assert not tablet.cookies["sessionid"]["max-age"]  # gone when the browser closes


def test_saving_again_on_a_shared_tablet_gives_a_new_code_as_it_keeps_none(client):
    family(client)
    first = save(client)
    tablet = Client()
    tablet.post("/", {"shared_device": "yes"})
    restore(first, tablet)
    tablet.post("/questions/risk-group/?change=1", {"answer": "intermediate", "save_later": "1"})
    page = tablet.get("/saved/").content.decode()
    assert "This is a new return code. The code you had before no longer works." in page
    second = shown_code(page)
    assert second != first and SavedPlan.objects.count() == 1
    assert WRONG_CODE in restore(first)[1].content.decode()
    home, _ = restore(second)
    assert home.session[SESSION_KEY]["risk-group"] == "intermediate"


# Content that changed since the plan was saved -------------------------------------------


def test_answers_that_no_longer_fit_are_dropped_and_asked_again(client):
    answers = complete_answers(risk_group="high")
    stale = {
        **answers,
        "a-question-since-removed": "yes",
        "risk-group": "very-high",  # a choice that no longer exists
        "where-now": ["elsewhere", "a-place-since-removed"],
        "what-matters": {"comfort": "very"},  # a grid whose other items were added since
    }
    plan = SavedPlan.objects.create(
        code_hash=plans.code_hashes("maple river jacket honey orbit tenant")[0],
        data=json.dumps({"format": 1, "answers": stale, "questions_to_bring": {"chosen": ["gone-id"], "own": ["Mine", 7]}}),
        saved_at=timezone.now(), expires_at=timezone.now() + timedelta(days=1),
    )
    restored = plans.restorable(plan, still_valid_answer)
    assert restored.changed
    assert "a-question-since-removed" not in restored.answers
    for dropped in ("risk-group", "where-now", "what-matters"):
        assert dropped not in restored.answers
    assert restored.answers["cancer-course"] == answers["cancer-course"]
    assert restored.questions_to_bring == {"chosen": [], "own": ["Mine"]}

    _, response = restore("Maple River Jacket Honey Orbit Tenant", client)
    assert response["Location"] == "/questions/risk-group/"
    page = client.get("/questions/risk-group/").content.decode()
    assert "Some questions have changed since you saved them" in page


def test_a_plan_saved_before_the_questions_changed_still_restores(client, monkeypatch):
    answers = family(client)
    code = save(client)

    # The content is updated: one question is removed, a choice of another is renamed, and a
    # new question is asked first.
    before = catalogue.load()
    removed = "age"
    renamed = before.question("cancer-course")
    assert answers[renamed.id] in {c.value for c in renamed.choices}
    renamed_choices = tuple(dataclasses.replace(c, value=c.value + "-v2") for c in renamed.choices)
    new = catalogue.Question(
        id="new-first-question", part=renamed.part, kind="radio", text="A new question about your child?",
        choices=(catalogue.Choice("yes", "Yes"), catalogue.Choice("not-sure", "I'm not sure")),
    )
    questions = [new] + [
        dataclasses.replace(q, choices=renamed_choices) if q.id == renamed.id else q
        for q in before.questions if q.id != removed
    ]
    after = dataclasses.replace(before, questions=tuple(questions))
    after.__dict__.pop("_questions_by_id", None)
    monkeypatch.setattr(catalogue, "load", lambda: after)

    home, response = restore(code)
    assert response.status_code == 302
    assert response["Location"] == "/questions/new-first-question/"
    restored = home.session[SESSION_KEY]
    assert removed not in restored and renamed.id not in restored and "new-first-question" not in restored
    kept = {k: v for k, v in answers.items() if k not in (removed, renamed.id)}
    assert {k: restored[k] for k in restored} == {k: kept[k] for k in restored}
    assert len(restored) > len(answers) // 2  # most answers survive
    page = home.get("/questions/new-first-question/").content.decode()
    assert "A new question about your child?" in page
    assert "Some questions have changed since you saved them" in page
    home.post("/questions/new-first-question/", {"answer": "yes"})
    assert home.get("/questions/cancer-course/").status_code == 200  # and then the renamed one


# Logs ------------------------------------------------------------------------------------


def test_no_code_reaches_the_logs(client, caplog):
    caplog.set_level(logging.DEBUG)
    family(client)
    code = save(client)
    client.get("/handout/")
    restore(code)
    restore("wrong words typed here by someone now")
    assert not re.search(r"\W*".join(code.split()), caplog.text, re.IGNORECASE)
    assert codes.for_link(code) not in caplog.text
    assert "typed here by someone" not in caplog.text


def test_the_privacy_page_says_what_a_saved_plan_keeps_how_long_and_how_to_delete_it(client, settings):
    settings.SAVED_PLAN_DAYS = 45
    html = client.get("/privacy/").content.decode()
    for words in ("If you save your answers to continue later", "return code of six words",
                  "kept for 45 days after you last saved or changed them", "Delete my saved answers",
                  "only a scrambled form of it", "never the address itself"):
        assert words in html, words
