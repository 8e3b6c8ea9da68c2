"""Privacy and robustness in a real browser: no other origin, shared tablets, restarts."""

import re
import time
from urllib.parse import urlsplit

import pytest
from django.db import OperationalError
from playwright.sync_api import expect

from tests.browser.family import HIGH_RISK_FAMILY, answer_current_question
from tests.browser.pages import finish_journey
from tests.servers import AppServer, database_for_servers

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


def test_with_javascript_database_trouble_shows_the_try_again_page(open_page, monkeypatch):
    page = open_page("phone", javascript=True)
    page.goto("/")
    page.get_by_role("button", name="Start now").click()

    def gone(*args, **kwargs):
        raise OperationalError("the database is gone")

    monkeypatch.setattr("django.contrib.sessions.backends.db.SessionStore.save", gone)
    page.wait_for_load_state("load")  # htmx is running: this is the JavaScript path
    page.get_by_label("It went away, then came back", exact=True).check()
    page.get_by_role("button", name=re.compile("^Continue")).click()
    expect(page.locator("main h1")).to_have_text("Sorry, please try again")
    expect(page.locator("main")).to_contain_text("cannot reach the place where answers are kept")


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
    expect(notice).to_be_focused()
