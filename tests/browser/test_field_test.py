"""The field test in Chromium: a family says yes and answers Before and After, at tablet and
phone size, with and without JavaScript, and axe finds nothing on its pages; staff read the
results and download them under the strict Content Security Policy."""

import csv
import datetime
import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.pages import log_in_as_staff
from tests.helpers import complete_answers

pytestmark = pytest.mark.django_db(transaction=True)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
WATCH_CSP = ("window.cspViolations = [];"
             "document.addEventListener('securitypolicyviolation',"
             " e => window.cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || e.sample)));")
axe = Axe()


@pytest.fixture
def field_test():
    from decisionaid.fieldtest.models import FieldTest

    today = datetime.date.today()
    return FieldTest.objects.create(
        name="Riverside field test", reference="Audit 2027/014", contact="Sam Patel, research nurse, 020 7946 0222",
        starts_on=today, ends_on=today + datetime.timedelta(days=30), is_open=True,
        keep_until=today + datetime.timedelta(days=365))


def no_axe_violations(page, where, context=None):
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}}
    results = axe.run(page, context=context, options=options)
    found = [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']]}" for v in results.response["violations"]]
    assert found == [], f"{where}: {found}"


def answer_every_question(page):
    """The family's answers, kept in its own session as the questions would keep them."""
    from django.contrib.sessions.backends.db import SessionStore

    from decisionaid.family.answers import SESSION_KEY

    key = next(c["value"] for c in page.context.cookies() if c["name"] == "sessionid")
    session = SessionStore(key)
    session[SESSION_KEY] = complete_answers(risk_group="high", cancer_course="refractory")
    session.save()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("size", ["tablet", "phone"])
def test_a_family_says_yes_and_answers_before_and_after(open_page, field_test, size, javascript):
    from decisionaid.fieldtest.models import Participant

    page = open_page(size, javascript)
    check = no_axe_violations if javascript else (lambda *args, **kwargs: None)
    page.goto("/")
    page.get_by_role("button", name="Start now").click()
    expect(page.locator("main h1")).to_have_text("Would you help us find out whether this tool helps?")
    check(page, "the invitation")
    page.get_by_role("button", name="Yes, I will take part").click()

    expect(page.locator("main h1")).to_have_text("Before you start")
    page.get_by_role("button", name="Continue").click()  # nothing chosen: each question says so
    expect(page.locator(".error-summary")).to_be_visible()
    check(page, "Before, with errors")
    for group in page.locator("main form.question-form fieldset").all():
        labels = group.locator("label")
        labels.nth(labels.count() - 1).click()  # "I'm not sure", or "No" for SURE
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("main h1")).to_have_text("Which of these best describes your child's cancer now?")

    answer_every_question(page)
    page.goto("/summary/")
    offer = page.locator(".field-test-offer")
    expect(offer).to_contain_text("You are taking part in the field test “Riverside field test”")
    offer.get_by_role("link", name="Answer the last questions").click()
    expect(page.locator("main h1")).to_have_text("Now that you have used the tool")
    check(page, "After")
    for group in page.locator("main form.question-form fieldset").all():
        group.locator("label").first.click()  # "True" for every statement, "Yes" for SURE
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("main h1")).to_have_text("What you think of the tool")
    check(page, "After, the tool")
    for group in page.locator("main form.question-form fieldset").all():
        group.locator("label").nth(1).click()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator("main h1")).to_have_text("Thank you for taking part")
    expect(page.locator(".field-test-answers li")).to_have_count(8)
    expect(page.locator("main")).to_contain_text("Sam Patel, research nurse")
    expect(page.get_by_role("button", name="Take my answers out of the field test")).to_be_visible()
    check(page, "Thank you")

    row = Participant.objects.get()
    assert row.finished_on == datetime.date.today() and row.situation == "high/refractory"
    assert row.knowledge_before_score == 0 and row.sure_before_score == 0 and row.sure_after_score == 4
    assert row.prepdm_score == 25.0  # "A little" for every item
    page.goto("/summary/")
    expect(page.locator(".field-test-offer")).to_have_count(0)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_browsers_back_from_before_comes_back_to_before_not_past_it(open_page, field_test, javascript):
    page = open_page("phone", javascript)
    page.goto("/")
    page.get_by_role("button", name="Start now").click()
    page.get_by_role("button", name="Yes, I will take part").click()
    expect(page.locator("main h1")).to_have_text("Before you start")
    page.go_back()
    expect(page).to_have_url(re.compile(r"/field-test/before/$"))
    expect(page.locator("main h1")).to_have_text("Before you start")
    page.get_by_role("link", name="Preparing to decide").click()
    page.get_by_role("button", name="Start now").click()
    expect(page.locator("main h1")).to_have_text("Before you start")


@pytest.mark.parametrize("size", ["tablet", "phone"])
def test_a_family_that_says_no_goes_straight_on(open_page, field_test, size):
    from decisionaid.fieldtest.models import FieldTest, Participant

    page = open_page(size, javascript=True)
    page.goto("/")
    page.get_by_role("button", name="Start now").click()
    page.get_by_role("button", name="No, thank you").click()
    expect(page.locator("main h1")).to_have_text("Which of these best describes your child's cancer now?")
    assert Participant.objects.count() == 0 and FieldTest.objects.get().declined == 1


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_staff_read_the_results_and_download_them(open_page, field_test, javascript):
    from decisionaid.fieldtest import content
    from decisionaid.fieldtest.models import FieldTest, Participant

    words = content.load()
    for n in range(3):
        row = Participant(field_test=field_test, joined_on=datetime.date.today(), finished_on=datetime.date.today(),
                          situation="high/relapsed", leaning_group="comfort" if n else "treatment")
        row.write("knowledge_before", {s.id: "not-sure" for s in words.statements})
        row.knowledge_before_score = 0
        row.write("knowledge_after", {s.id: s.answer for s in words.statements})
        row.knowledge_after_score = len(words.statements)
        row.write("what_matters", {"comfort": "very"})
        row.save()
    FieldTest.objects.filter(pk=field_test.pk).update(invited=4, agreed=3, declined=1)

    page = open_page("tablet", javascript)
    refused = []
    page.add_init_script(WATCH_CSP)
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    log_in_as_staff(page)
    page.get_by_role("link", name="Field tests", exact=True).click()
    page.get_by_role("link", name="Riverside field test").click()
    report = page.locator(".ft-report")
    expect(report.get_by_role("heading", name="Results so far")).to_be_visible()
    expect(report).to_contain_text("Right answers out of 8, on average: 0.0 before, 8.0 after")
    expect(report.locator("svg.ft-bar").first).to_be_visible()
    comfort = report.locator(".ft-grid tr", has_text="Comfort and freedom from pain coming first")
    expect(comfort.locator("td")).to_have_text(["3", "1", "2", "0", "0", "0"])
    if javascript:
        no_axe_violations(page, "the staff page's results", context=".ft-report")
        assert refused + page.evaluate("window.cspViolations || []") == []

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the results (CSV)").click()
    table = list(csv.reader(io.StringIO(open(download.value.path()).read())))
    assert table[0][:3] == ["id", "joined_on", "finished_on"] and len(table) == 4
    assert re.fullmatch(r"field-test-\d+-results-\d{4}-\d{2}-\d{2}\.csv", download.value.suggested_filename)
