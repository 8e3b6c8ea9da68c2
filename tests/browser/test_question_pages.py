"""The question pages as a parent sees them: answers that stand alone, a steady sense of
progress, the importance scale, and how much a text box can still take."""

import re

import pytest
from playwright.sync_api import expect

from decisionaid.library import catalogue
from tests.browser.family import HIGH_RISK_FAMILY, answer_all_questions, answer_current_question
from tests.browser.pages import seed_session, visit_question
from tests.helpers import answers_before

pytestmark = pytest.mark.django_db(transaction=True)
MODES = [(size, js) for size in ("tablet", "phone") for js in (True, False)]
MODE_IDS = [f"{size}-{'js' if js else 'no-js'}" for size, js in MODES]


def continue_button(page):
    return page.get_by_role("button", name=re.compile(r"^Continue"))


# ---- 1. Answers that contradict themselves are not stored -----------------------------------

def test_with_javascript_an_answer_that_stands_alone_unticks_the_others_and_says_so(open_page, live_server):
    page = open_page("tablet", javascript=True)
    visit_question(page, live_server, "side-effects")
    page.wait_for_load_state("load")  # forms.js is running
    page.get_by_label("Serious infections", exact=True).check()
    page.get_by_label("Severe pain", exact=True).check()
    page.get_by_label("None that we know of", exact=True).check()
    expect(page.get_by_label("Serious infections", exact=True)).not_to_be_checked()
    expect(page.get_by_label("Severe pain", exact=True)).not_to_be_checked()
    status = page.get_by_role("status").filter(has_text="cannot go with other answers")
    expect(status).to_have_text("“None that we know of” cannot go with other answers, "
                                "so we unticked “Serious infections” and “Severe pain”.")

    page.get_by_label("I'm not sure", exact=True).check()
    expect(page.get_by_label("None that we know of", exact=True)).not_to_be_checked()
    page.get_by_label("Severe pain", exact=True).check()
    expect(page.get_by_label("I'm not sure", exact=True)).not_to_be_checked()
    expect(status).to_have_text("We unticked “I'm not sure”, because it cannot go with other answers.")
    continue_button(page).click()
    expect(page.locator("main h1")).to_have_text("Is there anything you want the care team to know about these side effects?")


@pytest.mark.parametrize("size", ["tablet", "phone"])
def test_without_javascript_a_contradictory_answer_gets_a_clear_error_and_is_not_stored(open_page, live_server, size):
    page = open_page(size, javascript=False)
    visit_question(page, live_server, "where-now")
    page.get_by_label("In other parts of the body, such as the bones, bone marrow or liver", exact=True).check()
    page.get_by_label("Tests have not been done yet", exact=True).check()
    page.get_by_label("I'm not sure", exact=True).check()
    continue_button(page).click()
    message = "“Tests have not been done yet” cannot be chosen with other answers. Choose it on its own, or untick it."
    expect(page.locator(".error-summary")).to_contain_text(message)
    expect(page.locator(".error-message")).to_contain_text(message)
    expect(page).to_have_title(re.compile("^Error: Where is the cancer now"))
    page.goto("/check-your-answers/")  # nothing was stored: the journey is still at this question
    expect(page.locator("main h1")).to_have_text("Where is the cancer now?")


def test_answers_that_stand_alone_sit_after_an_or(open_page, live_server):
    page = open_page("phone", javascript=False)
    visit_question(page, live_server, "side-effects")
    labels = page.locator("main .choices").locator(".choice__label, .choices__or").all_inner_texts()
    assert labels[-3:] == ["or", "None that we know of", "I'm not sure"]


# ---- 2. A steady sense of progress ------------------------------------------------------------

def caption(page):
    return page.locator("main .caption").inner_text().replace("\n", " | ")


