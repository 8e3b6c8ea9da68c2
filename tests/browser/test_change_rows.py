"""Check your answers in Chromium: "Change" brings the family back to the row they changed, not
to the top of a page five screens long, at tablet and phone size, with and without JavaScript."""

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.browser.pages import finish_journey, seed_session
from tests.helpers import complete_answers

pytestmark = pytest.mark.django_db(transaction=True)
EVERY_WAY = pytest.mark.parametrize(("size", "javascript"), [(s, js) for s in ("tablet", "phone") for js in (True, False)],
                                    ids=["tablet-js", "tablet-no-js", "phone-js", "phone-no-js"])


def row_in_view(page, row_id, javascript):
    """The row is at the top of the screen (the page was scrolled to it), its question seen; with
    JavaScript it also has the focus, for a keyboard or a screen reader."""
    row = page.locator(f"#{row_id}")
    expect(row).to_be_in_viewport()
    # With JavaScript the row is shown once htmx has settled the new page, a moment after its
    # address changed: wait for that (a condition, never a time), then say where it was if not.
    at_top = """([id, height]) => { const top = document.getElementById(id).getBoundingClientRect().top;
                                   return window.scrollY > 0 && top >= 0 && top < height / 3; }"""
    try:
        page.wait_for_function(at_top, arg=[row_id, page.viewport_size["height"]], timeout=5000)
    except PlaywrightTimeout:
        raise AssertionError(f"the row is at {row.bounding_box()['y']}, scrolled {page.evaluate('window.scrollY')}")
    if javascript:
        expect(row).to_be_focused()
    return row


@EVERY_WAY
def test_change_comes_back_to_the_row_changed(open_page, size, javascript):
    page = open_page(size, javascript)
    finish_journey(page)
    page.get_by_role("link", name=re.compile("Change your answer to: When your child was first diagnosed")).click()
    page.get_by_label("Intermediate risk", exact=True).check()
    page.get_by_role("button", name=re.compile(r"^Continue")).click()
    expect(page.locator("main h1")).to_have_text("Check your answers")
    expect(page).to_have_url(re.compile(r"/check-your-answers/#row-risk-group$"))
    expect(row_in_view(page, "row-risk-group", javascript)).to_contain_text("Intermediate risk")
    page.get_by_role("link", name=re.compile("Change your answer to: How would you like to make decisions")).click()
    # Check your answers has a Continue button too: press the question's, once its page is shown.
    expect(page).to_have_url(re.compile(r"/questions/decision-style/"))
    expect(page.locator("main h1")).not_to_have_text("Check your answers")
    page.get_by_role("button", name=re.compile(r"^Continue")).click()
    expect(page).to_have_url(re.compile(r"/check-your-answers/#row-decision-style$"))
    expect(row_in_view(page, "row-decision-style", javascript)).to_contain_text("We want to decide together")


@EVERY_WAY
def test_a_change_that_asks_a_new_question_comes_back_to_the_row_first_changed(open_page, live_server, size,
                                                                                javascript):
    page = open_page(size, javascript)
    seed_session(page, live_server, complete_answers(risk_group="high", treatments_had=["surgery"]))
    page.goto("/check-your-answers/")
    page.get_by_role("link", name=re.compile("Change your answer to: Which treatments")).click()
    page.get_by_label("Topotecan (Hycamtin), a chemotherapy medicine", exact=True).check()
    page.get_by_role("button", name=re.compile(r"^Continue")).click()
    expect(page.locator("main h1")).to_have_text("Did the cancer keep growing while your child was having topotecan?")
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name=re.compile(r"^Continue")).click()
    expect(page).to_have_url(re.compile(r"/check-your-answers/#row-treatments-had$"))
    expect(row_in_view(page, "row-treatments-had", javascript)).to_contain_text("Topotecan")


@EVERY_WAY
def test_back_from_a_change_goes_to_its_row(open_page, live_server, size, javascript):
    page = open_page(size, javascript)
    seed_session(page, live_server, complete_answers(risk_group="high"))
    page.goto("/check-your-answers/")
    page.get_by_role("link", name=re.compile("Change your answer to: How important is each of these")).click()
    expect(page.locator("main h1")).to_have_text("How important is each of these to your family right now?")
    page.locator("main a.back-link").click()
    expect(page).to_have_url(re.compile(r"/check-your-answers/#row-what-matters$"))
    row = row_in_view(page, "row-what-matters", javascript)
    expect(row.locator("li strong").first).to_have_text("Not sure yet:")  # the rating first, in bold
    assert row.locator("li strong").first.evaluate("e => getComputedStyle(e).fontWeight") == "700"
