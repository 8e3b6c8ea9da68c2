"""Every page and state a family can reach, for the accessibility and layout checks."""

import re

from playwright.sync_api import expect

from decisionaid import journey
from tests.browser.family import HIGH_RISK_FAMILY, answer_all_questions
from tests.helpers import complete_answers, default_answer

# Answers that reach every question, conditional ones included.
EVERY_QUESTION = {
    "cancer-course": "relapsed",
    "treatments-had": ["topotecan", "transplant"],
    "side-effects": ["pain"],
}
QUESTION_IDS = [q.id for q in journey.questions_to_ask(EVERY_QUESTION)]


def answers_before(question_id):
    answers = {}
    while (question := journey.first_unanswered(answers)).id != question_id:
        answers[question.id] = EVERY_QUESTION.get(question.id, default_answer(question))
    return answers


def seed_session(page, live_server, answers, **extra):
    """Give this browser a session holding these answers, as if the family had typed them."""
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore

    from decisionaid.answers import SESSION_KEY

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


def visit(page, live_server, name):
    """Open a named page in its named state."""
    if name.startswith("question:"):
        _, question_id, state = name.split(":")
        visit_question(page, live_server, question_id, with_error=state == "error")
    elif name == "start":
        page.goto("/")
    elif name == "check-your-answers":
        finish_journey(page)
    elif name in ("summary", "handout", "about"):
        finish_journey(page)
        page.goto(f"/{name}/")
    elif name == "summary-open":
        finish_journey(page)
        page.goto("/summary/")
        for card in page.locator("details").all():
            card.evaluate("element => element.open = true")
    elif name == "not-found":
        page.goto("/questions/no-such-question/")
    elif name == "handout-not-ready":
        page.goto("/handout/")
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
    else:
        raise ValueError(name)


QUESTION_PAGES = [f"question:{qid}:{state}" for qid in QUESTION_IDS for state in ("first", "error")]
OTHER_PAGES = ["start", "check-your-answers", "not-found", "handout-not-ready"]
SAVING_PAGES = ["return", "return-error", "saved", "saved-shared", "summary-saved", "handout-saved"]
ALL_PAGES = ["start", *QUESTION_PAGES, "check-your-answers", "summary", "summary-open", "handout", "about",
             "not-found", "handout-not-ready", *SAVING_PAGES]
