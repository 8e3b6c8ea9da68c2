"""Smaller things a parent meets: their own questions past the limit, the return page, check
your answers, and the A to Z of words."""

import re

import pytest
from playwright.sync_api import expect

from decisionaid.family.answers import OWN_QUESTIONS_MAX
from decisionaid.saving.views import WRONG_CODE
from tests.browser.pages import save_for_later, seed_session
from tests.helpers import complete_answers

pytestmark = pytest.mark.django_db(transaction=True)
MODES = [(size, js) for size in ("tablet", "phone") for js in (True, False)]
MODE_IDS = [f"{size}-{'js' if js else 'no-js'}" for size, js in MODES]
FULL_LIST = {"chosen": [], "own": [f"Our question number {n}?" for n in range(1, OWN_QUESTIONS_MAX + 1)]}


def own_questions(page):
    return page.locator("#questions-to-bring .own-questions li")


# ---- 4 and 5. Own questions: characters left, and a clear message at the limit -------------

@pytest.mark.parametrize(("size", "javascript"), MODES, ids=MODE_IDS)
def test_a_question_past_the_limit_gets_a_clear_message_never_a_silent_drop(open_page, live_server, size, javascript):
    page = open_page(size, javascript)
    seed_session(page, live_server, complete_answers(), questions_to_bring=FULL_LIST)
    page.goto("/summary/")
    box = page.get_by_label("Add a question of your own")
    box.fill("Can she have her treatment closer to home?")
    page.get_by_role("button", name="Save my questions").click()
    message = f"You already have {OWN_QUESTIONS_MAX} questions of your own"
    expect(page.locator("#own-question-error")).to_contain_text(message)
    expect(page.get_by_label("Add a question of your own")).to_have_value("Can she have her treatment closer to home?")
    expect(own_questions(page)).to_have_count(OWN_QUESTIONS_MAX)
    expect(page.locator(".saved-note")).to_have_count(0)  # never "Your questions are saved."
    if javascript:  # only the section is swapped: the box is focused, its error in view
        expect(page.get_by_label("Add a question of your own")).to_be_focused()
        expect(page.locator("#own-question-error")).to_be_in_viewport()
    else:  # the page opens at the top: the error summary there links to the box
        link = page.locator(".error-summary").get_by_role("link")
        expect(link).to_contain_text(message)
        link.click()
        expect(page.get_by_label("Add a question of your own")).to_be_focused()

    # Removing one makes room: the question still in the box is kept in its place.
    page.get_by_role("button", name="Remove the question: Our question number 1?").click()
    expect(own_questions(page).last).to_contain_text("Can she have her treatment closer to home?")
    expect(own_questions(page)).to_have_count(OWN_QUESTIONS_MAX)
    expect(page.locator("#questions-to-bring")).not_to_contain_text("Our question number 1?")


def test_without_javascript_too_long_an_own_question_is_linked_from_the_top(open_page, live_server):
    page = open_page("phone", javascript=False)
    seed_session(page, live_server, complete_answers())
    page.goto("/summary/")
    page.get_by_label("Add a question of your own").fill("Why " * 100)
    page.get_by_role("button", name="Save my questions").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Your question must be 300 characters or fewer")
    assert summary.bounding_box()["y"] < 600  # at the top, where the page opens
    summary.get_by_role("link").click()
    expect(page.get_by_label("Add a question of your own")).to_be_focused()


def test_with_javascript_the_own_question_box_counts_what_is_left(open_page, live_server):
    page = open_page("tablet", javascript=True)
    seed_session(page, live_server, complete_answers())
    page.goto("/summary/")
    page.get_by_label("Add a question of your own").fill("Can we travel?")
    expect(page.locator("#own-question-count")).to_have_text("You have 286 characters left")


# ---- 9. The return page ----------------------------------------------------------------------

LONG_CODE = "ostrich umbrella universe scorpion wonderful language"


