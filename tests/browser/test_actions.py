"""What each action looks like and does: Start over asks first and looks like a warning; Save,
Print, Download and Delete each look like what they do, and sit aligned; Download downloads."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import save_for_later, seed_session
from tests.helpers import answers_before, complete_answers

pytestmark = pytest.mark.django_db(transaction=True)
MODES = [(size, js) for size in ("tablet", "phone") for js in (True, False)]
MODE_IDS = [f"{size}-{'js' if js else 'no-js'}" for size, js in MODES]
RED = "rgb(179, 38, 30)"  # --error in app.css


def style(locator, prop, pseudo=None):
    return locator.evaluate(f"(e) => getComputedStyle(e, {pseudo!r}).{prop}" if pseudo
                            else f"(e) => getComputedStyle(e).{prop}")


# ---- Start over -------------------------------------------------------------------------------

@pytest.mark.parametrize(("size", "javascript"), MODES, ids=MODE_IDS)
def test_start_over_asks_first_and_keeping_the_answers_changes_nothing(open_page, live_server, size, javascript):
    page = open_page(size, javascript)
    seed_session(page, live_server, answers_before("alk"))
    page.goto("/questions/alk/")
    page.wait_for_load_state("load")
    page.get_by_role("link", name="Start over and erase my answers").click()
    if javascript:  # a dialog over the page, "No" focused so Enter never erases by surprise
        dialog = page.get_by_role("dialog", name="Erase your answers and start over?")
        expect(dialog).to_be_visible()
        expect(page).to_have_url(re.compile(r"/questions/alk/$"))
        expect(dialog.get_by_role("button", name="No, keep my answers")).to_be_focused()
        dialog.get_by_role("button", name="No, keep my answers").click()
        expect(dialog).to_be_hidden()
    else:  # a page of its own
        expect(page.locator("main h1")).to_have_text("Erase your answers and start over?")
        page.get_by_role("link", name="No, keep my answers").click()
        expect(page).to_have_url(re.compile(r"/questions/alk/$"))
    page.get_by_role("link", name="Back").first.click()
    expect(page.get_by_label("I'm not sure", exact=True)).to_be_checked()  # the answers are still there

    page.get_by_role("link", name="Start over and erase my answers").click()
    page.get_by_role("button", name="Yes, erase my answers").click()
    expect(page.locator("main")).to_contain_text("Everything you entered has been erased")
    page.goto("/check-your-answers/")
    expect(page.locator("main h1")).to_have_text("Which of these best describes your child's cancer now?")


@pytest.mark.parametrize("size", ["tablet", "phone"])
def test_start_over_looks_like_a_warning_link_and_save_like_a_button(open_page, live_server, size):
    page = open_page(size)
    seed_session(page, live_server, answers_before("alk"))
    page.goto("/questions/alk/")
    start_over = page.locator("footer").get_by_role("link", name="Start over and erase my answers")
    save = page.get_by_role("button", name="Save and continue later")
    expect(page.locator("footer").get_by_role("button")).to_have_count(0)
    assert style(start_over, "color") == RED
    assert style(start_over, "textDecorationLine") == "underline"
    assert style(save, "backgroundColor") not in (RED, "rgba(0, 0, 0, 0)")
    assert style(save, "maskImage", "::before").startswith('url("data:image/svg+xml')  # a bookmark: keep


# ---- Save, Print, Download, Delete -----------------------------------------------------------

@pytest.mark.parametrize("size", ["tablet", "phone"])
def test_print_and_download_match_and_sit_aligned(open_page, live_server, size):
    page = open_page(size, javascript=True)
    seed_session(page, live_server, complete_answers())
    page.goto("/handout/")
    print_button = page.get_by_role("button", name="Print")
    download = page.get_by_role("link", name="Download PDF")
    expect(print_button).to_be_visible()
    printed, downloaded = print_button.bounding_box(), download.bounding_box()
    assert printed["height"] == downloaded["height"] >= 44
    if printed["y"] == downloaded["y"]:  # side by side, or one under the other, left edges lined up
        assert printed["x"] < downloaded["x"]
    else:
        assert printed["x"] == downloaded["x"]
    icons = {style(b, "maskImage", "::before") for b in (print_button, download)}
    assert len(icons) == 2 and all(i.startswith('url("data:image/svg+xml') for i in icons)


@pytest.mark.parametrize("size", ["tablet", "phone"])
def test_delete_looks_like_deleting_and_print_like_printing(open_page, live_server, size):
    page = open_page(size)
    save_for_later(page, live_server)
    delete = page.get_by_role("button", name="Delete my saved answers")
    print_link = page.get_by_role("link", name="Print your summary with this code")
    # The last tap can leave the pointer where the button now is, and a hovered button is darker:
    # move it away, and wait for the button's own colour (a condition, not a time).
    page.mouse.move(0, 0)
    expect(delete).to_have_css("background-color", RED)
    assert style(delete, "color") == "rgb(255, 255, 255)"
    images = {style(control, "maskImage", "::before") for control in (delete, print_link)}
    assert len(images) == 2 and all(i.startswith('url("data:image/svg+xml') for i in images)


# ---- Download PDF downloads -----------------------------------------------------------------

@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_download_pdf_downloads_a_file(open_page, live_server, javascript):
    page = open_page("phone", javascript)
    seed_session(page, live_server, complete_answers())
    page.goto("/handout/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    assert re.fullmatch(r"neuroblastoma-conversation-summary-\d{4}-\d{2}-\d{2}\.pdf", download.value.suggested_filename)
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_when_the_pdf_cannot_be_made_download_pdf_shows_the_page_that_says_so(open_page, live_server):
    """The server asks for a download (Content-Disposition) only when it sends a PDF: a link
    marked `download` would turn its "print this page instead" into a failed download, unseen."""
    from django.test import override_settings

    page = open_page("phone", True)
    seed_session(page, live_server, complete_answers())
    page.goto("/handout/")
    with override_settings(PDF_RENDER_SECONDS=0):  # stopped at once: as if the machine were swamped
        page.get_by_role("link", name="Download PDF").click()
        expect(page.locator("main h1")).to_have_text("Please print the page instead")
    page.get_by_role("link", name="Open the printable page").click()
    expect(page.locator("h1").first).to_have_text("For the care team: our child's next step")
    expect(page).to_have_url(re.compile(r"/handout/$"))  # still on the page: nothing opened in its place
