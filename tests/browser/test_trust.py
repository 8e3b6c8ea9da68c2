"""Privacy and robustness in a real browser: no other origin, shared tablets, restarts."""

import re
import sqlite3
import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.browser.family import HIGH_RISK_FAMILY, answer_current_question
from tests.browser.pages import finish_journey, seed_session
from tests.helpers import answers_before, complete_answers
from tests.servers import AppServer, database_for_servers, migrate

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_whole_journey_makes_no_request_to_any_other_origin(open_page, live_server):
    page = open_page("tablet", javascript=True)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    finish_journey(page)
    page.goto("/summary/")
    for card in page.locator(".option-card__summary").all()[:3]:
        card.click()
    page.goto("/handout/")
    page.goto("/about/")
    page.goto("/privacy/")
    own = urlsplit(live_server.url).netloc
    others = {url for url in requested if urlsplit(url).netloc != own and not url.startswith("data:")}
    assert len(requested) > 30
    assert others == set()


def test_a_shared_tablet_warns_then_erases_everything(open_page, settings):
    settings.SHARED_DEVICE_WARNING_SECONDS = 2
    settings.SHARED_DEVICE_GRACE_SECONDS = 2
    page = open_page("tablet", javascript=True)
    page.goto("/")
    page.get_by_label("This is a shared device, such as a clinic tablet").check()
    page.get_by_role("button", name="Start now").click()
    answer_current_question(page, HIGH_RISK_FAMILY)

    warning = page.get_by_role("dialog", name="Are you still there?")
    expect(warning).to_be_visible(timeout=5000)
    page.get_by_role("button", name="I'm still here").click()
    expect(warning).to_be_hidden()
    expect(page.locator("main h1")).to_have_text("When your child was first diagnosed, which risk group were they in?")
    page.get_by_role("link", name="Back").click()
    expect(page.get_by_label("It went away, then came back", exact=True)).to_be_checked()

    expect(page.locator("main")).to_contain_text("your answers were erased after a time without use", timeout=10_000)
    expect(page.get_by_role("button", name="Start now")).to_be_visible()
    page.goto("/questions/risk-group/")
    expect(page.locator("main h1")).to_have_text("Which of these best describes your child's cancer now?")


def test_a_shared_tablet_put_down_is_erased_by_the_server(open_page, settings):
    settings.SHARED_DEVICE_WARNING_SECONDS = 1
    settings.SHARED_DEVICE_GRACE_SECONDS = 1
    page = open_page("phone", javascript=False)  # no timers in the page: only the server's clock
    page.goto("/")
    page.get_by_label("This is a shared device, such as a clinic tablet").check()
    page.get_by_role("button", name="Start now").click()
    answer_current_question(page, HIGH_RISK_FAMILY)
    time.sleep(2.5)
    page.reload()
    expect(page.locator("main")).to_contain_text("your answers were erased after a time without use")


def test_answers_survive_a_server_restart_between_two_questions(open_page, tmp_path):
    database = database_for_servers(tmp_path)
    server = AppServer(database).start()
    try:
        page = open_page("tablet", javascript=True)
        page.goto(f"{server.url}/")
        page.get_by_role("button", name="Start now").click()
        answer_current_question(page, HIGH_RISK_FAMILY)

        server.stop()
        server = AppServer(database, port=server.port).start()

        answer_current_question(page, HIGH_RISK_FAMILY)
        expect(page).to_have_url(re.compile(r"/questions/where-now/$"))
        page.goto(f"{server.url}/questions/risk-group/")
        expect(page.get_by_label("High risk", exact=True)).to_be_checked()
        page.goto(f"{server.url}/questions/cancer-course/")
        expect(page.get_by_label("It went away, then came back", exact=True)).to_be_checked()
    finally:
        server.stop()


def test_with_javascript_an_expired_form_shows_the_try_again_page(open_page):
    page = open_page("tablet", javascript=True)
    page.goto("/")
    page.get_by_role("button", name="Start now").click()
    answer_current_question(page, HIGH_RISK_FAMILY)
    page.context.clear_cookies(name="csrftoken")  # as if the page had been open too long
    page.get_by_label("High risk", exact=True).check()
    page.get_by_role("button", name=re.compile("^Continue")).click()
    expect(page.locator("main h1")).to_have_text("Please try that again")
    expect(page).to_have_title(re.compile("^Please try that again"))
    expect(page.locator("main h1")).to_be_focused()
    expect(page.locator("main main")).to_have_count(0)