@pytest.mark.parametrize("size", ["tablet", "phone"])
def test_the_code_box_shows_all_six_words(open_page, size):
    page = open_page(size)
    page.goto("/return/")
    box = page.get_by_label("Your return code")
    box.fill(LONG_CODE)
    hidden = box.evaluate("(e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1")
    assert not hidden, "part of the code is out of sight"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_wrong_code_gets_one_short_message(open_page, javascript):
    page = open_page("phone", javascript)
    page.goto("/return/")
    page.get_by_label("Your return code").fill("maple river jacket honey orbit tenant")
    page.get_by_role("button", name="Open my saved answers").click()
    beside = page.locator("#return-code-error")
    expect(beside).to_have_text(f"Error: {WRONG_CODE}")
    line_height = float(beside.evaluate("(e) => parseFloat(getComputedStyle(e).lineHeight)"))
    assert beside.bounding_box()["height"] <= 3 * line_height + 1


@pytest.mark.parametrize(("size", "javascript"), MODES, ids=MODE_IDS)
def test_welcome_back_after_restoring(open_page, live_server, size, javascript):
    saving = open_page("tablet")
    save_for_later(saving, live_server)
    code = " ".join(saving.locator(".return-code__words li").all_inner_texts())
    page = open_page(size, javascript)
    page.goto("/return/")
    page.get_by_label("Your return code").fill(code)
    page.get_by_role("button", name="Open my saved answers").click()
    expect(page.locator("main h1")).to_have_text("Your summary")
    welcome = page.locator("main .notice").first
    expect(welcome).to_have_text("Welcome back. We have opened your saved answers.")
    assert welcome.bounding_box()["y"] < 400  # seen without scrolling


# ---- 10. Check your answers -----------------------------------------------------------------

@pytest.mark.parametrize(("size", "javascript"), MODES, ids=MODE_IDS)
def test_check_your_answers_has_a_back_link_and_lists_the_importance_answers(open_page, live_server, size, javascript):
    page = open_page(size, javascript)
    seed_session(page, live_server, complete_answers(what_matters={
        "control": "very", "home": "somewhat", "comfort": "very", "everyday": "not-important",
        "travel": "not-sure", "research": "somewhat"}))
    page.goto("/check-your-answers/")
    row = page.locator(".summary-list__row").filter(has_text="How important is each of these")
    items = row.locator("ul.answer-list li")
    expect(items).to_have_count(6)
    expect(items.nth(1)).to_have_text(  # the rating first, where it is seen
        "Somewhat important: Time at home and fewer hospital stays, even if that meant saying no to some treatments")
    tops = [items.nth(i).bounding_box()["y"] for i in range(6)]
    assert tops == sorted(tops) and len(set(tops)) == 6  # one answer a line
    last_question = page.locator(".summary-list__row").last.locator("dt").inner_text()
    page.locator("main a.back-link").click()
    expect(page.locator("main h1")).to_have_text(last_question)


# ---- 11. Words used here, A to Z ----------------------------------------------------------

@pytest.mark.parametrize(("size", "javascript"), [("tablet", True), ("phone", False)], ids=["tablet-js", "phone-no-js"])
def test_words_used_here_link_to_the_a_to_z(open_page, live_server, size, javascript):
    page = open_page(size, javascript)
    seed_session(page, live_server, complete_answers(risk_group="high"))
    page.goto("/summary/")
    terms = page.locator("details.terms").first
    terms.locator("summary").click()
    terms.get_by_role("link", name="All the words used in this tool, A to Z").click()
    expect(page.locator("main h1")).to_have_text("Words used here, A to Z")
    expect(page).to_have_url(re.compile(r"/words/$"))

    letters = page.locator(".a-to-z__letter").all_inner_texts()
    assert letters == sorted(letters) and len(letters) > 5
    terms_shown = [t.lower() for t in page.locator(".glossary dt").all_inner_texts()]
    assert terms_shown == sorted(terms_shown)
    page.get_by_role("navigation", name="Words by their first letter").get_by_role("link", name="R", exact=True).click()
    expect(page.locator("#letter-r")).to_be_in_viewport()
    expect(page.locator("#letter-r + .glossary")).to_contain_text("Refractory")
