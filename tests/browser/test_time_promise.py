"""The start page's promise of time, held to what the pages really ask a careful parent to read.

The measure (README, "How long it takes"): every word a parent can see on each page from the
start page to the summary, as Chromium renders it (closed disclosures and words for screen
readers only left out), read at 200 words a minute; plus TYPING_MINUTES_PER_BOX for each box
the family writes in. The site's header and footer are counted once, on the start page, as a
parent reads them once. The range promised must reach the slowest family we know of.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.family import HIGH_RISK_FAMILY, answer_current_question, heading
from tests.browser.test_summary import EVERY_TREATMENT, VERY, VISIBLE_WORDS

pytestmark = pytest.mark.django_db(transaction=True)
READING_WORDS_PER_MINUTE = 200  # a careful adult reader, not skimming
# A parent writes a few sentences in each box they use: about 40 words, at about 20 words a
# minute on a tablet's screen keyboard, thinking as they go.
TYPING_MINUTES_PER_BOX = 2
MAIN_WORDS = VISIBLE_WORDS.replace("document.body", "document.getElementById('main')")
FEW_SENTENCES = "We hope she can be at home with her brother, sleep in her own bed and go back to school for a while. "

# The longest journey we know of: every question asked (the cancer came back; every treatment,
# with its follow-ups; every side effect), the longest answers to read back, every choice that
# brings prompts, and a few sentences in every box.
LONGEST_JOURNEY = {
    **HIGH_RISK_FAMILY,
    "When your child was first diagnosed, which risk group were they in?": "I'm not sure",
    "Where is the cancer now?": ["In the same place it first started", "Near where it first started",
                                 "In other parts of the body, such as the bones, bone marrow or liver"],
    "Did tests find a change in the tumour's ALK gene?": "Yes, there is an ALK change",
    "Which treatments has your child had so far?": EVERY_TREATMENT,
    "How many times has your child had high-dose chemotherapy with a stem cell transplant?": "Once",
    "Did earlier treatment cause any serious side effects?": [
        "Serious infections", "Severe pain", "Serious sickness, diarrhoea or problems eating",
        "Low blood pressure or allergic reactions", "Problems with growth or development", "Other serious side effects"],
    "Is there anything you want the care team to know about these side effects?": FEW_SENTENCES * 2,
    "What are your hopes for your child right now?": FEW_SENTENCES * 2,
    "What worries you most right now?": FEW_SENTENCES * 2,
    "Who will take part in making this decision?": "Both parents or carers",
    "How does your child want to be involved in decisions about their care?":
        "They want to know what is happening and have a say",
    "How important is each of these to your family right now?": {
        item: VERY for item in (
            "Trying treatments that may control the cancer, even if they are hard for your child",
            "Time at home and fewer hospital stays, even if that meant saying no to some treatments",
            "Comfort and freedom from pain coming first, even if that meant saying no to some treatments",
            "School, friends, play and everyday routines, even if that meant saying no to some treatments",
            "Getting care at a specialist centre, even if it means travelling",
            "Taking part in research, such as a clinical trial, even if the treatment is new and still being tested",
        )},
}
FAMILIES = {"typical": HIGH_RISK_FAMILY, "longest": LONGEST_JOURNEY}


def minutes_from_start_to_summary(page, plan) -> tuple[float, int, int]:
    """(minutes, words read, boxes written in) for this family, page by page, as rendered."""
    page.goto("/")
    words = page.evaluate(VISIBLE_WORDS)  # the header and footer too, once
    page.get_by_role("button", name="Start now").click()
    expect(page.locator("main h1")).not_to_have_text("Getting ready to talk about your child's next step")
    boxes = 0
    while heading(page) != "Check your answers":
        words += page.evaluate(MAIN_WORDS)
        boxes += bool(page.locator("main textarea").count())  # every box the journey offers, written in
        answer_current_question(page, plan)
    words += page.evaluate(MAIN_WORDS)
    page.get_by_role("button", name="Continue to your summary").click()
    expect(page.locator("main h1")).to_have_text("Your summary")
    words += page.evaluate(MAIN_WORDS)
    return words / READING_WORDS_PER_MINUTE + boxes * TYPING_MINUTES_PER_BOX, words, boxes


def promised_minutes(page) -> tuple[int, int]:
    page.goto("/")
    found = re.search(r"(\d+) to (\d+) minutes", page.locator("main").inner_text())
    assert found, "the start page says how long it takes"
    return int(found.group(1)), int(found.group(2))


@pytest.mark.parametrize(("size", "javascript"), [("tablet", True), ("phone", False)], ids=["tablet-js", "phone-no-js"])
def test_the_start_page_promises_no_less_time_than_the_pages_take(open_page, size, javascript):
    measured = {}
    for name, plan in FAMILIES.items():
        measured[name] = minutes_from_start_to_summary(open_page(size, javascript), plan)
        print(f"{size}: {name} family: {measured[name][1]} words, {measured[name][2]} boxes, "  # noqa: T201 - the measure
              f"{measured[name][0]:.1f} minutes")
    low, high = promised_minutes(open_page(size, javascript))
    slowest = max(minutes for minutes, _, _ in measured.values())
    assert slowest <= high, f"the start page promises at most {high} minutes; the pages take {slowest:.1f}"
    # "About" the low end: within a few minutes of a typical family's time, not far above it.
    assert low - 2.5 <= measured["typical"][0], f"the start page says at least about {low} minutes: too long"
