"""Start in clinic, continue at home: save on one browser, open on another, in Chromium."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.family import HIGH_RISK_FAMILY, answer_current_question
from tests.browser.pages import finish_journey, save_for_later

pytestmark = pytest.mark.django_db(transaction=True)
OWN_QUESTION = "Can her grandmother stay the night?"


def code_on_screen(page) -> list[str]:
    words = page.locator(".return-code__words li")
    expect(words).to_have_count(6)
    return [w.strip() for w in words.all_inner_texts()]


def situation(page) -> str:
    return page.locator("main ul.situation").inner_text()


@pytest.mark.parametrize(
    ("tablet_js", "home_size", "home_js"),
    [(True, "phone", False), (False, "phone", True)],
    ids=["tablet-js-then-phone-no-js", "tablet-no-js-then-phone-js-by-qr-link"],
)
def test_save_on_the_clinic_tablet_and_continue_at_home(open_page, live_server, tablet_js, home_size, home_js):
    tablet = open_page("tablet", tablet_js)
    finish_journey(tablet)
    tablet.get_by_role("button", name="Continue to your summary").click()
    expect(tablet.locator("main h1")).to_have_text("Your summary")
    tablet.get_by_label("Add a question of your own").fill(OWN_QUESTION)
    tablet.get_by_role("button", name="Save my questions").click()
    expect(tablet.locator("#questions-to-bring")).to_contain_text(OWN_QUESTION)
    at_the_clinic = situation(tablet)

    tablet.get_by_role("button", name="Save and continue later").click()
    expect(tablet.locator("main h1")).to_have_text("Your answers are saved")
    expect(tablet.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    words = code_on_screen(tablet)

    home = open_page(home_size, home_js)
    if home_js:  # the QR code's link: the code rides after '#', and the page fills it in
        home.goto(f"/return/#{'-'.join(words)}")
        expect(home.get_by_label("Your return code")).to_have_value(" ".join(words))
        assert "#" not in home.url  # taken out of the address bar
    else:  # typed by hand, the way a tired parent might
        home.goto("/")
        home.get_by_role("link", name="I have a return code").click()
        home.get_by_label("Your return code").fill("  " + " - ".join(w.upper() for w in words))
    home.get_by_role("button", name="Open my saved answers").click()

    expect(home.locator("main h1")).to_have_text("Your summary")
    expect(home.locator("main")).to_contain_text("Welcome back. We have opened your saved answers.")
    assert situation(home) == at_the_clinic
    expect(home.locator("#questions-to-bring")).to_contain_text(OWN_QUESTION)

    # At home the family can see the same code again, then delete the saved copy.
    home.get_by_role("link", name="See your return code, or delete your saved answers").click()
    assert code_on_screen(home) == words
    home.get_by_role("button", name="Delete my saved answers").click()
    expect(home.locator("main")).to_contain_text("Your saved answers have been deleted")


def test_a_wrong_code_is_explained_and_focused(open_page):
    page = open_page("phone", javascript=True)
    page.goto("/return/")
    page.get_by_label("Your return code").fill("maple river jacket honey orbit tenant")
    page.get_by_role("button", name="Open my saved answers").click()
    expect(page).to_have_title(re.compile(r"^Error: Open your saved answers"))
    expect(page.locator(".error-summary")).to_be_focused()
    page.locator(".error-summary").get_by_role("link").click()
    expect(page.get_by_label("Your return code")).to_be_focused()
    expect(page.get_by_label("Your return code")).to_have_value("maple river jacket honey orbit tenant")


def test_a_shared_tablet_shows_the_code_once_then_keeps_nothing(open_page):
    tablet = open_page("tablet", javascript=True)
    tablet.goto("/")
    tablet.get_by_label("This is a shared device, such as a clinic tablet").check()
    tablet.get_by_role("button", name="Start now").click()
    answer_current_question(tablet, HIGH_RISK_FAMILY)
    answer_current_question(tablet, HIGH_RISK_FAMILY)

    tablet.get_by_role("button", name="Save and continue later").click()
    expect(tablet.locator("main h1")).to_have_text("Write down your return code")
    expect(tablet.locator("main")).to_contain_text("Your answers have been erased from this device.")
    words = code_on_screen(tablet)

    tablet.get_by_role("link", name="I have the code, clear the screen").click()
    expect(tablet.get_by_role("button", name="Start now")).to_be_visible()
    # Back is a history entry htmx pushed: it reloads /saved/, which sends the tablet to the start
    # page; wait for that reload, or the next goto races it.
    with tablet.expect_navigation(url=re.compile(r"/$")):
        tablet.go_back()
    expect(tablet.locator(".return-code__words")).to_have_count(0)
    tablet.goto("/questions/risk-group/")
    expect(tablet.locator("main h1")).to_have_text("Which of these best describes your child's cancer now?")
    expect(tablet.get_by_label("It went away, then came back", exact=True)).not_to_be_checked()

    home = open_page("phone", javascript=False)
    home.goto("/return/")
    home.get_by_label("Your return code").fill(" ".join(words))
    home.get_by_role("button", name="Open my saved answers").click()
    expect(home.locator("main h1")).to_have_text("Where is the cancer now?")
    home.get_by_role("link", name="Back").click()
    expect(home.get_by_label("High risk", exact=True)).to_be_checked()


def test_the_return_code_goes_only_to_the_pages_that_show_or_need_it(open_page, live_server):
    page = open_page("tablet", javascript=True)
    save_for_later(page, live_server)
    words = code_on_screen(page)
    copies = {c["path"]: c for c in page.context.cookies() if c["name"].startswith("return_code")}
    assert set(copies) == {"/saved/", "/handout/", "/handout.pdf", "/return/"}
    assert all(c["httpOnly"] and c["sameSite"] == "Lax" for c in copies.values())

    # The cookies each page's own request carried, read from the request goto answered: an event
    # handler that asks for the headers can still be running when the last goto returns.
    sent = {}
    for path in ("/questions/cancer-course/", "/summary/", "/about/", "/handout/", "/return/", "/saved/"):
        request = page.goto(path).request
        assert urlsplit(request.url).path == path
        sent[path] = request.all_headers().get("cookie", "")
    for path in ("/questions/cancer-course/", "/summary/", "/about/"):
        assert "return_code" not in sent[path], path
    for path in ("/handout/", "/return/", "/saved/"):
        assert "return_code" in sent[path], path
    assert code_on_screen(page) == words  # /saved/ still shows it