@pytest.mark.parametrize(("size", "javascript"), MODES, ids=MODE_IDS)
def test_the_total_never_changes_within_a_part_and_part_3_names_the_decision(open_page, size, javascript):
    page = open_page(size, javascript)
    page.goto("/")
    page.get_by_role("button", name="Start now").click()
    totals, numbers = {}, {}
    while page.locator("main h1").inner_text() != "Check your answers":
        part, count = caption(page).split(" | ")
        number, total = re.fullmatch(r"Question (\d+) of (.+)", count).groups()
        totals.setdefault(part, set()).add(total)
        numbers.setdefault(part, []).append(int(number))
        names_decision = page.locator("#part-intro")
        if part.startswith("Part 3 of 3") and number == "1":
            expect(names_decision).to_contain_text("The decision ahead is what to do next for your child")
            assert "part-intro" in (page.locator("main fieldset").first.get_attribute("aria-describedby") or "")
        else:
            expect(names_decision).to_have_count(0)
        answer_current_question(page, HIGH_RISK_FAMILY)
    assert all(len(shown) == 1 for shown in totals.values()), totals
    in_part_1 = [q for q in catalogue.load().questions if q.part == "cancer"]
    assert totals["Part 1 of 3: About the cancer now"] == {f"up to {len(in_part_1)}"}
    for part, seen in numbers.items():
        assert seen == list(range(1, len(seen) + 1)), part


# ---- 3. The importance scale never wraps out of order --------------------------------------

WIDTHS = [320, 390, 560, 680, 820, 1024, 1280]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_importance_scale_is_one_row_or_one_column_in_order(browser, live_server, width):
    context = browser.new_context(viewport={"width": width, "height": 1000}, base_url=live_server.url)
    page = context.new_page()
    seed_session(page, live_server, answers_before("what-matters"))
    page.goto("/questions/what-matters/")
    for group in page.locator("main fieldset").all():
        boxes = [label.bounding_box() for label in group.locator(".choice__label").all()]
        tops = [round(b["y"]) for b in boxes]
        lefts = [round(b["x"]) for b in boxes]
        one_row = len(set(tops)) == 1 and lefts == sorted(lefts) and len(set(lefts)) == len(lefts)
        one_column = len(set(lefts)) == 1 and tops == sorted(tops) and len(set(tops)) == len(tops)
        assert one_row or one_column, f"at {width}px: tops {tops}, lefts {lefts}"
        if width == 820:  # the clinic tablet: a scale, side by side
            assert one_row
    context.close()


# ---- 4. Text boxes say how many characters are left --------------------------------------

@pytest.mark.parametrize("size", ["tablet", "phone"])
def test_with_javascript_a_text_box_counts_the_characters_left_and_says_so_politely(open_page, live_server, size):
    page = open_page(size, javascript=True)
    visit_question(page, live_server, "hopes")
    box = page.get_by_label("What are your hopes for your child right now?")
    count = page.locator("#field-answer-count")
    expect(count).to_have_text("You have 1,000 characters left")
    box.fill("Home for her birthday")
    expect(count).to_have_text("You have 979 characters left")
    spoken = page.locator("[aria-live=polite]").filter(has_text="characters left")
    expect(spoken).to_have_text("You have 979 characters left")  # once typing pauses
    box.fill("x" * 1003)
    expect(count).to_have_text("You have 3 characters too many")
    expect(count).to_have_class(re.compile("character-count--over"))
    continue_button(page).click()
    expect(page.locator(".error-summary")).to_contain_text("Your answer must be 1,000 characters or fewer")


def test_without_javascript_too_long_a_text_is_linked_from_the_error_summary(open_page, live_server):
    page = open_page("phone", javascript=False)
    visit_question(page, live_server, "hopes")
    expect(page.locator(".character-count")).to_have_count(0)
    page.get_by_label("What are your hopes for your child right now?").fill("x" * 1001)
    continue_button(page).click()
    link = page.locator(".error-summary").get_by_role("link")
    expect(link).to_have_text("Your answer must be 1,000 characters or fewer. It is 1001 characters now.")
    link.click()
    expect(page.get_by_label("What are your hopes for your child right now?")).to_be_focused()


def test_the_whole_journey_still_ends_at_check_your_answers(open_page):
    page = open_page("phone", javascript=True)
    page.goto("/")
    page.get_by_role("button", name="Start now").click()
    answer_all_questions(page, HIGH_RISK_FAMILY)
    expect(page).to_have_url(re.compile(r"/check-your-answers/$"))
