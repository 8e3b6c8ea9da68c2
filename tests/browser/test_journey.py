"""The real journey in Chromium, as a parent does it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.family import HIGH_RISK_FAMILY, answer_all_questions, answer_current_question

pytestmark = pytest.mark.django_db(transaction=True)
MODES = [(size, js) for size in ("tablet", "phone") for js in (True, False)]
MODE_IDS = [f"{size}-{'js' if js else 'no-js'}" for size, js in MODES]


def start(page):
    page.goto("/")
    page.get_by_role("button", name="Start now").click()
    expect(page.locator("main h1")).to_have_text("Which of these best describes your child's cancer now?")


@pytest.mark.parametrize(("size", "javascript"), MODES, ids=MODE_IDS)
def test_a_family_answers_every_question_and_checks_their_answers(open_page, size, javascript):
    page = open_page(size, javascript)
    start(page)
    seen = answer_all_questions(page, HIGH_RISK_FAMILY)

    assert "Has the cancer come back in the brain or spinal cord?" in seen
    assert "When did the cancer come back?" in seen
    assert "Did the cancer keep growing while your child was having topotecan?" in seen
    expect(page).to_have_url(re.compile(r"/check-your-answers/$"))
    main = page.locator("main")
    expect(main).to_contain_text("High risk")
    expect(main).to_contain_text("Has the cancer come back in the brain or spinal cord?")
    expect(main).to_contain_text("That she can be at home for her birthday.")
    expect(main).to_contain_text("Very important: Comfort and freedom from pain coming first, even if that meant saying no to some treatments")
    page.get_by_role("button", name="Continue to your summary").click()
    expect(page.locator("main h1")).to_have_text("Your summary")


def test_with_javascript_the_url_follows_and_focus_moves_to_the_new_heading(open_page):
    page = open_page("tablet", javascript=True)
    start(page)
    answer_current_question(page, HIGH_RISK_FAMILY)
    expect(page).to_have_url(re.compile(r"/questions/risk-group/$"))
    expect(page.locator("main h1")).to_be_focused()
    expect(page.locator("#page-status")).to_contain_text("which risk group")
    expect(page).to_have_title(re.compile("which risk group"))


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_browser_back_returns_to_the_previous_question_with_its_answer(open_page, javascript):
    page = open_page("phone", javascript)
    start(page)
    answer_current_question(page, HIGH_RISK_FAMILY)
    answer_current_question(page, HIGH_RISK_FAMILY)
    page.go_back()
    expect(page.locator("main h1")).to_have_text("When your child was first diagnosed, which risk group were they in?")
    expect(page.get_by_label("High risk", exact=True)).to_be_checked()
    page.get_by_role("link", name="Back").click()
    expect(page.get_by_label("It went away, then came back", exact=True)).to_be_checked()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_an_error_is_shown_at_the_top_and_beside_the_question(open_page, javascript):
    page = open_page("tablet", javascript)
    start(page)
    page.get_by_role("button", name=re.compile(r"^Continue")).click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "field-answer-0"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_changing_an_answer_from_check_your_answers(open_page, javascript):
    page = open_page("tablet", javascript)
    start(page)
    answer_all_questions(page, HIGH_RISK_FAMILY)
    page.get_by_role("link", name=re.compile("Change your answer to: When your child was first diagnosed")).click()
    page.get_by_label("Intermediate risk", exact=True).check()
    page.get_by_role("button", name=re.compile(r"^Continue")).click()
    expect(page.locator("main h1")).to_have_text("Check your answers")
    expect(page.locator("main")).to_contain_text("Intermediate risk")

    # A change that brings a new question asks it, then comes back.
    page.get_by_role("link", name=re.compile("Change your answer to: Which treatments")).click()
    page.get_by_label("Topotecan (Hycamtin), a chemotherapy medicine", exact=True).uncheck()
    page.get_by_label("Radiation therapy", exact=True).check()
    page.get_by_role("button", name=re.compile(r"^Continue")).click()
    expect(page.locator("main h1")).to_have_text("Check your answers")
    expect(page.locator("main")).not_to_contain_text("Did the cancer keep growing while your child was having topotecan?")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_start_over_erases_everything(open_page, javascript):
    page = open_page("phone", javascript)
    start(page)
    answer_current_question(page, HIGH_RISK_FAMILY)
    page.get_by_role("link", name="Start over and erase my answers").click()
    page.get_by_role("button", name="Yes, erase my answers").click()
    expect(page.locator("main")).to_contain_text("Everything you entered has been erased")
    expect(page.get_by_role("button", name="Start now")).to_be_visible()
    page.goto("/questions/risk-group/")
    expect(page.locator("main h1")).to_have_text("Which of these best describes your child's cancer now?")
    expect(page.get_by_label("It went away, then came back", exact=True)).not_to_be_checked()
