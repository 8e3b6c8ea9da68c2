"""Said once, where it is needed: every word on a page adds to the time a parent reads.

The "Need to stop?" words, the weigh-up's prompts (tests/weighing/test_weigh_up.py) and an option's
questions; the start page's numbers; and what a page without JavaScript says about a scanned code.
"""

import html as html_lib
import re

import pytest

from decisionaid.family.answers import SESSION_KEY
from decisionaid.family.option_page import option_context
from decisionaid.library import loader
from decisionaid.library.options import OPTION_SECTIONS
from tests.helpers import answers_before, complete_answers

pytestmark = pytest.mark.django_db
NEED_TO_STOP = "Need to stop? Save your answers and continue later"


def store(client, answers):
    session = client.session
    session[SESSION_KEY] = answers
    session.save()


def test_need_to_stop_is_said_in_full_on_the_first_question_that_offers_it_then_the_button_alone(client):
    store(client, answers_before("risk-group"))  # one answer: the first page with something to save
    first = client.get("/questions/risk-group/").content.decode()
    assert NEED_TO_STOP in first and 'name="save_later"' in first
    store(client, answers_before("alk"))
    later = client.get("/questions/alk/").content.decode()
    assert NEED_TO_STOP not in later
    assert '<button type="submit" name="save_later" value="1"' in later  # the way to save stays
    changing = client.get("/questions/alk/?change=1").content.decode()
    assert NEED_TO_STOP not in changing and 'name="save_later"' in changing


def visible_text(page: str) -> str:
    """The page's words, tags out, one space between words."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", page)).split())


OPTIONS = [*loader.load().options, loader.load().palliative, loader.load().hospice]


@pytest.mark.parametrize("option", OPTIONS, ids=lambda o: o.id)
def test_an_option_page_shows_each_question_once_as_a_tick_box_where_it_stands(client, option):
    answers = complete_answers(risk_group="high", treatments_had=["topotecan"])
    store(client, answers)
    page = client.get(f"/options/{option.id}/").content.decode()
    main = page.split('<main id="main"')[1].split("</main>")[0]
    words = visible_text(main)
    tickable = option_context(option, answers, {"chosen": [], "own": []}, True)["option_questions"]
    for question in {q.text for q in option.questions} | {q.text for q in tickable}:
        assert words.count(question) == 1, question
    boxes = re.findall(r'name="chosen" value="([^"]+)"', main)
    assert sorted(boxes) == sorted(q.id for q in tickable)  # every one can be ticked, none twice
    # A question asked in an earlier section ("Ask:") has its box there, not in a list at the end.
    earlier = [q for q in tickable if any(q.text in option.sections[s] for s in OPTION_SECTIONS[:-1])]
    before_the_last_section = main.split("<h2>Questions you could ask</h2>")[0]
    assert all(f'value="{q.id}"' in before_the_last_section for q in earlier)


def test_without_a_finished_journey_an_option_lists_its_questions_once_without_boxes(client):
    option = loader.load().options[0]
    page = client.get(f"/options/{option.id}/").content.decode()
    assert 'name="chosen"' not in page
    for question in option.questions:
        assert visible_text(page).count(question.text) == 1


@pytest.mark.parametrize(("warning", "grace", "hint", "notice"), [
    (600, 60, "or after 10 minutes without use (it asks first, and waits 60 seconds).",
     "After 10 minutes without use it asks if you are still there, then erases them 60 seconds later."),
    (20, 15, "or after 20 seconds without use (it asks first, and waits 15 seconds).",
     "After 20 seconds without use it asks if you are still there, then erases them 15 seconds later."),
])
def test_the_shared_device_choice_says_after_how_long(client, settings, warning, grace, hint, notice):
    settings.SHARED_DEVICE_WARNING_SECONDS, settings.SHARED_DEVICE_GRACE_SECONDS = warning, grace
    said = re.search(r'<p class="choice__hint" id="shared-device-hint">(.*?)</p>', client.get("/").content.decode())
    assert said.group(1).endswith(hint)
    settings.SHARED_DEVICE = True  # a clinic's own tablets: said as a notice instead
    assert notice in client.get("/").content.decode()


def test_without_javascript_the_return_page_says_to_type_the_words_of_a_scanned_code(client):
    page = client.get("/return/").content.decode()
    note = re.search(r"<noscript>(.*?)</noscript>", page, re.S).group(1)
    assert "If you came here by scanning a QR code, please type the six words shown with it." in note


PAGES_A_FAMILY_SEES = ["/questions/risk-group/", "/check-your-answers/", "/summary/", "/weigh-up/", "/weigh-up/reasons/",
                       "/weigh-up/leaning/", "/weigh-up/summary/", "/options/chemotherapy/", "/options/compare/"]


def headings_and_buttons(page: str) -> tuple[list[str], list[str]]:
    main = page.split('<main id="main"')[1].split("</main>")[0]
    return ([visible_text(h) for h in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", main, re.S)],
            [visible_text(b) for b in re.findall(r"<button[^>]*>(.*?)</button>", main, re.S)])


@pytest.mark.parametrize("saved", [False, True], ids=["not saved", "saved"])
def test_need_to_stop_is_said_at_most_once_a_page_and_no_heading_repeats_its_button(client, saved):
    """Internal re-walk: the weigh-up summary (and check your answers) had a heading "Save and
    continue later" just above a button that says it again."""
    store(client, complete_answers(risk_group="high"))
    client.post("/weigh-up/", {"options": ["chemotherapy"]})
    if saved:
        assert client.post("/save/")["Location"] == "/saved/"
    for url in PAGES_A_FAMILY_SEES:
        page = client.get(url).content.decode()
        assert visible_text(page).count("Need to stop?") <= 1, url
        headings, buttons = headings_and_buttons(page)
        assert not set(headings) & set(buttons), (url, set(headings) & set(buttons))
    for url in ("/check-your-answers/", "/weigh-up/summary/"):
        headings, buttons = headings_and_buttons(client.get(url).content.decode())
        assert headings[-1] == ("Your saved answers" if saved else "Need to stop?"), url
        assert "Save and continue later" in buttons, url
        said = visible_text(client.get(url).content.decode())
        assert ("Your answers are saved until" in said) == saved
        assert ("Need to stop? Save your answers and continue later, on this device or another one." in said) != saved
