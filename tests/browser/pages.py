"""Every page and state a family can reach, for the accessibility and layout checks."""

import re
from unittest import mock

from django.db import OperationalError
from playwright.sync_api import expect

from decisionaid.family import journey
from tests.browser.family import HIGH_RISK_FAMILY, answer_all_questions
from tests.helpers import EVERY_QUESTION, STAFF_PASSWORD, answers_before, complete_answers, hospital_details, staff_user

QUESTION_IDS = [q.id for q in journey.questions_to_ask(EVERY_QUESTION)]


def seed_session(page, live_server, answers, **extra):
    """Give this browser a session holding these answers, as if the family had typed them."""
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore

    from decisionaid.family.answers import SESSION_KEY

    session = SessionStore()
    session[SESSION_KEY] = answers
    session.update(extra)
    session.create()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
    )


def visit_question(page, live_server, question_id, with_error=False):
    seed_session(page, live_server, answers_before(question_id))
    page.goto(f"/questions/{question_id}/")
    if with_error:
        # An empty answer is an error on every question but free text; there, too long a text.
        textarea = page.locator("main textarea")
        if textarea.count():
            textarea.fill("x" * 1001)
        page.get_by_role("button", name=re.compile(r"^Continue")).click()
        expect(page.locator(".error-summary")).to_be_visible()


def finish_journey(page):
    page.goto("/")
    page.get_by_role("button", name="Start now").click()
    expect(page.locator("main h1")).to_have_text("Which of these best describes your child's cancer now?")
    answer_all_questions(page, HIGH_RISK_FAMILY)


def save_for_later(page, live_server, shared=False):
    """A family with every question answered presses "Save and continue later"."""
    import time

    extra = {"shared_device": True, "last_seen": time.time()} if shared else {}
    seed_session(page, live_server, complete_answers(risk_group="high"), **extra)
    page.goto("/check-your-answers/")
    page.get_by_role("button", name="Save and continue later").click()
    expect(page.locator(".return-code__words li")).to_have_count(6)


def weigh_up(page, name):
    """The weigh-up's steps, as a family fills them in."""
    finish_journey(page)
    page.goto("/weigh-up/")
    if name == "weigh-up":
        return
    page.get_by_label("Chemotherapy", exact=True).check()
    if name == "weigh-up-error":  # a contradiction the page itself would untick, set directly
        page.get_by_label("We don't know yet").evaluate("box => box.checked = true")
        page.get_by_role("button", name=re.compile("^Continue")).click()
        expect(page.locator(".error-summary")).to_be_visible()
        return
    page.get_by_label("Focusing on comfort").check()
    page.get_by_role("button", name=re.compile("^Continue")).click()
    expect(page.locator("main h1")).to_have_text("Your reasons for and against")
    if name == "weigh-up-reasons":
        return
    page.get_by_role("button", name=re.compile("^Continue")).click()
    expect(page.locator("main h1")).to_have_text("Where you are now")
    if name == "weigh-up-leaning":
        return
    page.get_by_label("Not sure yet").check()
    page.get_by_role("button", name=re.compile("^Continue")).click()
    expect(page.locator("main h1")).to_have_text("Your weigh-up")


