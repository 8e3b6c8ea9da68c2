"""Zero console errors: the whole journey, summary, saving and printing included, in Chromium.

Anything the Content Security Policy blocks (an inline style htmx adds, say) is reported by
the browser as a console error, and by the page as a `securitypolicyviolation` event: either
fails the test, as does any uncaught script error or failed request."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.family import HIGH_RISK_FAMILY, answer_all_questions

pytestmark = pytest.mark.django_db(transaction=True)

# Runs in every page before its own scripts, outside the page's CSP (Playwright injects it).
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
                + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""


def watch(page) -> list[str]:
    problems = []
    page.add_init_script(REPORT_CSP_VIOLATIONS)
    page.on("console", lambda m: problems.append(f"{page.url}: {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: problems.append(f"{page.url}: uncaught: {error}"))
    page.on("requestfailed", lambda r: problems.append(f"{page.url}: request failed: {r.url} {r.failure}")
            if not r.url.endswith(".pdf") else None)
    return problems


def settled(page):
    """Wait until the page and any htmx request it started are done, so late errors count too."""
    page.wait_for_load_state("load")
    expect(page.locator(".htmx-request")).to_have_count(0)


@pytest.mark.parametrize(("size", "javascript"), [("tablet", True), ("phone", False)], ids=["tablet-js", "phone-no-js"])
def test_the_whole_journey_logs_no_console_error_and_breaks_no_csp_rule(open_page, size, javascript):
    page = open_page(size, javascript)
    problems = watch(page)

    page.goto("/")
    page.get_by_role("button", name="Start now").click()
    answer_all_questions(page, HIGH_RISK_FAMILY)
    page.locator("main a.back-link").click()  # from check your answers to the last question
    settled(page)
    page.goto("/check-your-answers/")
    page.get_by_role("button", name="Continue to your summary").click()
    expect(page.locator("main h1")).to_have_text("Your summary")
    for disclosure in page.locator("main details").all():
        disclosure.locator("summary").first.click()
    page.locator("#questions-to-bring details[open] .choice__label").first.click()
    page.get_by_label("Add a question of your own").fill("Can she sleep at home between treatments?")
    page.get_by_role("button", name="Save my questions").click()
    expect(page.locator("#questions-to-bring")).to_contain_text("Can she sleep at home between treatments?")
    settled(page)

    # Each option's own page, the comparison, and weighing up.
    page.locator("[data-option] a", has_text="Second stem cell transplant").click()
    expect(page.locator("main h1")).to_have_text("Second stem cell transplant")
    settled(page)
    page.get_by_text("Figures about how many children were still alive").click()
    page.get_by_role("link", name="See the options side by side").click()
    expect(page.locator("main h1")).to_have_text("The options side by side")
    settled(page)
    page.get_by_role("link", name="Back to your summary").first.click()
    page.get_by_role("link", name="Weigh up the options").click()
    expect(page.locator("main h1")).to_have_text("Which options do you want to talk about?")
    page.get_by_label("Focusing on comfort").check()
    page.get_by_role("button", name=re.compile("^Continue")).click()
    page.get_by_label("Reasons for: Focusing on comfort").fill("Time at home.")
    page.get_by_role("button", name=re.compile("^Continue")).click()
    page.get_by_label("Not sure yet").check()
    page.get_by_role("button", name=re.compile("^Continue")).click()
    expect(page.locator("main h1")).to_have_text("Your weigh-up")
    settled(page)
    page.goto("/summary/")
    settled(page)

    page.get_by_role("button", name="Save and continue later").last.click()
    expect(page.locator("main h1")).to_have_text("Your answers are saved")
    code = " ".join(page.locator(".return-code__words li").all_inner_texts())
    settled(page)
    page.get_by_role("link", name=re.compile("Back to your summary")).click()
    settled(page)
    page.goto("/handout/")
    settled(page)
    if javascript:
        with page.expect_download():
            page.get_by_role("link", name="Download PDF").click()
    for path in ("/words/", "/about/", "/privacy/", "/saved/"):
        page.goto(path)
        settled(page)
    page.goto("/return/")
    page.get_by_label("Your return code").fill(code)
    page.get_by_role("button", name="Open my saved answers").click()
    expect(page.locator("main")).to_contain_text("Welcome back")
    settled(page)

    page.get_by_role("link", name="Start over and erase my answers").click()
    page.get_by_role("button", name="Yes, erase my answers").click()
    expect(page.locator("main")).to_contain_text("Everything you entered has been erased from this device")
    settled(page)
    assert problems == [], "\n".join(problems)
