"""The handout on a screen, which has no pages (parent walk 2): the front sheet shows the
family's reasons in full, never "(continues on page 2)"; printed, the same page cuts them to
fit page 1 and says where the rest is."""

import re

import pytest
from playwright.sync_api import expect

from decisionaid.family.answers import QUESTIONS_KEY, WEIGH_UP_KEY
from tests.browser.pages import seed_session
from tests.helpers import complete_answers

pytestmark = pytest.mark.django_db(transaction=True)

# Like the walk's first family: three options, each with long reasons (cut on page 1), "more than one".
OPTIONS = ["clinical-trials", "chemoimmunotherapy", "comfort-care"]
REASONS = {o: {"for": f"For {o}: she would be at home with us and her brother for most of the weeks, we were "
                      "told. We would still like to know how often she would need to stay in overnight.",
               "against": f"Against {o}: she screamed with the nerve pain last time and we cannot forget that."}
           for o in OPTIONS}
HOPES = ("That Maya can start Year 2 with her friends in September, keep dancing on Saturdays, and not "
         "spend another long winter in hospital away from her brother.")


@pytest.mark.parametrize(("size", "javascript"), [("tablet", True), ("phone", False)], ids=["tablet-js", "phone-no-js"])
def test_on_screen_the_front_sheet_shows_the_reasons_in_full_and_print_cuts_them(open_page, live_server, size,
                                                                                  javascript):
    answers = complete_answers(risk_group="high", hopes=HOPES, worries=HOPES, alk="yes")
    page = open_page(size, javascript)
    seed_session(page, live_server, answers, **{
        WEIGH_UP_KEY: {"options": OPTIONS, "reasons": REASONS, "leaning": "mix", "sure": {}, "next_steps": []},
        QUESTIONS_KEY: {"chosen": None, "own": ["Could she have the antibody treatment closer to home, so that "
                                                "her brother can visit after school?"]}})
    page.goto("/handout/")
    front = page.locator("#front-sheet")
    for reasons in REASONS.values():
        for text in reasons.values():
            expect(front.get_by_text(text, exact=True)).to_be_visible()
    assert not re.search("continues on page 2|on page 2|next page", page.locator("main").inner_text())  # as seen
    expect(page.locator("h3", has_text=re.compile("^Our reasons:"))).to_have_count(3)
    for heading in page.locator("h3", has_text=re.compile("^Our reasons:")).all():
        expect(heading).to_be_hidden()  # not told twice on one screen
    if size == "tablet":
        page.screenshot(path="/tmp/i21-handout-screen-tablet.png", full_page=True)

    page.emulate_media(media="print")  # the browser's print: the same page, cut to fit page 1
    expect(front.locator(".continues-mark").first).to_be_visible()
    expect(front.get_by_text(REASONS["comfort-care"]["for"], exact=True)).to_be_hidden()
    expect(page.get_by_role("heading", name="Continued from the front page")).to_be_visible()
    expect(page.locator("h3", has_text=re.compile("^Our reasons:")).first).to_be_visible()
    assert REASONS["comfort-care"]["for"] in page.locator("#after-front-sheet").inner_text()