def visit(page, live_server, name):
    """Open a named page in its named state."""
    if name.startswith("question:"):
        _, question_id, state = name.split(":")
        visit_question(page, live_server, question_id, with_error=state == "error")
    elif name == "start":
        page.goto("/")
    elif name == "check-your-answers":
        finish_journey(page)
    elif name == "check-your-answers-changed":  # back at the row changed, marked
        finish_journey(page)
        page.get_by_role("link", name=re.compile("Change your answer to: How important is each of these")).click()
        page.get_by_role("button", name=re.compile(r"^Continue")).click()
        expect(page).to_have_url(re.compile(r"#row-what-matters$"))
    elif name in ("summary", "handout", "about"):
        finish_journey(page)
        page.goto(f"/{name}/")
    elif name == "summary-open":
        finish_journey(page)
        page.goto("/summary/")
        for card in page.locator("details").all():
            card.evaluate("element => element.open = true")
    elif name == "summary-own-question-error":
        finish_journey(page)
        page.goto("/summary/")
        page.get_by_label("Add a question of your own").fill("Why " * 100)
        page.get_by_role("button", name="Save my questions").click()
        expect(page.locator("#own-question-error")).to_be_visible()
    elif name.startswith("option:"):
        finish_journey(page)
        page.goto(f"/options/{name.split(':')[1]}/")
        for disclosure in page.locator("main details").all():
            disclosure.evaluate("element => element.open = true")
    elif name == "compare":
        page.goto("/options/compare/")
    elif name.startswith("weigh-up"):
        weigh_up(page, name)
    elif name == "not-found":
        page.goto("/questions/no-such-question/")
    elif name == "handout-not-ready":
        page.goto("/handout/")
    elif name == "privacy":
        page.goto("/privacy/")
    elif name == "expired-form":
        page.goto("/")
        page.context.clear_cookies(name="csrftoken")
        page.get_by_role("button", name="Start now").click()
        expect(page.locator("main h1")).to_have_text("Please try that again")
    elif name == "database-trouble":
        seed_session(page, live_server, answers_before("risk-group"))
        with mock.patch("django.contrib.sessions.backends.db.SessionStore.load", side_effect=OperationalError):
            page.goto("/questions/risk-group/")
        expect(page.locator("main h1")).to_have_text("Sorry, please try again")
    elif name == "database-trouble-try-again":  # what a real lock gives (tests/site/test_database_trouble.py)
        seed_session(page, live_server, answers_before("hopes"))
        page.goto("/questions/hopes/")
        page.locator("main textarea").fill("Home for her birthday")
        with mock.patch("decisionaid.saving.sessions.SessionStore.save", side_effect=OperationalError):
            page.get_by_role("button", name=re.compile(r"^Continue")).click()
            expect(page.locator(".error-summary")).to_contain_text("Sorry, please try again")
    elif name in ("still-there-warning", "handout-still-there-warning"):
        import time

        page.clock.install()
        on_handout = name.startswith("handout")
        seed_session(page, live_server, complete_answers() if on_handout else answers_before("hopes"),
                     shared_device=True, last_seen=time.time())
        page.goto("/handout/" if on_handout else "/questions/hopes/")
        page.clock.run_for(10 * 60 * 1000 + 1000)
        expect(page.get_by_role("dialog", name="Are you still there?")).to_be_visible()
    elif name == "erased-after-saving":
        save_for_later(page, live_server, shared=True)
        page.goto("/summary/")
        expect(page.locator("main h1")).to_have_text("Your answers were erased from this device")
    elif name == "pdf-failed":
        seed_session(page, live_server, complete_answers())
        with mock.patch("decisionaid.printing.pdf_process.render", side_effect=OSError("no fonts")):
            page.goto("/handout.pdf")
        expect(page.locator("main h1")).to_have_text("We could not make the PDF")
    elif name == "pdf-slow":  # stopped at its deadline: "print the page instead"
        from django.test import override_settings

        seed_session(page, live_server, complete_answers())
        with override_settings(PDF_RENDER_SECONDS=0):
            page.goto("/handout.pdf")
        expect(page.locator("main h1")).to_have_text("Please print the page instead")
    elif name == "words":
        page.goto("/words/")
    elif name == "start-over":
        seed_session(page, live_server, answers_before("alk"))
        page.goto("/start-over/")
    elif name == "start-over-dialog":
        seed_session(page, live_server, answers_before("alk"))
        page.goto("/questions/alk/")
        page.wait_for_load_state("load")
        page.get_by_role("link", name="Start over and erase my answers").click()
        expect(page.get_by_role("dialog", name="Erase your answers and start over?")).to_be_visible()
    elif name == "return":
        page.goto("/return/")
    elif name == "return-error":
        page.goto("/return/")
        page.get_by_label("Your return code").fill("these are not the right words")
        page.get_by_role("button", name="Open my saved answers").click()
        expect(page.locator(".error-summary")).to_be_visible()
    elif name in ("saved", "saved-shared"):
        save_for_later(page, live_server, shared=name == "saved-shared")
    elif name in ("summary-saved", "handout-saved"):
        save_for_later(page, live_server)
        page.goto("/summary/" if name == "summary-saved" else "/handout/")
    elif name in HOSPITAL_PAGES:
        visit_hospital_page(page, live_server, name)
    else:
        raise ValueError(name)


def log_in_as_staff(page, user=None):
    """Staff log in to the admin with its own login form."""
    user = user or staff_user()
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your service")).to_be_visible()
    return user


def visit_hospital_page(page, live_server, name):
    """A hospital's pages: public ones, family pages with its details, staff review pages."""
    if name.endswith("-with-details"):
        hospital_details()
        seed_session(page, live_server, complete_answers(risk_group="high"))
        page.goto({"start": "/", "summary": "/summary/", "handout": "/handout/"}[name.split("-")[0]])
    elif name in ("review", "review-file"):
        log_in_as_staff(page)
        page.goto("/admin/review/" if name == "review" else "/admin/review/options/alk-targeted-therapy.md")
    else:
        page.goto({"for-clinicians": "/for-clinicians/", "blank-handout": "/blank-handout/",
                   "poster": "/for-clinicians/poster/"}[name])


QUESTION_PAGES = [f"question:{qid}:{state}" for qid in QUESTION_IDS for state in ("first", "error")]
OTHER_PAGES = ["start", "check-your-answers", "not-found", "handout-not-ready"]
SAVING_PAGES = ["return", "return-error", "saved", "saved-shared", "summary-saved", "handout-saved",
                "erased-after-saving"]
WEIGHING_PAGES = ["option:chemotherapy", "option:second-transplant", "option:comfort-care", "compare", "weigh-up",
                  "weigh-up-error", "weigh-up-reasons", "weigh-up-leaning", "weigh-up-summary"]
HOSPITAL_PAGES = ["start-with-details", "summary-with-details", "handout-with-details", "for-clinicians",
                  "blank-handout", "poster", "review", "review-file"]
ALL_PAGES = ["start", *QUESTION_PAGES, "check-your-answers", "check-your-answers-changed", "summary", "summary-open", *WEIGHING_PAGES,
             "summary-own-question-error", "handout", "about", "privacy", "not-found", "handout-not-ready",
             "expired-form", "database-trouble", "database-trouble-try-again", "pdf-failed", "pdf-slow",
             "still-there-warning", "handout-still-there-warning", "words", "start-over", "start-over-dialog",
             *SAVING_PAGES, *HOSPITAL_PAGES]
