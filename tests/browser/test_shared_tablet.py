"""A shared clinic tablet forgets on every page, the stand-alone handout included, with real
timeouts (a few seconds of warning and grace) in Chromium; its warning offers "Save and continue
later" however the page was reached; and once it has erased, no page says anything is saved."""

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.family import HIGH_RISK_FAMILY, answer_current_question
from tests.browser.pages import seed_session
from tests.helpers import complete_answers

pytestmark = pytest.mark.django_db(transaction=True)
HOPES = "That she can be at home for her birthday, with her brother and the dog."
START = "Getting ready to talk about your child's next step"
ERASED = "your answers were erased after a time without use"


def shared_tablet_with_a_finished_journey(page, live_server):
    """As "This is a shared device" leaves it (Answers.mark_shared_device): the cookie lasts
    for the browser session, the row for the warning and grace times after the last use."""
    seed_session(page, live_server, complete_answers(hopes=HOPES), shared_device=True, last_seen=time.time(),
                 _session_expiry=0)


@pytest.mark.parametrize("size", ["tablet", "phone"])
def test_the_handout_is_wiped_from_a_shared_tablet_put_down(open_page, live_server, settings, size):
    """The review's blocker: printing is where a parent puts the tablet down."""
    settings.SHARED_DEVICE_WARNING_SECONDS = 2
    settings.SHARED_DEVICE_GRACE_SECONDS = 3
    page = open_page(size, javascript=True)
    shared_tablet_with_a_finished_journey(page, live_server)
    page.goto("/handout/")
    expect(page.locator("h1")).to_have_text("For the care team: our child's next step")
    expect(page.get_by_text(HOPES)).to_be_visible()

    warning = page.get_by_role("dialog", name="Are you still there?")
    expect(warning).to_be_visible(timeout=10_000)
    expect(warning).to_contain_text(re.compile(r"they will be erased in [1-3] seconds?"))
    expect(warning.get_by_role("button", name="I'm still here")).to_be_visible()
    expect(warning.get_by_role("button", name="Save and continue later")).to_be_visible()

    expect(page.locator("main h1")).to_have_text(START, timeout=15_000)
    expect(page.locator("main")).to_contain_text(ERASED)
    expect(page.locator("body")).not_to_contain_text(HOPES)
    page.go_back()  # and Back brings nothing of it back
    expect(page.locator("main h1")).not_to_have_text("For the care team: our child's next step")
    expect(page.locator("body")).not_to_contain_text(HOPES)


def test_without_javascript_the_handout_goes_once_the_server_has_erased(open_page, live_server, settings):
    settings.SHARED_DEVICE_WARNING_SECONDS = 1
    settings.SHARED_DEVICE_GRACE_SECONDS = 1
    page = open_page("phone", javascript=False)
    shared_tablet_with_a_finished_journey(page, live_server)
    page.goto("/handout/")
    expect(page.get_by_text(HOPES)).to_be_visible()
    expect(page.locator("main h1")).to_have_text(START, timeout=15_000)
    expect(page.locator("main")).to_contain_text(ERASED)
    expect(page.locator("body")).not_to_contain_text(HOPES)


@pytest.mark.parametrize("size", ["tablet", "phone"])
def test_the_warning_offers_saving_once_there_is_an_answer_however_the_page_was_reached(open_page, size):
    """From Start, page to page by htmx (no page load after the first): the review's C1. The
    page's own clock is moved on (Playwright's clock) to the warning."""
    page = open_page(size, javascript=True)
    page.clock.install()
    page.goto("/")
    page.get_by_label("This is a shared device, such as a clinic tablet").check()
    page.get_by_role("button", name="Start now").click()
    page.wait_for_load_state("load")
    warning = page.get_by_role("dialog", name="Are you still there?")
    page.clock.run_for(10 * 60 * 1000 + 1000)
    expect(warning).to_be_visible()
    expect(warning.get_by_role("button", name="Save and continue later")).to_be_hidden()  # nothing to save yet
    warning.get_by_role("button", name="I'm still here").click()
    expect(warning).to_be_hidden()

    answer_current_question(page, HIGH_RISK_FAMILY)
    answer_current_question(page, HIGH_RISK_FAMILY)
    page.clock.run_for(10 * 60 * 1000 + 1000)
    expect(warning).to_be_visible()
    warning.get_by_role("button", name="Save and continue later").click()
    expect(page.locator("main h1")).to_have_text("Write down your return code")
    expect(page.locator(".return-code__words li")).to_have_count(6)
    expect(page.locator("main")).to_contain_text("Your answers have been erased from this device.")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_back_after_the_erase_says_nothing_is_saved(open_page, settings, javascript):
    """The review's C5: the page Back opens must not say "Your other answers are saved"."""
    settings.SHARED_DEVICE_WARNING_SECONDS = 2 if javascript else 1
    settings.SHARED_DEVICE_GRACE_SECONDS = 2 if javascript else 1
    page = open_page("phone", javascript)
    page.goto("/")
    page.get_by_label("This is a shared device, such as a clinic tablet").check()
    page.get_by_role("button", name="Start now").click()
    answer_current_question(page, HIGH_RISK_FAMILY)
    expect(page).to_have_url(re.compile(r"/questions/risk-group/$"))

    expect(page.locator("main")).to_contain_text(ERASED, timeout=15_000)
    page.go_back()
    expect(page.locator("main h1")).to_have_text("Which of these best describes your child's cancer now?")
    expect(page.locator("main")).to_contain_text("Please answer this question first.")
    expect(page.locator("main")).not_to_contain_text("saved")
