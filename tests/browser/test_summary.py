"""The summary and the handout in Chromium, as a parent uses them."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.pages import finish_journey

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(("size", "javascript"), [("tablet", True), ("phone", False)], ids=["tablet-js", "phone-no-js"])
def test_a_parent_sees_their_situation_options_care_and_questions(open_page, size, javascript):
    page = open_page(size, javascript)
    finish_journey(page)
    page.get_by_role("button", name="Continue to your summary").click()
    main = page.locator("main")
    expect(main.locator("h1")).to_have_text("Your summary")
    expect(main).to_contain_text("High risk")
    expect(page.get_by_role("heading", name="The options", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Palliative and supportive care", exact=True)).to_be_visible()

    card = page.locator("#option-chemotherapy")
    expect(card.get_by_role("heading", name="What is known")).to_be_hidden()
    card.locator(".option-card__summary").click()  # a card opens without JavaScript too (<details>)
    expect(card.get_by_role("heading", name="What is known")).to_be_visible()
    expect(card.locator("svg.icon-array").first).to_have_attribute("aria-label", re.compile(r"out of 100"))


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_ticking_a_question_and_adding_our_own_survives_a_reload(open_page, javascript):
    page = open_page("tablet", javascript)
    finish_journey(page)
    page.goto("/summary/")
    general = page.locator("details.question-group[open]").last
    first_question = general.locator("label").first.inner_text()
    general.get_by_label(first_question, exact=True).check()
    page.get_by_label("Add a question of your own").fill("Can her grandmother stay the night?")
    page.get_by_role("button", name="Save my questions").click()
    expect(page.locator("#questions-to-bring")).to_contain_text("Can her grandmother stay the night?")

    page.reload()
    expect(page.get_by_label(first_question, exact=True).first).to_be_checked()
    expect(page.locator("#questions-to-bring")).to_contain_text("Can her grandmother stay the night?")
    page.get_by_role("button", name=re.compile("Remove the question: Can her grandmother")).click()
    expect(page.locator("#questions-to-bring")).not_to_contain_text("Can her grandmother stay the night?")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_an_over_long_question_of_our_own_is_kept_with_the_error_beside_it(open_page, javascript):
    page = open_page("phone", javascript)
    finish_journey(page)
    page.goto("/summary/")
    draft = "Could she " + "really " * 50 + "go home?"
    page.get_by_label("Add a question of your own").fill(draft)
    page.get_by_role("button", name="Save my questions").click()
    box = page.get_by_label("Add a question of your own")
    expect(box).to_have_value(draft)
    expect(box).to_have_accessible_description(re.compile("must be 300 characters or fewer"))
    page.get_by_label("Add a question of your own").fill("Could she go home?")
    page.get_by_role("button", name="Save my questions").click()
    expect(page.locator("#questions-to-bring")).to_contain_text("Your questions are saved.")
    expect(page.locator("#questions-to-bring")).to_contain_text("Could she go home?")


def test_the_summary_leads_to_the_handout(open_page):
    page = open_page("tablet", javascript=True)
    finish_journey(page)
    page.goto("/summary/")
    page.get_by_role("link", name="Print or save a summary to bring to the appointment").first.click()
    expect(page.locator("h1")).to_have_text("Our summary for the care team")
    expect(page.locator(".site-header")).to_have_count(0)  # its own page, not swapped into this one
    expect(page.get_by_role("link", name="Download PDF")).to_be_visible()


def test_the_handout_prints_from_chromium_within_the_page_budget(open_page):
    page = open_page("tablet", javascript=True)
    finish_journey(page)
    page.goto("/summary/")
    for box in page.locator("details.question-group[open] input[name=chosen]").all()[:5]:  # a typical family
        box.check()
    page.get_by_label("Add a question of your own").fill("Can her grandmother stay the night?")
    page.get_by_role("button", name="Save my questions").click()
    expect(page.locator("#questions-to-bring")).to_contain_text("Your questions are saved.")
    page.goto("/handout/")
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    expect(page.get_by_role("link", name="Download PDF")).to_be_visible()
    for paper in ("A4", "Letter"):
        pdf = PdfReader(io.BytesIO(page.pdf(format=paper, print_background=False)))
        assert len(pdf.pages) <= 4, f"{paper}: {len(pdf.pages)} pages"
        text = " ".join(p.extract_text() for p in pdf.pages)
        assert "That she can be at home for her birthday." in text and "Can her grandmother stay" in text


def test_without_javascript_the_print_button_is_hidden(open_page):
    page = open_page("phone", javascript=False)
    finish_journey(page)
    page.goto("/handout/")
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
    expect(page.get_by_role("link", name="Download PDF")).to_be_visible()
