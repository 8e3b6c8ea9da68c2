"""WCAG 2.2 AA, checked in Chromium on every page and state, at tablet and phone size."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import SIZES
from tests.browser.pages import ALL_PAGES, QUESTION_IDS, visit

pytestmark = pytest.mark.django_db(transaction=True)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
axe = Axe()


def violations_report(results):
    lines = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {node['target']}")
    return "\n".join(lines)


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("name", ALL_PAGES)
def test_axe_finds_no_violations(open_page, live_server, name, size):
    page = open_page(size)
    visit(page, live_server, name)
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, f"{name} at {size}:\n{violations_report(results)}"


def focused(page):
    return page.evaluate(
        """() => { const e = document.activeElement; const s = getComputedStyle(e);
        const label = e.labels && e.labels[0] ? getComputedStyle(e.labels[0], '::before') : null;
        // Our own focus style, not the browser's thin default ring (outline-style "auto").
        const outlined = !['none', 'auto'].includes(s.outlineStyle) && parseFloat(s.outlineWidth) >= 2
                         && s.outlineColor !== 'rgba(0, 0, 0, 0)';
        return { tag: e.tagName, type: e.type || '', name: e.name || '', text: (e.innerText || '').trim(),
          open: e.parentElement && e.parentElement.open,
          visible: outlined || s.boxShadow !== 'none' || (label && label.boxShadow !== 'none') }; }"""
    )


def tab_until(page, predicate, limit=60, key="Tab"):
    for _ in range(limit):
        page.keyboard.press(key)
        current = focused(page)
        assert current["visible"], f"focus is not visible on {current}"
        if predicate(current):
            return current
    raise AssertionError("never reached the control by keyboard")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_whole_journey_by_keyboard_alone(open_page, javascript):
    page = open_page("tablet", javascript)
    page.goto("/")
    skip = tab_until(page, lambda f: f["tag"] == "A")
    assert skip["text"] == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    tab_until(page, lambda f: f["text"] == "Start now")
    page.keyboard.press("Enter")

    while (title := page.locator("main h1").inner_text()) != "Check your answers":
        groups = page.locator("main form fieldset").count()
        if page.locator("main textarea").count():
            tab_until(page, lambda f: f["tag"] == "TEXTAREA")
            page.keyboard.type("Typed by keyboard")
        for _ in range(groups):
            first = tab_until(page, lambda f: f["tag"] == "INPUT")
            page.keyboard.press("ArrowDown" if first["type"] == "radio" else "Space")
            if first["type"] == "radio":
                page.keyboard.press("ArrowUp")  # arrows move and select; back to the first
        tab_until(page, lambda f: f["text"].startswith("Continue"))
        page.keyboard.press("Enter")
        expect(page.locator("main h1")).not_to_have_text(title)
        page.wait_for_load_state()  # without JavaScript, a new page: its stylesheet (and focus style) loaded
        if javascript:  # focus moves to the new heading once htmx has settled the swap
            expect(page.locator("main h1")).to_be_focused()
    expect(page.locator("main")).to_contain_text("Typed by keyboard")

    tab_until(page, lambda f: f["text"] == "Continue to your summary")
    page.keyboard.press("Enter")
    expect(page.locator("main h1")).to_have_text("Your summary")
    page.wait_for_load_state()
    if javascript:  # wait for focus to land on the heading, then go on from there
        expect(page.locator("main h1")).to_be_focused()
    disclosure = tab_until(page, lambda f: f["tag"] == "SUMMARY" and "how serious" in f["text"], limit=60)
    assert not disclosure["open"]
    page.keyboard.press("Enter")
    assert focused(page)["open"], "Enter opens a disclosure"
    ticked = page.locator("#questions-to-bring input[name=chosen]:checked").count()  # the suggestions
    tab_until(page, lambda f: f["name"] == "chosen", limit=200)
    page.keyboard.press("Space")  # untick the first
    typed_in = tab_until(page, lambda f: f["tag"] == "TEXTAREA", limit=80)
    assert typed_in["name"] == "own_question"
    page.keyboard.type("Asked by keyboard")
    back = tab_until(page, lambda f: f["tag"] != "TEXTAREA", limit=1, key="Shift+Tab")
    assert back["visible"]
    tab_until(page, lambda f: f["tag"] == "TEXTAREA", limit=5)
    tab_until(page, lambda f: f["text"] == "Save my questions", limit=5)
    page.keyboard.press("Enter")
    expect(page.locator("#questions-to-bring")).to_contain_text("Asked by keyboard")
    expect(page.locator("#questions-to-bring input[name=chosen]:checked")).to_have_count(ticked - 1)


def page_fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


REFLOW_PAGES = ["start", f"question:{QUESTION_IDS[0]}:error", "question:what-matters:first", "check-your-answers",
                "summary-open", "handout", "not-found", "return-error", "saved", "saved-shared", "handout-saved",
                "option:second-transplant", "compare", "weigh-up-leaning",
                "start-with-details", "summary-with-details", "for-clinicians", "blank-handout", "review-file"]


@pytest.mark.parametrize("name", REFLOW_PAGES)
def test_nothing_scrolls_sideways_at_320_pixels(browser, live_server, name):
    context = browser.new_context(viewport={"width": 320, "height": 640}, base_url=live_server.url)
    page = context.new_page()
    visit(page, live_server, name)
    assert page_fits(page), name
    context.close()


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("name", REFLOW_PAGES)
def test_text_at_200_percent_is_not_cut_off(open_page, live_server, name, size):
    page = open_page(size)
    visit(page, live_server, name)
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert page_fits(page), f"{name} at {size}"
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('main *')].filter(e =>
             getComputedStyle(e).overflow === 'hidden' && e.scrollHeight > e.clientHeight + 1
             && e.getBoundingClientRect().width > 1  /* not visually hidden on purpose */
             ).map(e => e.outerHTML.slice(0, 80))"""
    )
    assert overflowing == []


