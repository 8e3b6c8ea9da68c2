"""The options side by side in Chromium: a table on a tablet, cards on a phone, and on a phone
the group headings read as headings over their cards, not as empty cards of their own."""

import pytest
from playwright.sync_api import expect

from tests.browser.pages import finish_journey

pytestmark = pytest.mark.django_db(transaction=True)


def box(locator) -> dict:
    return locator.evaluate("""e => { const s = getComputedStyle(e);
      return { display: s.display, border: parseFloat(s.borderTopWidth) + parseFloat(s.borderLeftWidth),
               size: parseFloat(s.fontSize) }; }""")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_on_a_phone_group_headings_look_like_headings_not_cards(open_page, javascript):
    page = open_page("phone", javascript)
    finish_journey(page)
    page.goto("/options/compare/")
    group = page.locator("tr.comparison__group").first
    expect(group).to_contain_text("Options the sources name for a situation like your child's")
    card = page.locator("tr[data-option]").first
    assert box(card)["border"] > 0  # an option is a card with a border
    assert box(group)["border"] == 0 and box(group.locator("th"))["border"] == 0  # its heading is not
    assert box(group.locator("th"))["size"] > box(card.locator("th"))["size"]  # and larger than an option's name
    heading_bottom = group.bounding_box()["y"] + group.bounding_box()["height"]
    assert 0 <= card.bounding_box()["y"] - heading_bottom < 24  # close above the cards it heads


def test_on_a_tablet_the_comparison_stays_a_table(open_page):
    page = open_page("tablet")
    finish_journey(page)
    page.goto("/options/compare/")
    assert box(page.locator("tr.comparison__group").first)["display"] == "table-row"
    expect(page.locator("thead")).to_be_visible()
