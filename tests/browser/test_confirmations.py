"""A confirmation is seen where the parent acted (the review's C2): "Your questions are saved."
beside the button that saved, on screen, read out, with and without JavaScript."""

import pytest
from playwright.sync_api import expect

from tests.browser.pages import seed_session
from tests.helpers import complete_answers

pytestmark = pytest.mark.django_db(transaction=True)
MODES = [(size, js) for size in ("tablet", "phone") for js in (True, False)]
MODE_IDS = [f"{size}-{'js' if js else 'no-js'}" for size, js in MODES]
OWN = {"chosen": None, "own": [f"Our question number {n}?" for n in range(1, 13)]}


def expect_seen_beside(page, note_text, javascript, control=None):
    note = page.get_by_role("status").filter(has_text=note_text)
    expect(note).to_have_count(1)
    expect(note).to_be_in_viewport()
    if control is not None:
        expect(control).to_be_in_viewport()
    if javascript:  # focus stays where the parent is, on the note, so it is read out
        expect(note).to_be_focused()


@pytest.mark.parametrize(("size", "javascript"), MODES, ids=MODE_IDS)
def test_saving_the_summarys_questions_says_so_beside_the_button(open_page, live_server, size, javascript):
    page = open_page(size, javascript)
    seed_session(page, live_server, complete_answers(risk_group="high"), questions_to_bring=OWN)
    page.goto("/summary/")
    page.wait_for_load_state("load")
    page.get_by_label("Add a question of your own").fill("Can her grandmother stay the night?")
    save = page.get_by_role("button", name="Save my questions")
    save.click()
    expect_seen_beside(page, "Your questions are saved.", javascript, control=save)
    expect(page.locator("#questions-to-bring")).to_contain_text("Can her grandmother stay the night?")

    # A question removed from the list: said where the list is, not at the button far below.
    page.get_by_role("button", name="Remove the question: Our question number 1?").click()
    expect_seen_beside(page, "The question was removed. Your questions are saved.", javascript,
                       control=page.get_by_role("button", name="Remove the question: Our question number 2?"))
    expect(page.locator("#questions-to-bring")).not_to_contain_text("Our question number 1?")


@pytest.mark.parametrize(("size", "javascript"), MODES, ids=MODE_IDS)
def test_ticking_an_options_questions_says_so_beside_the_button(open_page, live_server, size, javascript):
    page = open_page(size, javascript)
    seed_session(page, live_server, complete_answers(risk_group="high"))
    page.goto("/options/chemotherapy/")
    page.wait_for_load_state("load")
    boxes = page.locator("main .option-questions")  # each where its question is asked (option_page.py)
    boxes.locator(".choice__label").first.click()
    save = page.locator("#questions-to-bring").get_by_role("button", name="Save my questions")
    save.click()
    expect_seen_beside(page, "Your questions are saved.", javascript, control=save)
    expect(boxes.locator(".choice__input").first).to_be_checked()
    expect(page.locator("main h1")).not_to_be_in_viewport()  # not thrown back to the top of a long page