TOUCH_PAGES = ["start", "question:cancer-course:error", "question:where-now:first", "question:what-matters:first",
               "question:hopes:first", "check-your-answers", "summary-open", "handout", "return-error", "saved",
               "saved-shared", "summary-saved", "option:chemotherapy", "compare", "weigh-up-reasons", "weigh-up-leaning",
               "start-with-details", "summary-with-details", "for-clinicians", "blank-handout", "review", "review-file"]


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("name", TOUCH_PAGES)
def test_every_control_is_at_least_44_pixels(open_page, live_server, name, size):
    page = open_page(size)
    visit(page, live_server, name)
    too_small = page.evaluate(
        """() => [...document.querySelectorAll('a, button, input, textarea, select, summary')]
          .filter(e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
            if (s.visibility === 'hidden' || s.display === 'none' || r.width === 0) return false;
            if (e.classList.contains('skip-link')) return false;
            // Links inside a sentence are excepted (WCAG 2.5.8 inline exception).
            const p = e.closest('p, li, dd');
            if (e.tagName === 'A' && p && p.textContent.trim() !== e.textContent.trim()) return false;
            return r.width < 44 || r.height < 44; })
          .map(e => `${e.tagName} "${(e.innerText || e.value || e.id).trim().slice(0, 40)}" ${Math.round(e.getBoundingClientRect().width)}x${Math.round(e.getBoundingClientRect().height)}`)"""
    )
    assert too_small == [], f"{name} at {size}: {too_small}"


def test_page_titles_say_where_you_are(open_page, live_server):
    page = open_page("phone")
    visit(page, live_server, "question:risk-group:error")
    expect(page).to_have_title(re.compile(r"^Error: When your child was first diagnosed"))
    assert page.locator("html").get_attribute("lang") == "en-GB"
