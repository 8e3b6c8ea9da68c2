"""The handout's front sheet keeps the family's words and every option it chose (parent
walk-through C3), whatever the family wrote (security review N1), with its emoji and in its own
direction (the walk-through's polish list)."""

import io
import re

import pytest
from pypdf import PdfReader

from decisionaid.family.answers import QUESTIONS_KEY, SESSION_KEY, WEIGH_UP_KEY
from decisionaid.library import loader
from decisionaid.printing import front_sheet, handout, pdf_process
from tests.printing.test_handout import WEIGH_UP, family, flat

pytestmark = pytest.mark.django_db

MAYA_HOPES = ("That Maya gets more good days at home with her brother, that she can go back to school for a bit, "
              "and that whatever we decide she is not in pain.")
THREE_OPTIONS = {**WEIGH_UP, "options": ["chemoimmunotherapy", "alk-targeted-therapy", "comfort-care"],
                 "reasons": {"chemoimmunotherapy": {"for": "Some children respond.", "against": "The pain last time."},
                             "alk-targeted-therapy": {"for": "Her tumour has the ALK change, and it is tablets she "
                                                              "could take at home with us.", "against": "Early trials."},
                             "comfort-care": {"for": "Time at home.", "against": "We are not ready."}},
                 "leaning": "alk-targeted-therapy"}


def front_and_rest(client):
    pdf = client.get("/handout.pdf")
    assert pdf.status_code == 200, pdf.content.decode()[:1000]
    reader = PdfReader(io.BytesIO(pdf.content))
    return flat(reader.pages[0].extract_text()), flat(" ".join(p.extract_text() for p in reader.pages[1:]))


def test_the_front_sheet_names_every_chosen_option_and_keeps_the_familys_hopes_whole(client):
    """The review's family: its 151-letter hopes ended "and that whatever we …", and its third
    option, rated very important, was only "Also: 1 more"."""
    family(client, weigh_up=THREE_OPTIONS, hopes=MAYA_HOPES, alk="yes")
    front, _ = front_and_rest(client)
    assert MAYA_HOPES in front and "Also:" not in front
    for title in ("Immunotherapy with chemotherapy", "Medicines that block ALK", "Focusing on comfort"):
        assert title in front, title
    assert "Which way we are leaning: Medicines that block ALK" in front


def test_with_many_options_each_is_named_on_the_front_sheet_and_the_reasons_follow(client):
    every = [o for o in loader.load().options]
    reasons = {o.id: {"for": f"For {o.id}.", "against": f"Against {o.id}."} for o in every}
    family(client, weigh_up={**WEIGH_UP, "options": [o.id for o in every], "reasons": reasons})
    front, rest = front_and_rest(client)
    assert all(o.title in front for o in every) and "Our reasons for and against are on page 2." in front
    assert all(f"For {o.id}." in rest and f"Our reasons: {o.title}" in rest for o in every)


def test_a_cut_ends_a_sentence_or_a_word_and_says_where_the_rest_is(client):
    hopes = "That she is home for her birthday. " * 9 + "That her brother can visit every day, and that she sleeps well."
    worries = "Pain " * 120
    family(client, hopes=hopes, worries=worries)
    front, rest = front_and_rest(client)
    assert "That she is home for her birthday. (continues on page 2)" in front  # at a sentence's end
    assert re.search(r"Pain … \(continues on page 2\)", front) and "Pain Pai " not in front  # at a word's end
    assert flat(hopes) in rest and flat(worries).strip() in rest  # in full on page 2
    assert front_sheet.shortened("W" * 1000, 100) == ("W" * 51 + " …", True)  # one long word: inside it, marked


def test_the_heaviest_family_is_laid_out_at_most_twice_and_page_one_holds(client):
    """Review N1: 1,000 "W" in its hopes, worries and side-effects details, 30 questions of its
    own of 300 "W", every option with 1,000-"W" reasons: laid out three times, over 30 s."""
    run = "W" * 1000
    every = [o.id for o in loader.load().options]
    family(client, weigh_up={**WEIGH_UP, "options": every, "reasons": {o: {"for": run, "against": run} for o in every}},
           hopes=run, worries=run, side_effects=["pain", "other"], side_effects_details=run)
    session = client.session
    session[QUESTIONS_KEY] = {"chosen": None, "own": [f"{n:02d}" + "W" * 298 for n in range(30)]}
    session.save()
    context = handout_for_session(client)
    made = pdf_process.render(handout.pdf_html(context), refit=lambda measured: handout.refit(context, measured))
    assert made.layouts <= 2
    reader = PdfReader(io.BytesIO(made.pdf))
    first, second = (flat(reader.pages[n].extract_text()).replace("\u200b", "") for n in (0, 1))
    assert "(continues on page 2)" in first and second.startswith("Continued from the front page")
    assert all(o.title in first for o in loader.load().options)


def handout_for_session(client):
    import datetime

    store = client.session
    return handout.handout_context(store[SESSION_KEY], store[QUESTIONS_KEY], datetime.date.today(), store[WEIGH_UP_KEY])


def test_the_familys_emoji_print_and_its_own_words_keep_their_direction(client):
    """Walk-through polish: 🙏 and 🐰 printed as empty boxes; Arabic printed well, but the
    family's own words had no dir="auto"."""
    family(client, hopes="Home for her birthday 🙏🐰", worries="أن تتألم", side_effects=["pain", "other"],
           side_effects_details="Mucositis 😢", weigh_up={**WEIGH_UP, "reasons": {"mibg-therapy": {
               "for": "שיקום", "against": "A week away."}}})
    add = client.post("/summary/questions/", {"own_question": "هل يمكننا البقاء معها؟"})
    assert add.status_code == 302
    html = client.get("/handout/").content.decode()
    for words in ("Home for her birthday 🙏🐰", "أن تتألم", "Mucositis 😢", "שיקום", "هل يمكننا البقاء معها؟"):
        start = html.index(words)
        assert 'dir="auto"' in html[html.rindex("<", 0, start):start], words  # on the element that holds them
    pdf = client.get("/handout.pdf").content
    fonts = {str(font.get("/BaseFont")) for page in PdfReader(io.BytesIO(pdf)).pages
             for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values()
             for font in [font.get_object()]}
    assert any("Noto-Color-Emoji" in font for font in fonts), fonts