def test_with_javascript_a_locked_database_keeps_the_answer_on_screen_to_send_again(open_page, tmp_path):
    """A real lock: another connection holds the server's SQLite file while the family answers."""
    path = tmp_path / "db.sqlite3"
    migrate(f"sqlite:///{path}?timeout=1")
    server = AppServer(f"sqlite:///{path}?timeout=1").start()
    other = sqlite3.connect(path, isolation_level=None)
    try:
        page = open_page("phone", javascript=True)
        page.goto(f"{server.url}/")
        page.get_by_role("button", name="Start now").click()
        page.wait_for_load_state("load")  # htmx is running: this is the JavaScript path
        page.get_by_label("It went away, then came back", exact=True).check()
        other.execute("BEGIN EXCLUSIVE")
        page.get_by_role("button", name=re.compile("^Continue")).click()
        expect(page.locator(".error-summary")).to_contain_text("Sorry, please try again")
        expect(page.locator(".error-summary")).to_contain_text("cannot reach the place where answers are kept")
        expect(page).to_have_title(re.compile("^Sorry, please try again"))
        expect(page.get_by_label("It went away, then came back", exact=True)).to_be_checked()
        other.execute("ROLLBACK")
        page.get_by_role("button", name=re.compile("^Continue")).click()
        expect(page.locator("main h1")).to_have_text("When your child was first diagnosed, which risk group were they in?")
    finally:
        other.close()
        server.stop()


def test_on_a_shared_tablet_typing_scrolling_and_tapping_count_as_use(open_page, live_server):
    """The page's own clock is moved on (Playwright's clock); each use is told to the server."""
    page = open_page("tablet", javascript=True)
    page.clock.install()
    seed_session(page, live_server, answers_before("hopes"), shared_device=True, last_seen=time.time())
    page.goto("/questions/hopes/")
    warning = page.get_by_role("dialog", name="Are you still there?")
    main_h1 = page.locator("main h1")
    minute = 60 * 1000

    def use(action):
        page.clock.run_for(8 * minute)
        with page.expect_request(lambda r: r.url.endswith("/still-here/") and r.method == "POST"):
            action()

    use(lambda: page.locator("main textarea").press_sequentially("Home"))  # typing
    use(lambda: page.mouse.wheel(0, 400))  # scrolling
    use(lambda: page.locator("main .caption").click())  # a tap on nothing in particular
    page.clock.run_for(9 * minute)
    expect(warning).to_be_hidden()
    expect(main_h1).to_have_text("What are your hopes for your child right now?")  # 33 minutes on

    page.clock.run_for(1 * minute)  # ten minutes since the tap: the warning, with the real time left
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("they will be erased in 60 seconds")
    page.clock.run_for(25 * 1000)
    expect(warning).to_contain_text("they will be erased in 35 seconds")
    warning.get_by_role("button", name="Save and continue later").click()
    expect(main_h1).to_have_text("Write down your return code")
    expect(page.locator("main")).to_contain_text("Print or write it down first.")
    expect(page.get_by_role("button", name="Print the code")).to_be_visible()
    page.goto("/summary/")
    expect(main_h1).to_have_text("Your answers were erased from this device")


def test_no_page_with_answers_is_kept_in_the_browsers_disk_cache(browser_type, live_server, tmp_path):
    """The review's finding, in Chromium's own profile on disk: after a family's pages, Start
    over and closing the browser, its cache holds static files only."""
    profile = tmp_path / "profile"
    context = browser_type.launch_persistent_context(
        profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, base_url=live_server.url)
    page = context.new_page()
    seed_session(page, live_server, complete_answers(hopes="Home by spring, all of us together"))
    for path in ("/questions/hopes/", "/check-your-answers/", "/summary/", "/handout/", "/about/"):
        page.goto(path)
    page.goto("/summary/")
    page.get_by_role("link", name="Start over and erase my answers").click()
    page.get_by_role("button", name="Yes, erase my answers").click()
    expect(page.get_by_role("button", name="Start now")).to_be_visible()
    context.close()
    cached = b"".join(f.read_bytes() for f in profile.rglob("*") if f.is_file() and "Cache_Data" in f.parts)
    assert b"/static/" in cached  # the cache is there, and used
    for path in ("/questions/", "/check-your-answers/", "/summary/", "/handout/", "/about/"):
        assert path.encode() not in cached, path


def test_with_javascript_a_lost_connection_is_said_plainly(open_page):
    page = open_page("tablet", javascript=True)
    page.goto("/")
    page.get_by_role("button", name="Start now").click()
    page.wait_for_load_state("load")  # htmx is running: this is the JavaScript path
    page.route("**/questions/**", lambda route: route.abort())
    page.get_by_label("It went away, then came back", exact=True).check()
    page.get_by_role("button", name=re.compile("^Continue")).click()
    notice = page.get_by_role("alert")
    expect(notice).to_contain_text("We could not reach the service just now")
    expect(notice).not_to_contain_text("saved")  # nothing was answered yet, so nothing is saved
    expect(notice).to_be_focused()


def test_with_javascript_a_lost_connection_says_earlier_answers_are_saved_only_when_there_are(open_page):
    page = open_page("phone", javascript=True)
    page.goto("/")
    page.get_by_role("button", name="Start now").click()
    page.wait_for_load_state("load")
    answer_current_question(page, HIGH_RISK_FAMILY)  # by htmx: the page was loaded with no answers
    page.route("**/questions/**", lambda route: route.abort())
    page.get_by_label("High risk", exact=True).check()
    page.get_by_role("button", name=re.compile("^Continue")).click()
    expect(page.get_by_role("alert")).to_contain_text("Your earlier answers are saved.")
